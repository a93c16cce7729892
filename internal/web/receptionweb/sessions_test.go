package receptionweb

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/petitions"
	"noichinh/internal/vntext"
)

// sessionForm is a valid session form with two visits, the second a crowd
// delegation.
func sessionForm(extra ...string) url.Values {
	f := url.Values{"held_on": {"02/03/2026"}, "host_role": {"secretary"}, "host_name": {"Bí thư Tỉnh ủy"},
		"place": {"Trụ sở Tiếp công dân tỉnh"}, "kind": {"periodic"}, "classification": {"0"},
		"follow_up":     {"Giao UBND thành phố xem xét, trả lời"},
		"visits.0.kind": {"complaint"}, "visits.0.people": {"1"}, "visits.0.summary": {"Khiếu nại về bồi thường đất"},
		"visits.1.kind": {"proposal"}, "visits.1.people": {"7"}, "visits.1.summary": {"Kiến nghị về ô nhiễm môi trường"},
		"visits.2.summary": {""}}
	for i := 0; i+1 < len(extra); i += 2 {
		f.Set(extra[i], extra[i+1])
	}
	return f
}

func (e *env) sessionCount(who string) int {
	e.t.Helper()
	pg, err := e.svc.ListSessions(e.ctx(who), petitions.SessionFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return pg.Total
}

func sessionID(t *testing.T, path string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(path, "/reception/"), 10, 64)
	if err != nil {
		t.Fatalf("session path %q", path)
	}
	return id
}

// figureShown is the number a page shows for data-fig="key".
func figureShown(page, key string) string {
	m := regexp.MustCompile(`data-fig="` + key + `"[^>]*>([^<]*)<`).FindStringSubmatch(page)
	if m == nil {
		return "<none>"
	}
	return strings.TrimSpace(m[1])
}

