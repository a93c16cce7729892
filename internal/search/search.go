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
	"regexp"
	"slices"
	"strconv"
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
	kindName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	kindsMu  sync.RWMutex
	kinds    = map[string]Kind{}
)

// Register makes a kind searchable. Modules call it when wired. A name is
// lower-case letters, digits and underscores (it is also a word of the
// index's scope column).
func Register(k Kind) {
	if !kindName.MatchString(k.Name) {
		panic("search: kind name " + strconv.Quote(k.Name) + " is not [a-z][a-z0-9_]*")
	}
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

// Candidates bounds the ranking work of a query: the most recent matches
// (up to this many) in the searcher's scope are ranked, so a word found in
// every record costs no more than a rare one.
const Candidates = 1000

// sqliteQuery matches every term as a word prefix with FTS5, within the
// actor's scope written as words in the index (migration 0513: "org12
// kindpetition class0"), takes the most recent Candidates matches and ranks
// them with BM25, a title hit weighing five times a body hit. The scope is
// checked again on the rows themselves.
func sqliteQuery(terms []string, actor *access.Actor, kinds []string, limit int) (string, []any) {
	match := make([]string, len(terms))
	for i, t := range terms {
		match[i] = `"` + t + `"*` // folded terms hold only [a-z0-9]
	}
	expr := `{ftitle fbody}:(` + strings.Join(match, " ") + `) AND fscope:org` + strconv.FormatInt(actor.OrgID, 10)
	if out := excludedScope(actor, kinds); len(out) > 0 {
		expr += ` NOT fscope:(` + strings.Join(out, " OR ") + `)`
	}
	args := []any{expr, actor.OrgID, actor.Clearance, limit, Candidates}
	// Only the ranked few are read from the table (a tie goes to the newer).
	return `SELECT s.kind, s.title, s.body, s.url, s.classification
		FROM (SELECT id, score FROM (SELECT rowid AS id, bm25(search_fts, 5.0, 1.0, 0.0) AS score FROM search_fts
			WHERE search_fts MATCH $1 ORDER BY rowid DESC LIMIT $5) ORDER BY score, id DESC LIMIT $4) f
		JOIN search_index s ON s.id = f.id
		WHERE s.org_id = $2 AND s.classification <= $3 AND s.kind IN (` + placeholders(&args, kinds) + `)
		ORDER BY f.score, f.id DESC`, args
}

// excludedScope lists the scope words of the kinds and classifications out
// of the actor's reach: excluding those few reads far less of the index than
// listing the many within it.
func excludedScope(actor *access.Actor, kinds []string) []string {
	var out []string
	for _, k := range Kinds() {
		if !slices.Contains(kinds, k.Name) {
			out = append(out, "kind"+scopeWord(k.Name))
		}
	}
	for c := actor.Clearance + 1; c <= access.MostSecret; c++ {
		out = append(out, "class"+strconv.Itoa(int(c)))
	}
	return out
}

// scopeWord is a kind's name as the index's scope column spells it: letters
// and digits only, as migration 0513 writes it.
func scopeWord(kind string) string {
	return strings.ReplaceAll(kind, "_", "")
}

// postgresQuery matches every term as a word prefix in the tsvector of
// migration 0513, within the actor's scope written as lexemes in it, takes the
// most recent Candidates matches and ranks them with ts_rank, a title word
// weighing five times a body word (scope words weigh nothing). The scope is
// checked again on the rows themselves.
func postgresQuery(terms []string, actor *access.Actor, kinds []string, limit int) (string, []any) {
	words := make([]string, len(terms))
	for i, t := range terms {
		words[i] = "'" + t + "':*" // folded terms hold only [a-z0-9]
	}
	ranked := strings.Join(words, " & ")
	expr := ranked + " & '#org" + strconv.FormatInt(actor.OrgID, 10) + "'"
	for _, w := range excludedScope(actor, kinds) {
		expr += " & !'#" + w + "'"
	}
	// The rank reads the words alone: ts_rank weighs how close the query's
	// items stand, and the scope words stand at the end of every entry.
	args := []any{expr, actor.OrgID, actor.Clearance, limit, Candidates, ranked}
	// Only the ranked few are read whole from the table (a tie goes to the
	// newer).
	return `SELECT s.kind, s.title, s.body, s.url, s.classification
		FROM (SELECT c.id, ts_rank('{0, 0, 0.2, 1.0}', c.fts, $6::tsquery) AS score
			FROM (SELECT id, fts FROM search_index
				WHERE org_id = $2 AND classification <= $3 AND kind IN (` + placeholders(&args, kinds) + `)
					AND fts @@ $1::tsquery
				ORDER BY id DESC LIMIT $5) c
			ORDER BY score DESC, c.id DESC LIMIT $4) f
		JOIN search_index s ON s.id = f.id
		ORDER BY f.score DESC, f.id DESC`, args
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
