package communereport

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/validate"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

type world struct {
	db                         *store.DB
	svc                        *Service
	clerk, clerk2              *access.Actor // Tam Thanh, Đồng Đăng
	leader, viewer             *access.Actor
	tamThanh, dongDang, kyLua  int64
	oldCommune, district, ppcU int64
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	org := fixture.Org(t, db, "LSN")
	var zero civil.Date
	from, until := civil.MustParse("2025-07-01"), civil.MustParse("2025-06-30")
	w := &world{db: db, svc: New(db)}
	w.svc.Today = func() civil.Date { return civil.MustParse("2026-03-16") }
	w.tamThanh = fixture.Unit(t, db, org.ID, "ward-tam-thanh", "ward", "Phường Tam Thanh", from, zero)
	w.dongDang = fixture.Unit(t, db, org.ID, "commune-dong-dang", "commune", "Xã Đồng Đăng", from, zero)
	w.kyLua = fixture.Unit(t, db, org.ID, "ward-ky-lua", "ward", "Phường Kỳ Lừa", from, zero)
	w.oldCommune = fixture.Unit(t, db, org.ID, "commune-old-hoang-dong", "commune", "Xã Hoàng Đồng", zero, until)
	w.district = fixture.Unit(t, db, org.ID, "district-cao-loc", "district", "Huyện Cao Lộc", zero, until)
	w.ppcU = fixture.Unit(t, db, org.ID, "ppc", "state_agency", "Ủy ban nhân dân tỉnh", zero, zero)
	w.clerk = fixture.User(t, db, org, "vanthu.tamthanh", access.Clerk, access.Normal)
	w.clerk.UnitID = w.tamThanh
	w.clerk2 = fixture.User(t, db, org, "vanthu.dongdang", access.Clerk, access.Normal)
	w.clerk2.UnitID = w.dongDang
	w.leader = fixture.User(t, db, org, "truongban", access.Leader, access.MostSecret)
	w.viewer = fixture.User(t, db, org, "thuongvu", access.Viewer, access.Secret)
	return w
}

func month(s string) Month {
	m, err := ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}

var february = Figures{Sessions: 2, Visits: 9, People: 15, CrowdDelegations: 1, MattersComplaint: 4,
	MattersDenunciation: 1, MattersProposal: 3, PetitionsReceived: 7, PetitionsProcessed: 6, PetitionsResolved: 4}

func TestSubmitCorrectLock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := fixture.Ctx(w.clerk)
		// The unit named in the form is ignored: a clerk reports for their own.
		r, err := w.svc.Submit(ctx, Submission{Month: month("02/2026"), UnitID: w.dongDang, Figures: february})
		if err != nil {
			t.Fatal(err)
		}
		if r.UnitID != w.tamThanh || r.Version != 1 || r.UnitName != "Phường Tam Thanh" || r.Month.String() != "2026-02" {
			t.Fatalf("submitted %+v", r)
		}
		_, err = w.svc.Submit(ctx, Submission{Month: month("2026-02"), Figures: february})
		if err != store.ErrConflict {
			t.Fatalf("a second first submission: %v", err)
		}
		fixed := february
		fixed.PetitionsResolved = 5
		r, err = w.svc.Submit(ctx, Submission{Month: month("2026-02"), Figures: fixed, Version: 1, Note: "Bổ sung 1 vụ đã giải quyết"})
		if err != nil || r.Version != 2 || r.PetitionsResolved != 5 {
			t.Fatalf("corrected %+v %v", r, err)
		}
		var revisions int
		_ = db.Read().QueryRow(`SELECT COUNT(*) FROM commune_report_revisions WHERE report_id = $1`, r.ID).Scan(&revisions)
		if revisions != 2 {
			t.Errorf("%d revisions, want 2", revisions)
		}
		if err := w.svc.Lock(fixture.Ctx(w.clerk), month("2026-02")); err == nil {
			t.Error("a clerk locked a month")
		}
		if err := w.svc.Lock(fixture.Ctx(w.leader), month("2026-02")); err != nil {
			t.Fatal(err)
		}
		before := storetest.Dump(t, db)
		_, err = w.svc.Submit(ctx, Submission{Month: month("2026-02"), Figures: february, Version: 2})
		checkField(t, err, "month", "petitions.commune_report.error.locked")
		if storetest.Dump(t, db) != before {
			t.Error("a refused correction changed the database")
		}
		mine, err := w.svc.Mine(ctx)
		if err != nil || len(mine) != 1 || mine[0].Version != 2 {
			t.Errorf("mine %+v %v", mine, err)
		}
		if _, err := w.svc.Month(ctx, month("2026-02")); err == nil {
			t.Error("a clerk read every commune's reports")
		}
	})
}

func TestSubmissionRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		districtClerk := fixture.User(t, db, fixture.Org(t, db, "X"), "vanthu.x", access.Clerk, access.Normal)
		districtClerk.UnitID = w.district
		cases := []struct {
			name  string
			actor *access.Actor
			in    Submission
			field string
			key   string
		}{
			{"crowd delegations beyond visits", w.clerk, Submission{Month: month("02/2026"),
				Figures: Figures{Sessions: 1, Visits: 1, People: 9, CrowdDelegations: 2}}, "crowd_delegations", "petitions.commune_report.error.crowd_exceeds_visits"},
			{"fewer people than visits", w.clerk, Submission{Month: month("02/2026"),
				Figures: Figures{Sessions: 1, Visits: 3, People: 2}}, "people", "petitions.commune_report.error.people_below_visits"},
			{"visits without a session", w.clerk, Submission{Month: month("02/2026"),
				Figures: Figures{Visits: 3, People: 3}}, "sessions", "petitions.commune_report.error.visits_without_sessions"},
			{"negative", w.clerk, Submission{Month: month("02/2026"), Figures: Figures{PetitionsReceived: -1}}, "petitions_received", "error.negative"},
			{"a month to come", w.clerk, Submission{Month: month("04/2026")}, "month", "petitions.commune_report.error.future_month"},
			{"no month", w.clerk, Submission{}, "month", "error.required"},
			{"before the commune existed", w.clerk, Submission{Month: month("05/2025")}, "unit_id", "petitions.commune_report.error.not_a_reporting_unit"},
			{"a unit that is not a commune", districtClerk, Submission{Month: month("05/2025")}, "unit_id", "petitions.commune_report.error.not_a_reporting_unit"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				before := storetest.Dump(t, db)
				_, err := w.svc.Submit(fixture.Ctx(tc.actor), tc.in)
				checkField(t, err, tc.field, tc.key)
				if storetest.Dump(t, db) != before {
					t.Error("a refused submission changed the database")
				}
			})
		}
		if _, err := w.svc.Submit(fixture.Ctx(w.viewer), Submission{Month: month("02/2026")}); err == nil {
			t.Error("a viewer submitted a commune report")
		}
	})
}

// The Committee sees who has not reported for a month (communes and wards
// in existence that month only) and the consolidated figures.
func TestMissingAndConsolidated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		jan := Figures{Sessions: 1, Visits: 2, People: 2, MattersComplaint: 2, PetitionsReceived: 3}
		r1, _ := w.svc.Submit(fixture.Ctx(w.clerk), Submission{Month: month("01/2026"), Figures: jan})
		r2, _ := w.svc.Submit(fixture.Ctx(w.clerk), Submission{Month: month("02/2026"), Figures: february})
		r3, err := w.svc.Submit(fixture.Ctx(w.clerk2), Submission{Month: month("02/2026"), Figures: february})
		if err != nil {
			t.Fatal(err)
		}
		ctx := fixture.Ctx(w.leader)
		names := func(us []Unit) []string {
			var out []string
			for _, u := range us {
				out = append(out, u.Name)
			}
			return out
		}
		for _, tc := range []struct {
			month string
			want  []string
		}{
			{"2026-01", []string{"Phường Kỳ Lừa", "Xã Đồng Đăng"}},
			{"2026-02", []string{"Phường Kỳ Lừa"}},
			{"2025-06", []string{"Xã Hoàng Đồng"}},
		} {
			got, err := w.svc.Missing(ctx, month(tc.month))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(names(got), tc.want) {
				t.Errorf("%s: missing %v, want %v", tc.month, names(got), tc.want)
			}
		}
		c, err := w.svc.Consolidated(ctx, civil.Range{From: civil.MustParse("2026-01-10"), To: civil.MustParse("2026-02-28")})
		if err != nil {
			t.Fatal(err)
		}
		want := jan
		want.add(february)
		want.add(february)
		if c.Totals != want || c.Reported != 3 || c.Expected != 6 || !slices.Equal(c.ReportIDs, []int64{r1.ID, r2.ID, r3.ID}) {
			t.Errorf("consolidated %+v", c)
		}
		if !slices.Equal(c.BelowMin, []int64{r1.ID}) || len(c.Missing["2026-01"]) != 2 || c.ByMonth["2026-02"].Visits != 18 {
			t.Errorf("below minimum %v, missing %v, by month %v", c.BelowMin, c.Missing, c.ByMonth)
		}
	})
}

