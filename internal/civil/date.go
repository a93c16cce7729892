// Package civil holds the calendar date used for every legal date in noichinh:
// issue dates, event dates and deadlines. A legal date has no time of day and
// no time zone; storing it as a time.Time invites off-by-one-day errors when a
// value crosses zones, so it gets its own type.
package civil

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"time"
)

// Date is a day of the proleptic Gregorian calendar. The zero value is "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Zone is the zone in which "today" and timestamps are read as dates.
var Zone = mustZone("Asia/Ho_Chi_Minh")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// time/tzdata is embedded by the binary; this fallback only matters for
		// a test binary built without it.
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}

// New returns the date, normalising out-of-range months and days as time.Date does.
func New(year int, month time.Month, day int) Date {
	return Of(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// Of returns the date of t in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Today is the current date in Vietnam.
func Today() Date { return Of(time.Now().In(Zone)) }

// Parse reads the ISO form YYYY-MM-DD.
func Parse(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("civil: %q is not a date in the form YYYY-MM-DD", s)
	}
	y, err1 := strconv.Atoi(s[0:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil {
		return Date{}, fmt.Errorf("civil: %q is not a date in the form YYYY-MM-DD", s)
	}
	date := Date{y, time.Month(m), d}
	if !date.Valid() {
		return Date{}, fmt.Errorf("civil: %q is not a real date", s)
	}
	return date, nil
}

// MustParse is Parse for constants in code and tests.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Valid reports whether the fields name a real day (the zero Date is not valid).
func (d Date) Valid() bool {
	if d.Year < 1 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= DaysIn(d.Year, d.Month)
}

// IsZero reports whether d is the zero value ("no date").
func (d Date) IsZero() bool { return d == Date{} }

// DaysIn is the number of days in the month.
func DaysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Time is midnight UTC of d, for arithmetic; never show it as an instant.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return New(d.Year, d.Month, d.Day+n) }

// DaysSince returns the number of days from e to d (positive when d is later).
func (d Date) DaysSince(e Date) int {
	return int(d.Time().Sub(e.Time()).Hours() / 24)
}

// Weekday of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Compare returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// Before reports d < e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports d > e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// String is the ISO form YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes the ISO form; the zero date is the empty string.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the ISO form; the empty string is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value stores the ISO text: a DATE column on PostgreSQL, TEXT on SQLite.
// The zero date is NULL.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan accepts what either driver returns for a date column.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = Of(v)
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	default:
		return fmt.Errorf("civil: cannot scan %T into a date", src)
	}
}

func (d *Date) scanText(s string) error {
	if len(s) > 10 { // a timestamp text such as "2020-01-02 00:00:00+00:00"
		s = s[:10]
	}
	return d.UnmarshalText([]byte(s))
}

// Range is an inclusive period of days, such as a reporting period.
type Range struct {
	From, To Date
}

// Contains reports whether d is within r (inclusive at both ends).
func (r Range) Contains(d Date) bool { return !d.Before(r.From) && !d.After(r.To) }

// Valid reports whether both ends are real days and From is not after To.
func (r Range) Valid() bool { return r.From.Valid() && r.To.Valid() && !r.From.After(r.To) }
