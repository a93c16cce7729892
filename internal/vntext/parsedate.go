package vntext

import (
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"noichinh/internal/civil"
)

// Errors of ParseDate and ParseMonth, for errors.Is; the UI shows its own
// translated message for each.
var (
	ErrDateForm     = errors.New("not a date in a recognised form")
	ErrTwoDigitYear = errors.New("two-digit years are ambiguous; write the year in full")
	ErrNoSuchDate   = errors.New("no such date")
)

// ParseDate reads a whole string as a date in one of the forms Vietnamese
// text uses:
//
//	22/10/2010   5/3/2021   05-3-2021   5.3.2021   (day, month, year)
//	2021-03-05                                       (ISO)
//	ngày 05 tháng 3 năm 2020   05 tháng 3 năm 2020   ngày 5/3/2021
//
// Spaces of any kind and number, letter case, decomposed Unicode and words
// typed without diacritics ("ngay 5 thang 3 nam 2020") are accepted. Years
// must have four digits. The error wraps ErrDateForm, ErrTwoDigitYear or
// ErrNoSuchDate and says why in English.
func ParseDate(s string) (civil.Date, error) {
	toks, ok := tokenizeDate(s)
	if !ok {
		return civil.Date{}, dateError(s, ErrDateForm, "")
	}
	withDay := len(toks) > 0 && toks[0].isWord("ngay")
	if withDay {
		toks = toks[1:]
	}
	var day, month, year string
	switch {
	case matchTokens(toks, "n/n/n") && toks[1] == toks[3]:
		day, month, year = toks[0].text, toks[2].text, toks[4].text
		if len(toks[0].text) == 4 { // year first: only ISO YYYY-MM-DD
			if withDay || toks[1].text != "-" || len(toks[2].text) != 2 || len(toks[4].text) != 2 {
				return civil.Date{}, dateError(s, ErrDateForm, "a date that starts with the year is written YYYY-MM-DD")
			}
			year, day = toks[0].text, toks[4].text
		}
	case matchTokens(toks, "nwnwn") && toks[1].isWord("thang") && toks[3].isWord("nam"):
		day, month, year = toks[0].text, toks[2].text, toks[4].text
	default:
		return civil.Date{}, dateError(s, ErrDateForm, "")
	}
	y, m, err := parseYearMonth(s, year, month)
	if err != nil {
		return civil.Date{}, err
	}
	d, ok := parseSmall(day)
	if !ok {
		return civil.Date{}, dateError(s, ErrDateForm, "a day has one or two digits")
	}
	if d < 1 || d > civil.DaysIn(y, m) {
		return civil.Date{}, dateError(s, ErrNoSuchDate,
			fmt.Sprintf("%s %d has %d days", m, y, civil.DaysIn(y, m)))
	}
	return civil.Date{Year: y, Month: m, Day: d}, nil
}

// ParseMonth reads a whole string as a month: "3/2017", "05/2019",
// "tháng 3/2017", "tháng 3 năm 2017", "3-2017", "3.2017" or ISO "2017-03",
// with the same tolerance as ParseDate ("Từ tháng 05/2019" in the seeds).
func ParseMonth(s string) (year int, month time.Month, err error) {
	toks, ok := tokenizeDate(s)
	if !ok {
		return 0, 0, dateError(s, ErrDateForm, "")
	}
	withMonth := len(toks) > 0 && toks[0].isWord("thang")
	if withMonth {
		toks = toks[1:]
	}
	var monthText, yearText string
	switch {
	case matchTokens(toks, "n/n"):
		monthText, yearText = toks[0].text, toks[2].text
		if len(toks[0].text) == 4 { // year first: only ISO YYYY-MM
			if withMonth || toks[1].text != "-" || len(toks[2].text) != 2 {
				return 0, 0, dateError(s, ErrDateForm, "a month that starts with the year is written YYYY-MM")
			}
			monthText, yearText = toks[2].text, toks[0].text
		}
	case matchTokens(toks, "nwn") && toks[1].isWord("nam"):
		monthText, yearText = toks[0].text, toks[2].text
	default:
		return 0, 0, dateError(s, ErrDateForm, "")
	}
	return parseYearMonth(s, yearText, monthText)
}

// parseYearMonth checks the year and month fields of input s.
func parseYearMonth(s, yearText, monthText string) (int, time.Month, error) {
	switch len(yearText) {
	case 4:
	case 2:
		return 0, 0, dateError(s, ErrTwoDigitYear, "")
	default:
		return 0, 0, dateError(s, ErrDateForm, "a year has four digits")
	}
	year, _ := strconv.Atoi(yearText) // four ASCII digits: cannot fail
	if year == 0 {
		return 0, 0, dateError(s, ErrNoSuchDate, "there is no year 0")
	}
	month, ok := parseSmall(monthText)
	if !ok {
		return 0, 0, dateError(s, ErrDateForm, "a month has one or two digits")
	}
	if month < 1 || month > 12 {
		return 0, 0, dateError(s, ErrNoSuchDate, fmt.Sprintf("there is no month %d", month))
	}
	return year, time.Month(month), nil
}

// parseSmall reads a day or month field of one or two digits.
func parseSmall(digits string) (int, bool) {
	if len(digits) < 1 || len(digits) > 2 {
		return 0, false
	}
	n, _ := strconv.Atoi(digits) // ASCII digits only: cannot fail
	return n, true
}

func dateError(s string, kind error, why string) error {
	if why == "" {
		return fmt.Errorf("vntext: %q: %w", s, kind)
	}
	return fmt.Errorf("vntext: %q: %w: %s", s, kind, why)
}

// dateToken is a run of ASCII digits (kind 'n'), a separator / - . (kind
// '/'), or a word (kind 'w') held in folded form so that "Ngày", "NGÀY" and
// "ngay" read alike.
type dateToken struct {
	kind byte
	text string
}

func (t dateToken) isWord(folded string) bool { return t.kind == 'w' && t.text == folded }

// matchTokens reports whether the kinds of toks spell pattern.
func matchTokens(toks []dateToken, pattern string) bool {
	if len(toks) != len(pattern) {
		return false
	}
	for i, t := range toks {
		if t.kind != pattern[i] {
			return false
		}
	}
	return true
}

// tokenizeDate splits s into date tokens, skipping spaces; ok is false when s
// holds anything else.
func tokenizeDate(s string) (toks []dateToken, ok bool) {
	s = Clean(s)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ':
			i++
		case c == '/' || c == '-' || c == '.':
			toks = append(toks, dateToken{kind: '/', text: s[i : i+1]})
			i++
		case '0' <= c && c <= '9':
			j := i
			for j < len(s) && '0' <= s[j] && s[j] <= '9' {
				j++
			}
			toks = append(toks, dateToken{kind: 'n', text: s[i:j]})
			i = j
		default:
			j := i
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r) || '0' <= r && r <= '9' {
					break
				}
				j += size
			}
			if j == i {
				return nil, false
			}
			toks = append(toks, dateToken{kind: 'w', text: Fold(s[i:j])})
			i = j
		}
	}
	return toks, true
}
