package casesweb

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"noichinh/internal/cases"
	"noichinh/internal/config"
)

// caseForm is a valid case record form.
func (e *env) caseForm(title string, extra ...string) url.Values {
	f := url.Values{"kind": {"criminal_case"}, "title": {title}, "categories": {"corruption"}, "field": {"construction"},
		"locality_id": {itoa(e.units["district-van-lang"])}, "classification": {"0"}, "offence_class": {"serious"},
		"assignee_ids": {itoa(e.actors["chuyenvien1"].UserID)}, "opened_on": {"06/01/2025"}}
	for i := 0; i+1 < len(extra); i += 2 {
		f.Set(extra[i], extra[i+1])
	}
	return f
}

// created opens a case through the form and returns its page's path.
func (e *env) created(who string, f url.Values) string {
	e.t.Helper()
	r := e.post(who, "/cases", f)
	if r.code != http.StatusSeeOther || !strings.HasPrefix(r.location, "/cases/") {
		e.t.Fatalf("open a case: %d %s\n%s", r.code, r.location, text(r.body))
	}
	return r.location
}

// caseID is the id in a case's path.
func caseID(t *testing.T, path string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.SplitN(path, "#", 2)[0], "/cases/"), 10, 64)
	if err != nil {
		t.Fatalf("case path %q", path)
	}
	return id
}