// The session form: problems beside each field (visit rows included, even
// after a blank row) with what was typed kept and nothing saved; the
// session's page with the written-answer deadline and its rule, a visit's
// petition linked; a stale edit answered with the current values; the
// answer marked sent; writers only, and never a clerk.
func TestSessionForms(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		before := e.sessionCount("chuyenvien1")

		// Values that are not even of the right form.
		r := e.post("chuyenvien1", "/reception", sessionForm("held_on", "31/02/2026", "visits.1.people", "bảy",
			"visits.0.petition_id", "2099-99999"))
		if r.code != http.StatusUnprocessableEntity {
			t.Fatalf("malformed session form: %d", r.code)
		}
		for field, want := range map[string]string{"held_on": "Ngày không hợp lệ (dạng dd/mm/yyyy).",
			"visits.1.people":      "Phải là một số.",
			"visits.0.petition_id": "Không tìm thấy đơn số này (ghi số đơn, ví dụ 2026-00042)."} {
			if got := fieldError(r.body, field); got != want {
				t.Errorf("%s: %q, want %q", field, got, want)
			}
		}
		if inputValue(r.body, "held_on") != "31/02/2026" || inputValue(r.body, "place") != "Trụ sở Tiếp công dân tỉnh" ||
			inputValue(r.body, "visits.1.summary") != "Kiến nghị về ô nhiễm môi trường" {
			t.Errorf("what was typed is not kept")
		}

		// The service's findings, beside the rows typed although the
		// first row is blank.
		f := sessionForm("held_on", "01/04/2026", "host_role", "", "kind", "weekly",
			"visits.0.kind", "", "visits.0.people", "", "visits.0.summary", "")
		f.Set("visits.1.summary", " ")
		f.Set("visits.2.kind", "denunciation")
		f.Set("visits.2.people", "0")
		f.Set("visits.2.summary", "Tố cáo cán bộ xã")
		r = e.post("chuyenvien1", "/reception", f)
		if r.code != http.StatusUnprocessableEntity {
			t.Fatalf("invalid session: %d", r.code)
		}
		for field, want := range map[string]string{"held_on": "Ngày này chưa tới.", "host_role": "Giá trị không hợp lệ.",
			"kind": "Giá trị không hợp lệ.", "visits.1.summary": "Không được để trống.",
			"visits.2.people": "Số người phải từ 1 trở lên."} {
			if got := fieldError(r.body, field); got != want {
				t.Errorf("%s: %q, want %q", field, got, want)
			}
		}
		if fieldError(r.body, "visits.0.summary") != "" {
			t.Errorf("an error is shown on the blank row")
		}
		if got := e.sessionCount("chuyenvien1"); got != before {
			t.Fatalf("a refused form saved a session: %d, want %d", got, before)
		}

		// Recorded, with a visit linked to a petition of the register.
		pg, err := e.svc.List(e.ctx("chuyenvien1"), petitions.Filter{PerPage: 1})
		if err != nil || len(pg.Items) == 0 {
			t.Fatalf("demo petitions: %v", err)
		}
		pet := pg.Items[0]
		r = e.post("chuyenvien1", "/reception", sessionForm("visits.0.petition_id", pet.RefCode))
		if r.code != http.StatusSeeOther || !strings.HasPrefix(r.location, "/reception/") {
			t.Fatalf("record a session: %d %s\n%s", r.code, r.location, text(r.body))
		}
		path := r.location
		id := sessionID(t, path)
		s, err := e.svc.GetSession(e.ctx("chuyenvien1"), id)
		if err != nil {
			t.Fatal(err)
		}
		if s.VisitCount != 2 || s.People != 8 || s.CrowdDelegations != 1 || s.Visits[0].PetitionID != pet.ID {
			t.Errorf("saved session: %+v", s)
		}
		page := e.get("chuyenvien1", path)
		body := text(page.body)
		due := vntext.Date(s.Reply.DueOn)
		for _, want := range []string{"Đã ghi nhận kỳ tiếp công dân ngày 02/03/2026.", "Hạn trả lời " + due,
			"10 ngày làm việc kể từ ngày tiếp (02/03/2026)", "Quy định 11-QĐi/TW", "Chưa trả lời"} {
			if !strings.Contains(body, want) {
				t.Errorf("the session's page lacks %q: %s", want, body)
			}
		}
		if s.Reply.DueOn != civil.MustParse("2026-03-16") {
			t.Errorf("answer due %s, want 16/03/2026 (10 working days after Monday 02/03/2026)", s.Reply.DueOn)
		}
		if !strings.Contains(page.body, `<a href="/petitions/`+itoa(pet.ID)+`">`+pet.RefCode+`</a>`) {
			t.Errorf("the visit does not link to its petition")
		}

		// Writers only; a clerk reaches none of the reception pages.
		if e.get("thuongvu", "/reception/new").code != http.StatusForbidden ||
			e.post("thuongvu", "/reception", sessionForm()).code != http.StatusForbidden ||
			e.get("thuongvu", path).code != http.StatusOK || strings.Contains(e.get("thuongvu", path).body, "/replied") {
			t.Errorf("a viewer reaches the session forms, or cannot read the session")
		}
		for _, p := range []string{"/reception", "/reception/new", path, path + "/edit"} {
			if got := e.get("vanthu.tamthanh", p).code; got != http.StatusForbidden {
				t.Errorf("a clerk gets %s: %d", p, got)
			}
		}

		// Two people edit the session: the second gets the current
		// values and version, and is told.
		edit := e.get("chuyenvien1", path+"/edit")
		version := inputValue(edit.body, "version")
		if edit.code != 200 || version != "1" || inputValue(edit.body, "visits.0.petition_id") != pet.RefCode ||
			inputValue(edit.body, "visits.1.people") != "7" {
			t.Fatalf("edit form: %d version %q", edit.code, version)
		}
		first := sessionForm("version", version, "place", "Hội trường UBND phường Tam Thanh", "visits.0.petition_id", pet.RefCode)
		if r := e.post("chuyenvien2", path, first); r.code != http.StatusSeeOther {
			t.Fatalf("first edit: %d %s", r.code, text(r.body))
		}
		r = e.post("chuyenvien1", path, sessionForm("version", version, "place", "Nhà văn hóa khối 5"))
		if r.code != http.StatusConflict {
			t.Fatalf("stale edit: %d", r.code)
		}
		if !strings.Contains(text(r.body), "Bản ghi vừa được người khác sửa.") ||
			inputValue(r.body, "place") != "Hội trường UBND phường Tam Thanh" || inputValue(r.body, "version") != "2" {
			t.Errorf("the stale edit does not show the current values: place %q version %q",
				inputValue(r.body, "place"), inputValue(r.body, "version"))
		}
		if s, _ := e.svc.GetSession(e.ctx("chuyenvien1"), id); s.Place != "Hội trường UBND phường Tam Thanh" {
			t.Errorf("the stale edit was saved: %q", s.Place)
		}

		// The answer: a bad date refused beside the field, then recorded.
		r = e.post("chuyenvien1", path+"/replied", url.Values{"version": {"2"}, "replied_on": {"01/03/2026"}})
		if got := fieldError(r.body, "replied_on"); r.code != 422 || got != "Ngày này không được trước 02/03/2026." {
			t.Errorf("answer before the session: %d %q", r.code, got)
		}
		r = e.post("chuyenvien1", path+"/replied", url.Values{"version": {"2"}, "replied_on": {"13/03/2026"}})
		if r.code != http.StatusSeeOther {
			t.Fatalf("mark replied: %d %s", r.code, text(r.body))
		}
		if body := text(e.get("chuyenvien1", path).body); !strings.Contains(body, "Đã trả lời 13/03/2026") {
			t.Errorf("the page does not say the answer was sent: %s", body)
		}
	})
}

