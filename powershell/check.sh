#!/usr/bin/env bash
# Checks the EntraPasskey PowerShell module without PowerShell (pwsh runs the Pester tests
# in EntraPasskey/Tests; this runs anywhere with Node):
#  1. every .ps1/.psm1/.psd1 parses (tree-sitter-powershell, WebAssembly, installed from
#     npm into powershell/.tools);
#  2. the manifest's FunctionsToExport is exactly the Public/*.ps1 files, and each file
#     defines the function it is named after;
#  3. no secret reaches a command line: -Pin/-NewPin/-AccessToken/-ClientSecret/
#     -CertificatePassword values never go into an argument list, SecureStrings are
#     unwrapped only in the two helpers that write stdin and the child's environment,
#     and the PIN/secret file and environment flags are never built.
# Skips (exit 0) with a notice when Node/npm are missing and cannot be installed.
set -euo pipefail
cd "$(dirname "$0")"
module=EntraPasskey
fail=0

# Pinned parser versions (checked together: the grammar's wasm loads in this runtime).
web_tree_sitter=0.27.1
tree_sitter_powershell=0.26.4

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "powershell/check.sh: skip: node and npm are not installed (scripts/deps.sh installs them on Debian/Ubuntu)" >&2
	exit 0
fi

tools=.tools
stamp="$tools/.installed-$web_tree_sitter-$tree_sitter_powershell"
if [ ! -f "$stamp" ]; then
	echo "powershell/check.sh: installing web-tree-sitter@$web_tree_sitter tree-sitter-powershell@$tree_sitter_powershell into powershell/$tools" >&2
	rm -rf "$tools"
	mkdir -p "$tools"
	echo '{"name":"entra-passkey-powershell-tools","private":true}' >"$tools/package.json"
	# --ignore-scripts: the grammar's native addon is not needed, only its .wasm.
	(cd "$tools" && npm install --silent --ignore-scripts --no-audit --no-fund --no-save \
		"web-tree-sitter@$web_tree_sitter" "tree-sitter-powershell@$tree_sitter_powershell") >&2
	touch "$stamp"
fi

echo "== parse (tree-sitter-powershell)" >&2
mapfile -t files < <(find "$module" -type f \( -name '*.ps1' -o -name '*.psm1' -o -name '*.psd1' \) | sort)
if [ "${#files[@]}" -eq 0 ]; then
	echo "powershell/check.sh: error: no PowerShell files under $module" >&2
	exit 1
fi
if ! NODE_PATH="$PWD/$tools/node_modules" node tools/parse.cjs "${files[@]}" >/dev/null; then
	fail=1
fi
echo "parsed ${#files[@]} files" >&2

echo "== manifest exports" >&2
exported="$(sed -n '/FunctionsToExport/,/)/p' "$module/$module.psd1" | grep -o "'[A-Za-z-]*'" | tr -d "'" | sort)"
public="$(cd "$module/Public" && ls -1 -- *.ps1 | sed 's/\.ps1$//' | sort)"
if [ "$exported" != "$public" ]; then
	echo "powershell/check.sh: error: FunctionsToExport and Public/*.ps1 differ:" >&2
	diff <(echo "$exported") <(echo "$public") >&2 || true
	fail=1
fi
for f in "$module"/Public/*.ps1 "$module"/Private/*.ps1; do
	name="$(basename "$f" .ps1)"
	defined="$(grep -ciE '^function[[:space:]]+' "$f" || true)"
	if ! grep -qiE "^function[[:space:]]+$name[[:space:]]*\{" "$f" || [ "$defined" -ne 1 ]; then
		echo "powershell/check.sh: error: $f must define exactly one function, $name" >&2
		fail=1
	fi
done
echo "$(echo "$public" | wc -l) exported functions match Public/" >&2

echo "== no secrets on command lines" >&2
code=("$module"/Public/*.ps1 "$module"/Private/*.ps1 "$module/$module.psm1")
secret_vars='\$(Pin|NewPin|AccessToken|ClientSecret|CertificatePassword|secure|secret|bstr)\b'
# A line that builds arguments ($argv, -ArgumentList, .Arguments, .ArgumentList) must not
# mention a secret variable.
if grep -nEi "(\\\$argv|ArgumentList|\.Arguments\b)" "${code[@]}" | grep -Ei "$secret_vars"; then
	echo "powershell/check.sh: error: a secret variable on a line that builds the binary's arguments (above)" >&2
	fail=1
fi
# (Flags are matched as quoted strings: help text may name them.) The binary's own
# secret sources that would put a secret in a file or a named variable
# the module controls are never used; --*-env flags are allowed only with the fixed
# variable names of ConvertTo-EntraPasskeySignInArgument (set in the child's environment only).
if grep -nE -- "['\"]--(pin-file|pin-env|new-pin-file|new-pin-env|client-secret-file|access-token-file|certificate-password-file)['\"]" "${code[@]}"; then
	echo "powershell/check.sh: error: the module must pass PINs on stdin and secrets in the child's environment (above)" >&2
	fail=1
fi
if grep -nE -- "['\"]--(access-token-env|client-secret-env|certificate-password-env)['\"]" "${code[@]}" | grep -v "Private/ConvertTo-EntraPasskeySignInArgument.ps1"; then
	echo "powershell/check.sh: error: secret --*-env flags outside ConvertTo-EntraPasskeySignInArgument (above)" >&2
	fail=1
fi
# SecureStrings are unwrapped in exactly two places.
unwrap='SecureStringToBSTR|SecureStringToGlobalAlloc|PtrToString|ConvertFrom-SecureString|GetNetworkCredential|AsPlainText'
if grep -nE "$unwrap" "${code[@]}" | grep -vE "Private/(ConvertTo-EntraPasskeyEscapedSecret|Set-EntraPasskeySecretEnvironment)\.ps1:"; then
	echo "powershell/check.sh: error: a SecureString unwrapped outside the two stdin/environment helpers (above)" >&2
	fail=1
fi
# The process is started in one place only.
if grep -nE "Diagnostics\.Process\]|Start-Process|ProcessStartInfo\]::new|& *\\\$|Invoke-Expression" "${code[@]}" | grep -v "Private/Invoke-EntraPasskeyBinary.ps1:" | grep -v "Private/Set-EntraPasskeySecretEnvironment.ps1:.*\[Parameter"; then
	echo "powershell/check.sh: error: the binary must run only in Invoke-EntraPasskeyBinary (above)" >&2
	fail=1
fi

if [ "$fail" -ne 0 ]; then
	echo "powershell/check.sh: FAILED" >&2
	exit 1
fi
echo "powershell/check.sh: ok" >&2
