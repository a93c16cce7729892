package calendarweb_test

import (
	"bytes"
	"context"
	"encoding/json"
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
	"time"

	"github.com/pquerna/otp/totp"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/app"
	"noichinh/internal/caldata"
	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/fixture"
	"noichinh/internal/i18n"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/web"
	"noichinh/internal/web/calendarweb"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

const pw = "Đồng Đăng, Lạng Sơn 2026"

// Every text of the page is in the catalog, in both languages, including
// the keys the handlers build from values.
func TestEveryTextIsInTheCatalog(t *testing.T) {
	missing, err := web.MissingKeys(calendarweb.Templates)
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Errorf("keys missing from the catalog: %v", missing)
	}
	var keys []string
	for _, o := range []caldata.Origin{caldata.OriginLaw, caldata.OriginSchedule, caldata.OriginOverride, caldata.OriginShipped, caldata.OriginAdmin} {
		keys = append(keys, "calendar.origin."+string(o))
	}
	for _, u := range []string{"calendar_days", "working_days", "months"} {
		keys = append(keys, "calendar.length."+u, "calendar.unit."+u)
	}
	literal := regexp.MustCompile(`"(calendar\.[a-z0-9_.]*[a-z0-9_])"`)
	for _, dir := range []string{".", "../../caldata"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
				b, _ := os.ReadFile(dir + "/" + e.Name())
				for _, m := range literal.FindAllSubmatch(b, -1) {
					if k := string(m[1]); k != "calendar.data_version" && k != "calendar.import" { // a setting and an audit action
						keys = append(keys, k)
					}
				}
			}
		}
	}
	for _, k := range keys {
		if !i18n.Has(k) {
			t.Errorf("key %s missing from the catalog", k)
		}
	}
}

type world struct {
	t   *testing.T
	db  *store.DB
	svc *app.Services
	srv *httptest.Server
	sys context.Context
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
	}{{"chuyenvien1", access.Specialist}, {"quantri", access.Administrator}} {
		if _, err := svc.Accounts.CreateUser(w.sys, accounts.NewUser{Username: u.name, FullName: "Người " + u.name, Password: pw,
			Role: u.role, OrgID: org.ID, Clearance: access.Secret}); err != nil {
			t.Fatal(err)
		}
	}
	return w
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
	if code, body, _ := c.post("/login", "username", username, "password", pw); code != http.StatusSeeOther {
		w.t.Fatalf("sign in %s: %d %s", username, code, body)
	}
	return c
}

