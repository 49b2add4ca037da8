#!/usr/bin/env bash
# The windows/amd64 cgo build on libfido2, cross-built here with Debian's mingw-w64, and
# run under Wine 8.0 against the Linux-side emulator. scripts/test.sh runs it (CI);
# scripts/release.sh runs it with --build-only for the Windows archive. See docs/install.md.
#
#   scripts/windows-cgo.sh [--build-only]
#
# It compiles libfido2 1.12.0 and libcbor 0.8.0, the versions Debian 12 ships for Linux,
# from scripts/third_party/ (unmodified upstream sources: see its README.md). To build
# another checkout instead, set LIBFIDO2_SRC (a git clone is read at tag LIBFIDO2_TAG,
# default 1.12.0; any other directory as it is) and LIBCBOR_SRC (LIBCBOR_TAG, v0.8.0).
#
# Why not go-libfido2's shipped windows/lib/fido2.dll: it is an old libfido2 that lacks 23
# of the functions this package calls (fido_dev_set_timeout, fido_cbor_info_uv_modality,
# fido_cred_authdata_raw_ptr, fido_dev_set_pin_minlen, fido_dev_toggle_always_uv, ...),
# and its cbor.lib is a static MSVC library that mingw's C runtime cannot link. What it
# does give is LibreSSL 3.0.2's libcrypto (crypto-45.dll, with its headers), which
# libfido2 accepts: so this script builds libcbor (static) and libfido2 (fido2.dll, zlib
# linked in statically) with mingw-w64 against that crypto-45.dll, and links the exe
# against them through CGO_CFLAGS/CGO_LDFLAGS (cgo.go's `-lfido2`). The exe needs
# fido2.dll and crypto-45.dll beside it; crypto-45.dll, built with MSVC, also needs
# VCRUNTIME140.dll (the Visual C++ runtime; Wine has its own).
#
# WINDOWS_CGO_BUILDFLAGS and WINDOWS_CGO_LDFLAGS pass go build flags and -ldflags
# (scripts/release.sh: -trimpath, the version). Output: bin/windows-amd64-cgo/
# (entra-passkey.exe, fido2.dll, crypto-45.dll). Then, without --build-only, under Wine (a
# private prefix with the ProcessPrng shim that Go needs on Wine 8.0): `version` (auto
# and --backend libfido2), then against the emulator (started on Linux, its ready file
# copied for Wine) a software key's creation, key-info
# and a whole `register --backend libfido2`, checked from Linux with `methods list`, and
# `make-credential --backend webauthn`, which must fail with a code (Wine's webauthn.dll
# cannot serve).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build_only=false
[ "${1:-}" = "--build-only" ] && build_only=true

die() { echo "windows-cgo: error: $*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*" >&2; }

