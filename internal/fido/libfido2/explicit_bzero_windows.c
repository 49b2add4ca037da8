// explicit_bzero for mingw-w64 (see cgo_windows.go): SecureZeroMemory's stores are not
// optimised away.

#include <windows.h>
#include "explicit_bzero_windows.h"

void
explicit_bzero(void *buf, size_t len)
{
	SecureZeroMemory(buf, len);
}
