package accounts

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"noichinh/internal/access"
	"noichinh/internal/envelope"
	"noichinh/internal/fixture"
	"noichinh/internal/orgs"
	"noichinh/internal/reqinfo"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/validate"
)

// Tests hash many passwords; production parameters (checked in
// TestHashAndVerify and measured by BenchmarkHashPassword) would make them slow.
var testParams = argonParams{memory: 8 * 1024, time: 1, threads: 1}

func TestMain(m *testing.M) {
	UseCheapHashingInTests()
	os.Exit(storetest.Main(m))
}

const goodPassword = "Sông Kỳ Cùng chảy ngược 2026"

func newService(t *testing.T, db *store.DB) *Service {
	t.Helper()
	key := make([]byte, 32)
	rand.Read(key)
	ring, err := envelope.New(key)
	if err != nil {
		t.Fatal(err)
	}
	return New(db, ring, DefaultPolicy)
}

// setup makes an organisation and an administrator acting in it.
func setup(t *testing.T, db *store.DB) (*Service, orgs.Org, context.Context) {
	t.Helper()
	s := newService(t, db)
	org := fixture.Org(t, db, "LSN")
	admin := fixture.User(t, db, org, "quantri", access.Administrator, access.MostSecret)
	ctx := reqinfo.With(fixture.Ctx(admin), reqinfo.Info{RemoteAddr: "10.0.0.9", RequestID: "t"})
	return s, org, ctx
}

func fieldKeys(err error) []string {
	errs, _ := validate.As(err)
	var out []string
	for _, e := range errs {
		out = append(out, e.Field+":"+e.Key)
	}
	return out
}

func TestPasswordPolicy(t *testing.T) {
	cases := []struct {
		password, username, want string
	}{
		{"ngắn quá", "x", "accounts.error.password_short"},
		{"password1234", "x", "accounts.error.password_common"},
		{"iloveyou2026!!", "x", "accounts.error.password_common"},
		{"Matkhau123456", "x", "accounts.error.password_common"},
		{"chuyenvien1-2026-abc", "chuyenvien1", "accounts.error.password_username"},
		{"aaaaaaaaaaaaaaaa", "x", "accounts.error.password_repetitive"},
		{goodPassword, "chuyenvien1", ""},
		{"correct horse battery staple", "truongban", ""},
	}
	for _, tc := range cases {
		errs := CheckPassword(tc.password, tc.username)
		got := ""
		for _, e := range errs {
			if e.Key == tc.want {
				got = e.Key
			}
		}
		if tc.want == "" && len(errs) > 0 {
			t.Errorf("%q refused: %v", tc.password, errs)
		} else if got != tc.want {
			t.Errorf("%q: want %s, got %v", tc.password, tc.want, errs)
		}
	}
}

func TestHashAndVerify(t *testing.T) {
	currentParams = argonParams{argonMemory, argonTime, argonThreads}
	defer func() { currentParams = testParams }()
	h, err := HashPassword(goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=8,p=2$") {
		t.Errorf("hash format: %s", h)
	}
	if ok, stale, err := VerifyPassword(goodPassword, h); !ok || stale || err != nil {
		t.Errorf("verify: %v %v %v", ok, stale, err)
	}
	if ok, _, _ := VerifyPassword(goodPassword+"x", h); ok {
		t.Error("wrong password accepted")
	}
	weak := strings.Replace(h, "t=8", "t=1", 1)
	if _, _, err := VerifyPassword(goodPassword, weak); err != nil {
		t.Fatal(err)
	}
	if _, _, err := VerifyPassword("x", "$argon2id$garbage"); err == nil {
		t.Error("malformed hash accepted")
	}
}

