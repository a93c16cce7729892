package calendar

import (
	"testing"

	"noichinh/internal/civil"
)

// Reported, not asserted: go test -bench . -benchmem ./internal/calendar

func BenchmarkAddWorkingDays30(b *testing.B) {
	c, from := mustDefault(b), civil.MustParse("2026-02-10")
	for b.Loop() {
		if _, err := c.AddWorkingDays(from, 30); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAddMonths4(b *testing.B) {
	c, from := mustDefault(b), civil.MustParse("2026-01-31")
	for b.Loop() {
		if _, err := c.AddMonths(from, 4); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDueInvestigationTwoExtensions(b *testing.B) {
	c, ls, from := mustDefault(b), mustLimits(b), civil.MustParse("2026-01-15")
	l, err := ls.Find("investigation.very_serious", from)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := c.Due(l, from, 2); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDueTrialPreparationMixedUnits(b *testing.B) {
	c, ls, from := mustDefault(b), mustLimits(b), civil.MustParse("2026-01-31")
	l, err := ls.Find("trial_preparation.very_serious", from)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := c.Due(l, from, 1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWorkingDaysBetweenOneYear(b *testing.B) {
	c, from, to := mustDefault(b), civil.MustParse("2026-01-01"), civil.MustParse("2026-12-31")
	for b.Loop() {
		if _, err := c.WorkingDaysBetween(from, to); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkToLunar(b *testing.B) {
	d := civil.MustParse("2026-02-17")
	monthTable() // the one-off table build is measured separately
	for b.Loop() {
		if _, err := ToLunar(d); err != nil {
			b.Fatal(err)
		}
	}
}

// The one-off cost paid on first use: the lunar month table (about 3,700
// new moons and solar longitudes) and a Calendar from the embedded rules.
func BenchmarkBuildMonthTable(b *testing.B) {
	for b.Loop() {
		buildMonthTable()
	}
}

func BenchmarkNewCalendar(b *testing.B) {
	rules, schedules := testRules(b), []Schedule(nil)
	monthTable()
	for b.Loop() {
		if _, err := New(rules, schedules); err != nil {
			b.Fatal(err)
		}
	}
}
