package documents

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"noichinh/internal/civil"
	"noichinh/internal/store"
)

const relationColumns = `id, from_id, COALESCE(to_id, 0), type, target_key, target_symbol, target_kind, target_number,
	target_issued, target_issuer, target_summary, source, note, created_at`

// relationRecord is a relation with its matching key.
type relationRecord struct {
	Relation
	targetKey string
}

func scanRelation(row scanner) (relationRecord, error) {
	var r relationRecord
	t := &r.Target
	err := row.Scan(&r.ID, &r.FromID, &r.ToID, &r.Type, &r.targetKey, &t.Symbol, &t.Kind, &t.Number, &t.Issued,
		&t.Issuer, &t.Summary, &r.Source, &r.Note, &r.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return r, store.ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("read relation: %w", err)
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return r, nil
}

func queryRelations(ctx context.Context, q store.Querier, query string, args ...any) ([]relationRecord, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list relations: %w", err)
	}
	defer rows.Close()
	var out []relationRecord
	for rows.Next() {
		r, err := scanRelation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// insertRelation writes a relation and sets its ID.
func insertRelation(ctx context.Context, tx *sql.Tx, orgID int64, r *relationRecord, createdBy int64) error {
	t := r.Target
	err := tx.QueryRowContext(ctx, `INSERT INTO document_relations (org_id, from_id, to_id, type, target_key,
		target_symbol, target_kind, target_number, target_issued, target_issuer, target_summary, source, note,
		created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
		orgID, r.FromID, nullID(r.ToID), r.Type, r.targetKey, t.Symbol, t.Kind, t.Number, t.Issued, t.Issuer,
		t.Summary, r.Source, r.Note, r.CreatedAt, nullID(createdBy)).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("insert relation: %w", err)
	}
	return nil
}

// relationByID returns one relation of the organisation.
func relationByID(ctx context.Context, q store.Querier, orgID, id int64) (relationRecord, error) {
	return scanRelation(q.QueryRowContext(ctx, `SELECT `+relationColumns+` FROM document_relations
		WHERE id = $1 AND org_id = $2`, id, orgID))
}

// relationExists reports whether from already has a relation of the type to key.
func relationExists(ctx context.Context, q store.Querier, fromID int64, typ, key string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM document_relations WHERE from_id = $1 AND type = $2 AND target_key = $3`,
		fromID, typ, key).Scan(&n)
	return n > 0, err
}

func deleteRelation(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM document_relations WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete relation: %w", err)
	}
	return nil
}

// relationsTouching returns the relations from or to any of the documents.
func relationsTouching(ctx context.Context, q store.Querier, orgID int64, ids []int64) ([]relationRecord, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := []any{orgID}
	marks := make([]string, len(ids))
	for i, id := range ids {
		args = append(args, id)
		marks[i] = fmt.Sprintf("$%d", len(args))
	}
	in := strings.Join(marks, ", ")
	return queryRelations(ctx, q, `SELECT `+relationColumns+` FROM document_relations WHERE org_id = $1
		AND (from_id IN (`+in+`) OR to_id IN (`+in+`)) ORDER BY id`, args...)
}

// pendingRelation is an unregistered relation with the issue date of the
// document that holds it.
type pendingRelation struct {
	relationRecord
	fromIssued civil.Date
}

// unresolvedRelations returns the relations that name key and have no
// registered target yet.
func unresolvedRelations(ctx context.Context, q store.Querier, orgID int64, key string) ([]pendingRelation, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.from_id, r.type, r.target_issued, f.issued_on
		FROM document_relations r JOIN documents f ON f.id = r.from_id
		WHERE r.org_id = $1 AND r.to_id IS NULL AND r.target_key = $2 ORDER BY r.id`, orgID, key)
	if err != nil {
		return nil, fmt.Errorf("unregistered relations: %w", err)
	}
	defer rows.Close()
	var out []pendingRelation
	for rows.Next() {
		var p pendingRelation
		if err := rows.Scan(&p.ID, &p.FromID, &p.Type, &p.Target.Issued, &p.fromIssued); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func resolveRelation(ctx context.Context, tx *sql.Tx, relationID, toID int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE document_relations SET to_id = $1 WHERE id = $2`, toID, relationID); err != nil {
		return fmt.Errorf("resolve relation: %w", err)
	}
	return nil
}

// retargetIncoming renames, in the relations that point at a document, the
// key and symbol they name it by, after its symbol was corrected.
func retargetIncoming(ctx context.Context, tx *sql.Tx, docID int64, key, symbol string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE document_relations SET target_key = $1, target_symbol = $2 WHERE to_id = $3`,
		key, symbol, docID); err != nil {
		return fmt.Errorf("rename relation targets: %w", err)
	}
	return nil
}

// reaches reports whether target can be reached from start by following
// relations of one type: adding target → start would then close a cycle.
func reaches(ctx context.Context, q store.Querier, orgID, start, target int64, typ string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `WITH RECURSIVE reach(id) AS (
			SELECT CAST($1 AS BIGINT)
			UNION
			SELECT r.to_id FROM document_relations r JOIN reach ON r.from_id = reach.id
			WHERE r.org_id = $2 AND r.type = $3 AND r.to_id IS NOT NULL
		) SELECT COUNT(*) FROM reach WHERE id = $4`, start, orgID, typ, target).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("relation cycle check: %w", err)
	}
	return n > 0, nil
}

// targetsOf returns the documents a document amends or replaces, whose
// status depends on its issue date.
func targetsOf(ctx context.Context, q store.Querier, docID int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT to_id FROM document_relations
		WHERE from_id = $1 AND to_id IS NOT NULL AND type IN ($2, $3)`, docID, Replaces, Amends)
	if err != nil {
		return nil, fmt.Errorf("amended documents: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
