package calendar

import (
	"fmt"
	"math/bits"
	"time"

	"noichinh/internal/civil"
)

// Counting rules (Bộ luật Dân sự 2015, Điều 147–148; Bộ luật Tố tụng hình
// sự 2015, Điều 134): the day of the event that starts a limit is not
// counted; a limit in days ends at the end of its last day, a limit in
// months on the same date of the last month or, when that month has no such
// date, on its last day; and a limit that ends on a day off ends on the next
// working day instead.

// AddWorkingDays returns the n-th working day after from (from itself is
// never counted, whether or not it is a working day). n = 0 returns from
// unchanged: no limit runs, so there is nothing to move, and
// WorkingDaysBetween(from, AddWorkingDays(from, n)) == n holds for every n.
func (c *Calendar) AddWorkingDays(from civil.Date, n int) (civil.Date, error) {
	return c.load().addWorkingDays(from, n)
}

// WorkingDaysBetween returns the number of working days after a up to and
// including b; it is negative when b is before a. It is the inverse of
// AddWorkingDays: AddWorkingDays(a, n) == b implies WorkingDaysBetween(a, b) == n.
func (c *Calendar) WorkingDaysBetween(a, b civil.Date) (int, error) {
	return c.load().workingDaysBetween(a, b)
}

// NextWorkingDay returns d if it is a working day, otherwise the first
// working day after it.
func (c *Calendar) NextWorkingDay(d civil.Date) (civil.Date, error) {
	return c.load().nextWorkingDay(d)
}

// AddCalendarDays returns from + n days, moved to the next working day when
// it is a day off. n = 0 gives from itself, moved the same way.
func (c *Calendar) AddCalendarDays(from civil.Date, n int) (civil.Date, error) {
	return c.load().addCalendarDays(from, n)
}

// AddMonths returns the same date n months later, or the last day of that
// month when it has no such date (31/1 + 1 month = 28/2 or 29/2), moved to
// the next working day when it is a day off.
func (c *Calendar) AddMonths(from civil.Date, n int) (civil.Date, error) {
	return c.load().addMonths(from, n)
}

// addWorkingDays is AddWorkingDays on one version of the data.
func (c *snapshot) addWorkingDays(from civil.Date, n int) (civil.Date, error) {
	if !from.Valid() {
		return civil.Date{}, fmt.Errorf("calendar: %v is not a valid date", from)
	}
	if n < 0 {
		return civil.Date{}, errNegative
	}
	if n == 0 {
		return from, nil
	}
	j := jdnOf(from) + 1
	i, err := c.index(j)
	if err != nil {
		return civil.Date{}, err
	}
	// Skip whole 64-day words while they hold fewer working days than remain.
	for {
		w := i / 64
		if w >= len(c.work) {
			return civil.Date{}, c.noData(dateOf(c.last + 1).Year)
		}
		word := c.work[w] >> (i % 64)
		if count := bits.OnesCount64(word); count < n {
			n -= count
			i = (w + 1) * 64
			continue
		}
		for ; ; i++ {
			if word&1 != 0 {
				n--
				if n == 0 {
					return dateOf(c.first + i), nil
				}
			}
			word >>= 1
		}
	}
}

// workingDaysBetween is WorkingDaysBetween on one version of the data.
func (c *snapshot) workingDaysBetween(a, b civil.Date) (int, error) {
	if !a.Valid() || !b.Valid() {
		return 0, fmt.Errorf("calendar: invalid date in %v … %v", a, b)
	}
	ja, jb := jdnOf(a), jdnOf(b)
	if ja == jb {
		return 0, nil
	}
	sign := 1
	if jb < ja {
		ja, jb, sign = jb, ja, -1
	}
	lo, err := c.index(ja + 1)
	if err != nil {
		return 0, err
	}
	hi, err := c.index(jb)
	if err != nil {
		return 0, err
	}
	return sign * (c.workingBefore(hi+1) - c.workingBefore(lo)), nil
}

// workingBefore counts the working days with index below i.
func (c *snapshot) workingBefore(i int) int {
	w, b := i/64, i%64
	n := int(c.cum[w])
	if b > 0 {
		n += bits.OnesCount64(c.work[w] & (1<<b - 1))
	}
	return n
}

// nextWorkingDay is NextWorkingDay on one version of the data.
func (c *snapshot) nextWorkingDay(d civil.Date) (civil.Date, error) {
	if !d.Valid() {
		return civil.Date{}, fmt.Errorf("calendar: %v is not a valid date", d)
	}
	j := jdnOf(d)
	for {
		i, err := c.index(j)
		if err != nil {
			return civil.Date{}, err
		}
		if c.isWorking(i) {
			return dateOf(j), nil
		}
		j++
	}
}

// addCalendarDays is AddCalendarDays on one version of the data.
func (c *snapshot) addCalendarDays(from civil.Date, n int) (civil.Date, error) {
	if !from.Valid() {
		return civil.Date{}, fmt.Errorf("calendar: %v is not a valid date", from)
	}
	if n < 0 {
		return civil.Date{}, errNegative
	}
	return c.nextWorkingDay(dateOf(jdnOf(from) + n))
}

// addMonths is AddMonths on one version of the data.
func (c *snapshot) addMonths(from civil.Date, n int) (civil.Date, error) {
	if !from.Valid() {
		return civil.Date{}, fmt.Errorf("calendar: %v is not a valid date", from)
	}
	if n < 0 {
		return civil.Date{}, errNegative
	}
	return c.nextWorkingDay(addMonths(from, n))
}

// addMonths is the month arithmetic of Art. 134 without the day-off rule.
func addMonths(d civil.Date, n int) civil.Date {
	m := int(d.Month) - 1 + n
	y := d.Year + m/12
	month := time.Month(m%12 + 1)
	day := min(d.Day, civil.DaysIn(y, month))
	return civil.Date{Year: y, Month: month, Day: day}
}
