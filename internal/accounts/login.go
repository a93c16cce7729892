package accounts

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/reqinfo"
	"noichinh/internal/store"
)

// ErrRateLimited means too many failed sign-ins came from the client's
// address; it says nothing about any account.
var ErrRateLimited = errors.New("too many failed sign-ins from this address")

// SignInResult is what follows a correct password.
type SignInResult struct {
	User *User
	// NeedCode: the account has a second factor; the sign-in completes only
	// with CompleteWithCode.
	NeedCode bool
	// MustEnrol: the user's role requires a second factor that is not set up
	// yet; the session may do nothing but enrol.
	MustEnrol bool
	// MustChangePassword: an administrator set the password; the session may
	// do nothing but change it.
	MustChangePassword bool
	// Epoch to store in the session (see auth_epoch).
	Epoch int64
}

// SignIn checks a username and password. Every refusal is ErrNoAccount (or
// ErrRateLimited), whether the account is unknown, disabled, locked or the
// password wrong, and costs the same password-hashing time, so neither the
// message nor the timing tells which accounts exist.
func (s *Service) SignIn(ctx context.Context, username, password string) (*SignInResult, error) {
	addr := reqinfo.From(ctx).RemoteAddr
	if !s.limiter.allow(addr, s.now()) {
		_ = s.auditAnonymous(ctx, audit.LoginFailed, 0, "Đăng nhập bị chặn: quá nhiều lần sai từ địa chỉ "+addr)
		return nil, ErrRateLimited
	}
	u, err := userByName(ctx, s.db.Read(), normaliseUsername(username))
	if errors.Is(err, store.ErrNotFound) {
		_, _, _ = VerifyPassword(password, dummyHash())
		s.limiter.fail(addr, s.now())
		// The typed name is not recorded: users sometimes type a password there.
		_ = s.auditAnonymous(ctx, audit.LoginFailed, 0, "Đăng nhập sai: tên đăng nhập không tồn tại")
		return nil, ErrNoAccount
	}
	if err != nil {
		return nil, err
	}
	ok, stale, verr := VerifyPassword(password, u.passwordHash)
	now := s.now().UTC()
	locked := u.lockedUntil != nil && now.Before(*u.lockedUntil)
	if verr != nil || !ok || locked || u.Disabled() {
		s.limiter.fail(addr, s.now())
		reason := "sai mật khẩu"
		switch {
		case u.Disabled():
			reason = "tài khoản đã bị khóa"
		case locked:
			reason = "tài khoản đang tạm khóa"
		}
		if err := s.recordFailure(ctx, u, !ok && !locked && !u.Disabled(), reason); err != nil {
			return nil, err
		}
		return nil, ErrNoAccount
	}
	if stale {
		// Parameters were raised since this hash was made: re-hash now that
		// the password is known.
		_ = s.db.Tx(ctx, func(tx *sql.Tx) error {
			hash, err := HashPassword(password)
			if err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, u.ID)
			return err
		})
	}
	res := &SignInResult{User: u, NeedCode: u.TOTPEnabled, MustChangePassword: u.MustChangePassword, Epoch: u.authEpoch}
	res.MustEnrol = !u.TOTPEnabled && s.requiresSecondFactor(ctx, u)
	if !res.NeedCode {
		if err := s.finishSignIn(ctx, u, "mật khẩu"); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// requiresSecondFactor reports whether any of the user's roles must use 2FA.
func (s *Service) requiresSecondFactor(ctx context.Context, u *User) bool {
	roles := s.CurrentPolicy(ctx).TwoFactorRoles
	for _, m := range u.Memberships {
		if slices.Contains(roles, m.Role) {
			return true
		}
	}
	return false
}

// RequiresSecondFactor is requiresSecondFactor for the web layer.
func (s *Service) RequiresSecondFactor(ctx context.Context, u *User) bool {
	return s.requiresSecondFactor(ctx, u)
}

// recordFailure counts a wrong password against the account (locking it at
// the threshold) and audits the failure.
func (s *Service) recordFailure(ctx context.Context, u *User, countIt bool, reason string) error {
	ctx = access.WithActor(ctx, &access.Actor{UserID: u.ID, Username: u.Username})
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		summary := "Đăng nhập sai: " + reason
		if countIt {
			var failed int
			err := tx.QueryRowContext(ctx, `UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins`,
				u.ID).Scan(&failed)
			if err != nil {
				return err
			}
			policy := s.CurrentPolicy(ctx)
			if failed >= policy.LockAfter {
				until := s.now().UTC().Add(policy.LockFor).Truncate(time.Microsecond)
				if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = $1 WHERE id = $2`, until, u.ID); err != nil {
					return err
				}
				summary += "; tài khoản bị tạm khóa đến " + until.In(time.FixedZone("ICT", 7*3600)).Format("15:04 02/01/2006")
			}
		}
		_, err := audit.Record(ctx, tx, audit.Event{Action: audit.LoginFailed, Entity: "user", EntityID: u.ID, Summary: summary})
		return err
	})
}

// finishSignIn records a completed sign-in.
func (s *Service) finishSignIn(ctx context.Context, u *User, how string) error {
	ctx = access.WithActor(ctx, &access.Actor{UserID: u.ID, Username: u.Username})
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $1 WHERE id = $2`,
			store.Now(), u.ID); err != nil {
			return err
		}
		_, err := audit.Record(ctx, tx, audit.Event{Action: audit.Login, Entity: "user", EntityID: u.ID,
			Summary: "Đăng nhập (" + how + ")"})
		return err
	})
}

