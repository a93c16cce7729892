package cases

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/store"
)

// SearchDoc is what the platform's search index keeps of a case. The index
// filters results by OrgID and Classification against the searching user,
// as every list does.
type SearchDoc struct {
	OrgID          int64
	Classification access.Classification
	Title          string // "VA-2020-001 · Vụ án Tham ô tài sản …"
	Text           string // everything else worth finding, unfolded
	Link           string
}

// Searchable returns the text to index for case id: reference, title,
// summary, locality, linked documents, and the document symbols and texts
// of its events. It reads without an actor (the indexer is a job).
func Searchable(ctx context.Context, q store.Querier, id int64) (SearchDoc, error) {
	var org int64
	err := q.QueryRowContext(ctx, `SELECT org_id FROM cases WHERE id = $1`, id).Scan(&org)
	if errors.Is(err, sql.ErrNoRows) {
		return SearchDoc{}, store.ErrNotFound
	}
	if err != nil {
		return SearchDoc{}, fmt.Errorf("searchable case %d: %w", id, err)
	}
	c, err := loadCase(ctx, q, org, access.MostSecret, id)
	if err != nil {
		return SearchDoc{}, err
	}
	events, err := loadEvents(ctx, q, id)
	if err != nil {
		return SearchDoc{}, err
	}
	parts := []string{c.RefCode, c.Summary, c.LocalityName}
	for _, d := range c.Documents {
		parts = append(parts, d.Symbol, d.Summary)
	}
	for _, e := range events {
		d := e.Details
		parts = append(parts, e.DocumentSymbol, d.Note, d.Reason, d.Difficulties, d.Conclusions)
	}
	var text []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			text = append(text, p)
		}
	}
	return SearchDoc{
		OrgID:          c.OrgID,
		Classification: c.Classification,
		Title:          c.RefCode + " · " + c.Title,
		Text:           strings.Join(text, "\n"),
		Link:           fmt.Sprintf("/cases/%d", c.ID),
	}, nil
}
