package petitionsweb

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"noichinh/internal/audit"
	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/petitions"
)

// Identities the tests enter: none may ever show outside a reveal.
const (
	senderName    = "Hoàng Văn Thắng"
	senderAddress = "Thôn Nà Lầu, xã Đồng Đăng"
	senderPhone   = "0912 345 678"
)

// entryForm is a valid entry form: a denunciation by one named sender.
func (e *env) entryForm(extra ...string) url.Values {
	f := url.Values{"received_on": {"10/03/2026"}, "channel": {"post"}, "signer": {"one"},
		"sender_name": {senderName, "", ""}, "sender_address": {senderAddress, "", ""}, "sender_phone": {senderPhone, "", ""},
		"sender_id_number": {"020187004512", "", ""}, "kind": {"denunciation"},
		"summary": {"Tố cáo cán bộ địa chính xã nhận tiền khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất"},
		"content": {"Ông Nông Văn Lợi, công chức địa chính xã Đồng Đăng, yêu cầu gia đình tôi nộp 15 triệu đồng ngoài quy định."},
		"field":   {"corruption"}, "subject_name": {"Nông Văn Lợi"}, "subject_position": {"Công chức địa chính - xây dựng xã"},
		"subject_party_member": {"1"}, "locality_unit_id": {itoa(e.units["commune-dong-dang"])}, "classification": {"0"},
		"assigned_to": {itoa(e.actors["chuyenvien1"].UserID)}, "action": {"save"}}
	for i := 0; i+1 < len(extra); i += 2 {
		f.Set(extra[i], extra[i+1])
	}
	return f
}

// created enters a petition through the form (checking duplicates first and
// saving anyway) and returns its page's path.
func (e *env) created(who string, f url.Values) string {
	e.t.Helper()
	r := e.post(who, "/petitions", f)
	if r.code == http.StatusOK && strings.Contains(r.body, `name="checked"`) {
		f.Set("checked", inputValue(r.body, "checked"))
		r = e.post(who, "/petitions", f)
	}
	if r.code != http.StatusSeeOther || !strings.HasPrefix(r.location, "/petitions/") {
		e.t.Fatalf("enter a petition: %d %s\n%s", r.code, r.location, text(r.body))
	}
	return r.location
}

func petitionID(t *testing.T, path string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.SplitN(path, "#", 2)[0], "/petitions/"), 10, 64)
	if err != nil {
		t.Fatalf("petition path %q", path)
	}
	return id
}

