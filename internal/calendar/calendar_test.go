package calendar

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"noichinh/internal/civil"
)

func mustDefault(t testing.TB) *Calendar {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatalf("embedded calendar: %v", err)
	}
	return c
}

func dates(ds []DayOff) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Date.String()
	}
	return out
}

// 2026 as published: the rule holidays plus the government's schedule
// (Tết 14–22/2, Quốc khánh 29/8–2/9 with Saturday 22/8 worked).
func TestDaysOff2026(t *testing.T) {
	c := mustDefault(t)
	got, err := c.DaysOff(2026)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"2026-01-01",
		"2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22",
		"2026-04-26", "2026-04-27", // Giỗ Tổ on a Sunday, made up on Monday
		"2026-04-30", "2026-05-01",
		"2026-08-29", "2026-08-30", "2026-08-31", "2026-09-01", "2026-09-02",
	}
	if strings.Join(dates(got), " ") != strings.Join(want, " ") {
		t.Errorf("days off 2026:\n got  %v\n want %v", dates(got), want)
	}
	for _, d := range got {
		if d.Reason == "" || d.ReasonEN == "" {
			t.Errorf("%s has no reason", d.Date)
		}
		if l, _ := ToLunar(d.Date); l != d.Lunar {
			t.Errorf("%s: lunar %v, want %v", d.Date, d.Lunar, l)
		}
	}
	if !c.Confirmed(2026) || c.Confirmed(2027) {
		t.Errorf("Confirmed(2026) = %v, Confirmed(2027) = %v", c.Confirmed(2026), c.Confirmed(2027))
	}
	worked := c.WorkedRestDays(2026)
	if len(worked) != 1 || worked[0].Date.String() != "2026-08-22" {
		t.Errorf("worked rest days 2026 = %v, want only 2026-08-22", worked)
	}
}

func TestIsDayOff(t *testing.T) {
	c := mustDefault(t)
	tests := []struct {
		date string
		off  bool
		why  string
	}{
		{"2026-03-07", true, "Saturday"},
		{"2026-03-08", true, "Sunday"},
		{"2026-03-09", false, "ordinary Monday"},
		{"2026-08-22", false, "Saturday worked by the 2026 schedule"},
		{"2026-08-31", true, "Monday swapped off by the 2026 schedule"},
		{"2025-09-01", true, "2019 code: 2/9 on Tuesday joins Monday 1/9"},
		{"2024-09-03", true, "2019 code: 2/9 on Monday joins Tuesday 3/9"},
		{"2022-09-01", true, "2019 code: 2/9 on Friday joins Thursday 1/9"},
		{"2021-09-03", true, "2019 code: 2/9 on Thursday joins Friday 3/9"},
		{"2023-09-04", true, "2/9 on Saturday made up on Monday"},
		{"2020-09-01", false, "2012 code: 2/9 alone, no adjacent day"},
		{"2020-09-03", false, "2012 code: 2/9 alone, no adjacent day"},
		{"2019-09-02", true, "2012 code: 2/9"},
		{"2017-09-04", true, "2012 code: 2/9 on Saturday made up on Monday"},
		{"2013-05-01", true, "first covered day, Labour Day"},
		{"2029-09-03", true, "2/9 on Sunday: both National Day days made up"},
		{"2029-09-04", true, "2/9 on Sunday: both National Day days made up"},
		{"2029-09-05", false, "after the make-up days"},
	}
	for _, tt := range tests {
		got, err := c.IsDayOff(civil.MustParse(tt.date))
		if err != nil || got != tt.off {
			t.Errorf("IsDayOff(%s) = %v, %v; want %v (%s)", tt.date, got, err, tt.off, tt.why)
		}
	}
}

func TestNoDataIsAnError(t *testing.T) {
	c := mustDefault(t)
	for _, tt := range []struct {
		date string
		year int
	}{{"2013-04-30", 2013}, {"1999-06-01", 1999}, {"2200-01-01", 2200}} {
		_, err := c.IsDayOff(civil.MustParse(tt.date))
		var nd *NoDataError
		if !errors.As(err, &nd) || nd.Year != tt.year {
			t.Errorf("IsDayOff(%s) error %v, want NoDataError for %d", tt.date, err, tt.year)
		} else if !strings.Contains(err.Error(), "2013-05-01") {
			t.Errorf("error %q does not name the covered range", err)
		}
	}
	if _, err := c.DaysOff(2013); err == nil {
		t.Error("DaysOff(2013) should fail: the rules start on 1 May 2013")
	}
	if ds, err := c.DaysOff(2014); err != nil || len(ds) < 10 {
		t.Errorf("DaysOff(2014) = %d days, %v", len(ds), err)
	}
}

