// The project's own fido_dev_t handling (dev.c): opening a key, software keys included,
// and telling a busy key from a U2F-only one.

#include <fido.h>

// EP_ERR_DEVICE_BUSY is what ep_dev_open returns for a key that speaks CTAP2 but refused
// the open's authenticatorGetInfo: it is busy with another program. It is none of
// libfido2's codes (-1 to -11) nor a CTAP status (0x00 to 0xff).
#define EP_ERR_DEVICE_BUSY (-1000)

int ep_dev_open(fido_dev_t *dev, const char *path);
