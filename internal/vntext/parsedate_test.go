package vntext

import (
	"errors"
	"strings"
	"testing"
	"time"

	"noichinh/internal/civil"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // ISO
	}{
		{"22/10/2010", "2010-10-22"},
		{"5/3/2021", "2021-03-05"},
		{"05-3-2021", "2021-03-05"},
		{"5.3.2021", "2021-03-05"},
		{"2021-03-05", "2021-03-05"},
		{"ngày 05 tháng 3 năm 2020", "2020-03-05"},
		{"ngày 5 tháng 03 năm 2020", "2020-03-05"},
		{"05 tháng 3 năm 2020", "2020-03-05"},
		{"ngày 5/3/2021", "2021-03-05"},
		{"Ngày 27/9/1954", "1954-09-27"},
		{"NGÀY 01 THÁNG 01 NĂM 2026", "2026-01-01"},
		{"ngày\u00a005\u00a0tháng\u00a03  năm\t2020", "2020-03-05"},
		{"  5 / 3 / 2021  ", "2021-03-05"},
		{"nga\u0300y 5 tha\u0301ng 3 na\u0306m 2020", "2020-03-05"}, // decomposed
		{"ngay 5 thang 3 nam 2020", "2020-03-05"},                   // typed without diacritics
		{"ngày5/3/2021", "2021-03-05"},
		{"29/02/2024", "2024-02-29"},
		{"31/12/2025", "2025-12-31"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if got != civil.MustParse(tt.want) {
			t.Errorf("ParseDate(%q) = %v, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		in   string
		kind error
		why  string // part of the message that explains
	}{
		{"", ErrDateForm, ""},
		{"hôm nay", ErrDateForm, ""},
		{"5/3/21", ErrTwoDigitYear, ""},
		{"ngày 5 tháng 3 năm 21", ErrTwoDigitYear, ""},
		{"31/02/2021", ErrNoSuchDate, "February 2021 has 28 days"},
		{"30/02/2024", ErrNoSuchDate, "February 2024 has 29 days"},
		{"31/4/2021", ErrNoSuchDate, "April 2021 has 30 days"},
		{"0/3/2021", ErrNoSuchDate, "March 2021 has 31 days"},
		{"5/13/2021", ErrNoSuchDate, "no month 13"},
		{"5/0/2021", ErrNoSuchDate, "no month 0"},
		{"5/3-2021", ErrDateForm, ""},                  // mixed separators
		{"5/3/2021.", ErrDateForm, ""},                 // trailing text: whole string only
		{"Ngày 5/3/2021 của Tỉnh ủy", ErrDateForm, ""}, // whole string only
		{"5/3/20210", ErrDateForm, "four digits"},
		{"5/3/202", ErrDateForm, "four digits"},
		{"005/3/2021", ErrDateForm, "one or two digits"},
		{"5/003/2021", ErrDateForm, "one or two digits"},
		{"2021/03/05", ErrDateForm, "YYYY-MM-DD"},
		{"2021-3-5", ErrDateForm, "YYYY-MM-DD"},
		{"ngày 2021-03-05", ErrDateForm, "YYYY-MM-DD"},
		{"5 tháng 3 2020", ErrDateForm, ""},
		{"5 năm 3 tháng 2020", ErrDateForm, ""},
		{"5/3/2021 🙂", ErrDateForm, ""},
		{"1/1/0000", ErrNoSuchDate, "no year 0"},
		{"٥/٣/٢٠٢١", ErrDateForm, ""}, // Arabic-Indic digits
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", tt.in, got)
			continue
		}
		if !errors.Is(err, tt.kind) {
			t.Errorf("ParseDate(%q) error %q, want %q", tt.in, err, tt.kind)
		}
		if !strings.Contains(err.Error(), tt.why) {
			t.Errorf("ParseDate(%q) error %q does not say %q", tt.in, err, tt.why)
		}
		if !got.IsZero() {
			t.Errorf("ParseDate(%q) returned %v with an error", tt.in, got)
		}
	}
}

func TestParseMonth(t *testing.T) {
	tests := []struct {
		in    string
		year  int
		month time.Month
	}{
		{"3/2017", 2017, time.March},
		{"tháng 3/2017", 2017, time.March},
		{"05/2019", 2019, time.May},
		{"Tháng 05/2019", 2019, time.May},
		{"tháng 8 năm 1960", 1960, time.August},
		{"3-2017", 2017, time.March},
		{"3.2017", 2017, time.March},
		{"2017-03", 2017, time.March},
		{"12/2025", 2025, time.December},
		{"01/0954", 954, time.January},
	}
	for _, tt := range tests {
		year, month, err := ParseMonth(tt.in)
		if err != nil || year != tt.year || month != tt.month {
			t.Errorf("ParseMonth(%q) = %d, %v, %v; want %d, %v", tt.in, year, month, err, tt.year, tt.month)
		}
	}
}

func TestParseMonthErrors(t *testing.T) {
	tests := []struct {
		in   string
		kind error
	}{
		{"", ErrDateForm},
		{"tháng 13/2019", ErrNoSuchDate},
		{"0/2019", ErrNoSuchDate},
		{"3/17", ErrTwoDigitYear},
		{"2017-3", ErrDateForm},
		{"2017/03", ErrDateForm},
		{"tháng 2017-03", ErrDateForm},
		{"3/2017/1", ErrDateForm},
		{"5/3/2021", ErrDateForm},
		{"tháng ba năm 2017", ErrDateForm},
		{"từ tháng 05/2019", ErrDateForm}, // whole string only
		{"3 2017", ErrDateForm},
		{"123/2017", ErrDateForm},
		{"!", ErrDateForm},
	}
	for _, tt := range tests {
		year, month, err := ParseMonth(tt.in)
		if !errors.Is(err, tt.kind) {
			t.Errorf("ParseMonth(%q) = %d, %v, %v; want %v", tt.in, year, month, err, tt.kind)
		}
	}
}

// TestParseDateReadsWhatDateWrites checks the round trip for every day of
// two years, one of them a leap year.
func TestParseDateReadsWhatDateWrites(t *testing.T) {
	for d := civil.MustParse("2023-01-01"); d.Year < 2025; d = d.AddDays(1) {
		for _, s := range []string{Date(d), LongDate(VI, d), d.String()} {
			got, err := ParseDate(s)
			if err != nil || got != d {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", s, got, err, d)
			}
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"22/10/2010", "2021-03-05", "ngày 05 tháng 3 năm 2020", "31/02/2021", "5/3/21", "ngày", "tháng 3/2017", "\xff/1/2020"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrDateForm) && !errors.Is(err, ErrTwoDigitYear) && !errors.Is(err, ErrNoSuchDate) {
				t.Fatalf("ParseDate(%q): error of no known kind: %v", s, err)
			}
			if !d.IsZero() {
				t.Fatalf("ParseDate(%q) = %v with an error", s, d)
			}
		} else {
			if !d.Valid() {
				t.Fatalf("ParseDate(%q) = %v, not a real day", s, d)
			}
			if back, err := ParseDate(Date(d)); err != nil || back != d {
				t.Fatalf("ParseDate(Date(%v)) = %v, %v", d, back, err)
			}
		}
		year, month, err := ParseMonth(s)
		if err == nil && (year < 1 || year > 9999 || month < 1 || month > 12) {
			t.Fatalf("ParseMonth(%q) = %d, %v", s, year, month)
		}
	})
}