func TestCreateUserValidatesAndAudits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _, ctx := setup(t, db)
		before := storetest.Dump(t, db)
		_, err := s.CreateUser(ctx, NewUser{Username: "Bad Name", FullName: "", Password: "short", Role: "boss", Clearance: 9})
		keys := strings.Join(fieldKeys(err), " ")
		for _, want := range []string{"username:accounts.error.username_form", "full_name:error.required",
			"role:error.invalid_choice", "clearance:error.invalid_choice", "password:accounts.error.password_short"} {
			if !strings.Contains(keys, want) {
				t.Errorf("missing %s in %s", want, keys)
			}
		}
		if _, err := s.CreateUser(ctx, NewUser{Username: "vanthu.xa", FullName: "Văn thư", Password: goodPassword, Role: access.Clerk}); !strings.Contains(strings.Join(fieldKeys(err), " "), "unit_id:accounts.error.clerk_unit") {
			t.Errorf("clerk without unit: %v", err)
		}
		if after := storetest.Dump(t, db); after != before {
			t.Fatal("a refused creation changed the database")
		}
		u, err := s.CreateUser(ctx, NewUser{Username: "ChuyenVien1", FullName: "Nguyễn  Văn   Đức", Password: goodPassword,
			Role: access.Specialist, Clearance: access.Secret, MustChange: true})
		if err != nil {
			t.Fatal(err)
		}
		if u.Username != "chuyenvien1" || u.FullName != "Nguyễn Văn Đức" || !u.MustChangePassword || u.Memberships[0].Role != access.Specialist {
			t.Errorf("created %+v", u)
		}
		_, err = s.CreateUser(ctx, NewUser{Username: "chuyenvien1", FullName: "X", Password: goodPassword, Role: access.Viewer})
		if !strings.Contains(strings.Join(fieldKeys(err), " "), "username:accounts.error.username_taken") {
			t.Errorf("duplicate username: %v", err)
		}
		var n int
		db.Read().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'user'`).Scan(&n)
		if n != 1 {
			t.Errorf("audit entries for user creation: %d", n)
		}
		var stored string
		db.Read().QueryRow(`SELECT password_hash FROM users WHERE username = 'chuyenvien1'`).Scan(&stored)
		if strings.Contains(stored, "Sông") || !strings.HasPrefix(stored, "$argon2id$") {
			t.Error("password not hashed")
		}
	})
}

func TestSpecialistCannotManageUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, org, _ := setup(t, db)
		spec := fixture.User(t, db, org, "cv", access.Specialist, access.Normal)
		_, err := s.CreateUser(fixture.Ctx(spec), NewUser{Username: "x1x", FullName: "X", Password: goodPassword, Role: access.Leader})
		if !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("got %v", err)
		}
		admin := fixture.User(t, db, org, "admin2", access.Administrator, access.Secret)
		_, err = s.CreateUser(fixture.Ctx(admin), NewUser{Username: "x2x", FullName: "X", Password: goodPassword,
			Role: access.Leader, Clearance: access.TopSecret})
		if !strings.Contains(strings.Join(fieldKeys(err), " "), "error.classification_above_clearance") {
			t.Fatalf("granting above own clearance: %v", err)
		}
	})
}

func TestSignInLockAndMessages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _, ctx := setup(t, db)
		if _, err := s.CreateUser(ctx, NewUser{Username: "truongban", FullName: "Trưởng ban", Password: goodPassword, Role: access.Specialist}); err != nil {
			t.Fatal(err)
		}
		anon := reqinfo.With(context.Background(), reqinfo.Info{RemoteAddr: "192.0.2.1"})
		res, err := s.SignIn(anon, "TruongBan ", goodPassword)
		if err != nil || res.User.Username != "truongban" || res.NeedCode {
			t.Fatalf("correct sign-in: %+v %v", res, err)
		}
		if _, err := s.SignIn(anon, "nobody", goodPassword); !errors.Is(err, ErrNoAccount) {
			t.Fatalf("unknown user: %v", err)
		}
		clock := time.Now()
		s.now = func() time.Time { return clock }
		for i := range 5 {
			if _, err := s.SignIn(anon, "truongban", "wrong password "+string(rune('a'+i))); !errors.Is(err, ErrNoAccount) {
				t.Fatalf("wrong password %d: %v", i, err)
			}
		}
		if _, err := s.SignIn(anon, "truongban", goodPassword); !errors.Is(err, ErrNoAccount) {
			t.Fatalf("locked account accepted the right password: %v", err)
		}
		clock = clock.Add(16 * time.Minute)
		if _, err := s.SignIn(anon, "truongban", goodPassword); err != nil {
			t.Fatalf("after the lock expired: %v", err)
		}
		var failures, logins int
		db.Read().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'`).Scan(&failures)
		db.Read().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'login'`).Scan(&logins)
		if failures != 7 || logins != 2 {
			t.Errorf("audited %d failures and %d logins, want 7 and 2", failures, logins)
		}
		var leaked int
		db.Read().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%nobody%' OR entity_id = 'nobody'`).Scan(&leaked)
		if leaked != 0 {
			t.Error("a mistyped username was written to the audit log")
		}
	})
}

