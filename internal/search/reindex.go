package search

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"noichinh/internal/store"
	"noichinh/internal/vntext"
)

// Source lists every searchable record of one kind, for rebuilding the
// index in bulk (after generating data or restoring a backup). Query
// returns, in this order: org_id, record_id, classification, title, body,
// url. It lives in the module's store code; day-to-day writes keep the index
// in step with Put instead.
type Source struct {
	Kind  string
	Query string
}

// Reindex replaces the index entries of each source's kind with what its
// query returns, in batches so millions of records fit in memory. It
// returns the number of entries written.
func Reindex(ctx context.Context, db *store.DB, sources []Source) (int64, error) {
	var total int64
	for _, src := range sources {
		if err := db.Tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `DELETE FROM search_index WHERE kind = $1`, src.Kind)
			return err
		}); err != nil {
			return total, err
		}
		rows, err := db.Read().QueryContext(ctx, src.Query)
		if err != nil {
			return total, fmt.Errorf("reindex %s: %w", src.Kind, err)
		}
		batch := newBatch(db, src.Kind)
		for rows.Next() {
			var d Doc
			if err := rows.Scan(&d.OrgID, &d.RecordID, &d.Classification, &d.Title, &d.Body, &d.URL); err != nil {
				rows.Close()
				return total, err
			}
			if err := batch.add(ctx, d); err != nil {
				rows.Close()
				return total, err
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return total, err
		}
		if err := batch.flush(ctx); err != nil {
			return total, err
		}
		total += batch.written
	}
	return total, nil
}

type batch struct {
	db      *store.DB
	kind    string
	docs    []Doc
	written int64
}

func newBatch(db *store.DB, kind string) *batch { return &batch{db: db, kind: kind} }

// Rows per statement and per transaction: statements near 1,000 parameters
// bind fast on SQLite; larger transactions save a sync per statement.
const (
	rowsPerStatement = 100
	batchSize        = 5000
)

func (b *batch) add(ctx context.Context, d Doc) error {
	b.docs = append(b.docs, d)
	if len(b.docs) >= batchSize {
		return b.flush(ctx)
	}
	return nil
}

func (b *batch) flush(ctx context.Context) error {
	if len(b.docs) == 0 {
		return nil
	}
	now := store.Now()
	err := b.db.Tx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(b.docs); start += rowsPerStatement {
			chunk := b.docs[start:min(start+rowsPerStatement, len(b.docs))]
			var sb strings.Builder
			sb.WriteString(`INSERT INTO search_index (org_id, kind, record_id, classification, title, body, url, ftitle, fbody, updated_at) VALUES `)
			args := make([]any, 0, len(chunk)*10)
			for i, d := range chunk {
				if i > 0 {
					sb.WriteString(", ")
				}
				n := len(args)
				fmt.Fprintf(&sb, "($%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5, n+6, n+7, n+8, n+9, n+10)
				args = append(args, d.OrgID, b.kind, d.RecordID, d.Classification, d.Title, d.Body, d.URL,
					vntext.Fold(d.Title), vntext.Fold(d.Body), now)
			}
			sb.WriteString(` ON CONFLICT (org_id, kind, record_id) DO NOTHING`)
			if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reindex %s: %w", b.kind, err)
	}
	b.written += int64(len(b.docs))
	b.docs = b.docs[:0]
	return nil
}