// The case record form: every problem beside its field in Vietnamese with
// what was typed kept, a classification above one's clearance refused and
// not offered, a stale edit answered with the current values and what was
// typed, writers only.
func TestCaseForms(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)

		// A date that is no date, no title, no category: all at once.
		r := e.post("chuyenvien1", "/cases", url.Values{"kind": {"criminal_case"}, "title": {"  "}, "field": {"land"},
			"summary": {"Tóm tắt đã nhập"}, "opened_on": {"31/02/2025"}, "classification": {"0"}})
		if r.code != http.StatusUnprocessableEntity {
			t.Fatalf("invalid case form: %d", r.code)
		}
		for field, want := range map[string]string{"title": "Không được để trống.",
			"categories": "Chọn ít nhất một loại (tham nhũng, kinh tế, chức vụ, tiêu cực, nội chính khác).",
			"opened_on":  "Ngày không hợp lệ (dạng dd/mm/yyyy)."} {
			if got := fieldError(r.body, field); got != want {
				t.Errorf("%s: %q, want %q", field, got, want)
			}
		}
		if !strings.Contains(r.body, ">Tóm tắt đã nhập</textarea>") || inputValue(r.body, "opened_on") != "31/02/2025" {
			t.Errorf("what was typed is not kept")
		}
		// A date in the future.
		r = e.post("chuyenvien1", "/cases", e.caseForm("Vụ án thử", "opened_on", "01/01/2027"))
		if got := fieldError(r.body, "opened_on"); r.code != 422 || got != "Ngày này chưa tới." {
			t.Errorf("future opening: %d %q", r.code, got)
		}

		// Opened: the page shows it, with the flash message.
		path := e.created("chuyenvien1", e.caseForm("Vụ án Tham ô tài sản tại Ban Quản lý dự án huyện Văn Lãng",
			"doc_symbol", "15-TB/BNCTU", "doc_issued", "10/01/2025", "doc_summary", "Thông báo đưa vào diện theo dõi"))
		page := e.get("chuyenvien1", path)
		if page.code != 200 || !strings.Contains(text(page.body), "Đã mở hồ sơ VA-2025-") ||
			!strings.Contains(text(page.body), "Huyện Văn Lãng") || !strings.Contains(page.body, "<strong>15-TB/BNCTU</strong>, 10/01/2025") {
			t.Fatalf("the new case's page: %d %s", page.code, text(page.body))
		}

		// Clearance: a specialist cleared for normal records cannot
		// classify a case secret, is not offered it, and does not see
		// secret cases.
		r = e.post("chuyenvien3", "/cases", e.caseForm("Vụ án mật", "classification", "1"))
		if got := fieldError(r.body, "classification"); r.code != 422 || got != "Mức mật cao hơn mức được tiếp cận của bạn." {
			t.Errorf("classification above clearance: %d %q", r.code, got)
		}
		if sel := regexp.MustCompile(`(?s)<select id="f-classification".*?</select>`).FindString(e.get("chuyenvien3", "/cases/new").body); sel == "" || strings.Contains(sel, `value="1"`) {
			t.Errorf("the form offers a classification above the user's clearance")
		}
		secret, err := e.svc.List(e.ctx("chuyenvien1"), cases.Filter{Query: "VA-2018-011"})
		if err != nil || secret.Total != 1 {
			t.Fatalf("the demo's secret case: %v %+v", err, secret)
		}
		secretPath := caseURL(secret.Cases[0].ID)
		if e.get("chuyenvien3", secretPath).code != http.StatusNotFound || e.get("thuongvu", secretPath).code != http.StatusOK {
			t.Errorf("a secret case is shown to a user without clearance, or hidden from one with it")
		}
		if list := e.get("chuyenvien3", "/cases?q=VA-2018-011"); strings.Contains(list.body, ">VA-2018-011</a>") ||
			!strings.Contains(e.get("chuyenvien1", "/cases?q=VA-2018-011").body, ">VA-2018-011</a>") {
			t.Errorf("a secret case is listed to a user without clearance")
		}

		// Only writers reach the forms.
		if e.get("thuongvu", "/cases/new").code != http.StatusForbidden ||
			e.post("thuongvu", "/cases", e.caseForm("Vụ án của người chỉ đọc")).code != http.StatusForbidden ||
			e.get("thuongvu", path+"/edit").code != http.StatusForbidden {
			t.Errorf("a viewer reaches the case forms")
		}

		// Two people edit the same case: the second gets the current
		// values, the new version and what they typed, with status 409.
		edit := e.get("chuyenvien1", path+"/edit")
		version := inputValue(edit.body, "version")
		if edit.code != 200 || version == "<none>" || inputValue(edit.body, "title") != "Vụ án Tham ô tài sản tại Ban Quản lý dự án huyện Văn Lãng" {
			t.Fatalf("edit form: %d version %q", edit.code, version)
		}
		first := e.caseForm("Vụ án Tham ô tài sản (tên do người thứ nhất sửa)", "version", version, "opened_on", "")
		if r := e.post("chuyenvien2", path, first); r.code != http.StatusSeeOther {
			t.Fatalf("first edit: %d %s", r.code, text(r.body))
		}
		second := e.caseForm("Vụ án Tham ô tài sản (tên do người thứ hai sửa)", "version", version, "opened_on", "", "field", "land")
		r = e.post("chuyenvien1", path, second)
		if r.code != http.StatusConflict {
			t.Fatalf("stale edit: %d", r.code)
		}
		body := text(r.body)
		if !strings.Contains(body, "Bản ghi vừa được người khác sửa. Hãy xem lại thay đổi của họ rồi lưu lại.") {
			t.Errorf("no conflict message: %s", body)
		}
		if got := inputValue(r.body, "title"); got != "Vụ án Tham ô tài sản (tên do người thứ nhất sửa)" {
			t.Errorf("the form does not show the current title: %q", got)
		}
		if got := inputValue(r.body, "version"); got == version {
			t.Errorf("the form keeps the stale version %s", got)
		}
		if !strings.Contains(body, "Nội dung bạn đã nhập") || !strings.Contains(body, "(tên do người thứ hai sửa)") ||
			!strings.Contains(body, "Lĩnh vực Đất đai") {
			t.Errorf("what the second person typed is not shown: %s", body)
		}
		// Saving again with the current version goes through.
		second.Set("version", inputValue(r.body, "version"))
		if r := e.post("chuyenvien1", path, second); r.code != http.StatusSeeOther {
			t.Errorf("saving after the conflict: %d", r.code)
		}
	})
}

