package petitionsweb

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"noichinh/internal/config"
	"noichinh/internal/petitions"
)

// step posts a step form and fails the test unless it was saved.
func (e *env) step(who, path, name string, form url.Values) {
	e.t.Helper()
	if r := e.post(who, path+"/steps/"+name, form); r.code != http.StatusSeeOther {
		e.t.Fatalf("%s: %d %s", name, r.code, text(r.body))
	}
}

func (e *env) version(path string) string {
	e.t.Helper()
	rec, err := e.svc.Get(e.ctx("truongban"), petitionID(e.t, path))
	if err != nil {
		e.t.Fatal(err)
	}
	return itoa(int64(rec.Version))
}

// Every step form is offered when the petition's state allows it, shows
// its own problems beside its fields, and records the step: a complaint
// accepted, its time limit extended and the petition resolved; a
// denunciation accepted and its acceptance notified; a mixed letter split;
// an assignment; a likely duplicate dismissed.
func TestStepForms(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		complaint := e.created("chuyenvien1", e.entryForm("kind", "complaint", "received_on", "09/03/2026",
			"summary", "Khiếu nại quyết định thu hồi đất làm bãi đỗ xe cửa khẩu Tân Thanh", "subject_party_member", "",
			"field", "land", "subject_name", "Ủy ban nhân dân huyện Văn Lãng"))
		page := e.get("chuyenvien1", complaint)
		if !strings.Contains(page.body, `action="`+complaint+`/steps/process"`) || strings.Contains(page.body, `/steps/resolve"`) {
			t.Errorf("a received complaint's page does not offer processing first")
		}
		e.step("chuyenvien1", complaint, "process", url.Values{"version": {e.version(complaint)}, "on": {"16/03/2026"},
			"eligible": {"1"}, "handling": {"accepted"}, "ref": {"01/QĐ-BNC"}})

		// Extend the resolution: the decision number is required.
		page = e.get("chuyenvien1", complaint+"?step=extend")
		if !strings.Contains(page.body, `<option value="resolve"`) {
			t.Fatalf("the extension form does not offer the open step: %s", text(page.body))
		}
		r := e.post("chuyenvien1", complaint+"/steps/extend", url.Values{"version": {e.version(complaint)}, "step": {"resolve"},
			"decision_on": {"16/03/2026"}})
		if r.code != 422 || fieldError(r.body, "decision_ref") != "Không được để trống." {
			t.Errorf("extension without a decision: %d %q", r.code, fieldError(r.body, "decision_ref"))
		}
		before, _ := e.svc.Get(e.ctx("chuyenvien1"), petitionID(t, complaint))
		e.step("chuyenvien1", complaint, "extend", url.Values{"version": {e.version(complaint)}, "step": {"resolve"},
			"decision_on": {"16/03/2026"}, "decision_ref": {"05/QĐ-BNC"}})
		after, _ := e.svc.Get(e.ctx("chuyenvien1"), petitionID(t, complaint))
		if !after.NextDueOn.After(before.NextDueOn) {
			t.Errorf("the extension did not move the due day: %s → %s", before.NextDueOn, after.NextDueOn)
		}
		if txt := text(e.get("chuyenvien1", complaint).body); !strings.Contains(txt, "đã gia hạn 1 lần") {
			t.Errorf("the page does not show the extension")
		}

		// Resolve: "groundless" does not conclude a complaint, nor is it offered.
		page = e.get("chuyenvien1", complaint+"?step=resolve")
		if strings.Contains(page.body, `value="groundless"`) {
			t.Errorf("the complaint's resolution offers groundless")
		}
		r = e.post("chuyenvien1", complaint+"/steps/resolve", url.Values{"version": {e.version(complaint)}, "on": {"16/03/2026"},
			"outcome": {"groundless"}, "land_returned": {"120,5"}})
		if r.code != 422 || !strings.HasPrefix(fieldError(r.body, "outcome"), "Kết quả không phù hợp với loại đơn") || inputValue(r.body, "land_returned") != "120,5" {
			t.Errorf("groundless complaint: %d %q", r.code, fieldError(r.body, "outcome"))
		}
		e.step("chuyenvien1", complaint, "resolve", url.Values{"version": {e.version(complaint)}, "on": {"16/03/2026"},
			"outcome": {"right"}, "land_returned": {"120,5"}, "ref": {"12/KL-BNC"}})
		rec, _ := e.svc.Get(e.ctx("chuyenvien1"), petitionID(t, complaint))
		if rec.Status != petitions.StatusResolved || rec.LandReturned != 120.5 || rec.Outcome != petitions.OutcomeRight {
			t.Errorf("resolved: %s %v %s", rec.Status, rec.LandReturned, rec.Outcome)
		}

		// A denunciation accepted: its acceptance is notified.
		den := e.created("chuyenvien1", e.entryForm("received_on", "09/03/2026"))
		e.step("chuyenvien1", den, "process", url.Values{"version": {e.version(den)}, "on": {"16/03/2026"},
			"eligible": {"1"}, "handling": {"accepted"}})
		if page = e.get("chuyenvien1", den); !strings.Contains(text(page.body), "party.denunciation.provincial") {
			t.Errorf("a denunciation of a Party member is not resolved under the Party's limit")
		}
		e.step("chuyenvien1", den, "notify", url.Values{"version": {e.version(den)}, "on": {"16/03/2026"}})

		// Filed away without a reason: the reason is asked for.
		filed := e.created("chuyenvien1", e.entryForm("received_on", "12/03/2026", "kind", "proposal",
			"summary", "Kiến nghị sửa đường liên thôn", "subject_name", "", "sender_name", "Đinh Văn Tám", "sender_address", "Xã Tân Tiến"))
		r = e.post("chuyenvien1", filed+"/steps/process", url.Values{"version": {e.version(filed)}, "on": {"16/03/2026"}, "eligible": {"0"}})
		if r.code != 422 || fieldError(r.body, "filed_reason") != "Không được để trống." {
			t.Errorf("filed away without a reason: %d %q", r.code, fieldError(r.body, "filed_reason"))
		}
		r = e.post("chuyenvien1", filed+"/steps/process", url.Values{"version": {e.version(filed)}, "on": {"16/03/2026"}})
		if r.code != 422 || fieldError(r.body, "eligible") != "Không được để trống." {
			t.Errorf("no eligibility chosen: %d %q", r.code, fieldError(r.body, "eligible"))
		}

		// Assign: only the committee's staff.
		r = e.post("chuyenvien1", filed+"/steps/assign", url.Values{"version": {e.version(filed)}, "assigned_to": {itoa(e.actors["thuongvu"].UserID)}})
		if r.code != 422 || fieldError(r.body, "assigned_to") != "Người này không phải chuyên viên hay lãnh đạo của Ban." {
			t.Errorf("assigned to a viewer: %d %q", r.code, fieldError(r.body, "assigned_to"))
		}
		e.step("chuyenvien1", filed, "assign", url.Values{"version": {e.version(filed)}, "assigned_to": {itoa(e.actors["chuyenvien2"].UserID)}})

		// A mixed letter is split into its parts.
		mixed := e.created("chuyenvien1", e.entryForm("received_on", "12/03/2026", "kind", "mixed", "classification", "0",
			"summary", "Vừa khiếu nại quyết định xử phạt vừa tố cáo cán bộ thuế xã", "sender_name", "Vi Thị Mai", "sender_address", "Xã Thất Khê"))
		page = e.get("chuyenvien1", mixed)
		if !strings.Contains(page.body, `action="`+mixed+`/steps/split"`) || strings.Contains(page.body, `/steps/process"`) {
			t.Fatalf("a mixed letter is not offered the split first")
		}
		r = e.post("chuyenvien1", mixed+"/steps/split", url.Values{"version": {e.version(mixed)},
			"part_kind": {"complaint", "denunciation", "complaint"}, "part_summary": {"Khiếu nại quyết định xử phạt", "", ""},
			"part_content": {"", "", ""}})
		if r.code != 422 || fieldError(r.body, "parts.1.summary") != "Không được để trống." || inputValue(r.body, "part_summary") != "Khiếu nại quyết định xử phạt" {
			t.Errorf("a part without a summary: %d %q", r.code, fieldError(r.body, "parts.1.summary"))
		}
		e.step("chuyenvien1", mixed, "split", url.Values{"version": {e.version(mixed)},
			"part_kind": {"complaint", "denunciation", "complaint"}, "part_summary": {"Khiếu nại quyết định xử phạt", "Tố cáo cán bộ thuế xã", ""},
			"part_content": {"", "", ""}})
		rec, _ = e.svc.Get(e.ctx("chuyenvien1"), petitionID(t, mixed))
		if rec.Status != petitions.StatusSplit || len(rec.Links) != 2 {
			t.Errorf("after the split: %s, %d links", rec.Status, len(rec.Links))
		}
		if txt := text(e.get("chuyenvien1", mixed).body); !strings.Contains(txt, "Đã tách thành đơn") {
			t.Errorf("the split letter does not name its parts")
		}

		// A likely duplicate dismissed is not proposed again.
		a := e.created("chuyenvien2", e.entryForm("received_on", "12/03/2026", "sender_name", "Hà Văn Bình", "sender_address", "Xã Bình Gia",
			"assigned_to", itoa(e.actors["chuyenvien2"].UserID)))
		aID := petitionID(t, a)
		cands, err := e.svc.DuplicatesOf(e.ctx("chuyenvien2"), aID)
		if err != nil || len(cands) == 0 {
			t.Fatalf("no likely duplicate to dismiss: %v", err)
		}
		other := cands[0].ID
		e.step("chuyenvien2", a, "dismiss", url.Values{"version": {e.version(a)}, "other_id": {itoa(other)}})
		cands, _ = e.svc.DuplicatesOf(e.ctx("chuyenvien2"), aID)
		for _, c := range cands {
			if c.ID == other {
				t.Errorf("a dismissed duplicate is proposed again")
			}
		}
		// An unknown step is no page.
		if r := e.post("chuyenvien1", a+"/steps/teleport", url.Values{}); r.code != http.StatusNotFound {
			t.Errorf("unknown step: %d", r.code)
		}
		// The home page lists the specialist's due petitions.
		if home := e.get("chuyenvien1", "/"); !strings.Contains(text(home.body), "Đơn thư đến hạn") {
			t.Errorf("no petitions block on the home page")
		}
	})
}
