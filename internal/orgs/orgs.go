// Package orgs manages owning organisations: the committees that use one
// noichinh deployment (a provincial Ban Nội chính, the central committee
// above them). Every business record carries the org_id of its owner, and
// every query is scoped by it. The bodies a committee deals with (units,
// with their history) are the units package's concern.
package orgs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"time"

	"noichinh/internal/audit"
	"noichinh/internal/store"
	"noichinh/internal/vntext"
)

// Kind of an owning organisation.
type Kind string

const (
	Central    Kind = "central"    // Ban Nội chính Trung ương: consolidates provinces
	Provincial Kind = "provincial" // Ban Nội chính Tỉnh ủy / Thành ủy
)

// Org is an owning organisation.
type Org struct {
	ID         int64
	Code       string // short stable code used on the command line (--org LSN)
	Name       string // "Ban Nội chính Tỉnh ủy Lạng Sơn"
	NameEN     string
	Kind       Kind
	ParentID   int64  // the central organisation above a provincial one, 0 for none
	Place      string // place name of the date line in reports: "Lạng Sơn"
	IssuerCode string // issuer code in the symbols of its own documents: "BNCTU"
	CreatedAt  time.Time
	Version    int
}

var codePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{0,19}$`)

// Validate checks the fields a person types.
func (o *Org) Validate() error {
	o.Name = vntext.Clean(o.Name)
	o.NameEN = vntext.Clean(o.NameEN)
	o.Place = vntext.Clean(o.Place)
	switch {
	case !codePattern.MatchString(o.Code):
		return fmt.Errorf("organisation code %q must be 1–20 capital letters, digits, - or _", o.Code)
	case o.Name == "":
		return errors.New("organisation name is required")
	case o.Kind != Central && o.Kind != Provincial:
		return fmt.Errorf("organisation kind %q is not central or provincial", o.Kind)
	}
	return nil
}

// Create adds an organisation inside tx and records it in the audit log.
func Create(ctx context.Context, tx *sql.Tx, o *Org) error {
	if err := o.Validate(); err != nil {
		return err
	}
	o.CreatedAt, o.Version = store.Now(), 1
	err := tx.QueryRowContext(ctx, `INSERT INTO orgs (code, name, name_en, kind, parent_id, place, issuer_code, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		o.Code, o.Name, o.NameEN, o.Kind, nullID(o.ParentID), o.Place, o.IssuerCode, o.CreatedAt).Scan(&o.ID)
	if store.IsUniqueViolation(err) {
		return fmt.Errorf("an organisation with code %s already exists", o.Code)
	}
	if err != nil {
		return fmt.Errorf("create organisation: %w", err)
	}
	_, err = audit.Record(ctx, tx, audit.Event{OrgID: o.ID, Action: audit.Create, Entity: "org", EntityID: o.ID,
		Summary: "Tạo tổ chức " + o.Name, After: o})
	return err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const columns = `id, code, name, name_en, kind, COALESCE(parent_id, 0), place, issuer_code, created_at, version`

func scan(row interface{ Scan(...any) error }) (Org, error) {
	var o Org
	err := row.Scan(&o.ID, &o.Code, &o.Name, &o.NameEN, &o.Kind, &o.ParentID, &o.Place, &o.IssuerCode, &o.CreatedAt, &o.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return o, store.ErrNotFound
	}
	return o, err
}

// ByID returns one organisation.
func ByID(ctx context.Context, q store.Querier, id int64) (Org, error) {
	return scan(q.QueryRowContext(ctx, `SELECT `+columns+` FROM orgs WHERE id = $1`, id))
}

// ByCode returns one organisation by its code.
func ByCode(ctx context.Context, q store.Querier, code string) (Org, error) {
	return scan(q.QueryRowContext(ctx, `SELECT `+columns+` FROM orgs WHERE code = $1`, code))
}

// List returns every organisation, central first, then by code.
func List(ctx context.Context, q store.Querier) ([]Org, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+columns+` FROM orgs ORDER BY kind, code`)
	if err != nil {
		return nil, fmt.Errorf("list organisations: %w", err)
	}
	defer rows.Close()
	var out []Org
	for rows.Next() {
		o, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Children returns the organisations directly under parent (a central
// committee's provinces).
func Children(ctx context.Context, q store.Querier, parent int64) ([]Org, error) {
	all, err := List(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []Org
	for _, o := range all {
		if o.ParentID == parent {
			out = append(out, o)
		}
	}
	return out, nil
}