// The template written by Template, filled in and read back, loads all
// months; a file with bad rows names each and loads none.
func TestXLSXUpload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := fixture.Ctx(w.clerk)
		good := fill(t, [][]any{
			{"01/2026", 2, 5, 5, 0, 3, 0, 2, 4, 4, 1, ""},
			{},
			{"tháng 2/2026", 3, 12, 20, 1, 6, 2, 4, 9, 8, 5, "Có 01 đoàn đông người về đất rừng"},
		})
		reps, err := w.svc.Upload(ctx, bytes.NewReader(good))
		if err != nil {
			t.Fatal(err)
		}
		if len(reps) != 2 || reps[1].Month.String() != "2026-02" || reps[1].People != 20 || reps[1].Source != "xlsx" ||
			reps[1].Note != "Có 01 đoàn đông người về đất rừng" {
			t.Fatalf("uploaded %+v", reps)
		}
		// The same file again corrects both months.
		reps, err = w.svc.Upload(ctx, bytes.NewReader(good))
		if err != nil || reps[0].Version != 2 {
			t.Fatalf("re-upload %+v %v", reps, err)
		}
		cases := []struct {
			name   string
			file   []byte
			fields []string
		}{
			{"bad rows", fill(t, [][]any{
				{"03/2026", 1, 2, 2, 0, 1, 0, 1, 2, 2, 0, ""},
				{"03/2026", 1, "hai", 2, 0, 0, 0, 0, 0, 0, 0, ""},
				{"13/2026", 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, ""},
				{"01/2026", 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, ""},
			}), []string{"rows.3.visits", "rows.3.month", "rows.4.month", "rows.5.sessions"}},
			{"not a workbook", []byte("Tháng,Số kỳ\n01/2026,2\n"), []string{"file"}},
			{"another workbook", otherWorkbook(t), []string{"file"}},
			{"only the header", fill(t, nil), []string{"file"}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				before := storetest.Dump(t, db)
				_, err := w.svc.Upload(ctx, bytes.NewReader(tc.file))
				errs, ok := validate.As(err)
				if !ok {
					t.Fatalf("want field errors, got %v", err)
				}
				var got []string
				for _, fe := range errs {
					got = append(got, fe.Field)
				}
				for _, f := range tc.fields {
					if !slices.Contains(got, f) {
						t.Errorf("no error on %s; errors %v", f, errs)
					}
				}
				if storetest.Dump(t, db) != before {
					t.Error("a refused upload changed the database")
				}
			})
		}
	})
}

// fill writes rows into the template, as a clerk would in Excel.
func fill(t *testing.T, rows [][]any) []byte {
	t.Helper()
	var tpl bytes.Buffer
	if err := Template(&tpl); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&tpl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.GetSheetList()[0] != "Báo cáo" {
		t.Fatalf("sheets %v", f.GetSheetList())
	}
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if err := f.SetCellValue("Báo cáo", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func otherWorkbook(t *testing.T) []byte {
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetCellValue("Sheet1", "A1", "Danh sách cán bộ")
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func checkField(t *testing.T, err error, field, key string) {
	t.Helper()
	errs, ok := validate.As(err)
	if !ok {
		t.Fatalf("want field error %s %s, got %v", field, key, err)
	}
	for _, fe := range errs {
		if fe.Field == field && fe.Key == key {
			return
		}
	}
	t.Fatalf("want field error %s %s, got %s", field, key, fmt.Sprint(errs))
}
