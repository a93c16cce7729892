package documentsweb

import (
	"bytes"
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
	"strconv"
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/config"
	"noichinh/internal/documents"
	"noichinh/internal/fixture"
	"noichinh/internal/orgs"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

func TestMain(m *testing.M) {
	accounts.UseCheapHashingInTests()
	os.Exit(storetest.Main(m))
}

// env is the web application with the documents pages over a database with
// a central organisation, a province under it with the units documents cite,
// and one API token per person.
type env struct {
	t       *testing.T
	db      *store.DB
	svc     *documents.Service
	srv     *httptest.Server
	org     orgs.Org
	central orgs.Org
	units   map[string]int64
	tokens  map[string]string
	actors  map[string]*access.Actor
	jars    map[string]http.CookieJar // each person's cookies: flash messages live in the session
}

var envUnits = []struct{ code, name, short, issuer string }{
	{"central-politburo", "Bộ Chính trị", "", "TW"},
	{"central-secretariat", "Ban Bí thư Trung ương Đảng", "Ban Bí thư", "TW"},
	{"standing-board", "Ban Thường vụ Tỉnh ủy Lạng Sơn", "Ban Thường vụ Tỉnh ủy", "TU"},
	{"bnctu", "Ban Nội chính Tỉnh ủy Lạng Sơn", "Ban Nội chính Tỉnh ủy", "BNCTU"},
	{"ward", "Phường Đông Kinh", "", ""},
}

func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	e := &env{t: t, db: db, svc: documents.New(db), units: map[string]int64{}, tokens: map[string]string{},
		actors: map[string]*access.Actor{}, jars: map[string]http.CookieJar{}}
	e.central = orgs.Org{Code: "TW", Name: "Ban Nội chính Trung ương", Kind: orgs.Central, IssuerCode: "BNCTW"}
	e.org = orgs.Org{Code: "LSN", Name: "Ban Nội chính Tỉnh ủy Lạng Sơn", Kind: orgs.Provincial, Place: "Lạng Sơn",
		IssuerCode: "BNCTU"}
	err := db.Tx(fixture.System(0), func(tx *sql.Tx) error {
		if err := orgs.Create(fixture.System(0), tx, &e.central); err != nil {
			return err
		}
		e.org.ParentID = e.central.ID
		return orgs.Create(fixture.System(0), tx, &e.org)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range envUnits {
		err := db.Tx(fixture.System(e.org.ID), func(tx *sql.Tx) error {
			now := store.Now()
			var id int64
			err := tx.QueryRow(`INSERT INTO units (org_id, code, kind, name, short_name, name_key, issuer_code,
				created_at, updated_at) VALUES ($1, $2, 'party_body', $3, $4, $5, $6, $7, $7) RETURNING id`,
				e.org.ID, u.code, u.name, u.short, vntext.Key(u.name), u.issuer, now).Scan(&id)
			e.units[u.code] = id
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	accts := accounts.New(db, nil, accounts.DefaultPolicy)
	for _, p := range []struct {
		name      string
		org       orgs.Org
		role      access.Role
		clearance access.Classification
	}{
		{"spec", e.org, access.Specialist, access.Secret},
		{"low", e.org, access.Specialist, access.Normal},
		{"viewer", e.org, access.Viewer, access.Secret},
		{"admin", e.org, access.Administrator, access.Secret},
		{"central", e.central, access.Central, access.Secret},
	} {
		a := fixture.User(t, db, p.org, p.name, p.role, p.clearance)
		secret, _, err := accts.CreateToken(fixture.Ctx(a), "test", accounts.ScopeWrite, 1)
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[p.name], e.actors[p.name] = secret, a
	}
	for _, term := range documents.LangSonTerms {
		if _, err := e.svc.AddTerm(fixture.Ctx(e.actors["admin"]), term); err != nil {
			t.Fatal(err)
		}
	}
	app, err := web.New(web.Options{DB: db, Log: slog.New(slog.DiscardHandler), Config: &config.Config{Data: t.TempDir()},
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

// text is the page's text with tags dropped and entities decoded, for
// looking for messages.
func text(page string) string {
	return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, " "))
}

// fieldError is the message shown beside a field.
func fieldError(page, field string) string {
	m := regexp.MustCompile(`(?s)<div class="error" id="e-` + regexp.QuoteMeta(field) + `">(.*?)</div>`).FindStringSubmatch(page)
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

// docForm is a registration form.
func (e *env) docForm(kind, symbol, issued, issuer string, extra ...string) url.Values {
	f := url.Values{"kind": {kind}, "symbol": {symbol}, "issued_on": {issued}, "classification": {"0"}}
	if issuer != "" {
		f.Set("issuer_unit_id", itoa(e.units[issuer]))
	}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i] == "fields" {
			f.Add(extra[i], extra[i+1])
		} else {
			f.Set(extra[i], extra[i+1])
		}
	}
	return f
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// created registers through the form and returns the new document's page path.
func (e *env) created(who string, f url.Values) string {
	e.t.Helper()
	r := e.post(who, "/documents", f)
	if r.code != http.StatusSeeOther || !strings.HasPrefix(r.location, "/documents/") {
		e.t.Fatalf("register %v: %d %s\n%s", f, r.code, r.location, text(r.body))
	}
	return r.location
}

// The registration and correction forms: errors in Vietnamese beside their
// fields with what was typed kept, the duplicate number naming its holder
// (or not, when it is above the user's clearance), a stale edit answered with
// the current values, the Committee's next number.
func TestDocumentForms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		first := e.created("spec", e.docForm("directive", "48-CT/TW", "22/10/2010", "central-politburo",
			"summary", "tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống tội phạm", "fields", "internal_affairs"))
		page := e.get("spec", first)
		if page.code != 200 || !strings.Contains(page.body, "<h1>48-CT/TW") || !strings.Contains(text(page.body), "22/10/2010") ||
			!strings.Contains(text(page.body), "Bộ Chính trị") {
			t.Fatalf("the document's page: %d %s", page.code, text(page.body))
		}

		// The same number in the same term: refused, naming the holder, what was typed kept.
		dup := e.docForm("directive", "48 - ct/tw", "01/12/2010", "central-politburo", "summary", "một chỉ thị khác")
		r := e.post("spec", "/documents", dup)
		if r.code != http.StatusUnprocessableEntity {
			t.Fatalf("duplicate number: %d", r.code)
		}
		if got := fieldError(r.body, "symbol"); !strings.Contains(got, "Số này đã được dùng cho văn bản 48-CT/TW (22/10/2010)") {
			t.Errorf("duplicate number message: %q", got)
		}
		if inputValue(r.body, "symbol") != "48 - ct/tw" || !strings.Contains(r.body, ">một chỉ thị khác</textarea>") {
			t.Errorf("the typed values are not kept")
		}
		// A date that is no date, beside its field.
		r = e.post("spec", "/documents", e.docForm("plan", "5-KH/TU", "31/02/2020", "standing-board"))
		if r.code != http.StatusUnprocessableEntity || fieldError(r.body, "issued_on") != "Ngày không hợp lệ (dạng dd/mm/yyyy)." {
			t.Errorf("invalid date: %d %q", r.code, fieldError(r.body, "issued_on"))
		}
		// Nothing chosen: the kind is required.
		r = e.post("spec", "/documents", url.Values{"symbol": {"5-KH/TU"}})
		if r.code != http.StatusUnprocessableEntity || fieldError(r.body, "kind") != "Không được để trống." {
			t.Errorf("no kind: %d %q", r.code, fieldError(r.body, "kind"))
		}

		// Clearance: a specialist cleared for normal documents cannot
		// classify one secret, nor learn which secret document holds a number.
		r = e.post("low", "/documents", e.docForm("plan", "7-KH/TU", "02/03/2026", "standing-board", "classification", "1"))
		if r.code != http.StatusUnprocessableEntity || fieldError(r.body, "classification") != "Mức mật cao hơn mức được tiếp cận của bạn." {
			t.Errorf("classification above clearance: %d %q", r.code, fieldError(r.body, "classification"))
		}
		if sel := regexp.MustCompile(`(?s)<select id="f-classification".*?</select>`).FindString(r.body); sel == "" ||
			strings.Contains(sel, `<option value="1"`) {
			t.Errorf("the form offers a classification above the user's clearance")
		}
		secretPlan := e.created("spec", e.docForm("plan", "8-KH/TU", "02/03/2026", "standing-board", "classification", "1",
			"summary", "kế hoạch mật"))
		r = e.post("low", "/documents", e.docForm("plan", "08-KH/TU", "05/03/2026", "standing-board"))
		if got := fieldError(r.body, "symbol"); r.code != 422 || got != "Số này đã được dùng cho một văn bản khác trong cùng nhiệm kỳ hoặc cùng năm." {
			t.Errorf("duplicate of a secret document: %d %q", r.code, got)
		}
		if e.get("low", secretPlan).code != http.StatusNotFound || e.get("viewer", secretPlan).code != http.StatusOK {
			t.Errorf("a secret document is shown to a user without clearance, or hidden from one with it")
		}
		if list := e.get("low", "/documents?q=ke+hoach"); strings.Contains(list.body, "8-KH/TU") {
			t.Errorf("a secret document is listed to a user without clearance")
		}
		// Only writers reach the forms.
		if e.get("viewer", "/documents/new").code != http.StatusForbidden ||
			e.post("viewer", "/documents", e.docForm("plan", "9-KH/TU", "02/03/2026", "")).code != http.StatusForbidden {
			t.Errorf("a viewer reaches the registration form")
		}

		// A stale edit: the second save of version 1 gets the current
		// values, the new version and what was typed, with status 409.
		edit := e.get("spec", first+"/edit")
		if edit.code != 200 || inputValue(edit.body, "version") != "1" || inputValue(edit.body, "issued_on") != "22/10/2010" {
			t.Fatalf("edit form: %d version %q", edit.code, inputValue(edit.body, "version"))
		}
		mine := e.docForm("directive", "48-CT/TW", "22/10/2010", "central-politburo", "version", "1",
			"summary", "tóm tắt của người thứ nhất", "fields", "internal_affairs")
		if r := e.post("spec", first, mine); r.code != http.StatusSeeOther || r.location != first {
			t.Fatalf("first save: %d %s %s", r.code, r.location, text(r.body))
		}
		theirs := e.docForm("directive", "48-CT/TW", "22/10/2010", "central-politburo", "version", "1",
			"summary", "tóm tắt của người thứ hai")
		r = e.post("spec", first, theirs)
		if r.code != http.StatusConflict || !strings.Contains(text(r.body), "Bản ghi vừa được người khác sửa.") {
			t.Fatalf("stale save: %d %s", r.code, text(r.body))
		}
		if inputValue(r.body, "version") != "2" || !strings.Contains(r.body, ">tóm tắt của người thứ nhất</textarea>") ||
			!strings.Contains(text(r.body), "tóm tắt của người thứ hai") {
			t.Errorf("the conflict page does not show the current values and what was typed")
		}
		if r := e.get("spec", first); !strings.Contains(text(r.body), "tóm tắt của người thứ nhất") ||
			!strings.Contains(text(r.body), "Sửa thông tin") {
			t.Errorf("the page after the edit: %s", text(r.body))
		}

		// The Committee's next number, shown by the form and taken on registration.
		r = e.get("spec", "/documents/new?kind=plan&issued_on=02/03/2026")
		if !strings.Contains(text(r.body), "01-KH/BNCTU (khóa XVIII)") {
			t.Errorf("next number hint: %s", text(r.body))
		}
		own := e.created("spec", url.Values{"kind": {"plan"}, "auto_number": {"1"}, "issued_on": {"02/03/2026"},
			"summary": {"kiểm tra công tác nội chính"}})
		if !strings.Contains(e.get("spec", own).body, "<h1>01-KH/BNCTU") {
			t.Errorf("automatic number")
		}
		if r := e.get("spec", "/documents/new?kind=plan&issued_on=02/03/2026"); !strings.Contains(text(r.body), "02-KH/BNCTU") {
			t.Errorf("next number after one: %s", text(r.body))
		}
		if r := e.get("spec", "/documents/new?kind=plan&issued_on=02/03/2009"); !strings.Contains(text(r.body), "Chưa có dữ liệu nhiệm kỳ") {
			t.Errorf("next number without a term: %s", text(r.body))
		}
		// Pre-filled from a reference to register.
		r = e.get("spec", "/documents/new?"+url.Values{"symbol": {"215-KH/TU"}, "issued_on": {"12/03/2026"},
			"kind": {"plan"}, "issuer_unit_id": {itoa(e.units["standing-board"])}}.Encode())
		if inputValue(r.body, "symbol") != "215-KH/TU" || inputValue(r.body, "issued_on") != "12/03/2026" ||
			!strings.Contains(r.body, `<option value="`+itoa(e.units["standing-board"])+`" selected>`) {
			t.Errorf("pre-filled form")
		}
	})
}

// The document's page forms: relations (to a registered document or one
// only named, with a registration link), declared status, attachments.
func TestDocumentPageForms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ct := e.created("spec", e.docForm("directive", "48-CT/TW", "22/10/2010", "central-politburo"))
		kl := e.created("spec", e.docForm("conclusion", "05-KL/TW", "15/07/2016", "central-secretariat"))
		r := e.post("spec", kl+"/relations", url.Values{"type": {"implements"}, "target.symbol": {"48-CT/TW"}})
		if r.code != http.StatusSeeOther {
			t.Fatalf("add relation: %d %s", r.code, text(r.body))
		}
		r = e.post("spec", kl+"/relations", url.Values{"type": {"based_on"}, "target.symbol": {"09-CT/TW"},
			"target.issued": {"01/12/2011"}})
		if r.code != http.StatusSeeOther {
			t.Fatalf("add relation to an unregistered document: %d %s", r.code, text(r.body))
		}
		page := e.get("viewer", kl).body
		if !strings.Contains(page, `href="`+ct+`"`) || !strings.Contains(text(page), "Văn bản này thực hiện") {
			t.Errorf("the relation is not shown")
		}
		if !strings.Contains(page, `class="node root`) || !strings.Contains(page, `class="node unreg"`) {
			t.Errorf("the graph lacks the root or the unregistered node")
		}
		if strings.Contains(page, `class="regbtn"`) {
			t.Errorf("a viewer is offered to register")
		}
		page = e.get("spec", kl).body
		want := "/documents/new?issued_on=01%2F12%2F2011&amp;kind=directive&amp;symbol=09-CT%2FTW"
		if !strings.Contains(page, want) {
			t.Errorf("no registration link %s in the page", want)
		}
		// The incoming side.
		if p := text(e.get("spec", ct).body); !strings.Contains(p, "Văn bản này được thực hiện bởi") || !strings.Contains(p, "05-KL/TW") {
			t.Errorf("the implemented document does not show what implements it")
		}
		// Errors beside the relation fields.
		r = e.post("spec", kl+"/relations", url.Values{"type": {"implements"}})
		if r.code != 422 || fieldError(r.body, "target.symbol") != "Không được để trống." {
			t.Errorf("relation without a target: %d %q", r.code, fieldError(r.body, "target.symbol"))
		}
		r = e.post("spec", kl+"/relations", url.Values{"type": {"implements"}, "target.symbol": {"48-CT/TW"}})
		if r.code != 422 || fieldError(r.body, "type") != "Quan hệ này đã có." {
			t.Errorf("the same relation twice: %d %q", r.code, fieldError(r.body, "type"))
		}

		// A declared expiry, with the version read.
		r = e.post("spec", ct+"/status", url.Values{"status": {"expired"}, "effective_on": {"01/01/2020"}, "version": {"1"},
			"status_note": {"thay bằng chỉ thị mới"}})
		if r.code != http.StatusSeeOther {
			t.Fatalf("declare status: %d %s", r.code, text(r.body))
		}
		if p := text(e.get("spec", ct).body); !strings.Contains(p, "Hết hiệu lực") || !strings.Contains(p, "thay bằng chỉ thị mới") {
			t.Errorf("declared status not shown")
		}
		r = e.post("spec", ct+"/status", url.Values{"status": {"expired"}, "effective_on": {"01/01/2021"}, "version": {"1"}})
		if r.code != http.StatusConflict {
			t.Errorf("stale status declaration: %d", r.code)
		}
		r = e.post("spec", ct+"/status", url.Values{"status": {"replaced"}, "effective_on": {"01/01/2021"}, "version": {"2"}})
		if r.code != 422 || !strings.Contains(fieldError(r.body, "status"), "được xác định từ văn bản") {
			t.Errorf("declaring a derived status: %d %q", r.code, fieldError(r.body, "status"))
		}

		// Attachments: a PDF is kept and given back; another type is refused beside the field.
		upload := func(name string, content []byte) response {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			fw, _ := mw.CreateFormFile("file", name)
			fw.Write(content)
			mw.Close()
			return e.do("spec", "POST", kl+"/attachments", mw.FormDataContentType(), &buf)
		}
		pdf := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
		if r := upload("ket-luan.pdf", pdf); r.code != http.StatusSeeOther {
			t.Fatalf("upload: %d %s", r.code, text(r.body))
		}
		r = upload("virus.exe", []byte("MZ\x90\x00\x03\x00\x00\x00"))
		if r.code != 422 || !strings.Contains(fieldError(r.body, "file"), "Chỉ nhận tệp PDF") {
			t.Errorf("refused file: %d %q", r.code, fieldError(r.body, "file"))
		}
		link := regexp.MustCompile(`href="(` + regexp.QuoteMeta(kl) + `/attachments/\d+)"`).FindStringSubmatch(e.get("viewer", kl).body)
		if link == nil {
			t.Fatal("no attachment link")
		}
		if r := e.get("viewer", link[1]); r.code != 200 || r.body != string(pdf) {
			t.Errorf("download: %d %q", r.code, r.body)
		}
		if r := e.get("viewer", ct+"/attachments/"+strings.TrimPrefix(link[1], kl+"/attachments/")); r.code != 404 {
			t.Errorf("an attachment through another document: %d", r.code)
		}
		if r := e.post("spec", ct+"/attachments/"+strings.TrimPrefix(link[1], kl+"/attachments/")+"/delete", nil); r.code != 404 {
			t.Errorf("an attachment removed through another document: %d", r.code)
		}
		if r := e.post("spec", link[1]+"/delete", nil); r.code != http.StatusSeeOther || e.get("viewer", link[1]).code != 404 {
			t.Errorf("remove attachment: %d", r.code)
		}
		// Removing a relation: it leaves the page, and the history says so.
		relID := regexp.MustCompile(`action="` + regexp.QuoteMeta(kl) + `/relations/(\d+)/delete"`).FindStringSubmatch(e.get("spec", kl).body)
		if relID == nil {
			t.Fatal("no relation to remove")
		}
		if r := e.post("spec", kl+"/relations/"+relID[1]+"/delete", nil); r.code != http.StatusSeeOther {
			t.Errorf("remove relation: %d", r.code)
		}
		if p := text(e.get("spec", kl).body); !strings.Contains(p, "Gỡ quan hệ") {
			t.Errorf("the removal is not in the history")
		}
	})
}