// total is how many petitions who sees.
func (e *env) total(who string) int {
	e.t.Helper()
	p, err := e.svc.List(e.ctx(who), petitions.Filter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return p.Total
}

// The entry form refuses bad input field by field, in Vietnamese, keeping
// what was typed and saving nothing; the duplicate check shows the earlier
// letter of the same sender before saving; saved anyway, the petition's page
// offers to link it, and linking makes it a repeated petition.
func TestEntryForm(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		before := e.total("chuyenvien1")

		r := e.post("chuyenvien1", "/petitions", url.Values{"received_on": {"31/02/2026"}, "channel": {"post"},
			"signer": {"several"}, "sender_name": {"Lý Văn Sáu", ""}, "sender_address": {"Xã Tân Tiến", ""},
			"kind": {"complaint"}, "summary": {"Khiếu nại việc thu hồi đất"}, "content": {"Nội dung đã nhập"},
			"classification": {"0"}, "action": {"save"}})
		if r.code != http.StatusUnprocessableEntity {
			t.Fatalf("invalid entry: %d %s", r.code, text(r.body))
		}
		if got := fieldError(r.body, "received_on"); got != "Ngày không hợp lệ (dạng dd/mm/yyyy)." {
			t.Errorf("received_on: %q", got)
		}
		if !strings.Contains(r.body, ">Nội dung đã nhập</textarea>") || inputValue(r.body, "received_on") != "31/02/2026" ||
			!strings.Contains(r.body, `value="Lý Văn Sáu"`) {
			t.Errorf("what was typed is not kept")
		}
		// Dates read, the service names every other problem beside its field.
		f := e.entryForm("summary", " ", "field", "", "signer", "several", "received_on", "01/01/2027")
		r = e.post("chuyenvien1", "/petitions", f)
		for field, want := range map[string]string{
			"summary":     "Không được để trống.",
			"received_on": "Ngày này chưa tới.",
			"senders":     "Đơn nhiều người đứng tên: nhập ít nhất hai người gửi có họ tên và chọn một người đại diện.",
			"field":       "Giá trị không hợp lệ.",
		} {
			if got := fieldError(r.body, field); got != want {
				t.Errorf("%s: %q, want %q", field, got, want)
			}
		}
		if r.code != http.StatusUnprocessableEntity || e.total("chuyenvien1") != before {
			t.Errorf("a refused entry: %d, %d petitions (was %d)", r.code, e.total("chuyenvien1"), before)
		}
		// A classification above one's clearance.
		r = e.post("chuyenvien3", "/petitions", e.entryForm("classification", "1"))
		if got := fieldError(r.body, "classification"); r.code != 422 || got != "Mức mật cao hơn mức được tiếp cận của bạn." {
			t.Errorf("classification above clearance: %d %q", r.code, got)
		}

		// The first letter: nothing like it yet.
		r = e.post("chuyenvien1", "/petitions", e.entryForm("action", "check"))
		if r.code != 200 || !strings.Contains(text(r.body), "Không thấy đơn nào trùng.") {
			t.Fatalf("check on a new letter: %d %s", r.code, text(r.body))
		}
		first := e.created("chuyenvien1", e.entryForm())
		page := e.get("chuyenvien1", first)
		if page.code != 200 || !strings.Contains(text(page.body), "Đã tiếp nhận đơn số 2026-") {
			t.Fatalf("the new petition's page: %d %s", page.code, text(page.body))
		}
		// The same sender writes again: saving stops at the likely duplicate.
		again := e.entryForm("received_on", "16/03/2026", "summary", "Tố cáo lại việc cán bộ địa chính xã Đồng Đăng nhận tiền của dân")
		r = e.post("chuyenvien1", "/petitions", again)
		if r.code != 200 || !strings.Contains(r.body, `data-id="`+itoa(petitionID(t, first))+`"`) ||
			!strings.Contains(text(r.body), "Cùng người gửi") || e.total("chuyenvien1") != before+1 {
			t.Fatalf("the duplicate check before saving: %d %s", r.code, text(r.body))
		}
		if strings.Contains(r.body, senderName+"</") || strings.Contains(text(r.body), "Vẫn lưu đơn") == false {
			t.Errorf("the check page shows an identity outside the form, or no save-anyway button")
		}
		second := e.created("chuyenvien1", again)
		secondID := petitionID(t, second)
		page = e.get("chuyenvien1", second)
		if !strings.Contains(page.body, `action="/petitions/`+itoa(secondID)+`/steps/link"`) {
			t.Fatalf("the petition's page does not offer to link the likely duplicate: %s", text(page.body))
		}
		r = e.post("chuyenvien1", second+"/steps/link", url.Values{"version": {"1"}, "other": {refOf(t, e, first)}, "kind": {"repeated"}})
		if r.code != http.StatusSeeOther {
			t.Fatalf("link: %d %s", r.code, text(r.body))
		}
		rec, err := e.svc.Get(e.ctx("chuyenvien1"), secondID)
		if err != nil || !rec.Repeated {
			t.Errorf("linked as repeating, the petition is not repeated: %v %+v", err, rec.Links)
		}
		// The saved filter of repeated letters finds it.
		list := e.get("chuyenvien1", "/petitions")
		repeated := regexp.MustCompile(`href="(/petitions\?[^"]*received_repeated[^"]*)"`).FindStringSubmatch(list.body)
		if repeated == nil {
			t.Fatalf("no saved filter of repeated letters")
		}
		if r := e.get("chuyenvien1", html.UnescapeString(repeated[1])); !strings.Contains(r.body, ">"+refOf(t, e, second)+"</a>") ||
			strings.Contains(r.body, ">"+refOf(t, e, first)+"</a>") || !strings.Contains(r.body, `aria-current="true">Đơn lặp lại năm nay`) {
			t.Errorf("the repeated letters this year: %s", text(r.body))
		}
		// A petition that does not exist cannot be linked.
		r = e.post("chuyenvien1", second+"/steps/link", url.Values{"version": {"2"}, "other": {"1999-99999"}, "kind": {"related"}})
		if got := fieldError(r.body, "other"); r.code != 422 || got != "Không tìm thấy đơn có số này." {
			t.Errorf("link to nothing: %d %q", r.code, got)
		}
		// Only writers reach the form.
		if e.get("thuongvu", "/petitions/new").code != http.StatusForbidden ||
			e.post("thuongvu", "/petitions", e.entryForm()).code != http.StatusForbidden {
			t.Errorf("a viewer reaches the entry form")
		}
	})
}

