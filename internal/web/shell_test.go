package web

import (
	"context"
	"crypto/rand"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/config"
	"noichinh/internal/envelope"
	"noichinh/internal/fixture"
	"noichinh/internal/orgs"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

const pw = "Đồng Đăng, Lạng Sơn 2026"

type harness struct {
	t    *testing.T
	db   *store.DB
	app  *App
	srv  *httptest.Server
	acc  *accounts.Service
	org  orgs.Org
	user map[string]*accounts.User
}

func newHarness(t *testing.T, db *store.DB) *harness {
	t.Helper()
	key := make([]byte, 32)
	rand.Read(key)
	ring, _ := envelope.New(key)
	acc := accounts.New(db, ring, accounts.DefaultPolicy)
	app, err := New(Options{DB: db, Log: slog.New(slog.DiscardHandler), Config: &config.Config{Data: t.TempDir()},
		Accounts: acc, Search: search.New(db)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(srv.Close)
	h := &harness{t: t, db: db, app: app, srv: srv, acc: acc, org: fixture.Org(t, db, "LSN"), user: map[string]*accounts.User{}}
	return h
}

// addUser creates an account through the service, as an administrator would.
func (h *harness) addUser(username string, role access.Role, clearance access.Classification, mustChange bool) *accounts.User {
	h.t.Helper()
	ctx := access.WithActor(context.Background(), access.SystemActor(h.org.ID, "test"))
	u, err := h.acc.CreateUser(ctx, accounts.NewUser{Username: username, FullName: "Người " + username, Password: pw,
		Role: role, OrgID: h.org.ID, Clearance: clearance, MustChange: mustChange})
	if err != nil {
		h.t.Fatal(err)
	}
	h.user[username] = u
	return u
}

type client struct {
	t *testing.T
	h *harness
	c *http.Client
}

func (h *harness) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: h.t, h: h, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (c *client) do(method, path string, form url.Values) (int, string, http.Header) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, c.h.srv.URL+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func (c *client) get(path string) (int, string) {
	code, body, _ := c.do("GET", path, nil)
	return code, body
}

func (c *client) post(path string, kv ...string) (int, string, string) {
	form := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Add(kv[i], kv[i+1])
	}
	code, body, hdr := c.do("POST", path, form)
	return code, body, hdr.Get("Location")
}

func (c *client) login(username string) {
	c.t.Helper()
	code, body, loc := c.post("/login", "username", username, "password", pw)
	if code != http.StatusSeeOther {
		c.t.Fatalf("login %s: %d %s", username, code, body)
	}
	_ = loc
}

func TestSignInFlowAndSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		h.addUser("chuyenvien1", access.Specialist, access.Secret, false)
		c := h.client()
		if code, _ := c.get("/"); code != http.StatusSeeOther {
			t.Fatalf("anonymous home: %d", code)
		}
		code, body := c.get("/login")
		if code != 200 || !strings.Contains(body, "Đăng nhập") || !strings.Contains(body, `autocomplete="current-password"`) {
			t.Fatalf("login page: %d", code)
		}
		// Same message for an unknown account and a wrong password; what was typed stays.
		code, wrongPw, _ := c.post("/login", "username", "chuyenvien1", "password", "sai mật khẩu rồi")
		_, unknown, _ := c.post("/login", "username", "khongco", "password", "sai mật khẩu rồi")
		if code != http.StatusUnauthorized || !strings.Contains(wrongPw, "Đăng nhập không thành công") ||
			!strings.Contains(unknown, "Đăng nhập không thành công") || !strings.Contains(wrongPw, `value="chuyenvien1"`) {
			t.Fatalf("failed sign-in pages: %d", code)
		}
		if strings.Contains(wrongPw, "sai mật khẩu rồi") {
			t.Fatal("the password typed was sent back in the page")
		}
		code, _, loc := c.post("/login", "username", "chuyenvien1", "password", pw, "next", "/search?q=x")
		if code != http.StatusSeeOther || loc != "/search?q=x" {
			t.Fatalf("sign-in: %d → %s", code, loc)
		}
		code, body = c.get("/")
		if code != 200 || !strings.Contains(body, "Người chuyenvien1") || !strings.Contains(body, `href="/cases"`) {
			t.Fatalf("home after sign-in: %d", code)
		}
		if strings.Contains(body, `href="/admin/users"`) {
			t.Error("a specialist sees the administration menu")
		}
		// An open redirect through next is refused.
		c2 := h.client()
		_, _, loc = c2.post("/login", "username", "chuyenvien1", "password", pw, "next", "//evil.example/x")
		if loc != "/" {
			t.Errorf("open redirect: %s", loc)
		}
		// Logout ends the session.
		if code, _, _ := c.post("/logout"); code != http.StatusSeeOther {
			t.Fatalf("logout: %d", code)
		}
		if code, _ := c.get("/"); code != http.StatusSeeOther {
			t.Fatal("session survived logout")
		}
	})
}

func TestForcedPasswordChangeThenWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		h.addUser("cvmoi", access.Specialist, access.Normal, true)
		c := h.client()
		_, _, loc := c.post("/login", "username", "cvmoi", "password", pw)
		if loc != "/account/password" {
			t.Fatalf("must change password first, went to %s", loc)
		}
		if code, _ := c.get("/search?q=x"); code != http.StatusSeeOther {
			t.Fatalf("a session that must change its password reached another page: %d", code)
		}
		code, body, _ := c.post("/account/password", "current_password", pw, "password", "ngắn", "password2", "ngắn")
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "ít nhất 12 ký tự") {
			t.Fatalf("weak new password: %d", code)
		}
		_, _, loc = c.post("/account/password", "current_password", pw, "password", "Phố Kỳ Lừa đông vui 2027", "password2", "Phố Kỳ Lừa đông vui 2027")
		if loc != "/account" {
			t.Fatalf("after change: %s", loc)
		}
		if code, body := c.get("/"); code != 200 || !strings.Contains(body, "Người cvmoi") {
			t.Fatalf("work after the change: %d", code)
		}
	})
}

var secretPattern = regexp.MustCompile(`<code class="secret">([A-Z2-7]+)</code>`)

func TestLeaderMustEnrolSecondFactor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		h.addUser("truongban", access.Leader, access.MostSecret, false)
		c := h.client()
		_, _, loc := c.post("/login", "username", "truongban", "password", pw)
		if loc != "/account/2fa" {
			t.Fatalf("leader went to %s, not to enrolment", loc)
		}
		code, body := c.get("/account/2fa")
		m := secretPattern.FindStringSubmatch(body)
		if code != 200 || m == nil || !strings.Contains(body, `src="data:image/png;base64,`) {
			t.Fatalf("enrolment page: %d", code)
		}
		otp, _ := totp.GenerateCode(m[1], time.Now())
		code, body, _ = c.post("/account/2fa", "code", otp)
		if code != 200 || strings.Count(body, "<li><code>") != 10 {
			t.Fatalf("recovery codes page: %d", code)
		}
		if code, _ := c.get("/"); code != 200 {
			t.Fatalf("after enrolment: %d", code)
		}
		// Next sign-in asks for a code; the used one is refused.
		c2 := h.client()
		_, _, loc = c2.post("/login", "username", "truongban", "password", pw)
		if !strings.HasPrefix(loc, "/login/code") {
			t.Fatalf("second sign-in: %s", loc)
		}
		if code, _ := c2.get("/"); code != http.StatusSeeOther {
			t.Fatal("password alone gave a session")
		}
		if code, _, _ := c2.post("/login/code", "code", otp); code != http.StatusUnauthorized {
			t.Fatalf("replayed code: %d", code)
		}
		next, _ := totp.GenerateCode(m[1], time.Now().Add(30*time.Second))
		if _, _, loc := c2.post("/login/code", "code", next); loc != "/" {
			t.Fatalf("fresh code: %s", loc)
		}
	})
}

