#!/usr/bin/env bash
# Keeps the architecture visible (docs/architecture.md): the test oracle and the wire
# types import nothing of the project, and no command reaches a key backend except
# through fido's Mux (fido/backends). Prints each broken rule and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
mod=github.com/entra-passkey/entra-passkey
failed=0
imports() { go list -f '{{join .Imports "\n"}}' "$1"; }
for pkg in ./internal/emulator ./internal/webauthn ./internal/redact ./internal/textin ./internal/safefile ./internal/roster ./internal/inventory; do
	if bad=$(imports "$pkg" | grep "^$mod/"); then
		echo "entra-passkey: error: $pkg must import nothing internal, but imports: $bad" >&2
		failed=1
	fi
done
if bad=$(imports ./internal/cli | grep -E "^$mod/internal/fido/libfido2$"); then
	echo "entra-passkey: error: internal/cli imports a key backend ($bad): go through fido/backends" >&2
	failed=1
fi
if bad=$(imports ./internal/enroll | grep -E "^$mod/internal/(cli|fido/libfido2|fido/virtual|fido/backends)$"); then
	echo "entra-passkey: error: internal/enroll imports $bad: the ceremony is backend-neutral" >&2
	failed=1
fi
if bad=$(imports ./internal/bulk | grep -E "^$mod/internal/(cli|fido/libfido2|fido/virtual|fido/backends|bulk/sqlitestore)$"); then
	echo "entra-passkey: error: internal/bulk imports $bad: rollouts are backend- and store-neutral" >&2
	failed=1
fi
# No linker tricks: nothing renames libfido2's symbols (GNU ld's --wrap does not exist on
# macOS's linker), in any package the binary or the tests link.
if bad=$(go list -deps -test -f '{{.ImportPath}}: {{join .CgoLDFLAGS " "}}' ./... | grep -E -- '--wrap|-Wl,'); then
	echo "entra-passkey: error: linker flags that replace symbols: $bad" >&2
	failed=1
fi
[ "$failed" -eq 0 ] && echo "imports: ok" >&2
exit "$failed"
