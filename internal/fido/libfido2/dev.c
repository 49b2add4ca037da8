// Opening a key on a fido_dev_t that this package owns: software test keys
// ("virtual:<state-file>" paths) get io callbacks into Go (fido_dev_set_io_functions), and
// a busy key is told from a U2F-only one. No symbol of libfido2's is replaced: the
// production binary links libfido2 as it is.

#include <fido.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "_cgo_export.h"
#include "dev.h"

#define VIRTUAL_PREFIX "virtual:"

// PROBE_TIMEOUT_MS bounds the open of u2f_only: its getInfo needs no touch.
#define PROBE_TIMEOUT_MS 1000

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
set_io(fido_dev_t *dev, const char *path)
{
	if (strncmp(path, VIRTUAL_PREFIX, strlen(VIRTUAL_PREFIX)) != 0)
		return FIDO_OK;
	return fido_dev_set_io_functions(dev, &virtual_io);
}

// u2f_only reports whether the key at path is U2F only: whether its CTAPHID INIT answer
// leaves CAPABILITY_CBOR out. It opens the key with libfido2's fallback to U2F turned off
// (fido_init's FIDO_DISABLE_U2F_FALLBACK, libfido2 >= 1.7: a per-thread setting, and the
// probe runs on this thread), which then succeeds with a device that is not FIDO2 only when INIT said so: for a key that
// says CBOR, fido_dev_open fails unless getInfo is answered too.
static int
u2f_only(const char *path)
{
#ifdef FIDO_DISABLE_U2F_FALLBACK
	fido_dev_t *probe = fido_dev_new();
	int only = 0;
	if (probe == NULL)
		return 0;
	if (set_io(probe, path) == FIDO_OK &&
	    fido_dev_set_timeout(probe, PROBE_TIMEOUT_MS) == FIDO_OK) {
		fido_init(FIDO_DISABLE_U2F_FALLBACK);
		int r = fido_dev_open(probe, path);
		fido_init(0); // libfido2's default, as go-libfido2 sets it
		if (r == FIDO_OK) {
			only = !fido_dev_is_fido2(probe);
			fido_dev_close(probe);
		}
	}
	fido_dev_free(&probe);
	return only;
#else
	(void)path;
	return 1; // no way to tell: libfido2's answer stands
#endif
}

// ep_dev_open is fido_dev_open on dev (new, with its timeout set), for software keys too,
// except that a busy key fails with EP_ERR_DEVICE_BUSY instead of opening as a U2F key.
//
// When the CTAPHID INIT answer has CAPABILITY_CBOR, libfido2's open sends
// authenticatorGetInfo, and when that fails it "falls back to u2f": it clears the CBOR
// bit, so fido_dev_is_fido2 and fido_dev_flags then read like a U2F-only key's and the
// device keeps no trace of what INIT said. A key refuses getInfo, which needs neither a
// touch nor a PIN, when another program's command runs on it: ERR_CHANNEL_BUSY to our
// channel, while INIT is still answered. libfido2 reports that only as a failed read, the
// same as a timeout, so the test is INIT's capabilities, read again by u2f_only: a key
// that is not FIDO2 after the open is U2F only when INIT lacks CAPABILITY_CBOR; otherwise
// it speaks CTAP2 and was refused getInfo (or answers it by now), so it is busy and the
// caller retries. A broken CTAP2 key that never answers getInfo reads as busy too; the
// device_busy hint says to replug it. A FIDO2 key, the usual case, opens with one INIT
// and one getInfo, as with fido_dev_open.
int
ep_dev_open(fido_dev_t *dev, const char *path)
{
	int r = set_io(dev, path);
	if (r != FIDO_OK)
		return r;
	r = fido_dev_open(dev, path);
	if (r == FIDO_OK && !fido_dev_is_fido2(dev)) {
		// Closed first: a software key serves one open at a time.
		fido_dev_close(dev);
		if (!u2f_only(path))
			return EP_ERR_DEVICE_BUSY;
		r = fido_dev_open(dev, path);
	}
	return r;
}