// The event forms: each refusal of the issue beside its field, in
// Vietnamese, changing nothing; two entries on the same version, the
// second answered with a conflict and the case as it now is; corrections
// and retractions shown as such.
func TestEventForms(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		path := e.created("chuyenvien1", e.caseForm("Vụ án Vi phạm quy định về đấu thầu tại huyện Văn Lãng"))
		id := caseID(t, path)
		current := func() *cases.Case {
			t.Helper()
			c, err := e.svc.Get(e.ctx("chuyenvien1"), id)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		events := func() int {
			t.Helper()
			list, err := e.svc.Timeline(e.ctx("chuyenvien1"), id)
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		event := func(kind string, kv ...string) url.Values {
			f := url.Values{"kind": {kind}, "version": {strconv.Itoa(current().Version)}}
			for i := 0; i+1 < len(kv); i += 2 {
				f.Set(kv[i], kv[i+1])
			}
			return f
		}
		refused := func(name string, f url.Values, field, want string) string {
			t.Helper()
			before, n := current().Version, events()
			r := e.post("chuyenvien1", path+"/events", f)
			if r.code != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d, want 422", name, r.code)
			}
			if got := fieldError(r.body, field); got != want {
				t.Errorf("%s: %s says %q, want %q", name, field, got, want)
			}
			if current().Version != before || events() != n {
				t.Errorf("%s changed the case", name)
			}
			return r.body
		}
		recorded := func(name string, f url.Values) {
			t.Helper()
			if r := e.post("chuyenvien1", path+"/events", f); r.code != http.StatusSeeOther || r.location != path+"#timeline" {
				t.Fatalf("%s: %d %s\n%s", name, r.code, r.location, text(r.body))
			}
		}

		// Taking off a list a case that is on none.
		body := refused("take off", event("watch_removed", "effective_on", "10/01/2025", "document_symbol", "12-TB/BNCTU",
			"reason", "Đã xét xử xong."), "kind", "Vụ việc không nằm trong diện theo dõi nào vào ngày này.")
		if inputValue(body, "document_symbol") != "12-TB/BNCTU" || !strings.Contains(body, "Đưa ra khỏi diện theo dõi") {
			t.Errorf("the refused form does not keep what was typed")
		}
		// An event before the case's first event.
		refused("before the first event", event("urged", "effective_on", "01/12/2024", "document_symbol", "5-CV/BNCTU"),
			"effective_on", "Sự kiện không được trước ngày bắt đầu theo dõi hồ sơ (06/01/2025).")
		recorded("put on the list", event("watch_added", "effective_on", "10/01/2025", "level", "monitored",
			"document_symbol", "15-TB/BNCTU"))
		recorded("prosecuted", event("stage_changed", "effective_on", "20/01/2025", "stage", "prosecuted",
			"agency_id", itoa(e.units["agency-csdt-cong-an-tinh"]), "suspects", "3", "document_symbol", "07/QĐ-CSĐT"))
		// A stage moving backwards.
		refused("stage backwards", event("stage_changed", "effective_on", "01/02/2025", "stage", "crime_report_received"),
			"stage", "Giai đoạn không được lùi lại (trừ trả hồ sơ điều tra bổ sung hoặc phục hồi).")
		// A negative amount; an amount that is not a number of đồng; a
		// date that is no date: each beside its field, all at once.
		body = refused("negative amount", event("assets_recovered", "effective_on", "01/03/2025", "amount_vnd", "-5.000.000"),
			"amount_vnd", "Không được là số âm.")
		if inputValue(body, "amount_vnd") != "-5.000.000" {
			t.Errorf("the amount typed is not kept: %q", inputValue(body, "amount_vnd"))
		}
		body = refused("not đồng", event("assets_recovered", "effective_on", "31/02/2025", "amount_vnd", "4,5 tỷ", "area_m2", "-3"),
			"amount_vnd", "Số tiền là số đồng, không có phần lẻ (ví dụ 4.500.000).")
		if fieldError(body, "effective_on") != "Ngày không hợp lệ (dạng dd/mm/yyyy)." || fieldError(body, "area_m2") != "Không được là số âm." {
			t.Errorf("not every problem is shown: %q %q", fieldError(body, "effective_on"), fieldError(body, "area_m2"))
		}
		recorded("recovered", event("assets_recovered", "effective_on", "01/03/2025", "amount_vnd", "1.250.000.000", "area_m2", "1.234,5"))
		if c := current(); c.State.RecoveredVND != 1_250_000_000 || c.State.RecoveredM2 != 1234.5 {
			t.Errorf("amounts read the Vietnamese way: %d đồng, %v m²", c.State.RecoveredVND, c.State.RecoveredM2)
		}

		// Two people record on the same version: the second is told, sees
		// the first's entry, and keeps what they typed with the current version.
		stale := strconv.Itoa(current().Version)
		recorded("first urging", event("urged", "effective_on", "05/03/2025", "document_symbol", "120-CV/BNCTU", "version", stale))
		r := e.post("chuyenvien2", path+"/events", event("urged", "effective_on", "06/03/2025", "document_symbol", "121-CV/BNCTU", "version", stale))
		if r.code != http.StatusConflict {
			t.Fatalf("second entry on a stale version: %d", r.code)
		}
		body = text(r.body)
		if !strings.Contains(body, "Bản ghi vừa được người khác sửa") || !strings.Contains(body, "120-CV/BNCTU") {
			t.Errorf("the conflict does not show the message and the first entry: %s", body)
		}
		if inputValue(r.body, "document_symbol") != "121-CV/BNCTU" || inputValue(r.body, "version") != strconv.Itoa(current().Version) {
			t.Errorf("after the conflict: symbol %q, version %q (current %d)", inputValue(r.body, "document_symbol"),
				inputValue(r.body, "version"), current().Version)
		}

		// Correct the urging's symbol; retract it: both shown as such.
		list, _ := e.svc.Timeline(e.ctx("chuyenvien1"), id)
		var urging int64
		for _, ev := range list {
			if ev.Kind == cases.Urged {
				urging = ev.ID
			}
		}
		form := e.get("chuyenvien1", path+"?correct="+itoa(urging))
		if inputValue(form.body, "document_symbol") != "120-CV/BNCTU" || inputValue(form.body, "effective_on") != "05/03/2025" {
			t.Errorf("the correction form is not filled with the event")
		}
		f := event("urged", "effective_on", "05/03/2025", "document_symbol", "125-CV/BNCTU")
		if r := e.post("chuyenvien1", path+"/events/"+itoa(urging)+"/correct", f); r.code != http.StatusSeeOther {
			t.Fatalf("correct: %d %s", r.code, text(r.body))
		}
		page := text(e.get("chuyenvien1", path).body)
		if !strings.Contains(page, "đã đính chính") || !strings.Contains(page, "125-CV/BNCTU") ||
			!strings.Contains(page, "Đính chính sự kiện «Đôn đốc» ngày 05/03/2025") {
			t.Errorf("the correction is not shown: %s", page)
		}
		// A corrected event cannot be corrected again.
		if r := e.post("chuyenvien1", path+"/events/"+itoa(urging)+"/correct", event("urged", "effective_on", "05/03/2025",
			"document_symbol", "126-CV/BNCTU")); r.code != 422 || !strings.Contains(text(r.body), "Sự kiện này đã được đính chính hoặc rút") {
			t.Errorf("correcting a corrected event: %d", r.code)
		}
		list, _ = e.svc.Timeline(e.ctx("chuyenvien1"), id)
		correction := list[len(list)-1].ID
		for _, ev := range list {
			if ev.CorrectsEventID == urging {
				correction = ev.ID
			}
		}
		retract := path + "/events/" + itoa(correction) + "/retract"
		r = e.post("chuyenvien1", retract, url.Values{"version": {strconv.Itoa(current().Version)}})
		if got := fieldError(r.body, "reason"); r.code != 422 || got != "Không được để trống." {
			t.Errorf("retraction without a reason: %d %q", r.code, got)
		}
		if r := e.post("chuyenvien1", retract, url.Values{"version": {strconv.Itoa(current().Version)},
			"reason": {"Văn bản đôn đốc ghi nhầm hồ sơ."}}); r.code != http.StatusSeeOther {
			t.Fatalf("retract: %d %s", r.code, text(r.body))
		}
		page = text(e.get("chuyenvien1", path).body)
		if !strings.Contains(page, "đã rút") || !strings.Contains(page, "Văn bản đôn đốc ghi nhầm hồ sơ.") {
			t.Errorf("the retraction is not shown: %s", page)
		}
		if current().State.Urged != 0 {
			t.Errorf("a retracted urging still counts: %d", current().State.Urged)
		}
		// The opening event is corrected, not retracted.
		opened := list[0].ID
		r = e.post("chuyenvien1", path+"/events/"+itoa(opened)+"/retract", url.Values{"version": {strconv.Itoa(current().Version)},
			"reason": {"thử"}})
		if r.code != 422 || !strings.Contains(text(r.body), "Không rút được sự kiện mở hồ sơ; hãy đính chính ngày của nó.") {
			t.Errorf("retracting the opening: %d", r.code)
		}

		// Readers do not write; nobody writes to a case that is not there.
		if e.post("thuongvu", path+"/events", event("note", "effective_on", "01/03/2025", "note", "x")).code != http.StatusForbidden {
			t.Errorf("a viewer records an event")
		}
		if r := e.post("chuyenvien1", "/cases/999999/events", event("note", "effective_on", "01/03/2025", "note", "x")); r.code != http.StatusNotFound {
			t.Errorf("an event on no case: %d", r.code)
		}
		// A viewer reads the case but gets no forms.
		if v := e.get("thuongvu", path+"?record=urged"); v.code != 200 || strings.Contains(v.body, `action="`+path+`/events"`) {
			t.Errorf("a viewer's case page: %d, with an event form", v.code)
		}
	})
}

