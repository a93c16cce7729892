package cases

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Level filters of the list besides the two levels.
const (
	OnAnyList = "any"  // on either list
	OnNoList  = "none" // on no list
)

// Filter selects cases for a list. Zero fields do not filter.
type Filter struct {
	Level      string // "monitored", "directed", OnAnyList, OnNoList
	Group      Group  // a category, or InternalAffairs
	Stage      Stage
	Kind       Kind
	Field      Field
	Flags      []Flag // every one of them
	AssigneeID int64
	LocalityID int64
	AgencyID   int64
	// Overdue: due before today. DueWithin > 0: due from today to today +
	// DueWithin days. Both together: either.
	Overdue   bool
	DueWithin int
	// Date ranges, inclusive.
	OpenedFrom, OpenedTo       civil.Date
	LastEventFrom, LastEventTo civil.Date
	Query                      string  // words, each must occur (tone marks ignored)
	IDs                        []int64 // the cases behind a figure
	Sort                       string  // a Sorts key; default last_event_on, newest first
	Desc                       bool
	Limit, Offset              int
}

// Sorts are the list's sort keys and their columns.
var Sorts = map[string]string{
	"ref_code": "c.ref_code", "title": "c.title_sort", "opened_on": "c.opened_on", "due_on": "c.due_on",
	"last_event_on": "c.last_event_on", "stage_since": "c.stage_since", "watch_since": "c.watch_since",
	"damage_vnd": "c.damage_vnd",
}

// Page is one page of a list and the total number of matching cases.
type Page struct {
	Cases         []*Case
	Total         int
	Limit, Offset int
}

const (
	defaultLimit = 50
	maxLimit     = 500
)

// List returns the cases of the actor's organisation, within its clearance,
// that match f. In list rows the State carries the stored columns (level,
// stage, deadline, totals), not the fold's clock.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	actor, err := access.Check(ctx, access.CasesRead)
	if err != nil {
		return nil, err
	}
	where, args, errs := s.listWhere(actor, f)
	if len(errs) > 0 {
		return nil, errs
	}
	order, errs := orderBy(f)
	if len(errs) > 0 {
		return nil, errs
	}
	page := &Page{Limit: f.Limit, Offset: max(f.Offset, 0)}
	if page.Limit <= 0 {
		page.Limit = defaultLimit
	}
	page.Limit = min(page.Limit, maxLimit)
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM cases c WHERE `+where, args...).Scan(&page.Total); err != nil {
			return fmt.Errorf("count cases: %w", err)
		}
		// The page's ids first: filtering and sorting read only the
		// cases_list index; then the full rows of this page.
		n := len(args)
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT c.id FROM cases c WHERE %s ORDER BY %s LIMIT $%d OFFSET $%d`,
			where, order, n+1, n+2), append(args, page.Limit, page.Offset)...)
		if err != nil {
			return fmt.Errorf("list cases: %w", err)
		}
		var ids []any
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(ids) == 0 {
			return err
		}
		rows, err = tx.QueryContext(ctx, caseSelect+` WHERE c.id IN (`+placeholders(1, len(ids))+`)`, ids...)
		if err != nil {
			return fmt.Errorf("list cases: %w", err)
		}
		defer rows.Close()
		byID := make(map[int64]*Case, len(ids))
		for rows.Next() {
			c, err := scanCase(rows)
			if err != nil {
				return err
			}
			byID[c.ID] = c
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			if c := byID[id.(int64)]; c != nil {
				page.Cases = append(page.Cases, c)
			}
		}
		return loadLinks(ctx, tx, page.Cases)
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