func refOf(t *testing.T, e *env, path string) string {
	t.Helper()
	rec, err := e.svc.Get(e.ctx("truongban"), petitionID(t, path))
	if err != nil {
		t.Fatal(err)
	}
	return rec.RefCode
}

// A specialist forwards a petition, records the body's reply reporting it
// resolved, and the due list loses it; bad step input is refused beside its
// field; a stale edit shows the current values and says so.
func TestProcessingSteps(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		path := e.created("chuyenvien1", e.entryForm("received_on", "09/03/2026"))
		id := petitionID(t, path)
		ref := refOf(t, e, path)
		due := e.get("chuyenvien1", "/petitions/due")
		if !strings.Contains(due.body, ">"+ref+"</a>") {
			t.Fatalf("the new denunciation is not on the due list: %s", text(due.body))
		}
		page := e.get("chuyenvien1", path)
		for _, want := range []string{"denunciation.initial", "Xử lý ban đầu", "Chuyển đơn"} {
			if !strings.Contains(text(page.body), want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		// Forwarding without a body, and a date before receipt.
		r := e.post("chuyenvien1", path+"/steps/process", url.Values{"version": {"1"}, "on": {"01/03/2026"},
			"eligible": {"1"}, "handling": {"forwarded"}})
		if r.code != 422 || fieldError(r.body, "unit_id") != "Chọn cơ quan nhận đơn chuyển hoặc được đôn đốc." ||
			!strings.HasPrefix(fieldError(r.body, "on"), "Ngày này không được trước") {
			t.Errorf("forwarding to nobody: %d unit %q on %q", r.code, fieldError(r.body, "unit_id"), fieldError(r.body, "on"))
		}
		if rec, _ := e.svc.Get(e.ctx("chuyenvien1"), id); rec.Status != petitions.StatusReceived || rec.Version != 1 {
			t.Errorf("a refused step changed the petition: %s v%d", rec.Status, rec.Version)
		}
		r = e.post("chuyenvien1", path+"/steps/process", url.Values{"version": {"1"}, "on": {"16/03/2026"},
			"eligible": {"1"}, "handling": {"forwarded"}, "unit_id": {itoa(e.units["agency-thanh-tra-tinh"])}, "ref": {"125-CV/BNCTU"}})
		if r.code != http.StatusSeeOther {
			t.Fatalf("forward: %d %s", r.code, text(r.body))
		}
		// A stale step: the version read before forwarding.
		r = e.post("chuyenvien1", path+"/steps/urge", url.Values{"version": {"1"}, "on": {"16/03/2026"}})
		if r.code != http.StatusConflict || !strings.Contains(text(r.body), "Bản ghi vừa được người khác sửa") ||
			inputValue(r.body, "version") != "2" {
			t.Errorf("stale urging: %d version %q", r.code, inputValue(r.body, "version"))
		}
		// A reply reporting it resolved: a money figure that is no number.
		reply := url.Values{"version": {"2"}, "on": {"16/03/2026"}, "ref": {"88/TTr-NV"}, "resolved": {"1"},
			"outcome": {"partly_right"}, "money_returned": {"mười lăm triệu"}}
		r = e.post("chuyenvien1", path+"/steps/reply", reply)
		if r.code != 422 || fieldError(r.body, "money_returned") != "Nhập một số, ví dụ 6.500." || inputValue(r.body, "ref") != "88/TTr-NV" {
			t.Errorf("a reply with a bad amount: %d %q", r.code, fieldError(r.body, "money_returned"))
		}
		reply.Set("money_returned", "15.000.000")
		reply.Set("people_protected", "1")
		if r = e.post("chuyenvien1", path+"/steps/reply", reply); r.code != http.StatusSeeOther {
			t.Fatalf("reply: %d %s", r.code, text(r.body))
		}
		rec, err := e.svc.Get(e.ctx("chuyenvien1"), id)
		if err != nil || rec.Status != petitions.StatusResolved || rec.MoneyReturned != 15000000 || rec.Outcome != petitions.OutcomePartlyRight {
			t.Fatalf("after the reply: %v %s %d %s", err, rec.Status, rec.MoneyReturned, rec.Outcome)
		}
		page = e.get("chuyenvien1", path)
		for _, want := range []string{"Nhận văn bản trả lời", "88/TTr-NV", "Thanh tra tỉnh Lạng Sơn", "15 triệu đồng"} {
			if !strings.Contains(text(page.body), want) {
				t.Errorf("the history lacks %q", want)
			}
		}
		if due := e.get("chuyenvien1", "/petitions/due"); strings.Contains(due.body, ">"+ref+"</a>") {
			t.Errorf("the resolved petition is still on the due list")
		}

		// Two people edit the details from the same version.
		p2 := e.created("chuyenvien2", e.entryForm("received_on", "12/03/2026", "kind", "complaint", "subject_party_member", "",
			"summary", "Khiếu nại mức bồi thường khi thu hồi đất làm đường vành đai phía Bắc", "sender_name", "Lương Thị Hoa",
			"sender_address", "Khối 5, phường Tam Thanh", "field", "compensation", "subject_name", "", "content", ""))
		edit := e.get("chuyenvien1", p2+"?step=update")
		version := inputValue(edit.body, "version")
		if edit.code != 200 || inputValue(edit.body, "summary") != "Khiếu nại mức bồi thường khi thu hồi đất làm đường vành đai phía Bắc" {
			t.Fatalf("edit form: %d %q", edit.code, inputValue(edit.body, "summary"))
		}
		upd := url.Values{"version": {version}, "summary": {"Khiếu nại mức bồi thường (sửa lần một)"}, "field": {"compensation"}, "classification": {"0"}}
		if r := e.post("chuyenvien2", p2+"/steps/update", upd); r.code != http.StatusSeeOther {
			t.Fatalf("first edit: %d %s", r.code, text(r.body))
		}
		upd.Set("summary", "Khiếu nại mức bồi thường (sửa lần hai)")
		r = e.post("chuyenvien1", p2+"/steps/update", upd)
		if r.code != http.StatusConflict || !strings.Contains(text(r.body), "Bản ghi vừa được người khác sửa. Hãy xem lại thay đổi của họ rồi lưu lại.") ||
			inputValue(r.body, "summary") != "Khiếu nại mức bồi thường (sửa lần một)" || inputValue(r.body, "version") == version {
			t.Errorf("stale edit: %d summary %q version %q", r.code, inputValue(r.body, "summary"), inputValue(r.body, "version"))
		}
	})
}

