#!/usr/bin/env bash
# The other systems, as CI checks them (scripts/test.sh runs this): go vet for windows
# and for darwin without cgo; builds of windows/amd64 without cgo (webauthn.dll only)
# and with libfido2 (scripts/windows-cgo.sh: both backends), linux/arm64 with libfido2
# (Debian multiarch), darwin/amd64 and darwin/arm64 without cgo; then the Windows code
# run under Wine 8.0: the libfido2 exe's whole register against the emulator, the
# webauthn.dll backend's and the ACL and console tests. Installs what it needs
# (scripts/deps.sh --with-arm64 --with-windows).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh --with-arm64 --with-windows

step() { printf '== %s\n' "$*" >&2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

step "go vet: windows (webauthn.dll backend included), darwin without cgo"
GOOS=windows go vet ./...
GOOS=darwin CGO_ENABLED=0 go vet ./...

step "builds: windows/amd64 without cgo, darwin/amd64 and darwin/arm64 without cgo"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -o "$out/entra-passkey-nocgo.exe" ./cmd/entra-passkey
GOOS=darwin GOARCH=amd64 CGO_ENABLED=0 go build -o "$out/entra-passkey-darwin-amd64" ./cmd/entra-passkey
GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 go build -o "$out/entra-passkey-darwin-arm64" ./cmd/entra-passkey

step "build: linux/arm64 with libfido2 (cgo, aarch64-linux-gnu-gcc, libfido2-dev:arm64)"
# go-libfido2 adds -L/usr/lib/x86_64-linux-gnu on Linux; the arm64 linker skips the amd64
# libraries it finds there and says so: noise, not errors.
GOOS=linux GOARCH=arm64 CGO_ENABLED=1 CC=aarch64-linux-gnu-gcc PKG_CONFIG_PATH= \
	PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig \
	go build -o "$out/entra-passkey-linux-arm64" ./cmd/entra-passkey \
	2> >(grep -v -e 'skipping incompatible /usr/lib/x86_64-linux-gnu/' -e '^# .*/cmd/entra-passkey$' >&2)
file "$out/entra-passkey-linux-arm64" 2>/dev/null | grep -q 'ARM aarch64' ||
	aarch64-linux-gnu-readelf -h "$out/entra-passkey-linux-arm64" | grep -q AArch64

step "windows/amd64 with libfido2 (both backends), and its register under Wine"
./scripts/windows-cgo.sh

step "the webauthn.dll backend's Windows tests under Wine (a stand-in webauthn.dll)"
./internal/fido/winwebauthn/testdata/wine.sh
step "the ACL and console tests under Wine"
./internal/safefile/testdata/wine.sh
