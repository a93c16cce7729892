// Package notify keeps in-app notifications: deadline reminders and other
// messages for one user. A message is an i18n catalog key with JSON
// parameters, rendered in the reader's language when shown.
package notify

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"noichinh/internal/civil"
	"noichinh/internal/store"
)

// Notification is one message to one user.
type Notification struct {
	ID       int64
	OrgID    int64
	UserID   int64
	Kind     string            // "due_soon", "overdue", …: for filtering and icons
	Message  string            // i18n key, e.g. "cases.notify.overdue"
	Params   map[string]string // arguments of the message
	Link     string            // where the message leads, e.g. "/cases/42"
	Entity   string            // "case", "petition", …
	EntityID string
	DueOn    civil.Date
	// UniqueKey makes Add idempotent: a reminder job that runs every hour adds
	// "case:42:overdue:2026-11-20" once. Empty for messages that may repeat.
	UniqueKey string
	CreatedAt time.Time
	ReadAt    *time.Time
}

// Add stores n inside tx unless a notification with the same UniqueKey
// exists. It reports whether a new notification was stored.
func Add(ctx context.Context, tx *sql.Tx, n Notification) (bool, error) {
	params, err := json.Marshal(n.Params)
	if err != nil {
		return false, err
	}
	if n.Params == nil {
		params = []byte("{}")
	}
	var unique any
	if n.UniqueKey != "" {
		unique = n.UniqueKey
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO notifications
		(org_id, user_id, kind, message, params, link, entity, entity_id, due_on, unique_key, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (unique_key) DO NOTHING`,
		n.OrgID, n.UserID, n.Kind, n.Message, string(params), n.Link, n.Entity, n.EntityID, n.DueOn, unique, store.Now())
	if err != nil {
		return false, fmt.Errorf("add notification: %w", err)
	}
	added, _ := res.RowsAffected()
	return added > 0, nil
}

// ForUser lists a user's notifications in one organisation, newest first.
func ForUser(ctx context.Context, q store.Querier, orgID, userID int64, unreadOnly bool, limit int) ([]Notification, error) {
	query := `SELECT id, org_id, user_id, kind, message, params, link, entity, entity_id, due_on, COALESCE(unique_key, ''),
		created_at, read_at FROM notifications WHERE org_id = $1 AND user_id = $2`
	if unreadOnly {
		query += ` AND read_at IS NULL`
	}
	query += ` ORDER BY created_at DESC, id DESC LIMIT $3`
	rows, err := q.QueryContext(ctx, query, orgID, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("list notifications: %w", err)
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var params string
		var read sql.NullTime
		if err := rows.Scan(&n.ID, &n.OrgID, &n.UserID, &n.Kind, &n.Message, &params, &n.Link, &n.Entity, &n.EntityID,
			&n.DueOn, &n.UniqueKey, &n.CreatedAt, &read); err != nil {
			return nil, err
		}
		_ = json.Unmarshal([]byte(params), &n.Params)
		if read.Valid {
			n.ReadAt = &read.Time
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Unread counts a user's unread notifications in one organisation.
func Unread(ctx context.Context, q store.Querier, orgID, userID int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE org_id = $1 AND user_id = $2 AND read_at IS NULL`,
		orgID, userID).Scan(&n)
	return n, err
}

// MarkRead marks one of the user's notifications read (id 0: all of them).
func MarkRead(ctx context.Context, tx *sql.Tx, orgID, userID, id int64) error {
	q := `UPDATE notifications SET read_at = $1 WHERE org_id = $2 AND user_id = $3 AND read_at IS NULL`
	args := []any{store.Now(), orgID, userID}
	if id != 0 {
		q += ` AND id = $4`
		args = append(args, id)
	}
	_, err := tx.ExecContext(ctx, q, args...)
	return err
}
