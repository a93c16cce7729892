package petitions

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/vntext"
)

// Filter selects petitions for a list, a drill-down or an export. Zero
// fields do not filter.
type Filter struct {
	IDs            []int64    `json:"ids,omitempty"`  // drill-down: only these
	Text           string     `json:"text,omitempty"` // part of the number, summary or person complained of
	Kinds          []Kind     `json:"kinds,omitempty"`
	Statuses       []Status   `json:"statuses,omitempty"`
	Channel        Channel    `json:"channel,omitempty"`
	Signer         Signer     `json:"signer,omitempty"`
	Field          Field      `json:"field,omitempty"`
	LocalityUnitID int64      `json:"locality_unit_id,omitempty"`
	AssignedTo     int64      `json:"assigned_to,omitempty"`
	ComplexOnly    bool       `json:"complex_only,omitempty"`
	ReceivedFrom   civil.Date `json:"received_from,omitzero"`
	ReceivedTo     civil.Date `json:"received_to,omitzero"`
	Due            DueState   `json:"due,omitempty"`
	Sort           Sort       `json:"sort,omitempty"`
	Page           int        `json:"page,omitempty"`     // from 1
	PerPage        int        `json:"per_page,omitempty"` // default 50, at most 500
}

// DueState selects petitions by their next deadline.
type DueState string

const (
	Overdue DueState = "overdue"  // next deadline before today
	DueSoon DueState = "due_soon" // next deadline today or within DueSoonDays
)

// DueSoonDays is how many days ahead a deadline counts as due soon.
const DueSoonDays = 5

// Sort orders a list.
type Sort string

const (
	SortReceivedDesc Sort = ""             // newest first (default)
	SortReceivedAsc  Sort = "received_asc" // oldest first
	SortDue          Sort = "due"          // petitions with an open deadline, the nearest first
	SortRef          Sort = "ref"          // by number
)

var sortSQL = map[Sort]string{
	SortReceivedDesc: "p.received_on DESC, p.id DESC",
	SortReceivedAsc:  "p.received_on, p.id",
	SortDue:          "p.next_due_on, p.id",
	SortRef:          "p.ref_code",
}

// Item is a petition as a list shows it: no content, the senders masked.
type Item struct {
	ID               int64                 `json:"id"`
	RefCode          string                `json:"ref_code"`
	ReceivedOn       civil.Date            `json:"received_on"`
	Channel          Channel               `json:"channel"`
	Signer           Signer                `json:"signer"`
	Senders          string                `json:"senders"` // MaskedSenderLabel
	Kind             Kind                  `json:"kind"`
	Field            Field                 `json:"field"`
	Summary          string                `json:"summary"`
	SubjectName      string                `json:"subject_name"`
	LocalityUnitID   int64                 `json:"locality_unit_id,omitempty"`
	ComplexProlonged bool                  `json:"complex_prolonged"`
	Repeated         bool                  `json:"repeated"`
	Classification   access.Classification `json:"classification"`
	Status           Status                `json:"status"`
	TargetUnitID     int64                 `json:"target_unit_id,omitempty"`
	AssignedTo       int64                 `json:"assigned_to,omitempty"`
	NextDueOn        civil.Date            `json:"next_due_on,omitzero"`
	NextDueStep      Step                  `json:"next_due_step,omitempty"`
	Version          int                   `json:"version"`
}

const itemColumns = `p.id, p.ref_code, p.received_on, p.channel, p.signer, p.kind, p.field, p.summary, p.subject_name,
	p.locality_unit_id, p.complex_prolonged, p.repeated, p.classification, p.status, p.target_unit_id, p.assigned_to,
	p.next_due_on, p.next_due_step, p.version`

// scanItem reads itemColumns, then any extra columns into extra.
func scanItem(row scanner, extra ...any) (Item, error) {
	var it Item
	var locality, target, assigned sql.NullInt64
	err := row.Scan(append([]any{&it.ID, &it.RefCode, &it.ReceivedOn, &it.Channel, &it.Signer, &it.Kind, &it.Field,
		&it.Summary, &it.SubjectName, &locality, &it.ComplexProlonged, &it.Repeated, &it.Classification, &it.Status,
		&target, &assigned, &it.NextDueOn, &it.NextDueStep, &it.Version}, extra...)...)
	it.LocalityUnitID, it.TargetUnitID, it.AssignedTo = locality.Int64, target.Int64, assigned.Int64
	it.Senders = MaskedSenderLabel
	return it, err
}

