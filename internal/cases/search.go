package cases

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"noichinh/internal/access"
	"noichinh/internal/search"
	"noichinh/internal/store"
)

// SearchKind is the cases' entry in the global search; the composition
// root registers it (search.Register).
var SearchKind = search.Kind{Name: "case", Label: "cases.search.kind", Perm: access.CasesRead}

// The search entry of a case: "VA-2020-002 · Vụ án …" as the title, the
// summary and the locality as the body. The same text comes from
// Searchable (day-to-day writes) and SearchSource (bulk rebuilds).
const searchColumns = `c.org_id, CAST(c.id AS TEXT), c.classification, c.ref_code || ' · ' || c.title,
	c.summary || '` + "\n" + `' || COALESCE(l.name, ''), '/cases/' || CAST(c.id AS TEXT)
	FROM cases c LEFT JOIN units l ON l.id = c.locality_id`

// Searchable returns the search entry of case id: title and text to index,
// with the organisation and classification the index filters results by.
// It reads without an actor (the indexer is a job).
func Searchable(ctx context.Context, q store.Querier, id int64) (search.Doc, error) {
	d := search.Doc{Kind: SearchKind.Name}
	err := q.QueryRowContext(ctx, `SELECT `+searchColumns+` WHERE c.id = $1`, id).
		Scan(&d.OrgID, &d.RecordID, &d.Classification, &d.Title, &d.Body, &d.URL)
	if errors.Is(err, sql.ErrNoRows) {
		return search.Doc{}, store.ErrNotFound
	}
	if err != nil {
		return search.Doc{}, fmt.Errorf("search entry of case %d: %w", id, err)
	}
	return d, nil
}

// SearchSource gives the search index every case, for a rebuild in bulk
// (after generating data or restoring a backup).
func SearchSource() search.Source {
	return search.Source{Kind: SearchKind.Name, Query: `SELECT ` + searchColumns + ` ORDER BY c.id`}
}

// putSearch keeps the case's search entry in step, inside the transaction
// that changes the case.
func putSearch(ctx context.Context, tx *sql.Tx, id int64) error {
	d, err := Searchable(ctx, tx, id)
	if err != nil {
		return err
	}
	return search.Put(ctx, tx, d)
}

// caseLink is the page of a case.
func caseLink(id int64) string { return "/cases/" + strconv.FormatInt(id, 10) }
