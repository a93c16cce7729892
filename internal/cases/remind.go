package cases

import (
	"context"
	"database/sql"
	"fmt"

	"noichinh/internal/civil"
	"noichinh/internal/notify"
	"noichinh/internal/store"
	"noichinh/internal/vntext"
)

// DueSoonDays is how many days ahead a deadline counts as due soon in
// reminders.
const DueSoonDays = 7

// Remind adds in-app reminders for the deadlines of cases on a watch list,
// in every organisation: "due soon" (within DueSoonDays) and "overdue" to
// the assigned specialists, and "overdue" to the organisation's leaders.
// Only users cleared for the case are told (the message names it). It is
// idempotent: a reminder for the same case, due date, kind and user is
// added once, however often the job runs. It returns how many were added.
func Remind(ctx context.Context, db *store.DB, today civil.Date) (int, error) {
	type reminder struct {
		caseID, orgID, userID int64
		ref                   string
		due                   civil.Date
	}
	var list []reminder
	read := func(q string, args ...any) error {
		rows, err := db.Read().QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("reminders: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r reminder
			if err := rows.Scan(&r.caseID, &r.orgID, &r.ref, &r.due, &r.userID); err != nil {
				return err
			}
			list = append(list, r)
		}
		return rows.Err()
	}
	const due = `c.watch_level <> '' AND c.deadline_status = 'running' AND u.disabled_at IS NULL
		AND u.clearance >= c.classification`
	if err := read(`SELECT c.id, c.org_id, c.ref_code, c.due_on, u.id FROM cases c
		JOIN case_assignees a ON a.case_id = c.id JOIN users u ON u.id = a.user_id
		WHERE `+due+` AND c.due_on <= $1`, today.AddDays(DueSoonDays)); err != nil {
		return 0, err
	}
	if err := read(`SELECT c.id, c.org_id, c.ref_code, c.due_on, u.id FROM cases c
		JOIN memberships m ON m.org_id = c.org_id AND m.role = 'leader' JOIN users u ON u.id = m.user_id
		WHERE `+due+` AND c.due_on < $1`, today); err != nil {
		return 0, err
	}
	added := 0
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		for _, r := range list {
			kind, msg := "due_soon", "cases.notify.due_soon"
			if r.due.Before(today) {
				kind, msg = "overdue", "cases.notify.overdue"
			}
			ok, err := notify.Add(ctx, tx, notify.Notification{
				OrgID: r.orgID, UserID: r.userID, Kind: kind, Message: msg,
				Params: map[string]string{"ref": r.ref, "due": vntext.Date(r.due)},
				Link:   caseLink(r.caseID), Entity: "case", EntityID: fmt.Sprint(r.caseID), DueOn: r.due,
				UniqueKey: fmt.Sprintf("case:%d:%s:%s:user:%d", r.caseID, kind, r.due, r.userID),
			})
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		return nil
	})
	return added, err
}