cc=x86_64-w64-mingw32-gcc
need=()
command -v "$cc" >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64)
[ -f /usr/x86_64-w64-mingw32/include/zlib.h ] || need+=(libz-mingw-w64-dev)
$build_only || [ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null 2>&1 || need+=(wine64)
if [ "${#need[@]}" -gt 0 ]; then
	command -v apt-get >/dev/null 2>&1 || die "missing ${need[*]} and no apt-get"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "windows-cgo: installing ${need[*]} with apt-get" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
LIBFIDO2_SRC=${LIBFIDO2_SRC:-$root/scripts/third_party/libfido2-1.12.0}
LIBCBOR_SRC=${LIBCBOR_SRC:-$root/scripts/third_party/libcbor-0.8.0}
[ -d "$LIBFIDO2_SRC" ] || die "LIBFIDO2_SRC ($LIBFIDO2_SRC) is not a directory"
[ -d "$LIBCBOR_SRC" ] || die "LIBCBOR_SRC ($LIBCBOR_SRC) is not a directory"

work=$(mktemp -d)
emulator_pid=""
cleanup() {
	if [ -n "$emulator_pid" ]; then
		kill "$emulator_pid" 2>/dev/null || true
		wait "$emulator_pid" 2>/dev/null || true
	fi
	! declare -F wine_stop >/dev/null || wine_stop
	rm -rf "$work"
}
trap cleanup EXIT

# tree SRC TAG DEST: the tree at TAG when SRC is (the top of) a git repository that has
# it, else SRC as it is (the copies in scripts/third_party/ sit inside this repository).
tree() {
	mkdir -p "$3"
	local top bare
	top=$(git -C "$1" rev-parse --show-toplevel 2>/dev/null || true)
	bare=$(git -C "$1" rev-parse --is-bare-repository 2>/dev/null || true)
	if { [ "$bare" = true ] || [ "$top" = "$(cd "$1" && pwd -P)" ]; } &&
		git -C "$1" rev-parse -q --verify "$2^{commit}" >/dev/null 2>&1; then
		git -C "$1" archive "$2" | tar -x -C "$3"
	else
		cp -a "$1"/. "$3"
	fi
}
tree "$LIBFIDO2_SRC" "${LIBFIDO2_TAG:-1.12.0}" "$work/libfido2"
tree "$LIBCBOR_SRC" "${LIBCBOR_TAG:-v0.8.0}" "$work/libcbor"
[ -f "$work/libfido2/src/fido.h" ] || die "$LIBFIDO2_SRC is not a libfido2 source tree"
[ -f "$work/libcbor/src/cbor.h" ] || die "$LIBCBOR_SRC is not a libcbor source tree"
cmake_version() { sed -n -E "s/^(set|SET)\($2 \"?([0-9]+)\"?\).*/\2/p" "$1" | head -1; }
fido_major=$(cmake_version "$work/libfido2/CMakeLists.txt" FIDO_MAJOR)
fido_minor=$(cmake_version "$work/libfido2/CMakeLists.txt" FIDO_MINOR)
fido_patch=$(cmake_version "$work/libfido2/CMakeLists.txt" FIDO_PATCH)
cbor_major=$(cmake_version "$work/libcbor/CMakeLists.txt" CBOR_VERSION_MAJOR)
cbor_minor=$(cmake_version "$work/libcbor/CMakeLists.txt" CBOR_VERSION_MINOR)
cbor_patch=$(cmake_version "$work/libcbor/CMakeLists.txt" CBOR_VERSION_PATCH)
[ -n "$fido_patch" ] && [ -n "$cbor_patch" ] || die "cannot read the versions in the CMakeLists.txt files"

gofido=$(go list -m -f '{{.Dir}}' github.com/keys-pub/go-libfido2)
[ -f "$gofido/windows/lib/crypto-45.dll" ] || die "no crypto-45.dll in $gofido/windows/lib"
prefix=$work/prefix
mkdir -p "$prefix/include" "$prefix/lib" "$prefix/bin"
cp -r "$gofido/windows/include/openssl" "$prefix/include/"
cp "$gofido/windows/lib/crypto-45.dll" "$prefix/bin/"
chmod -R u+w "$prefix"

step "libcbor $cbor_major.$cbor_minor.$cbor_patch (static, mingw-w64)"
cs=$work/libcbor/src
cat >"$cs/cbor/configuration.h" <<EOF
#ifndef LIBCBOR_CONFIGURATION_H
#define LIBCBOR_CONFIGURATION_H
#define CBOR_MAJOR_VERSION $cbor_major
#define CBOR_MINOR_VERSION $cbor_minor
#define CBOR_PATCH_VERSION $cbor_patch
#define CBOR_CUSTOM_ALLOC 0
#define CBOR_BUFFER_GROWTH 2
#define CBOR_MAX_STACK_SIZE 2048
#define CBOR_PRETTY_PRINTER 1
#define CBOR_RESTRICT_SPECIFIER restrict
#define CBOR_INLINE_SPECIFIER inline
#endif
EOF
cat >"$cs/cbor/cbor_export.h" <<'EOF'
#ifndef CBOR_EXPORT_H
#define CBOR_EXPORT_H
#define CBOR_EXPORT
#define CBOR_NO_EXPORT
#endif
EOF
mkdir -p "$work/obj/cbor"
find "$cs" -name '*.c' ! -name allocators.c | sort | while read -r f; do
	o=${f#"$cs"/}
	"$cc" -std=c99 -O2 -I"$cs" -c "$f" -o "$work/obj/cbor/${o//\//_}.o"
done
x86_64-w64-mingw32-ar rcs "$work/libcbor.a" "$work/obj/cbor"/*.o
cp -r "$cs/cbor" "$cs/cbor.h" "$prefix/include/"

step "libfido2 $fido_major.$fido_minor.$fido_patch (fido2.dll, mingw-w64, on go-libfido2's crypto-45.dll)"
fs=$work/libfido2/src
# As libfido2's CMakeLists.txt sets them for MinGW, with the HAVE_ macros its checks find
# in mingw-w64; log.c's XSI strerror_r is msvcrt's strerror_s (FIDO_DEBUG's trace stays).
defs=(-D_FIDO_INTERNAL -D_FIDO_MAJOR="$fido_major" -D_FIDO_MINOR="$fido_minor" -D_FIDO_PATCH="$fido_patch"
	-DWIN32_LEAN_AND_MEAN -D_WIN32_WINNT=0x0600 -D_POSIX_C_SOURCE=200809L -D_BSD_SOURCE -D_GNU_SOURCE
	-D_DEFAULT_SOURCE -DWC_ERR_INVALID_CHARS=0x80 -DHAVE_CBOR_H -DHAVE_OPENSSLV_H -DHAVE_SIGNAL_H
	-DHAVE_UNISTD_H -DHAVE_ASPRINTF '-Dstrerror_r(e,b,n)=strerror_s(b,n,e)')
srcs=(aes256 assert authkey bio blob buf cbor compress config cred credman dev ecdh eddsa err es256
	es384 hid info io iso7816 largeblob log pin random reset rs1 rs256 time touch tpm types u2f util hid_win)
compat=(bsd-getpagesize clock_gettime endian_win32 explicit_bzero explicit_bzero_win32 freezero
	recallocarray strlcat timingsafe_bcmp)
mkdir -p "$work/obj/fido2"
for f in "${srcs[@]}"; do
	[ -f "$fs/$f.c" ] || die "$fs/$f.c is missing: this script knows libfido2 1.12's source list"
	"$cc" -std=c99 -O2 "${defs[@]}" -I"$fs" -I"$prefix/include" -c "$fs/$f.c" -o "$work/obj/fido2/$f.o"
done
for f in "${compat[@]}"; do
	"$cc" -std=c99 -O2 "${defs[@]}" -I"$fs" -I"$prefix/include" -c "$work/libfido2/openbsd-compat/$f.c" -o "$work/obj/fido2/compat_$f.o"
done
cp "$fs/export.msvc" "$work/fido2.def" # its exports, as libfido2's own Windows DLL has them
# (The linker's "corrupt .drectve" warnings are about the MSVC-built crypto-45.dll: harmless.)
"$cc" -shared -s -Wl,--no-insert-timestamp -o "$prefix/bin/fido2.dll" "$work/obj/fido2"/*.o "$work/fido2.def" "$work/libcbor.a" \
	"$prefix/bin/crypto-45.dll" -l:libz.a -lwsock32 -lws2_32 -lbcrypt -lsetupapi -lhid \
	-Wl,--out-implib,"$prefix/lib/libfido2.dll.a" 2> >(grep -v 'corrupt .drectve' >&2)
cp "$fs/fido.h" "$prefix/include/"
cp -r "$fs/fido" "$prefix/include/"

# Every libfido2 function this package's C code calls must be exported by that fido2.dll.
x86_64-w64-mingw32-objdump -p "$prefix/bin/fido2.dll" |
	awk '/\[Ordinal\/Name Pointer\] Table/ {t = 1; next} t && /\]/ {print $NF}' | sort -u >"$work/exports"
grep -ohE '\bfido_[a-z0-9_]+\(' internal/fido/libfido2/*.go internal/fido/libfido2/*.c | tr -d '(' | grep -v '_t$' | sort -u >"$work/used"
missing=$(comm -23 "$work/used" "$work/exports")
[ -z "$missing" ] || die "fido2.dll lacks: $missing"
echo "fido2.dll exports all $(wc -l <"$work/used") libfido2 functions the package calls" >&2

step "entra-passkey.exe (GOOS=windows CGO_ENABLED=1, mingw-w64)"
out=$root/bin/windows-amd64-cgo
rm -rf "$out"
mkdir -p "$out"
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC="$cc" \
	CGO_CFLAGS="-O2 -g -I$prefix/include" CGO_LDFLAGS="-O2 -g -L$prefix/lib" \
	go build ${WINDOWS_CGO_BUILDFLAGS:-} -ldflags "${WINDOWS_CGO_LDFLAGS:-}" -o "$out/entra-passkey.exe" ./cmd/entra-passkey
cp "$prefix/bin/fido2.dll" "$prefix/bin/crypto-45.dll" "$out/"
ls -l "$out" >&2
x86_64-w64-mingw32-objdump -p "$out/entra-passkey.exe" | grep 'DLL Name' >&2
$build_only && exit 0

step "Wine: a private prefix with the ProcessPrng shim"
# shellcheck source=wine/prefix.sh
. scripts/wine/prefix.sh
wine_prefix "$work"
exe=$out/entra-passkey.exe
wine64 --version >&2

step '$ entra-passkey.exe version'
wine64 "$exe" version
step '$ entra-passkey.exe version --backend libfido2'
wine64 "$exe" version --backend libfido2

step "the emulator, on Linux"
go build -o "$work/entra-passkey" ./cmd/entra-passkey
run=$work/run
mkdir -m 700 "$run"
"$work/entra-passkey" emulator --ready-file "$run/emulator.json" --quiet >"$run/emulator.out" 2>"$run/emulator.log" &
emulator_pid=$!
for _ in $(seq 100); do [ -s "$run/emulator.json" ] && break; sleep 0.1; done
[ -s "$run/emulator.json" ] || { cat "$run/emulator.log" >&2; die "the emulator did not start"; }
# Wine maps / to Z:\, so Linux paths work as they are. Two things of the ready file do not
# suit a Windows process: its pid is a Linux one (the exe's liveness check cannot see it:
# 0 skips the check), and its CA file is 0644, which Wine shows as an ACL that lets
# Everyone read, refused on Windows: a 0600 copy of both.
ca=$(sed -n 's/.*"caFile": *"\([^"]*\)".*/\1/p' "$run/emulator.json")
(
	umask 077
	cp "$ca" "$run/ca.pem"
	sed -e 's/"pid": *[0-9]*/"pid": 0/' -e "s|\"caFile\": *\"[^\"]*\"|\"caFile\": \"$run/ca.pem\"|" \
		"$run/emulator.json" >"$run/emulator-wine.json"
)
export ENTRA_PASSKEY_EMULATOR=$run/emulator-wine.json ENTRA_PASSKEY_CACHE_FILE=$run/msal-cache.json
export ENTRA_PASSKEY_DEVICE=virtual:$run/key.json
ENTRA_PASSKEY_WINE_PIN="$(od -An -N4 -tu4 /dev/urandom | tr -dc 0-9 | cut -c1-8)"
while [ "${#ENTRA_PASSKEY_WINE_PIN}" -lt 8 ]; do ENTRA_PASSKEY_WINE_PIN="${ENTRA_PASSKEY_WINE_PIN}7"; done
export ENTRA_PASSKEY_WINE_PIN

step '$ entra-passkey.exe virtual-key create key.json --pin-env ENTRA_PASSKEY_WINE_PIN'
wine64 "$exe" virtual-key create "$run/key.json" --pin-env ENTRA_PASSKEY_WINE_PIN
step '$ entra-passkey.exe key-info --backend libfido2'
wine64 "$exe" key-info --backend libfido2
step '$ entra-passkey.exe register adele@contoso.example --backend libfido2 --pin-env ENTRA_PASSKEY_WINE_PIN'
wine64 "$exe" register adele@contoso.example --backend libfido2 --pin-env ENTRA_PASSKEY_WINE_PIN \
	--display-name "Wine libfido2 key" | tee "$run/register.json"
grep -q '"outcome":"done"' "$run/register.json" || die "register did not finish"
step '$ entra-passkey methods list adele@contoso.example (Linux side)'
ENTRA_PASSKEY_EMULATOR=$run/emulator.json ENTRA_PASSKEY_CACHE_FILE=$run/msal-cache-linux.json \
	"$work/entra-passkey" methods list adele@contoso.example | tee "$run/methods.json"
grep -q '"Wine libfido2 key"' "$run/methods.json" || die "the emulator does not list the key registered under Wine"
# Wine's own webauthn.dll cannot make credentials: the webauthn backend must say so with
# a code, not crash.
step '$ entra-passkey get-options adele@contoso.example | entra-passkey.exe make-credential --backend webauthn'
ENTRA_PASSKEY_EMULATOR=$run/emulator.json ENTRA_PASSKEY_CACHE_FILE=$run/msal-cache-linux.json \
	"$work/entra-passkey" get-options adele@contoso.example >"$run/options.json" 2>"$run/options.err" || { cat "$run/options.err" >&2; die "get-options failed"; }
status=0
env -u ENTRA_PASSKEY_DEVICE wine64 "$exe" make-credential --backend webauthn --log-format json <"$run/options.json" \
	>"$run/webauthn.out" 2>"$run/webauthn.err" || status=$?
cat "$run/webauthn.err" >&2
[ "$status" -ne 0 ] && [ "$status" -lt 128 ] || die "make-credential --backend webauthn under Wine exited $status"
grep -q '"code":"[a-z_]*"' "$run/webauthn.err" || die "make-credential --backend webauthn under Wine gave no error code"
echo "windows-cgo: ok: the libfido2 build registered a passkey under Wine, and the webauthn backend failed with a code" >&2
