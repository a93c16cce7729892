package units

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// SteeringInput gives a seat in a steering committee to a person, to
// whoever holds a post (HolderUnitID + HolderTitle: "the provincial
// secretary chairs it"), or, for the standing agency, to a unit.
type SteeringInput struct {
	CommitteeID   int64
	Role          SteeringRole
	PersonID      int64
	HolderUnitID  int64
	HolderTitle   Title
	AgencyID      int64
	From          civil.Date // zero: since the committee began (not recorded)
	FromPrecision Precision
	To            civil.Date
	Decision      Decision
	Note          string
}

func (in *SteeringInput) clean() validate.Errors {
	in.Note = vntext.CleanText(in.Note)
	cleanDecision(&in.Decision)
	var errs validate.Errors
	if in.CommitteeID == 0 {
		errs.Add("committee_id", "error.required", nil)
	}
	if !in.Role.Valid() {
		errs.Add("role", "error.invalid_choice", nil)
	}
	kinds := 0
	for _, id := range []int64{in.PersonID, in.HolderUnitID, in.AgencyID} {
		if id != 0 {
			kinds++
		}
	}
	switch {
	case kinds != 1:
		errs.Add("person_id", "units.error.one_member_kind", nil)
	case (in.Role == StandingAgency) != (in.AgencyID != 0):
		errs.Add("role", "units.error.agency_role", nil)
	case in.HolderUnitID != 0 && !in.HolderTitle.Valid():
		errs.Add("holder_title", "error.invalid_choice", nil)
	}
	if !in.From.IsZero() && !in.To.IsZero() && in.To.Before(in.From) {
		errs.Add("to", "error.date_order", map[string]any{"other": vntext.Date(in.From)})
	}
	if !in.FromPrecision.Valid() {
		errs.Add("from_precision", "error.invalid_choice", nil)
	}
	errs.MaxLen("note", in.Note, maxNote)
	checkDecision(&errs, "decision_", in.Decision)
	return errs
}

func steeringFrom(orgID int64, in SteeringInput) SteeringMember {
	m := SteeringMember{OrgID: orgID, CommitteeID: in.CommitteeID, Role: in.Role, PersonID: in.PersonID,
		HolderUnitID: in.HolderUnitID, AgencyID: in.AgencyID, From: in.From, FromPrecision: in.FromPrecision.orDay(),
		To: in.To, Decision: in.Decision, Note: in.Note}
	if in.HolderUnitID != 0 {
		m.HolderTitle = in.HolderTitle
	}
	return m
}

// checkSteering validates against the database; self is the seat being edited.
func checkSteering(ctx context.Context, tx *sql.Tx, orgID, self int64, in SteeringInput) error {
	var errs validate.Errors
	r := newRefs(ctx, tx, orgID, &errs)
	committee, err := r.unit("committee_id", "units.error.unknown_unit", in.CommitteeID)
	if err != nil {
		return err
	}
	if committee != nil && committee.Kind != KindSteeringCommittee {
		errs.Add("committee_id", "units.error.not_steering_committee", nil)
	}
	if in.PersonID != 0 {
		if _, err := getPerson(ctx, tx, orgID, in.PersonID); errors.Is(err, store.ErrNotFound) {
			errs.Add("person_id", "units.error.unknown_person", nil)
		} else if err != nil {
			return err
		}
	}
	if _, err := r.unit("holder_unit_id", "units.error.unknown_unit", in.HolderUnitID); err != nil {
		return err
	}
	if _, err := r.unit("agency_id", "units.error.unknown_unit", in.AgencyID); err != nil {
		return err
	}
	if err := r.issuer("decision_", in.Decision); err != nil {
		return err
	}
	if committee == nil || len(errs) > 0 {
		return errs.Err()
	}
	if err := lockUnit(ctx, tx, orgID, committee.ID); err != nil {
		return err
	}
	if !in.From.IsZero() {
		if err := checkAliveOn(ctx, tx, orgID, committee, in.From, "from", "units.error.unit_not_alive", &errs); err != nil {
			return err
		}
	}
	seats, err := listSteering(ctx, tx, orgID, committee.ID)
	if err != nil {
		return err
	}
	seats = slices.DeleteFunc(seats, func(m SteeringMember) bool { return m.ID == self })
	period := span{in.From, in.To}
	spanOf := func(m SteeringMember) span { return span{m.From, m.To} }
	if in.Role.single() {
		sameRole := slices.DeleteFunc(slices.Clone(seats), func(m SteeringMember) bool { return m.Role != in.Role })
		if _, clash := firstOverlap(period, sameRole, spanOf); clash {
			errs.Add("role", "units.error.role_overlap", nil)
		}
	}
	sameSeat := slices.DeleteFunc(slices.Clone(seats), func(m SteeringMember) bool {
		return m.PersonID != in.PersonID || m.HolderUnitID != in.HolderUnitID || m.AgencyID != in.AgencyID ||
			(in.HolderUnitID != 0 && m.HolderTitle != in.HolderTitle)
	})
	if _, clash := firstOverlap(period, sameSeat, spanOf); clash && len(errs) == 0 {
		errs.Add("person_id", "units.error.duplicate_seat", nil)
	}
	return errs.Err()
}