// Paste-a-text through the pages: citations highlighted, the unknown one
// registered with its relation in one submit; a wrong draft refused beside
// its field with nothing registered.
func TestAnalyzeAndRegister(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ct := e.created("spec", e.docForm("directive", "48-CT/TW", "22/10/2010", "central-politburo"))
		text0 := "Kế hoạch số 215-KH/TU, ngày 12/3/2026 của Ban Thường vụ Tỉnh ủy về thực hiện Chỉ thị số 48-CT/TW, ngày 22/10/2010 của Bộ Chính trị."
		r := e.post("viewer", "/documents/analyze", url.Values{"text": {text0}})
		if r.code != 200 || strings.Count(r.body, `<mark class="ref known" data-doc`) != 1 || strings.Count(r.body, `<mark class="ref unknown" data-doc`) != 1 {
			t.Fatalf("analysis: %d %s", r.code, r.body)
		}
		if strings.Contains(r.body, `name="pick"`) {
			t.Errorf("a viewer is offered to register")
		}
		r = e.post("spec", "/documents/analyze", url.Values{"text": {text0}})
		if inputValue(r.body, "d0.symbol") != "215-KH/TU" || inputValue(r.body, "d0.issued_on") != "12/03/2026" ||
			!regexp.MustCompile(`name="pick" value="0" checked`).MatchString(r.body) ||
			!strings.Contains(r.body, `<option value="`+itoa(e.units["standing-board"])+`" selected>`) {
			t.Fatalf("the draft is not pre-filled: %s", text(r.body))
		}
		// A wrong date: nothing registered, the error beside the draft's field.
		form := url.Values{"text": {text0}, "pick": {"0"}, "d0.kind": {"plan"}, "d0.symbol": {"215-KH/TU"},
			"d0.issued_on": {"12/3/2099"}, "d0.issuer_unit_id": {itoa(e.units["standing-board"])}, "d0.classification": {"0"},
			"rel": {"0"}, "r0.type": {"implements"}}
		r = e.post("spec", "/documents/analyze/register", form)
		if r.code != 422 || fieldError(r.body, "d0.issued_on") != "Ngày ban hành không được sau ngày hôm nay." {
			t.Errorf("a draft dated in the future: %d %q", r.code, fieldError(r.body, "d0.issued_on"))
		}
		if l := e.get("spec", "/documents?q=215"); !strings.Contains(text(l.body), "Không có văn bản nào khớp bộ lọc") {
			t.Errorf("a refused registration left a document")
		}
		// The relation alone cannot be registered without its source.
		r = e.post("spec", "/documents/analyze/register", url.Values{"text": {text0}, "rel": {"0"}, "r0.type": {"implements"}})
		if r.code != 422 || !strings.Contains(text(r.body), "Cần đăng ký cả văn bản 215-KH/TU") {
			t.Errorf("a relation from an unregistered document: %d", r.code)
		}
		form.Set("d0.issued_on", "12/03/2026")
		r = e.post("spec", "/documents/analyze/register", form)
		if r.code != http.StatusSeeOther || !strings.HasPrefix(r.location, "/documents/") {
			t.Fatalf("register: %d %s", r.code, text(r.body))
		}
		page := e.get("spec", r.location)
		if !strings.Contains(page.body, "<h1>215-KH/TU") || !strings.Contains(page.body, `href="`+ct+`"`) ||
			!strings.Contains(text(page.body), "Đã đăng ký 1 văn bản và 1 quan hệ") {
			t.Errorf("the registered plan's page: %s", text(page.body))
		}
		// Analysed again, everything is known and recorded.
		r = e.post("spec", "/documents/analyze", url.Values{"text": {text0}})
		if strings.Count(r.body, `<mark class="ref known" data-doc`) != 2 || !strings.Contains(text(r.body), "đã ghi nhận") {
			t.Errorf("second analysis: %s", text(r.body))
		}
		// An upload that is not .txt or .docx is refused beside the file field.
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "bao-cao.pdf")
		fw.Write([]byte("%PDF-1.4"))
		mw.Close()
		r = e.do("spec", "POST", "/documents/analyze", mw.FormDataContentType(), &buf)
		if r.code != 422 || fieldError(r.body, "file") != "Chỉ đọc được tệp .txt (UTF-8) hoặc .docx." {
			t.Errorf("a PDF to analyse: %d %q", r.code, fieldError(r.body, "file"))
		}
		if r := e.post("spec", "/documents/analyze", url.Values{}); r.code != 422 || fieldError(r.body, "text") == "" {
			t.Errorf("nothing to analyse: %d", r.code)
		}
	})
}

