package cite

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Form is the layout of a symbol ("số và ký hiệu").
type Form int

const (
	// FormParty is the Party layout NUMBER-KIND/ISSUER: 48-CT/TW, 11-QĐi/TW,
	// 101-NQNS/LKVB, 05-QC/BNCTU-CAT.
	FormParty Form = iota + 1
	// FormState is the state layout for individual acts NUMBER/KIND-ISSUER:
	// 521/QĐ-TTg, 336/NQ-TUCL; without a kind code it is an official letter
	// NUMBER/ISSUER-UNIT: 1234/UBND-NC.
	FormState
	// FormNormative is NUMBER/YEAR/KIND-ISSUER for normative acts
	// (30/2020/NĐ-CP) and NUMBER/YEAR/ISSUER for laws (25/2018/QH14).
	FormNormative
	// FormSlashed is an old layout with slashes only: 08/NQ/TC/CL.
	FormSlashed
	// FormShort is an old layout NUMBER-ISSUER or NUMBER-KIND: 64-CP.
	FormShort
)

// Symbol is a document symbol split into its parts.
type Symbol struct {
	Number     string // "48", "04": as written, leading zeros kept
	Year       int    // 2020 in "30/2020/NĐ-CP"; 0 when the symbol has none
	KindCode   string // "CT", "QĐi", "NĐ"; "" when the symbol has none (laws, official letters)
	IssuerCode string // "TW", "TTg", "QH14", "UBND-NC", "TC/CL"
	Form       Form
}

// String returns the canonical written form.
func (s Symbol) String() string {
	switch s.Form {
	case FormParty:
		return s.Number + "-" + s.KindCode + "/" + s.IssuerCode
	case FormState:
		switch {
		case s.KindCode == "":
			return s.Number + "/" + s.IssuerCode
		case s.IssuerCode == "":
			return s.Number + "/" + s.KindCode
		}
		return s.Number + "/" + s.KindCode + "-" + s.IssuerCode
	case FormNormative:
		head := s.Number + "/" + strconv.Itoa(s.Year) + "/"
		if s.KindCode == "" {
			return head + s.IssuerCode
		}
		return head + s.KindCode + "-" + s.IssuerCode
	case FormSlashed:
		return s.Number + "/" + s.KindCode + "/" + s.IssuerCode
	case FormShort:
		return s.Number + "-" + s.KindCode + s.IssuerCode
	}
	return ""
}

var errNotSymbol = errors.New("not a document symbol")

// ParseSymbol reads a symbol on its own: "48-CT/TW", "30/2020/NĐ-CP",
// "25/2018/QH14", "08/NQ/TC/CL". Dash variants are read as '-', known kind
// codes get their canonical spelling ("QĐI" → "QĐi", "CTR" → "CTr") and
// "TTG" becomes "TTg"; other issuer codes are kept as written.
func ParseSymbol(s string) (Symbol, error) {
	sym, ok := parseSymbol(strings.TrimSpace(s))
	if !ok {
		return Symbol{}, fmt.Errorf("cite: %q: %w", s, errNotSymbol)
	}
	return sym, nil
}

// maxNumberDigits bounds a document number; longer digit runs are not numbers
// of documents (phone numbers, amounts).
const maxNumberDigits = 6

