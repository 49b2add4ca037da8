// EP_ERR_DEVICE_BUSY is what the wrapped fido_dev_open (virtual_io.c) returns for a key
// that speaks CTAP2 but refused the open's authenticatorGetInfo: it is busy with another
// program. It is none of libfido2's codes (-1 to -11) nor a CTAP status (0x00 to 0xff).
#define EP_ERR_DEVICE_BUSY (-1000)
