// explicit_bzero for mingw-w64, whose C library lacks it (see cgo_windows.go).

#ifndef EP_EXPLICIT_BZERO_WINDOWS_H
#define EP_EXPLICIT_BZERO_WINDOWS_H

#include <stddef.h>

void explicit_bzero(void *buf, size_t len);

#endif
