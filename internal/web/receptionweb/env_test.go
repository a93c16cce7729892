package receptionweb

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"mime/multipart"
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
	"noichinh/internal/petitions/communereport"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/web"
)

func TestMain(m *testing.M) {
	accounts.UseCheapHashingInTests()
	os.Exit(storetest.Main(m))
}

// today is the fixed day of the tests: the demo's commune reports are those
// of 12/2025 (locked), 01/2026 and 02/2026.
var today = civil.MustParse("2026-03-16")

// envUnits are the units the petitions demo refers to.
var envUnits = []struct{ code, kind, name, from, to string }{
	{"ppc", "state_agency", "Ủy ban nhân dân tỉnh Lạng Sơn", "", ""},
	{"agency-thanh-tra-tinh", "state_agency", "Thanh tra tỉnh Lạng Sơn", "", ""},
	{"agency-thads-tinh", "state_agency", "Cục Thi hành án dân sự tỉnh Lạng Sơn", "", ""},
	{"ubkttu", "inspection_commission", "Ủy ban Kiểm tra Tỉnh ủy Lạng Sơn", "", ""},
	{"city-lang-son", "district", "Thành phố Lạng Sơn", "", "2025-06-30"},
	{"district-loc-binh", "district", "Huyện Lộc Bình", "", "2025-06-30"},
	{"district-dinh-lap", "district", "Huyện Đình Lập", "", "2025-06-30"},
	{"district-binh-gia", "district", "Huyện Bình Gia", "", "2025-06-30"},
	{"district-van-lang", "district", "Huyện Văn Lãng", "", "2025-06-30"},
	{"district-huu-lung", "district", "Huyện Hữu Lũng", "", "2025-06-30"},
	{"district-chi-lang", "district", "Huyện Chi Lăng", "", "2025-06-30"},
	{"district-cao-loc", "district", "Huyện Cao Lộc", "", "2025-06-30"},
	{"district-bac-son", "district", "Huyện Bắc Sơn", "", "2025-06-30"},
	{"district-trang-dinh", "district", "Huyện Tràng Định", "", "2025-06-30"},
	{"district-van-quan", "district", "Huyện Văn Quan", "", "2025-06-30"},
	{"ward-tam-thanh", "ward", "Phường Tam Thanh", "2025-07-01", ""},
	{"ward-luong-van-tri", "ward", "Phường Lương Văn Tri", "2025-07-01", ""},
	{"ward-ky-lua", "ward", "Phường Kỳ Lừa", "2025-07-01", ""},
	{"ward-dong-kinh", "ward", "Phường Đông Kinh", "2025-07-01", ""},
	{"commune-dong-dang", "commune", "Xã Đồng Đăng", "2025-07-01", ""},
	{"commune-that-khe", "commune", "Xã Thất Khê", "2025-07-01", ""},
	{"commune-binh-gia", "commune", "Xã Bình Gia", "2025-07-01", ""},
	{"commune-tan-tien", "commune", "Xã Tân Tiến", "2025-07-01", ""},
	{"commune-loc-binh", "commune", "Xã Lộc Bình", "2025-07-01", ""},
	{"commune-mau-son", "commune", "Xã Mẫu Sơn", "2025-07-01", ""},
}

// env is the web application with these pages over a database holding the
// petitions demo (sessions, petitions, three months of commune reports) of
// the Lạng Sơn committee, with one API token per person.
type env struct {
	t       *testing.T
	db      *store.DB
	svc     *petitions.Service
	reports *communereport.Service
	srv     *httptest.Server
	units   map[string]int64
	tokens  map[string]string
	actors  map[string]*access.Actor
	jars    map[string]http.CookieJar
}

// each runs fn on a fresh database of each engine.
func each(t *testing.T, fn func(t *testing.T, cfg *config.Config)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, storetest.SQLiteConfig(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.PostgresConfig(t)) })
}

func optDate(s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	return civil.MustParse(s)
}

func newEnv(t *testing.T, cfg *config.Config) *env {
	t.Helper()
	db := storetest.Migrated(t, cfg)
	e := &env{t: t, db: db, units: map[string]int64{}, tokens: map[string]string{},
		actors: map[string]*access.Actor{}, jars: map[string]http.CookieJar{}}
	org := fixture.Org(t, db, "LSN")
	for _, u := range envUnits {
		e.units[u.code] = fixture.Unit(t, db, org.ID, u.code, u.kind, u.name, optDate(u.from), optDate(u.to))
	}
	for _, p := range []struct {
		name      string
		role      access.Role
		clearance access.Classification
		unit      string
	}{
		{"chuyenvien1", access.Specialist, access.Secret, ""},
		{"chuyenvien2", access.Specialist, access.Secret, ""},
		{"chuyenvien3", access.Specialist, access.Normal, ""},
		{"truongban", access.Leader, access.MostSecret, ""},
		{"thuongvu", access.Viewer, access.Secret, ""},
		{"vanthu.tamthanh", access.Clerk, access.Normal, "ward-tam-thanh"},
		{"vanthu.dongdang", access.Clerk, access.Normal, "commune-dong-dang"},
		{"vanthu.none", access.Clerk, access.Normal, ""}, // an account tied to no unit
	} {
		a := fixture.User(t, db, org, p.name, p.role, p.clearance)
		if p.unit != "" {
			a.UnitID = e.units[p.unit]
			err := db.Tx(fixture.System(org.ID), func(tx *sql.Tx) error {
				_, err := tx.Exec(`UPDATE memberships SET unit_id = $1 WHERE user_id = $2`, a.UnitID, a.UserID)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		e.actors[p.name] = a
	}
	cal, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	lim, err := calendar.EmbeddedLimits()
	if err != nil {
		t.Fatal(err)
	}
	kek, idx := make([]byte, 32), make([]byte, 32)
	_, _ = rand.Read(kek)
	_, _ = rand.Read(idx)
	ring, err := envelope.New(kek)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := petitions.NewKeys(ring, idx)
	if err != nil {
		t.Fatal(err)
	}
	e.svc = petitions.New(db, cal, lim, keys)
	e.svc.Today = func() civil.Date { return today }
	e.reports = communereport.New(db)
	e.reports.Today = func() civil.Date { return today }
	de := &demo.Env{DB: db, Org: org, Today: today}
	if err := e.svc.DemoStep().Load(fixture.System(org.ID), de); err != nil {
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
	Register(app, e.svc, e.reports)
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

// upload posts a file as the upload form does.
func (e *env) upload(who string, file []byte) response {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", "bao-cao.xlsx")
	if err != nil {
		e.t.Fatal(err)
	}
	_, _ = fw.Write(file)
	_ = mw.Close()
	return e.do(who, "POST", "/commune-reports/upload", mw.FormDataContentType(), &buf)
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