func testRules(t testing.TB) Rules {
	t.Helper()
	r, err := EmbeddedRules()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestOverridesWinOverRules(t *testing.T) {
	// 2027 has no shipped schedule: Tết (Saturday 6/2) by default runs
	// Friday 5/2 to Tuesday 9/2, with make-up days for the weekend.
	rules := testRules(t)
	plain, err := New(rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	if off, _ := plain.IsDayOff(civil.MustParse("2027-02-05")); !off {
		t.Fatal("default Tết 2027 should include 5/2")
	}
	s := Schedule{Year: 2027, Source: "test decision", Overrides: []Override{
		{Date: civil.MustParse("2027-02-05"), Kind: KindWorkDay, Reason: "làm việc"},
		{Date: civil.MustParse("2027-02-15"), Kind: KindDayOff, Reason: "nghỉ thêm", ReasonEN: "extra day"},
	}}
	c, err := New(rules, []Schedule{s})
	if err != nil {
		t.Fatal(err)
	}
	for date, want := range map[string]bool{"2027-02-05": false, "2027-02-15": true, "2027-02-08": true} {
		if got, _ := c.IsDayOff(civil.MustParse(date)); got != want {
			t.Errorf("IsDayOff(%s) = %v, want %v", date, got, want)
		}
	}
	ds, _ := c.DaysOff(2027)
	for _, d := range ds {
		if d.Date.String() == "2027-02-05" {
			t.Error("a day made a working day is still listed as a day off")
		}
		if d.Date.String() == "2027-02-15" && d.Reason != "nghỉ thêm" {
			t.Errorf("override reason lost: %q", d.Reason)
		}
	}
	if !c.Confirmed(2027) || plain.Confirmed(2027) {
		t.Error("Confirmed must follow the loaded schedules")
	}
	// An empty schedule still confirms its year.
	empty, err := New(rules, []Schedule{{Year: 2028, Source: "no change"}})
	if err != nil || !empty.Confirmed(2028) {
		t.Errorf("empty schedule: %v, confirmed %v", err, empty.Confirmed(2028))
	}
}

func TestScheduleErrors(t *testing.T) {
	rules := testRules(t)
	d := civil.MustParse("2027-03-01")
	tests := []struct {
		name      string
		schedules []Schedule
	}{
		{"date listed twice", []Schedule{{Year: 2027, Source: "x", Overrides: []Override{
			{Date: d, Kind: KindDayOff, Reason: "a"}, {Date: d, Kind: KindWorkDay, Reason: "b"}}}}},
		{"date of another year", []Schedule{{Year: 2028, Source: "x", Overrides: []Override{{Date: d, Kind: KindDayOff, Reason: "a"}}}}},
		{"no reason", []Schedule{{Year: 2027, Source: "x", Overrides: []Override{{Date: d, Kind: KindDayOff}}}}},
		{"no kind", []Schedule{{Year: 2027, Source: "x", Overrides: []Override{{Date: d, Reason: "a"}}}}},
		{"no source", []Schedule{{Year: 2027}}},
		{"two schedules for one year", []Schedule{{Year: 2027, Source: "x"}, {Year: 2027, Source: "y"}}},
		{"year without rules", []Schedule{{Year: 2012, Source: "x", Overrides: []Override{
			{Date: civil.MustParse("2012-01-02"), Kind: KindDayOff, Reason: "a"}}}}},
	}
	for _, tt := range tests {
		if _, err := New(rules, tt.schedules); err == nil {
			t.Errorf("%s: New accepted it", tt.name)
		}
	}
	for name, js := range map[string]string{
		"unknown kind":  `{"year":2027,"source":"x","overrides":[{"date":"2027-03-01","kind":"holiday","reason":"a"}]}`,
		"unknown field": `{"year":2027,"source":"x","overides":[]}`,
		"bad date":      `{"year":2027,"source":"x","overrides":[{"date":"2027-02-30","kind":"day_off","reason":"a"}]}`,
	} {
		if _, err := ParseSchedule([]byte(js)); err == nil {
			t.Errorf("ParseSchedule accepted %s", name)
		}
	}
	s, err := ParseSchedule([]byte(`{"year":2027,"source":"x","overrides":[{"date":"2027-03-01","kind":"work_day","reason":"a","reason_en":"b"}]}`))
	if err != nil || s.Overrides[0].Kind != KindWorkDay {
		t.Errorf("ParseSchedule: %+v, %v", s, err)
	}
}

func TestRulesErrors(t *testing.T) {
	edit := func(f func(*Rules)) Rules {
		r := testRules(t)
		r.Laws = append([]HolidayLaw(nil), r.Laws...)
		f(&r)
		return r
	}
	tests := map[string]Rules{
		"gap between laws": edit(func(r *Rules) { r.Laws[1].EffectiveFrom = civil.MustParse("2021-02-01") }),
		"open law followed by another": edit(func(r *Rules) {
			r.Laws[0].EffectiveTo = civil.Date{}
		}),
		"unknown weekday": edit(func(r *Rules) {
			r.WeeklyRest = []WeeklyRest{{EffectiveFrom: civil.MustParse("1999-10-02"), Days: []string{"samedi"}, Source: "x"}}
		}),
		"lunar day 30": edit(func(r *Rules) {
			r.Laws[1].Holidays = []Holiday{{Name: "x", NameEN: "x", Calendar: "lunar", Month: 1, Day: 30}}
		}),
		"no weekly rest in force": edit(func(r *Rules) { r.WeeklyRest[0].EffectiveFrom = civil.MustParse("2014-01-01") }),
	}
	for name, r := range tests {
		if _, err := New(r, nil); err == nil {
			t.Errorf("%s: New accepted the rules", name)
		}
	}
	if _, err := ParseRules([]byte(`{"weekly_rest":[],"holiday_laws":[],"extra":1}`)); err == nil {
		t.Error("ParseRules accepted an unknown field")
	}
}

// Two holidays on one working day: the second is made up on the next
// working day, so the law's number of days off is kept.
func TestHolidayCollisionGivesMakeUpDay(t *testing.T) {
	r := testRules(t)
	r.Laws = []HolidayLaw{{
		Code: "test", Source: "test", EffectiveFrom: civil.MustParse("2025-01-01"), MakeUp: true,
		Holidays: []Holiday{
			{Name: "A", NameEN: "A", Calendar: "solar", Month: 3, Day: 10},
			{Name: "B", NameEN: "B", Calendar: "solar", Month: 3, Day: 10},
		},
	}}
	c, err := New(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	ds, _ := c.DaysOff(2025) // 10/3/2025 is a Monday
	if got := strings.Join(dates(ds), " "); got != "2025-03-10 2025-03-11" {
		t.Errorf("days off = %s, want 2025-03-10 2025-03-11", got)
	}
}

func TestWeekdayName(t *testing.T) {
	if got := WeekdayName(civil.MustParse("2026-02-14").Weekday()); got != "Thứ Bảy" {
		t.Errorf("got %q", got)
	}
}

// A shipped schedule exports to the same JSON format it was read from, as an
// administrator's export and re-import would do.
func TestScheduleJSONRoundTrip(t *testing.T) {
	c := mustDefault(t)
	s, ok := c.Schedule(2026)
	if !ok || !strings.Contains(s.Source, "9859/VPCP-KGVX") {
		t.Fatalf("Schedule(2026) = %+v, %v", s, ok)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	again, err := ParseSchedule(b)
	if err != nil {
		t.Fatalf("re-import: %v\n%s", err, b)
	}
	if len(again.Overrides) != len(s.Overrides) || again.Overrides[9] != s.Overrides[9] {
		t.Errorf("round trip changed the schedule: %+v", again.Overrides)
	}
	if _, err := json.Marshal(Override{Date: civil.MustParse("2026-01-02")}); err == nil {
		t.Error("an override without a kind was exported")
	}
}
