package vntext

import (
	"testing"

	"noichinh/internal/civil"
)

func TestDate(t *testing.T) {
	tests := []struct {
		d    civil.Date
		want string
	}{
		{civil.MustParse("2020-03-05"), "05/03/2020"},
		{civil.MustParse("2010-10-22"), "22/10/2010"},
		{civil.MustParse("0954-09-27"), "27/09/0954"},
		{civil.Date{}, ""},
	}
	for _, tt := range tests {
		if got := Date(tt.d); got != tt.want {
			t.Errorf("Date(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestLongDate(t *testing.T) {
	tests := []struct {
		lang Lang
		d    string
		want string
	}{
		{VI, "2020-03-05", "ngày 05 tháng 3 năm 2020"},
		{VI, "2020-02-05", "ngày 05 tháng 02 năm 2020"},
		{VI, "2026-01-01", "ngày 01 tháng 01 năm 2026"},
		{VI, "2026-12-20", "ngày 20 tháng 12 năm 2026"},
		{VI, "2018-04-03", "ngày 03 tháng 4 năm 2018"},
		{VI, "2013-05-27", "ngày 27 tháng 5 năm 2013"},
		{VI, "2019-10-10", "ngày 10 tháng 10 năm 2019"},
		{EN, "2020-03-05", "5 March 2020"},
		{EN, "2026-12-20", "20 December 2026"},
	}
	for _, tt := range tests {
		if got := LongDate(tt.lang, civil.MustParse(tt.d)); got != tt.want {
			t.Errorf("LongDate(%q, %s) = %q, want %q", tt.lang, tt.d, got, tt.want)
		}
	}
	for _, lang := range []Lang{VI, EN} {
		if got := LongDate(lang, civil.Date{}); got != "" {
			t.Errorf("LongDate(%q, zero) = %q, want \"\"", lang, got)
		}
	}
}

func TestPlaceDate(t *testing.T) {
	d := civil.MustParse("2026-12-20")
	tests := []struct {
		place string
		d     civil.Date
		want  string
	}{
		{"Lạng Sơn", d, "Lạng Sơn, ngày 20 tháng 12 năm 2026"},
		{" Lạng\u00a0Sơn ", civil.MustParse("2026-02-01"), "Lạng Sơn, ngày 01 tháng 02 năm 2026"},
		{"", d, "Ngày 20 tháng 12 năm 2026"},
		{"Lạng Sơn", civil.Date{}, "Lạng Sơn"},
		{"", civil.Date{}, ""},
	}
	for _, tt := range tests {
		if got := PlaceDate(tt.place, tt.d); got != tt.want {
			t.Errorf("PlaceDate(%q, %v) = %q, want %q", tt.place, tt.d, got, tt.want)
		}
	}
}
