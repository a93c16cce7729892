package caldata_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/caldata"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/validate"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

func d(s string) civil.Date { return civil.MustParse(s) }

type env struct {
	t      *testing.T
	db     *store.DB
	svc    *caldata.Service
	admin  context.Context
	expert context.Context // a specialist: reads, never writes
}

func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	src, err := caldata.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	org := fixture.Org(t, db, "LSN")
	return &env{t: t, db: db, svc: caldata.NewService(src),
		admin:  fixture.Ctx(fixture.User(t, db, org, "quantri", access.Administrator, access.Secret)),
		expert: fixture.Ctx(fixture.User(t, db, org, "chuyenvien1", access.Specialist, access.Secret))}
}

func (e *env) cal() *calendar.Calendar { return e.svc.Source().Calendar() }

func (e *env) due(from string, n int) string {
	e.t.Helper()
	got, err := e.cal().AddWorkingDays(d(from), n)
	if err != nil {
		e.t.Fatal(err)
	}
	return got.String()
}

// fieldKeys lists "field=key" of a validation error.
func fieldKeys(t *testing.T, err error) []string {
	t.Helper()
	errs, ok := validate.As(err)
	if !ok {
		t.Fatalf("not a validation error: %v", err)
	}
	var out []string
	for _, e := range errs {
		out = append(out, e.Field+"="+e.Key)
	}
	return out
}

func hasKey(t *testing.T, err error, want string) {
	t.Helper()
	got := fieldKeys(t, err)
	for _, g := range got {
		if g == want {
			return
		}
	}
	t.Errorf("errors %v lack %s", got, want)
}

