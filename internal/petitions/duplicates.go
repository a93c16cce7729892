package petitions

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/vntext"
)

// Draft is a petition being entered, checked for likely duplicates before
// it is saved.
type Draft struct {
	ReceivedOn     civil.Date `json:"received_on"`
	Senders        []Sender   `json:"senders"`
	Summary        string     `json:"summary"`
	Content        string     `json:"content"`
	SubjectName    string     `json:"subject_name"`
	LocalityUnitID int64      `json:"locality_unit_id"`
	Field          Field      `json:"field"`
}

// Reasons a candidate is proposed.
const (
	ReasonSameSender     = "same_sender"     // a sender with the same name and address (blind index)
	ReasonSameSubject    = "same_subject"    // the same person complained of
	ReasonSimilarContent = "similar_content" // trigram similarity at least SimilarContent
)

// SimilarContent is the trigram similarity of the folded summary and
// opening of the content above which two petitions are proposed as
// duplicates. Re-sent letters on one matter score 0.6 and more; letters on
// different matters of the same kind in one commune stay below 0.4.
const SimilarContent = 0.5

// Candidate is a likely duplicate and why.
type Candidate struct {
	Item
	Reasons    []string `json:"reasons"`
	Similarity float64  `json:"similarity"`
}

// Search bounds of the duplicate check: candidates by content are looked for
// among recent petitions of the same locality (or field), the newest first.
const (
	duplicateYears      = 3
	duplicateCandidates = 400
	maxDuplicates       = 20
	compareChars        = 600
)

type dupQuery struct {
	excludeID    int64
	receivedOn   civil.Date
	indexes      []string
	text         string // folded summary and opening of the content
	subjectKey   string
	localityID   int64
	field        Field
	notDuplicate map[int64]bool
}

// LikelyDuplicates returns the petitions the draft probably repeats: same
// sender (found by blind index, no identity is decrypted), same person
// complained of, or similar content. The specialist then links one
// (Link, LinkRepeated) or dismisses it (DismissDuplicate) once saved.
func (s *Service) LikelyDuplicates(ctx context.Context, d Draft) ([]Candidate, error) {
	actor, err := access.Check(ctx, access.PetitionsRead)
	if err != nil {
		return nil, err
	}
	q := dupQuery{receivedOn: d.ReceivedOn, text: compareText(d.Summary, d.Content),
		subjectKey: vntext.Key(d.SubjectName), localityID: d.LocalityUnitID, field: d.Field}
	if len(d.Senders) > 0 && !s.keys.loaded() {
		return nil, ErrNoKeys
	}
	for _, sd := range d.Senders {
		if ix := s.keys.blindIndex(sd.Name, sd.Address); ix != "" {
			q.indexes = append(q.indexes, ix)
		}
	}
	var out []Candidate
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		out, err = s.duplicates(ctx, tx, actor, q)
		return err
	})
	return out, err
}

// DuplicatesOf returns the likely duplicates of a saved petition, leaving
// out those already linked to it or dismissed.
func (s *Service) DuplicatesOf(ctx context.Context, id int64) ([]Candidate, error) {
	actor, err := access.Check(ctx, access.PetitionsRead)
	if err != nil {
		return nil, err
	}
	var out []Candidate
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		p, err := getPetition(ctx, tx, actor.OrgID, id, actor.Clearance)
		if err != nil {
			return err
		}
		q := dupQuery{excludeID: id, receivedOn: p.ReceivedOn, text: compareText(p.Summary, p.Content),
			subjectKey: vntext.Key(p.SubjectName), localityID: p.LocalityUnitID, field: p.Field, notDuplicate: map[int64]bool{}}
		senders, err := sendersOf(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, sd := range senders {
			if sd.BlindIndex != "" {
				q.indexes = append(q.indexes, sd.BlindIndex)
			}
		}
		links, err := linksOf(ctx, tx, actor.OrgID, id, access.MostSecret)
		if err != nil {
			return err
		}
		for _, l := range links {
			q.notDuplicate[l.OtherID] = true
		}
		out, err = s.duplicates(ctx, tx, actor, q)
		return err
	})
	return out, err
}

// compareText is the folded text two petitions are compared on: the
// summary and the opening of the content (long letters repeat themselves;
// the opening says what the matter is).
func compareText(summary, content string) string {
	c := []rune(content)
	if len(c) > compareChars {
		c = c[:compareChars]
	}
	return vntext.Fold(summary + " " + string(c))
}

