package calendar

import (
	"fmt"

	"noichinh/internal/civil"
)

// Explanation shows how a due day was found, so that a person can check it
// against a paper calendar: the plain end of the period, whether it was moved
// past a day off, and the days off the period crosses.
type Explanation struct {
	From   civil.Date
	Length Duration
	// End is From plus Length before the day-off rule: the same date Length
	// months later, From + Length days, or (for working days) the due day.
	End civil.Date
	Due civil.Date
	// Moved is true when End was a day off, so Due is the next working day.
	Moved bool
	// DaysOff are the holidays, make-up days and scheduled days off in
	// (From, Due], in date order; RestDays counts the ordinary weekly rest
	// days in the same span, and WorkingDays the working days.
	DaysOff     []DayOff
	RestDays    int
	WorkingDays int
	// Unconfirmed lists the years of [From, Due] whose government schedule
	// is not loaded: their days off follow the law's defaults only.
	Unconfirmed []int
}

// Explain computes the due day of a limit of length counted from from (the
// day from itself is not counted), with the steps that lead to it. It reads
// one version of the data, so the explanation always matches the due day.
func (c *Calendar) Explain(from civil.Date, length Duration) (Explanation, error) {
	s := c.load()
	if !from.Valid() {
		return Explanation{}, fmt.Errorf("calendar: %v is not a valid date", from)
	}
	if length.N < 0 {
		return Explanation{}, errNegative
	}
	e := Explanation{From: from, Length: length}
	var err error
	switch length.Unit {
	case WorkingDays:
		e.End, err = s.addWorkingDays(from, length.N)
		e.Due = e.End
	case CalendarDays:
		e.End = from.AddDays(length.N)
		e.Due, err = s.nextWorkingDay(e.End)
	case Months:
		e.End = addMonths(from, length.N)
		e.Due, err = s.nextWorkingDay(e.End)
	default:
		return Explanation{}, fmt.Errorf("calendar: invalid unit %d", int(length.Unit))
	}
	if err != nil {
		return Explanation{}, err
	}
	e.Moved = e.Due != e.End
	lo, hi := jdnOf(from)+1, jdnOf(e.Due)
	if lo <= hi {
		if _, err := s.index(lo); err != nil {
			return Explanation{}, err
		}
		e.DaysOff = s.daysOff(lo, hi)
		for j := lo; j <= hi; j++ {
			if s.isWorking(j - s.first) {
				e.WorkingDays++
			} else if _, noted := s.notes[j]; !noted {
				e.RestDays++
			}
		}
	}
	for y := from.Year; y <= e.Due.Year; y++ {
		if sc, ok := s.schedules[y]; !ok || sc.Provisional {
			e.Unconfirmed = append(e.Unconfirmed, y)
		}
	}
	return e, nil
}
