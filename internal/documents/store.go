package documents

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/store"
)

// This file holds the SQL of the documents table. Functions take a
// store.Querier so that they run inside a transaction or on the read pool;
// they apply no rules beyond the organisation scope and the clearance they
// are given.

// record is a document with the columns that only the store and the rules
// need: matching and numbering keys and the folded search text.
type record struct {
	Document
	symbolKey    string
	numberValue  sql.NullInt64
	numberingSeq string // "" is NULL
	numberingKey string // "" is NULL
	searchText   string
	createdBy    int64
	updatedBy    int64
	// issuerUnitName is the issuing unit's name, for the search entry.
	issuerUnitName string
}

const documentColumns = `id, org_id, symbol, kind, kind_code, number, COALESCE(issuer_unit_id, 0), issuer_code,
	issuer_name, issued_on, summary, field_internal_affairs, field_anticorruption, field_judicial_reform,
	advised_by_committee, classification, status, status_since, numbering, COALESCE(term_id, 0),
	COALESCE(numbering_year, 0), COALESCE(numbering_key, ''), body, notes, created_at, updated_at, version,
	symbol_key, COALESCE(numbering_sequence, '')`

type scanner interface{ Scan(...any) error }

func scanRecord(row scanner) (record, error) {
	var r record
	var fia, fac, fjr bool
	var key string
	err := row.Scan(&r.ID, &r.OrgID, &r.Symbol, &r.Kind, &r.KindCode, &r.Number, &r.IssuerUnitID, &r.IssuerCode,
		&r.IssuerName, &r.IssuedOn, &r.Summary, &fia, &fac, &fjr,
		&r.AdvisedByCommittee, &r.Classification, &r.Status, &r.StatusSince, &r.Numbering, &r.TermID,
		&r.NumberingYear, &key, &r.Body, &r.Notes, &r.CreatedAt, &r.UpdatedAt, &r.Version,
		&r.symbolKey, &r.numberingSeq)
	if errors.Is(err, sql.ErrNoRows) {
		return r, store.ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("read document: %w", err)
	}
	r.numberingKey = key
	r.NumberingChecked = key != ""
	r.Fields = fieldsOf(fia, fac, fjr)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, nil
}

func fieldsOf(internalAffairs, anticorruption, judicialReform bool) []Field {
	var fs []Field
	if internalAffairs {
		fs = append(fs, InternalAffairs)
	}
	if anticorruption {
		fs = append(fs, Anticorruption)
	}
	if judicialReform {
		fs = append(fs, JudicialReform)
	}
	return fs
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// within is the clearance test "col <= param" written so that no index
// serves it: SQLite, which plans without statistics, would otherwise take
// the (org_id, classification) index, meant for counts, over the selective
// one (a symbol, an ID, the issue date order) and read every row of the
// organisation.
func within(col, param string) string { return col + " + 0 <= " + param }

// insertDocument writes a new document and sets its ID.
func insertDocument(ctx context.Context, tx *sql.Tx, r *record) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO documents (org_id, symbol, symbol_key, kind, kind_code, number,
		number_value, issuer_unit_id, issuer_code, issuer_name, issued_on, summary, field_internal_affairs,
		field_anticorruption, field_judicial_reform, advised_by_committee, classification, status, status_since,
		numbering, term_id, numbering_year, numbering_sequence, numbering_key, body, notes, search_text,
		created_at, created_by, updated_at, updated_by, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
		$22, $23, $24, $25, $26, $27, $28, $29, $28, $29, 1) RETURNING id`,
		r.OrgID, r.Symbol, r.symbolKey, r.Kind, r.KindCode, r.Number, r.numberValue, nullID(r.IssuerUnitID),
		r.IssuerCode, r.IssuerName, r.IssuedOn, r.Summary, r.HasField(InternalAffairs), r.HasField(Anticorruption),
		r.HasField(JudicialReform), r.AdvisedByCommittee, r.Classification, r.Status, r.StatusSince,
		r.Numbering, nullID(r.TermID), nullInt(r.NumberingYear), nullString(r.numberingSeq),
		nullString(r.numberingKey), r.Body, r.Notes, r.searchText, r.CreatedAt, nullID(r.createdBy)).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("insert document: %w", err)
	}
	r.Version = 1
	return nil
}

// updateDocument writes the edited fields of r if its version is still
// version, and reports whether it was.
func updateDocument(ctx context.Context, tx *sql.Tx, r *record, version int) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE documents SET symbol = $1, symbol_key = $2, kind = $3, kind_code = $4,
		number = $5, number_value = $6, issuer_unit_id = $7, issuer_code = $8, issuer_name = $9, issued_on = $10,
		summary = $11, field_internal_affairs = $12, field_anticorruption = $13, field_judicial_reform = $14,
		advised_by_committee = $15, classification = $16, numbering = $17, term_id = $18, numbering_year = $19,
		numbering_sequence = $20, numbering_key = $21, body = $22, notes = $23, search_text = $24,
		updated_at = $25, updated_by = $26, version = version + 1
		WHERE id = $27 AND org_id = $28 AND version = $29`,
		r.Symbol, r.symbolKey, r.Kind, r.KindCode, r.Number, r.numberValue, nullID(r.IssuerUnitID), r.IssuerCode,
		r.IssuerName, r.IssuedOn, r.Summary, r.HasField(InternalAffairs), r.HasField(Anticorruption),
		r.HasField(JudicialReform), r.AdvisedByCommittee, r.Classification, r.Numbering, nullID(r.TermID),
		nullInt(r.NumberingYear), nullString(r.numberingSeq), nullString(r.numberingKey), r.Body, r.Notes,
		r.searchText, r.UpdatedAt, nullID(r.updatedBy), r.ID, r.OrgID, version)
	if err != nil {
		return false, fmt.Errorf("update document: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, err
	}
	r.Version = version + 1
	return n == 1, nil
}

