package receptionweb

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"noichinh/internal/config"
	"noichinh/internal/petitions"
	"noichinh/internal/petitions/communereport"
)

// The API makes the pages' calls with the same rules: field errors as 422,
// a stale edit as 409, the clerk confined to their unit, and the
// operations documented.
func TestAPI(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		before := e.sessionCount("chuyenvien1")
		r := e.json("chuyenvien1", "POST", "/api/v1/reception", map[string]any{"held_on": "2026-03-02", "host_role": "mayor",
			"kind": "regular", "visits": []map[string]any{{"kind": "complaint", "people": 0, "summary": "Đất đai"}}})
		var refused struct {
			Fields []struct{ Field, Message string } `json:"fields"`
		}
		_ = json.Unmarshal([]byte(r.body), &refused)
		got := map[string]string{}
		for _, f := range refused.Fields {
			got[f.Field] = f.Message
		}
		if r.code != 422 || got["host_role"] != "Giá trị không hợp lệ." || got["visits.0.people"] != "Số người phải từ 1 trở lên." {
			t.Errorf("invalid session: %d %v", r.code, got)
		}
		if e.sessionCount("chuyenvien1") != before {
			t.Fatalf("a refused session was saved")
		}
		r = e.json("chuyenvien1", "POST", "/api/v1/reception", map[string]any{"held_on": "2026-03-02", "host_role": "secretary",
			"kind": "regular", "visits": []map[string]any{{"kind": "complaint", "people": 2, "summary": "Đất đai"}}})
		var s petitions.Session
		if err := json.Unmarshal([]byte(r.body), &s); r.code != http.StatusCreated || err != nil || s.Reply.DueOn.IsZero() {
			t.Fatalf("record: %d %s", r.code, r.body)
		}
		path := "/api/v1/reception/" + itoa(s.ID)
		if r := e.json("chuyenvien1", "POST", path+"/replied", map[string]any{"version": 1, "replied_on": "2026-03-10"}); r.code != 200 {
			t.Fatalf("replied: %d %s", r.code, r.body)
		}
		if r := e.json("chuyenvien2", "PUT", path, map[string]any{"version": 1, "held_on": "2026-03-02", "host_role": "secretary",
			"kind": "regular"}); r.code != http.StatusConflict {
			t.Errorf("stale edit: %d", r.code)
		}
		if r := e.json("thuongvu", "POST", "/api/v1/reception", map[string]any{}); r.code != http.StatusForbidden {
			t.Errorf("a viewer records a session: %d", r.code)
		}
		var list struct {
			Total  int                       `json:"total"`
			Totals petitions.ReceptionCounts `json:"totals"`
		}
		r = e.get("thuongvu", "/api/v1/reception?from=2019-05-01&to=2020-06-30&host_role=secretary")
		if err := json.Unmarshal([]byte(r.body), &list); err != nil || list.Total != 8 || list.Totals.Visits.Value != 28 {
			t.Errorf("seed 000 through the API: %d %s", r.code, r.body)
		}

		// Commune reports: the clerk's own unit only.
		var mine struct{ Reports []communereport.Report }
		_ = json.Unmarshal([]byte(e.get("vanthu.tamthanh", "/api/v1/commune-reports").body), &mine)
		if len(mine.Reports) == 0 {
			t.Fatal("the clerk has no report through the API")
		}
		for _, rep := range mine.Reports {
			if rep.UnitID != e.units["ward-tam-thanh"] {
				t.Errorf("the clerk is shown %s's report", rep.UnitName)
			}
		}
		r = e.json("vanthu.tamthanh", "POST", "/api/v1/commune-reports", map[string]any{"month": "2026-03",
			"unit_id": e.units["commune-dong-dang"], "sessions": 2, "visits": 3, "people": 3})
		var rep communereport.Report
		if err := json.Unmarshal([]byte(r.body), &rep); r.code != 200 || err != nil || rep.UnitID != e.units["ward-tam-thanh"] {
			t.Errorf("submit for another unit: %d %s", r.code, r.body)
		}
		var month struct {
			Reports []communereport.Report `json:"reports"`
			Missing []communereport.Unit   `json:"missing"`
		}
		r = e.get("thuongvu", "/api/v1/commune-reports/month?m=2026-02")
		if err := json.Unmarshal([]byte(r.body), &month); err != nil || len(month.Reports) == 0 || len(month.Missing) == 0 {
			t.Errorf("month through the API: %d %s", r.code, r.body)
		}
		if r := e.json("thuongvu", "POST", "/api/v1/commune-reports/month/lock", map[string]any{"month": "2026-02"}); r.code != http.StatusForbidden {
			t.Errorf("a viewer locks: %d", r.code)
		}
		if r := e.get("vanthu.tamthanh", "/api/v1/commune-reports/consolidated"); r.code != http.StatusForbidden {
			t.Errorf("a clerk reads the consolidation: %d", r.code)
		}
		doc := e.get("", "/api/v1/openapi.json").body
		for _, p := range []string{`"/api/v1/reception/{id}/replied"`, `"/api/v1/commune-reports/upload"`, `"/api/v1/commune-reports/consolidated"`} {
			if !strings.Contains(doc, p) {
				t.Errorf("%s is not documented", p)
			}
		}
	})
}
