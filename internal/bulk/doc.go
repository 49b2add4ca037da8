// Package bulk runs rollouts: a job of many users, planned from a roster or an Entra
// group, worked one task at a time by stations that may crash at any moment.
//
// Every task moves through the state machine of docs/bulk.md, and every step is
// written to the Store before and after it happens, so a station started again (or
// another station, once the lease expired) resumes from the last recorded state by the
// rules in resume.go: nothing is lost and nothing (above all, no Graph registration)
// happens twice. The store holds no PIN, token or secret: random PINs go to their
// hand-over sink (pinout.Handover) before a key takes them.
//
// The package calls the one-user ceremony of package enroll; it never imports cli.
package bulk