// An unknown account must cost the same as a wrong password, or the timing
// tells which accounts exist: every refusal derives one key with the same
// parameters (counted, rather than timed, so the test cannot flake).
func TestEveryRefusalDoesTheSameHashing(t *testing.T) {
	db := storetest.SQLite(t)
	s, _, ctx := setup(t, db)
	if _, err := s.CreateUser(ctx, NewUser{Username: "phoban", FullName: "Phó ban", Password: goodPassword, Role: access.Leader}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser(ctx, NewUser{Username: "dakhoa", FullName: "Đã khóa", Password: goodPassword, Role: access.Viewer}); err != nil {
		t.Fatal(err)
	}
	u, _ := userByName(context.Background(), db.Read(), "dakhoa")
	if err := s.DisableUser(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	dummyHash() // made once, outside the measured calls
	for _, user := range []string{"phoban", "khongtontai", "dakhoa"} {
		c := reqinfo.With(context.Background(), reqinfo.Info{RemoteAddr: "198.51.100.1"})
		before := derivations.Load()
		if _, err := s.SignIn(c, user, "not the password at all"); !errors.Is(err, ErrNoAccount) {
			t.Fatalf("%s: %v", user, err)
		}
		if n := derivations.Load() - before; n != 1 {
			t.Errorf("refusing %s derived %d keys, want 1 like every refusal", user, n)
		}
	}
	// The dummy hash uses the same parameters as real ones.
	if !strings.Contains(dummyHash(), fmt.Sprintf("m=%d,t=%d,p=%d", currentParams.memory, currentParams.time, currentParams.threads)) {
		t.Errorf("dummy hash parameters differ from real ones: %s", dummyHash())
	}
}

func TestAddressLimiter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _, _ := setup(t, db)
		s.policy.AddressAttempts = 3
		s.limiter = newAddressLimiter(3, time.Minute)
		c := reqinfo.With(context.Background(), reqinfo.Info{RemoteAddr: "203.0.113.7"})
		for range 3 {
			s.SignIn(c, "ghost", "x")
		}
		if _, err := s.SignIn(c, "ghost", "x"); !errors.Is(err, ErrRateLimited) {
			t.Fatalf("fourth attempt from one address: %v", err)
		}
		other := reqinfo.With(context.Background(), reqinfo.Info{RemoteAddr: "203.0.113.8"})
		if _, err := s.SignIn(other, "ghost", "x"); !errors.Is(err, ErrNoAccount) {
			t.Fatalf("another address was limited too: %v", err)
		}
	})
}

