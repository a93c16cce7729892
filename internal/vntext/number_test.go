package vntext

import (
	"math"
	"testing"
)

func TestInt(t *testing.T) {
	tests := []struct {
		lang Lang
		n    int64
		want string
	}{
		{VI, 0, "0"},
		{VI, 12, "12"},
		{VI, 952, "952"},
		{VI, 6500, "6.500"},
		{VI, 1_000_000, "1.000.000"},
		{VI, -12, "-12"},
		{VI, -1234, "-1.234"},
		{VI, math.MaxInt64, "9.223.372.036.854.775.807"},
		{VI, math.MinInt64, "-9.223.372.036.854.775.808"},
		{EN, 6500, "6,500"},
		{EN, -1_000_000, "-1,000,000"},
		{"", 6500, "6.500"},   // unset language: Vietnamese
		{"fr", 6500, "6.500"}, // unknown language: Vietnamese
	}
	for _, tt := range tests {
		if got := Int(tt.lang, tt.n); got != tt.want {
			t.Errorf("Int(%q, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		lang    Lang
		f       float64
		maxFrac int
		want    string
	}{
		{VI, 4.5, 2, "4,5"},
		{VI, 0.75, 2, "0,75"},
		{VI, 1234.5, 2, "1.234,5"},
		{VI, 4, 2, "4"},
		{VI, 4.999, 2, "5"},
		{VI, 999.999, 2, "1.000"},
		{VI, 2.5, 0, "3"},   // half away from zero, not to even
		{VI, -2.5, 0, "-3"}, // half away from zero
		{VI, 0.125, 2, "0,13"},
		{VI, 1.005, 2, "1,01"}, // as written, though stored as 1.00499...
		{VI, -0.001, 2, "0"},   // no "-0"
		{VI, math.Copysign(0, -1), 2, "0"},
		{VI, 1e-9, 2, "0"},
		{VI, 12.3456, -1, "12"}, // negative maxFrac: no decimals
		{VI, 1.5e15, 1, "1.500.000.000.000.000"},
		{EN, 4.5, 2, "4.5"},
		{EN, 1234.5, 2, "1,234.5"},
		{VI, math.NaN(), 2, "NaN"},
		{VI, math.Inf(1), 2, "+Inf"},
	}
	for _, tt := range tests {
		if got := Decimal(tt.lang, tt.f, tt.maxFrac); got != tt.want {
			t.Errorf("Decimal(%q, %v, %d) = %q, want %q", tt.lang, tt.f, tt.maxFrac, got, tt.want)
		}
	}
}

func TestPercentAndArea(t *testing.T) {
	tests := []struct{ got, want string }{
		{Percent(VI, 92.5, 1), "92,5%"},
		{Percent(VI, 100, 1), "100%"},
		{Percent(VI, 33.333, 1), "33,3%"},
		{Percent(EN, 92.5, 1), "92.5%"},
		{Area(VI, 1250.5), "1.250,5 m²"},
		{Area(VI, 0.125), "0,13 m²"},
		{Area(EN, 1250.5), "1,250.5 m²"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
