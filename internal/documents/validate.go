package documents

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Length limits of the text fields, in characters.
const (
	maxSymbolLen  = 60
	maxNumberLen  = 6
	maxNameLen    = 300
	maxSummaryLen = 2000
	maxNotesLen   = 20000
	maxBodyLen    = 2_000_000
)

func parseSymbolIfAny(s string) (cite.Symbol, bool) {
	if s == "" {
		return cite.Symbol{}, false
	}
	sym, err := cite.ParseSymbol(s)
	return sym, err == nil
}

// checked is an Input that passed the checks that need no database, in
// normal form, with its symbol parsed.
type checked struct {
	Input
	sym       cite.Symbol
	hasSymbol bool
}

// checkInput normalises in and checks everything that needs no database.
func checkInput(in Input, clearance access.Classification, today civil.Date) (checked, validate.Errors) {
	var errs validate.Errors
	in.Symbol = compactSymbol(in.Symbol)
	in.Number = vntext.Clean(in.Number)
	in.IssuerName = vntext.Clean(in.IssuerName)
	in.Summary = vntext.Clean(in.Summary)
	in.Notes = vntext.CleanText(in.Notes)
	in.Body = vntext.CleanText(in.Body)
	c := checked{Input: in}

	if in.Kind == "" {
		errs.Required("kind", in.Kind)
	} else if !ValidKind(in.Kind) {
		errs.Add("kind", "documents.error.unknown_kind", map[string]any{"kind": in.Kind})
	}
	switch {
	case in.AutoNumber:
		if in.Symbol != "" {
			errs.Add("symbol", "documents.error.auto_number_given", nil)
		}
		if in.Number != "" {
			errs.Add("number", "documents.error.auto_number_given", nil)
		}
		if in.IssuedOn.IsZero() {
			errs.Required("issued_on", "")
		}
	case in.Symbol != "":
		errs.MaxLen("symbol", in.Symbol, maxSymbolLen)
		sym, err := cite.ParseSymbol(in.Symbol)
		if err != nil {
			errs.Add("symbol", "documents.error.invalid_symbol", map[string]any{"symbol": in.Symbol})
			break
		}
		c.sym, c.hasSymbol = sym, true
		c.Symbol = sym.String()
		if in.Number != "" && trimZeros(in.Number) != trimZeros(sym.Number) {
			errs.Add("number", "documents.error.number_mismatch", map[string]any{"symbol": c.Symbol})
		}
		c.Number = sym.Number
		if kinds := codeKinds(sym.KindCode); ValidKind(in.Kind) && in.Kind != "document" && kinds != nil && !slices.Contains(kinds, in.Kind) {
			errs.Add("kind", "documents.error.kind_mismatch", map[string]any{"code": sym.KindCode})
		}
		if sym.Year != 0 && !in.IssuedOn.IsZero() && in.IssuedOn.Year != sym.Year {
			errs.Add("issued_on", "documents.error.year_mismatch", map[string]any{"year": sym.Year})
		}
	default:
		if in.Number == "" {
			errs.Required("number", in.Number)
		} else if _, ok := numberValue(in.Number); !ok || len(in.Number) > maxNumberLen {
			errs.Add("number", "documents.error.invalid_number", nil)
		}
	}
	if !in.IssuedOn.IsZero() {
		switch {
		case !in.IssuedOn.Valid():
			errs.Add("issued_on", "error.invalid_date", nil)
		case in.IssuedOn.After(today):
			errs.Add("issued_on", "documents.error.issued_in_future", nil)
		}
	}
	if in.IssuerUnitID < 0 {
		errs.Add("issuer_unit_id", "documents.error.unknown_unit", nil)
	}
	errs.MaxLen("issuer_name", in.IssuerName, maxNameLen)
	errs.MaxLen("summary", in.Summary, maxSummaryLen)
	errs.MaxLen("notes", in.Notes, maxNotesLen)
	errs.MaxLen("body", in.Body, maxBodyLen)
	var fields []Field
	for _, f := range in.Fields {
		if !f.Valid() {
			errs.Add("fields", "documents.error.unknown_field", map[string]any{"field": string(f)})
		} else if !slices.Contains(fields, f) {
			fields = append(fields, f)
		}
	}
	slices.SortFunc(fields, func(a, b Field) int { return slices.Index(Fields, a) - slices.Index(Fields, b) })
	c.Fields = fields
	switch {
	case !in.Classification.Valid():
		errs.Add("classification", "error.invalid_choice", nil)
	case in.Classification > clearance:
		errs.Add("classification", "error.classification_above_clearance", nil)
	}
	return c, errs
}

