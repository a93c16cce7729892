package unitsweb_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/app"
	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/fixture"
	"noichinh/internal/i18n"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/units"
	"noichinh/internal/web"
	"noichinh/internal/web/unitsweb"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

const pw = "Đồng Đăng, Lạng Sơn 2026"

func d(s string) civil.Date { return civil.MustParse(s) }

// Every text of the module's pages is in the catalog, in both languages:
// the keys the shell's check finds, and those the module's own pickers and
// view helpers name.
func TestEveryTextIsInTheCatalog(t *testing.T) {
	missing, err := web.MissingKeys(unitsweb.Templates)
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Errorf("keys missing from the catalog: %v", missing)
	}
	literal := regexp.MustCompile(`"(units\.[a-z0-9_.]*[a-z0-9_])"`)
	check := func(name string, b []byte) {
		for _, m := range literal.FindAllSubmatch(b, -1) {
			if key := string(m[1]); !i18n.Has(key) {
				t.Errorf("%s: key %s missing from the catalog", name, key)
			}
		}
	}
	_ = fs.WalkDir(unitsweb.Templates, ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			b, _ := fs.ReadFile(unitsweb.Templates, p)
			check(p, b)
		}
		return err
	})
	for _, dir := range []string{".", "partials"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.IsDir() || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			b, _ := os.ReadFile(dir + "/" + e.Name())
			check(e.Name(), b)
		}
	}
	for _, k := range units.Kinds {
		for _, key := range []string{"units.kind." + string(k)} {
			if !i18n.Has(key) {
				t.Errorf("missing %s", key)
			}
		}
	}
	for _, key := range []string{"units.search.kind_unit", "units.search.kind_person", "units.basis.seat", "units.basis.merged_into"} {
		if !i18n.Has(key) {
			t.Errorf("missing %s", key)
		}
	}
}

