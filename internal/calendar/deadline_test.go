package calendar

import (
	"errors"
	"math/rand/v2"
	"testing"

	"noichinh/internal/civil"
)

func TestAddWorkingDays(t *testing.T) {
	c := mustDefault(t)
	tests := []struct {
		from string
		n    int
		want string
		why  string
	}{
		{"2026-02-10", 7, "2026-02-26", "Tết 14–22/2 is skipped"},
		{"2026-02-13", 1, "2026-02-23", "first working day after Tết"},
		{"2026-08-21", 1, "2026-08-22", "Saturday 22/8 is worked"},
		{"2026-08-28", 1, "2026-09-03", "29/8–2/9 off"},
		{"2026-03-06", 5, "2026-03-13", "a plain week"},
		{"2026-03-07", 1, "2026-03-09", "counting starts the day after, even from a Saturday"},
		{"2026-02-17", 0, "2026-02-17", "n = 0 returns the start unchanged"},
		{"2013-04-30", 1, "2013-05-02", "day before the rules: only the days counted need data"},
		{"2026-01-01", 250, "2026-12-31", "every working day of 2026 after 1/1 (counted by hand)"},
		{"2026-01-01", 251, "2027-01-04", "1/1/2027 is a Friday holiday, then a weekend"},
	}
	for _, tt := range tests {
		got, err := c.AddWorkingDays(civil.MustParse(tt.from), tt.n)
		if err != nil || got.String() != tt.want {
			t.Errorf("AddWorkingDays(%s, %d) = %v, %v; want %s (%s)", tt.from, tt.n, got, err, tt.want, tt.why)
		}
	}
	if _, err := c.AddWorkingDays(civil.MustParse("2026-01-01"), -1); err == nil {
		t.Error("negative n accepted")
	}
	var nd *NoDataError
	if _, err := c.AddWorkingDays(civil.MustParse("2199-12-28"), 5); !errors.As(err, &nd) || nd.Year != 2200 {
		t.Errorf("past the rules: error %v, want NoDataError for 2200", err)
	}
	if _, err := c.AddWorkingDays(civil.MustParse("2013-04-28"), 3); !errors.As(err, &nd) || nd.Year != 2013 {
		t.Errorf("before the rules: error %v, want NoDataError for 2013", err)
	}
}

func TestAddCalendarDaysAndMonths(t *testing.T) {
	c := mustDefault(t)
	days := []struct {
		from string
		n    int
		want string
	}{
		{"2026-02-10", 7, "2026-02-23"}, // 17/2 is Tết
		{"2026-01-05", 5, "2026-01-12"}, // Saturday → Monday
		{"2026-01-05", 3, "2026-01-08"},
		{"2026-08-20", 2, "2026-08-22"}, // a worked Saturday is a working day
	}
	for _, tt := range days {
		got, err := c.AddCalendarDays(civil.MustParse(tt.from), tt.n)
		if err != nil || got.String() != tt.want {
			t.Errorf("AddCalendarDays(%s, %d) = %v, %v; want %s", tt.from, tt.n, got, err, tt.want)
		}
	}
	months := []struct {
		from string
		n    int
		want string
	}{
		{"2025-01-31", 1, "2025-02-28"}, // no 31 February
		{"2024-01-31", 1, "2024-02-29"}, // leap year
		{"2026-07-31", 1, "2026-09-03"}, // 31/8 swapped off, 1–2/9 holidays
		{"2025-12-31", 2, "2026-03-02"}, // 28/2/2026 is a Saturday
		{"2026-01-15", 12, "2027-01-15"},
		{"2026-05-31", 4, "2026-09-30"},
	}
	for _, tt := range months {
		got, err := c.AddMonths(civil.MustParse(tt.from), tt.n)
		if err != nil || got.String() != tt.want {
			t.Errorf("AddMonths(%s, %d) = %v, %v; want %s", tt.from, tt.n, got, err, tt.want)
		}
	}
	if _, err := c.AddMonths(civil.MustParse("2026-01-01"), -1); err == nil {
		t.Error("negative months accepted")
	}
	if _, err := c.AddCalendarDays(civil.MustParse("2026-01-01"), -1); err == nil {
		t.Error("negative days accepted")
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := mustDefault(t)
	tests := []struct {
		a, b string
		want int
	}{
		{"2026-02-10", "2026-02-26", 7},
		{"2026-02-26", "2026-02-10", -7},
		{"2026-02-13", "2026-02-22", 0},
		{"2026-03-06", "2026-03-06", 0},
		{"2026-01-01", "2026-12-31", 250}, // 260 weekdays after 1/1, 11 of them off, 1 Saturday worked
	}
	for _, tt := range tests {
		got, err := c.WorkingDaysBetween(civil.MustParse(tt.a), civil.MustParse(tt.b))
		if err != nil || got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, %v; want %d", tt.a, tt.b, got, err, tt.want)
		}
	}
}

