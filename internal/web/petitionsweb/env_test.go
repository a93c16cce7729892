package petitionsweb

import (
	"bytes"
	"context"
	"crypto/rand"
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
	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/demo"
	"noichinh/internal/envelope"
	"noichinh/internal/fixture"
	"noichinh/internal/petitions"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/units"
	"noichinh/internal/web"
)

func TestMain(m *testing.M) {
	accounts.UseCheapHashingInTests()
	search.Register(petitions.SearchKind)
	os.Exit(storetest.Main(m))
}

// today is the fixed day of the tests.
var today = civil.MustParse("2026-03-16")

// env is the web application with the petitions pages over a database
// holding the petitions demo (seed 000 and recent petitions) of the Lạng Sơn
// committee, with one API token per person.
type env struct {
	t      *testing.T
	cfg    *config.Config
	db     *store.DB
	svc    *petitions.Service
	srv    *httptest.Server
	units  map[string]int64
	tokens map[string]string
	actors map[string]*access.Actor
	jars   map[string]http.CookieJar
}

// envUnits are the units the demo petitions name.
var envUnits = []struct{ code, kind, name string }{
	{"ppc", "state_agency", "Ủy ban nhân dân tỉnh Lạng Sơn"},
	{"agency-thanh-tra-tinh", "state_agency", "Thanh tra tỉnh Lạng Sơn"},
	{"agency-thads-tinh", "state_agency", "Cục Thi hành án dân sự tỉnh"},
	{"ubkttu", "inspection_commission", "Ủy ban Kiểm tra Tỉnh ủy"},
	{"city-lang-son", "district", "Thành phố Lạng Sơn"},
	{"district-bac-son", "district", "Huyện Bắc Sơn"},
	{"district-binh-gia", "district", "Huyện Bình Gia"},
	{"district-cao-loc", "district", "Huyện Cao Lộc"},
	{"district-chi-lang", "district", "Huyện Chi Lăng"},
	{"district-dinh-lap", "district", "Huyện Đình Lập"},
	{"district-huu-lung", "district", "Huyện Hữu Lũng"},
	{"district-loc-binh", "district", "Huyện Lộc Bình"},
	{"district-trang-dinh", "district", "Huyện Tràng Định"},
	{"district-van-lang", "district", "Huyện Văn Lãng"},
	{"district-van-quan", "district", "Huyện Văn Quan"},
	{"commune-binh-gia", "commune", "Xã Bình Gia"},
	{"commune-dong-dang", "commune", "Xã Đồng Đăng"},
	{"commune-tan-tien", "commune", "Xã Tân Tiến"},
	{"commune-that-khe", "commune", "Xã Thất Khê"},
	{"ward-dong-kinh", "ward", "Phường Đông Kinh"},
	{"ward-ky-lua", "ward", "Phường Kỳ Lừa"},
	{"ward-luong-van-tri", "ward", "Phường Lương Văn Tri"},
	{"ward-tam-thanh", "ward", "Phường Tam Thanh"},
}

// each runs fn on a fresh database of each engine.
func each(t *testing.T, fn func(t *testing.T, cfg *config.Config)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, storetest.SQLiteConfig(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.PostgresConfig(t)) })
}

func testKeys(t *testing.T) petitions.Keys {
	t.Helper()
	kek, idx := make([]byte, 32), make([]byte, 32)
	_, _ = rand.Read(kek)
	_, _ = rand.Read(idx)
	ring, err := envelope.New(kek)
	if err != nil {
		t.Fatal(err)
	}
	k, err := petitions.NewKeys(ring, idx)
	if err != nil {
		t.Fatal(err)
	}
	return k
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
	cal, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	lim, err := calendar.EmbeddedLimits()
	if err != nil {
		t.Fatal(err)
	}
	e.svc = petitions.New(db, cal, lim, testKeys(t))
	e.svc.Today = func() civil.Date { return today }
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
	if _, err = demo.Load(context.Background(), db, []demo.Step{prereq, e.svc.DemoStep()}); err != nil {
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
	log := slog.New(slog.DiscardHandler)
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	app, err := web.New(web.Options{DB: db, Log: log, Config: &config.Config{Data: t.TempDir()},
		Accounts: accts, Search: search.New(db)})
	if err != nil {
		t.Fatal(err)
	}
	Register(app, e.svc, units.New(db), lim)
	e.srv = httptest.NewServer(app.Handler())
	t.Cleanup(e.srv.Close)
	return e
}

type response struct {
	code     int
	body     string
	location string
	header   http.Header
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
	return response{resp.StatusCode, string(b), resp.Header.Get("Location"), resp.Header}
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
