package pinout

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// checkDir checks a hand-over directory and returns it absolute, so the paths a job
// records do not depend on where a station was started.
func checkDir(dir string) (string, error) {
	if dir == "" {
		return "", &Error{Code: "pin_destination_required", Message: "a random PIN needs a hand-over directory",
			Hint: "give --pin-out-dir DIR"}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("cannot resolve the hand-over directory %s", dir), Err: err}
	}
	st, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("the hand-over directory %s does not exist", abs),
			Hint: "create it first, for you alone: mkdir -m 700 DIR", Err: err}
	case err != nil:
		return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("cannot use the hand-over directory %s", abs), Err: err}
	case st.Mode()&fs.ModeSymlink != 0:
		return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("the hand-over directory %s is a symbolic link", abs),
			Hint: "name the directory itself, not a link to it"}
	case !st.IsDir():
		return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("the hand-over %s is not a directory", abs),
			Hint: "give a directory: each user gets a file in it"}
	}
	if reason := sharedDir(st); reason != "" {
		return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("the hand-over directory %s: %s", abs, reason),
			Hint: "use a directory of your own that only you can write (chmod 700 DIR): whoever can write it can remove or replace PIN files"}
	}
	return abs, nil
}