// Senders are masked in the list, the search, the export and the API; a
// reveal needs the permission and a reason, is audited, shows the
// identities in that answer only and is never cached; exporting identities
// needs the permission, the option and a reason.
func TestSendersProtected(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		path := e.created("chuyenvien1", e.entryForm())
		id := petitionID(t, path)
		ref := refOf(t, e, path)
		for _, page := range []string{"/petitions", "/petitions?q=" + url.QueryEscape(ref), "/petitions?q=Nông+Văn+Lợi", path,
			"/petitions/due?scope=all", "/api/v1/petitions?q=" + ref, "/api/v1/petitions/" + itoa(id), "/api/v1/petitions/due?scope=all"} {
			r := e.get("truongban", page)
			if r.code != 200 {
				t.Errorf("%s: %d", page, r.code)
			}
			for _, secret := range []string{senderName, senderAddress, senderPhone, "020187004512"} {
				if strings.Contains(html_(r.body), secret) {
					t.Errorf("%s shows %q", page, secret)
				}
			}
		}
		if list := e.get("truongban", "/petitions?q="+url.QueryEscape(ref)); !strings.Contains(text(list.body), "Người gửi (được bảo vệ)") {
			t.Errorf("the list does not show the mask")
		}
		// Searching for a sender finds nothing: identities are not indexed.
		for _, q := range []string{senderName, senderPhone} {
			if r := e.get("truongban", "/search?q="+url.QueryEscape(q)); r.code != 200 || strings.Contains(r.body, ">"+ref) || strings.Contains(r.body, "/petitions/"+itoa(id)+`"`) {
				t.Errorf("searching for %q finds the petition", q)
			}
			if r := e.get("truongban", "/api/v1/search?q="+url.QueryEscape(q)); strings.Contains(r.body, ref) {
				t.Errorf("the search API finds the petition by %q", q)
			}
		}
		if r := e.get("truongban", "/api/v1/search?q="+url.QueryEscape(ref)); !strings.Contains(r.body, ref) {
			t.Errorf("the search does not find the petition by its number: %s", r.body)
		}
		// Export: masked by default, even when asked by one who may not
		// export identities.
		for _, who := range []string{"chuyenvien1", "truongban"} {
			x := e.get(who, "/petitions/export.xlsx?q="+url.QueryEscape(ref))
			if x.code != 200 {
				t.Fatalf("export as %s: %d %s", who, x.code, x.body)
			}
			cells := xlsxText(t, x.body)
			if strings.Contains(cells, senderName) || !strings.Contains(cells, "Người gửi (được bảo vệ)") || !strings.Contains(cells, ref) {
				t.Errorf("export as %s: identities shown or the row missing", who)
			}
		}
		if r := e.get("chuyenvien1", "/petitions/export.xlsx?with_identities=1&reason=x&q="+url.QueryEscape(ref)); r.code != http.StatusForbidden {
			t.Errorf("a specialist exports identities: %d", r.code)
		}
		r := e.get("truongban", "/petitions/export.xlsx?with_identities=1&q="+url.QueryEscape(ref))
		if r.code != http.StatusSeeOther || !strings.Contains(text(e.get("truongban", r.location).body), "Xuất thông tin người gửi phải nêu lý do.") {
			t.Errorf("identities exported without a reason: %d %s", r.code, r.location)
		}
		x := e.get("truongban", "/petitions/export.xlsx?with_identities=1&reason="+url.QueryEscape("Xác minh theo chỉ đạo của Thường trực")+"&q="+url.QueryEscape(ref))
		if x.code != 200 || !strings.Contains(xlsxText(t, x.body), senderName) {
			t.Errorf("identities export with a reason: %d", x.code)
		}

		// Reveal: a reason is required; it is then shown once and audited.
		r = e.post("chuyenvien1", path+"/reveal", url.Values{"reason": {"  "}, "reason_form": {"1"}})
		if r.code != 422 || fieldError(r.body, "reason") != "Không được để trống." || strings.Contains(r.body, senderName) {
			t.Errorf("reveal without a reason: %d %q", r.code, fieldError(r.body, "reason"))
		}
		reason := "Mời người tố cáo đến làm việc, bổ sung chứng cứ"
		resp := e.do("chuyenvien1", "POST", path+"/reveal", "application/x-www-form-urlencoded",
			strings.NewReader(url.Values{"reason": {reason}}.Encode()))
		if resp.code != 200 || !strings.Contains(resp.body, senderName) || !strings.Contains(resp.body, senderPhone) {
			t.Fatalf("reveal: %d", resp.code)
		}
		if cc := resp.header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("a reveal may be cached: %q", cc)
		}
		if again := e.get("chuyenvien1", path); strings.Contains(again.body, senderName) {
			t.Errorf("the page shows the identities after the reveal")
		}
		entries, err := audit.Search(e.ctx("admin"), e.db, audit.Filter{Entity: "petition", EntityID: itoa(id), Action: audit.Reveal})
		if err != nil || entries.Total != 1 || !strings.Contains(entries.Entries[0].Summary, reason) ||
			strings.Contains(entries.Entries[0].Summary+entries.Entries[0].After, senderName) {
			t.Errorf("the reveal is not audited with its reason (and only it): %v %+v", err, entries)
		}
		// Not assigned to the specialist; a viewer may not reveal at all.
		if r := e.post("chuyenvien2", path+"/reveal", url.Values{"reason": {reason}}); r.code != http.StatusForbidden || strings.Contains(r.body, senderName) {
			t.Errorf("a specialist reveals a petition not assigned to them: %d", r.code)
		}
		if r := e.post("thuongvu", path+"/reveal", url.Values{"reason": {reason}}); r.code != http.StatusForbidden {
			t.Errorf("a viewer reveals: %d", r.code)
		}
		for _, who := range []string{"thuongvu", "chuyenvien2"} {
			if strings.Contains(e.get(who, path).body, `action="`+path+`/reveal"`) {
				t.Errorf("%s is offered the reveal form", who)
			}
		}
		if !strings.Contains(e.get("truongban", path).body, `action="`+path+`/reveal"`) {
			t.Errorf("the leader is not offered the reveal form")
		}
	})
}