func parseSymbol(raw string) (Symbol, bool) {
	raw = toNFC(normalizeDashes(raw))
	n := 0
	for n < len(raw) && raw[n] >= '0' && raw[n] <= '9' {
		n++
	}
	if n == 0 || n > maxNumberDigits || n == len(raw) {
		return Symbol{}, false
	}
	number, sep, rest := raw[:n], raw[n], raw[n+1:]
	first, firstSep, count, ok := firstPart(rest)
	if !ok {
		return Symbol{}, false
	}
	sym := Symbol{Number: number}
	switch sep {
	case '-':
		if count == 1 {
			if !hasLetter(first) {
				return Symbol{}, false
			}
			sym.Form = FormShort
			if code, ok := canonicalCode(first); ok {
				sym.KindCode = code
			} else {
				sym.IssuerCode = canonicalIssuer(first)
			}
			return sym, true
		}
		if firstSep != '/' || !isCode(first) {
			return Symbol{}, false
		}
		sym.Form = FormParty
		sym.KindCode = codeSpelling(first)
		sym.IssuerCode = canonicalIssuer(rest[len(first)+1:])
	case '/':
		if y, ok := year(first); ok && count > 1 && firstSep == '/' {
			sym.Form, sym.Year = FormNormative, y
			tail := rest[len(first)+1:]
			code, codeSep, tailCount, _ := firstPart(tail)
			if tailCount > 1 && codeSep == '-' && isCode(code) {
				sym.KindCode = codeSpelling(code)
				sym.IssuerCode = canonicalIssuer(tail[len(code)+1:])
			} else {
				sym.IssuerCode = canonicalIssuer(tail)
			}
			break
		}
		if count == 1 {
			sym.Form = FormState
			if code, ok := canonicalCode(first); ok {
				sym.KindCode = code
			} else {
				sym.IssuerCode = canonicalIssuer(first)
			}
			break
		}
		if firstSep == '/' {
			if !isCode(first) {
				return Symbol{}, false
			}
			sym.Form = FormSlashed
			sym.KindCode = codeSpelling(first)
			sym.IssuerCode = canonicalIssuer(rest[len(first)+1:])
			break
		}
		sym.Form = FormState
		if code, ok := canonicalCode(first); ok {
			sym.KindCode = code
			sym.IssuerCode = canonicalIssuer(rest[len(first)+1:])
		} else {
			sym.IssuerCode = canonicalIssuer(rest) // official letter: ISSUER-UNIT
		}
	default:
		return Symbol{}, false
	}
	if (sym.IssuerCode == "" && sym.KindCode == "") || (sym.IssuerCode != "" && !hasLetter(sym.IssuerCode)) {
		return Symbol{}, false
	}
	return sym, true
}

// firstPart reads "CT/TW": the first part "CT", the separator after it
// ('/'; 0 for none) and the number of parts. ok is false when a part is
// empty or holds anything but letters and digits.
func firstPart(s string) (part string, sep byte, count int, ok bool) {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '-' && s[i] != '/' {
			continue
		}
		if i == start || !alnum(s[start:i]) {
			return "", 0, 0, false
		}
		if count == 0 {
			part = s[start:i]
			if i < len(s) {
				sep = s[i]
			}
		}
		count++
		start = i + 1
	}
	return part, sep, count, true
}

func alnum(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !isMark(r) {
			return false
		}
	}
	return true
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// isCode reports a plausible kind code: letters only, at most 6 of them.
func isCode(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 6 {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func upper(s string) string { return strings.ToUpper(s) }

// canonicalCode returns the canonical spelling of a known kind code.
func canonicalCode(s string) (string, bool) {
	k, ok := kindCodes[upper(s)]
	return k.code, ok
}

// codeSpelling is canonicalCode for known codes and the code as written for
// others (old codes such as NQNS).
func codeSpelling(s string) string {
	if c, ok := canonicalCode(s); ok {
		return c
	}
	return s
}

// canonicalIssuer restores the one mixed-case issuer code in common use,
// the Prime Minister's "TTg", in upper-case text.
func canonicalIssuer(s string) string {
	if upper(s) == "TTG" {
		return "TTg"
	}
	return s
}

func year(s string) (int, bool) {
	if len(s) != 4 || !isDigits(s) {
		return 0, false
	}
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	return y, y >= 1945 && y <= 2100
}

// isDash reports the characters typed for '-' in symbols.
func isDash(r rune) bool {
	return r == '-' || (r >= 0x2010 && r <= 0x2015) || r == 0x2212
}

func normalizeDashes(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r != '-' && isDash(r) }) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isDash(r) {
			return '-'
		}
		return r
	}, s)
}