func TestTOTPEnrolmentReplayAndRecovery(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, org, ctx := setup(t, db)
		u, err := s.CreateUser(ctx, NewUser{Username: "lanhdao", FullName: "Lãnh đạo", Password: goodPassword, Role: access.Leader})
		if err != nil {
			t.Fatal(err)
		}
		anon := reqinfo.With(context.Background(), reqinfo.Info{RemoteAddr: "192.0.2.50"})
		res, err := s.SignIn(anon, "lanhdao", goodPassword)
		if err != nil || !res.MustEnrol || res.NeedCode {
			t.Fatalf("leader without 2FA must enrol: %+v %v", res, err)
		}
		me := fixture.Ctx(&access.Actor{UserID: u.ID, Username: u.Username, OrgID: org.ID, Role: access.Leader})
		enr, err := s.BeginEnrolment(me)
		if err != nil || len(enr.QRCode) < 100 || enr.Secret == "" {
			t.Fatalf("enrolment: %v", err)
		}
		if _, err := s.ConfirmEnrolment(me, enr.Sealed, "000000"); err == nil {
			t.Fatal("wrong confirmation code accepted")
		}
		clock := time.Now()
		s.now = func() time.Time { return clock }
		code, _ := totp.GenerateCode(enr.Secret, clock)
		recovery, err := s.ConfirmEnrolment(me, enr.Sealed, code)
		if err != nil || len(recovery) != recoveryCount {
			t.Fatalf("confirm: %v %v", recovery, err)
		}
		var stored string
		db.Read().QueryRow(`SELECT totp_secret FROM users WHERE id = $1`, u.ID).Scan(&stored)
		if strings.Contains(stored, enr.Secret) {
			t.Error("TOTP secret stored in clear")
		}
		res, err = s.SignIn(anon, "lanhdao", goodPassword)
		if err != nil || !res.NeedCode {
			t.Fatalf("with 2FA: %+v %v", res, err)
		}
		// The code used for enrolment is spent; the next step's code works once.
		if _, err := s.CompleteWithCode(anon, u.ID, code); !errors.Is(err, ErrNoAccount) {
			t.Fatalf("replayed enrolment code: %v", err)
		}
		clock = clock.Add(30 * time.Second)
		next, _ := totp.GenerateCode(enr.Secret, clock)
		if _, err := s.CompleteWithCode(anon, u.ID, next); err != nil {
			t.Fatalf("fresh code: %v", err)
		}
		if _, err := s.CompleteWithCode(anon, u.ID, next); !errors.Is(err, ErrNoAccount) {
			t.Fatalf("reused code: %v", err)
		}
		if _, err := s.CompleteWithCode(anon, u.ID, strings.ToUpper(recovery[0])); err != nil {
			t.Fatalf("recovery code: %v", err)
		}
		if _, err := s.CompleteWithCode(anon, u.ID, recovery[0]); !errors.Is(err, ErrNoAccount) {
			t.Fatalf("recovery code used twice: %v", err)
		}
		if err := s.ResetSecondFactor(me, u.ID, goodPassword); err == nil {
			t.Fatal("a leader turned off the second factor the role requires")
		}
	})
}

func TestEpochEndsSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _, ctx := setup(t, db)
		u, err := s.CreateUser(ctx, NewUser{Username: "cv2", FullName: "CV", Password: goodPassword, Role: access.Specialist, Clearance: access.Secret})
		if err != nil {
			t.Fatal(err)
		}
		res, _ := s.SignIn(reqinfo.With(context.Background(), reqinfo.Info{RemoteAddr: "192.0.2.9"}), "cv2", goodPassword)
		actor, _, ok, err := s.ActorFor(context.Background(), u.ID, 0, res.Epoch)
		if !ok || err != nil || actor.Clearance != access.Secret || actor.Role != access.Specialist {
			t.Fatalf("fresh session: %+v %v %v", actor, ok, err)
		}
		if err := s.ResetPassword(ctx, u.ID, "một mật khẩu mới rất dài 2027"); err != nil {
			t.Fatal(err)
		}
		if _, _, ok, _ := s.ActorFor(context.Background(), u.ID, 0, res.Epoch); ok {
			t.Fatal("session survived a password reset")
		}
		res, err = s.SignIn(reqinfo.With(context.Background(), reqinfo.Info{RemoteAddr: "192.0.2.9"}), "cv2", "một mật khẩu mới rất dài 2027")
		if err != nil || !res.MustChangePassword {
			t.Fatalf("after reset the user must change the password: %+v %v", res, err)
		}
		if err := s.DisableUser(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, ok, _ := s.ActorFor(context.Background(), u.ID, 0, res.Epoch); ok {
			t.Fatal("disabled account kept its session")
		}
		if _, err := s.SignIn(reqinfo.With(context.Background(), reqinfo.Info{RemoteAddr: "192.0.2.9"}), "cv2", "một mật khẩu mới rất dài 2027"); !errors.Is(err, ErrNoAccount) {
			t.Fatalf("disabled account signed in: %v", err)
		}
	})
}