func auditCount(t *testing.T, db *store.DB, entity string) int {
	t.Helper()
	var n int
	if err := db.Read().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE entity = $1`, entity).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Without any write the database adds nothing: the calendar and limits are
// the shipped ones.
func TestShippedDataUntilTheFirstWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		def, _ := calendar.Default()
		want, _ := def.DaysOff(2026)
		got, err := e.cal().DaysOff(2026)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("days off 2026 differ from the shipped calendar: %v", err)
		}
		lims, _ := calendar.EmbeddedLimits()
		if fmt.Sprint(e.svc.Source().Limits().All()) != fmt.Sprint(lims.All()) {
			t.Error("limits differ from the shipped ones")
		}
		if v := e.svc.Source().Version(); v != 0 {
			t.Errorf("version %d before any write", v)
		}
		y, err := e.svc.Year(e.expert, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if y.InDatabase || !y.Confirmed || !strings.Contains(y.Source, "9859/VPCP-KGVX") || len(y.Overrides) != 15 {
			t.Errorf("2026 before any write: in db %v, confirmed %v, source %q, %d overrides", y.InDatabase, y.Confirmed, y.Source, len(y.Overrides))
		}
		if len(y.WorkedDays) != 1 || y.WorkedDays[0].Date != d("2026-08-22") || y.WorkedDays[0].Origin != caldata.OriginSchedule {
			t.Errorf("worked days: %+v", y.WorkedDays)
		}
		origins := map[caldata.Origin]int{}
		for _, day := range y.DaysOff {
			origins[day.Origin]++
		}
		if origins[caldata.OriginSchedule] != 14 || origins[caldata.OriginLaw] != 5 {
			t.Errorf("origins of the days off: %v", origins)
		}
	})
}

func TestOverridesAreKeptAuditedAndUsedAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		if got := e.due("2026-03-02", 3); got != "2026-03-05" {
			t.Fatalf("before: %s", got)
		}
		in := caldata.OverrideInput{Date: d("2026-03-04"), Kind: calendar.KindDayOff, Reason: "Nghỉ thêm theo quyết định của Tỉnh",
			ReasonEN: "Extra day off", Document: "Quyết định 12/QĐ-UBND"}
		if _, err := e.svc.AddOverride(e.expert, in); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("a specialist added an override: %v", err)
		}
		o, err := e.svc.AddOverride(e.admin, in)
		if err != nil {
			t.Fatal(err)
		}
		if o.ID == 0 || o.Origin != caldata.OriginOverride || o.CreatedBy != "quantri" {
			t.Errorf("override: %+v", o)
		}
		// The handle the services hold sees it before the call returned.
		if got := e.due("2026-03-02", 3); got != "2026-03-06" {
			t.Errorf("after the extra day off: %s, want 2026-03-06", got)
		}
		y, err := e.svc.Year(e.admin, 2026)
		if err != nil {
			t.Fatal(err)
		}
		// The shipped schedule was copied in with the new day: 15 + 1.
		if !y.InDatabase || !y.Confirmed || len(y.Overrides) != 16 || y.Version != 2 {
			t.Errorf("2026 kept: in db %v, confirmed %v, %d overrides, version %d", y.InDatabase, y.Confirmed, len(y.Overrides), y.Version)
		}
		var found bool
		for _, day := range y.DaysOff {
			if day.Date == in.Date {
				found = day.Origin == caldata.OriginOverride && day.Override != nil && day.Override.Document == in.Document
			}
		}
		if !found {
			t.Error("the override is not among the days off as an override")
		}
		if n := auditCount(t, db, "calendar_override"); n != 1 {
			t.Errorf("%d audit entries", n)
		}
		// Refusals, each beside its field.
		cases := []struct {
			in   caldata.OverrideInput
			want string
		}{
			{caldata.OverrideInput{Kind: calendar.KindDayOff}, "date=error.required"},
			{caldata.OverrideInput{Date: d("2026-03-10"), Kind: calendar.KindDayOff}, "reason=error.required"},
			{caldata.OverrideInput{Date: d("2026-03-10"), Kind: calendar.KindDayOff, Reason: "x"}, "document=error.required"},
			{caldata.OverrideInput{Date: d("2026-03-10"), Reason: "x", Document: "y"}, "kind=error.invalid_choice"},
			{caldata.OverrideInput{Date: d("2026-03-08"), Kind: calendar.KindDayOff, Reason: "x", Document: "y"}, "date=calendar.error.already_off"},
			{caldata.OverrideInput{Date: d("2026-03-09"), Kind: calendar.KindWorkDay, Reason: "x", Document: "y"}, "date=calendar.error.already_working"},
			{caldata.OverrideInput{Date: d("2026-03-04"), Kind: calendar.KindWorkDay, Reason: "x", Document: "y"}, "date=calendar.error.duplicate_day"},
			{caldata.OverrideInput{Date: d("2026-02-17"), Kind: calendar.KindWorkDay, Reason: "x", Document: "y"}, "date=calendar.error.duplicate_day"},
			{caldata.OverrideInput{Date: d("2012-06-01"), Kind: calendar.KindDayOff, Reason: "x", Document: "y"}, "date=calendar.error.no_rules"},
		}
		for _, c := range cases {
			_, err := e.svc.AddOverride(e.admin, c.in)
			hasKey(t, err, c.want)
		}
		// Deleting a day of the government's schedule: Saturday 22/08 is a
		// day off again.
		if _, err := e.svc.DeleteOverride(e.admin, d("2026-08-22")); err != nil {
			t.Fatal(err)
		}
		if off, _ := e.cal().IsDayOff(d("2026-08-22")); !off {
			t.Error("22/08 is still a working day")
		}
		if _, err := e.svc.DeleteOverride(e.admin, d("2026-08-22")); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleting twice: %v", err)
		}
		if _, err := e.svc.DeleteOverride(e.admin, d("2026-03-04")); err != nil {
			t.Fatal(err)
		}
		if got := e.due("2026-03-02", 3); got != "2026-03-05" {
			t.Errorf("after the delete: %s", got)
		}
		if n := auditCount(t, db, "calendar_override"); n != 3 {
			t.Errorf("%d audit entries after two deletes", n)
		}
	})
}

// A year whose schedule the government has not published: an override is
// provisional, and confirming the year needs the decision's name and the
// version the page was loaded with.
func TestProvisionalYearAndConfirmation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		if _, err := e.svc.AddOverride(e.admin, caldata.OverrideInput{Date: d("2027-02-04"), Kind: calendar.KindDayOff,
			Reason: "Nghỉ Tết Đinh Mùi (dự kiến)", Document: "Tờ trình 5/TTr-BNV"}); err != nil {
			t.Fatal(err)
		}
		if e.cal().Confirmed(2027) {
			t.Error("2027 confirmed by an override")
		}
		if off, _ := e.cal().IsDayOff(d("2027-02-04")); !off {
			t.Error("the provisional override is not applied")
		}
		y, _ := e.svc.Year(e.admin, 2027)
		if y.Confirmed || !y.InDatabase || y.Version != 2 {
			t.Errorf("2027: confirmed %v, in db %v, version %d", y.Confirmed, y.InDatabase, y.Version)
		}
		hasKey(t, e.svc.ConfirmYear(e.admin, 2027, "  ", y.Version), "source=error.required")
		if err := e.svc.ConfirmYear(e.admin, 2027, "Công văn 1/VPCP", y.Version-1); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale version: %v", err)
		}
		if err := e.svc.ConfirmYear(e.expert, 2027, "Công văn 1/VPCP", y.Version); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("a specialist confirmed: %v", err)
		}
		if err := e.svc.ConfirmYear(e.admin, 2027, "Công văn 1/VPCP", y.Version); err != nil {
			t.Fatal(err)
		}
		if !e.cal().Confirmed(2027) {
			t.Error("2027 not confirmed")
		}
		y, _ = e.svc.Year(e.admin, 2027)
		if y.ConfirmedBy != "quantri" || y.ConfirmedAt.IsZero() || y.Source != "Công văn 1/VPCP" {
			t.Errorf("confirmation: %+v", y)
		}
		// A year not in the database yet is confirmed with version 0.
		if err := e.svc.ConfirmYear(e.admin, 2028, "Công văn 2/VPCP", 0); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.ConfirmYear(e.admin, 2029, "Công văn 3/VPCP", 4); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a version for a year not kept: %v", err)
		}
		if err := e.svc.ConfirmYear(e.admin, 2012, "Công văn", 0); err == nil {
			t.Error("a year without rules confirmed")
		}
		if _, err := e.svc.Year(e.admin, 3000); err == nil {
			t.Error("year 3000 answered")
		}
	})
}

func TestImportIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		before := storetest.Dump(t, db)
		bad := `{"year": 2027, "source": "Công văn 100/VPCP", "overrides": [
			{"date": "2027-02-05", "kind": "day_off", "reason": "Nghỉ Tết", "reason_en": "Tết"},
			{"date": "2026-02-05", "kind": "day_off", "reason": "Năm khác"},
			{"date": "2027-02-31", "kind": "day_off", "reason": "Không có ngày này"},
			{"date": "2027-02-05", "kind": "holiday", "reason": ""},
			{"date": "2027-02-08", "kind": "day_off", "reason": "x", "colour": "red"}
		]}`
		_, err := e.svc.ImportSchedule(e.admin, []byte(bad))
		for _, want := range []string{"rows[2].date=calendar.error.date_other_year", "rows[3].date=calendar.error.import_bad_date",
			"rows[4].date=calendar.error.duplicate_in_file", "rows[4].kind=calendar.error.import_bad_kind",
			"rows[4].reason=error.required", "rows[5].entry=calendar.error.import_bad_entry"} {
			hasKey(t, err, want)
		}
		for _, c := range []struct{ file, want string }{
			{``, "file=calendar.error.import_empty"},
			{`{"year": 2027,`, "file=calendar.error.import_unreadable"},
			{`{"source": "x", "overrides": []}`, "year=calendar.error.import_no_year"},
			{`{"year": 2012, "source": "x", "overrides": []}`, "year=calendar.error.no_rules"},
			{`{"year": 2027, "overrides": []}`, "source=calendar.error.import_no_source"},
			{`{"year": 2027, "source": "x", "overrides": [], "extra": 1}`, "file=calendar.error.import_unreadable"},
		} {
			_, err := e.svc.ImportSchedule(e.admin, []byte(c.file))
			hasKey(t, err, c.want)
		}
		if after := storetest.Dump(t, db); after != before {
			t.Error("a refused import wrote something")
		}
		if _, err := e.svc.ImportSchedule(e.expert, []byte(`{"year": 2027, "source": "x", "overrides": []}`)); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("a specialist imported: %v", err)
		}
		good := `{"year": 2027, "source": "Công văn 100/VPCP", "overrides": [
			{"date": "2027-02-04", "kind": "day_off", "reason": "Nghỉ Tết Đinh Mùi", "reason_en": "Lunar New Year break"},
			{"date": "2027-02-13", "kind": "work_day", "reason": "Làm bù", "reason_en": "Worked"}
		]}`
		res, err := e.svc.ImportSchedule(e.admin, []byte(good))
		if err != nil {
			t.Fatal(err)
		}
		if res.Year != 2027 || res.Overrides != 2 || res.Removed != 0 || !res.Confirmed {
			t.Errorf("result: %+v", res)
		}
		if !e.cal().Confirmed(2027) || len(e.cal().WorkedRestDays(2027)) != 1 {
			t.Error("the imported schedule is not in use")
		}
		// Importing 2026 replaces the shipped schedule's 15 decisions.
		res, err = e.svc.ImportSchedule(e.admin, []byte(`{"year": 2026, "provisional": true, "overrides": []}`))
		if err != nil {
			t.Fatal(err)
		}
		if res.Removed != 15 || res.Confirmed || !res.Provisional {
			t.Errorf("2026 replaced: %+v", res)
		}
		if e.cal().Confirmed(2026) || len(e.cal().WorkedRestDays(2026)) != 0 {
			t.Error("2026 still has the shipped schedule")
		}
		if n := auditCount(t, db, "calendar_year"); n != 2 {
			t.Errorf("%d audit entries", n)
		}
	})
}

func TestLimitVersionsCloseTheOldOneAndKeepIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		lims := e.svc.Source().Limits()
		old, err := lims.Find("denunciation.initial", d("2026-03-01"))
		if err != nil {
			t.Fatal(err)
		}
		in := caldata.LimitInput{Code: "denunciation.initial", Name: old.Name, NameEN: old.NameEN, Start: old.Start, StartEN: old.StartEN,
			Base: calendar.Duration{N: 10, Unit: calendar.WorkingDays}, Source: "Luật 136/2025/QH15", EffectiveFrom: d("2026-07-01"),
			Extensions: []calendar.Extension{{Duration: calendar.Duration{N: 5, Unit: calendar.WorkingDays},
				MaxTotal: calendar.Duration{N: 15, Unit: calendar.WorkingDays}, Condition: "Xác minh nhiều nơi", ConditionEN: "Verification in several places"}}}
		if _, err := e.svc.AddLimitVersion(e.expert, in); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("a specialist added a limit: %v", err)
		}
		v, err := e.svc.AddLimitVersion(e.admin, in)
		if err != nil {
			t.Fatal(err)
		}
		if v.Origin != caldata.OriginAdmin || v.ID == 0 {
			t.Errorf("version: %+v", v)
		}
		now, err := lims.Find("denunciation.initial", d("2026-08-01"))
		if err != nil || now.Base.N != 10 {
			t.Errorf("in force from 01/07/2026: %+v, %v", now, err)
		}
		before, err := lims.Find("denunciation.initial", d("2026-06-30"))
		if err != nil || before.Base.N != 7 || before.EffectiveTo != d("2026-06-30") {
			t.Errorf("the old version: %+v, %v", before, err)
		}
		// A record judged under the old version still finds it by its start.
		if kept, err := lims.Version("denunciation.initial", old.EffectiveFrom); err != nil || kept.Base != old.Base {
			t.Errorf("the version a record names: %+v, %v", kept, err)
		}
		page, err := e.svc.Limits(e.expert, caldata.LimitFilter{Q: "to cao xu ly ban dau"})
		if err != nil {
			t.Fatal(err)
		}
		origins := map[string]caldata.Origin{}
		for _, l := range page.Items {
			if l.Code == "denunciation.initial" {
				origins[l.EffectiveFrom.String()] = l.Origin
			}
		}
		if origins["2019-01-01"] != caldata.OriginShipped || origins["2026-07-01"] != caldata.OriginAdmin || len(origins) != 2 {
			t.Errorf("origins: %v", origins)
		}
		// Refusals.
		bad := in
		bad.EffectiveFrom = d("2026-07-01")
		_, err = e.svc.AddLimitVersion(e.admin, bad)
		hasKey(t, err, "effective_from=calendar.error.not_after_latest")
		for _, c := range []struct {
			edit func(*caldata.LimitInput)
			want string
		}{
			{func(l *caldata.LimitInput) { l.Code = "Tố cáo!" }, "code=calendar.error.invalid_code"},
			{func(l *caldata.LimitInput) { l.Name = "" }, "name=error.required"},
			{func(l *caldata.LimitInput) { l.Source = "" }, "source=error.required"},
			{func(l *caldata.LimitInput) { l.EffectiveFrom = civil.Date{} }, "effective_from=error.required"},
			{func(l *caldata.LimitInput) { l.EffectiveTo = d("2020-01-01") }, "effective_to=calendar.error.to_before_from"},
			{func(l *caldata.LimitInput) { l.Base.N = 0 }, "base_n=calendar.error.count_positive"},
			{func(l *caldata.LimitInput) { l.Base.Unit = 0 }, "base_unit=error.invalid_choice"},
			{func(l *caldata.LimitInput) { l.Extensions[0].MaxTotal.N = 16 }, "ext1_max_n=calendar.error.max_total_sum"},
			{func(l *caldata.LimitInput) { l.Extensions[0].ConditionEN = "" }, "ext1_condition_en=error.required"},
			{func(l *caldata.LimitInput) { l.Extensions[0] = calendar.Extension{Condition: "a", ConditionEN: "b"} }, "ext1_n=calendar.error.extension_empty"},
		} {
			l := in
			l.EffectiveFrom = d("2027-01-01")
			l.Extensions = append([]calendar.Extension(nil), in.Extensions...)
			c.edit(&l)
			_, err := e.svc.AddLimitVersion(e.admin, l)
			hasKey(t, err, c.want)
		}
		// A brand-new code starts its own history.
		fresh := in
		fresh.Code, fresh.Extensions = "party.reception.report", nil
		if _, err := e.svc.AddLimitVersion(e.admin, fresh); err != nil {
			t.Fatal(err)
		}
		if _, err := lims.Find("party.reception.report", d("2026-07-01")); err != nil {
			t.Error(err)
		}
		// The database keeps versions as written: a closed one cannot be
		// edited or deleted, even with SQL.
		err = db.Tx(context.Background(), func(tx *sql.Tx) error {
			_, err := tx.Exec(`UPDATE calendar_limits SET base_n = 99 WHERE code = 'denunciation.initial' AND effective_from = '2019-01-01'`)
			return err
		})
		if err == nil {
			t.Error("a closed version was edited")
		}
		err = db.Tx(context.Background(), func(tx *sql.Tx) error {
			_, err := tx.Exec(`DELETE FROM calendar_limits WHERE code = 'party.reception.report'`)
			return err
		})
		if err == nil {
			t.Error("a version was deleted")
		}
		if n := auditCount(t, db, "calendar_limit"); n != 2 {
			t.Errorf("%d audit entries", n)
		}
	})
}

func TestDeadlineCalculator(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		x, err := e.svc.Deadline(e.expert, d("2026-02-10"), 7, calendar.WorkingDays)
		if err != nil {
			t.Fatal(err)
		}
		if x.Due != d("2026-02-26") || len(x.DaysOff) != 9 {
			t.Errorf("7 working days from 10/02/2026: %s across %d days off", x.Due, len(x.DaysOff))
		}
		_, err = e.svc.Deadline(e.expert, d("2012-06-01"), 3, calendar.WorkingDays)
		hasKey(t, err, "from=calendar.error.no_rules")
		if errs, _ := validate.As(err); !strings.Contains(errs.Error(), "2012") {
			t.Errorf("the message does not name the year: %v", errs)
		}
		_, err = e.svc.Deadline(e.expert, civil.Date{}, -1, 0)
		for _, want := range []string{"from=error.required", "n=calendar.error.count_range", "unit=error.invalid_choice"} {
			hasKey(t, err, want)
		}
		if _, err := e.svc.Deadline(context.Background(), d("2026-02-10"), 7, calendar.WorkingDays); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("without a user: %v", err)
		}
	})
}

// Two servers on one database: what one writes reaches the other through
// its watcher, and a server that missed several writes catches up at once.
func TestTwoSourcesConverge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		other, err := caldata.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		cal := other.Calendar() // held by the other server's services
		day := d("2026-03-04")
		if _, err := e.svc.AddOverride(e.admin, caldata.OverrideInput{Date: day, Kind: calendar.KindDayOff, Reason: "Nghỉ thêm", Document: "QĐ 1"}); err != nil {
			t.Fatal(err)
		}
		if off, _ := cal.IsDayOff(day); off {
			t.Fatal("the other server changed without reloading")
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { other.Watch(ctx, 10*time.Millisecond, slog.New(slog.DiscardHandler)); close(done) }()
		deadline := time.Now().Add(5 * time.Second)
		for off, _ := cal.IsDayOff(day); !off; off, _ = cal.IsDayOff(day) {
			if time.Now().After(deadline) {
				t.Fatal("the other server never saw the new day off")
			}
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
		<-done
		if other.Version() != e.svc.Source().Version() {
			t.Errorf("versions %d and %d", other.Version(), e.svc.Source().Version())
		}
		// Two writes while the other server is not watching; one Refresh
		// brings both.
		if _, err := e.svc.DeleteOverride(e.admin, day); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.ConfirmYear(e.admin, 2027, "Công văn 7/VPCP", 0); err != nil {
			t.Fatal(err)
		}
		if changed, err := other.Refresh(context.Background()); err != nil || !changed {
			t.Fatalf("refresh: %v, %v", changed, err)
		}
		if off, _ := cal.IsDayOff(day); off || !cal.Confirmed(2027) {
			t.Error("the other server did not catch up with both writes")
		}
		if changed, _ := other.Refresh(context.Background()); changed {
			t.Error("a refresh without a write reloaded")
		}
	})
}

// Readers of the handles while administrators write: every answer is one
// version's (run with -race).
func TestReadersDuringWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		cal := e.cal()
		from := d("2026-03-02")
		var stop atomic.Bool
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for !stop.Load() {
					p := cal.Pin()
					due, err := p.AddWorkingDays(from, 3)
					off, _ := p.IsDayOff(d("2026-03-04"))
					if err != nil || (off != (due == d("2026-03-06"))) {
						t.Errorf("due %s with 04/03 off = %v (%v)", due, off, err)
						return
					}
				}
			}()
		}
		for range 4 {
			if _, err := e.svc.AddOverride(e.admin, caldata.OverrideInput{Date: d("2026-03-04"), Kind: calendar.KindDayOff, Reason: "x", Document: "y"}); err != nil {
				t.Fatal(err)
			}
			if _, err := e.svc.DeleteOverride(e.admin, d("2026-03-04")); err != nil {
				t.Fatal(err)
			}
		}
		stop.Store(true)
		wg.Wait()
	})
}

// BenchmarkDeadlineThroughSource is a legal limit's due day computed the way
// the services do, through the handles a Source gives (kept current from
// the database): find the version in force, then count.
func BenchmarkDeadlineThroughSource(b *testing.B) {
	db := storetest.SQLite(b)
	src, err := caldata.Open(context.Background(), db)
	if err != nil {
		b.Fatal(err)
	}
	cal, lims, from := src.Calendar(), src.Limits(), d("2026-02-10")
	for b.Loop() {
		l, err := lims.Find("denunciation.initial", from)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := cal.Due(l, from, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRefreshUnchanged is what each watcher tick costs when nothing
// changed: one read of the version.
func BenchmarkRefreshUnchanged(b *testing.B) {
	db := storetest.SQLite(b)
	src, err := caldata.Open(context.Background(), db)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := src.Refresh(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
