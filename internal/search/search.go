// Package search is the global search box: one query over every module the
// user may see, insensitive to diacritics and tone-mark placement, ranked,
// with highlighted snippets. Modules register the kinds of records they make
// searchable and keep the index in step with every write (Put, Delete) in
// the same transaction, so the index is never behind the data.
package search

import (
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"

	"noichinh/internal/access"
	"noichinh/internal/config"
	"noichinh/internal/store"
	"noichinh/internal/vntext"
)

// Kind is a kind of searchable record.
type Kind struct {
	Name  string            // "case", "petition", "document", "unit", "person"
	Label string            // i18n key of its name, for result lists
	Perm  access.Permission // needed to see results of this kind
}

var (
	kindsMu sync.RWMutex
	kinds   = map[string]Kind{}
)

// Register makes a kind searchable. Modules call it when wired.
func Register(k Kind) {
	kindsMu.Lock()
	defer kindsMu.Unlock()
	kinds[k.Name] = k
}

// Kinds lists the registered kinds by name.
func Kinds() []Kind {
	kindsMu.RLock()
	defer kindsMu.RUnlock()
	out := make([]Kind, 0, len(kinds))
	for _, k := range kinds {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b Kind) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Doc is a record as the search index holds it.
type Doc struct {
	OrgID          int64
	Kind           string
	RecordID       string
	Classification access.Classification
	Title          string // shown as the result's link
	Body           string // searched and quoted in snippets; never a protected identity
	URL            string
}

// Put adds or replaces a record's entry, inside the transaction that
// changes the record.
func Put(ctx context.Context, tx *sql.Tx, d Doc) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO search_index
		(org_id, kind, record_id, classification, title, body, url, ftitle, fbody, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (org_id, kind, record_id) DO UPDATE SET classification = excluded.classification,
			title = excluded.title, body = excluded.body, url = excluded.url, ftitle = excluded.ftitle,
			fbody = excluded.fbody, updated_at = excluded.updated_at`,
		d.OrgID, d.Kind, d.RecordID, d.Classification, d.Title, d.Body, d.URL, vntext.Fold(d.Title), vntext.Fold(d.Body), store.Now())
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// Delete removes a record's entry.
func Delete(ctx context.Context, tx *sql.Tx, orgID int64, kind, recordID string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM search_index WHERE org_id = $1 AND kind = $2 AND record_id = $3`, orgID, kind, recordID)
	return err
}

// Result is one hit.
type Result struct {
	Kind    Kind
	Title   template.HTML // with the matched words marked
	Snippet template.HTML
	URL     string
	Secret  access.Classification
}

// Service runs searches.
type Service struct{ db *store.DB }

// New returns the search service.
func New(db *store.DB) *Service { return &Service{db: db} }

// MaxQueryTerms bounds the work a query can ask for.
const MaxQueryTerms = 8

// Search finds the records matching every word of q that the actor may see:
// kinds their role allows, their organisation, classification within their
// clearance. Results are ranked by relevance, title matches first.
func (s *Service) Search(ctx context.Context, q string, limit int) ([]Result, error) {
	actor, err := access.Check(ctx, access.Search)
	if err != nil {
		return nil, err
	}
	terms := Terms(q)
	if len(terms) == 0 {
		return nil, nil
	}
	var allowed []string
	byName := map[string]Kind{}
	for _, k := range Kinds() {
		if actor.Can(k.Perm) {
			allowed = append(allowed, k.Name)
			byName[k.Name] = k
		}
	}
	if len(allowed) == 0 {
		return nil, nil
	}
	limit = min(max(limit, 1), 100)
	var query string
	var args []any
	if s.db.Engine() == config.Postgres {
		query, args = postgresQuery(terms, actor, allowed, limit)
	} else {
		query, args = sqliteQuery(terms, actor, allowed, limit)
	}
	rows, err := s.db.Read().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var out []Result
	for rows.Next() {
		var kind, title, body, url string
		var class access.Classification
		if err := rows.Scan(&kind, &title, &body, &url, &class); err != nil {
			return nil, err
		}
		out = append(out, Result{Kind: byName[kind], Title: Highlight(title, terms, 0), Snippet: Highlight(body, terms, 30),
			URL: url, Secret: class})
	}
	return out, rows.Err()
}

