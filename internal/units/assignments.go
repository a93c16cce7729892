package units

import (
	"context"
	"database/sql"
	"fmt"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// AssignmentInput assigns a staff member to follow a locality or unit.
type AssignmentInput struct {
	UserID int64
	UnitID int64
	Role   AssignmentRole
	From   civil.Date
	To     civil.Date
	Note   string
}

func (in *AssignmentInput) clean() validate.Errors {
	in.Note = vntext.CleanText(in.Note)
	var errs validate.Errors
	if in.UserID == 0 {
		errs.Add("user_id", "error.required", nil)
	}
	if in.UnitID == 0 {
		errs.Add("unit_id", "error.required", nil)
	}
	if !in.Role.Valid() {
		errs.Add("role", "error.invalid_choice", nil)
	}
	if in.From.IsZero() {
		errs.Add("from", "error.required", nil)
	} else if !in.To.IsZero() && in.To.Before(in.From) {
		errs.Add("to", "error.date_order", map[string]any{"other": vntext.Date(in.From)})
	}
	errs.MaxLen("note", in.Note, maxNote)
	return errs
}

// checkAssignment validates against the database: the user works in the
// organisation, the unit exists on From, and the same assignment does not
// already cover some of the days.
func checkAssignment(ctx context.Context, tx *sql.Tx, orgID, self int64, in AssignmentInput) error {
	var errs validate.Errors
	member, err := isMember(ctx, tx, orgID, in.UserID)
	if err != nil {
		return err
	}
	if !member {
		errs.Add("user_id", "units.error.unknown_user", nil)
	}
	unit, err := newRefs(ctx, tx, orgID, &errs).unit("unit_id", "units.error.unknown_unit", in.UnitID)
	if err != nil || unit == nil {
		if err != nil {
			return err
		}
		return errs.Err()
	}
	if err := lockUnit(ctx, tx, orgID, unit.ID); err != nil {
		return err
	}
	if err := checkAliveOn(ctx, tx, orgID, unit, in.From, "from", "units.error.unit_not_alive", &errs); err != nil {
		return err
	}
	same, err := queryAssignments(ctx, tx, `a.org_id = $1 AND a.user_id = $2 AND a.unit_id = $3 AND a.role = $4 AND a.id <> $5`,
		orgID, in.UserID, in.UnitID, in.Role, self)
	if err != nil {
		return err
	}
	if _, clash := firstOverlap(span{in.From, in.To}, same, func(a Assignment) span { return span{a.From, a.To} }); clash {
		errs.Add("from", "units.error.assignment_overlap", nil)
	}
	return errs.Err()
}

// Assign records that a staff member follows a unit from a date.
func (s *Service) Assign(ctx context.Context, in AssignmentInput) (Assignment, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Assignment{}, err
	}
	if errs := in.clean(); len(errs) > 0 {
		return Assignment{}, errs
	}
	var a Assignment
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := checkAssignment(ctx, tx, actor.OrgID, 0, in); err != nil {
			return err
		}
		a = Assignment{OrgID: actor.OrgID, UserID: in.UserID, UnitID: in.UnitID, Role: in.Role, From: in.From, To: in.To, Note: in.Note}
		if err := insertAssignment(ctx, tx, &a); err != nil {
			return err
		}
		var err error
		if a, err = getAssignment(ctx, tx, actor.OrgID, a.ID); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "assignment", EntityID: a.ID,
			Summary: fmt.Sprintf("Phân công %s %s %s", a.UserName, a.Role, a.UnitName), After: a})
		return err
	})
	return a, err
}

// UpdateAssignment changes an assignment.
func (s *Service) UpdateAssignment(ctx context.Context, id int64, version int, in AssignmentInput) (Assignment, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Assignment{}, err
	}
	if errs := in.clean(); len(errs) > 0 {
		return Assignment{}, errs
	}
	var a Assignment
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getAssignment(ctx, tx, actor.OrgID, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return store.ErrConflict
		}
		if err := checkAssignment(ctx, tx, actor.OrgID, id, in); err != nil {
			return err
		}
		a = Assignment{ID: id, OrgID: actor.OrgID, UserID: in.UserID, UnitID: in.UnitID, Role: in.Role, From: in.From,
			To: in.To, Note: in.Note, Version: version}
		if err := updateAssignment(ctx, tx, &a); err != nil {
			return err
		}
		if a, err = getAssignment(ctx, tx, actor.OrgID, id); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Update, Entity: "assignment", EntityID: id,
			Summary: fmt.Sprintf("Sửa phân công %s %s", a.UserName, a.UnitName), Before: before, After: a})
		return err
	})
	return a, err
}