// duplicates narrows the candidates with indexes (blind index equality,
// subject key equality, recent petitions of the same locality or field)
// and only then computes the similarity of each.
func (s *Service) duplicates(ctx context.Context, tx *sql.Tx, actor *access.Actor, q dupQuery) ([]Candidate, error) {
	if q.receivedOn.IsZero() {
		q.receivedOn = s.Today()
	}
	reasons := map[int64][]string{}
	mark := func(ids []int64, reason string) {
		for _, id := range ids {
			if id != q.excludeID && !q.notDuplicate[id] {
				reasons[id] = append(reasons[id], reason)
			}
		}
	}
	engine := s.db.Engine()
	if len(q.indexes) > 0 {
		cond, v := strIn(q.indexes)
		ids, err := idsOf(ctx, tx, `SELECT DISTINCT petition_id FROM petition_senders
			WHERE org_id = $1 AND blind_index IN `+cond+` LIMIT 200`, append([]any{actor.OrgID}, v...)...)
		if err != nil {
			return nil, err
		}
		mark(ids, ReasonSameSender)
	}
	if len([]rune(q.subjectKey)) >= 3 {
		ids, err := idsOf(ctx, tx, `SELECT id FROM petitions WHERE org_id = $1 AND subject_key = $2 AND subject_key <> ''
			ORDER BY received_on DESC LIMIT 200`, actor.OrgID, q.subjectKey)
		if err != nil {
			return nil, err
		}
		mark(ids, ReasonSameSubject)
	}
	since := q.receivedOn.AddDays(-365 * duplicateYears)
	var near []int64
	var err error
	switch {
	case q.text == "":
	case q.localityID != 0:
		near, err = idsOf(ctx, tx, `SELECT id FROM petitions WHERE org_id = $1 AND locality_unit_id = $2
			AND received_on >= $3 ORDER BY received_on DESC LIMIT $4`, actor.OrgID, q.localityID, since, duplicateCandidates)
	case q.field != "":
		near, err = idsOf(ctx, tx, `SELECT id FROM petitions WHERE org_id = $1 AND field = $2
			AND received_on >= $3 ORDER BY received_on DESC LIMIT $4`, actor.OrgID, q.field, since, duplicateCandidates)
	}
	if err != nil {
		return nil, err
	}
	candidates := make([]int64, 0, len(reasons)+len(near))
	for id := range reasons {
		candidates = append(candidates, id)
	}
	for _, id := range near {
		if _, seen := reasons[id]; !seen && id != q.excludeID && !q.notDuplicate[id] {
			candidates = append(candidates, id)
		}
	}
	if len(candidates) == 0 {
		return []Candidate{}, nil
	}
	where := "p.org_id = $1 AND p.classification <= $2 AND p.status <> 'split'"
	cond, v := idIn(engine, "p.id", 3, candidates)
	rows, err := tx.QueryContext(ctx, `SELECT `+itemColumns+`, substr(p.content, 1, `+strconv.Itoa(compareChars)+`) FROM petitions p WHERE `+where+` AND `+cond,
		actor.OrgID, actor.Clearance, v)
	if err != nil {
		return nil, fmt.Errorf("duplicate candidates: %w", err)
	}
	defer rows.Close()
	out := []Candidate{}
	for rows.Next() {
		var content string
		it, err := scanItem(rows, &content)
		if err != nil {
			return nil, err
		}
		c := Candidate{Item: it}
		c.Reasons = reasons[c.ID]
		if q.text != "" {
			c.Similarity = vntext.Similarity(q.text, compareText(c.Summary, content))
			if c.Similarity >= SimilarContent {
				c.Reasons = append(c.Reasons, ReasonSimilarContent)
			}
		}
		if len(c.Reasons) > 0 {
			out = append(out, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		if d := len(b.Reasons) - len(a.Reasons); d != 0 {
			return d
		}
		if a.Similarity != b.Similarity {
			if a.Similarity > b.Similarity {
				return -1
			}
			return 1
		}
		return b.ReceivedOn.Compare(a.ReceivedOn)
	})
	if len(out) > maxDuplicates {
		out = out[:maxDuplicates]
	}
	return out, nil
}

// strIn is "($2, $3, …)" for values bound after a first parameter.
func strIn(values []string) (string, []any) {
	ps := make([]string, len(values))
	args := make([]any, len(values))
	for i, v := range values {
		ps[i] = fmt.Sprintf("$%d", i+2)
		args[i] = v
	}
	return "(" + strings.Join(ps, ", ") + ")", args
}

func idsOf(ctx context.Context, q store.Querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("duplicate check: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
