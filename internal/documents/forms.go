package documents

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// This file holds what the registration forms need beyond the records:
// the bodies a document may be issued by, and the number (with its symbol)
// the Committee's next own document would get.

// Issuer is a unit that may be named as a document's issuing body.
type Issuer struct {
	ID         int64
	Name       string
	ShortName  string
	Kind       string // the units module's kind: central_body, standing_board…
	IssuerCode string // "TU", "BNCTU"; "" for a body whose symbols are not known
	ValidFrom  civil.Date
	ValidTo    civil.Date
}

// AliveOn reports whether the body existed on d (an unknown date passes).
func (i Issuer) AliveOn(d civil.Date) bool {
	return unit{ValidFrom: i.ValidFrom, ValidTo: i.ValidTo}.aliveOn(d)
}

// Issuers lists the units of the actor's organisation that a document may
// name as its issuer: those with an issuer code first (the bodies that
// number documents: Bộ Chính trị, Ban Thường vụ Tỉnh ủy…), each group in the
// units module's reference order.
func (s *Service) Issuers(ctx context.Context) ([]Issuer, error) {
	actor, err := access.Check(ctx, access.DocsRead)
	if err != nil {
		return nil, err
	}
	units, err := orgUnits(ctx, s.db.Read(), actor.OrgID)
	if err != nil {
		return nil, err
	}
	out := make([]Issuer, 0, len(units))
	for _, pass := range []bool{true, false} {
		for _, u := range units {
			if (u.IssuerCode != "") == pass {
				out = append(out, Issuer{ID: u.ID, Name: u.Name, ShortName: u.ShortName, Kind: u.Kind,
					IssuerCode: u.IssuerCode, ValidFrom: u.ValidFrom, ValidTo: u.ValidTo})
			}
		}
	}
	return out, nil
}

// NextOwn is the number and symbol the Committee's next own document would get.
type NextOwn struct {
	Number string // "07"
	Symbol string // "07-KH/BNCTU"
	Term   int    // the provincial term the number runs in (18)
}

// TermName is the term as written: "XVIII".
func (n NextOwn) TermName() string { return roman(n.Term) }

// NextOwnNumber is NextNumber with the symbol it makes and the term it runs
// in, for the registration form's hint.
func (s *Service) NextOwnNumber(ctx context.Context, kind string, onDate civil.Date) (NextOwn, error) {
	actor, err := access.Check(ctx, access.DocsWrite)
	if err != nil {
		return NextOwn{}, err
	}
	var next NextOwn
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		var errs validate.Errors
		if kind == "" {
			errs.Required("kind", "")
		} else if !ValidKind(kind) {
			errs.Add("kind", "documents.error.unknown_kind", map[string]any{"kind": kind})
		}
		if !onDate.Valid() {
			errs.Add("issued_on", "error.invalid_date", nil)
		}
		if len(errs) > 0 {
			return errs
		}
		org, err := loadOrg(ctx, tx, actor.OrgID)
		if err != nil {
			return err
		}
		code, level := DefaultKindCode(kind), IssuerLevel(org.IssuerCode)
		switch {
		case org.IssuerCode == "":
			errs.Add("symbol", "documents.error.no_issuer_code", nil)
		case code == "":
			errs.Add("kind", "documents.error.kind_not_numbered", nil)
		case level == "":
			errs.Add("symbol", "documents.error.no_issuer_level", map[string]any{"issuer": org.IssuerCode})
		}
		if len(errs) > 0 {
			return errs
		}
		term, err := termOn(ctx, tx, actor.OrgID, level, onDate)
		if errors.Is(err, store.ErrNotFound) {
			errs.Add("issued_on", "documents.error.no_term", map[string]any{"date": vntext.Date(onDate)})
			return errs
		}
		if err != nil {
			return err
		}
		seq := sequence{Scheme: NumberingParty, Level: level, Issuer: matchForm(org.IssuerCode), Code: matchForm(code)}
		last, err := maxNumber(ctx, tx, actor.OrgID, seq.name(term.ID))
		if err != nil {
			return err
		}
		next.Number = formatNumber(last + 1)
		next.Symbol = next.Number + "-" + code + "/" + org.IssuerCode
		next.Term = term.Term
		return nil
	})
	return next, err
}

// analyzableExtensions are the file types the paste-a-text page reads.
var analyzableExtensions = []string{".txt", ".docx"}

// analyzableName reports whether a file name may be read for its text: a
// .txt or .docx name, or one without an extension (its content decides).
func analyzableName(name string) bool {
	base := name[strings.LastIndexAny(name, `/\`)+1:]
	dot := strings.LastIndexByte(base, '.')
	if dot <= 0 {
		return true
	}
	ext := strings.ToLower(base[dot:])
	for _, e := range analyzableExtensions {
		if ext == e {
			return true
		}
	}
	return false
}