// EndAssignment closes an assignment: to is its last day.
func (s *Service) EndAssignment(ctx context.Context, id int64, version int, to civil.Date) (Assignment, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Assignment{}, err
	}
	cur, err := getAssignment(ctx, s.db.Read(), actor.OrgID, id)
	if err != nil {
		return Assignment{}, err
	}
	if to.IsZero() {
		var errs validate.Errors
		errs.Add("to", "error.required", nil)
		return Assignment{}, errs
	}
	return s.UpdateAssignment(ctx, id, version, AssignmentInput{UserID: cur.UserID, UnitID: cur.UnitID, Role: cur.Role,
		From: cur.From, To: to, Note: cur.Note})
}

// FollowersOn answers "who follows unit U on date D" (today when zero), for
// routing work and reminders.
func (s *Service) FollowersOn(ctx context.Context, unitID int64, d civil.Date) ([]Assignment, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	return FollowersOn(ctx, s.db.Read(), actor.OrgID, unitID, d)
}

// FollowersOn is the query for other modules inside their own transaction.
func FollowersOn(ctx context.Context, q store.Querier, orgID, unitID int64, d civil.Date) ([]Assignment, error) {
	if d.IsZero() {
		d = civil.Today()
	}
	out, err := queryAssignments(ctx, q, `a.org_id = $1 AND a.unit_id = $2 AND a.starts_on <= $3
		AND (a.ends_on IS NULL OR a.ends_on >= $3)`, orgID, unitID, d)
	if err != nil {
		return nil, err
	}
	vntext.SortFunc(out, func(a Assignment) string { return a.UserName })
	return out, nil
}

// FollowedBy answers "what does user X follow": on d, or every assignment
// ever when d is zero.
func (s *Service) FollowedBy(ctx context.Context, userID int64, d civil.Date) ([]Assignment, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	if d.IsZero() {
		return queryAssignments(ctx, s.db.Read(), `a.org_id = $1 AND a.user_id = $2`, actor.OrgID, userID)
	}
	out, err := queryAssignments(ctx, s.db.Read(), `a.org_id = $1 AND a.user_id = $2 AND a.starts_on <= $3
		AND (a.ends_on IS NULL OR a.ends_on >= $3)`, actor.OrgID, userID, d)
	if err != nil {
		return nil, err
	}
	vntext.SortFunc(out, func(a Assignment) string { return a.UnitName })
	return out, nil
}

// AssignmentFilter selects assignments for ListAssignments.
type AssignmentFilter struct {
	On     civil.Date // in force on this day; zero: every assignment ever recorded
	UserID int64      // 0: everyone
	UnitID int64      // 0: every unit
	Role   AssignmentRole
}

// ListAssignments answers "who follows what": the organisation's
// assignments matching f, by staff member then unit in Vietnamese order.
func (s *Service) ListAssignments(ctx context.Context, f AssignmentFilter) ([]Assignment, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	where := `a.org_id = $1`
	args := []any{actor.OrgID}
	if !f.On.IsZero() {
		args = append(args, f.On)
		where += fmt.Sprintf(` AND a.starts_on <= $%d AND (a.ends_on IS NULL OR a.ends_on >= $%d)`, len(args), len(args))
	}
	if f.UserID != 0 {
		args = append(args, f.UserID)
		where += fmt.Sprintf(` AND a.user_id = $%d`, len(args))
	}
	if f.UnitID != 0 {
		args = append(args, f.UnitID)
		where += fmt.Sprintf(` AND a.unit_id = $%d`, len(args))
	}
	if f.Role != "" {
		args = append(args, f.Role)
		where += fmt.Sprintf(` AND a.role = $%d`, len(args))
	}
	out, err := queryAssignments(ctx, s.db.Read(), where, args...)
	if err != nil {
		return nil, err
	}
	vntext.SortFunc(out, func(a Assignment) string { return a.UnitName })
	vntext.SortFunc(out, func(a Assignment) string { return a.UserName })
	return out, nil
}

// StaffMember is a user of the organisation who may be assigned a locality.
type StaffMember struct {
	UserID   int64
	FullName string
	Username string
	Role     access.Role
}

// Staff lists the organisation's enabled leaders and specialists, the people
// an assignment may name, in Vietnamese order.
func (s *Service) Staff(ctx context.Context) ([]StaffMember, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	out, err := listStaff(ctx, s.db.Read(), actor.OrgID)
	if err != nil {
		return nil, err
	}
	vntext.SortFunc(out, func(m StaffMember) string { return m.FullName })
	return out, nil
}
