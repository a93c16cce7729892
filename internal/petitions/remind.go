package petitions

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/notify"
	"noichinh/internal/store"
)

// DueItem is an open deadline: a petition's step or a session's written answer.
type DueItem struct {
	Entity     string     `json:"entity"` // "petition" or "reception_session"
	ID         int64      `json:"id"`
	RefCode    string     `json:"ref_code,omitempty"` // petitions
	HeldOn     civil.Date `json:"held_on,omitzero"`   // sessions
	Summary    string     `json:"summary,omitempty"`
	Step       Step       `json:"step"`
	LimitCode  string     `json:"limit_code"`
	DueOn      civil.Date `json:"due_on"`
	Overdue    bool       `json:"overdue"`
	AssignedTo int64      `json:"assigned_to,omitempty"`
}

// DueQuery selects open deadlines due by Today + Within days (overdue ones
// included). AssignedTo 0 lists everyone's (the leaders' view); a
// specialist's own list passes their user id.
type DueQuery struct {
	AssignedTo int64 `json:"assigned_to,omitempty"`
	Within     int   `json:"within,omitempty"` // days ahead; 0 means DueSoonDays
}

// DueList returns the open deadlines of the query, earliest first.
func (s *Service) DueList(ctx context.Context, q DueQuery) ([]DueItem, error) {
	actor, err := access.Check(ctx, access.PetitionsRead)
	if err != nil {
		return nil, err
	}
	if q.Within <= 0 {
		q.Within = DueSoonDays
	}
	today := s.Today()
	var out []DueItem
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		out, err = openDeadlines(ctx, tx, actor.OrgID, actor.Clearance, q.AssignedTo, today.AddDays(q.Within))
		return err
	})
	for i := range out {
		out[i].Overdue = out[i].DueOn.Before(today)
	}
	return out, err
}

// openDeadlines lists the open deadlines of org due by until, visible at
// clearance, of one assignee or all (assignee 0), earliest first.
func openDeadlines(ctx context.Context, q store.Querier, orgID int64, clearance access.Classification, assignee int64, until civil.Date) ([]DueItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT 'petition', p.id, p.ref_code, NULL, p.summary, d.step, d.limit_code, d.due_on, p.assigned_to
		FROM petition_deadlines d JOIN petitions p ON p.id = d.petition_id
		WHERE d.org_id = $1 AND d.closed_on IS NULL AND d.due_on <= $2 AND p.classification <= $3
		  AND ($4 = 0 OR p.assigned_to = $4)
		UNION ALL
		SELECT 'reception_session', s.id, '', s.held_on, s.place, 'secretary_reply', s.reply_limit_code, s.reply_due_on, s.assigned_to
		FROM reception_sessions s
		WHERE s.org_id = $1 AND s.replied_on IS NULL AND s.reply_due_on <= $2 AND s.classification <= $3
		  AND ($4 = 0 OR s.assigned_to = $4)
		ORDER BY 8, 1, 2`, orgID, until, clearance, assignee)
	if err != nil {
		return nil, fmt.Errorf("open deadlines: %w", err)
	}
	defer rows.Close()
	var out []DueItem
	for rows.Next() {
		var it DueItem
		var assigned sql.NullInt64
		if err := rows.Scan(&it.Entity, &it.ID, &it.RefCode, &it.HeldOn, &it.Summary, &it.Step, &it.LimitCode,
			&it.DueOn, &assigned); err != nil {
			return nil, err
		}
		it.AssignedTo = assigned.Int64
		out = append(out, it)
	}
	return out, rows.Err()
}

// Remind adds in-app reminders for every open deadline due within
// DueSoonDays of today or past due, in every organisation: to the assigned
// specialist and to the organisation's leaders whose clearance covers the
// record. It may run any number of times: each reminder is added once per
// deadline, state (due soon, overdue) and due day. It returns how many
// notifications were added.
func Remind(ctx context.Context, db *store.DB, today civil.Date) (int, error) {
	orgIDs, err := orgsWithDeadlines(ctx, db.Read(), today.AddDays(DueSoonDays))
	if err != nil {
		return 0, err
	}
	added := 0
	for _, orgID := range orgIDs {
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			items, err := openDeadlines(ctx, tx, orgID, access.MostSecret, 0, today.AddDays(DueSoonDays))
			if err != nil {
				return err
			}
			leaders, err := leadersOf(ctx, tx, orgID)
			if err != nil {
				return err
			}
			for _, it := range items {
				n, err := remindOne(ctx, tx, orgID, it, today, leaders)
				if err != nil {
					return err
				}
				added += n
			}
			return nil
		})
		if err != nil {
			return added, fmt.Errorf("petition reminders of organisation %d: %w", orgID, err)
		}
	}
	return added, nil
}

type leader struct {
	id        int64
	clearance access.Classification
}

func remindOne(ctx context.Context, tx *sql.Tx, orgID int64, it DueItem, today civil.Date, leaders []leader) (int, error) {
	classification, err := classificationOf(ctx, tx, it)
	if err != nil {
		return 0, err
	}
	state := "due_soon"
	if it.DueOn.Before(today) {
		state = "overdue"
	}
	recipients := map[int64]bool{}
	if it.AssignedTo != 0 {
		recipients[it.AssignedTo] = true
	}
	for _, l := range leaders {
		if l.clearance >= classification {
			recipients[l.id] = true
		}
	}
	n := notify.Notification{OrgID: orgID, Kind: state, Entity: it.Entity, EntityID: strconv.FormatInt(it.ID, 10),
		DueOn: it.DueOn, Params: map[string]string{"ref": it.RefCode, "due": it.DueOn.String(), "held": it.HeldOn.String()}}
	if it.Entity == "petition" {
		n.Message = fmt.Sprintf("petitions.notify.%s.%s", state, it.Step)
		n.Link = fmt.Sprintf("/petitions/%d", it.ID)
	} else {
		n.Message = "petitions.notify." + state + ".session_reply"
		n.Link = fmt.Sprintf("/petitions/sessions/%d", it.ID)
	}
	added := 0
	for uid := range recipients {
		n.UserID = uid
		n.UniqueKey = fmt.Sprintf("%s:%d:%s:%s:%s:user:%d", it.Entity, it.ID, it.Step, state, it.DueOn, uid)
		ok, err := notify.Add(ctx, tx, n)
		if err != nil {
			return added, err
		}
		if ok {
			added++
		}
	}
	return added, nil
}

func classificationOf(ctx context.Context, q store.Querier, it DueItem) (access.Classification, error) {
	table := "petitions"
	if it.Entity == "reception_session" {
		table = "reception_sessions"
	}
	var c access.Classification
	err := q.QueryRowContext(ctx, `SELECT classification FROM `+table+` WHERE id = $1`, it.ID).Scan(&c)
	return c, err
}

func leadersOf(ctx context.Context, q store.Querier, orgID int64) ([]leader, error) {
	rows, err := q.QueryContext(ctx, `SELECT u.id, u.clearance FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.org_id = $1 AND m.role = 'leader' AND u.disabled_at IS NULL ORDER BY u.id`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []leader
	for rows.Next() {
		var l leader
		if err := rows.Scan(&l.id, &l.clearance); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func orgsWithDeadlines(ctx context.Context, q store.Querier, until civil.Date) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT org_id FROM petition_deadlines WHERE closed_on IS NULL AND due_on <= $1
		UNION SELECT org_id FROM reception_sessions WHERE replied_on IS NULL AND reply_due_on <= $1 ORDER BY 1`, until)
	if err != nil {
		return nil, fmt.Errorf("organisations with deadlines: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
