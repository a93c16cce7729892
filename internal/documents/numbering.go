package documents

import (
	"fmt"
	"strconv"
	"strings"

	"noichinh/internal/cite"
	"noichinh/internal/civil"
	"noichinh/internal/vntext"
)

// Numbering schemes (RULES.md §3): a Party document's number runs per issuer,
// kind and committee term; a state document's per issuer, kind and calendar
// year (the year of a normative act is in its symbol: 30/2020/NĐ-CP). Old
// layouts and documents known by number alone follow no scheme that can be
// checked, so only an exact repeat counts as a duplicate.
const (
	NumberingParty = "party"
	NumberingState = "state"
	NumberingNone  = "none"
)

// Levels of the Party committees whose terms scope Party numbering.
const (
	LevelCentral    = "central"    // Ban Chấp hành Trung ương and its bodies: …/TW
	LevelProvincial = "provincial" // the provincial committee and its bodies: …/TU
)

// IssuerLevel returns the level of the Party committee whose term numbers the
// documents of an issuer code: TW, VPTW, UBKTTW → central; TU, BNCTU, UBKTTU →
// provincial; "" for any other code (a term cannot be known for it).
func IssuerLevel(code string) string {
	c := strings.ToUpper(code)
	switch {
	case strings.HasSuffix(c, "TW"):
		return LevelCentral
	case strings.HasSuffix(c, "TU"):
		return LevelProvincial
	}
	return ""
}

// sequence is the numbering sequence a document's number belongs to, before
// the term (which needs the database) is known.
type sequence struct {
	Scheme string
	Level  string // Party scheme: the level whose term scopes the number
	Year   int    // state scheme: the year; 0 when unknown
	Issuer string // issuer code, matching form
	Code   string // kind code, matching form
	Number string // number without leading zeros
	Exact  string // no scheme: what identifies the document ("" when nothing does)
}

// sequenceOf returns the sequence of a document with the given symbol (parsed
// when has is true) or, without a symbol, kind and number.
func sequenceOf(sym cite.Symbol, has bool, kind, number string, issuerUnitID int64, issued civil.Date) sequence {
	n := trimZeros(number)
	if !has {
		s := sequence{Scheme: NumberingNone}
		// "Quyết định số 14" of a known body on a known day is one document.
		if issuerUnitID != 0 && !issued.IsZero() {
			s.Exact = fmt.Sprintf("nosymbol|%s|%s|u%d|%s", kind, n, issuerUnitID, issued)
		}
		return s
	}
	s := sequence{Issuer: matchForm(sym.IssuerCode), Code: matchForm(sym.KindCode), Number: trimZeros(sym.Number)}
	switch sym.Form {
	case cite.FormParty:
		s.Scheme, s.Level = NumberingParty, IssuerLevel(sym.IssuerCode)
	case cite.FormNormative:
		s.Scheme, s.Year = NumberingState, sym.Year
	case cite.FormState:
		s.Scheme, s.Year = NumberingState, issued.Year
	default:
		s.Scheme = NumberingNone
		s.Exact = "symbol|" + SymbolKey(sym.String()) + "|" + issued.String()
	}
	return s
}

// name identifies the sequence for locking, given the term when the scheme
// is the Party's; "" when the sequence cannot be known.
func (s sequence) name(termID int64) string {
	switch s.Scheme {
	case NumberingParty:
		if termID == 0 {
			return ""
		}
		return fmt.Sprintf("party|%s|%s|t%d", s.Issuer, s.Code, termID)
	case NumberingState:
		if s.Year == 0 {
			return ""
		}
		return fmt.Sprintf("state|%s|%s|%d", s.Issuer, s.Code, s.Year)
	}
	return s.Exact
}

// key is the unique numbering key of the document in its sequence, or "" when
// uniqueness cannot be checked.
func (s sequence) key(termID int64) string {
	name := s.name(termID)
	if name == "" || s.Scheme == NumberingNone {
		return name
	}
	return name + "|" + s.Number
}

// SymbolKey is the matching form of a symbol: the same document written
// "08-QĐi/TU", "8-QĐI/TU" or "08 - QĐi/TU" has one key. A text that is not a
// symbol keeps only its folded form.
func SymbolKey(symbol string) string {
	symbol = compactSymbol(symbol)
	sym, err := cite.ParseSymbol(symbol)
	if err != nil {
		return vntext.Fold(symbol)
	}
	canonical := sym.String()
	return vntext.Fold(trimZeros(sym.Number) + " " + canonical[len(sym.Number):])
}

// numberKey is the matching form of a document known only by its kind and
// number ("Quyết định số 14").
func numberKey(kind, number string) string { return kind + ":" + trimZeros(number) }

// matchForm is the form of a code used in keys: folded, upper case.
func matchForm(code string) string { return strings.ToUpper(vntext.Fold(code)) }

// trimZeros drops leading zeros: "08" and "8" are the same number.
func trimZeros(n string) string {
	t := strings.TrimLeft(n, "0")
	if t == "" && n != "" {
		return "0"
	}
	return t
}

// numberValue is the number as an integer, for ordering and for the next
// number; false when it is not all digits.
func numberValue(n string) (int64, bool) {
	if n == "" {
		return 0, false
	}
	v, err := strconv.ParseInt(n, 10, 64)
	return v, err == nil && v >= 0
}

// formatNumber writes a new Party number as documents do: at least two digits.
func formatNumber(n int64) string { return fmt.Sprintf("%02d", n) }

// compactSymbol drops the spaces people type inside a symbol ("08 - QĐi/TU",
// non-breaking ones included): a symbol never contains a space.
func compactSymbol(s string) string {
	return strings.ReplaceAll(vntext.Clean(s), " ", "")
}
