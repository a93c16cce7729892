package cases

import (
	"errors"
	"fmt"

	"noichinh/internal/calendar"
	"noichinh/internal/civil"
)

// DeadlineStatus says whether a case's current stage has a due date.
type DeadlineStatus string

const (
	NoDeadline DeadlineStatus = ""        // the stage runs under no time limit
	Running    DeadlineStatus = "running" // DueOn is set
	Paused     DeadlineStatus = "paused"  // suspended: the clock stands still
	// NoRule: no version of the limit was in force when the stage began
	// (the limit table starts in 2018), or the table lacks the limit.
	NoRule DeadlineStatus = "no_rule"
	// NeedsClass: the limit depends on the offence class, which is not set.
	NeedsClass DeadlineStatus = "needs_offence_class"
)

// Deadline is the due date of the current stage and the rule it was judged
// under (limit code and the version's EffectiveFrom), stored with the case.
type Deadline struct {
	Status     DeadlineStatus
	LimitCode  string
	LimitFrom  civil.Date // EffectiveFrom of the limit version applied
	Start      civil.Date // the day the limit started
	Extensions int
	DueOn      civil.Date
}

// limitCode is the code in the limit table (internal/calendar/data/limits.json)
// of a limit period for an offence class; needsClass when the class matters
// and is not set.
func limitCode(p LimitPeriod, class OffenceClass) (code string, needsClass bool) {
	byClass := func(prefix string) (string, bool) {
		if class == NoClass {
			return "", true
		}
		return prefix + "." + string(class), false
	}
	switch p {
	case CrimeReportPeriod:
		return "crime_report.decide", false
	case InvestigationPeriod:
		return byClass("investigation")
	case SupplementaryInvestigation: // BLTTHS Art. 174(2)
		return "investigation.supplementary.procuracy", false
	case SupplementaryAfterCourt:
		return "investigation.supplementary.court", false
	case IndictmentPeriod:
		return byClass("indictment")
	case TrialPreparationPeriod:
		return byClass("trial_preparation")
	case HearingPeriod:
		return "trial.hearing", false
	case AppealPeriod:
		return "appeal.parties", false
	}
	return "", false
}

// Deadlines computes due dates through the calendar engine's counting rule
// (a limit ending on a day off ends on the next working day).
type Deadlines struct {
	Cal    *calendar.Calendar
	Limits *calendar.Limits
}

// For returns the deadline of the stage a state is in. A suspension
// (State.Stage Suspended) pauses the clock; the days it lasted push the
// start later once the case resumes. Errors: *calendar.NoDataError when the
// due date falls in a year without day-off data.
func (d Deadlines) For(s State, class OffenceClass) (Deadline, error) {
	c := s.Clock
	if c.Period == NoPeriod {
		return Deadline{}, nil
	}
	code, needsClass := limitCode(c.Period, class)
	if needsClass {
		return Deadline{Status: NeedsClass, Start: c.Start, Extensions: c.Extensions}, nil
	}
	out := Deadline{LimitCode: code, Start: c.Start, Extensions: c.Extensions}
	l, err := d.Limits.Find(code, c.Start)
	if errors.Is(err, calendar.ErrUnknownLimit) {
		out.Status = NoRule
		return out, nil
	}
	if err != nil {
		return Deadline{}, err
	}
	out.LimitFrom = l.EffectiveFrom
	if s.Stage == Suspended {
		out.Status = Paused
		return out, nil
	}
	if c.Extensions > len(l.Extensions) {
		return Deadline{}, &ExtensionsError{Code: code, Max: len(l.Extensions), Have: c.Extensions}
	}
	due, err := d.Cal.Due(l, c.Start.AddDays(c.PausedDays), c.Extensions)
	if err != nil {
		return Deadline{}, err
	}
	out.Status, out.DueOn = Running, due
	return out, nil
}

// ExtensionsError means a case records more extensions than its limit
// allows (possible when the offence class is set after the extensions).
type ExtensionsError struct {
	Code      string
	Max, Have int
}

func (e *ExtensionsError) Error() string {
	return fmt.Sprintf("cases: limit %s allows %d extensions, the case has %d", e.Code, e.Max, e.Have)
}

// MaxExtensions is FoldOptions.MaxExtensions for a case of class.
func (d Deadlines) MaxExtensions(class OffenceClass) func(Clock) (int, bool) {
	return func(c Clock) (int, bool) {
		code, needsClass := limitCode(c.Period, class)
		if code == "" || needsClass {
			return 0, false
		}
		l, err := d.Limits.Find(code, c.Start)
		if err != nil {
			return 0, false
		}
		return len(l.Extensions), true
	}
}
