#!/usr/bin/env bash
# Builds the release archives for VERSION from the last commit (HEAD, in a private clone:
# changes not committed are not in a release) into ./dist/:
#
#   entra-passkey_VERSION_linux_amd64.tar.gz    cgo, libfido2 linked dynamically (libfido2-1)
#   entra-passkey_VERSION_linux_arm64.tar.gz    the same, cross-built (Debian multiarch)
#   entra-passkey_VERSION_windows_amd64.zip     cgo: webauthn.dll and libfido2 (fido2.dll and
#                                               crypto-45.dll beside the exe; scripts/windows-cgo.sh)
#   entra-passkey_VERSION_<os>_<arch>.cdx.json  an SBOM per archive (CycloneDX JSON)
#   SHA256SUMS                                  sha256sum -c format, for all of the above
#
# Each archive holds one directory, entra-passkey_VERSION_<os>_<arch>/, with the binary,
# README.md, LICENSE (when the repository has one) and the PowerShell module EntraPasskey/,
# whose bin/<os>-<arch>/ holds the binary where the module looks for it first
# (Private/Resolve-EntraPasskeyBinary.ps1). In the tarballs the top-level binary and the
# module's are one file (a hard link); the zip carries the exe and its DLLs once, inside
# the module, with THIRD-PARTY.md and the licences of the C libraries in those DLLs.
#
# Reproducible: -trimpath, no VCS stamp (the commit goes in with -X instead), file times
# from SOURCE_DATE_EPOCH (default: the last commit's time), names sorted, owner 0, fixed
# modes, gzip without a name or time. Two runs of the same commit give the same
# SHA256SUMS. It installs what it needs with apt-get (scripts/deps.sh --with-arm64
# --with-windows); CI builds the same targets (scripts/cross.sh) but not the archives: run
# it on a Debian 12 machine or container (README, docs/install.md).
#
#   scripts/release.sh 0.1.0
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -ne 1 ] || ! [[ "$1" =~ ^[0-9A-Za-z][0-9A-Za-z.+_-]*$ ]]; then
	echo "entra-passkey: usage: scripts/release.sh VERSION (letters, digits and . + _ -; e.g. 0.1.0)" >&2
	exit 2
fi
version="$1"
mod=github.com/entra-passkey/entra-passkey
cyclonedx=github.com/CycloneDX/cyclonedx-gomod/cmd/cyclonedx-gomod@v1.10.0

./scripts/deps.sh --with-arm64 --with-windows
for tool in zip gzip tar sha256sum; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "entra-passkey: error: $tool is needed to write the archives (apt-get install $tool)" >&2
		exit 1
	}
done

commit="$(git rev-parse HEAD)"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct HEAD)}"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	echo "entra-passkey: note: the working tree has changes that are not committed: the release is built from HEAD ($commit) without them" >&2
fi

umask 022
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src="$work/src"
# A private clone at HEAD, not git archive: cyclonedx-gomod reads the main module's version
# from git (go-git, which cannot read a --shared clone's alternates). The tag v<VERSION>
# exists in that clone only, so the SBOM names this version; the shared repository is not
# touched.
git clone -q --no-checkout . "$src"
git -C "$src" -c advice.detachedHead=false checkout -q --detach "$commit"
if [[ "v$version" =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+].*)?$ ]]; then
	git -C "$src" tag "v$version" "$commit"
fi
mkdir -p dist
dist="$(cd dist && pwd)"
rm -f "$dist"/entra-passkey_"$version"_* "$dist/SHA256SUMS"

ldflags="-X $mod/internal/cli.Version=$version -X $mod/internal/cli.Commit=$commit"

