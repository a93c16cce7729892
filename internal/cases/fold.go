package cases

import (
	"fmt"
	"slices"

	"noichinh/internal/civil"
	"noichinh/internal/vntext"
)

// State is what a case's history amounts to: its watch level, stage, running
// time limit and totals. Fold computes it; the cases table stores it so
// lists never fold.
type State struct {
	OpenedOn   civil.Date
	Level      Level
	LevelSince civil.Date
	Stage      Stage // never Resumed: a resumption returns to the stage it interrupted
	StageSince civil.Date
	// ResumeStage is the stage a suspension interrupted (Stage is Suspended).
	ResumeStage Stage
	AgencyID    int64
	Clock       Clock

	Suspects   int // latest count: as prosecuted, plus extra suspects, or as indicted
	Defendants int // as tried at the latest trial
	// Damage is the latest assessment; Recovered the sum of recoveries.
	DamageVND    int64
	DamageM2     float64
	RecoveredVND int64
	RecoveredM2  float64

	Urged               int
	LastUrgedOn         civil.Date
	Meetings            int
	WrongfulConvictions int
	LastEventOn         civil.Date
}

// LimitPeriod names the procedural time limit a stage runs under. Stages
// that continue one period (prosecuted → investigating) keep its clock.
type LimitPeriod string

const (
	NoPeriod                   LimitPeriod = ""
	CrimeReportPeriod          LimitPeriod = "crime_report"                // decide whether to prosecute
	InvestigationPeriod        LimitPeriod = "investigation"               // from prosecution
	SupplementaryInvestigation LimitPeriod = "supplementary_investigation" // after the procuracy returns the file
	SupplementaryAfterCourt    LimitPeriod = "supplementary_after_court"   // after the court returns it
	IndictmentPeriod           LimitPeriod = "indictment"                  // procuracy decides to indict
	TrialPreparationPeriod     LimitPeriod = "trial_preparation"           // court prepares the first-instance trial
	HearingPeriod              LimitPeriod = "hearing"                     // hearing after the decision to try
	AppealPeriod               LimitPeriod = "appeal"                      // parties may appeal the verdict
)

// periodOf is the limit a stage runs under.
func periodOf(s Stage) LimitPeriod {
	switch s {
	case CrimeReportReceived:
		return CrimeReportPeriod
	case Prosecuted, Investigating:
		return InvestigationPeriod
	case ReturnedForInvestigation:
		return SupplementaryInvestigation
	case InvestigationConcluded:
		return IndictmentPeriod
	case Indicted:
		return TrialPreparationPeriod
	case TrialScheduled:
		return HearingPeriod
	case FirstInstanceTrial:
		return AppealPeriod
	}
	return NoPeriod
}

// Clock is the time limit running in the current stage.
type Clock struct {
	Period     LimitPeriod
	Start      civil.Date // the day the period began (not counted)
	Extensions int        // extensions granted in this period
	// PausedDays is how long the period was suspended: a suspension stops
	// the clock, so the limit runs as if it had started that much later.
	PausedDays int
	PausedOn   civil.Date // the suspension in progress, if any
}

// rank orders the stages; a move to a lower or equal rank is backwards.
// A return for supplementary investigation ranks as investigating.
var rank = map[Stage]int{
	NoStage: 0, CrimeReportReceived: 1, Prosecuted: 2, Investigating: 3, ReturnedForInvestigation: 3,
	InvestigationConcluded: 4, Indicted: 5, TrialScheduled: 6, FirstInstanceTrial: 7, AppealTrial: 8,
	Enforcement: 9, Closed: 10,
}

// Problem is the first point at which a history stops making sense.
type Problem struct {
	EventID int64 // the event at fault
	Field   string
	Key     string // i18n key
	Params  map[string]any
}

func (p *Problem) Error() string {
	return fmt.Sprintf("event %d: %s: %s %v", p.EventID, p.Field, p.Key, p.Params)
}

// FoldOptions carries what the fold cannot know from the events alone.
type FoldOptions struct {
	// MaxExtensions is how many extensions the limit running on c allows
	// (ok false: unknown, not checked).
	MaxExtensions func(c Clock) (n int, ok bool)
}

// Effective returns the events that count: without those a later event
// corrected or retracted, without the retractions themselves, in the
// order they are folded (effective date, then recording order).
func Effective(all []Event) []Event {
	replaced := make(map[int64]bool)
	for _, e := range all {
		if e.CorrectsEventID != 0 {
			replaced[e.CorrectsEventID] = true
		}
	}
	out := make([]Event, 0, len(all))
	for _, e := range all {
		if !replaced[e.ID] && e.Kind != Retracted {
			out = append(out, e)
		}
	}
	SortEvents(out)
	return out
}

