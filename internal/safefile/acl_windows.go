//go:build windows

package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Windows' equivalent of mode 0600 is a protected DACL (nothing inherited from the
// folder) with one entry: the user, full access. SYSTEM and Administrators are left
// out on purpose: 0600 keeps root out of nothing either (an administrator can take
// ownership, and backup software reads through SeBackupPrivilege, whatever the DACL
// says), while an entry for them would let every elevated process of any
// administrator read the PIN without leaving a trace in the ACL.

// accounts are the SIDs the checks compare against, looked up once.
var accounts = sync.OnceValues(func() (*accountSIDs, error) {
	tu, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, fmt.Errorf("reading the process token: %w", err)
	}
	a := &accountSIDs{}
	if a.user, err = tu.User.Sid.Copy(); err != nil {
		return nil, err
	}
	for _, w := range []struct {
		sid **windows.SID
		t   windows.WELL_KNOWN_SID_TYPE
	}{
		{&a.system, windows.WinLocalSystemSid},
		{&a.admins, windows.WinBuiltinAdministratorsSid},
		{&a.ownerRights, windows.WinCreatorOwnerRightsSid},
	} {
		if *w.sid, err = windows.CreateWellKnownSid(w.t); err != nil {
			return nil, err
		}
	}
	return a, nil
})

type accountSIDs struct{ user, system, admins, ownerRights *windows.SID }

// privateSecurity is the security descriptor every file created for a secret gets:
// owned by the user, a protected DACL granting the user alone full access.
func privateSecurity() (*windows.SecurityAttributes, error) {
	a, err := accounts()
	if err != nil {
		return nil, err
	}
	u := a.user.String()
	sd, err := windows.SecurityDescriptorFromString("O:" + u + "D:P(A;;FA;;;" + u + ")")
	if err != nil {
		return nil, fmt.Errorf("building the file's ACL: %w", err)
	}
	return &windows.SecurityAttributes{Length: uint32(unsafe.Sizeof(windows.SecurityAttributes{})), SecurityDescriptor: sd}, nil
}