# build GOOS GOARCH CGO_ENABLED OUT [VAR=VALUE...]: one binary from the exported source.
build() {
	local goos="$1" goarch="$2" cgo="$3" out="$4"
	shift 4
	echo "== building $goos/$goarch (CGO_ENABLED=$cgo)" >&2
	# keys-pub/go-libfido2 adds -L/usr/lib/x86_64-linux-gnu on Linux; the arm64 linker skips
	# the amd64 libraries it finds there and says so: those lines are noise, not errors.
	(cd "$src" && env GOOS="$goos" GOARCH="$goarch" CGO_ENABLED="$cgo" GOFLAGS= "$@" \
		go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$out" ./cmd/entra-passkey) \
		2> >(grep -v -e 'skipping incompatible /usr/lib/x86_64-linux-gnu/' -e "^# $mod/cmd/entra-passkey\$" >&2)
}

# sbom GOOS GOARCH CGO_ENABLED NAME BINARY [VAR=VALUE...]: CycloneDX JSON for one target,
# or, when the tool cannot be had, `go version -m` of the binary (the modules it was
# built from, with their sums) and a note saying why.
cyclonedx_bin=""
if GOBIN="$work/tools" GOOS= GOARCH= CGO_ENABLED=0 GOFLAGS= go install "$cyclonedx" 2>"$work/cyclonedx.log"; then
	# Installed for this machine once: `go run` would build it for the target's GOOS.
	cyclonedx_bin="$work/tools/cyclonedx-gomod"
else
	echo "entra-passkey: note: cannot install $cyclonedx (the module proxy did not serve it?): the SBOMs fall back to go version -m" >&2
	sed 's/^/  /' "$work/cyclonedx.log" >&2
fi
sbom() {
	local goos="$1" goarch="$2" cgo="$3" name="$4" binary="$5"
	shift 5
	if [ -n "$cyclonedx_bin" ] &&
		(cd "$src" && env GOOS="$goos" GOARCH="$goarch" CGO_ENABLED="$cgo" GOFLAGS= "$@" \
			"$cyclonedx_bin" app -json -licenses -noserial -main cmd/entra-passkey \
			-output "$dist/$name.cdx.json" .) 2>"$work/sbom.log"; then
		# Its metadata timestamp is the time of the run: the commit's time instead.
		sed -i "s/\"timestamp\": \"[^\"]*\"/\"timestamp\": \"$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)\"/" \
			"$dist/$name.cdx.json"
		return 0
	fi
	[ -z "$cyclonedx_bin" ] || {
		echo "entra-passkey: note: cyclonedx-gomod failed for $name: falling back to go version -m" >&2
		sed 's/^/  /' "$work/sbom.log" >&2
	}
	go version -m "$binary" | sed "s|$work/||" >"$dist/$name.buildinfo.txt"
}

# readme GOOS GOARCH: the archive's README.md.
readme() {
	local goos="$1" goarch="$2" exe="entra-passkey"
	[ "$goos" = windows ] && exe="entra-passkey.exe"
	cat <<EOF
# entra-passkey $version ($goos/$goarch)

Registers FIDO2 security keys as passkeys in Microsoft Entra ID, from the command line
(\`$exe\`) or from PowerShell (the EntraPasskey module in this archive).

Built from commit $commit. Check the archive against SHA256SUMS from the same release:
\`sha256sum -c SHA256SUMS --ignore-missing\` (on Windows: \`Get-FileHash <archive>\`, SHA256). The SBOM is \`entra-passkey_${version}_${goos}_${goarch}.cdx.json\`
beside the archive. Installation in full: docs/install.md in the source repository.

EOF
	case "$goos" in
	linux)
		cat <<EOF
## What it needs

The binary links **libfido2** dynamically, as Debian's own packages do. Install its
runtime package first:

    sudo apt-get install libfido2-1

It was built on Debian 12 (bookworm; libfido2 1.12, glibc 2.36): it runs there and on
distributions at least as new (Ubuntu 24.04, Debian 13). \`entra-passkey version\` says
\`"keyBackend":"libfido2"\` when the library is found. To reach keys as a normal user,
a udev rule must open FIDO keys to them: systemd 244 and later does it for the user
logged in at the seat (its \`fido_id\` rule); elsewhere install \`libu2f-udev\`.

## Install

    install -m 0755 entra-passkey /usr/local/bin/entra-passkey
    entra-passkey version

The PowerShell module (PowerShell 7 on Linux): copy \`EntraPasskey/\` into a directory
of \`\$env:PSModulePath\` (for example \`~/.local/share/powershell/Modules/\`), then
\`Import-Module EntraPasskey\`. It runs the binary in its own \`bin/$goos-$goarch/\` first,
then \`entra-passkey\` on PATH; \`\$env:ENTRA_PASSKEY_BIN\` overrides both.
EOF
		;;
	windows)
		cat <<EOF
## What this build does

It has both key backends. Without Administrator it uses Windows' own **webauthn.dll**:
Windows shows its PIN and touch dialogs. Elevated (Run as administrator) it uses
**libfido2** (fido2.dll beside the exe), which speaks raw CTAP to the key.
\`entra-passkey.exe version\` says which backend is in use and why; \`--backend
webauthn|libfido2\` (or \`\$env:ENTRA_PASSKEY_BACKEND\`) chooses one. The webauthn.dll
backend has been tested against a stand-in under Wine, not yet against Windows' own;
please report what you see.

Works without Administrator: signing in, \`get-options\`, \`make-credential\` and
\`register\` (Windows asks for the PIN and the touch), \`verify\`, \`submit\`,
\`methods list\` and \`methods delete\`.

Needs Administrator (raw CTAP, which Windows 10 1903 and later allow only to elevated
processes; libfido2 then reaches the key): key-info details (\`getInfo\`), setting or
changing a PIN (\`--set-random-pin\` included), key config (minimum PIN length,
alwaysUv), reset, serials and credential management. Without elevation these fail with
\`unsupported_by_backend\` or \`elevation_required\` and a hint, never a fake. The software
test key (\`virtual:\`) works with libfido2 elevated or not.

crypto-45.dll needs the Visual C++ 2015-2022 runtime (x64, "Microsoft Visual C++
Redistributable"), which most machines have: if \`entra-passkey.exe\` does not start and
Windows names VCRUNTIME140.dll, install it. THIRD-PARTY.md lists the DLLs and their
licences.

## Install

Copy the folder \`EntraPasskey\` into a module directory, for example
\`\$HOME\\Documents\\PowerShell\\Modules\\\` (PowerShell 7) or
\`\$HOME\\Documents\\WindowsPowerShell\\Modules\\\` (Windows PowerShell 5.1), then:

    Get-ChildItem -Recurse <that folder>\\EntraPasskey | Unblock-File   # if it came from the internet
    Import-Module EntraPasskey
    Get-EntraPasskeyVersion

The exe is \`EntraPasskey\\bin\\windows-amd64\\entra-passkey.exe\`, where the module looks
for it first. To use it from a command prompt, add that folder to PATH or copy the exe
anywhere on PATH.
EOF
		;;
	esac
	printf '\nThe SBOM lists the Go modules compiled in. libfido2 (Linux) is a system library, not in it.\n'
	[ ! -f "$src/LICENSE" ] || printf '\nLicense: see LICENSE.\n'
}

# third_party DIR: what the Windows DLLs are built from, and their licences.
third_party() {
	local dir="$1" tp="$src/scripts/third_party"
	mkdir -p "$dir/licenses"
	cp "$tp/libfido2-1.12.0/LICENSE" "$dir/licenses/libfido2-LICENSE"
	cp "$tp/libcbor-0.8.0/LICENSE.md" "$dir/licenses/libcbor-LICENSE.md"
	cat >"$dir/THIRD-PARTY.md" <<'EOF'
# C libraries in this archive

EntraPasskey/bin/windows-amd64/ holds, beside entra-passkey.exe:

| File | What | Licence |
|---|---|---|
| fido2.dll | Yubico's libfido2 1.12.0, with PJK's libcbor 0.8.0 and zlib linked in, built with mingw-w64 from unmodified sources (scripts/third_party/ and scripts/windows-cgo.sh in the source repository) | libfido2: BSD-2-Clause (licenses/libfido2-LICENSE); libcbor: MIT (licenses/libcbor-LICENSE.md); zlib: the zlib licence |
| crypto-45.dll | LibreSSL 3.0.2's libcrypto, as github.com/keys-pub/go-libfido2 ships it for Windows | the OpenSSL and SSLeay licences (LibreSSL's COPYING) |

crypto-45.dll was built with Microsoft's compiler and needs the Visual C++ 2015-2022
runtime (VCRUNTIME140.dll, "Microsoft Visual C++ Redistributable", x64), which most
Windows machines have.

The Go modules compiled into entra-passkey.exe are listed in the SBOM beside the archive.
EOF
}

# stage GOOS GOARCH BINARY: the archive's directory, times and modes fixed.
stage() {
	local goos="$1" goarch="$2" binary="$3" exe="entra-passkey"
	[ "$goos" = windows ] && exe="entra-passkey.exe"
	local name="entra-passkey_${version}_${goos}_${goarch}"
	local dir="$work/stage/$name"
	mkdir -p "$dir"
	# The module as it ships: its manifest's files and folders, not its tests.
	cp -R "$src/powershell/EntraPasskey" "$dir/EntraPasskey"
	rm -rf "$dir/EntraPasskey/Tests"
	mkdir -p "$dir/EntraPasskey/bin/$goos-$goarch"
	cp "$binary" "$dir/EntraPasskey/bin/$goos-$goarch/$exe"
	if [ "$goos" = windows ]; then
		cp "$(dirname "$binary")"/*.dll "$dir/EntraPasskey/bin/$goos-$goarch/"
		third_party "$dir"
	fi
	[ "$goos" = windows ] || ln "$dir/EntraPasskey/bin/$goos-$goarch/$exe" "$dir/$exe"
	readme "$goos" "$goarch" >"$dir/README.md"
	[ ! -f "$src/LICENSE" ] || cp "$src/LICENSE" "$dir/LICENSE"
	find "$dir" -type d -exec chmod 0755 {} +
	find "$dir" -type f -exec chmod 0644 {} +
	chmod 0755 "$dir/EntraPasskey/bin/$goos-$goarch/$exe"
	# zip stores local time: UTC here and in zip below, so the stored time is the same
	# wherever this runs.
	find "$dir" -exec env TZ=UTC touch -h -d "@$SOURCE_DATE_EPOCH" {} +
	echo "$dir"
}

targz() {
	local dir="$1"
	(cd "$(dirname "$dir")" && tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 \
		--numeric-owner --format=gnu -cf - "$(basename "$dir")") | gzip -9 -n >"$dist/$(basename "$dir").tar.gz"
}

zipdir() {
	local dir="$1"
	(cd "$(dirname "$dir")" && find "$(basename "$dir")" -type f | LC_ALL=C sort |
		TZ=UTC zip -q -X -9 -@ "$dist/$(basename "$dir").zip")
}

arm64_env=(CC=aarch64-linux-gnu-gcc PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)

build linux amd64 1 "$work/linux_amd64/entra-passkey" CC=gcc
sbom linux amd64 1 "entra-passkey_${version}_linux_amd64" "$work/linux_amd64/entra-passkey" CC=gcc
targz "$(stage linux amd64 "$work/linux_amd64/entra-passkey")"

build linux arm64 1 "$work/linux_arm64/entra-passkey" "${arm64_env[@]}"
sbom linux arm64 1 "entra-passkey_${version}_linux_arm64" "$work/linux_arm64/entra-passkey" "${arm64_env[@]}"
targz "$(stage linux arm64 "$work/linux_arm64/entra-passkey")"

# windows/amd64 with cgo: libfido2 and libcbor built with mingw-w64 from
# scripts/third_party/, on go-libfido2's crypto-45.dll (scripts/windows-cgo.sh says why).
echo "== building windows/amd64 (CGO_ENABLED=1: webauthn.dll and libfido2, scripts/windows-cgo.sh)" >&2
(cd "$src" && GOFLAGS= WINDOWS_CGO_BUILDFLAGS="-trimpath -buildvcs=false" WINDOWS_CGO_LDFLAGS="$ldflags" \
	./scripts/windows-cgo.sh --build-only) 2>&1 | grep -v -e '^[-d]r' -e '^total ' -e 'DLL Name' >&2
mkdir -p "$work/windows_amd64"
cp "$src/bin/windows-amd64-cgo/entra-passkey.exe" "$src/bin/windows-amd64-cgo/fido2.dll" \
	"$src/bin/windows-amd64-cgo/crypto-45.dll" "$work/windows_amd64/"
sbom windows amd64 1 "entra-passkey_${version}_windows_amd64" "$work/windows_amd64/entra-passkey.exe" CC=x86_64-w64-mingw32-gcc
zipdir "$(stage windows amd64 "$work/windows_amd64/entra-passkey.exe")"

(cd "$dist" && LC_ALL=C ls entra-passkey_"$version"_* | xargs sha256sum >SHA256SUMS)
echo "entra-passkey: release $version (commit $commit) in dist/:" >&2
(cd "$dist" && ls -l entra-passkey_"$version"_* SHA256SUMS) >&2