// The list: the period's totals are the service's figures (seed 000: the
// Party secretary received citizens in 8 sessions with 28 visits), the
// host and kind filters narrow the list, a bad filter is named.
func TestSessionList(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		ctx := e.ctx("thuongvu")
		r := e.get("thuongvu", "/reception?from=01/05/2019&to=30/06/2020&host_role=secretary")
		if r.code != 200 {
			t.Fatalf("list: %d", r.code)
		}
		if figureShown(r.body, "sessions") != "8" || figureShown(r.body, "visits") != "28" {
			t.Errorf("seed 000: %s sessions, %s visits", figureShown(r.body, "sessions"), figureShown(r.body, "visits"))
		}
		for _, q := range []struct {
			query string
			from  civil.Date
			to    civil.Date
			host  petitions.HostRole
		}{
			{"", civil.MustParse("2026-01-01"), today, ""},
			{"?from=01/05/2019&to=30/06/2020", petitions.SeedPeriod.From, petitions.SeedPeriod.To, ""},
			{"?from=01/01/2019&to=16/03/2026&host_role=committee_leader", civil.MustParse("2019-01-01"), today, "committee_leader"},
		} {
			f, err := e.svc.Figures(ctx, civil.Range{From: q.from, To: q.to})
			if err != nil {
				t.Fatal(err)
			}
			c := f.Reception.All
			if q.host != "" {
				c = f.Reception.ByHost[q.host]
			}
			page := e.get("thuongvu", "/reception"+q.query).body
			for key, want := range map[string]int64{"sessions": c.Sessions.Value, "visits": c.Visits.Value,
				"people": c.People.Value, "crowd_delegations": c.CrowdDelegations.Value} {
				if got := figureShown(page, key); got != vntext.Int(vntext.VI, want) {
					t.Errorf("%s %s: %s, the service says %d", q.query, key, got, want)
				}
			}
			all, err := e.svc.ListSessions(ctx, petitions.SessionFilter{From: q.from, To: q.to, HostRole: q.host, PerPage: 500})
			if err != nil {
				t.Fatal(err)
			}
			if int64(all.Total) != c.Sessions.Value {
				t.Errorf("%s: the list has %d sessions, the figures %d", q.query, all.Total, c.Sessions.Value)
			}
		}

		// The kind filter.
		all, _ := e.svc.ListSessions(ctx, petitions.SessionFilter{From: civil.MustParse("2019-01-01"), To: today, PerPage: 500})
		periodic := 0
		for _, s := range all.Items {
			if s.Kind == "periodic" {
				periodic++
			}
		}
		page := e.get("thuongvu", "/reception?from=01/01/2019&kind=periodic").body
		if got := strings.Count(page, `<a href="/reception/`); got != min(periodic, perPage) || periodic == len(all.Items) {
			t.Errorf("kind filter: %d rows, %d periodic of %d", got, periodic, len(all.Items))
		}

		r = e.get("thuongvu", "/reception?from=30/02/2026&host_role=mayor")
		if r.code != 422 || fieldError(r.body, "from") != "Ngày không hợp lệ (dạng dd/mm/yyyy)." ||
			fieldError(r.body, "host_role") != "Giá trị không hợp lệ." {
			t.Errorf("bad filters: %d %q %q", r.code, fieldError(r.body, "from"), fieldError(r.body, "host_role"))
		}
	})
}
