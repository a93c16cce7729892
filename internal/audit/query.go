package audit

import (
	"context"
	"fmt"
	"strings"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/store"
)

// Filter selects audit entries for the administrator's page.
type Filter struct {
	Actor    string    // username, exact
	Entity   string    // "case", "user", …
	EntityID string    // with Entity: one record
	Action   string    // exact
	From, To time.Time // inclusive bounds on the time; zero: open
	Page     int       // 1-based
	PerPage  int
}

// Page of entries.
type Page struct {
	Entries []Entry
	Total   int
	Page    int
	Pages   int
}

// Search lists the entries of the administrator's organisation (and the
// sign-ins of its members), newest first. It needs audit.read.
func Search(ctx context.Context, db *store.DB, f Filter) (*Page, error) {
	actor, err := access.Check(ctx, access.AuditRead)
	if err != nil {
		return nil, err
	}
	f.PerPage = min(max(f.PerPage, 10), 200)
	f.Page = max(f.Page, 1)
	var where []string
	args := []any{actor.OrgID}
	where = append(where, `(org_id = $1 OR (org_id IS NULL AND actor_id IN (SELECT user_id FROM memberships WHERE org_id = $1)))`)
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Actor != "" {
		add("actor_name = $%d", strings.ToLower(strings.TrimSpace(f.Actor)))
	}
	if f.Entity != "" {
		add("entity = $%d", f.Entity)
	}
	if f.EntityID != "" {
		add("entity_id = $%d", f.EntityID)
	}
	if f.Action != "" {
		add("action = $%d", f.Action)
	}
	if !f.From.IsZero() {
		add("at >= $%d", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at <= $%d", f.To.UTC())
	}
	cond := strings.Join(where, " AND ")
	p := &Page{Page: f.Page}
	if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE `+cond, args...).Scan(&p.Total); err != nil {
		return nil, fmt.Errorf("count audit entries: %w", err)
	}
	p.Pages = (p.Total + f.PerPage - 1) / f.PerPage
	args = append(args, f.PerPage, (f.Page-1)*f.PerPage)
	rows, err := db.Read().QueryContext(ctx, `SELECT seq, at, org_id, actor_id, actor_name, action, entity, entity_id,
		summary, before_json, after_json, remote_addr, request_id, prev_hash, hash FROM audit_log WHERE `+cond+
		fmt.Sprintf(` ORDER BY seq DESC LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("list audit entries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		p.Entries = append(p.Entries, e)
	}
	return p, rows.Err()
}