// AddSteeringMember gives a seat in a steering committee.
func (s *Service) AddSteeringMember(ctx context.Context, in SteeringInput) (SteeringMember, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return SteeringMember{}, err
	}
	if errs := in.clean(); len(errs) > 0 {
		return SteeringMember{}, errs
	}
	m := steeringFrom(actor.OrgID, in)
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := checkSteering(ctx, tx, actor.OrgID, 0, in); err != nil {
			return err
		}
		if err := insertSteering(ctx, tx, &m); err != nil {
			return err
		}
		_, err := audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "steering_member", EntityID: m.ID,
			Summary: "Thêm thành viên Ban Chỉ đạo (" + string(m.Role) + ")", After: m})
		return err
	})
	return m, err
}

// UpdateSteeringMember changes a seat.
func (s *Service) UpdateSteeringMember(ctx context.Context, id int64, version int, in SteeringInput) (SteeringMember, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return SteeringMember{}, err
	}
	if errs := in.clean(); len(errs) > 0 {
		return SteeringMember{}, errs
	}
	var m SteeringMember
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getSteering(ctx, tx, actor.OrgID, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return store.ErrConflict
		}
		if err := checkSteering(ctx, tx, actor.OrgID, id, in); err != nil {
			return err
		}
		m = steeringFrom(actor.OrgID, in)
		m.ID, m.Version, m.CreatedAt = id, version, before.CreatedAt
		if err := updateSteering(ctx, tx, &m); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Update, Entity: "steering_member", EntityID: id,
			Summary: "Sửa thành viên Ban Chỉ đạo (" + string(m.Role) + ")", Before: before, After: m})
		return err
	})
	return m, err
}

// SteeringMembers returns every seat a committee ever had.
func (s *Service) SteeringMembers(ctx context.Context, committeeID int64) ([]SteeringMember, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	return listSteering(ctx, s.db.Read(), actor.OrgID, committeeID)
}

// Seat is a steering committee seat on a date, with who filled it.
type Seat struct {
	Member     SteeringMember
	PersonName string     // a person seat
	Holders    []Position // a post seat: the holders of the post on the date (none recorded: empty)
	Agency     *Unit      // the standing agency
}

// Steering is a steering committee's composition on a date.
type Steering struct {
	Committee Unit
	On        civil.Date
	Alive     bool
	Seats     []Seat // by role: chair, permanent deputy, deputies, members, standing agency
}

// SteeringOn returns a steering committee's seats on d (today when zero),
// with the people in post-held seats resolved for that date.
func (s *Service) SteeringOn(ctx context.Context, committeeID int64, d civil.Date) (Steering, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return Steering{}, err
	}
	if d.IsZero() {
		d = civil.Today()
	}
	st := Steering{On: d}
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if st.Committee, err = getUnit(ctx, tx, actor.OrgID, committeeID); err != nil {
			return err
		}
		vs, err := listVersions(ctx, tx, actor.OrgID, committeeID)
		if err != nil {
			return err
		}
		st.Alive = aliveOn(vs, d)
		members, err := listSteering(ctx, tx, actor.OrgID, committeeID)
		if err != nil {
			return err
		}
		for _, m := range members {
			if !(span{m.From, m.To}).contains(d) {
				continue
			}
			seat := Seat{Member: m}
			switch {
			case m.PersonID != 0:
				p, err := getPerson(ctx, tx, actor.OrgID, m.PersonID)
				if err != nil {
					return err
				}
				seat.PersonName = p.FullName
			case m.HolderUnitID != 0:
				if seat.Holders, err = HoldersOn(ctx, tx, actor.OrgID, m.HolderUnitID, m.HolderTitle, d); err != nil {
					return err
				}
			default:
				u, err := getUnit(ctx, tx, actor.OrgID, m.AgencyID)
				if err != nil {
					return err
				}
				seat.Agency = &u
			}
			st.Seats = append(st.Seats, seat)
		}
		return nil
	})
	slices.SortStableFunc(st.Seats, func(a, b Seat) int {
		return slices.Index(SteeringRoles, a.Member.Role) - slices.Index(SteeringRoles, b.Member.Role)
	})
	return st, err
}
