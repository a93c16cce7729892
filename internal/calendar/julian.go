package calendar

import (
	"time"

	"noichinh/internal/civil"
)

// Day numbers: every internal computation works on the Julian Day Number
// (JDN) of a civil day, an integer that counts days continuously, so that day
// arithmetic is integer arithmetic and the astronomy (which uses Julian Dates)
// shares the same axis. The conversions are the integer algorithms of
// Fliegel and Van Flandern (1968) for the proleptic Gregorian calendar.

// jdnOf returns the Julian Day Number of a civil date.
func jdnOf(d civil.Date) int { return jdn(d.Year, int(d.Month), d.Day) }

func jdn(year, month, day int) int {
	a := (14 - month) / 12
	y := year + 4800 - a
	m := month + 12*a - 3
	return day + (153*m+2)/5 + 365*y + y/4 - y/100 + y/400 - 32045
}

// dateOf returns the civil date of a Julian Day Number.
func dateOf(j int) civil.Date {
	a := j + 32044
	b := (4*a + 3) / 146097
	c := a - 146097*b/4
	d := (4*c + 3) / 1461
	e := c - 1461*d/4
	m := (5*e + 2) / 153
	day := e - (153*m+2)/5 + 1
	month := m + 3 - 12*(m/10)
	year := 100*b + d - 4800 + m/10
	return civil.Date{Year: year, Month: time.Month(month), Day: day}
}

// weekdayOf is the weekday of a Julian Day Number (JDN 0 was a Monday).
func weekdayOf(j int) time.Weekday { return time.Weekday((j + 1) % 7) }