// admin signs the administrator in, enrolling the second factor.
func (w *world) admin() *client {
	w.t.Helper()
	c := w.signIn("quantri")
	_, body := c.get("/account/2fa")
	m := regexp.MustCompile(`<code class="secret">([A-Z2-7]+)</code>`).FindStringSubmatch(body)
	if m == nil {
		w.t.Fatal("no enrolment page")
	}
	code, _ := totp.GenerateCode(m[1], time.Now())
	c.post("/account/2fa", "code", code)
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

// compact removes the indentation of a JSON answer, for matching.
func compact(body string) string {
	var b bytes.Buffer
	if json.Compact(&b, []byte(body)) != nil {
		return body
	}
	return b.String()
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

func (c *client) upload(file string) (int, string) {
	c.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("year", "2027")
	fw, _ := mw.CreateFormFile("file", "lich-2027.json")
	_, _ = fw.Write([]byte(file))
	mw.Close()
	code, body, _ := c.do("POST", "/admin/calendar/import", mw.FormDataContentType(), &b)
	return code, body
}

// errorBeside returns the error text shown beside field, or "".
func errorBeside(body, field string) string {
	m := regexp.MustCompile(`(?s)<div class="error" id="e-` + regexp.QuoteMeta(field) + `">(.*?)</div>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

func mustContain(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(body, s) {
			t.Errorf("%s lacks %q", what, s)
		}
	}
}

func TestTheYearsPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		if code, _ := w.signIn("chuyenvien1").get("/admin/calendar"); code != http.StatusForbidden {
			t.Errorf("a specialist opened the page: %d", code)
		}
		c := w.admin()
		code, body := c.get("/admin/calendar?year=2026")
		if code != 200 {
			t.Fatalf("page: %d", code)
		}
		mustContain(t, "2026", body, "Lịch nghỉ và thời hạn năm 2026", "14/02/2026", "22/02/2026", "Thứ Bảy",
			"Nghỉ Tết Âm lịch Bính Ngọ (27 tháng Chạp)", "27/12/2025", "Lịch Chính phủ", "Theo luật",
			"22/08/2026", "Làm việc thứ Bảy, hoán đổi cho thứ Hai 31/8", "Đã xác nhận", "Công văn 9859/VPCP-KGVX",
			`href="/admin/calendar?year=2026#days"`, "denunciation.resolve", "Xử lý ban đầu thông tin tố cáo",
			"7 ngày làm việc", "chưa xác minh", `<span class="figure">19</span>`)
		// Filter by origin: the law's five days.
		_, body = c.get("/admin/calendar?year=2026&origin=law")
		if n := strings.Count(body, `class="tag origin-law"`); n != 5 {
			t.Errorf("law filter shows %d days", n)
		}
		mustContain(t, "filter", body, "Tổng số: 5", "Giỗ Tổ Hùng Vương")
		// A year the government has not published.
		_, body = c.get("/admin/calendar?year=2027")
		mustContain(t, "2027", body, "Chưa xác nhận", "Tết Âm lịch")
		// A year without rules, and a year that is not a number.
		_, body = c.get("/admin/calendar?year=2012")
		mustContain(t, "2012", body, "Chưa có dữ liệu ngày nghỉ cho năm 2012")
		code, body = c.get("/admin/calendar?year=hai-nghin")
		if code != 200 || errorBeside(body, "year") != "Phải là một số." || !strings.Contains(body, `value="hai-nghin"`) {
			t.Errorf("a year that is not a number: %d %q", code, errorBeside(body, "year"))
		}
		if _, body = c.get("/admin/calendar?year=3000"); !strings.Contains(errorBeside(body, "year"), "1900") {
			t.Errorf("year 3000: %q", errorBeside(body, "year"))
		}
		// English.
		c.post("/lang", "lang", "en", "next", "/admin/calendar")
		_, body = c.get("/admin/calendar?year=2026")
		mustContain(t, "English page", body, "Days off and time limits, 2026", "Saturday", "Lunar New Year break", "Government schedule")
	})
}

func TestAddAndDeleteAnOverride(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.admin()
		// Nothing typed: each error beside its field, in Vietnamese.
		code, body, _ := c.post("/admin/calendar/overrides", "year", "2026", "kind", "day_off")
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("empty form: %d", code)
		}
		for _, f := range []string{"date", "reason", "document"} {
			if errorBeside(body, f) != "Không được để trống." {
				t.Errorf("%s: %q", f, errorBeside(body, f))
			}
		}
		// A date that cannot be read, with what was typed kept.
		code, body, _ = c.post("/admin/calendar/overrides", "year", "2026", "date", "31/02/2026", "kind", "day_off",
			"reason", "Nghỉ thêm", "document", "QĐ 12/QĐ-UBND")
		if code != 422 || !strings.Contains(errorBeside(body, "date"), "Ngày không hợp lệ") ||
			!strings.Contains(body, `value="31/02/2026"`) || !strings.Contains(body, `value="QĐ 12/QĐ-UBND"`) {
			t.Errorf("bad date: %d %q", code, errorBeside(body, "date"))
		}
		// A Sunday is already a day off.
		_, body, _ = c.post("/admin/calendar/overrides", "year", "2026", "date", "08/03/2026", "kind", "day_off",
			"reason", "Nghỉ thêm", "document", "QĐ 12")
		if !strings.Contains(errorBeside(body, "date"), "đã là ngày nghỉ") {
			t.Errorf("a Sunday: %q", errorBeside(body, "date"))
		}
		// Accepted.
		code, _, loc := c.post("/admin/calendar/overrides", "year", "2026", "date", "04/03/2026", "kind", "day_off",
			"reason", "Nghỉ thêm theo quyết định của Tỉnh", "reason_en", "Extra day off", "document", "Quyết định 12/QĐ-UBND")
		if code != http.StatusSeeOther || loc != "/admin/calendar?year=2026#days" {
			t.Fatalf("add: %d %s", code, loc)
		}
		_, body = c.get(loc)
		mustContain(t, "after adding", body, "Đã thêm quyết định cho ngày 04/03/2026.", "Nghỉ thêm theo quyết định của Tỉnh",
			"Quyết định 12/QĐ-UBND", `class="tag origin-override"`, `action="/admin/calendar/days/2026-03-04/delete"`)
		// The calendar the services hold changed.
		if off, _ := w.svc.Calendar.IsDayOff(civilDate("2026-03-04")); !off {
			t.Error("the services' calendar did not change")
		}
		// The same day twice.
		_, body, _ = c.post("/admin/calendar/overrides", "year", "2026", "date", "04/03/2026", "kind", "work_day",
			"reason", "x", "document", "y")
		if !strings.Contains(errorBeside(body, "date"), "đã có quyết định") {
			t.Errorf("twice: %q", errorBeside(body, "date"))
		}
		// Delete it, then a day without any decision.
		if code, _, _ := c.post("/admin/calendar/days/2026-03-04/delete", "year", "2026"); code != http.StatusSeeOther {
			t.Errorf("delete: %d", code)
		}
		if off, _ := w.svc.Calendar.IsDayOff(civilDate("2026-03-04")); off {
			t.Error("still a day off")
		}
		if code, _, _ := c.post("/admin/calendar/days/2026-03-04/delete"); code != http.StatusNotFound {
			t.Errorf("delete again: %d", code)
		}
		if code, _, _ := c.post("/admin/calendar/days/tomorrow/delete"); code != http.StatusNotFound {
			t.Errorf("delete a day that is not a date: %d", code)
		}
	})
}

func TestConfirmAYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.admin()
		code, body, _ := c.post("/admin/calendar/years/2027/confirm", "year", "2027", "version", "0", "source", "")
		if code != 422 || errorBeside(body, "source") != "Không được để trống." {
			t.Errorf("no source: %d %q", code, errorBeside(body, "source"))
		}
		// A stale version: the conflict message, and the page shows the current state.
		code, body, _ = c.post("/admin/calendar/years/2027/confirm", "year", "2027", "version", "3", "source", "Công văn 1/VPCP")
		if code != http.StatusConflict || !strings.Contains(body, "vừa được người khác sửa") || !strings.Contains(body, "Chưa xác nhận") {
			t.Errorf("stale: %d", code)
		}
		code, _, loc := c.post("/admin/calendar/years/2027/confirm", "year", "2027", "version", "0", "source", "Công văn 1/VPCP")
		if code != http.StatusSeeOther {
			t.Fatalf("confirm: %d", code)
		}
		_, body = c.get(loc)
		mustContain(t, "confirmed", body, "Đã xác nhận lịch nghỉ năm 2027.", "Công văn 1/VPCP", "quantri")
		if code, _, _ := c.post("/admin/calendar/years/abc/confirm"); code != http.StatusNotFound {
			t.Errorf("year abc: %d", code)
		}
	})
}

func TestImportIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.admin()
		before := storetest.Dump(t, db)
		code, body := c.upload(`{"year": 2027, "source": "Công văn 100/VPCP", "overrides": [
			{"date": "2027-02-05", "kind": "day_off", "reason": "Nghỉ Tết"},
			{"date": "2026-02-05", "kind": "day_off", "reason": "Năm khác"},
			{"date": "05/02/2027", "kind": "nghi", "reason": ""}]}`)
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("bad file: %d", code)
		}
		mustContain(t, "refused file", body, "Tệp bị từ chối: 4 chỗ cần sửa.", "Chưa có gì được ghi.", "Mục 2, trường date",
			"Ngày này không thuộc năm 2027 của tệp.", "Mục 3, trường kind", "không phải ngày dạng YYYY-MM-DD")
		if after := storetest.Dump(t, db); after != before {
			t.Error("a refused file wrote something")
		}
		code, body = c.upload(`{"year": 2027}`)
		if code != 422 || !strings.Contains(errorBeside(body, "file"), "source") {
			t.Errorf("no source: %d %q", code, errorBeside(body, "file"))
		}
		code, _, _ = c.do("POST", "/admin/calendar/import", "application/x-www-form-urlencoded", strings.NewReader("year=2027"))
		if code != 422 {
			t.Errorf("no file: %d", code)
		}
		code, _ = c.upload(`{"year": 2027, "source": "Công văn 100/VPCP", "overrides": [
			{"date": "2027-02-04", "kind": "day_off", "reason": "Nghỉ Tết Đinh Mùi", "reason_en": "Lunar New Year break"}]}`)
		if code != http.StatusSeeOther {
			t.Fatalf("good file: %d", code)
		}
		_, body = c.get("/admin/calendar?year=2027")
		mustContain(t, "2027 imported", body, "Đã nhập lịch năm 2027: 1 ngày", "Nghỉ Tết Đinh Mùi", "Đã xác nhận", "Công văn 100/VPCP")
		// The year's file downloads in the same format and imports again.
		code, file := c.get("/admin/calendar/years/2027/schedule.json")
		if code != 200 || !strings.Contains(file, `"source": "Công văn 100/VPCP"`) {
			t.Fatalf("download: %d %s", code, file)
		}
		if code, _ := c.upload(file); code != http.StatusSeeOther {
			t.Errorf("the downloaded file does not import: %d", code)
		}
		if code, _ := c.get("/admin/calendar/years/3000/schedule.json"); code != http.StatusNotFound {
			t.Errorf("download 3000: %d", code)
		}
	})
}

func TestDeadlineCalculator(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.admin()
		_, body := c.get("/admin/calendar?year=2026&from=10%2F02%2F2026&n=7&unit=working_days")
		mustContain(t, "working days", body, "7 ngày làm việc kể từ 10/02/2026 → 26/02/2026 (nghỉ Tết Âm lịch Bính Ngọ 14/02–22/02)",
			"Không tính ngày 10/02/2026 (ngày bắt đầu).")
		_, body = c.get("/admin/calendar?from=2026-02-10&n=7&unit=calendar_days")
		mustContain(t, "calendar days", body, "7 ngày kể từ 10/02/2026 → 23/02/2026",
			"17/02/2026 là ngày nghỉ nên hạn chuyển sang ngày làm việc tiếp theo: 23/02/2026.")
		_, body = c.get("/admin/calendar?from=2026-12-20&n=20&unit=working_days")
		mustContain(t, "unconfirmed", body, "Chưa có lịch nghỉ Chính phủ công bố cho năm 2027")
		_, body = c.get("/admin/calendar?from=01%2F06%2F2012&n=3&unit=working_days")
		if !strings.Contains(errorBeside(body, "from"), "Chưa có dữ liệu ngày nghỉ cho năm 2012") {
			t.Errorf("2012: %q", errorBeside(body, "from"))
		}
		_, body = c.get("/admin/calendar?from=hôm+nay&n=ba")
		if errorBeside(body, "from") == "" || errorBeside(body, "n") != "Phải là một số." || !strings.Contains(body, `value="hôm nay"`) {
			t.Errorf("unreadable input: %q, %q", errorBeside(body, "from"), errorBeside(body, "n"))
		}
	})
}

func TestNewLimitVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.admin()
		_, body := c.get("/admin/calendar?limit=denunciation.initial")
		mustContain(t, "prefilled", body, `name="l_name" type="text" value="Xử lý ban đầu thông tin tố cáo"`, `name="l_base_n" type="text" value="7"`,
			`id="form-limit" open`)
		form := []string{"year", "2026", "l_code", "denunciation.initial", "l_effective_from", "01/01/2019", "l_name", "Xử lý ban đầu thông tin tố cáo",
			"l_name_en", "Initial processing of a denunciation", "l_base_n", "10", "l_base_unit", "working_days",
			"l_ext1_n", "5", "l_ext1_unit", "working_days", "l_ext1_max_n", "14", "l_ext1_max_unit", "working_days",
			"l_ext1_condition", "Xác minh nhiều nơi", "l_ext1_condition_en", "Several places", "l_source", "Luật 136/2025/QH15"}
		code, body, _ := c.post("/admin/calendar/limits", form...)
		if code != 422 || !strings.Contains(errorBeside(body, "l_ext1_max_n"), "cộng lại là 15") {
			t.Fatalf("sum: %d %q", code, errorBeside(body, "l_ext1_max_n"))
		}
		form[len(form)-9] = "15" // l_ext1_max_n
		code, body, _ = c.post("/admin/calendar/limits", form...)
		if code != 422 || !strings.Contains(errorBeside(body, "l_effective_from"), "phải có hiệu lực sau ngày 01/01/2019") ||
			!strings.Contains(body, `value="Luật 136/2025/QH15"`) {
			t.Fatalf("not after the latest: %d %q", code, errorBeside(body, "l_effective_from"))
		}
		form[5] = "01/07/2026"
		code, _, loc := c.post("/admin/calendar/limits", form...)
		if code != http.StatusSeeOther {
			t.Fatalf("add: %d", code)
		}
		_, body = c.get(loc)
		mustContain(t, "added", body, "Đã thêm phiên bản của denunciation.initial có hiệu lực từ 01/07/2026.", "Luật 136/2025/QH15",
			"01/01/2019 –</span> <span class=\"nowrap\">30/06/2026", "Bổ sung", "từ 01/07/2026")
		if l, err := w.svc.Limits.Find("denunciation.initial", civilDate("2026-07-02")); err != nil || l.Base.N != 10 {
			t.Errorf("the services' limits: %+v %v", l, err)
		}
	})
}

func TestAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.signIn("chuyenvien1")
		code, body := c.get("/api/v1/calendar/years/2026")
		var y struct {
			Confirmed bool `json:"confirmed"`
			DaysOff   []struct {
				Date   string `json:"date"`
				Origin string `json:"origin"`
			} `json:"days_off"`
			WorkedDays []struct {
				Date string `json:"date"`
			} `json:"worked_days"`
		}
		if err := json.Unmarshal([]byte(body), &y); code != 200 || err != nil || !y.Confirmed || len(y.DaysOff) != 19 || len(y.WorkedDays) != 1 {
			t.Fatalf("year: %d %v %s", code, err, body)
		}
		code, body = c.get("/api/v1/calendar/deadline?from=2026-02-10&n=7")
		body = compact(body)
		if code != 200 || !strings.Contains(body, `"due":"2026-02-26"`) {
			t.Errorf("deadline: %d %s", code, body)
		}
		code, body = c.get("/api/v1/calendar/deadline?from=2012-06-01&n=3")
		if code != 422 || !strings.Contains(body, "2012") {
			t.Errorf("deadline 2012: %d %s", code, body)
		}
		code, body = c.get("/api/v1/calendar/limits?q=to+cao&in_force_on=2026-03-01")
		body = compact(body)
		if code != 200 || !strings.Contains(body, `"code":"denunciation.resolve"`) || strings.Contains(body, "investigation") {
			t.Errorf("limits: %d %s", code, body)
		}
		if code, _ := c.get("/api/v1/calendar/limits/nope"); code != 404 {
			t.Errorf("unknown code: %d", code)
		}
		if code, _ := c.get("/api/v1/calendar/years/3000"); code != 404 {
			t.Errorf("year 3000: %d", code)
		}
		// Writes need settings.admin.
		if code, _, _ := c.do("POST", "/api/v1/calendar/overrides", "application/json", strings.NewReader(`{}`)); code != 403 {
			t.Errorf("a specialist wrote: %d", code)
		}
		a := w.admin()
		code, body, _ = a.do("POST", "/api/v1/calendar/overrides", "application/json",
			strings.NewReader(`{"date": "2026-03-04", "kind": "day_off", "reason": "Nghỉ thêm", "document": "QĐ 12"}`))
		body = compact(body)
		if code != 201 || !strings.Contains(body, `"origin":"override"`) {
			t.Fatalf("add: %d %s", code, body)
		}
		code, body, _ = a.do("POST", "/api/v1/calendar/overrides", "application/json", strings.NewReader(`{"date": "2026-03-05", "kind": "day_off"}`))
		body = compact(body)
		if code != 422 || !strings.Contains(body, `"field":"reason"`) || !strings.Contains(body, "Không được để trống.") {
			t.Errorf("invalid: %d %s", code, body)
		}
		if code, _, _ := a.do("DELETE", "/api/v1/calendar/overrides/2026-03-04", "", nil); code != 200 {
			t.Errorf("delete: %d", code)
		}
		code, body, _ = a.do("POST", "/api/v1/calendar/years/2027/confirm", "application/json", strings.NewReader(`{"source": "CV 1", "version": 2}`))
		if code != 409 {
			t.Errorf("stale confirm: %d %s", code, body)
		}
		code, body, _ = a.do("POST", "/api/v1/calendar/import", "application/json", strings.NewReader(`{"year": 2027, "source": "CV", "overrides": [{"date": "x", "kind": "day_off", "reason": "r"}]}`))
		body = compact(body)
		if code != 422 || !strings.Contains(body, `"field":"rows[1].date"`) {
			t.Errorf("import: %d %s", code, body)
		}
		code, body, _ = a.do("POST", "/api/v1/calendar/limits", "application/json", strings.NewReader(`{"code": "appeal.parties",
			"name": "Kháng cáo", "name_en": "Appeal", "base": {"n": 20, "unit": "calendar_days"}, "source": "BLTTHS sửa đổi", "effective_from": "2027-01-01"}`))
		body = compact(body)
		if code != 201 || !strings.Contains(body, `"origin":"admin"`) {
			t.Errorf("limit: %d %s", code, body)
		}
	})
}

func civilDate(s string) civil.Date { return civil.MustParse(s) }
