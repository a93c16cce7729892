package casesweb

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/calendar"
	"noichinh/internal/cases"
	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/demo"
	"noichinh/internal/fixture"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/web"
)

func TestMain(m *testing.M) {
	accounts.UseCheapHashingInTests()
	code := storetest.Main(m)
	if binaryDir != "" {
		os.RemoveAll(binaryDir)
	}
	os.Exit(code)
}

// today is the fixed day of the tests.
var today = civil.MustParse("2026-03-16")

// env is the web application with the cases pages over a database holding
// the cases demo (modelled on the seeds) of the Lạng Sơn committee, under a
// central committee, with one API token per person.
type env struct {
	t      *testing.T
	cfg    *config.Config
	db     *store.DB
	svc    *cases.Service
	srv    *httptest.Server
	demo   *demo.Env
	units  map[string]int64
	tokens map[string]string
	actors map[string]*access.Actor
	jars   map[string]http.CookieJar // each person's cookies: flash messages live in the session
}

// envUnits are the units the demo cases name.
var envUnits = []struct{ code, kind, name string }{
	{"district-van-lang", "district", "Huyện Văn Lãng"},
	{"district-cao-loc", "district", "Huyện Cao Lộc"},
	{"district-loc-binh", "district", "Huyện Lộc Bình"},
	{"district-huu-lung", "district", "Huyện Hữu Lũng"},
	{"district-bac-son", "district", "Huyện Bắc Sơn"},
	{"district-dinh-lap", "district", "Huyện Đình Lập"},
	{"district-trang-dinh", "district", "Huyện Tràng Định"},
	{"district-binh-gia", "district", "Huyện Bình Gia"},
	{"district-chi-lang", "district", "Huyện Chi Lăng"},
	{"city-lang-son", "district", "Thành phố Lạng Sơn"},
	{"ward-tam-thanh", "ward", "Phường Tam Thanh"},
	{"ward-luong-van-tri", "ward", "Phường Lương Văn Tri"},
	{"ward-ky-lua", "ward", "Phường Kỳ Lừa"},
	{"ward-dong-kinh", "ward", "Phường Đông Kinh"},
	{"agency-csdt-cong-an-tinh", "procedural_agency", "Cơ quan Cảnh sát điều tra Công an tỉnh"},
	{"agency-vks-tinh", "procedural_agency", "Viện kiểm sát nhân dân tỉnh"},
	{"agency-tand-tinh", "procedural_agency", "Tòa án nhân dân tỉnh"},
	{"agency-thads-tinh", "state_agency", "Cục Thi hành án dân sự tỉnh"},
	{"agency-thanh-tra-tinh", "state_agency", "Thanh tra tỉnh"},
}

// each runs fn on a fresh database of each engine, with its configuration
// (for starting the command line on it).
func each(t *testing.T, fn func(t *testing.T, cfg *config.Config)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, storetest.SQLiteConfig(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.PostgresConfig(t)) })
}

func newEnv(t *testing.T, cfg *config.Config) *env {
	t.Helper()
	db := storetest.Migrated(t, cfg)
	e := &env{t: t, cfg: cfg, db: db, units: map[string]int64{}, tokens: map[string]string{},
		actors: map[string]*access.Actor{}, jars: map[string]http.CookieJar{}}
	people := []struct {
		name      string
		central   bool
		role      access.Role
		clearance access.Classification
	}{
		{"chuyenvien1", false, access.Specialist, access.Secret},
		{"chuyenvien2", false, access.Specialist, access.Secret},
		{"chuyenvien3", false, access.Specialist, access.Normal},
		{"truongban", false, access.Leader, access.MostSecret},
		{"thuongvu", false, access.Viewer, access.Secret},
		{"admin", false, access.Administrator, access.MostSecret},
		{"trunguong", true, access.Central, access.MostSecret},
	}
	prereq := demo.Step{Name: "units and people", Load: func(ctx context.Context, de *demo.Env) error {
		de.Today = today
		for _, u := range envUnits {
			e.units[u.code] = fixture.Unit(t, db, de.Org.ID, u.code, u.kind, u.name, civil.Date{}, civil.Date{})
		}
		for _, p := range people {
			org := de.Org
			if p.central {
				org = de.Central
			}
			e.actors[p.name] = fixture.User(t, db, org, p.name, p.role, p.clearance)
		}
		return nil
	}}
	var err error
	if e.demo, err = demo.Load(context.Background(), db, []demo.Step{prereq, cases.DemoStep()}); err != nil {
		t.Fatalf("demo: %v", err)
	}
	accts := accounts.New(db, nil, accounts.DefaultPolicy)
	for name, a := range e.actors {
		secret, _, err := accts.CreateToken(fixture.Ctx(a), "test", accounts.ScopeWrite, 1)
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[name] = secret
	}
	cal, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	lim, err := calendar.EmbeddedLimits()
	if err != nil {
		t.Fatal(err)
	}
	e.svc = cases.New(db, cal, lim, cases.WithToday(func() civil.Date { return today }))
	log := slog.New(slog.DiscardHandler)
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	app, err := web.New(web.Options{DB: db, Log: log, Config: &config.Config{Data: t.TempDir()},
		Accounts: accts, Search: search.New(db)})
	if err != nil {
		t.Fatal(err)
	}
	Register(app, e.svc)
	e.srv = httptest.NewServer(app.Handler())
	t.Cleanup(e.srv.Close)
	return e
}

type response struct {
	code     int
	body     string
	location string
}

// do sends a request as who (a token's owner; "" for nobody), without
// following redirects.
func (e *env) do(who, method, path, contentType string, body io.Reader) response {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[who])
	}
	if e.jars[who] == nil {
		e.jars[who], _ = cookiejar.New(nil)
	}
	client := &http.Client{Jar: e.jars[who],
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, string(b), resp.Header.Get("Location")}
}

func (e *env) get(who, path string) response { return e.do(who, "GET", path, "", nil) }

func (e *env) post(who, path string, form url.Values) response {
	return e.do(who, "POST", path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
}

func (e *env) json(who, method, path string, v any) response {
	b, _ := json.Marshal(v)
	return e.do(who, method, path, "application/json", bytes.NewReader(b))
}

// ctx acts as who.
func (e *env) ctx(who string) context.Context { return fixture.Ctx(e.actors[who]) }

// text is the page's text with tags dropped and entities decoded.
func text(page string) string {
	s := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// fieldError is the message shown beside a field.
func fieldError(page, field string) string {
	m := regexp.MustCompile(`(?s)<div class="error" id="e-` + regexp.QuoteMeta(field) + `"[^>]*>(.*?)</div>`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(html.UnescapeString(m[1]))
}

// inputValue is the value of the input named name.
func inputValue(page, name string) string {
	m := regexp.MustCompile(`<input[^>]*name="` + regexp.QuoteMeta(name) + `"[^>]*value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		return "<none>"
	}
	return html.UnescapeString(m[1])
}