// bumpVersion marks an edit that changed no column of its own (a declared
// status), failing when version is outdated.
func bumpVersion(ctx context.Context, tx *sql.Tx, orgID, id int64, version int, at time.Time, by int64) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE documents SET version = version + 1, updated_at = $1, updated_by = $2
		WHERE id = $3 AND org_id = $4 AND version = $5`, at, nullID(by), id, orgID, version)
	if err != nil {
		return false, fmt.Errorf("update document: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// setStatus stores a derived status. It is not an edit of the record, so the
// version does not change: someone editing the summary meanwhile is not in
// conflict with a replacement being registered.
func setStatus(ctx context.Context, tx *sql.Tx, id int64, st Status, since civil.Date) error {
	_, err := tx.ExecContext(ctx, `UPDATE documents SET status = $1, status_since = $2 WHERE id = $3`, st, since, id)
	if err != nil {
		return fmt.Errorf("update document status: %w", err)
	}
	return nil
}

// getRecord returns one document of the organisation, whatever its
// classification: the service decides what the caller may see.
func getRecord(ctx context.Context, q store.Querier, orgID, id int64) (record, error) {
	return scanRecord(q.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = $1 AND org_id = $2`, id, orgID))
}

// queryRecords runs a SELECT of documentColumns.
func queryRecords(ctx context.Context, q store.Querier, query string, args ...any) ([]record, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	var out []record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// recordsBySymbolKey returns the documents with one of the symbol keys.
func recordsBySymbolKey(ctx context.Context, q store.Querier, orgID int64, clearance access.Classification, keys []string) ([]record, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	args := []any{orgID, clearance}
	marks := make([]string, len(keys))
	for i, k := range keys {
		args = append(args, k)
		marks[i] = fmt.Sprintf("$%d", len(args))
	}
	// No ORDER BY: SQLite would then walk the issue-date index instead of the symbol one.
	recs, err := queryRecords(ctx, q, `SELECT `+documentColumns+` FROM documents WHERE org_id = $1 AND `+within("classification", "$2")+`
		AND symbol_key IN (`+strings.Join(marks, ", ")+`)`, args...)
	slices.SortFunc(recs, func(a, b record) int {
		if c := a.IssuedOn.Compare(b.IssuedOn); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return recs, err
}

// recordsByID returns the documents with the given IDs within clearance.
func recordsByID(ctx context.Context, q store.Querier, orgID int64, clearance access.Classification, ids []int64) ([]record, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := []any{orgID, clearance}
	marks := make([]string, len(ids))
	for i, id := range ids {
		args = append(args, id)
		marks[i] = fmt.Sprintf("$%d", len(args))
	}
	return queryRecords(ctx, q, `SELECT `+documentColumns+` FROM documents WHERE org_id = $1 AND `+within("classification", "$2")+`
		AND id IN (`+strings.Join(marks, ", ")+`) ORDER BY id`, args...)
}

// recordByNumberingKey returns the document holding a number, other than
// exceptID, whatever its classification (secret documents share the sequence).
func recordByNumberingKey(ctx context.Context, q store.Querier, orgID int64, key string, exceptID int64) (record, error) {
	return scanRecord(q.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents
		WHERE org_id = $1 AND numbering_key = $2 AND id <> $3`, orgID, key, exceptID))
}

// maxNumber is the highest number used in a sequence, secret documents included.
func maxNumber(ctx context.Context, q store.Querier, orgID int64, seq string) (int64, error) {
	var n sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT MAX(number_value) FROM documents WHERE org_id = $1 AND numbering_sequence = $2`,
		orgID, seq).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("highest number of %s: %w", seq, err)
	}
	return n.Int64, nil
}

// lockSequence writes the sequence's lock row, which holds a row lock on
// PostgreSQL until the transaction ends (SQLite's single writer is already
// exclusive), so that checking a number and registering it are atomic.
func lockSequence(ctx context.Context, tx *sql.Tx, orgID int64, seq string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO document_numbering_locks (org_id, sequence, taken_at) VALUES ($1, $2, $3)
		ON CONFLICT (org_id, sequence) DO UPDATE SET taken_at = excluded.taken_at`, orgID, seq, store.Now())
	if err != nil {
		return fmt.Errorf("lock numbering sequence: %w", err)
	}
	return nil
}

// listRecords returns one page of the documents matching f within clearance,
// and the total count.
func listRecords(ctx context.Context, q store.Querier, orgID int64, clearance access.Classification, f Filter, folded string) ([]record, int, error) {
	where := []string{"org_id = $1", "classification <= $2"}
	args := []any{orgID, clearance}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
	}
	if folded != "" {
		// search_text and the query are folded to [a-z0-9 ]: no LIKE wildcard can occur.
		add("search_text LIKE ?", "%"+folded+"%")
	}
	if f.Symbol != "" {
		add("symbol_key = ?", SymbolKey(f.Symbol))
	}
	if f.Kind != "" {
		add("kind = ?", f.Kind)
	}
	if f.IssuerUnitID != 0 {
		add("issuer_unit_id = ?", f.IssuerUnitID)
	}
	if f.IssuerCode != "" {
		add("issuer_code = ?", f.IssuerCode)
	}
	switch f.Field {
	case InternalAffairs:
		where = append(where, "field_internal_affairs = TRUE")
	case Anticorruption:
		where = append(where, "field_anticorruption = TRUE")
	case JudicialReform:
		where = append(where, "field_judicial_reform = TRUE")
	}
	if f.Advised != nil {
		add("advised_by_committee = ?", *f.Advised)
	}
	if f.Status != "" {
		add("status = ?", f.Status)
	}
	if !f.Issued.From.IsZero() {
		add("issued_on >= ?", f.Issued.From)
	}
	if !f.Issued.To.IsZero() {
		add("issued_on <= ?", f.Issued.To)
	}
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			return nil, 0, nil
		}
		marks := make([]string, len(f.IDs))
		for i, id := range f.IDs {
			args = append(args, id)
			marks[i] = fmt.Sprintf("$%d", len(args))
		}
		where = append(where, "id IN ("+strings.Join(marks, ", ")+")")
	}
	// The count goes through the (org_id, classification) index: alone it
	// is all the count reads, and with a filter no index serves (text, kind,
	// field) it reads the rows in table order. A filter an index serves
	// (symbol, IDs, issuer, dates) must win over it, as must the issue-date
	// order of the page (see within).
	count := strings.Join(where, " AND ")
	where[1] = within("classification", "$2")
	cond := strings.Join(where, " AND ")
	if f.Symbol != "" || f.IDs != nil || f.IssuerUnitID != 0 || !f.Issued.From.IsZero() || !f.Issued.To.IsZero() {
		count = cond
	}
	var total int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM documents WHERE `+count, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count documents: %w", err)
	}
	// A selective filter (a symbol, the IDs behind a figure) matches a
	// handful of rows: order them by an expression, or SQLite walks the
	// whole issue-date index to avoid sorting them.
	issued := "issued_on"
	if f.Symbol != "" || f.IDs != nil {
		issued = "COALESCE(issued_on, '0001-01-01')"
	}
	var order string
	switch f.Sort {
	case SortIssuedAsc:
		order = issued + " ASC NULLS FIRST, id"
	case SortSymbol:
		order = "issuer_code, kind_code, number_value IS NULL, number_value, symbol, id"
	case SortUpdated:
		order = "updated_at DESC, id DESC"
	default:
		// NULLS LAST is SQLite's natural descending order, so both engines
		// read the page from the (org_id, issued_on) index without sorting.
		order = issued + " DESC NULLS LAST, id DESC"
	}
	args = append(args, f.Limit, f.Offset)
	items, err := queryRecords(ctx, q, fmt.Sprintf(`SELECT %s FROM documents WHERE %s ORDER BY %s LIMIT $%d OFFSET $%d`,
		documentColumns, cond, order, len(args)-1, len(args)), args...)
	return items, total, err
}