// SignOut audits the end of a session.
func (s *Service) SignOut(ctx context.Context) error {
	actor := access.FromContext(ctx)
	if actor == nil {
		return nil
	}
	return audit.RecordNow(ctx, s.db, audit.Event{Action: audit.Logout, Entity: "user", EntityID: actor.UserID, Summary: "Đăng xuất"})
}

func (s *Service) auditAnonymous(ctx context.Context, action string, userID int64, summary string) error {
	return audit.RecordNow(ctx, s.db, audit.Event{Action: action, Entity: "user", EntityID: nonZero(userID), Summary: summary})
}

func nonZero(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// ActorFor builds the actor of a signed-in session: the user, in the chosen
// organisation (or their first), if the session is still valid: account
// enabled and epoch unchanged. ok is false when the session must end.
func (s *Service) ActorFor(ctx context.Context, userID, orgID, epoch int64) (actor *access.Actor, u *User, ok bool, err error) {
	u, err = userByID(ctx, s.db.Read(), userID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, err
	}
	if u.Disabled() || u.authEpoch != epoch || len(u.Memberships) == 0 {
		return nil, u, false, nil
	}
	m, found := u.In(orgID)
	if !found {
		m = u.Memberships[0]
	}
	return &access.Actor{UserID: u.ID, Username: u.Username, FullName: u.FullName, OrgID: m.OrgID, Role: m.Role,
		Clearance: u.Clearance, UnitID: m.UnitID}, u, true, nil
}

// addressLimiter counts failed sign-ins per client address in a fixed
// window. It lives in memory: each server limits what reaches it, which is
// enough to make guessing slow; the per-account lock is in the database.
type addressLimiter struct {
	limit   int
	every   time.Duration
	mu      sync.Mutex
	windows map[string]*window
}

type window struct {
	start    time.Time
	failures int
}

func newAddressLimiter(limit int, every time.Duration) *addressLimiter {
	return &addressLimiter{limit: limit, every: every, windows: map[string]*window{}}
}

func (l *addressLimiter) allow(addr string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.windows[addr]
	return w == nil || now.Sub(w.start) > l.every || w.failures < l.limit
}

func (l *addressLimiter) fail(addr string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.windows) > 100000 { // bounded memory under a spray of addresses
		for k, w := range l.windows {
			if now.Sub(w.start) > l.every {
				delete(l.windows, k)
			}
		}
	}
	w := l.windows[addr]
	if w == nil || now.Sub(w.start) > l.every {
		w = &window{start: now}
		l.windows[addr] = w
	}
	w.failures++
}

func normaliseUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
