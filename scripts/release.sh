#!/usr/bin/env bash
# Builds the release archives for VERSION from the last commit (HEAD, in a private clone:
# changes not committed are not in a release) into ./dist/:
#
#   entra-passkey_VERSION_linux_amd64.tar.gz    cgo, libfido2 linked dynamically (libfido2-1)
#   entra-passkey_VERSION_linux_arm64.tar.gz    the same, cross-built (Debian multiarch)
#   entra-passkey_VERSION_windows_amd64.zip     no cgo: the webauthn.dll backend only
#   entra-passkey_VERSION_<os>_<arch>.cdx.json  an SBOM per archive (CycloneDX JSON)
#   SHA256SUMS                                  sha256sum -c format, for all of the above
#
# Each archive holds one directory, entra-passkey_VERSION_<os>_<arch>/, with the binary,
# README.md, LICENSE (when the repository has one) and the PowerShell module EntraPasskey/,
# whose bin/<os>-<arch>/ holds the binary where the module looks for it first
# (Private/Resolve-EntraPasskeyBinary.ps1). In the tarballs the top-level binary and the
# module's are one file (a hard link); the zip carries the exe once, inside the module.
#
# Reproducible: -trimpath, no VCS stamp (the commit goes in with -X instead), file times
# from SOURCE_DATE_EPOCH (default: the last commit's time), names sorted, owner 0, fixed
# modes, gzip without a name or time. Two runs of the same commit give the same
# SHA256SUMS. It installs what it needs with apt-get (scripts/deps.sh --with-arm64), so it
# is not part of CI: run it on a Debian 12 machine or container (README, docs/install.md).
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

./scripts/deps.sh --with-arm64
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

This build has **no cgo, so no libfido2**. Its key backend is Windows' own
\`webauthn.dll\`: Windows shows its PIN and touch dialogs, and **no Administrator** is
needed. \`entra-passkey.exe version\` says \`"keyBackend":"webauthn"\` and why.
This backend is new: it has been tested against a stand-in \`webauthn.dll\` under Wine,
not yet against Windows' own; please report what you see.

Works without Administrator: signing in, \`get-options\`, \`make-credential\` and
\`register\` (Windows asks for the PIN and the touch), \`verify\`, \`submit\`,
\`methods list\` and \`methods delete\`.

Does not work yet in this build, elevated or not (they need raw CTAP, which only the
libfido2 backend speaks; a libfido2 build for Windows is not in this release): key-info
details (\`getInfo\`), setting or changing a PIN (\`--set-random-pin\` included), key
config (minimum PIN length, alwaysUv), reset, serials, credential management, and the
software test key (\`virtual:\`). These fail with \`unsupported_by_backend\`, never a fake.

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

build windows amd64 0 "$work/windows_amd64/entra-passkey.exe"
sbom windows amd64 0 "entra-passkey_${version}_windows_amd64" "$work/windows_amd64/entra-passkey.exe"
zipdir "$(stage windows amd64 "$work/windows_amd64/entra-passkey.exe")"

(cd "$dist" && LC_ALL=C ls entra-passkey_"$version"_* | xargs sha256sum >SHA256SUMS)
echo "entra-passkey: release $version (commit $commit) in dist/:" >&2
(cd "$dist" && ls -l entra-passkey_"$version"_* SHA256SUMS) >&2