// naiveWorkingDays counts day by day with IsDayOff, a different path from
// the bit counting of WorkingDaysBetween.
func naiveWorkingDays(t *testing.T, c *Calendar, a, b civil.Date) int {
	n := 0
	for d := a.AddDays(1); !d.After(b); d = d.AddDays(1) {
		off, err := c.IsDayOff(d)
		if err != nil {
			t.Fatal(err)
		}
		if !off {
			n++
		}
	}
	return n
}

func TestDeadlineProperties(t *testing.T) {
	c := mustDefault(t)
	rng := rand.New(rand.NewPCG(2026, 17))
	first, last := jdnOf(civil.MustParse("2013-05-01")), jdnOf(civil.MustParse("2198-01-01"))
	for i := 0; i < 3000; i++ {
		from := dateOf(first + rng.IntN(last-first))
		n := rng.IntN(120)
		due, err := c.AddWorkingDays(from, n)
		if err != nil {
			t.Fatalf("AddWorkingDays(%s, %d): %v", from, n, err)
		}
		if back, err := c.WorkingDaysBetween(from, due); err != nil || back != n {
			t.Fatalf("WorkingDaysBetween(%s, %s) = %d, %v; want %d", from, due, back, err, n)
		}
		if i%10 == 0 {
			if naive := naiveWorkingDays(t, c, from, due); naive != n {
				t.Fatalf("%s + %d working days = %s, but %d working days lie between", from, n, due, naive)
			}
		}
		if n > 0 {
			if off, _ := c.IsDayOff(due); off {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, a day off", from, n, due)
			}
		}

		cal, err := c.AddCalendarDays(from, n)
		if err != nil {
			t.Fatal(err)
		}
		if cal.Before(from.AddDays(n)) {
			t.Fatalf("AddCalendarDays(%s, %d) = %s, before %s", from, n, cal, from.AddDays(n))
		}
		if off, _ := c.IsDayOff(cal); off {
			t.Fatalf("AddCalendarDays(%s, %d) = %s, a day off", from, n, cal)
		}
		for d := from.AddDays(n); d.Before(cal); d = d.AddDays(1) {
			if off, _ := c.IsDayOff(d); !off {
				t.Fatalf("AddCalendarDays(%s, %d) = %s skipped the working day %s", from, n, cal, d)
			}
		}

		m := rng.IntN(18)
		mon, err := c.AddMonths(from, m)
		if err != nil {
			t.Fatal(err)
		}
		raw := addMonths(from, m)
		if mon.Before(raw) || raw.Day > from.Day || (raw.Day < from.Day && raw.Day != civil.DaysIn(raw.Year, raw.Month)) {
			t.Fatalf("AddMonths(%s, %d) = %s (raw %s)", from, m, mon, raw)
		}
		if off, _ := c.IsDayOff(mon); off {
			t.Fatalf("AddMonths(%s, %d) = %s, a day off", from, m, mon)
		}
	}
}
