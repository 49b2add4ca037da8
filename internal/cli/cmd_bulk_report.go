package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
	"github.com/entra-passkey/entra-passkey/internal/inventory"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
)

// BulkReportCmd writes the job's inventory.
type BulkReportCmd struct {
	StoreFlags
	Format string `name:"format" enum:"jsonl,csv" default:"jsonl" help:"Output format (${enum}); CSV cells are safe from formula injection."`
	Out    string `name:"out" type:"path" placeholder:"FILE" help:"Write to FILE (created new, 0600) instead of stdout."`
}

// Run writes one record per task.
func (c *BulkReportCmd) Run(a *app) error {
	st, err := c.open(a, false)
	if err != nil {
		return err
	}
	defer st.Close()
	var w io.Writer = a.Out
	var f *os.File
	if c.Out != "" {
		if f, err = safefile.CreatePrivate(c.Out); err != nil {
			code := "output_failed"
			if errors.Is(err, fs.ErrExist) {
				code = "file_exists"
			}
			return &codedError{code: code, msg: "creating the report: " + unwrapPathError(err).Error(),
				hint: "give a new file name: a report never overwrites a file"}
		}
		w = f
	}
	if c.Format == "jsonl" {
		// One format with register --record: the registration record, inventory fields included.
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		err = st.Tasks(a.ctx, func(t *bulk.Task) error { return enc.Encode(bulk.ReportDocument(t)) })
		if ferr := bw.Flush(); err == nil {
			err = ferr
		}
	} else {
		var iw inventory.Writer
		if iw, err = inventory.NewWriter(w, c.Format); err != nil {
			return err
		}
		err = st.Tasks(a.ctx, func(t *bulk.Task) error { return iw.Write(bulk.InventoryRecord(t)) })
		if ferr := iw.Flush(); err == nil {
			err = ferr
		}
	}
	if f != nil {
		if serr := f.Sync(); err == nil {
			err = serr
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	return err
}
