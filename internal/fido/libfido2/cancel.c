// A registry of the libfido2 devices open in this process, so that an operation can be
// cancelled on the key (CTAPHID_CANCEL) from another thread.
//
// go-libfido2's own Device.Cancel reads the device pointer that its open() writes
// without a lock, a data race; this registry is filled by the wrapped fido_dev_open and
// emptied by the wrapped fido_dev_close under one mutex, so cancel and close never race.

#include <fido.h>
#include <pthread.h>
#include <string.h>

#define MAX_OPEN 64

static pthread_mutex_t open_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
	fido_dev_t *dev;
	char path[512];
} open_devs[MAX_OPEN];

int __real_fido_dev_close(fido_dev_t *);

void
ep_register_open(fido_dev_t *dev, const char *path)
{
	if (path == NULL || strlen(path) >= sizeof(open_devs[0].path))
		return;
	pthread_mutex_lock(&open_mu);
	for (int i = 0; i < MAX_OPEN; i++) {
		if (open_devs[i].dev == NULL) {
			open_devs[i].dev = dev;
			strcpy(open_devs[i].path, path);
			break;
		}
	}
	pthread_mutex_unlock(&open_mu);
}

int
__wrap_fido_dev_close(fido_dev_t *dev)
{
	pthread_mutex_lock(&open_mu);
	for (int i = 0; i < MAX_OPEN; i++) {
		if (open_devs[i].dev == dev) {
			open_devs[i].dev = NULL;
			open_devs[i].path[0] = '\0';
		}
	}
	pthread_mutex_unlock(&open_mu);
	return __real_fido_dev_close(dev);
}

// ep_cancel sends CTAPHID_CANCEL to every open device at path; it returns how many.
int
ep_cancel(const char *path)
{
	int n = 0;
	pthread_mutex_lock(&open_mu);
	for (int i = 0; i < MAX_OPEN; i++) {
		if (open_devs[i].dev != NULL && strcmp(open_devs[i].path, path) == 0) {
			fido_dev_cancel(open_devs[i].dev);
			n++;
		}
	}
	pthread_mutex_unlock(&open_mu);
	return n;
}
