// ProcessPrng over RtlGenRandom: Go 1.22 and later need bcryptprimitives.dll's
// ProcessPrng at start, which Wine 8.0 lacks. Built and put in the Wine prefix by
// wine.sh; never shipped.
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!RtlGenRandom(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