// prepare turns a checked input into the record to write, inside tx: it
// resolves the issuer, finds the numbering sequence and term, assigns the
// next number when asked, locks the sequence and refuses a number already
// used. exceptID is the document being corrected (0 for a new one).
func (s *Service) prepare(ctx context.Context, tx *sql.Tx, actor *access.Actor, c checked, exceptID int64) (record, validate.Errors, error) {
	var errs validate.Errors
	r := record{Document: Document{
		OrgID: actor.OrgID, Symbol: c.Symbol, Kind: c.Kind, Number: c.Number, IssuerUnitID: c.IssuerUnitID,
		IssuerName: c.IssuerName, IssuedOn: c.IssuedOn, Summary: c.Summary, Fields: c.Fields,
		AdvisedByCommittee: c.AdvisedByCommittee, Classification: c.Classification, Body: c.Body, Notes: c.Notes,
	}}
	var issuer unit
	if c.IssuerUnitID != 0 {
		u, err := unitByID(ctx, tx, actor.OrgID, c.IssuerUnitID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			errs.Add("issuer_unit_id", "documents.error.unknown_unit", nil)
		case err != nil:
			return r, nil, err
		case !u.aliveOn(c.IssuedOn):
			errs.Add("issuer_unit_id", "documents.error.issuer_not_alive", map[string]any{"unit": u.Name})
		default:
			issuer = u
		}
	}
	if c.AutoNumber {
		var err error
		c, err = s.assignNumber(ctx, tx, actor, c, &issuer, &errs)
		if err != nil || len(errs) > 0 {
			return r, errs, err
		}
		r.Symbol, r.Number, r.IssuerUnitID = c.Symbol, c.Number, issuer.ID
	}
	if len(errs) > 0 {
		return r, errs, nil
	}

	r.KindCode = c.sym.KindCode
	r.IssuerCode = c.sym.IssuerCode
	if !c.hasSymbol {
		r.KindCode = DefaultKindCode(c.Kind)
		r.IssuerCode = issuer.IssuerCode
	}
	if r.Symbol != "" {
		r.symbolKey = SymbolKey(r.Symbol)
	} else {
		r.symbolKey = numberKey(r.Kind, r.Number)
	}
	if v, ok := numberValue(r.Number); ok {
		r.numberValue = sql.NullInt64{Int64: v, Valid: true}
	}
	r.issuerUnitName = issuer.Name
	r.searchText = vntext.Fold(strings.Join([]string{r.Symbol, r.Number, r.IssuerCode, r.IssuerName, issuer.Name,
		r.Summary}, " "))

	seq := sequenceOf(c.sym, c.hasSymbol, r.Kind, r.Number, r.IssuerUnitID, r.IssuedOn)
	r.Numbering = seq.Scheme
	r.NumberingYear = seq.Year
	if seq.Scheme == NumberingParty && seq.Level != "" && !r.IssuedOn.IsZero() {
		t, err := termOn(ctx, tx, actor.OrgID, seq.Level, r.IssuedOn)
		switch {
		case errors.Is(err, store.ErrNotFound):
			// No term data for the date (before 2010, or not installed):
			// the document is registered with its numbering unchecked.
		case err != nil:
			return r, nil, err
		default:
			r.TermID = t.ID
		}
	}
	r.numberingSeq = seq.name(r.TermID)
	r.numberingKey = seq.key(r.TermID)
	r.NumberingChecked = r.numberingKey != ""
	if r.numberingSeq == "" {
		return r, nil, nil
	}
	if err := lockSequence(ctx, tx, actor.OrgID, r.numberingSeq); err != nil {
		return r, nil, err
	}
	held, err := recordByNumberingKey(ctx, tx, actor.OrgID, r.numberingKey, exceptID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return r, nil, nil
	case err != nil:
		return r, nil, err
	}
	field := "symbol"
	if r.Symbol == "" {
		field = "number"
	}
	if actor.Sees(held.Classification) {
		errs.Add(field, "documents.error.duplicate_number", map[string]any{"document": describe(held.Document), "id": held.ID})
	} else {
		// The holder is secret to this user: say the number is taken, not by what.
		errs.Add(field, "documents.error.duplicate_number_hidden", nil)
	}
	return r, errs, nil
}

