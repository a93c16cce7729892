package calendar

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"noichinh/internal/civil"
)

func schedules2026(t testing.TB) []Schedule {
	t.Helper()
	s, err := EmbeddedSchedules()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// withExtraDay is the 2026 schedule plus one more day off.
func withExtraDay(t testing.TB, date string) []Schedule {
	t.Helper()
	out := schedules2026(t)
	for i := range out {
		if out[i].Year == 2026 {
			out[i].Overrides = append(append([]Override(nil), out[i].Overrides...),
				Override{Date: civil.MustParse(date), Kind: KindDayOff, Reason: "Nghỉ thêm", ReasonEN: "Extra day off"})
		}
	}
	return out
}

func TestReplaceSwapsTheDataAndKeepsItOnError(t *testing.T) {
	rules := testRules(t)
	c, err := New(rules, schedules2026(t))
	if err != nil {
		t.Fatal(err)
	}
	from := civil.MustParse("2026-03-02") // a Monday
	before, _ := c.AddWorkingDays(from, 3)
	if before.String() != "2026-03-05" {
		t.Fatalf("before: %s", before)
	}
	if err := c.Replace(rules, withExtraDay(t, "2026-03-04")); err != nil {
		t.Fatal(err)
	}
	after, _ := c.AddWorkingDays(from, 3)
	if after.String() != "2026-03-06" {
		t.Errorf("after an extra day off on 04/03: %s, want 2026-03-06", after)
	}
	// Invalid data is refused whole, and the calendar keeps what it had.
	bad := withExtraDay(t, "2026-03-04")
	bad = append(bad, bad[len(bad)-1]) // two schedules for one year
	if err := c.Replace(rules, bad); err == nil || !strings.Contains(err.Error(), "two schedules") {
		t.Fatalf("duplicate schedule accepted: %v", err)
	}
	if err := c.Replace(Rules{}, nil); err == nil {
		t.Fatal("empty rules accepted")
	}
	if got, _ := c.AddWorkingDays(from, 3); got != after {
		t.Errorf("a refused Replace changed the data: %s", got)
	}
}

func TestDefaultAndPinnedCalendarsRefuseReplace(t *testing.T) {
	c := mustDefault(t)
	if err := c.Replace(testRules(t), nil); !errors.Is(err, ErrFrozen) {
		t.Errorf("Replace on Default: %v", err)
	}
	own, err := New(testRules(t), schedules2026(t))
	if err != nil {
		t.Fatal(err)
	}
	pinned := own.Pin()
	if err := pinned.Replace(testRules(t), nil); !errors.Is(err, ErrFrozen) {
		t.Errorf("Replace on a pinned calendar: %v", err)
	}
	if err := own.Replace(testRules(t), nil); err != nil {
		t.Fatal(err)
	}
	if !pinned.Confirmed(2026) || own.Confirmed(2026) {
		t.Errorf("pinned sees the replacement (%v) or the handle does not (%v)", !pinned.Confirmed(2026), own.Confirmed(2026))
	}
	if len(own.Schedules()) != 0 || len(pinned.Schedules()) != 1 {
		t.Errorf("schedules: own %d, pinned %d", len(own.Schedules()), len(pinned.Schedules()))
	}
}

// Readers running while the data is replaced over and over see either the
// old or the new version, never a mixture: every answer of one call
// agrees with one of the two versions. Run with -race.
func TestReplaceIsAtomicForConcurrentReaders(t *testing.T) {
	// Rules ending with 2027 build quickly, so that many replacements run
	// while the readers read, even under the race detector.
	rules := testRules(t)
	rules.Laws = append([]HolidayLaw(nil), rules.Laws...)
	rules.Laws[len(rules.Laws)-1].EffectiveTo = civil.MustParse("2027-12-31")
	a, b := schedules2026(t), withExtraDay(t, "2026-03-04")
	c, err := New(rules, a)
	if err != nil {
		t.Fatal(err)
	}
	ref := func(s []Schedule) (string, civil.Date) {
		r, err := New(rules, s)
		if err != nil {
			t.Fatal(err)
		}
		days, _ := r.DaysOff(2026)
		due, _ := r.AddWorkingDays(civil.MustParse("2026-03-02"), 3)
		return fmt.Sprint(dates(days)), due
	}
	daysA, dueA := ref(a)
	daysB, dueB := ref(b)
	if daysA == daysB || dueA == dueB {
		t.Fatal("the two versions do not differ")
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	var seenA, seenB atomic.Int64
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				days, err := c.DaysOff(2026)
				if err != nil {
					t.Error(err)
					return
				}
				switch fmt.Sprint(dates(days)) {
				case daysA:
					seenA.Add(1)
				case daysB:
					seenB.Add(1)
				default:
					t.Errorf("a mixture of two versions: %v", dates(days))
					return
				}
				// A pinned handle gives the two answers of one version.
				p := c.Pin()
				days, _ = p.DaysOff(2026)
				due, _ := p.AddWorkingDays(civil.MustParse("2026-03-02"), 3)
				if got := fmt.Sprint(dates(days)); !(got == daysA && due == dueA) && !(got == daysB && due == dueB) {
					t.Errorf("pinned: days off of one version, due day %s of the other", due)
					return
				}
				e, err := c.Explain(civil.MustParse("2026-03-02"), Duration{3, WorkingDays})
				if err != nil || (e.Due == dueA) == (len(e.DaysOff) == 1) {
					t.Errorf("explanation mixes versions: due %s with %d days off (%v)", e.Due, len(e.DaysOff), err)
					return
				}
			}
		}()
	}
	for i := range 60 {
		next := a
		if i%2 == 0 {
			next = b
		}
		if err := c.Replace(rules, next); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	wg.Wait()
	if seenA.Load() == 0 || seenB.Load() == 0 {
		t.Errorf("the readers did not see both versions: %d and %d reads", seenA.Load(), seenB.Load())
	}
	t.Logf("reads of version A: %d, of version B: %d", seenA.Load(), seenB.Load())
}