// A specialist cleared for normal records never meets a secret petition:
// not in the list, the page, the figures' drill-down, the export or the API.
func TestClearance(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		secret := e.created("truongban", e.entryForm("classification", "1", "summary", "Tố cáo Phó Chủ tịch UBND huyện can thiệp đấu thầu",
			"assigned_to", itoa(e.actors["chuyenvien1"].UserID)))
		id := petitionID(t, secret)
		ref := refOf(t, e, secret)
		if e.get("chuyenvien3", secret).code != http.StatusNotFound || e.get("chuyenvien1", secret).code != 200 {
			t.Errorf("a secret petition is shown without clearance, or hidden with it")
		}
		if e.get("chuyenvien3", "/api/v1/petitions/"+itoa(id)).code != http.StatusNotFound {
			t.Errorf("the API shows a secret petition without clearance")
		}
		for _, page := range []string{"/petitions", "/petitions?ids=" + itoa(id), "/petitions?q=" + ref, "/petitions/due?scope=all",
			"/petitions?fig=petitions.received&fig_from=01/03/2026&fig_to=16/03/2026", "/api/v1/petitions?ids=" + itoa(id)} {
			r := e.get("chuyenvien3", page)
			if r.code != 200 || strings.Contains(r.body, ">"+ref+"<") || strings.Contains(r.body, `"ref_code":"`+ref) {
				t.Errorf("%s: %d, shows the secret petition", page, r.code)
			}
		}
		if r := e.get("chuyenvien1", "/petitions?fig=petitions.received&fig_from=01/03/2026&fig_to=16/03/2026"); !strings.Contains(r.body, ">"+ref+"</a>") {
			t.Errorf("the drill-down hides the secret petition from a cleared specialist")
		}
		x := e.get("chuyenvien3", "/petitions/export.xlsx")
		if x.code != 200 || strings.Contains(xlsxText(t, x.body), ref) {
			t.Errorf("the export holds the secret petition: %d", x.code)
		}
		f3, err := e.svc.Figures(e.ctx("chuyenvien3"), periodMarch())
		if err != nil {
			t.Fatal(err)
		}
		f1, _ := e.svc.Figures(e.ctx("chuyenvien1"), periodMarch())
		page := e.get("chuyenvien3", "/petitions/figures?from=01/03/2026&to=16/03/2026")
		if got := figure(page.body, "petitions.received"); got != strconv.FormatInt(f3.Petitions.Received.Value, 10) || f1.Petitions.Received.Value <= f3.Petitions.Received.Value {
			t.Errorf("figures: the page says %s, the service %d for the uncleared and %d for the cleared", got,
				f3.Petitions.Received.Value, f1.Petitions.Received.Value)
		}
	})
}