func TestAdminFormsKeepInputAndShowFieldErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		admin := h.addUser("quantri", access.Administrator, access.MostSecret, false)
		c := h.client()
		c.login("quantri")
		// Administrators must enrol; enrol to reach the admin pages.
		_, body := c.get("/account/2fa")
		otp, _ := totp.GenerateCode(secretPattern.FindStringSubmatch(body)[1], time.Now())
		c.post("/account/2fa", "code", otp)
		code, body, _ := c.post("/admin/users", "username", "Tên Sai", "full_name", "Nguyễn Thị Mai", "password", "123", "role", "specialist", "clearance", "1")
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, `value="Nguyễn Thị Mai"`) ||
			!strings.Contains(body, "Tên đăng nhập gồm") || !strings.Contains(body, "ít nhất 12 ký tự") || !strings.Contains(body, `aria-invalid="true"`) {
			t.Fatalf("invalid new user: %d\n%s", code, body)
		}
		_, _, loc := c.post("/admin/users", "username", "nguyen.thimai", "full_name", "Nguyễn Thị Mai", "password", pw, "role", "specialist", "clearance", "1")
		if !strings.HasPrefix(loc, "/admin/users/") {
			t.Fatalf("create: %s", loc)
		}
		if code, body := c.get(loc); code != 200 || !strings.Contains(body, "nguyen.thimai") || !strings.Contains(body, "Đã tạo tài khoản") {
			t.Fatalf("user page: %d", code)
		}
		code, body = c.get("/admin/audit?actor=quantri")
		if code != 200 || !strings.Contains(body, "Tạo tài khoản nguyen.thimai") {
			t.Fatalf("audit page: %d", code)
		}
		_ = admin
	})
}

func TestLanguageIsRemembered(t *testing.T) {
	db := storetest.SQLite(t)
	h := newHarness(t, db)
	h.addUser("cvlang", access.Specialist, access.Normal, false)
	c := h.client()
	c.post("/lang", "lang", "en", "next", "/login")
	if _, body := c.get("/login"); !strings.Contains(body, "Sign in") || !strings.Contains(body, `lang="en"`) {
		t.Fatal("anonymous English choice not kept")
	}
	c.login("cvlang")
	c.post("/lang", "lang", "en", "next", "/")
	c2 := h.client()
	c2.login("cvlang")
	if _, body := c2.get("/"); !strings.Contains(body, "Hello, Người cvlang") {
		t.Fatal("the user's language was not remembered across sessions")
	}
}

func TestSearchHonoursClearanceOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		search.Register(search.Kind{Name: "case", Label: "nav.cases", Perm: access.CasesRead})
		h := newHarness(t, db)
		h.addUser("cvthuong", access.Specialist, access.Normal, false)
		db.Tx(fixture.System(h.org.ID), func(tx *sql.Tx) error {
			search.Put(context.Background(), tx, search.Doc{OrgID: h.org.ID, Kind: "case", RecordID: "1", Title: "Vụ án Đồng Đăng công khai", URL: "/cases/1"})
			return search.Put(context.Background(), tx, search.Doc{OrgID: h.org.ID, Kind: "case", RecordID: "2", Title: "Vụ án Đồng Đăng tối mật",
				Classification: access.TopSecret, URL: "/cases/2"})
		})
		c := h.client()
		c.login("cvthuong")
		_, body := c.get("/search?q=dong+dang")
		if !strings.Contains(body, "công khai") || strings.Contains(body, "tối mật") {
			t.Fatalf("search page leaks or misses: %s", body)
		}
		code, body, _ := c.do("GET", "/api/v1/search?q=dong%20dang", nil)
		if code != 200 || !strings.Contains(body, "/cases/1") || strings.Contains(body, "/cases/2") {
			t.Fatalf("search API: %d %s", code, body)
		}
	})
}