func TestProvisionalScheduleAppliesWithoutConfirmingTheYear(t *testing.T) {
	prov := Schedule{Year: 2027, Provisional: true, Overrides: []Override{
		{Date: civil.MustParse("2027-02-05"), Kind: KindDayOff, Reason: "Nghỉ Tết (dự kiến)", ReasonEN: "Lunar New Year (expected)"},
	}}
	c, err := New(testRules(t), append(schedules2026(t), prov))
	if err != nil {
		t.Fatal(err)
	}
	if c.Confirmed(2027) {
		t.Error("a provisional schedule confirmed its year")
	}
	if off, _ := c.IsDayOff(civil.MustParse("2027-02-05")); !off {
		t.Error("a provisional override is not applied")
	}
	if s, ok := c.Schedule(2027); !ok || !s.Provisional {
		t.Errorf("Schedule(2027) = %+v, %v", s, ok)
	}
	// A provisional schedule needs no source; a published one does.
	if err := (Schedule{Year: 2027}).Validate(); err == nil {
		t.Error("a schedule without source accepted")
	}
}

func TestExplain(t *testing.T) {
	c := mustDefault(t)
	from := civil.MustParse("2026-02-10")
	tests := []struct {
		length         Duration
		end, due       string
		moved          bool
		daysOff        []string
		rest, working  int
		unconfirmedLen int
	}{
		// 7 working days across Tết: 11, 12, 13, then 23, 24, 25, 26 February.
		{Duration{7, WorkingDays}, "2026-02-26", "2026-02-26", false,
			[]string{"2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22"}, 0, 7, 0},
		// 7 calendar days end on Tết (17/02) and move to Monday 23/02.
		{Duration{7, CalendarDays}, "2026-02-17", "2026-02-23", true,
			[]string{"2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22"}, 0, 4, 0},
		{Duration{1, Months}, "2026-03-10", "2026-03-10", false,
			[]string{"2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22"}, 4, 15, 0},
		{Duration{12, Months}, "2027-02-10", "2027-02-12", true, nil, 0, 0, 1}, // default Tết 2027 with make-up days
	}
	for _, tt := range tests {
		e, err := c.Explain(from, tt.length)
		if err != nil {
			t.Fatalf("%v: %v", tt.length, err)
		}
		if e.End.String() != tt.end || e.Due.String() != tt.due || e.Moved != tt.moved {
			t.Errorf("%v: end %s due %s moved %v", tt.length, e.End, e.Due, e.Moved)
		}
		if tt.daysOff != nil && fmt.Sprint(dates(e.DaysOff)) != fmt.Sprint(tt.daysOff) {
			t.Errorf("%v: days off %v", tt.length, dates(e.DaysOff))
		}
		if tt.daysOff != nil && (e.RestDays != tt.rest || e.WorkingDays != tt.working) {
			t.Errorf("%v: %d rest days, %d working days", tt.length, e.RestDays, e.WorkingDays)
		}
		if len(e.Unconfirmed) != tt.unconfirmedLen {
			t.Errorf("%v: unconfirmed %v", tt.length, e.Unconfirmed)
		}
		// The explanation agrees with the plain computation.
		due, _ := c.Due(Limit{Base: tt.length}, from, 0)
		if due != e.Due {
			t.Errorf("%v: Explain says %s, Due says %s", tt.length, e.Due, due)
		}
		total := len(e.DaysOff) + e.RestDays + e.WorkingDays
		if span := e.Due.DaysSince(from); total != span {
			t.Errorf("%v: %d days accounted for, %d in the span", tt.length, total, span)
		}
	}
	var nd *NoDataError
	if _, err := c.Explain(civil.MustParse("2012-06-01"), Duration{3, WorkingDays}); !errors.As(err, &nd) || nd.Year != 2012 {
		t.Errorf("a year without data: %v", err)
	}
	if _, err := c.Explain(from, Duration{-1, WorkingDays}); err == nil {
		t.Error("a negative length accepted")
	}
}

