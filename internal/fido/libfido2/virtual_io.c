// libfido2 io hooks that serve software test keys ("virtual:<state-file>" paths).
//
// The linker wraps fido_dev_open, fido_dev_close and fido_dev_info_manifest (see
// virtual_io.go; cancel.c keeps the open devices for cancellation), so
// every open of such a path, go-libfido2's included, runs libfido2's real CTAPHID, CBOR
// and PIN protocol code against the software key through these callbacks.

#include <fido.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "_cgo_export.h"

#define VIRTUAL_PREFIX "virtual:"

int __real_fido_dev_open(fido_dev_t *, const char *);
void ep_register_open(fido_dev_t *, const char *); // cancel.c
int __real_fido_dev_info_manifest(fido_dev_info_t *, size_t, size_t *);

static void *
vio_open(const char *path)
{
	uintptr_t h = goVirtualOpen((char *)path);
	return h == 0 ? NULL : (void *)h;
}

static void
vio_close(void *h)
{
	goVirtualClose((uintptr_t)h);
}

static int
vio_read(void *h, unsigned char *buf, size_t len, int ms)
{
	return goVirtualRead((uintptr_t)h, buf, len, ms);
}

static int
vio_write(void *h, const unsigned char *buf, size_t len)
{
	return goVirtualWrite((uintptr_t)h, (unsigned char *)buf, len);
}

static const fido_dev_io_t virtual_io = { vio_open, vio_close, vio_read, vio_write };

static int
is_virtual(const char *path)
{
	return path != NULL && strncmp(path, VIRTUAL_PREFIX, strlen(VIRTUAL_PREFIX)) == 0;
}

int
__wrap_fido_dev_open(fido_dev_t *dev, const char *path)
{
	if (is_virtual(path)) {
		int r = fido_dev_set_io_functions(dev, &virtual_io);
		if (r != FIDO_OK)
			return r;
	}
	int r = __real_fido_dev_open(dev, path);
	if (r == FIDO_OK)
		ep_register_open(dev, path);
	return r;
}

int
__wrap_fido_dev_info_manifest(fido_dev_info_t *devlist, size_t ilen, size_t *olen)
{
	int r = __real_fido_dev_info_manifest(devlist, ilen, olen);
	if (r != FIDO_OK)
		return r;
	size_t n = goVirtualCount();
	for (size_t i = 0; i < n && *olen < ilen; i++) {
		char *path = goVirtualPath(i);
		if (path == NULL)
			continue;
		r = fido_dev_info_set(devlist, *olen, path, goVirtualManufacturer(),
		    goVirtualProduct(), &virtual_io, NULL);
		free(path);
		if (r != FIDO_OK)
			return r;
		(*olen)++;
	}
	return FIDO_OK;
}
