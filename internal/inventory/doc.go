// Package inventory writes the record a rollout keeps of each user: which key (serial,
// AAGUID, credential id) became which Entra method, at which station, by whom, and how
// it ended, as JSONL or as CSV that a spreadsheet opens without running a formula.
package inventory
