// fido_dev_open for LD_PRELOAD: software keys get io callbacks into Go (preload_linux.go), then
// libfido2's own fido_dev_open (found with dlsym(RTLD_NEXT)) runs as for any key.

#define _GNU_SOURCE
#include <dlfcn.h>
#include <fido.h>
#include <stdint.h>
#include <string.h>
#include "_cgo_export.h"

#define VIRTUAL_PREFIX "virtual:"

static void *
pio_open(const char *path)
{
	uintptr_t h = epPreloadOpen((char *)path);
	return h == 0 ? NULL : (void *)h;
}

static void
pio_close(void *h)
{
	epPreloadClose((uintptr_t)h);
}

static int
pio_read(void *h, unsigned char *buf, size_t len, int ms)
{
	return epPreloadRead((uintptr_t)h, buf, len, ms);
}

static int
pio_write(void *h, const unsigned char *buf, size_t len)
{
	return epPreloadWrite((uintptr_t)h, (unsigned char *)buf, len);
}

static const fido_dev_io_t preload_io = { pio_open, pio_close, pio_read, pio_write };

int
fido_dev_open(fido_dev_t *dev, const char *path)
{
	static int (*real_open)(fido_dev_t *, const char *);
	if (real_open == NULL)
		real_open = (int (*)(fido_dev_t *, const char *))dlsym(RTLD_NEXT, "fido_dev_open");
	if (real_open == NULL)
		return FIDO_ERR_INTERNAL;
	if (path != NULL && strncmp(path, VIRTUAL_PREFIX, strlen(VIRTUAL_PREFIX)) == 0) {
		int r = fido_dev_set_io_functions(dev, &preload_io);
		if (r != FIDO_OK)
			return r;
	}
	return real_open(dev, path);
}