// The figures of advised documents: each count links to the list behind
// it, within the reader's clearance; the central committee sees the
// provinces' counts without records.
func TestFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.created("spec", e.docForm("plan", "12-KH/TU", "16/03/2026", "standing-board", "advised_by_committee", "1",
			"fields", "anticorruption"))
		e.created("spec", e.docForm("directive", "20-CT/TU", "22/05/2026", "standing-board", "advised_by_committee", "1",
			"fields", "internal_affairs", "fields", "judicial_reform"))
		e.created("spec", e.docForm("directive", "21-CT/TU", "23/05/2026", "standing-board", "advised_by_committee", "1",
			"fields", "anticorruption", "classification", "1"))
		e.created("spec", e.docForm("plan", "13-KH/TU", "16/04/2026", "standing-board", "fields", "anticorruption"))
		e.created("spec", e.docForm("plan", "14-KH/TU", "16/04/2025", "standing-board", "advised_by_committee", "1",
			"fields", "anticorruption"))
		period := "from=01/01/2026&to=30/06/2026"
		r := e.get("spec", "/documents/figures?"+period)
		if r.code != 200 {
			t.Fatalf("figures: %d", r.code)
		}
		link := func(q string) string {
			return `<a href="/documents?` + strings.ReplaceAll(q, "&", "&amp;") + `">`
		}
		base := "advised=1&from=01%2F01%2F2026"
		to := "to=30%2F06%2F2026"
		for _, want := range []string{
			link(base+"&"+to) + "3</a>",
			link("advised=1&field=anticorruption&from=01%2F01%2F2026&"+to) + "2</a>",
			link("advised=1&field=internal_affairs&from=01%2F01%2F2026&"+to) + "1</a>",
			link("advised=1&from=01%2F01%2F2026&kind=directive&"+to) + "2</a>",
			`data-chart="chart-field"`,
		} {
			if !strings.Contains(r.body, want) {
				t.Errorf("figures lack %s", want)
			}
		}
		// The drill-down shows exactly the documents counted.
		list := e.get("spec", "/documents?advised=1&field=anticorruption&from=01%2F01%2F2026&to=30%2F06%2F2026")
		if !strings.Contains(list.body, ">12-KH/TU<") || !strings.Contains(list.body, ">21-CT/TU<") ||
			strings.Contains(list.body, ">13-KH/TU<") || strings.Contains(list.body, ">14-KH/TU<") {
			t.Errorf("the list behind a figure: %s", text(list.body))
		}
		// Without clearance the secret directive is not counted.
		if r := e.get("low", "/documents/figures?"+period); !strings.Contains(r.body, link(base+"&"+to)+"2</a>") {
			t.Errorf("figures within clearance: %s", text(r.body))
		}
		// A wrong period is said beside its field.
		if r := e.get("spec", "/documents/figures?from=30/06/2026&to=01/01/2026"); fieldError(r.body, "to") != "" ||
			!strings.Contains(text(r.body), "Ngày kết thúc không được trước ngày bắt đầu.") {
			t.Errorf("reversed period: %s", text(r.body))
		}
		// The central committee: the province's counts, no records.
		r = e.get("central", "/documents/figures?"+period)
		if r.code != 200 || !strings.Contains(text(r.body), "Ban Nội chính Tỉnh ủy Lạng Sơn") ||
			strings.Contains(r.body, `href="/documents?`) {
			t.Errorf("central figures: %d %s", r.code, text(r.body))
		}
		var central struct {
			Total struct {
				Total int `json:"total"`
			} `json:"total"`
			Provinces []struct {
				Code string `json:"code"`
			} `json:"provinces"`
		}
		r = e.get("central", "/api/v1/documents/figures?from=2026-01-01&to=2026-06-30")
		if err := json.Unmarshal([]byte(r.body), &central); err != nil || central.Total.Total != 3 || len(central.Provinces) != 1 {
			t.Errorf("central figures API: %s", r.body)
		}
		if e.get("central", "/documents").code != http.StatusForbidden {
			t.Errorf("the central committee reaches the provinces' documents")
		}
	})
}