// SortEvents orders events by effective date, then by recording order.
func SortEvents(events []Event) {
	slices.SortStableFunc(events, func(a, b Event) int {
		if c := a.EffectiveOn.Compare(b.EffectiveOn); c != 0 {
			return c
		}
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
}

// Fold replays effective events (as Effective returns them) and returns the
// state they lead to, or the first event that breaks the rules: the first
// event is Opened and nothing precedes it; a case is on at most one watch
// level, and can be moved or taken off only when on one; stages move
// forwards, except a return for supplementary investigation and a
// resumption after a suspension; extensions only while a limit runs, and no
// more than it allows.
func Fold(events []Event, opt FoldOptions) (State, *Problem) {
	var s State
	for i, e := range events {
		fail := func(field, key string, params map[string]any) (State, *Problem) {
			return s, &Problem{EventID: e.ID, Field: field, Key: key, Params: params}
		}
		if i == 0 {
			if e.Kind != Opened {
				var params map[string]any
				for _, o := range events {
					if o.Kind == Opened {
						params = map[string]any{"date": vntext.Date(o.EffectiveOn)}
					}
				}
				return fail("effective_on", "cases.error.before_first_event", params)
			}
			s.OpenedOn = e.EffectiveOn
		} else if e.Kind == Opened {
			// A corrected "opened" moved after other events.
			return fail("effective_on", "cases.error.opened_after_events", map[string]any{"date": vntext.Date(s.LastEventOn)})
		}
		if e.EffectiveOn.After(s.LastEventOn) {
			s.LastEventOn = e.EffectiveOn
		}
		switch e.Kind {
		case WatchAdded:
			if s.Level != NotWatched {
				return fail("kind", "cases.error.already_watched", nil)
			}
			s.Level, s.LevelSince = e.Level, e.EffectiveOn
		case LevelChanged:
			if s.Level == NotWatched {
				return fail("kind", "cases.error.not_watched", nil)
			}
			if e.Level == s.Level {
				return fail("level", "cases.error.same_level", nil)
			}
			s.Level, s.LevelSince = e.Level, e.EffectiveOn
		case WatchRemoved:
			if s.Level == NotWatched {
				return fail("kind", "cases.error.not_watched", nil)
			}
			s.Level, s.LevelSince = NotWatched, e.EffectiveOn
		case StageChanged:
			if p := s.changeStage(e); p != nil {
				p.EventID = e.ID
				return s, p
			}
		case SuspectsAdded:
			if rank[s.Stage] < rank[Prosecuted] && !(s.Stage == Suspended && rank[s.ResumeStage] >= rank[Prosecuted]) {
				return fail("kind", "cases.error.not_prosecuted", nil)
			}
			if e.Suspects != nil {
				s.Suspects += *e.Suspects
			}
		case DeadlineExtended:
			if s.Clock.Period == NoPeriod || s.Stage == Suspended {
				return fail("kind", "cases.error.no_running_limit", nil)
			}
			s.Clock.Extensions++
			if opt.MaxExtensions != nil {
				if max, ok := opt.MaxExtensions(s.Clock); ok && s.Clock.Extensions > max {
					return fail("kind", "cases.error.no_more_extensions", map[string]any{"max": max})
				}
			}
		case Urged:
			s.Urged++
			s.LastUrgedOn = e.EffectiveOn
		case Meeting:
			s.Meetings++
		case DamageAssessed:
			s.DamageVND, s.DamageM2 = e.AmountVND, e.AreaM2
		case AssetsRecovered:
			s.RecoveredVND += e.AmountVND
			s.RecoveredM2 += e.AreaM2
		case WrongfulConviction:
			s.WrongfulConvictions++
		}
		if e.AgencyID != 0 && e.Kind == StageChanged {
			s.AgencyID = e.AgencyID
		}
	}
	return s, nil
}

// changeStage applies a StageChanged event.
func (s *State) changeStage(e Event) *Problem {
	bad := func(key string) *Problem { return &Problem{Field: "stage", Key: key} }
	if s.Stage == Closed {
		return bad("cases.error.case_closed")
	}
	switch e.Stage {
	case Suspended:
		switch s.Stage {
		case NoStage:
			return bad("cases.error.nothing_to_suspend")
		case Suspended:
			return bad("cases.error.already_suspended")
		}
		s.ResumeStage, s.Stage, s.StageSince = s.Stage, Suspended, e.EffectiveOn
		s.Clock.PausedOn = e.EffectiveOn
		return nil
	case Resumed:
		if s.Stage != Suspended {
			return bad("cases.error.not_suspended")
		}
		s.Stage, s.StageSince, s.ResumeStage = s.ResumeStage, e.EffectiveOn, NoStage
		s.Clock.PausedDays += e.EffectiveOn.DaysSince(s.Clock.PausedOn)
		s.Clock.PausedOn = civil.Date{}
		return nil
	}
	if s.Stage == Suspended && e.Stage != Closed {
		return bad("cases.error.suspended")
	}
	switch {
	case e.Stage == ReturnedForInvestigation:
		if r := rank[s.Stage]; r < rank[InvestigationConcluded] || r > rank[AppealTrial] {
			return bad("cases.error.return_not_allowed")
		}
	case rank[e.Stage] <= rank[s.Stage]:
		return bad("cases.error.stage_backwards")
	}
	if p := periodOf(e.Stage); p != s.Clock.Period || e.Stage == ReturnedForInvestigation {
		// Once indicted the file is with the court: its return allows one
		// month of supplementary investigation, the procuracy's two.
		if e.Stage == ReturnedForInvestigation && rank[s.Stage] >= rank[Indicted] {
			p = SupplementaryAfterCourt
		}
		s.Clock = Clock{Period: p, Start: e.EffectiveOn}
	}
	s.Stage, s.StageSince, s.ResumeStage = e.Stage, e.EffectiveOn, NoStage
	switch e.Stage {
	case Prosecuted, Indicted:
		if e.Suspects != nil {
			s.Suspects = *e.Suspects
		}
	case FirstInstanceTrial, AppealTrial:
		if e.Defendants != nil {
			s.Defendants = *e.Defendants
		}
	}
	return nil
}
