package petitionsweb

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"noichinh/internal/config"
	"noichinh/internal/petitions"
)

// The JSON API: the same rules as the pages (writers only write, field
// errors 422 in the user's language, stale versions 409, senders masked,
// counts only for readers who may not read petitions), documented in the
// OpenAPI document.
func TestAPI(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		body := map[string]any{"received_on": "2026-03-09", "channel": "post", "signer": "one", "kind": "denunciation",
			"senders": []map[string]any{{"name": senderName, "address": senderAddress, "phone": senderPhone}},
			"summary": "Tố cáo cán bộ địa chính xã nhận tiền", "field": "corruption", "classification": 0,
			"subject_name": "Nông Văn Lợi", "assigned_to": e.actors["chuyenvien1"].UserID}
		if r := e.json("thuongvu", "POST", "/api/v1/petitions", body); r.code != http.StatusForbidden {
			t.Errorf("a viewer creates: %d", r.code)
		}
		bad := map[string]any{"received_on": "2026-03-09", "channel": "fax", "signer": "one", "kind": "complaint", "summary": ""}
		r := e.json("chuyenvien1", "POST", "/api/v1/petitions", bad)
		if r.code != 422 || !strings.Contains(r.body, `"field": "channel"`) || !strings.Contains(r.body, "Không được để trống.") {
			t.Errorf("invalid create: %d %s", r.code, r.body)
		}
		r = e.json("chuyenvien1", "POST", "/api/v1/petitions", body)
		if r.code != http.StatusCreated || strings.Contains(r.body, senderName) || !strings.Contains(r.body, petitions.MaskedSenderLabel) {
			t.Fatalf("create: %d %s", r.code, r.body)
		}
		var created struct {
			ID        int64                `json:"id"`
			Version   int                  `json:"version"`
			Deadlines []petitions.Deadline `json:"deadlines"`
		}
		if err := json.Unmarshal([]byte(r.body), &created); err != nil || created.ID == 0 || len(created.Deadlines) != 2 {
			t.Fatalf("create answer: %v %+v", err, created)
		}
		path := "/api/v1/petitions/" + itoa(created.ID)
		// The same sender again: the draft check finds the first.
		r = e.json("chuyenvien1", "POST", "/api/v1/petitions/duplicates", map[string]any{"received_on": "2026-03-16",
			"senders": []map[string]any{{"name": senderName, "address": senderAddress}}, "summary": "Tố cáo lại"})
		if r.code != 200 || !strings.Contains(r.body, `"id": `+itoa(created.ID)) || !strings.Contains(r.body, "same_sender") {
			t.Errorf("duplicates of a draft: %d %s", r.code, r.body)
		}
		// Forward it; a stale version is refused.
		step := map[string]any{"step": "process", "version": created.Version, "on": "2026-03-16", "eligible": true,
			"handling": "forwarded", "unit_id": e.units["agency-thanh-tra-tinh"], "ref": "125-CV/BNCTU"}
		if r = e.json("chuyenvien1", "POST", path+"/events", step); r.code != http.StatusCreated || !strings.Contains(r.body, `"status": "forwarded"`) {
			t.Fatalf("forward: %d %s", r.code, r.body)
		}
		step = map[string]any{"step": "urge", "version": created.Version, "on": "2026-03-16"}
		if r = e.json("chuyenvien1", "POST", path+"/events", step); r.code != http.StatusConflict {
			t.Errorf("stale step: %d %s", r.code, r.body)
		}
		if r = e.json("chuyenvien1", "POST", path+"/events", map[string]any{"step": "teleport"}); r.code != 422 {
			t.Errorf("unknown step: %d", r.code)
		}
		if r = e.get("thuongvu", path); r.code != 200 || !strings.Contains(r.body, `"kind": "processed"`) || strings.Contains(r.body, senderName) {
			t.Errorf("get: %d %s", r.code, r.body)
		}
		if r = e.get("thuongvu", "/api/v1/petitions?status=forwarded&q=Nông+Văn+Lợi"); r.code != 200 || !strings.Contains(r.body, `"id": `+itoa(created.ID)) {
			t.Errorf("list: %d %s", r.code, r.body)
		}
		if r = e.get("chuyenvien1", "/api/v1/petitions?due=later"); r.code != 422 {
			t.Errorf("a bad filter: %d", r.code)
		}
		if r = e.get("chuyenvien1", "/api/v1/petitions/due?scope=mine"); r.code != 200 || !strings.Contains(r.body, `"scope": "mine"`) {
			t.Errorf("due: %d %s", r.code, r.body)
		}
		// Figures: the records behind each number for readers of petitions,
		// the counts only for others.
		f, err := e.svc.Figures(e.ctx("truongban"), petitions.SeedPeriod)
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Figures    petitions.Figures `json:"figures"`
			Narrative  string            `json:"narrative"`
			CountsOnly bool              `json:"counts_only"`
		}
		r = e.get("truongban", "/api/v1/petitions/figures?from=2019-05-01&to=2020-06-30")
		if err := json.Unmarshal([]byte(r.body), &got); err != nil || got.Figures.Petitions.Total.Value != f.Petitions.Total.Value ||
			len(got.Figures.ComplexProlonged.Resolved.IDs) != 15 || got.Narrative != petitions.Narrative(f) || got.CountsOnly {
			t.Errorf("figures: %v %+v", err, got.Figures.ComplexProlonged)
		}
		r = e.get("admin", "/api/v1/petitions/figures?from=2019-05-01&to=2020-06-30")
		if r.code != 200 || strings.Contains(r.body, `"ids"`) || strings.Contains(r.body, `"refs"`) || !strings.Contains(r.body, `"counts_only": true`) {
			t.Errorf("counts only: %d %.300s", r.code, r.body)
		}
		if r = e.get("admin", "/api/v1/petitions"); r.code != http.StatusForbidden {
			t.Errorf("an administrator lists petitions: %d", r.code)
		}
		doc := e.get("", "/api/v1/openapi.json")
		for _, p := range []string{"/api/v1/petitions", "/api/v1/petitions/{id}", "/api/v1/petitions/{id}/events",
			"/api/v1/petitions/due", "/api/v1/petitions/figures", "/api/v1/petitions/duplicates"} {
			if !strings.Contains(doc.body, `"`+p+`"`) {
				t.Errorf("the OpenAPI document lacks %s", p)
			}
		}
	})
}