// listWhere builds the WHERE clause of f; org and clearance always apply.
func (s *Service) listWhere(actor *access.Actor, f Filter) (string, []any, validate.Errors) {
	var errs validate.Errors
	conds := []string{"c.org_id = $1", "c.classification <= $2"}
	args := []any{actor.OrgID, actor.Clearance}
	add := func(cond string, vals ...any) {
		for _, v := range vals {
			args = append(args, v)
			cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(args)), 1)
		}
		conds = append(conds, cond)
	}
	switch f.Level {
	case "":
	case OnAnyList:
		add("c.watch_level <> ''")
	case OnNoList:
		add("c.watch_level = ''")
	default:
		if !Level(f.Level).Valid() {
			errs.Add("level", "error.invalid_choice", nil)
		}
		add("c.watch_level = ?", f.Level)
	}
	switch {
	case f.Group == "" || f.Group == AllCases:
	case f.Group == InternalAffairs:
		add("c.cat_corruption = FALSE")
	case Category(f.Group).Valid():
		add("c." + categoryColumn[Category(f.Group)] + " = TRUE")
	default:
		errs.Add("group", "error.invalid_choice", nil)
	}
	if f.Stage != NoStage {
		if !f.Stage.Valid() {
			errs.Add("stage", "error.invalid_choice", nil)
		}
		add("c.stage = ?", f.Stage)
	}
	if f.Kind != "" {
		if !f.Kind.Valid() {
			errs.Add("kind", "error.invalid_choice", nil)
		}
		add("c.kind = ?", f.Kind)
	}
	if f.Field != "" {
		if !f.Field.Valid() {
			errs.Add("field", "error.invalid_choice", nil)
		}
		add("c.field = ?", f.Field)
	}
	for _, fl := range f.Flags {
		if !fl.Valid() {
			errs.Add("flags", "error.invalid_choice", nil)
			continue
		}
		add("c." + flagColumn(fl) + " = TRUE")
	}
	if f.AssigneeID != 0 {
		// A specialist's few hundred cases, from the assignees index.
		add("c.id IN (SELECT a.case_id FROM case_assignees a WHERE a.user_id = ?)", f.AssigneeID)
	}
	if f.LocalityID != 0 {
		add("c.locality_id = ?", f.LocalityID)
	}
	if f.AgencyID != 0 {
		add("c.agency_id = ?", f.AgencyID)
	}
	today := s.today()
	switch {
	case f.Overdue && f.DueWithin > 0:
		add("c.due_on <= ?", today.AddDays(f.DueWithin))
	case f.Overdue:
		add("c.due_on < ?", today)
	case f.DueWithin > 0:
		add("c.due_on >= ? AND c.due_on <= ?", today, today.AddDays(f.DueWithin))
	case f.DueWithin < 0:
		errs.Add("due_within", "error.negative", nil)
	}
	dateRange := func(col, field string, from, to civil.Date) {
		if !from.IsZero() {
			add(col+" >= ?", from)
		}
		if !to.IsZero() {
			add(col+" <= ?", to)
		}
		if !from.IsZero() && !to.IsZero() && to.Before(from) {
			errs.Add(field, "error.date_order", map[string]any{"other": vntext.Date(from)})
		}
	}
	dateRange("c.opened_on", "opened_to", f.OpenedFrom, f.OpenedTo)
	dateRange("c.last_event_on", "last_event_to", f.LastEventFrom, f.LastEventTo)
	for _, word := range strings.Fields(vntext.Fold(f.Query)) {
		add("c.search_text LIKE ?", "%"+word+"%")
	}
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			conds = append(conds, "1 = 0") // an empty figure lists nothing
		} else {
			marks := make([]string, len(f.IDs))
			for i, id := range f.IDs {
				args = append(args, id)
				marks[i] = fmt.Sprintf("$%d", len(args))
			}
			conds = append(conds, "c.id IN ("+strings.Join(marks, ", ")+")")
		}
	}
	return strings.Join(conds, " AND "), args, errs
}

// orderBy is the ORDER BY clause: the sort key (empty dates last in either
// direction), then the id so that pages never overlap.
func orderBy(f Filter) (string, validate.Errors) {
	key := f.Sort
	desc := f.Desc
	if key == "" {
		key, desc = "last_event_on", true
		if f.Overdue || f.DueWithin > 0 {
			key, desc = "due_on", false
		}
	}
	col, ok := Sorts[key]
	if !ok {
		return "", validate.Errors{{Field: "sort", Key: "error.invalid_choice"}}
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	return fmt.Sprintf("(%s IS NULL), %s%s, c.id%s", col, col, dir, dir), nil
}

// DueLists returns the two deadline lists of the cases on a watch list,
// most urgent first: those whose current stage is overdue, and those due
// within the next `within` days. assigneeID narrows them to one
// specialist's cases; 0 gives the whole organisation's (the leaders' view).
func (s *Service) DueLists(ctx context.Context, assigneeID int64, within, limit int) (overdue, dueSoon *Page, err error) {
	base := Filter{Level: OnAnyList, AssigneeID: assigneeID, Sort: "due_on", Limit: limit}
	o, d := base, base
	o.Overdue = true
	d.DueWithin = max(within, 1)
	if overdue, err = s.List(ctx, o); err != nil {
		return nil, nil, err
	}
	if dueSoon, err = s.List(ctx, d); err != nil {
		return nil, nil, err
	}
	return overdue, dueSoon, nil
}