// assignNumber gives one of the Committee's own documents the next number of
// its sequence. The sequence is locked first, so a concurrent registration
// waits and then sees this number as used.
func (s *Service) assignNumber(ctx context.Context, tx *sql.Tx, actor *access.Actor, c checked, issuer *unit, errs *validate.Errors) (checked, error) {
	org, err := loadOrg(ctx, tx, actor.OrgID)
	if err != nil {
		return c, err
	}
	code := DefaultKindCode(c.Kind)
	level := IssuerLevel(org.IssuerCode)
	switch {
	case org.IssuerCode == "":
		errs.Add("symbol", "documents.error.no_issuer_code", nil)
	case code == "":
		errs.Add("kind", "documents.error.kind_not_numbered", nil)
	case level == "":
		errs.Add("symbol", "documents.error.no_issuer_level", map[string]any{"issuer": org.IssuerCode})
	}
	if len(*errs) > 0 {
		return c, nil
	}
	term, err := termOn(ctx, tx, actor.OrgID, level, c.IssuedOn)
	if errors.Is(err, store.ErrNotFound) {
		errs.Add("issued_on", "documents.error.no_term", map[string]any{"date": vntext.Date(c.IssuedOn)})
		return c, nil
	}
	if err != nil {
		return c, err
	}
	seq := sequence{Scheme: NumberingParty, Level: level, Issuer: matchForm(org.IssuerCode), Code: matchForm(code)}
	name := seq.name(term.ID)
	if err := lockSequence(ctx, tx, actor.OrgID, name); err != nil {
		return c, err
	}
	last, err := maxNumber(ctx, tx, actor.OrgID, name)
	if err != nil {
		return c, err
	}
	c.Number = formatNumber(last + 1)
	c.Symbol = c.Number + "-" + code + "/" + org.IssuerCode
	sym, err := cite.ParseSymbol(c.Symbol)
	if err != nil {
		errs.Add("symbol", "documents.error.invalid_symbol", map[string]any{"symbol": c.Symbol})
		return c, nil
	}
	c.sym, c.hasSymbol, c.Symbol = sym, true, sym.String()
	if issuer.ID == 0 {
		// The Committee itself issues its own documents: its unit, when the
		// units module knows it by the organisation's issuer code.
		units, err := orgUnits(ctx, tx, actor.OrgID)
		if err != nil {
			return c, err
		}
		var own []unit
		for _, u := range units {
			if strings.EqualFold(u.IssuerCode, org.IssuerCode) && u.aliveOn(c.IssuedOn) {
				own = append(own, u)
			}
		}
		if len(own) == 1 {
			*issuer = own[0]
		}
	}
	return c, nil
}

// describe names a document in messages: "48-CT/TW (22/10/2010)".
func describe(d Document) string {
	if d.IssuedOn.IsZero() {
		return d.Title()
	}
	return d.Title() + " (" + vntext.Date(d.IssuedOn) + ")"
}
