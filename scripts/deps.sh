#!/usr/bin/env bash
# Installs what building and testing entra-passkey needs on a Debian/Ubuntu machine:
# libfido2's headers (the key backend is cgo on libfido2), pkg-config and gcc, fido2-tools
# (the benchmark's reference); with --with-node also
# Node and npm for the PowerShell module's checks; with --with-arm64 also the linux/arm64
# cross toolchain; with --with-windows also mingw-w64 and Wine (the Windows builds and
# their runs under Wine: scripts/cross.sh, scripts/release.sh). Go itself must be
# installed already (https://go.dev/dl/). Safe to run again: it skips what is there.
set -euo pipefail

with_node=false with_arm64=false with_windows=false
for flag in "$@"; do
	case "$flag" in
	--with-node) with_node=true ;;
	--with-arm64) with_arm64=true ;;
	--with-windows) with_windows=true ;;
	*)
		echo "entra-passkey: usage: scripts/deps.sh [--with-node] [--with-arm64] [--with-windows]" >&2
		exit 2
		;;
	esac
done

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
if $with_node && { ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; }; then
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
# With --with-windows (scripts/cross.sh, scripts/release.sh): mingw-w64 (the webauthn.h
# layout check, the Windows libfido2 build: zlib for it), Wine 8.0 to run the Windows
# programs, and script(1) (util-linux) that gives them a console.
with_windows() {
	local need=()
	command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64)
	[ -f /usr/x86_64-w64-mingw32/include/zlib.h ] || need+=(libz-mingw-w64-dev)
	[ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null 2>&1 || need+=(wine64)
	command -v script >/dev/null 2>&1 || need+=(bsdutils)
	[ "${#need[@]}" -gt 0 ] || return 0
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "entra-passkey: error: missing ${need[*]} and no apt-get: the Windows builds need mingw-w64 and Wine" >&2
		exit 1
	fi
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "entra-passkey: installing ${need[*]} with apt-get (for the Windows builds and Wine)" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
}
! $with_arm64 || with_arm64
! $with_windows || with_windows
go mod download
