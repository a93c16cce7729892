package casesweb

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Numbers are typed the Vietnamese way: dots group thousands and a comma
// marks decimals ("4.500.000.000", "1.234,5"); spaces may group too. A
// plain "12.5" (not a thousands group) is read as a decimal, as a
// spreadsheet user may type it.

var (
	digits         = regexp.MustCompile(`^[0-9]+$`)
	thousandGroups = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{3})+$`)
	decimalNumber  = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)
)

// numberText drops grouping spaces and reads the sign.
func numberText(s string) (text string, negative bool) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\t':
			return -1
		case '\u2212': // minus sign
			return '-'
		}
		return r
	}, s)
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return rest, true
	}
	return strings.TrimPrefix(s, "+"), false
}

// parseMoney reads an amount of đồng (a whole number); "" is 0.
func parseMoney(errs *validate.Errors, field, s string) int64 {
	text, negative := numberText(s)
	if text == "" && !negative {
		return 0
	}
	text = strings.ReplaceAll(text, ".", "")
	if !digits.MatchString(text) {
		errs.Add(field, "cases.error.money_format", nil)
		return 0
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		errs.Add(field, "error.invalid_number", nil)
		return 0
	}
	if negative {
		n = -n
	}
	return n
}

// parseArea reads square metres, possibly with decimals; "" is 0.
func parseArea(errs *validate.Errors, field, s string) float64 {
	text, negative := numberText(s)
	if text == "" && !negative {
		return 0
	}
	switch {
	case strings.Contains(text, ","):
		text = strings.ReplaceAll(text, ".", "")
		text = strings.Replace(text, ",", ".", 1)
	case thousandGroups.MatchString(text):
		text = strings.ReplaceAll(text, ".", "")
	}
	if !decimalNumber.MatchString(text) {
		errs.Add(field, "error.invalid_number", nil)
		return 0
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) {
		errs.Add(field, "error.invalid_number", nil)
		return 0
	}
	if negative {
		f = -f
	}
	return f
}

// parseCount reads a number of people; nil when nothing is typed.
func parseCount(errs *validate.Errors, field, s string) *int {
	text, negative := numberText(s)
	if text == "" && !negative {
		return nil
	}
	text = strings.ReplaceAll(text, ".", "")
	n, err := strconv.Atoi(text)
	if err != nil || !digits.MatchString(text) {
		errs.Add(field, "error.invalid_number", nil)
		return nil
	}
	if negative {
		n = -n
	}
	return &n
}

// moneyValue and areaValue show a stored amount in a form, the Vietnamese way.
func moneyValue(n int64) string {
	if n == 0 {
		return ""
	}
	return vntext.Int(vntext.VI, n)
}

func areaValue(m2 float64) string {
	if m2 == 0 {
		return ""
	}
	return vntext.Decimal(vntext.VI, m2, 2)
}