// createPrivate opens path like os.OpenFile(path, flag, 0o600), a new file getting
// privateSecurity's DACL from CreateFile itself, so no moment exists at which another
// user could open it. An existing file keeps its ACL (checkOwned judges it). A reparse
// point at path is opened, not followed, so that checkOwned refuses it.
func createPrivate(path string, flag int) (*os.File, error) {
	sa, err := privateSecurity()
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	var access uint32
	switch flag & (os.O_RDONLY | os.O_WRONLY | os.O_RDWR) {
	case os.O_WRONLY:
		access = windows.GENERIC_WRITE
	case os.O_RDWR:
		access = windows.GENERIC_READ | windows.GENERIC_WRITE
	default:
		access = windows.GENERIC_READ
	}
	if flag&os.O_APPEND != 0 {
		// As os.OpenFile does: without FILE_WRITE_DATA every write goes to the end.
		access &^= windows.GENERIC_WRITE
		access |= windows.FILE_APPEND_DATA | windows.FILE_WRITE_ATTRIBUTES | windows.FILE_WRITE_EA |
			windows.STANDARD_RIGHTS_WRITE | windows.SYNCHRONIZE
	}
	disposition := uint32(windows.OPEN_EXISTING)
	switch {
	case flag&os.O_CREATE != 0 && flag&os.O_EXCL != 0:
		disposition = windows.CREATE_NEW
	case flag&os.O_CREATE != 0 && flag&os.O_TRUNC != 0:
		disposition = windows.CREATE_ALWAYS
	case flag&os.O_CREATE != 0:
		disposition = windows.OPEN_ALWAYS
	case flag&os.O_TRUNC != 0:
		disposition = windows.TRUNCATE_EXISTING
	}
	h, err := windows.CreateFile(name, access, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, sa, disposition,
		windows.FILE_ATTRIBUTE_NORMAL|windows.FILE_FLAG_OPEN_REPARSE_POINT, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}

// accessAllowedCallbackACEType is ACCESS_ALLOWED_CALLBACK_ACE_TYPE (winnt.h).
const accessAllowedCallbackACEType = 9

// Access that lets a holder change what the file says, or who may read it.
const writeAccess = windows.FILE_WRITE_DATA | windows.FILE_APPEND_DATA | windows.WRITE_DAC | windows.WRITE_OWNER |
	windows.GENERIC_WRITE | windows.GENERIC_ALL

// Access that lets a holder read the content.
const readAccess = windows.FILE_READ_DATA | windows.GENERIC_READ | windows.GENERIC_ALL

// checkACL refuses an open file that another account owns, or whose DACL lets anyone
// but the user, SYSTEM or Administrators read or write it: the Windows half of
// checkOwned, through the handle (never a path a link could redirect). Deny entries
// are not credited: a refusal they would have avoided is safe, a grant they would
// have cancelled is rare.
func checkACL(f *os.File, path, code string) error {
	a, err := accounts()
	if err != nil {
		return err
	}
	sd, err := windows.GetSecurityInfo(windows.Handle(f.Fd()), windows.SE_FILE_OBJECT,
		windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return fmt.Errorf("reading the ACL of %s: %w", path, err)
	}
	owner, _, err := sd.Owner()
	if err != nil {
		return fmt.Errorf("reading the owner of %s: %w", path, err)
	}
	// A file an administrator made elevated is owned by Administrators, not by them.
	if owner == nil || !owner.Equals(a.user) && !(owner.Equals(a.admins) && isMember(a.admins)) {
		return &Error{Code: code, Path: path, Reason: fmt.Sprintf("it belongs to another user (%s)", account(owner)),
			Hint: "use a file of your own"}
	}
	dacl, _, err := sd.DACL()
	if err != nil || dacl == nil {
		// No DACL (FAT, exFAT, or one set to NULL) grants everyone everything.
		return &Error{Code: code, Path: path, Reason: "other users can write it (it has no ACL: everyone has full access)",
			Hint: aclHint}
	}
	trusted := []*windows.SID{a.user, owner, a.system, a.admins, a.ownerRights}
	for i := uint32(0); i < uint32(dacl.AceCount); i++ {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return fmt.Errorf("reading the ACL of %s: %w", path, err)
		}
		// Callback entries (conditional grants) share the allowed entry's layout.
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE && ace.Header.AceType != accessAllowedCallbackACEType ||
			ace.Header.AceFlags&windows.INHERIT_ONLY_ACE != 0 {
			continue
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		if anyEqual(sid, trusted) {
			continue
		}
		switch {
		case ace.Mask&writeAccess != 0:
			return &Error{Code: code, Path: path, Reason: fmt.Sprintf("other users can write it (its ACL lets %s write)", account(sid)),
				Hint: aclHint}
		case ace.Mask&readAccess != 0:
			return &Error{Code: code, Path: path, Reason: fmt.Sprintf("other users can read it (its ACL lets %s read)", account(sid)),
				Hint: aclHint}
		}
	}
	return nil
}

// aclHint is how to make a file one's own alone, as chmod 600 does on Unix.
const aclHint = `icacls FILE /inheritance:r /grant:r "%USERNAME%:F" (only you may then open it), or use a new file`

func anyEqual(sid *windows.SID, set []*windows.SID) bool {
	for _, s := range set {
		if sid.Equals(s) {
			return true
		}
	}
	return false
}

// isMember reports whether the process token holds sid enabled (Administrators only
// when elevated).
func isMember(sid *windows.SID) bool {
	ok, err := windows.Token(0).IsMember(sid)
	return err == nil && ok
}

// account names sid as DOMAIN\name where Windows can resolve it, its SID otherwise.
func account(sid *windows.SID) string {
	if sid == nil {
		return "nobody"
	}
	name, domain, _, err := sid.LookupAccount("")
	switch {
	case err != nil:
		return sid.String()
	case domain == "":
		return name
	default:
		return domain + `\` + name
	}
}

// createTempPrivate is os.CreateTemp(dir, pattern) for a file that gets
// privateSecurity's DACL at creation.
func createTempPrivate(dir, pattern string) (*os.File, error) {
	prefix, suffix, ok := strings.Cut(pattern, "*")
	if !ok {
		suffix = ""
	}
	for try := 0; ; try++ {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		f, err := createPrivate(name, os.O_RDWR|os.O_CREATE|os.O_EXCL)
		if errors.Is(err, fs.ErrExist) && try < 10000 {
			continue
		}
		return f, err
	}
}
