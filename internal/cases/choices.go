package cases

import (
	"context"
	"fmt"
	"slices"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// UnitChoice is a unit of the organisation as the forms and filters offer
// it: localities, agencies and the other bodies a case involves.
type UnitChoice struct {
	ID      int64
	Kind    string // units.Kind
	Name    string
	ValidTo civil.Date // zero while the unit exists
}

// Choices are what the case forms and list filters offer to pick from.
type Choices struct {
	Units  []UnitChoice // by kind, then name
	People []Person     // who may be assigned: active specialists and leaders, by name
}

// Choices returns the organisation's units and the people cases may be
// assigned to.
func (s *Service) Choices(ctx context.Context) (*Choices, error) {
	actor, err := access.Check(ctx, access.CasesRead)
	if err != nil {
		return nil, err
	}
	out := &Choices{}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT id, kind, name, valid_to FROM units WHERE org_id = $1`, actor.OrgID)
	if err != nil {
		return nil, fmt.Errorf("case choices: units: %w", err)
	}
	for rows.Next() {
		var u UnitChoice
		if err := rows.Scan(&u.ID, &u.Kind, &u.Name, &u.ValidTo); err != nil {
			rows.Close()
			return nil, err
		}
		out.Units = append(out.Units, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(out.Units, func(a, b UnitChoice) int {
		if a.Kind != b.Kind {
			if a.Kind < b.Kind {
				return -1
			}
			return 1
		}
		return vntext.Compare(a.Name, b.Name)
	})
	rows, err = s.db.Read().QueryContext(ctx, `SELECT u.id, u.full_name FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.org_id = $1 AND m.role IN ('specialist', 'leader') AND u.disabled_at IS NULL`, actor.OrgID)
	if err != nil {
		return nil, fmt.Errorf("case choices: people: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p Person
		if err := rows.Scan(&p.UserID, &p.FullName); err != nil {
			return nil, err
		}
		out.People = append(out.People, p)
	}
	slices.SortFunc(out.People, func(a, b Person) int { return vntext.Compare(a.FullName, b.FullName) })
	return out, rows.Err()
}

// Rule returns the version of the time limit a deadline was computed under
// (its code and EffectiveFrom), for showing its name, source and
// extensions; false when the deadline names none, or the table no longer
// has it.
func (s *Service) Rule(d Deadline) (calendar.Limit, bool) {
	if d.LimitCode == "" || d.LimitFrom.IsZero() {
		return calendar.Limit{}, false
	}
	l, err := s.deadlines.Limits.Version(d.LimitCode, d.LimitFrom)
	if err != nil {
		return calendar.Limit{}, false
	}
	return l, true
}

// Today is the service's today: the day "overdue" and "due soon" are
// judged on.
func (s *Service) Today() civil.Date { return s.today() }

// CheckInput reports the problems of a case form that can be seen without
// the database, as Create (creating) or Update would, without saving
// anything: a form whose other fields could not even be read (a date that is
// no date) still shows every problem at once.
func (s *Service) CheckInput(ctx context.Context, in Input, creating bool) validate.Errors {
	actor := access.FromContext(ctx)
	in.Documents = slices.Clone(in.Documents)
	return checkInput(&in, actor, creating, s.today())
}

// CheckEvent reports the problems of an event form that can be seen without
// the case's history, as Record would, without saving anything.
func (s *Service) CheckEvent(in EventInput) validate.Errors {
	in.Details.Participants = slices.Clone(in.Details.Participants)
	return checkEvent(&in, s.today())
}
