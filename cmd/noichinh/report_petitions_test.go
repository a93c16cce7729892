package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"noichinh/internal/app"
	"noichinh/internal/calendar"
	"noichinh/internal/config"
	"noichinh/internal/demo"
	"noichinh/internal/petitions"
	"noichinh/internal/store/storetest"
	"noichinh/internal/units"
)

// petitionsDemoEnviron loads the units, accounts and petitions demo data
// into a fresh database and returns the environment that points the
// command at it.
func petitionsDemoEnviron(t *testing.T, cfg *config.Config) map[string]string {
	t.Helper()
	db := storetest.Migrated(t, cfg)
	services, err := app.NewServices(cfg, db)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := petitions.OpenKeys(cfg.Data)
	if err != nil {
		t.Fatal(err)
	}
	cal, _ := calendar.Default()
	limits, _ := calendar.EmbeddedLimits()
	steps := []demo.Step{units.DemoStep(), services.Accounts.DemoStep(), units.DemoStaffStep(),
		petitions.New(db, cal, limits, keys).DemoStep()}
	if _, err := demo.Load(context.Background(), db, steps); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return map[string]string{"NOICHINH_DATA": cfg.Data, "NOICHINH_DB": cfg.DB}
}

func TestReportPetitions(t *testing.T) {
	engines := map[string]func(testing.TB) *config.Config{"sqlite": storetest.SQLiteConfig, "postgres": storetest.PostgresConfig}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			environ := petitionsDemoEnviron(t, engines[name](t))

			code, out, stderr := run(t, environ, "report", "petitions", "--from", "2019-05-01", "--to", "2020-06-30", "--org", "LSN")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			type figure struct {
				Value int64
				IDs   []int64
				Refs  []string
			}
			var r struct {
				Org     string
				Figures struct {
					From      string
					Reception struct {
						ByHost map[string]map[string]figure `json:"by_host"`
					}
					Petitions        map[string]json.RawMessage
					ComplexProlonged map[string]figure `json:"complex_prolonged"`
				}
				CommuneReports struct{ Expected int } `json:"commune_reports"`
				Narrative      string
			}
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			sec := r.Figures.Reception.ByHost["secretary"]
			cx := r.Figures.ComplexProlonged
			if r.Org != "LSN" || r.Figures.From != "2019-05-01" || sec["sessions"].Value != 8 || sec["visits"].Value != 28 ||
				len(sec["sessions"].IDs) != 8 {
				t.Errorf("reception: org %s from %s, secretary %+v", r.Org, r.Figures.From, sec)
			}
			if cx["resolved"].Value != 15 || len(cx["resolved"].Refs) != 15 || cx["in_progress"].Value != 12 {
				t.Errorf("complex: %+v", cx)
			}
			for _, key := range []string{"carried_over", "received", "total", "received_by_signer", "processed", "eligible",
				"filed_away", "filed_away_by_reason", "eligible_by_kind", "within_jurisdiction", "advised", "forwarded",
				"urged", "replies_received", "followed", "resolved", "in_progress", "outcomes", "money_returned",
				"land_returned", "people_protected"} {
				if _, ok := r.Figures.Petitions[key]; !ok {
					t.Errorf("petitions figures lack %q", key)
				}
			}
			if !strings.Contains(r.Narrative, "8 kỳ với 28 lượt công dân") {
				t.Errorf("narrative %q", r.Narrative)
			}

			code, out, stderr = run(t, environ, "report", "petitions", "--from", "2019-05-01", "--to", "2020-06-30", "--format", "text")
			if code != 0 {
				t.Fatalf("text: exit %d: %s", code, stderr)
			}
			for _, want := range []string{"tham mưu Bí thư Tỉnh ủy tiếp công dân 8 kỳ với 28 lượt công dân",
				"giải quyết xong 15 vụ việc, đang xem xét giải quyết 12 vụ việc"} {
				if !strings.Contains(out, want) {
					t.Errorf("text lacks %q:\n%s", want, out)
				}
			}
		})
	}
}
