package petitions

import (
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/demo"
	"noichinh/internal/fixture"
	"noichinh/internal/petitions/communereport"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// demoUnits are the units the demo refers to, as the units step loads them.
var demoUnits = []struct{ code, kind, name, from, to string }{
	{"ppc", "state_agency", "Ủy ban nhân dân tỉnh Lạng Sơn", "", ""},
	{"agency-thanh-tra-tinh", "state_agency", "Thanh tra tỉnh Lạng Sơn", "", ""},
	{"agency-thads-tinh", "state_agency", "Cục Thi hành án dân sự tỉnh Lạng Sơn", "", ""},
	{"ubkttu", "inspection_commission", "Ủy ban Kiểm tra Tỉnh ủy Lạng Sơn", "", ""},
	{"city-lang-son", "district", "Thành phố Lạng Sơn", "", "2025-06-30"},
	{"district-loc-binh", "district", "Huyện Lộc Bình", "", "2025-06-30"},
	{"district-dinh-lap", "district", "Huyện Đình Lập", "", "2025-06-30"},
	{"district-binh-gia", "district", "Huyện Bình Gia", "", "2025-06-30"},
	{"district-van-lang", "district", "Huyện Văn Lãng", "", "2025-06-30"},
	{"district-huu-lung", "district", "Huyện Hữu Lũng", "", "2025-06-30"},
	{"district-chi-lang", "district", "Huyện Chi Lăng", "", "2025-06-30"},
	{"district-cao-loc", "district", "Huyện Cao Lộc", "", "2025-06-30"},
	{"district-bac-son", "district", "Huyện Bắc Sơn", "", "2025-06-30"},
	{"district-trang-dinh", "district", "Huyện Tràng Định", "", "2025-06-30"},
	{"district-van-quan", "district", "Huyện Văn Quan", "", "2025-06-30"},
	{"ward-tam-thanh", "ward", "Phường Tam Thanh", "2025-07-01", ""},
	{"ward-luong-van-tri", "ward", "Phường Lương Văn Tri", "2025-07-01", ""},
	{"ward-ky-lua", "ward", "Phường Kỳ Lừa", "2025-07-01", ""},
	{"ward-dong-kinh", "ward", "Phường Đông Kinh", "2025-07-01", ""},
	{"commune-dong-dang", "commune", "Xã Đồng Đăng", "2025-07-01", ""},
	{"commune-that-khe", "commune", "Xã Thất Khê", "2025-07-01", ""},
	{"commune-binh-gia", "commune", "Xã Bình Gia", "2025-07-01", ""},
	{"commune-tan-tien", "commune", "Xã Tân Tiến", "2025-07-01", ""},
	{"commune-loc-binh", "commune", "Xã Lộc Bình", "2025-07-01", ""},
	{"commune-mau-son", "commune", "Xã Mẫu Sơn", "2025-07-01", ""},
}

func optDate(s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	return civil.MustParse(s)
}

// loadDemo loads the petitions demo over the units and users the earlier
// steps would have created.
func loadDemo(t *testing.T, db *store.DB) (*world, *demo.Env) {
	t.Helper()
	w := &world{db: db, today: testToday}
	w.org = fixture.Org(t, db, "LSN")
	for _, u := range demoUnits {
		fixture.Unit(t, db, w.org.ID, u.code, u.kind, u.name, optDate(u.from), optDate(u.to))
	}
	w.leader = fixture.User(t, db, w.org, "truongban", access.Leader, access.MostSecret)
	w.spec = fixture.User(t, db, w.org, "chuyenvien1", access.Specialist, access.Secret)
	fixture.User(t, db, w.org, "chuyenvien2", access.Specialist, access.Secret)
	w.spec2 = fixture.User(t, db, w.org, "chuyenvien3", access.Specialist, access.Normal)
	base := newWorldService(t, db)
	base.Today = func() civil.Date { return w.today }
	w.svc = base
	env := &demo.Env{DB: db, Org: w.org, Today: w.today}
	if err := base.DemoStep().Load(fixture.System(w.org.ID), env); err != nil {
		t.Fatalf("demo: %v", err)
	}
	return w, env
}

// Seed 000's figures come out of the demo records through the same function
// the report command and pages use: from 05/2019 to 30/6/2020 the Party
// secretary received citizens in 8 sessions with 28 visits, and of the
// complex, prolonged petitions followed, 15 were resolved and 12 were still
// being resolved.
func TestDemoGivesSeed000Figures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w, env := loadDemo(t, db)
		ctx := as(w.leader)
		f, err := w.svc.Figures(ctx, SeedPeriod)
		if err != nil {
			t.Fatal(err)
		}
		sec := f.Reception.ByHost[HostSecretary]
		cx := f.ComplexProlonged
		for _, c := range []struct {
			name      string
			got, want int64
		}{
			{"secretary's sessions", sec.Sessions.Value, 8},
			{"secretary's visits", sec.Visits.Value, 28},
			{"complex resolved", cx.Resolved.Value, 15},
			{"complex in progress", cx.InProgress.Value, 12},
		} {
			if c.got != c.want {
				t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
			}
		}
		text := Narrative(f)
		t.Log(text)
		for _, want := range []string{"Từ ngày 01/05/2019 đến ngày 30/06/2020", "tiếp công dân 8 kỳ với 28 lượt công dân",
			"đã giải quyết xong 15 vụ việc, đang xem xét giải quyết 12 vụ việc"} {
			if !strings.Contains(text, want) {
				t.Errorf("narrative lacks %q:\n%s", want, text)
			}
		}
		// Each figure opens on its records.
		page, err := w.svc.List(ctx, Filter{IDs: cx.Resolved.IDs})
		if err != nil || page.Total != 15 {
			t.Errorf("drill-down of complex resolved: %d (%v)", page.Total, err)
		}
		sessions, err := w.svc.ListSessions(ctx, SessionFilter{IDs: sec.Sessions.IDs})
		if err != nil || sessions.Total != 8 {
			t.Errorf("drill-down of the secretary's sessions: %d (%v)", sessions.Total, err)
		}
		// Every figure of the standard table has something to show.
		for name, fig := range map[string]Figure{"carried over": f.Petitions.CarriedOver, "received": f.Petitions.Received,
			"filed away": f.Petitions.FiledAway, "advised": f.Petitions.Advised, "forwarded": f.Petitions.Forwarded,
			"within jurisdiction": f.Petitions.WithinJurisdiction, "urges": f.Petitions.UrgesSent,
			"replies": f.Petitions.RepliesReceived, "money": f.Petitions.MoneyReturned, "unprocessed": f.Petitions.Unprocessed} {
			if fig.Value == 0 {
				t.Errorf("%s is empty in the seed period", name)
			}
		}

		// Relative to today: something overdue and something due soon.
		due, err := w.svc.DueList(ctx, DueQuery{})
		if err != nil {
			t.Fatal(err)
		}
		var overdue, soon int
		for _, it := range due {
			if it.Overdue {
				overdue++
			} else {
				soon++
			}
			if it.DueOn.Before(env.Today.AddDays(-60)) {
				t.Errorf("a demo deadline is long past: %+v", it)
			}
		}
		if overdue == 0 || soon == 0 {
			t.Errorf("due list: %d overdue, %d due soon: %+v", overdue, soon, due)
		}

		// Commune reports for the last months, a few missing.
		reports := communereport.New(db)
		last := communereport.MonthOf(env.Today.AddDays(-env.Today.Day))
		missing, err := reports.Missing(ctx, last)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := reports.Month(ctx, last)
		if len(missing) == 0 || len(got) == 0 {
			t.Errorf("last month: %d reports, %d missing", len(got), len(missing))
		}

		// Many commands later, every stored petition is its replayed history.
		all, err := w.svc.List(ctx, Filter{PerPage: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range all.Items {
			assertReplayMatches(t, w, it.ID)
		}
	})
}
