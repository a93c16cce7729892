package units

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/validate"
)

// Records entered by mistake can be deleted; the audit log keeps what they
// were. Units and their events cannot: a unit's history is corrected by
// events (EventInput.CorrectsID).

// DeletePosition removes a term recorded by mistake.
func (s *Service) DeletePosition(ctx context.Context, id int64, version int) error {
	return s.deleteRecord(ctx, "positions", "position", id, version, nil, func(q store.Querier, orgID int64) (any, error) {
		return getPosition(ctx, q, orgID, id)
	})
}

// DeleteAssignment removes an assignment recorded by mistake (one that
// merely ended is ended with EndAssignment).
func (s *Service) DeleteAssignment(ctx context.Context, id int64, version int) error {
	return s.deleteRecord(ctx, "assignments", "assignment", id, version, nil, func(q store.Querier, orgID int64) (any, error) {
		return getAssignment(ctx, q, orgID, id)
	})
}

// DeleteSteeringMember removes a seat recorded by mistake.
func (s *Service) DeleteSteeringMember(ctx context.Context, id int64, version int) error {
	return s.deleteRecord(ctx, "steering_members", "steering_member", id, version, nil, func(q store.Querier, orgID int64) (any, error) {
		return getSteering(ctx, q, orgID, id)
	})
}

// DeleteCongress removes a congress recorded by mistake; refused while a
// term names it.
func (s *Service) DeleteCongress(ctx context.Context, id int64, version int) error {
	return s.deleteRecord(ctx, "congresses", "congress", id, version, nil, func(q store.Querier, orgID int64) (any, error) {
		return getCongress(ctx, q, orgID, id)
	})
}

// DeletePerson removes a person recorded by mistake; refused while a term
// or a steering seat names them.
func (s *Service) DeletePerson(ctx context.Context, id int64, version int) error {
	// The search entry goes with the person, in the same transaction.
	unindex := func(tx *sql.Tx, orgID int64) error {
		return search.Delete(ctx, tx, orgID, PersonSearchKind.Name, strconv.FormatInt(id, 10))
	}
	return s.deleteRecord(ctx, "people", "person", id, version, unindex, func(q store.Querier, orgID int64) (any, error) {
		return getPerson(ctx, q, orgID, id)
	})
}

// deleteRecord deletes one row of table if version is current, in an
// audited transaction; a row other records refer to is refused with
// units.error.in_use. after (if not nil) runs in the same transaction once
// the row is gone.
func (s *Service) deleteRecord(ctx context.Context, table, entity string, id int64, version int,
	after func(tx *sql.Tx, orgID int64) error, get func(q store.Querier, orgID int64) (any, error)) error {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := get(tx, actor.OrgID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = $1 AND org_id = $2 AND version = $3`,
			id, actor.OrgID, version)
		if store.IsForeignKeyViolation(err) {
			var errs validate.Errors
			errs.Add("", "units.error.in_use", nil)
			return errs
		}
		if err != nil {
			return fmt.Errorf("delete %s: %w", entity, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return store.ErrConflict
		}
		if after != nil {
			if err := after(tx, actor.OrgID); err != nil {
				return err
			}
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Delete, Entity: entity, EntityID: id,
			Summary: "Xóa " + entity + " ghi nhầm", Before: before})
		return err
	})
}