func TestLimitsReplaceAndVersion(t *testing.T) {
	ls := mustLimits(t)
	list := ls.All()
	first := list[0]
	next := first
	next.EffectiveFrom = civil.MustParse("2030-01-01")
	next.Base.N++
	closed := append([]Limit(nil), list...)
	closed[0].EffectiveTo = civil.MustParse("2029-12-31")
	// An overlapping version is refused and the data kept.
	if err := ls.Replace(append(append([]Limit(nil), list...), next)); err == nil || !strings.Contains(err.Error(), "overlap") {
		t.Fatalf("overlap accepted: %v", err)
	}
	if err := ls.Replace(append(closed, next)); err != nil {
		t.Fatal(err)
	}
	got, err := ls.Find(first.Code, civil.MustParse("2030-06-01"))
	if err != nil || got.Base.N != first.Base.N+1 {
		t.Errorf("Find after Replace: %+v, %v", got, err)
	}
	old, err := ls.Version(first.Code, first.EffectiveFrom)
	if err != nil || old.Base != first.Base || old.EffectiveTo.String() != "2029-12-31" {
		t.Errorf("the old version: %+v, %v", old, err)
	}
	if _, err := ls.Version(first.Code, civil.MustParse("2001-01-01")); !errors.Is(err, ErrUnknownLimit) {
		t.Errorf("Version of no version: %v", err)
	}
	if err := ls.Pin().Replace(list); !errors.Is(err, ErrFrozen) {
		t.Errorf("pinned limits replaced: %v", err)
	}
}

// BenchmarkDeadlineThroughHandle is a deadline of a legal limit computed the
// way the services do: through a replaceable handle, limits looked up first.
func BenchmarkDeadlineThroughHandle(b *testing.B) {
	c, err := New(testRules(b), schedules2026(b))
	if err != nil {
		b.Fatal(err)
	}
	ls, from := mustLimits(b), civil.MustParse("2026-02-10")
	for b.Loop() {
		l, err := ls.Find("denunciation.initial", from)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Due(l, from, 0); err != nil {
			b.Fatal(err)
		}
	}
}