// The case list's filters, saved filters and drill-down from a figure;
// the due lists; the home block.
func TestListsAndDue(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		total := func(body string) string {
			m := regexp.MustCompile(`Tổng số: ([0-9.]+)`).FindStringSubmatch(text(body))
			if m == nil {
				return "none"
			}
			return m[1]
		}
		rows := func(body string) int { return strings.Count(body, `<td class="ref">`) }

		r := e.get("chuyenvien1", "/cases?fig=watch.directed.corruption.followed&from=2020-01-01&to=2020-06-30")
		if r.code != 200 || total(r.body) != "4" || rows(r.body) != 4 ||
			!strings.Contains(text(r.body), "Theo dõi trong kỳ · Diện BTV, BCĐ theo dõi, chỉ đạo · Tham nhũng") {
			t.Errorf("the cases behind a figure: %d, total %s, %d rows", r.code, total(r.body), rows(r.body))
		}
		// Filtered further within the figure.
		if r := e.get("chuyenvien1", "/cases?fig=watch.directed.corruption.followed&from=2020-01-01&to=2020-06-30&flag=involves_leaders"); total(r.body) == "4" {
			t.Errorf("filters do not narrow the figure's cases")
		}
		for _, bad := range []string{"fig=watch.nowhere&from=2020-01-01&to=2020-06-30", "due=tomorrow", "level=high",
			"opened_from=31/02/2020", "sort=secret", "locality=x", "ids=1,x"} {
			if r := e.get("chuyenvien1", "/cases?"+bad); r.code != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Giá trị không hợp lệ") &&
				!strings.Contains(r.body, "Ngày không hợp lệ") {
				t.Errorf("/cases?%s: %d", bad, r.code)
			}
		}
		directed := e.get("chuyenvien1", "/cases?level=directed&group=corruption&sort=ref_code")
		if directed.code != 200 || rows(directed.body) == 0 || strings.Count(directed.body, `class="tag lvl-directed"`) != rows(directed.body) {
			t.Errorf("level and category filter: %d, %d rows", directed.code, rows(directed.body))
		}
		mine := e.get("chuyenvien1", "/cases?assignee=me")
		if !strings.Contains(mine.body, `aria-current="true">Việc của tôi`) || strings.Contains(text(mine.body), "Vi Thị Hoa") && !strings.Contains(text(mine.body), "Lương Văn Hùng") {
			t.Errorf("my cases: the saved filter is not marked current")
		}
		for _, c := range []struct{ path, word string }{{"/cases?level=any&due=overdue", "Quá hạn"}, {"/cases?level=any&due=soon", "Sắp đến hạn"}} {
			r := e.get("chuyenvien1", c.path)
			if r.code != 200 || rows(r.body) == 0 || !strings.Contains(r.body, `aria-current="true">`+c.word) {
				t.Errorf("%s: %d, %d rows", c.path, r.code, rows(r.body))
			}
		}

		// The due lists: mine by default for a specialist, the committee's
		// for a leader and a standing-board member.
		due := e.get("chuyenvien1", "/cases/due")
		all := e.get("truongban", "/cases/due")
		if due.code != 200 || all.code != 200 || rows(all.body) < rows(due.body) || rows(due.body) == 0 {
			t.Errorf("due lists: %d rows mine, %d the committee's", rows(due.body), rows(all.body))
		}
		if !strings.Contains(due.body, `aria-current="true">Của tôi`) || !strings.Contains(all.body, `aria-current="true">Toàn Ban`) {
			t.Errorf("due lists: the scope is not the user's by default")
		}
		if v := e.get("thuongvu", "/cases/due"); v.code != 200 || !strings.Contains(v.body, `aria-current="true">Toàn Ban`) {
			t.Errorf("a standing-board member's due list: %d", v.code)
		}
		if e.get("admin", "/cases/due").code != http.StatusForbidden || e.get("trunguong", "/cases").code != http.StatusForbidden {
			t.Errorf("readers of reports only reach the case lists")
		}
	})
}