// The JSON API: list, create (with field errors), get with relations,
// update with versions, graph, analyze.
func TestAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		in := map[string]any{"kind": "directive", "symbol": "48-CT/TW", "issued_on": "2010-10-22",
			"issuer_unit_id": e.units["central-politburo"], "summary": "phòng, chống tội phạm", "fields": []string{"internal_affairs"}}
		r := e.json("spec", "POST", "/api/v1/documents", in)
		var doc apiDocument
		if r.code != http.StatusCreated || json.Unmarshal([]byte(r.body), &doc) != nil || doc.Symbol != "48-CT/TW" || doc.Version != 1 {
			t.Fatalf("create: %d %s", r.code, r.body)
		}
		r = e.json("spec", "POST", "/api/v1/documents", in)
		if r.code != 422 || !strings.Contains(r.body, `"field": "symbol"`) || !strings.Contains(r.body, "48-CT/TW (22/10/2010)") {
			t.Errorf("duplicate: %d %s", r.code, r.body)
		}
		r = e.json("spec", "POST", "/api/v1/documents", map[string]any{"kind": "plan", "auto_number": true, "issued_on": "2026-03-02",
			"classification": "secret"})
		if r.code != http.StatusCreated || !strings.Contains(r.body, `"symbol": "01-KH/BNCTU"`) {
			t.Errorf("automatic number: %d %s", r.code, r.body)
		}
		if r := e.json("viewer", "POST", "/api/v1/documents", in); r.code != http.StatusForbidden {
			t.Errorf("a viewer creates: %d", r.code)
		}
		kl := e.json("spec", "POST", "/api/v1/documents", map[string]any{"kind": "conclusion", "symbol": "05-KL/TW",
			"issued_on": "2016-07-15"})
		var kd apiDocument
		_ = json.Unmarshal([]byte(kl.body), &kd)
		r = e.json("spec", "POST", "/api/v1/documents/"+itoa(kd.ID)+"/relations", map[string]any{"type": "implements",
			"to_id": doc.ID})
		if r.code != http.StatusCreated {
			t.Fatalf("relation: %d %s", r.code, r.body)
		}
		r = e.get("viewer", "/api/v1/documents/"+itoa(doc.ID))
		if r.code != 200 || !strings.Contains(r.body, `"related_from"`) || !strings.Contains(r.body, `"from_id": `+itoa(kd.ID)) {
			t.Errorf("get: %d %s", r.code, r.body)
		}
		r = e.get("viewer", "/api/v1/documents?q=toi+pham&kind=directive")
		if r.code != 200 || !strings.Contains(r.body, `"total": 1`) {
			t.Errorf("list: %d %s", r.code, r.body)
		}
		if r := e.get("low", "/api/v1/documents?kind=plan"); !strings.Contains(r.body, `"total": 0`) {
			t.Errorf("a secret document listed without clearance: %s", r.body)
		}
		if r := e.get("viewer", "/api/v1/documents?kind=nonsense"); r.code != 422 {
			t.Errorf("unknown kind: %d", r.code)
		}
		upd := map[string]any{"kind": "directive", "symbol": "48-CT/TW", "issued_on": "2010-10-22", "summary": "sửa", "version": 1}
		if r := e.json("spec", "PUT", "/api/v1/documents/"+itoa(doc.ID), upd); r.code != 200 || !strings.Contains(r.body, `"version": 2`) {
			t.Errorf("update: %d %s", r.code, r.body)
		}
		if r := e.json("spec", "PUT", "/api/v1/documents/"+itoa(doc.ID), upd); r.code != http.StatusConflict {
			t.Errorf("stale update: %d", r.code)
		}
		r = e.get("viewer", "/api/v1/documents/"+itoa(doc.ID)+"/graph?depth=3")
		if r.code != 200 || !strings.Contains(r.body, `"root": "doc:`+itoa(doc.ID)+`"`) || !strings.Contains(r.body, `"type": "implements"`) {
			t.Errorf("graph: %d %s", r.code, r.body)
		}
		if r := e.get("viewer", "/api/v1/documents/"+itoa(doc.ID)+"/graph?depth=9"); r.code != 422 {
			t.Errorf("graph too deep: %d", r.code)
		}
		r = e.json("viewer", "POST", "/api/v1/documents/analyze", map[string]string{
			"text": "Thực hiện Chỉ thị số 48-CT/TW của Bộ Chính trị, Ban Thường vụ ban hành Kế hoạch số 215-KH/TU, ngày 12/3/2026."})
		if r.code != 200 || !strings.Contains(r.body, `"text": "Chỉ thị số 48-CT/TW"`) || !strings.Contains(r.body, `"registered": false`) {
			t.Errorf("analyze: %d %s", r.code, r.body)
		}
		if r := e.get("viewer", "/api/v1/openapi.json"); !strings.Contains(r.body, "/api/v1/documents/{id}/graph") {
			t.Errorf("the API is not documented")
		}
	})
}
