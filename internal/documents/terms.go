package documents

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
)

// PartyTerm is a Party committee's term (khóa): Party documents are numbered
// per issuer, kind and term.
type PartyTerm struct {
	ID       int64
	OrgID    int64  // 0: the central terms every organisation shares
	Level    string // LevelCentral or LevelProvincial
	Term     int    // 18 for khóa XVIII
	StartsOn civil.Date
	EndsOn   civil.Date // zero: the current term
	// Approximate marks dates not confirmed by a source.
	Approximate bool
	Source      string
}

// Roman is the term number as written: "XVIII".
func (t PartyTerm) Roman() string { return roman(t.Term) }

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// Contains reports whether d falls within the term.
func (t PartyTerm) Contains(d civil.Date) bool {
	return !d.Before(t.StartsOn) && (t.EndsOn.IsZero() || !d.After(t.EndsOn))
}

// LangSonTerms are the terms of the Lạng Sơn provincial Party committee
// (Ban Chấp hành Đảng bộ tỉnh), each from the opening of the congress that
// elected it; reference data an administrator installs with AddTerm (the
// demo does). Sources: Thông báo 1934-TB/TU of 20/8/2010 (congress XV on
// 15–17/9/2010), the provincial press for XVI (27–30/10/2015) and XVII
// (opened 26/9/2020), RULES.md §6 for XVIII (24–26/9/2025).
var LangSonTerms = []PartyTerm{
	{Level: LevelProvincial, Term: 15, StartsOn: civil.MustParse("2010-09-15"), EndsOn: civil.MustParse("2015-10-26"),
		Source: "Đại hội XV Đảng bộ tỉnh Lạng Sơn, 15–17/9/2010 (Thông báo 1934-TB/TU)"},
	{Level: LevelProvincial, Term: 16, StartsOn: civil.MustParse("2015-10-27"), EndsOn: civil.MustParse("2020-09-25"),
		Source: "Đại hội XVI Đảng bộ tỉnh Lạng Sơn, 27–30/10/2015"},
	{Level: LevelProvincial, Term: 17, StartsOn: civil.MustParse("2020-09-26"), EndsOn: civil.MustParse("2025-09-23"),
		Source: "Đại hội XVII Đảng bộ tỉnh Lạng Sơn, khai mạc 26/9/2020"},
	{Level: LevelProvincial, Term: 18, StartsOn: civil.MustParse("2025-09-24"),
		Source: "Đại hội XVIII Đảng bộ tỉnh Lạng Sơn, 24–26/9/2025"},
}

// Terms lists the central terms and the organisation's own.
func (s *Service) Terms(ctx context.Context) ([]PartyTerm, error) {
	actor, err := access.Check(ctx, access.DocsRead)
	if err != nil {
		return nil, err
	}
	return listTerms(ctx, s.db.Read(), actor.OrgID)
}

// AddTerm records a provincial term of the actor's organisation. Documents
// registered in its dates before it was known get their numbering checked
// now; the term is refused when two of them hold the same number.
func (s *Service) AddTerm(ctx context.Context, t PartyTerm) (PartyTerm, error) {
	actor, err := access.Check(ctx, access.SettingsAdmin)
	if err != nil {
		return PartyTerm{}, err
	}
	t.OrgID = actor.OrgID
	t.Source = strings.TrimSpace(t.Source)
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		existing, err := listTerms(ctx, tx, actor.OrgID)
		if err != nil {
			return err
		}
		if errs := checkTerm(t, existing); len(errs) > 0 {
			return errs
		}
		if err := insertTerm(ctx, tx, &t); err != nil {
			return err
		}
		if err := s.recheckNumbering(ctx, tx, actor, t); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "party_term", EntityID: t.ID,
			Summary: fmt.Sprintf("Nhiệm kỳ khóa %s (%s)", t.Roman(), t.Level), After: t})
		return err
	})
	if err != nil {
		return PartyTerm{}, err
	}
	return t, nil
}

// checkTerm validates a new provincial term against the known ones.
func checkTerm(t PartyTerm, existing []PartyTerm) validate.Errors {
	var errs validate.Errors
	if t.Level != LevelProvincial {
		errs.Add("level", "error.invalid_choice", nil)
	}
	if t.Term <= 0 {
		errs.Add("term", "error.invalid_number", nil)
	}
	if !t.StartsOn.Valid() {
		errs.Add("starts_on", "error.invalid_date", nil)
	}
	if !t.EndsOn.IsZero() && (!t.EndsOn.Valid() || t.EndsOn.Before(t.StartsOn)) {
		errs.Add("ends_on", "error.date_order", map[string]any{"other": t.StartsOn.String()})
	}
	if len(errs) > 0 {
		return errs
	}
	for _, e := range existing {
		if e.OrgID != t.OrgID || e.Level != t.Level {
			continue
		}
		if e.Term == t.Term {
			errs.Add("term", "documents.error.term_exists", map[string]any{"term": e.Roman()})
		} else if overlaps(e, t) {
			errs.Add("starts_on", "documents.error.term_overlap", map[string]any{"term": e.Roman()})
		}
	}
	return errs
}

func overlaps(a, b PartyTerm) bool {
	aEndsBeforeB := !a.EndsOn.IsZero() && a.EndsOn.Before(b.StartsOn)
	bEndsBeforeA := !b.EndsOn.IsZero() && b.EndsOn.Before(a.StartsOn)
	return !aEndsBeforeB && !bEndsBeforeA
}

// recheckNumbering gives the documents of a newly known term their
// numbering key, refusing the term when two of them collide.
func (s *Service) recheckNumbering(ctx context.Context, tx *sql.Tx, actor *access.Actor, t PartyTerm) error {
	end := t.EndsOn
	if end.IsZero() {
		end = civil.New(9999, 12, 31)
	}
	recs, err := queryRecords(ctx, tx, `SELECT `+documentColumns+` FROM documents WHERE org_id = $1
		AND numbering = $2 AND numbering_key IS NULL AND issued_on >= $3 AND issued_on <= $4 ORDER BY issued_on, id`,
		actor.OrgID, NumberingParty, t.StartsOn, end)
	if err != nil {
		return err
	}
	seen := map[string]record{}
	var errs validate.Errors
	for _, r := range recs {
		sym, _ := parseSymbolIfAny(r.Symbol)
		seq := sequenceOf(sym, r.Symbol != "", r.Kind, r.Number, r.IssuerUnitID, r.IssuedOn)
		if seq.Level != t.Level {
			continue
		}
		key := seq.key(t.ID)
		if other, dup := seen[key]; dup {
			errs.Add("term", "documents.error.term_duplicates", map[string]any{
				"first": describe(other.Document), "second": describe(r.Document)})
			continue
		}
		if held, err := recordByNumberingKey(ctx, tx, actor.OrgID, key, r.ID); err == nil {
			errs.Add("term", "documents.error.term_duplicates", map[string]any{
				"first": describe(held.Document), "second": describe(r.Document)})
			continue
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		seen[key] = r
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET term_id = $1, numbering_sequence = $2, numbering_key = $3
			WHERE id = $4`, t.ID, seq.name(t.ID), key, r.ID); err != nil {
			return fmt.Errorf("number document %d in its term: %w", r.ID, err)
		}
	}
	return errs.Err()
}
