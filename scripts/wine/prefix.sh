# Sourced by the Wine scripts (internal/*/testdata/wine.sh, scripts/windows-cgo.sh).
# wine_prefix WORKDIR makes the private Wine prefix (unless WINEPREFIX is set) in which
# Go's windows/amd64 programs run under Wine 8.0: Go 1.22+ needs ProcessPrng, which
# Wine 8.0's bcryptprimitives.dll lacks, so a mingw-w64 build of one that exports it
# over RtlGenRandom goes into the prefix's system32.
wine_prefix() {
	local work=$1 dir
	dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
	export WINEPREFIX=${WINEPREFIX:-$work/prefix} WINEDEBUG=${WINEDEBUG:--all}
	export PATH=/usr/lib/wine:$PATH # Debian's wine64 is not on PATH without the wine package
	x86_64-w64-mingw32-gcc -shared -O2 -Wall -o "$work/bcryptprimitives.dll" "$dir/processprng.c" "$dir/processprng.def" -ladvapi32
	wine64 wineboot -i >/dev/null 2>&1
	cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
}

# wine_stop ends the prefix's wineserver before the prefix is removed (it would
# otherwise complain that it cannot save the registry into a deleted directory).
wine_stop() {
	[ -z "${WINEPREFIX:-}" ] || wineserver -k >/dev/null 2>&1 || true
}
