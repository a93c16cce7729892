package civil

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseAndString(t *testing.T) {
	for _, s := range []string{"2026-02-17", "1954-09-27", "2024-02-29", "0001-01-01"} {
		d, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q): %v", s, err)
		}
		if d.String() != s {
			t.Errorf("round trip %q → %q", s, d.String())
		}
	}
	for _, s := range []string{"", "2026-2-17", "2025-02-29", "2026-13-01", "2026-00-10", "abcd-ef-gh", "2026-02-17T00"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) accepted a bad date", s)
		}
	}
}

func TestArithmetic(t *testing.T) {
	d := MustParse("2026-02-17")
	if got := d.AddDays(12).String(); got != "2026-03-01" {
		t.Errorf("AddDays: %s", got)
	}
	if got := d.AddDays(-48).String(); got != "2025-12-31" {
		t.Errorf("AddDays negative: %s", got)
	}
	if n := MustParse("2027-02-17").DaysSince(d); n != 365 {
		t.Errorf("DaysSince: %d", n)
	}
	if d.Weekday() != time.Tuesday {
		t.Errorf("Weekday: %v", d.Weekday())
	}
	if !d.Before(d.AddDays(1)) || d.After(d) || d.Compare(d) != 0 {
		t.Error("comparisons wrong")
	}
	r := Range{MustParse("2020-01-01"), MustParse("2020-06-30")}
	if !r.Contains(MustParse("2020-06-30")) || r.Contains(MustParse("2020-07-01")) || !r.Valid() {
		t.Error("range wrong")
	}
}

func TestScanFromDrivers(t *testing.T) {
	var d Date
	for _, src := range []any{"2020-06-30", []byte("2020-06-30"), "2020-06-30 00:00:00+00:00",
		time.Date(2020, 6, 30, 0, 0, 0, 0, time.UTC)} {
		if err := d.Scan(src); err != nil || d.String() != "2020-06-30" {
			t.Errorf("Scan(%v) = %v, %v", src, d, err)
		}
	}
	if err := d.Scan(nil); err != nil || !d.IsZero() {
		t.Errorf("Scan(nil) = %v, %v", d, err)
	}
	if err := d.Scan(42); err == nil {
		t.Error("Scan(int) accepted")
	}
	if v, _ := (Date{}).Value(); v != nil {
		t.Errorf("zero Value = %v", v)
	}
}

func TestJSON(t *testing.T) {
	type rec struct {
		Issued Date `json:"issued"`
	}
	b, _ := json.Marshal(rec{MustParse("2010-10-22")})
	if string(b) != `{"issued":"2010-10-22"}` {
		t.Errorf("marshal: %s", b)
	}
	b, _ = json.Marshal(rec{})
	if string(b) != `{"issued":""}` {
		t.Errorf("marshal zero: %s", b)
	}
	var r rec
	if err := json.Unmarshal([]byte(`{"issued":"2019-01-10"}`), &r); err != nil || r.Issued != MustParse("2019-01-10") {
		t.Errorf("unmarshal: %v %v", r, err)
	}
}
