#!/usr/bin/env bash
# Runs the backend's Windows tests under Wine 8.0 (Debian: apt-get install wine64
# gcc-mingw-w64-x86-64): builds the ProcessPrng shim and the stand-in webauthn.dll
# with mingw-w64, puts both in a private prefix's system32, and runs the windows/amd64
# test binary with the fake DLL's test turned on. Usage: wine.sh [go test flags].
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'wine_stop; rm -rf "$work"' EXIT
# shellcheck source=../../../../scripts/wine/prefix.sh
. "$here/../../../../scripts/wine/prefix.sh"
wine_prefix "$work"
x86_64-w64-mingw32-gcc -shared -O2 -Wall -Wextra -o "$work/webauthn.dll" "$here/fakewebauthn.c" "$here/fakewebauthn.def"
cp "$work/webauthn.dll" "$WINEPREFIX/drive_c/windows/system32/"
(cd "$here/.." && GOOS=windows GOARCH=amd64 go test -c -o "$work/winwebauthn.test.exe" .)
ENTRA_PASSKEY_FAKE_WEBAUTHN_DLL=1 wine64 "$work/winwebauthn.test.exe" -test.count=1 "$@"
# The structures' sizes and offsets as mingw-w64's webauthn.h gives them, printed by a C
# program run under Wine, against the Go mirror (on Linux, in the same prefix).
(cd "$here/.." && ENTRA_PASSKEY_WINE_LAYOUT=1 go test -count=1 -run 'TestLayoutReadUnderWine' -v . | grep -E '^(--- |ok|FAIL|\s+layout_test)')
