// Package roster reads the list of users a rollout registers keys for, as CSV (UTF-8
// with or without a byte-order mark, or Excel's UTF-16 "Unicode text"; comma,
// semicolon or tab; with or without a header) or JSONL, reporting each bad row with its
// line number instead of stopping at it.
package roster
