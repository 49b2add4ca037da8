package virtual

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// TraceEnv names a file to which every software key in the process appends one line
// per CTAPHID message it receives ("INIT", "CBOR 0x04", ...), for counting what a
// client sends: libfido2's own FIDO_DEBUG trace is per thread, so it misses the
// commands a Go program sends from other threads. Nothing secret is written: the
// command and the CTAP command byte, never a payload.
const TraceEnv = "ENTRA_PASSKEY_VIRTUAL_TRACE"

var tracer = struct {
	sync.Once
	mu sync.Mutex
	f  *os.File
}{}

var hidNames = map[byte]string{hidPing: "PING", hidMsg: "MSG", hidInit: "INIT", hidWink: "WINK", hidCBOR: "CBOR", hidCancel: "CANCEL", hidYubiKeyReadConfig: "YUBIKEY_READ_CONFIG"}

// trace records a received message when TraceEnv is set.
func trace(cmd byte, data []byte) {
	tracer.Do(func() {
		if path := os.Getenv(TraceEnv); path != "" {
			tracer.f, _ = os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		}
	})
	if tracer.f == nil {
		return
	}
	name, ok := hidNames[cmd]
	if !ok {
		name = fmt.Sprintf("0x%02x", cmd)
	}
	line := name
	if cmd == hidCBOR && len(data) > 0 {
		line += fmt.Sprintf(" 0x%02x", data[0])
		if data[0] == 0x06 { // clientPIN: its subCommand, key 0x02
			line += fmt.Sprintf(" sub 0x%02x", clientPINSub(data[1:]))
		}
	}
	tracer.mu.Lock()
	defer tracer.mu.Unlock()
	fmt.Fprintf(tracer.f, "%s %d %s\n", time.Now().UTC().Format("15:04:05.000000"), os.Getpid(), line)
}

// clientPINSub reads a clientPIN request's subCommand, 0 when it has none.
func clientPINSub(params []byte) int {
	m, err := decodeParams(params)
	if err != nil {
		return 0
	}
	var sub int
	_, _ = field(m, 2, &sub)
	return sub
}
