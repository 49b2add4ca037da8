package inventory

import (
	"fmt"
	"io"
	"testing"
)

func records(n int) []*Record {
	rs := make([]*Record, n)
	for i := range rs {
		r := sample()
		r.UserPrincipalName = fmt.Sprintf("user%05d@contoso.com", i)
		r.Serial = fmt.Sprintf("%08d", i)
		rs[i] = r
	}
	return rs
}

func benchmark(b *testing.B, format string) {
	rs := records(10_000)
	b.ReportAllocs()
	for b.Loop() {
		w, _ := NewWriter(io.Discard, format)
		for _, r := range rs {
			if err := w.Write(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCSV writes a 10,000-user report as CSV.
func BenchmarkCSV(b *testing.B) { benchmark(b, "csv") }

// BenchmarkJSONL writes a 10,000-user report as JSONL.
func BenchmarkJSONL(b *testing.B) { benchmark(b, "jsonl") }
