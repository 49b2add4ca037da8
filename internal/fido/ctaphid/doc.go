// Package ctaphid speaks just enough CTAPHID (CTAP 2.1 §11.2) to send a vendor
// command beside libfido2, which has no call for one: a channel of its own from INIT
// on the broadcast channel, one request, one reply. It reads the identity records
// that keys give through vendor commands (YubiKey's device info, Nitrokey 3's UUID).
package ctaphid
