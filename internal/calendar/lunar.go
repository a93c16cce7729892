package calendar

import (
	"errors"
	"fmt"
	"sort"
	"sync"

	"noichinh/internal/civil"
)

// The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7 (105°E):
//
//  1. a month begins on the day (UTC+7) that contains a new moon;
//  2. month 11 is the month that contains the winter solstice;
//  3. when 13 months lie between two months 11, the first month after
//     month 11 that contains no major solar term (trung khí) is a leap month
//     and repeats the number of the month before it;
//  4. the year begins with month 1, the second month after month 11 that
//     is not a leap month.
//
// Vietnam has used UTC+7 for the calendar since 1968 (the South since 1975);
// earlier official calendars followed UTC+8, so for years before 1968 this
// package gives the calendar as computed for Vietnam's present meridian, as
// published Vietnamese perpetual calendars do, not the one printed then.

// Supported range: every day from Tết 1900 to the end of 2199.
var (
	firstSupported = civil.Date{Year: 1900, Month: 1, Day: 31}
	lastSupported  = civil.Date{Year: 2199, Month: 12, Day: 31}
)

// ErrOutOfRange is returned (wrapped) for a date outside 1900-01-31…2199-12-31.
var ErrOutOfRange = errors.New("calendar: date outside the supported range 1900-01-31 to 2199-12-31")

// ErrInvalidLunarDate is returned (wrapped) for a lunar date that does not exist.
var ErrInvalidLunarDate = errors.New("calendar: no such lunar date")

// LunarDate is a day of the Vietnamese lunar calendar. Leap marks the
// intercalary month (tháng nhuận), which repeats the number of the month
// before it.
type LunarDate struct {
	Year, Month, Day int
	Leap             bool
}

// String writes the Vietnamese short form: "1/1/2026", or "1/6 nhuận/2025"
// for a day of a leap month.
func (l LunarDate) String() string {
	if l.Leap {
		return fmt.Sprintf("%d/%d nhuận/%d", l.Day, l.Month, l.Year)
	}
	return fmt.Sprintf("%d/%d/%d", l.Day, l.Month, l.Year)
}

// lunarMonth is one row of the precomputed month table.
type lunarMonth struct {
	start int32 // JDN of day 1
	year  int16
	month int8
	leap  bool
}

// key orders months within and across years: a leap month sorts right
// after the ordinary month of the same number.
func (m lunarMonth) key() int { return lunarKey(int(m.year), int(m.month), m.leap) }

func lunarKey(year, month int, leap bool) int {
	k := year*32 + month*2
	if leap {
		k++
	}
	return k
}

// monthTable returns every lunar month from month 11 of 1899 to month 11 of
// 2200 in order, computed once (about 3,700 new moons) on first use.
var monthTable = sync.OnceValue(buildMonthTable)

func buildMonthTable() []lunarMonth {
	const firstYear, lastYear = 1900, 2200 // years whose month 1 is listed
	var months []lunarMonth
	for y := firstYear; y <= lastYear; y++ {
		months = append(months, monthsOfSui(y)...)
	}
	return months
}

// monthsOfSui numbers the months from month 11 of year y−1 up to, not
// including, month 11 of year y (a "tuế", solstice to solstice).
func monthsOfSui(y int) []lunarMonth {
	from, to := month11Start(y-1), month11Start(y)
	k0 := nearestNewMoon(from)
	starts := []int{from}
	for k := k0 + 1; ; k++ {
		d := newMoonDay(k)
		starts = append(starts, d)
		if d >= to {
			break
		}
	}
	if starts[len(starts)-1] != to || (len(starts) != 13 && len(starts) != 14) {
		panic(fmt.Sprintf("calendar: inconsistent lunations between the solstices of %d and %d", y-1, y))
	}
	n := len(starts) - 1 // 12 or 13 months
	leapAt := -1
	if n == 13 {
		for i := 1; i < n; i++ {
			if sunSectorAtDayStart(starts[i]) == sunSectorAtDayStart(starts[i+1]) {
				leapAt = i
				break
			}
		}
		if leapAt < 0 {
			panic(fmt.Sprintf("calendar: no month without a major solar term in the leap year ending %d", y))
		}
	}
	months := make([]lunarMonth, 0, n)
	month, year := 11, y-1
	for i := 0; i < n; i++ {
		leap := i == leapAt
		if i > 0 && !leap {
			month++
			if month == 13 {
				month, year = 1, y
			}
		}
		months = append(months, lunarMonth{start: int32(starts[i]), year: int16(year), month: int8(month), leap: leap})
	}
	return months
}