func TestAPITokenScopes(t *testing.T) {
	db := storetest.SQLite(t)
	h := newHarness(t, db)
	u := h.addUser("cvapi", access.Specialist, access.Secret, false)
	ctx := access.WithActor(context.Background(), &access.Actor{UserID: u.ID, Username: u.Username, OrgID: h.org.ID, Role: access.Specialist})
	secret, _, err := h.acc.CreateToken(ctx, "tự động", accounts.ScopeRead, 7)
	if err != nil {
		t.Fatal(err)
	}
	call := func(method, path, token string) (int, string) {
		req, _ := http.NewRequest(method, h.srv.URL+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := call("GET", "/api/v1/me", secret); code != 200 || !strings.Contains(body, `"username": "cvapi"`) || !strings.Contains(body, `"clearance": "secret"`) {
		t.Fatalf("me: %d %s", code, body)
	}
	if code, _ := call("GET", "/api/v1/me", ""); code != http.StatusUnauthorized {
		t.Fatalf("no token: %d", code)
	}
	if code, _ := call("GET", "/api/v1/me", "nc_forged"); code != http.StatusUnauthorized {
		t.Fatalf("forged token: %d", code)
	}
	if code, _ := call("POST", "/api/v1/me", secret); code != http.StatusForbidden {
		t.Fatalf("write with a read token: %d", code)
	}
	if code, body := call("GET", "/api/v1/openapi.json", ""); code != 200 || !strings.Contains(body, `"/api/v1/search"`) {
		t.Fatalf("openapi: %d", code)
	}
}

func TestSetupOnlyFromLoopbackWithToken(t *testing.T) {
	db := storetest.SQLite(t)
	key := make([]byte, 32)
	rand.Read(key)
	ring, _ := envelope.New(key)
	acc := accounts.New(db, ring, accounts.DefaultPolicy)
	app, _ := New(Options{DB: db, Log: slog.New(slog.DiscardHandler), Config: &config.Config{Data: t.TempDir()}, Accounts: acc, Search: search.New(db)})
	token, err := acc.StartSetup(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	h := app.Handler()
	get := func(remote, path string) int {
		r := httptest.NewRequest("GET", path, nil)
		r.RemoteAddr = remote
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	if code := get("192.0.2.5:4000", "/setup?token="+token); code != http.StatusNotFound {
		t.Fatalf("setup from the network: %d", code)
	}
	if code := get("127.0.0.1:4000", "/setup?token=wrong"); code != http.StatusNotFound {
		t.Fatalf("setup with a wrong token: %d", code)
	}
	if code := get("127.0.0.1:4000", "/setup?token="+token); code != 200 {
		t.Fatalf("setup from loopback: %d", code)
	}
}

func TestErrorPagesHideInternals(t *testing.T) {
	db := storetest.SQLite(t)
	h := newHarness(t, db)
	h.app.router.HandleFunc("GET /boom", Public, func(http.ResponseWriter, *http.Request) { panic("secret internal detail /etc/passwd") })
	srv := httptest.NewServer(h.app.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/boom")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	body := string(b)
	if resp.StatusCode != 500 || strings.Contains(body, "secret internal") || strings.Contains(body, "goroutine") ||
		!strings.Contains(body, "Có lỗi xảy ra") || !strings.Contains(body, resp.Header.Get("X-Request-Id")) {
		t.Fatalf("500 page: %d %s", resp.StatusCode, body)
	}
	resp, _ = http.Get(srv.URL + "/no/such/page")
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 404 || !strings.Contains(string(b), "Không tìm thấy") {
		t.Fatalf("404 page: %d", resp.StatusCode)
	}
}

func TestSecurityPolicyPage(t *testing.T) {
	db := storetest.SQLite(t)
	h := newHarness(t, db)
	h.addUser("quantri2", access.Administrator, access.MostSecret, false)
	c := h.client()
	c.login("quantri2")
	_, body := c.get("/account/2fa")
	otp, _ := totp.GenerateCode(secretPattern.FindStringSubmatch(body)[1], time.Now())
	c.post("/account/2fa", "code", otp)
	code, body := c.get("/admin/security")
	if code != 200 || !strings.Contains(body, `value="administrator" checked`) || !strings.Contains(body, `value="5"`) {
		t.Fatalf("security page shows the defaults: %d", code)
	}
	code, body, _ = c.post("/admin/security", "lock_after", "99", "lock_minutes", "15", "roles", "leader")
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Từ 3 đến 20 lần") || !strings.Contains(body, `value="leader" checked`) {
		t.Fatalf("invalid policy: %d", code)
	}
	_, _, loc := c.post("/admin/security", "lock_after", "4", "lock_minutes", "30", "roles", "administrator", "roles", "leader", "roles", "specialist")
	if loc != "/admin/security" {
		t.Fatalf("save: %s", loc)
	}
	if _, body := c.get("/admin/security"); !strings.Contains(body, `value="specialist" checked`) || !strings.Contains(body, `value="4"`) {
		t.Fatal("saved policy not shown")
	}
}