// Terms splits a query into folded words, dropping repeats, at most MaxQueryTerms.
func Terms(q string) []string {
	var out []string
	for _, t := range strings.Fields(vntext.Fold(q)) {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
		if len(out) == MaxQueryTerms {
			break
		}
	}
	return out
}

// sqliteQuery matches every term as a word prefix with FTS5 and ranks with
// BM25, a title hit weighing five times a body hit.
func sqliteQuery(terms []string, actor *access.Actor, kinds []string, limit int) (string, []any) {
	match := make([]string, len(terms))
	for i, t := range terms {
		match[i] = `"` + t + `"*` // folded terms hold only [a-z0-9]
	}
	args := []any{strings.Join(match, " "), actor.OrgID, actor.Clearance, limit}
	return `SELECT s.kind, s.title, s.body, s.url, s.classification
		FROM search_fts JOIN search_index s ON s.id = search_fts.rowid
		WHERE search_fts MATCH $1 AND s.org_id = $2 AND s.classification <= $3 AND s.kind IN (` + placeholders(&args, kinds) + `)
		ORDER BY bm25(search_fts, 5.0, 1.0), s.updated_at DESC LIMIT $4`, args
}

// postgresQuery matches every term as a substring of the folded text through
// the trigram index, and ranks by how well the words match the title, then
// the whole text.
func postgresQuery(terms []string, actor *access.Actor, kinds []string, limit int) (string, []any) {
	phrase := strings.Join(terms, " ")
	args := []any{phrase, actor.OrgID, actor.Clearance, limit}
	var conds []string
	for _, t := range terms {
		args = append(args, "%"+t+"%")
		conds = append(conds, fmt.Sprintf("s.folded LIKE $%d", len(args)))
	}
	return `SELECT s.kind, s.title, s.body, s.url, s.classification FROM search_index s
		WHERE ` + strings.Join(conds, " AND ") + ` AND s.org_id = $2 AND s.classification <= $3
		AND s.kind IN (` + placeholders(&args, kinds) + `)
		ORDER BY public.word_similarity($1, s.ftitle) * 2 + public.word_similarity($1, s.folded) DESC, s.updated_at DESC
		LIMIT $4`, args
}

func placeholders(args *[]any, values []string) string {
	ps := make([]string, len(values))
	for i, v := range values {
		*args = append(*args, v)
		ps[i] = fmt.Sprintf("$%d", len(*args))
	}
	return strings.Join(ps, ", ")
}

// Highlight escapes text and marks the words whose folded form starts with
// a term. With window > 0 it keeps about window words around the first
// match (the snippet); with 0 it keeps the whole text.
func Highlight(text string, terms []string, window int) template.HTML {
	words := strings.Fields(text)
	hit := make([]bool, len(words))
	first := -1
	for i, w := range words {
		for _, f := range strings.Fields(vntext.Fold(w)) {
			for _, t := range terms {
				if strings.HasPrefix(f, t) {
					hit[i] = true
				}
			}
		}
		if hit[i] && first < 0 {
			first = i
		}
	}
	from, to := 0, len(words)
	if window > 0 && len(words) > window {
		from = max(0, first-window/3)
		to = min(len(words), from+window)
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("… ")
	}
	for i := from; i < to; i++ {
		if i > from {
			b.WriteByte(' ')
		}
		w := template.HTMLEscapeString(words[i])
		if hit[i] {
			b.WriteString("<mark>" + w + "</mark>")
		} else {
			b.WriteString(w)
		}
	}
	if to < len(words) {
		b.WriteString(" …")
	}
	return template.HTML(b.String())
}
