#!/usr/bin/env bash
# Runs safefile's and cli's Windows tests (the file ACLs, the console prompt) under
# Wine 8.0 (Debian: apt-get install wine64 gcc-mingw-w64-x86-64), as
# fido/winwebauthn/testdata/wine.sh does: builds the ProcessPrng shim Go needs with
# mingw-w64, puts it in a private prefix's system32, and runs each windows/amd64 test
# binary. The cli binary runs inside script(1), so that Wine gives it a console.
# Usage: wine.sh [go test flags].
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'wine_stop; rm -rf "$work"' EXIT
# shellcheck source=../../../scripts/wine/prefix.sh
. "$root/scripts/wine/prefix.sh"
wine_prefix "$work"
(cd "$root" && GOOS=windows GOARCH=amd64 go test -c -o "$work/safefile.test.exe" ./internal/safefile &&
	GOOS=windows GOARCH=amd64 go test -c -o "$work/cli.test.exe" ./internal/cli)
status=0
echo "== internal/safefile"
wine64 "$work/safefile.test.exe" -test.count=1 "$@" || status=$?
echo "== internal/cli (console)"
args=$(printf ' %q' -test.count=1 -test.run 'Console' "$@")
script -qec "wine64 $(printf %q "$work/cli.test.exe")$args" /dev/null </dev/null || status=$?
exit $status