// The figures page shows, for seed 000's period, the service's figures,
// each number linking to the petitions it counts; the narrative is the
// service's; readers without petitions get the counts only.
func TestFiguresPage(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		f, err := e.svc.Figures(e.ctx("truongban"), petitions.SeedPeriod)
		if err != nil {
			t.Fatal(err)
		}
		page := e.get("truongban", "/petitions/figures?from=01/05/2019&to=30/06/2020")
		if page.code != 200 {
			t.Fatalf("figures: %d %s", page.code, text(page.body))
		}
		if f.ComplexProlonged.Resolved.Value != 15 || f.ComplexProlonged.InProgress.Value != 12 {
			t.Errorf("seed 000: complex resolved %d, in progress %d", f.ComplexProlonged.Resolved.Value, f.ComplexProlonged.InProgress.Value)
		}
		for _, key := range figureKeys() {
			fig, _ := lookupFigure(f, key)
			want := strconv.FormatInt(fig.Value, 10)
			switch key {
			case "petitions.money_returned", "petitions.land_returned":
				continue
			}
			if got := figure(page.body, key); strings.ReplaceAll(got, ".", "") != want {
				t.Errorf("%s: page %q, service %s", key, got, want)
			}
		}
		// The number links to exactly the petitions it counts.
		link := figureLink(page.body, "complex_prolonged.resolved")
		if link == "" {
			t.Fatalf("complex_prolonged.resolved has no link")
		}
		list := e.get("truongban", link)
		if list.code != 200 || !strings.Contains(text(list.body), "Tổng số: 15") {
			t.Errorf("the drill-down: %d %s", list.code, text(list.body))
		}
		for _, r := range f.ComplexProlonged.Resolved.Refs {
			if !strings.Contains(list.body, ">"+r+"</a>") {
				t.Errorf("the drill-down lacks %s", r)
			}
		}
		if !strings.Contains(html_(page.body), petitions.Narrative(f)) || !strings.Contains(page.body, `data-chart="chart-petitions"`) {
			t.Errorf("the narrative or the chart is missing")
		}
		// Counts only for an administrator and the central committee.
		for _, who := range []string{"admin", "trunguong"} {
			r := e.get(who, "/petitions/figures?from=01/05/2019&to=30/06/2020")
			if r.code != 200 || strings.Contains(r.body, "/petitions?fig=") {
				t.Errorf("%s: %d, links to petitions: %v", who, r.code, strings.Contains(r.body, "/petitions?fig="))
			}
		}
		if r := e.get("trunguong", "/petitions/figures"); !strings.Contains(text(r.body), "chưa được tổng hợp từ các tỉnh ủy") {
			t.Errorf("the central committee is not told the figures are its own organisation's")
		}
		if r := e.get("truongban", "/petitions/figures?from=30/06/2020&to=01/05/2019"); r.code != 422 || fieldError(r.body, "to") == "" {
			t.Errorf("a reversed period: %d", r.code)
		}
	})
}

func periodMarch() civil.Range {
	return civil.Range{From: civil.MustParse("2026-03-01"), To: civil.MustParse("2026-03-16")}
}

// html_ is a page with its entities decoded.
func html_(page string) string { return html.UnescapeString(page) }

var figRE = regexp.MustCompile(`<span class="fig" data-fig="([^"]+)">(?:<a href="([^"]*)">)?([^<]*)`)

// figure is the number shown for a figure of the figures page.
func figure(page, key string) string {
	for _, m := range figRE.FindAllStringSubmatch(page, -1) {
		if m[1] == key {
			return strings.TrimSpace(html.UnescapeString(m[3]))
		}
	}
	return "<none>"
}

// figureLink is where a figure's number leads.
func figureLink(page, key string) string {
	for _, m := range figRE.FindAllStringSubmatch(page, -1) {
		if m[1] == key {
			return html.UnescapeString(m[2])
		}
	}
	return ""
}

// xlsxText is every text of a workbook.
func xlsxText(t *testing.T, body string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	var b strings.Builder
	for _, f := range z.File {
		if !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, _ := io.ReadAll(rc)
		rc.Close()
		b.WriteString(html.UnescapeString(string(x)))
	}
	return b.String()
}