// Page is one page of a list and the number of all matching records.
type Page struct {
	Items   []Item `json:"items"`
	Total   int    `json:"total"`
	Page    int    `json:"page"`
	PerPage int    `json:"per_page"`
}

// List returns the petitions matching f that the actor may see.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	actor, err := access.Check(ctx, access.PetitionsRead)
	if err != nil {
		return Page{}, err
	}
	order, ok := sortSQL[f.Sort]
	if !ok {
		return Page{}, fmt.Errorf("petitions: unknown sort %q", f.Sort)
	}
	f.PerPage = min(max(f.PerPage, 0), 500)
	if f.PerPage == 0 {
		f.PerPage = 50
	}
	f.Page = max(f.Page, 1)
	where, args := s.where(actor, f)
	page := Page{Page: f.Page, PerPage: f.PerPage, Items: []Item{}}
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM petitions p WHERE `+where, args...).Scan(&page.Total); err != nil {
			return fmt.Errorf("count petitions: %w", err)
		}
		n := len(args)
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM petitions p WHERE %s ORDER BY %s LIMIT $%d OFFSET $%d`,
			itemColumns, where, order, n+1, n+2), append(args, f.PerPage, (f.Page-1)*f.PerPage)...)
		if err != nil {
			return fmt.Errorf("list petitions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			it, err := scanItem(rows)
			if err != nil {
				return err
			}
			page.Items = append(page.Items, it)
		}
		return rows.Err()
	})
	return page, err
}

// where builds the conditions of f for actor: always the organisation and
// the clearance, then each filter given.
func (s *Service) where(actor *access.Actor, f Filter) (string, []any) {
	conds := []string{"p.org_id = $1", "p.classification <= $2"}
	args := []any{actor.OrgID, actor.Clearance}
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
	}
	engine := s.db.Engine()
	if f.IDs != nil {
		cond, v := idIn(engine, "p.id", len(args)+1, f.IDs)
		args = append(args, v)
		conds = append(conds, cond)
	}
	if folded := vntext.Fold(f.Text); folded != "" {
		// Folded text holds only a-z, 0-9 and spaces: no LIKE wildcard to
		// escape. PostgreSQL answers through its trigram index; SQLite reads
		// the organisation's run of petitions_org_list, which holds the text.
		add("p.search_text LIKE ?", "%"+folded+"%")
	}
	if len(f.Kinds) > 0 {
		conds = append(conds, inList("p.kind", &args, f.Kinds))
	}
	if len(f.Statuses) > 0 {
		conds = append(conds, inList("p.status", &args, f.Statuses))
	}
	if f.Channel != "" {
		add("p.channel = ?", f.Channel)
	}
	if f.Signer != "" {
		add("p.signer = ?", f.Signer)
	}
	if f.Field != "" {
		add("p.field = ?", f.Field)
	}
	// The unary plus keeps the planners on petitions_org_list, which holds
	// every filtered column: the narrower locality and assignee indexes
	// (kept for the duplicate check and the due lists) would send each
	// match to the wide row, far slower once committees' rows interleave.
	if f.LocalityUnitID != 0 {
		add("+p.locality_unit_id = ?", f.LocalityUnitID)
	}
	if f.AssignedTo != 0 {
		add("+p.assigned_to = ?", f.AssignedTo)
	}
	if f.ComplexOnly {
		conds = append(conds, "p.complex_prolonged = TRUE")
	}
	if !f.ReceivedFrom.IsZero() {
		add("p.received_on >= ?", f.ReceivedFrom)
	}
	if !f.ReceivedTo.IsZero() {
		add("p.received_on <= ?", f.ReceivedTo)
	}
	if f.Sort == SortDue {
		// A deadline view: ordering every petition by a deadline most of
		// them no longer have would sort the whole list for nothing.
		conds = append(conds, "p.next_due_on IS NOT NULL")
	}
	today := s.Today()
	switch f.Due {
	case Overdue:
		add("p.next_due_on < ?", today)
	case DueSoon:
		add("p.next_due_on >= ?", today)
		add("p.next_due_on <= ?", today.AddDays(DueSoonDays))
	}
	return strings.Join(conds, " AND "), args
}

// inList is "col IN ($n, …)" over values, appending them to args.
func inList[T ~string](col string, args *[]any, values []T) string {
	ps := make([]string, len(values))
	for i, v := range values {
		*args = append(*args, string(v))
		ps[i] = fmt.Sprintf("$%d", len(*args))
	}
	return col + " IN (" + strings.Join(ps, ", ") + ")"
}
