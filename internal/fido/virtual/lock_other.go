//go:build !unix

package virtual

// lockKey does not lock where flock is missing: virtual keys are a test tool.
func lockKey(string) (func(), error) { return func() {}, nil }