// The figures page for each kind of reader: the cases behind every number
// for those who may see them, counts only for an administrator, the
// provinces for the central committee; a period that is no period.
func TestFiguresPage(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		number := func(body, key string) string {
			m := regexp.MustCompile(`data-fig="` + regexp.QuoteMeta(key) + `">(?:<a href="([^"]*)">)?([0-9.]+)`).FindStringSubmatch(body)
			if m == nil {
				return "none"
			}
			if m[1] != "" {
				return m[2] + " linked"
			}
			return m[2]
		}
		const period = "/cases/figures?from=01/01/2020&to=30/06/2020"
		viewer := e.get("thuongvu", period)
		if viewer.code != 200 || number(viewer.body, "watch.directed.corruption.followed") != "4 linked" ||
			number(viewer.body, "watch_involving_leaders.any.economic.followed") != "5 linked" ||
			number(viewer.body, "progress.resumed") != "0" {
			t.Errorf("a standing-board member's figures: %d %s %s", viewer.code, number(viewer.body, "watch.directed.corruption.followed"),
				number(viewer.body, "progress.resumed"))
		}
		if !strings.Contains(viewer.body, "5 vụ án kinh tế liên quan đến cán bộ lãnh đạo, quản lý") {
			t.Errorf("the report paragraph is missing")
		}
		admin := e.get("admin", period)
		if admin.code != 200 || number(admin.body, "watch.directed.corruption.followed") != "4" || strings.Contains(admin.body, "/cases?fig=") ||
			!strings.Contains(admin.body, "5 vụ án kinh tế liên quan đến cán bộ lãnh đạo, quản lý") {
			t.Errorf("an administrator's figures: %d %s", admin.code, number(admin.body, "watch.directed.corruption.followed"))
		}
		central := e.get("trunguong", period)
		if central.code != 200 || !strings.Contains(text(central.body), "Ban Nội chính Tỉnh ủy Lạng Sơn") ||
			number(central.body, "watch.directed.corruption.followed") != "4" || strings.Contains(central.body, "/cases?fig=") ||
			strings.Contains(central.body, "VA-20") {
			t.Errorf("the central committee's figures: %d", central.code)
		}
		// The seeds' first period, typed in ISO form.
		seed0 := e.get("chuyenvien1", "/cases/figures?from=2013-06-01&to=2020-06-30")
		for key, want := range map[string]string{"watch.monitored.all.added": "17 linked", "watch.monitored.corruption.added": "4 linked",
			"watch.monitored.internal_affairs.added": "13 linked", "watch.directed.all.added": "7 linked",
			"watch.directed.corruption.added": "4 linked", "watch.directed.internal_affairs.added": "3 linked", "wrongful_convictions": "0"} {
			if got := number(seed0.body, key); got != want {
				t.Errorf("2013-06-01…2020-06-30 %s: %s, want %s", key, got, want)
			}
		}
		for _, bad := range []string{"from=31/02/2020", "from=2020-07-01&to=2020-06-30"} {
			r := e.get("chuyenvien1", "/cases/figures?"+bad)
			if r.code != http.StatusUnprocessableEntity || (fieldError(r.body, "from") == "" && fieldError(r.body, "to") == "") {
				t.Errorf("figures?%s: %d", bad, r.code)
			}
		}
		if e.get("chuyenvien1", "/cases/figures").code != 200 {
			t.Errorf("the figures of the year so far")
		}
	})
}
