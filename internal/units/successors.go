package units

import (
	"context"
	"database/sql"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/civil"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// SuccessorInput maps a former unit to a unit that took over its territory
// or role. The mapping is reference data: an administrator completes it.
type SuccessorInput struct {
	UnitID      int64
	SuccessorID int64
	EffectiveOn civil.Date
	Basis       string
	Note        string
}

func (in *SuccessorInput) clean() validate.Errors {
	in.Basis, in.Note = vntext.Clean(in.Basis), vntext.CleanText(in.Note)
	var errs validate.Errors
	if in.UnitID == 0 {
		errs.Add("unit_id", "error.required", nil)
	}
	if in.SuccessorID == 0 {
		errs.Add("successor_id", "error.required", nil)
	} else if in.SuccessorID == in.UnitID {
		errs.Add("successor_id", "units.error.self_reference", nil)
	}
	errs.MaxLen("basis", in.Basis, 100)
	errs.MaxLen("note", in.Note, maxNote)
	return errs
}

// addSuccessor validates against the database and writes; added is false
// when the pair was already recorded.
func addSuccessor(ctx context.Context, tx *sql.Tx, orgID int64, in SuccessorInput) (Successor, bool, error) {
	var errs validate.Errors
	r := newRefs(ctx, tx, orgID, &errs)
	if _, err := r.unit("unit_id", "units.error.unknown_unit", in.UnitID); err != nil {
		return Successor{}, false, err
	}
	succ, err := r.unit("successor_id", "units.error.unknown_unit", in.SuccessorID)
	if err != nil {
		return Successor{}, false, err
	}
	if succ != nil && !in.EffectiveOn.IsZero() {
		if err := checkAliveOn(ctx, tx, orgID, succ, in.EffectiveOn, "successor_id", "units.error.unit_not_alive", &errs); err != nil {
			return Successor{}, false, err
		}
	}
	if len(errs) > 0 {
		return Successor{}, false, errs
	}
	s := Successor{UnitID: in.UnitID, SuccessorID: in.SuccessorID, EffectiveOn: in.EffectiveOn, Basis: in.Basis,
		Note: in.Note, SuccessorName: succ.Name, SuccessorCode: succ.Code}
	added, err := insertSuccessor(ctx, tx, orgID, &s)
	return s, added, err
}

// AddSuccessor records that successor took over from a former unit.
func (s *Service) AddSuccessor(ctx context.Context, in SuccessorInput) (Successor, error) {
	actor, err := access.Check(ctx, access.SettingsAdmin)
	if err != nil {
		return Successor{}, err
	}
	if errs := in.clean(); len(errs) > 0 {
		return Successor{}, errs
	}
	var out Successor
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var added bool
		var err error
		out, added, err = addSuccessor(ctx, tx, actor.OrgID, in)
		if err != nil {
			return err
		}
		if !added {
			var errs validate.Errors
			errs.Add("successor_id", "units.error.duplicate_successor", nil)
			return errs
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "unit_successor", EntityID: in.UnitID,
			Summary: "Thêm đơn vị kế thừa " + out.SuccessorName, After: out})
		return err
	})
	return out, err
}

// RemoveSuccessor deletes a mapping row (reference data, not history: the
// audit log keeps what it was).
func (s *Service) RemoveSuccessor(ctx context.Context, id int64) error {
	actor, err := access.Check(ctx, access.SettingsAdmin)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := deleteSuccessor(ctx, tx, actor.OrgID, id)
		if err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Delete, Entity: "unit_successor", EntityID: before.UnitID,
			Summary: "Xóa liên kết đơn vị kế thừa", Before: before})
		return err
	})
}