func TestUpdateUserConflict(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _, ctx := setup(t, db)
		u, err := s.CreateUser(ctx, NewUser{Username: "cv3", FullName: "Cũ", Password: goodPassword, Role: access.Specialist})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateUser(ctx, u.ID, UserUpdate{FullName: "Mới một", Version: u.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateUser(ctx, u.ID, UserUpdate{FullName: "Mới hai", Version: u.Version}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale edit: %v", err)
		}
	})
}

func TestAPITokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, org, _ := setup(t, db)
		spec := fixture.User(t, db, org, "cv4", access.Specialist, access.Secret)
		me := fixture.Ctx(spec)
		secret, tok, err := s.CreateToken(me, "Báo cáo tự động", ScopeRead, 30)
		if err != nil {
			t.Fatal(err)
		}
		var stored int
		db.Read().QueryRow(`SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1`, secret).Scan(&stored)
		if stored != 0 {
			t.Fatal("token stored in clear")
		}
		actor, _, scope, err := s.AuthenticateToken(context.Background(), secret)
		if err != nil || actor.UserID != spec.UserID || scope != ScopeRead || actor.Clearance != access.Secret {
			t.Fatalf("authenticate: %+v %s %v", actor, scope, err)
		}
		if _, _, _, err := s.AuthenticateToken(context.Background(), secret+"x"); !errors.Is(err, ErrBadToken) {
			t.Fatal("altered token accepted")
		}
		if err := s.RevokeToken(me, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := s.AuthenticateToken(context.Background(), secret); !errors.Is(err, ErrBadToken) {
			t.Fatal("revoked token accepted")
		}
		if _, _, err := s.CreateToken(me, "x", "admin", 999); len(fieldKeys(err)) != 2 {
			t.Fatalf("bad token request: %v", err)
		}
		short, _, _ := s.CreateToken(me, "ngắn", ScopeWrite, 1)
		s.now = func() time.Time { return time.Now().Add(25 * time.Hour) }
		if _, _, _, err := s.AuthenticateToken(context.Background(), short); !errors.Is(err, ErrBadToken) {
			t.Fatal("expired token accepted")
		}
	})
}

func TestFirstRunSetup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newService(t, db)
		ctx := context.Background()
		if need, _ := s.SetupNeeded(ctx); !need {
			t.Fatal("an empty database needs setup")
		}
		token, err := s.StartSetup(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.CheckSetupToken(ctx, "wrong") || !s.CheckSetupToken(ctx, token) {
			t.Fatal("token check")
		}
		form := SetupForm{Org: orgs.Org{Code: "LSN", Name: "Ban Nội chính Tỉnh ủy Lạng Sơn", Place: "Lạng Sơn"},
			Username: "admin", FullName: "Quản trị viên", Password: goodPassword}
		u, err := s.CompleteSetup(ctx, token, form)
		if err != nil {
			t.Fatal(err)
		}
		if u.Clearance != access.MostSecret || u.Memberships[0].Role != access.Administrator || u.Memberships[0].OrgCode != "LSN" {
			t.Fatalf("first admin: %+v", u)
		}
		if _, err := s.CompleteSetup(ctx, token, form); err == nil {
			t.Fatal("setup token used twice")
		}
		s.now = func() time.Time { return time.Now().Add(SetupValidity + time.Minute) }
		if s.CheckSetupToken(ctx, token) {
			t.Fatal("expired token accepted")
		}
	})
}

func TestSessionStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		st := NewSessionStore(db)
		ctx := context.Background()
		if err := st.CommitCtx(ctx, "tok-1", []byte("data"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := st.CommitCtx(ctx, "tok-1", []byte("data2"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		b, found, err := st.FindCtx(ctx, "tok-1")
		if err != nil || !found || string(b) != "data2" {
			t.Fatalf("find: %q %v %v", b, found, err)
		}
		var raw int
		db.Read().QueryRow(`SELECT COUNT(*) FROM sessions WHERE token_hash = 'tok-1'`).Scan(&raw)
		if raw != 0 {
			t.Fatal("session token stored in clear")
		}
		st.CommitCtx(ctx, "old", []byte("x"), time.Now().Add(-time.Minute))
		if _, found, _ := st.FindCtx(ctx, "old"); found {
			t.Fatal("expired session found")
		}
		if n, err := st.DeleteExpired(ctx); err != nil || n != 1 {
			t.Fatalf("delete expired: %d %v", n, err)
		}
		st.DeleteCtx(ctx, "tok-1")
		if _, found, _ := st.FindCtx(ctx, "tok-1"); found {
			t.Fatal("deleted session found")
		}
	})
}

func BenchmarkHashPassword(b *testing.B) {
	currentParams = argonParams{argonMemory, argonTime, argonThreads}
	defer func() { currentParams = testParams }()
	for b.Loop() {
		if _, err := HashPassword(goodPassword); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPolicySettingsApplyAtSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _, ctx := setup(t, db)
		if _, err := s.CreateUser(ctx, NewUser{Username: "lanhdao2", FullName: "Lãnh đạo", Password: goodPassword, Role: access.Leader}); err != nil {
			t.Fatal(err)
		}
		anon := reqinfo.With(context.Background(), reqinfo.Info{RemoteAddr: "192.0.2.77"})
		if res, _ := s.SignIn(anon, "lanhdao2", goodPassword); !res.MustEnrol {
			t.Fatal("by default a leader must enrol")
		}
		before := storetest.Dump(t, db)
		err := s.SavePolicy(ctx, Policy{LockAfter: 1, LockFor: 0, TwoFactorRoles: []access.Role{"boss"}})
		if keys := strings.Join(fieldKeys(err), " "); !strings.Contains(keys, "lock_after") || !strings.Contains(keys, "lock_minutes") || !strings.Contains(keys, "roles") {
			t.Fatalf("bad policy: %v", err)
		}
		if storetest.Dump(t, db) != before {
			t.Fatal("a refused policy changed the database")
		}
		if err := s.SavePolicy(ctx, Policy{LockAfter: 3, LockFor: 5 * time.Minute, TwoFactorRoles: []access.Role{access.Administrator}}); err != nil {
			t.Fatal(err)
		}
		if res, _ := s.SignIn(anon, "lanhdao2", goodPassword); res.MustEnrol {
			t.Fatal("the saved policy no longer requires 2FA of leaders, yet it was asked")
		}
		for range 3 {
			s.SignIn(anon, "lanhdao2", "mật khẩu sai hoàn toàn")
		}
		if _, err := s.SignIn(anon, "lanhdao2", goodPassword); !errors.Is(err, ErrNoAccount) {
			t.Fatal("three failures did not lock the account under the saved policy")
		}
		spec := fixture.User(t, db, fixture.Org(t, db, "KHAC"), "cvkhac", access.Specialist, access.Normal)
		if err := s.SavePolicy(fixture.Ctx(spec), DefaultPolicy); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("a specialist changed the policy: %v", err)
		}
	})
}
