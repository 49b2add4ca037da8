#!/usr/bin/env bash
# Installs what building and testing entra-passkey needs on a Debian/Ubuntu machine:
# libfido2's headers (the key backend is cgo on libfido2), pkg-config and gcc, fido2-tools
# (the benchmark's reference); with --with-node also
# Node and npm for the PowerShell module's checks; with --with-arm64 also the linux/arm64
# cross toolchain that scripts/release.sh uses. Go itself must be
# installed already (https://go.dev/dl/). Safe to run again: it skips what is there.
set -euo pipefail

if ! command -v go >/dev/null 2>&1; then
	echo "entra-passkey: error: Go is not installed (need Go 1.26 or later on PATH)" >&2
	exit 1
fi

need=()
[ -f /usr/include/fido.h ] || need+=(libfido2-dev)
command -v gcc >/dev/null 2>&1 || need+=(gcc)
# pkg-config finds libfido2's link flags; fido2-tools is libfido2's own client, which the
# make-credential benchmark measures against.
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v fido2-cred >/dev/null 2>&1 || need+=(fido2-tools)
if [ "${#need[@]}" -gt 0 ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "entra-passkey: error: missing ${need[*]} and no apt-get: install libfido2's development files by hand" >&2
		exit 1
	fi
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "entra-passkey: installing ${need[*]} with apt-get" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
# With --with-node (scripts/test.sh): Node and npm, which run the PowerShell module's
# parser check (powershell/check.sh); that check skips without them. The demo needs none.
if [ "${1:-}" = "--with-node" ] && { ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; }; then
	if command -v apt-get >/dev/null 2>&1; then
		sudo=""
		[ "$(id -u)" -eq 0 ] || sudo="sudo"
		echo "entra-passkey: installing nodejs npm with apt-get (for powershell/check.sh)" >&2
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
	else
		echo "entra-passkey: note: no node/npm and no apt-get: powershell/check.sh will skip its parser check" >&2
	fi
fi
# With --with-arm64 (scripts/release.sh): the linux/arm64 cross build. Debian multiarch:
# the arm64 architecture added to dpkg, libfido2's arm64 headers and library
# (libfido2-dev:arm64, with its arm64 dependencies) and the aarch64 cross compiler.
with_arm64() {
	local need=()
	command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || need+=(gcc-aarch64-linux-gnu)
	[ -f /usr/lib/aarch64-linux-gnu/pkgconfig/libfido2.pc ] || need+=(libfido2-dev:arm64)
	[ "${#need[@]}" -gt 0 ] || return 0
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "entra-passkey: error: missing ${need[*]} and no apt-get: the linux/arm64 build needs Debian multiarch" >&2
		exit 1
	fi
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		echo "entra-passkey: adding the arm64 architecture to dpkg (multiarch)" >&2
		$sudo dpkg --add-architecture arm64
	fi
	echo "entra-passkey: installing ${need[*]} with apt-get (for the linux/arm64 release)" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
}
[ "${1:-}" != "--with-arm64" ] || with_arm64
go mod download