// world is the complete application over a fresh database with a small
// organisation modelled on seed 004: a provincial committee, a Party
// organisation established in 1954, merged in 1975 into a body that was
// dissolved in 1978, re-established in 1984, and its secretaries.
type world struct {
	t     *testing.T
	db    *store.DB
	svc   *app.Services
	srv   *httptest.Server
	sys   context.Context
	tu    units.Unit
	bloc  units.Unit
	cl    units.Unit // the Cao Lạng body, 1975–1978
	child units.Unit // a cell under the organisation since 1985
	sec   units.Position
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	accounts.UseCheapHashingInTests()
	cfg := &config.Config{Data: t.TempDir()}
	svc, err := app.NewServices(cfg, db)
	if err != nil {
		t.Fatal(err)
	}
	webApp, err := svc.Web(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, db: db, svc: svc, srv: httptest.NewServer(webApp.Handler())}
	t.Cleanup(w.srv.Close)
	org := fixture.Org(t, db, "LSN")
	w.sys = fixture.System(org.ID)
	for _, u := range []struct {
		name string
		role access.Role
	}{{"chuyenvien1", access.Specialist}, {"thuongvu", access.Viewer}, {"quantri", access.Administrator}} {
		if _, err := svc.Accounts.CreateUser(w.sys, accounts.NewUser{Username: u.name, FullName: "Người " + u.name, Password: pw,
			Role: u.role, OrgID: org.ID, Clearance: access.Secret}); err != nil {
			t.Fatal(err)
		}
	}
	s := svc.Units
	must := func(u units.Unit, err error) units.Unit {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	w.tu = must(s.Create(w.sys, units.UnitInput{Code: "provincial-committee", Kind: units.KindProvincialCommittee, Name: "Tỉnh ủy Lạng Sơn", IssuerCode: "TU"}))
	clTU := must(s.Create(w.sys, units.UnitInput{Code: "cao-lang-committee", Kind: units.KindProvincialCommittee, Name: "Tỉnh ủy Cao Lạng",
		ValidFrom: d("1975-12-27"), ValidTo: d("1978-12-28")}))
	w.cl = must(s.Create(w.sys, units.UnitInput{Code: "bloc-cao-lang", Kind: units.KindPartyOrganization, Name: "Đảng bộ Chính dân Đảng tỉnh Cao Lạng",
		ParentID: clTU.ID, ValidFrom: d("1975-12-27"), ValidTo: d("1978-10-08")}))
	w.bloc = must(s.Create(w.sys, units.UnitInput{Code: "bloc-provincial-agencies", Kind: units.KindPartyOrganization,
		Name: "Đảng bộ Cơ quan Dân chính Đảng xung quanh tỉnh Lạng Sơn", ParentID: w.tu.ID, ValidFrom: d("1954-09-27"),
		Established: units.Decision{Symbol: "101-NQNS/LKVB", Date: d("1954-09-27")}}))
	for _, in := range []units.EventInput{
		{Kind: units.MergedInto, EffectiveOn: d("1975-12-27"), RelatedUnitID: w.cl.ID},
		{Kind: units.ReEstablished, EffectiveOn: d("1984-05-14"), Name: "Đảng bộ Các cơ quan tỉnh Lạng Sơn", ParentID: w.tu.ID},
		{Kind: units.Renamed, EffectiveOn: d("2003-10-10"), Name: "Đảng bộ Khối cơ quan dân chính Đảng tỉnh"},
	} {
		if _, err := s.RecordEvent(w.sys, w.bloc.ID, w.unit(w.bloc.ID).Version, in); err != nil {
			t.Fatal(err)
		}
	}
	w.bloc = w.unit(w.bloc.ID)
	w.child = must(s.Create(w.sys, units.UnitInput{Code: "bloc-cell", Kind: units.KindPartyCell, Name: "Chi bộ Văn phòng",
		ParentID: w.bloc.ID, ValidFrom: d("1985-01-01")}))
	p, err := s.CreatePerson(w.sys, units.PersonInput{FullName: "Hoàng Trung Tuyến"})
	if err != nil {
		t.Fatal(err)
	}
	if w.sec, err = s.AddPosition(w.sys, units.PositionInput{PersonID: p.ID, UnitID: w.bloc.ID, Title: units.Secretary,
		From: d("2005-10-07"), StartHow: units.Transferred, StartDecision: units.Decision{Symbol: "1013-QĐ/TU", Date: d("2005-10-07")}}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) unit(id int64) units.Unit {
	w.t.Helper()
	u, err := w.svc.Units.Get(w.sys, id)
	if err != nil {
		w.t.Fatal(err)
	}
	return u
}

func (w *world) events(id int64) int {
	w.t.Helper()
	h, err := w.svc.Units.History(w.sys, id)
	if err != nil {
		w.t.Fatal(err)
	}
	return len(h.Events)
}

type client struct {
	t *testing.T
	w *world
	c *http.Client
}

func (w *world) signIn(username string) *client {
	w.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &client{t: w.t, w: w, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
	code, body, _ := c.post("/login", "username", username, "password", pw)
	if code != http.StatusSeeOther {
		w.t.Fatalf("sign in %s: %d %s", username, code, body)
	}
	return c
}

func (c *client) do(method, path, contentType string, body io.Reader) (int, string, http.Header) {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.w.srv.URL+path, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
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
	c.t.Helper()
	code, body, _ := c.do("GET", path, "", nil)
	return code, body
}

func (c *client) post(path string, kv ...string) (int, string, string) {
	c.t.Helper()
	form := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Add(kv[i], kv[i+1])
	}
	code, body, hdr := c.do("POST", path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	return code, body, hdr.Get("Location")
}

// errorBeside returns the error text shown beside field, or "".
func errorBeside(body, field string) string {
	m := regexp.MustCompile(`(?s)<div class="error" id="e-` + regexp.QuoteMeta(field) + `">(.*?)</div>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func TestTreeAndUnitPageAsOfDates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.signIn("chuyenvien1")
		cases := []struct {
			asOf        string
			want, avoid []string
		}{
			{"01/06/1975", []string{"Đảng bộ Cơ quan Dân chính Đảng xung quanh tỉnh Lạng Sơn"}, []string{"Cao Lạng"}},
			{"1977-01-01", []string{"Tỉnh ủy Cao Lạng", "Đảng bộ Chính dân Đảng tỉnh Cao Lạng"}, []string{"Dân chính Đảng xung quanh"}},
			{"01/01/1980", nil, []string{"Cao Lạng", "Dân chính Đảng xung quanh", "Các cơ quan tỉnh Lạng Sơn"}},
			{"ngày 01 tháng 01 năm 1985", []string{"Đảng bộ Các cơ quan tỉnh Lạng Sơn", "Chi bộ Văn phòng"}, nil},
			{"01/01/2005", []string{"Đảng bộ Khối cơ quan dân chính Đảng tỉnh"}, nil},
		}
		for _, tc := range cases {
			code, body := c.get("/units?as_of=" + url.QueryEscape(tc.asOf))
			if code != 200 {
				t.Fatalf("tree on %s: %d", tc.asOf, code)
			}
			for _, s := range tc.want {
				if !strings.Contains(body, s) {
					t.Errorf("tree on %s lacks %q", tc.asOf, s)
				}
			}
			for _, s := range tc.avoid {
				if strings.Contains(body, s) {
					t.Errorf("tree on %s shows %q", tc.asOf, s)
				}
			}
		}
		// The Cao Lạng body is nested under its committee in 1977.
		_, body := c.get("/units?as_of=1977-01-01")
		if !regexp.MustCompile(`(?s)Tỉnh ủy Cao Lạng</a>.*?<ul>.*?Đảng bộ Chính dân Đảng tỉnh Cao Lạng`).MatchString(body) {
			t.Error("the Cao Lạng body is not under its committee")
		}
		// A date that cannot be read is explained beside the field; today is shown.
		code, body := c.get("/units?as_of=31/02/2020")
		if code != 200 || !strings.Contains(errorBeside(body, "as_of"), "Ngày không hợp lệ") || !strings.Contains(body, `value="31/02/2020"`) {
			t.Errorf("invalid as-of date: %d %q", code, errorBeside(body, "as_of"))
		}
		// Figures by kind link to the units behind them.
		_, body = c.get("/units?as_of=2005-01-01")
		if !strings.Contains(body, `href="/units?as_of=2005-01-01&amp;kind=party_organization"`) {
			t.Error("no drill-down link from the party organisation count")
		}
		code, body = c.get("/units?as_of=2005-01-01&kind=party_organization")
		if code != 200 || !strings.Contains(body, "Đảng bộ Khối cơ quan dân chính Đảng tỉnh") || strings.Contains(body, "Chi bộ Văn phòng") ||
			!strings.Contains(body, "Tổng số: 1") {
			t.Errorf("drill-down list: %d", code)
		}
		// Text search finds a unit under a former name, dissolved ones on request.
		_, body = c.get("/units?q=xung+quanh")
		if !strings.Contains(body, "Đảng bộ Khối cơ quan dân chính Đảng tỉnh") {
			t.Error("search by a former name")
		}
		_, body = c.get("/units?q=cao+lang&dead=1")
		if !strings.Contains(body, "Đảng bộ Chính dân Đảng tỉnh Cao Lạng") || !strings.Contains(body, "không tồn tại vào ngày này") {
			t.Error("dissolved units on request")
		}
		// The unit's page: the name, parent and people of the chosen day.
		code, body = c.get("/units/" + itoa(w.bloc.ID) + "?as_of=13/10/2005")
		if code != 200 || !strings.Contains(body, "<strong>Đảng bộ Khối cơ quan dân chính Đảng tỉnh</strong>") ||
			!strings.Contains(body, "Hoàng Trung Tuyến") || !strings.Contains(body, "1013-QĐ/TU") {
			t.Fatalf("unit page on 13/10/2005: %d", code)
		}
		_, body = c.get("/units/" + itoa(w.bloc.ID) + "?as_of=01/01/1980")
		if !strings.Contains(body, "Đơn vị không tồn tại vào ngày 01/01/1980") {
			t.Error("unit page on a day it did not exist")
		}
		// The timeline, with the merger's target linked.
		if !strings.Contains(body, `Sáp nhập vào <a href="/units/`+itoa(w.cl.ID)+`">`) {
			t.Error("merger not on the timeline")
		}
		// Unknown and malformed ids.
		if code, _ := c.get("/units/999999"); code != 404 {
			t.Errorf("unknown unit: %d", code)
		}
		if code, _ := c.get("/units/abc"); code != 404 {
			t.Errorf("malformed id: %d", code)
		}
		// English.
		c.post("/lang", "lang", "en", "next", "/units")
		_, body = c.get("/units/" + itoa(w.bloc.ID) + "?as_of=2005-10-13")
		if !strings.Contains(body, "People in post on 13/10/2005") {
			t.Error("unit page in English")
		}
		if _, body := c.get("/units"); !strings.Contains(body, "<title>Units and people · noichinh</title>") {
			t.Error("the tree page's title is not in English")
		}
	})
}

// Bad input gets a clear error beside its field, keeps what was typed and
// changes nothing.
func TestRefusedEditsChangeNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.signIn("chuyenvien1")
		page := "/units/" + itoa(w.bloc.ID)
		before := w.events(w.bloc.ID)
		version := itoa(int64(w.bloc.Version))

		// An event dated before the unit existed.
		code, body, _ := c.post(page+"/events", "version", version, "kind", "renamed", "effective_on", "01/01/1950",
			"precision", "day", "name", "Tên thử")
		if code != http.StatusUnprocessableEntity || !strings.Contains(errorBeside(body, "effective_on"), "nằm ngoài thời gian tồn tại") ||
			!strings.Contains(body, `value="01/01/1950"`) || !strings.Contains(body, `value="Tên thử"`) ||
			!strings.Contains(body, `id="form-event" open`) {
			t.Fatalf("event before the unit's life: %d %q", code, errorBeside(body, "effective_on"))
		}
		// A merger into a unit that no longer exists.
		code, body, _ = c.post(page+"/events", "version", version, "kind", "merged_into", "effective_on", "01/01/1990",
			"related_unit_id", itoa(w.cl.ID))
		if code != http.StatusUnprocessableEntity || !strings.Contains(errorBeside(body, "related_unit_id"), "Không thể sáp nhập vào") {
			t.Fatalf("merger into a dissolved unit: %d %q", code, errorBeside(body, "related_unit_id"))
		}
		// A cycle in the tree: the organisation under its own cell.
		code, body, _ = c.post(page+"/events", "version", version, "kind", "moved", "effective_on", "01/01/2000",
			"parent_id", itoa(w.child.ID))
		if code != http.StatusUnprocessableEntity || !strings.Contains(errorBeside(body, "parent_id"), "vòng lặp") {
			t.Fatalf("cycle: %d %q", code, errorBeside(body, "parent_id"))
		}
		// A date that cannot be read.
		code, body, _ = c.post(page+"/events", "version", version, "kind", "renamed", "effective_on", "30/02/2001", "name", "X")
		if code != http.StatusUnprocessableEntity || !strings.Contains(errorBeside(body, "effective_on"), "Ngày không hợp lệ") {
			t.Fatalf("unreadable date: %d", code)
		}
		// A second secretary at the same time, for someone not listed yet: no stray person remains.
		people, _ := w.svc.Units.ListPeople(w.sys, units.PeopleFilter{})
		code, body, _ = c.post(page+"/positions", "pos_person_name", "Nguyễn Văn Mới", "pos_title", "secretary",
			"pos_from", "01/01/2006", "pos_from_precision", "day")
		if code != http.StatusUnprocessableEntity || !strings.Contains(errorBeside(body, "pos_from"), "chỉ một người giữ") ||
			!strings.Contains(errorBeside(body, "pos_from"), "Hoàng Trung Tuyến") || !strings.Contains(body, `value="Nguyễn Văn Mới"`) {
			t.Fatalf("two secretaries at once: %d %q", code, errorBeside(body, "pos_from"))
		}
		after, _ := w.svc.Units.ListPeople(w.sys, units.PeopleFilter{})
		if after.Total != people.Total {
			t.Errorf("a refused term left a person behind: %d → %d", people.Total, after.Total)
		}
		// A congress with a number that is not a Roman numeral, a size that is not a number.
		code, body, _ = c.post(page+"/congresses", "cong_kind", "congress", "cong_number", "12", "cong_from", "10/08/2010")
		if code != http.StatusUnprocessableEntity || !strings.Contains(errorBeside(body, "cong_number"), "La Mã") {
			t.Fatalf("congress number: %d %q", code, errorBeside(body, "cong_number"))
		}
		if w.events(w.bloc.ID) != before || w.unit(w.bloc.ID).Version != w.bloc.Version {
			t.Fatal("a refused edit changed the unit")
		}

		// A stale version: the conflict message and the stored values.
		if _, err := w.svc.Units.Update(w.sys, w.bloc.ID, w.bloc.Version, units.UnitEdit{Code: w.bloc.Code, IssuerCode: "DUK"}); err != nil {
			t.Fatal(err)
		}
		code, body, _ = c.post(page, "version", version, "edit_code", "bloc-x", "edit_issuer_code", "XYZ")
		if code != http.StatusConflict || !strings.Contains(body, "vừa được người khác sửa") || !strings.Contains(body, `value="DUK"`) {
			t.Fatalf("stale edit: %d", code)
		}
		code, body, _ = c.post(page+"/events", "version", version, "kind", "renamed", "effective_on", "01/01/2011", "name", "Tên mới")
		if code != http.StatusConflict || !strings.Contains(body, "vừa được người khác sửa") || !strings.Contains(body, `value="Tên mới"`) {
			t.Fatalf("stale event: %d", code)
		}
		if w.unit(w.bloc.ID).IssuerCode != "DUK" || w.events(w.bloc.ID) != before {
			t.Fatal("a stale edit went through")
		}

		// The same event with the current version is recorded.
		current := itoa(int64(w.unit(w.bloc.ID).Version))
		code, _, loc := c.post(page+"/events", "version", current, "kind", "renamed", "effective_on", "28/05/2010",
			"name", "Đảng bộ Khối các cơ quan tỉnh", "decision_symbol", "1479-QĐ/TU", "decision_date", "28/05/2010",
			"decision_issuer_id", itoa(w.tu.ID))
		if code != http.StatusSeeOther || loc != page+"#history" {
			t.Fatalf("rename: %d %s", code, loc)
		}
		_, body = c.get(page)
		if !strings.Contains(body, "Đã ghi sự kiện") || !strings.Contains(body, "1479-QĐ/TU") || w.events(w.bloc.ID) != before+1 {
			t.Fatal("rename not shown")
		}
		// Codes: an invalid code is explained; a valid one saved.
		current = itoa(int64(w.unit(w.bloc.ID).Version))
		code, body, _ = c.post(page, "version", current, "edit_code", "Mã Sai", "edit_issuer_code", "DUK")
		if code != http.StatusUnprocessableEntity || errorBeside(body, "edit_code") == "" || !strings.Contains(body, `value="Mã Sai"`) {
			t.Fatalf("invalid code: %d", code)
		}
		if code, _, _ := c.post(page, "version", current, "edit_code", "bloc-agencies", "edit_issuer_code", "DUK"); code != http.StatusSeeOther {
			t.Fatalf("save codes: %d", code)
		}
		// A correction names the event it corrects and shows as such.
		h, _ := w.svc.Units.History(w.sys, w.bloc.ID)
		last := h.Events[len(h.Events)-1]
		code, _, _ = c.post(page+"/events", "version", itoa(int64(h.Unit.Version)), "kind", "renamed", "effective_on", "28/05/2010",
			"name", "Đảng bộ Khối các cơ quan tỉnh Lạng Sơn", "corrects_id", itoa(last.ID))
		if code != http.StatusSeeOther {
			t.Fatalf("correction: %d", code)
		}
		_, body = c.get(page)
		if !strings.Contains(body, "đã được đính chính") || !strings.Contains(body, "Đính chính sự kiện Đổi tên ngày 28/05/2010") {
			t.Error("correction not shown as such")
		}
	})
}

func TestNewUnitPeopleAssignmentsAndSteering(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.signIn("chuyenvien1")
		// A new unit: errors beside fields, then created.
		code, body, _ := c.post("/units", "code", "", "kind", "commune", "name", "", "valid_from", "01/07/2025")
		if code != http.StatusUnprocessableEntity || !strings.Contains(errorBeside(body, "name"), "Không được để trống") ||
			!strings.Contains(body, `value="01/07/2025"`) {
			t.Fatalf("new unit without a name: %d", code)
		}
		code, _, loc := c.post("/units", "code", "commune-that-khe", "kind", "commune", "name", "Xã Thất Khê",
			"valid_from", "01/07/2025", "parent_id", "")
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/units/") {
			t.Fatalf("create unit: %d", code)
		}
		commune, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/units/"), 10, 64)
		// The global search finds it, and finds the organisation under a former name.
		results, err := w.svc.Search.Search(fixture.Ctx(&access.Actor{UserID: 1, OrgID: w.bloc.OrgID, Role: access.Specialist}), "that khe", 10)
		if err != nil || len(results) != 1 || results[0].URL != loc {
			t.Errorf("search for the new unit: %v %+v", err, results)
		}
		results, _ = w.svc.Search.Search(fixture.Ctx(&access.Actor{UserID: 1, OrgID: w.bloc.OrgID, Role: access.Specialist}), "xung quanh", 10)
		if len(results) != 1 || results[0].URL != "/units/"+itoa(w.bloc.ID) {
			t.Errorf("search for a former name: %+v", results)
		}

		// People: a list with search, a page with the terms, a new person.
		code, body = c.get("/people?q=hoang+trung")
		if code != 200 || !strings.Contains(body, "Hoàng Trung Tuyến") {
			t.Fatalf("people: %d", code)
		}
		code, body = c.get("/people/" + itoa(w.sec.PersonID))
		if code != 200 || !strings.Contains(body, "Bí thư") || !strings.Contains(body, "Đảng bộ Khối cơ quan dân chính Đảng tỉnh") {
			t.Fatalf("person page: %d", code)
		}
		if code, body, _ := c.post("/people", "full_name", ""); code != http.StatusUnprocessableEntity || errorBeside(body, "full_name") == "" {
			t.Fatalf("person without a name: %d", code)
		}
		code, _, loc = c.post("/people", "full_name", "Vi Minh Tú", "note", "Phó Bí thư")
		if code != http.StatusSeeOther {
			t.Fatalf("new person: %d", code)
		}
		// Their term, added from their page; then the term's page.
		code, _, _ = c.post(loc+"/positions", "pos_unit_id", itoa(w.bloc.ID), "pos_title", "deputy_secretary",
			"pos_from", "25/06/2014", "pos_from_precision", "day", "pos_start_how", "designated", "pos_start_decision_symbol", "1457-QĐ/TU")
		if code != http.StatusSeeOther {
			t.Fatalf("add term: %d", code)
		}
		// A term that starts before the unit existed is refused beside the date.
		code, body, _ = c.post(loc+"/positions", "pos_unit_id", itoa(commune), "pos_title", "secretary", "pos_from", "01/01/2020")
		if code != http.StatusUnprocessableEntity || !strings.Contains(errorBeside(body, "pos_from"), "không tồn tại vào ngày") {
			t.Fatalf("term before the unit: %d %q", code, errorBeside(body, "pos_from"))
		}
		code, body = c.get("/positions/" + itoa(w.sec.ID))
		if code != 200 || !strings.Contains(body, `value="07/10/2005"`) {
			t.Fatalf("term page: %d", code)
		}
		code, body, _ = c.post("/positions/"+itoa(w.sec.ID), "version", itoa(int64(w.sec.Version)), "person_id", itoa(w.sec.PersonID),
			"unit_id", itoa(w.bloc.ID), "title", "secretary", "from", "07/10/2005", "to", "01/01/2005")
		if code != http.StatusUnprocessableEntity || errorBeside(body, "to") == "" {
			t.Fatalf("term ending before it began: %d", code)
		}

		// Assignments: refused without a staff member; then one assignment.
		code, body, _ = c.post("/assignments", "unit_id", itoa(commune), "assign_role", "follows", "from", "01/07/2025")
		if code != http.StatusUnprocessableEntity || errorBeside(body, "user_id") == "" {
			t.Fatalf("assignment without a staff member: %d", code)
		}
		staff, _ := w.svc.Units.Staff(w.sys)
		if len(staff) != 1 {
			t.Fatalf("staff: %+v", staff)
		}
		if code, _, _ := c.post("/assignments", "user_id", itoa(staff[0].UserID), "unit_id", itoa(commune), "assign_role", "follows",
			"from", "01/07/2025"); code != http.StatusSeeOther {
			t.Fatalf("assign: %d", code)
		}
		code, body = c.get("/assignments?as_of=01/08/2025")
		if code != 200 || !strings.Contains(body, "Xã Thất Khê") || !strings.Contains(body, "Người chuyenvien1") {
			t.Fatalf("assignments: %d", code)
		}
		if _, body := c.get("/"); !strings.Contains(body, "Địa bàn tôi theo dõi") || !strings.Contains(body, "Xã Thất Khê") {
			t.Error("home block of the localities followed")
		}
		list, _ := w.svc.Units.ListAssignments(w.sys, units.AssignmentFilter{})
		code, body, _ = c.post("/assignments/"+itoa(list[0].ID)+"/end", "version", itoa(int64(list[0].Version)), "end_to", "01/01/2025")
		if code != http.StatusUnprocessableEntity || errorBeside(body, "end-"+itoa(list[0].ID)) == "" {
			t.Fatalf("end before the start: %d", code)
		}

		// Steering committees.
		sc, err := w.svc.Units.Create(w.sys, units.UnitInput{Code: "steering-anticorruption", Kind: units.KindSteeringCommittee,
			Name: "Ban Chỉ đạo phòng, chống tham nhũng tỉnh", ParentID: w.tu.ID})
		if err != nil {
			t.Fatal(err)
		}
		code, body, _ = c.post("/steering/"+itoa(sc.ID)+"/members", "role", "chair")
		if code != http.StatusUnprocessableEntity || errorBeside(body, "person_id") == "" {
			t.Fatalf("seat without a member: %d", code)
		}
		if code, _, _ := c.post("/steering/"+itoa(sc.ID)+"/members", "role", "chair", "holder_unit_id", itoa(w.bloc.ID),
			"holder_title", "secretary"); code != http.StatusSeeOther {
			t.Fatalf("seat: %d", code)
		}
		code, body = c.get("/steering/" + itoa(sc.ID) + "?as_of=2006-01-01")
		if code != 200 || !strings.Contains(body, "Hoàng Trung Tuyến") {
			t.Fatalf("steering page: %d", code)
		}
		if code, body := c.get("/steering"); code != 200 || !strings.Contains(body, "Ban Chỉ đạo phòng, chống tham nhũng tỉnh") {
			t.Fatalf("steering list: %d", code)
		}
	})
}

func TestViewerReadsAndCannotWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.signIn("thuongvu")
		code, body := c.get("/units/" + itoa(w.bloc.ID))
		if code != 200 || strings.Contains(body, `id="form-event"`) || strings.Contains(body, "Thêm đơn vị") {
			t.Fatalf("viewer's unit page: %d", code)
		}
		if code, _, _ := c.post("/units/"+itoa(w.bloc.ID)+"/events", "kind", "renamed"); code != http.StatusForbidden {
			t.Errorf("viewer records an event: %d", code)
		}
		if code, _ := c.get("/units/import"); code != http.StatusForbidden {
			t.Errorf("viewer reaches the reference data: %d", code)
		}
	})
}

// The administrator imports a CSV file: a file with wrong rows is refused
// row by row with nothing written; a good one is imported; the former →
// current mapping is completed.
func TestAdministratorImportsReferenceData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.signIn("quantri")
		_, body := c.get("/account/2fa")
		m := regexp.MustCompile(`<code class="secret">([A-Z2-7]+)</code>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no enrolment page")
		}
		otp, _ := totp.GenerateCode(m[1], time.Now())
		c.post("/account/2fa", "code", otp)

		upload := func(kind, csv string) (int, string) {
			var b bytes.Buffer
			mw := multipart.NewWriter(&b)
			_ = mw.WriteField("kind", kind)
			fw, _ := mw.CreateFormFile("file", "test.csv")
			_, _ = fw.Write([]byte(csv))
			mw.Close()
			code, body, _ := c.do("POST", "/units/import", mw.FormDataContentType(), &b)
			return code, body
		}
		bad := "code,kind,name,parent_code,valid_from\n" +
			"district-a,district,Huyện A,,2000-01-01\n" +
			"commune-b,planet,Xã B,,\n" +
			"commune-c,commune,,district-zzz,31/12/2000\n"
		code, body := upload("units", bad)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Dòng") || strings.Count(body, `<td class="num">`) < 3 {
			t.Fatalf("bad file: %d\n%s", code, body)
		}
		if _, err := w.svc.Units.GetByCode(w.sys, "district-a"); err == nil {
			t.Fatal("a refused file wrote a row")
		}
		if code, body := upload("units", ""); code != http.StatusUnprocessableEntity || !strings.Contains(body, "không có dòng dữ liệu") {
			t.Fatalf("empty file: %d", code)
		}
		good := "code,kind,name,valid_from,valid_to\n" +
			"district-a,district,Huyện A,2000-01-01,2025-06-30\n" +
			"commune-b,commune,Xã B,2025-07-01,\n"
		code, body = upload("units", good)
		if code != http.StatusSeeOther {
			t.Fatalf("good file: %d %s", code, body)
		}
		_, body = c.get("/units/import")
		if !strings.Contains(body, "tạo mới 2") || !strings.Contains(body, "Huyện A") || !strings.Contains(body, "chưa có đơn vị kế thừa") {
			t.Fatal("import result and the former unit without successor")
		}
		a, _ := w.svc.Units.GetByCode(w.sys, "district-a")
		b, _ := w.svc.Units.GetByCode(w.sys, "commune-b")
		code, body, _ = c.post("/units/successors", "unit_id", itoa(a.ID), "successor_id", itoa(a.ID))
		if code != http.StatusUnprocessableEntity || errorBeside(body, "successor_id") == "" {
			t.Fatalf("self successor: %d", code)
		}
		if code, _, _ := c.post("/units/successors", "unit_id", itoa(a.ID), "successor_id", itoa(b.ID), "effective_on", "01/07/2025",
			"basis", "territory"); code != http.StatusSeeOther {
			t.Fatalf("successor: %d", code)
		}
		succ, _ := w.svc.Units.Successors(w.sys, a.ID)
		if len(succ) != 1 || succ[0].SuccessorID != b.ID {
			t.Fatalf("successors: %+v", succ)
		}
		// The built-in files can be downloaded.
		code, body = c.get("/units/import/files/localities.csv")
		if code != 200 || !strings.Contains(body, "code,kind,name") {
			t.Fatalf("download: %d", code)
		}
		if code, _ := c.get("/units/import/files/..%2F..%2Fgo.mod"); code == 200 {
			t.Errorf("download outside the list: %d", code)
		}
	})
}

func TestAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.signIn("chuyenvien1")
		getJSON := func(path string, v any) int {
			t.Helper()
			code, body := c.get(path)
			if code == 200 {
				if err := json.Unmarshal([]byte(body), v); err != nil {
					t.Fatalf("%s: %v\n%s", path, err, body)
				}
			}
			return code
		}
		var list struct {
			Total int `json:"total"`
			Items []struct {
				ID   int64  `json:"id"`
				Name string `json:"name"`
			} `json:"items"`
		}
		if code := getJSON("/api/v1/units?as_of=1977-01-01&kind=party_organization", &list); code != 200 || list.Total != 1 ||
			list.Items[0].Name != "Đảng bộ Chính dân Đảng tỉnh Cao Lạng" {
			t.Fatalf("list: %d %+v", code, list)
		}
		var tree struct {
			Roots []struct {
				Name     string `json:"name"`
				Children []struct {
					Name string `json:"name"`
				} `json:"children"`
			} `json:"roots"`
		}
		if code := getJSON("/api/v1/units/tree?as_of=2011-01-01", &tree); code != 200 {
			t.Fatalf("tree: %d", code)
		}
		found := false
		for _, r := range tree.Roots {
			for _, ch := range r.Children {
				found = found || (r.Name == "Tỉnh ủy Lạng Sơn" && ch.Name == "Đảng bộ Khối cơ quan dân chính Đảng tỉnh")
			}
		}
		if !found {
			t.Errorf("tree: %+v", tree)
		}
		var one struct {
			Unit struct {
				Version int `json:"version"`
			} `json:"unit"`
			People []struct {
				PersonName string `json:"person_name"`
			} `json:"people"`
			Events []any `json:"events"`
		}
		if code := getJSON("/api/v1/units/"+itoa(w.bloc.ID)+"?as_of=2005-10-13", &one); code != 200 || len(one.People) != 1 ||
			one.People[0].PersonName != "Hoàng Trung Tuyến" || len(one.Events) != 4 {
			t.Fatalf("unit: %d %+v", code, one)
		}
		if code, _ := c.get("/api/v1/units?as_of=hôm-qua"); code != http.StatusUnprocessableEntity {
			t.Errorf("bad date: %d", code)
		}
		// Writes: an event outside the unit's life is 422 with the field; a stale version 409.
		post := func(path, body string) (int, string) {
			code, b, _ := c.do("POST", path, "application/json", strings.NewReader(body))
			return code, b
		}
		code, body := post("/api/v1/units/"+itoa(w.bloc.ID)+"/events",
			`{"version":`+strconv.Itoa(one.Unit.Version)+`,"kind":"renamed","effective_on":"1950-01-01","name":"X"}`)
		if code != http.StatusUnprocessableEntity || !regexp.MustCompile(`"field":\s*"effective_on"`).MatchString(body) {
			t.Fatalf("event outside life: %d %s", code, body)
		}
		code, _ = post("/api/v1/units/"+itoa(w.bloc.ID)+"/events", `{"version":1,"kind":"renamed","effective_on":"2011-01-01","name":"X"}`)
		if code != http.StatusConflict {
			t.Fatalf("stale event: %d", code)
		}
		code, body = post("/api/v1/positions", `{"person_id":`+itoa(w.sec.PersonID)+`,"unit_id":`+itoa(w.bloc.ID)+
			`,"title":"secretary","from":"2006-01-01"}`)
		if code != http.StatusUnprocessableEntity || !regexp.MustCompile(`"field":\s*"from"`).MatchString(body) {
			t.Fatalf("second secretary: %d %s", code, body)
		}
		code, body = post("/api/v1/units", `{"code":"ward-dong-kinh","kind":"ward","name":"Phường Đông Kinh","valid_from":"2025-07-01"}`)
		if code != http.StatusCreated || !regexp.MustCompile(`"name":\s*"Phường Đông Kinh"`).MatchString(body) {
			t.Fatalf("create: %d %s", code, body)
		}
		var person struct {
			FullName  string `json:"full_name"`
			Positions []struct {
				Title string `json:"title"`
			} `json:"positions"`
		}
		if code := getJSON("/api/v1/people/"+itoa(w.sec.PersonID), &person); code != 200 || len(person.Positions) != 1 {
			t.Fatalf("person: %d %+v", code, person)
		}
		// The bulk search rebuild gives the same entries as the writes.
		if _, err := search.Reindex(context.Background(), w.db, units.SearchSources()); err != nil {
			t.Fatal(err)
		}
		results, _ := w.svc.Search.Search(fixture.Ctx(&access.Actor{UserID: 1, OrgID: w.bloc.OrgID, Role: access.Viewer}), "xung quanh", 10)
		if len(results) != 1 || !strings.Contains(string(results[0].Snippet), "Dân chính Đảng") {
			t.Errorf("reindexed search: %+v", results)
		}
	})
}