// month11Start returns the first day of the lunar month that contains the
// winter solstice of Gregorian year y.
func month11Start(y int) int {
	dec31 := jdn(y, 12, 31)
	k := nearestNewMoon(dec31)
	d := newMoonDay(k)
	if d > dec31 {
		k--
		d = newMoonDay(k)
	}
	// The sun reaches 270° at the solstice; if it is already past it when
	// this month begins, the solstice fell in the month before.
	if sunSectorAtDayStart(d) >= 9 {
		d = newMoonDay(k - 1)
	}
	return d
}

// monthIndexOf returns the index of the month containing day j.
func monthIndexOf(months []lunarMonth, j int) int {
	return sort.Search(len(months), func(i int) bool { return int(months[i].start) > j }) - 1
}

func inRange(d civil.Date) bool {
	return !d.Before(firstSupported) && !d.After(lastSupported)
}

// ToLunar converts a civil date to the Vietnamese lunar calendar.
func ToLunar(d civil.Date) (LunarDate, error) {
	if !d.Valid() {
		return LunarDate{}, fmt.Errorf("calendar: %v is not a valid date", d)
	}
	if !inRange(d) {
		return LunarDate{}, fmt.Errorf("%w: %s", ErrOutOfRange, d)
	}
	return lunarOfJDN(jdnOf(d)), nil
}

func lunarOfJDN(j int) LunarDate {
	months := monthTable()
	m := months[monthIndexOf(months, j)]
	return LunarDate{Year: int(m.year), Month: int(m.month), Day: j - int(m.start) + 1, Leap: m.leap}
}

// FromLunar converts a lunar date to the civil date. It fails for a month or
// day that does not exist in that year (a leap flag on a month that is not
// leap, day 30 of a 29-day month) and outside the supported range.
func FromLunar(l LunarDate) (civil.Date, error) {
	i, err := lunarMonthIndex(l.Year, l.Month, l.Leap)
	if err != nil {
		return civil.Date{}, err
	}
	months := monthTable()
	length := int(months[i+1].start - months[i].start)
	if l.Day < 1 || l.Day > length {
		return civil.Date{}, fmt.Errorf("%w: %s (that month has %d days)", ErrInvalidLunarDate, l, length)
	}
	d := dateOf(int(months[i].start) + l.Day - 1)
	if !inRange(d) {
		return civil.Date{}, fmt.Errorf("%w: lunar %s", ErrOutOfRange, l)
	}
	return d, nil
}

func lunarMonthIndex(year, month int, leap bool) (int, error) {
	if month < 1 || month > 12 {
		return 0, fmt.Errorf("%w: month %d (months are 1 to 12)", ErrInvalidLunarDate, month)
	}
	if year < firstSupported.Year || year > lastSupported.Year {
		return 0, fmt.Errorf("%w: lunar year %d", ErrOutOfRange, year)
	}
	months := monthTable()
	key := lunarKey(year, month, leap)
	i := sort.Search(len(months), func(i int) bool { return months[i].key() >= key })
	if i >= len(months)-1 || months[i].key() != key {
		if leap {
			lm := LeapMonth(year)
			if lm == 0 {
				return 0, fmt.Errorf("%w: month %d of %d is not a leap month (%d has no leap month)", ErrInvalidLunarDate, month, year, year)
			}
			return 0, fmt.Errorf("%w: month %d of %d is not a leap month (the leap month of %d is %d)", ErrInvalidLunarDate, month, year, year, lm)
		}
		return 0, fmt.Errorf("%w: lunar month %d of %d", ErrOutOfRange, month, year)
	}
	return i, nil
}

// LeapMonth returns the number of the leap month of a lunar year, or 0 when
// the year has none (or lies outside the table).
func LeapMonth(year int) int {
	months := monthTable()
	key := lunarKey(year, 1, false)
	for i := sort.Search(len(months), func(i int) bool { return months[i].key() >= key }); i < len(months) && int(months[i].year) == year; i++ {
		if months[i].leap {
			return int(months[i].month)
		}
	}
	return 0
}

// MonthLength returns the number of days (29 or 30) of a lunar month.
func MonthLength(year, month int, leap bool) (int, error) {
	i, err := lunarMonthIndex(year, month, leap)
	if err != nil {
		return 0, err
	}
	months := monthTable()
	return int(months[i+1].start - months[i].start), nil
}
