package documents

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/store"
)

// insertEvent appends a line to a document's history.
func insertEvent(ctx context.Context, tx *sql.Tx, orgID int64, ev Event) error {
	data := ev.Data
	if data == "" {
		data = "{}"
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO document_events (org_id, document_id, kind, effective_on, recorded_at,
		recorded_by, recorded_by_name, status, related_document_id, note, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		orgID, ev.DocumentID, ev.Kind, ev.EffectiveOn, ev.RecordedAt, nullID(ev.RecordedBy), ev.RecordedByName,
		string(ev.Status), nullID(ev.RelatedDocumentID), ev.Note, data)
	if err != nil {
		return fmt.Errorf("record document event: %w", err)
	}
	return nil
}

// newEvent is an event recorded now by the actor.
func newEvent(actor *access.Actor, docID int64, kind string, data any) Event {
	ev := Event{DocumentID: docID, Kind: kind, RecordedAt: store.Now(), RecordedBy: actor.UserID, RecordedByName: actor.Name()}
	if data != nil {
		b, _ := json.Marshal(data)
		ev.Data = string(b)
	}
	return ev
}

// listEvents returns a document's history, oldest first.
func listEvents(ctx context.Context, q store.Querier, orgID, docID int64) ([]Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, document_id, kind, effective_on, recorded_at, COALESCE(recorded_by, 0),
		recorded_by_name, status, COALESCE(related_document_id, 0), note, data
		FROM document_events WHERE org_id = $1 AND document_id = $2 ORDER BY id`, orgID, docID)
	if err != nil {
		return nil, fmt.Errorf("document history: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var ev Event
		if err := rows.Scan(&ev.ID, &ev.DocumentID, &ev.Kind, &ev.EffectiveOn, &ev.RecordedAt, &ev.RecordedBy,
			&ev.RecordedByName, &ev.Status, &ev.RelatedDocumentID, &ev.Note, &ev.Data); err != nil {
			return nil, fmt.Errorf("document history: %w", err)
		}
		ev.RecordedAt = ev.RecordedAt.UTC()
		out = append(out, ev)
	}
	return out, rows.Err()
}

// loadStatusFacts reads what a document's status is derived from.
func loadStatusFacts(ctx context.Context, q store.Querier, docID int64) (statusFacts, error) {
	var f statusFacts
	var declared string
	err := q.QueryRowContext(ctx, `SELECT status, effective_on FROM document_events
		WHERE document_id = $1 AND kind = $2 ORDER BY effective_on DESC, id DESC LIMIT 1`,
		docID, EventStatusDeclared).Scan(&declared, &f.DeclaredOn)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return f, fmt.Errorf("declared status: %w", err)
	default:
		f.Declared = Status(declared)
	}
	rows, err := q.QueryContext(ctx, `SELECT r.type, f.issued_on FROM document_relations r
		JOIN documents f ON f.id = r.from_id WHERE r.to_id = $1 AND r.type IN ($2, $3)`, docID, Replaces, Amends)
	if err != nil {
		return f, fmt.Errorf("replacing documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var typ string
		var issued civil.Date
		if err := rows.Scan(&typ, &issued); err != nil {
			return f, err
		}
		if typ == Replaces {
			f.ReplacedBy = append(f.ReplacedBy, issued)
		} else {
			f.AmendedBy = append(f.AmendedBy, issued)
		}
	}
	return f, rows.Err()
}
