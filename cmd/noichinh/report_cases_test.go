package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"noichinh/internal/cases"
	"noichinh/internal/config"
	"noichinh/internal/demo"
	"noichinh/internal/store/storetest"
)

// demoEnviron loads the cases demo into a fresh database and returns the
// environment that points the command at it.
func demoEnviron(t *testing.T, cfg *config.Config) map[string]string {
	t.Helper()
	db := storetest.Migrated(t, cfg)
	if _, err := demo.Load(context.Background(), db, []demo.Step{cases.DemoStep()}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return map[string]string{"NOICHINH_DATA": cfg.Data, "NOICHINH_DB": cfg.DB}
}

func TestReportCases(t *testing.T) {
	engines := map[string]func(testing.TB) *config.Config{"sqlite": storetest.SQLiteConfig, "postgres": storetest.PostgresConfig}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			environ := demoEnviron(t, engines[name](t))

			code, out, stderr := run(t, environ, "report", "cases", "--from", "2013-06-01", "--to", "2020-06-30", "--org", "LSN")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var f struct {
				Period struct{ From, To string }
				Watch  map[string]map[string]map[string]struct {
					Count int
					Refs  []string
				}
				WrongfulConvictions struct{ Count int } `json:"wrongful_convictions"`
			}
			if err := json.Unmarshal([]byte(out), &f); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			for _, c := range []struct {
				level, group string
				want         int
			}{{"monitored", "all", 17}, {"monitored", "corruption", 4}, {"monitored", "internal_affairs", 13},
				{"directed", "all", 7}, {"directed", "corruption", 4}, {"directed", "internal_affairs", 3}} {
				got := f.Watch[c.level][c.group]["added"]
				if got.Count != c.want || len(got.Refs) != c.want {
					t.Errorf("%s/%s added: %d (%d refs), want %d", c.level, c.group, got.Count, len(got.Refs), c.want)
				}
			}
			if f.Period.From != "2013-06-01" || f.WrongfulConvictions.Count != 0 {
				t.Errorf("period %+v, wrongful %d", f.Period, f.WrongfulConvictions.Count)
			}

			code, out, stderr = run(t, environ, "report", "cases", "--from", "2020-01-01", "--to", "2020-06-30", "--format", "text")
			if code != 0 {
				t.Fatalf("text: exit %d: %s", code, stderr)
			}
			for _, want := range []string{"5 vụ án kinh tế liên quan đến cán bộ lãnh đạo, quản lý",
				"Có 4 vụ án tham nhũng (trong đó 2 vụ án năm 2019 chuyển sang)"} {
				if !strings.Contains(out, want) {
					t.Errorf("text lacks %q:\n%s", want, out)
				}
			}

			if code, _, stderr := run(t, environ, "report", "cases", "--from", "2020-06-30", "--to", "2020-01-01"); code != 2 ||
				!strings.Contains(stderr, "before it starts") {
				t.Errorf("reversed period: exit %d, %s", code, stderr)
			}
		})
	}
}
