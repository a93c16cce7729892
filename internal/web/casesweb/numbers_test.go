package casesweb

import (
	"math"
	"testing"

	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

func TestNumbers(t *testing.T) {
	for _, c := range []struct {
		in    string
		money int64
		area  float64
		ok    bool // both read
	}{
		{"", 0, 0, true}, {"4.500.000.000", 4_500_000_000, 4_500_000_000, true}, {"4 500 000", 4_500_000, 4_500_000, true},
		{"1250", 1250, 1250, true}, {"-5.000.000", -5_000_000, -5_000_000, true}, {"−12", -12, -12, true},
		{"abc", 0, 0, false}, {"NaN", 0, 0, false}, {"Inf", 0, 0, false}, {"1e9", 0, 0, false},
	} {
		var errs validate.Errors
		m := parseMoney(&errs, "m", c.in)
		a := parseArea(&errs, "a", c.in)
		if (len(errs) == 0) != c.ok || (c.ok && (m != c.money || a != c.area)) {
			t.Errorf("%q: %d, %v, errors %v", c.in, m, a, errs)
		}
	}
	for in, want := range map[string]float64{"1.234,5": 1234.5, "12.5": 12.5, "0,25": 0.25, "1.250": 1250} {
		var errs validate.Errors
		if got := parseArea(&errs, "a", in); got != want || len(errs) > 0 {
			t.Errorf("area %q: %v %v", in, got, errs)
		}
	}
	var errs validate.Errors
	if parseMoney(&errs, "m", "4,5"); len(errs) != 1 || errs[0].Key != "cases.error.money_format" {
		t.Errorf("a decimal amount of đồng: %v", errs)
	}
	if n := parseCount(&errs, "n", " 3 "); n == nil || *n != 3 {
		t.Errorf("count: %v", n)
	}
	if n := parseCount(&errs, "n", ""); n != nil {
		t.Errorf("no count: %v", *n)
	}
}

// Numbers typed in a form never crash the reader, and what the forms show
// reads back as it was.
func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"4.500.000", "-1", "1.234,5", "", "9223372036854775807", "1,2,3", "..", "−"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var errs validate.Errors
		m := parseMoney(&errs, "m", s)
		a := parseArea(&errs, "a", s)
		parseCount(&errs, "n", s)
		if math.IsNaN(a) || math.IsInf(a, 0) {
			t.Fatalf("%q: area %v", s, a)
		}
		var back validate.Errors
		if got := parseMoney(&back, "m", vntext.Int(vntext.VI, m)); got != m && m != math.MinInt64 {
			t.Fatalf("%q: %d shown as %q reads %d", s, m, vntext.Int(vntext.VI, m), got)
		}
	})
}
