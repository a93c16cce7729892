package vntext

import (
	"math"
	"strconv"
	"strings"
)

// Lang selects how figures are written: Vietnamese (the default of the UI and
// of every report) or English. Any other value is treated as VI.
type Lang string

const (
	VI Lang = "vi"
	EN Lang = "en"
)

// separators returns the thousands and decimal separators of lang:
// Vietnamese writes 1.234,5, English 1,234.5.
func (lang Lang) separators() (thousands, decimal byte) {
	if lang == EN {
		return ',', '.'
	}
	return '.', ','
}

// Int writes n with thousands separators: VI "6.500", "1.000.000", "-12";
// EN "6,500".
func Int(lang Lang, n int64) string {
	thousands, _ := lang.separators()
	sign := ""
	if n < 0 {
		sign = "-"
	}
	return sign + groupDigits(strconv.FormatUint(absInt64(n), 10), thousands)
}

// Decimal writes f with at most maxFrac decimals, rounded half away from
// zero as people round, without trailing zeros: VI "4,5", "0,75", "1.234,5";
// EN "4.5". The rounding works on the shortest decimal that reads back as f,
// so 1.005 rounds to 1.01 as written, not to 1.00 as stored in binary. A
// result that rounds to zero has no minus sign. NaN and infinities are
// written as strconv writes them: they are bugs upstream and must stay
// visible.
func Decimal(lang Lang, f float64, maxFrac int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	thousands, decimal := lang.separators()
	intPart, frac := roundDecimal(strconv.FormatFloat(math.Abs(f), 'f', -1, 64), max(maxFrac, 0))
	frac = strings.TrimRight(frac, "0")
	var b strings.Builder
	if f < 0 && (strings.Trim(intPart, "0") != "" || frac != "") {
		b.WriteByte('-')
	}
	b.WriteString(groupDigits(intPart, thousands))
	if frac != "" {
		b.WriteByte(decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// Percent writes a percentage given in percent (92.5, not 0.925) as Decimal
// does, followed by "%": VI "92,5%", EN "92.5%".
func Percent(lang Lang, f float64, maxFrac int) string {
	return Decimal(lang, f, maxFrac) + "%"
}

// Area writes a land area in square metres with at most two decimals:
// VI "1.250,5 m²", EN "1,250.5 m²".
func Area(lang Lang, m2 float64) string {
	return Decimal(lang, m2, 2) + " m²"
}

// roundDecimal rounds the non-negative decimal number s (digits with an
// optional '.') to frac decimals, half away from zero, and returns the
// integer digits and exactly frac decimal digits.
func roundDecimal(s string, frac int) (intPart, fracPart string) {
	intPart, fracPart, _ = strings.Cut(s, ".")
	if len(fracPart) <= frac {
		return intPart, fracPart + strings.Repeat("0", frac-len(fracPart))
	}
	roundUp := fracPart[frac] >= '5'
	digits := []byte(intPart + fracPart[:frac])
	if roundUp {
		i := len(digits) - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		} else {
			digits[i]++
		}
	}
	n := len(digits) - frac
	return string(digits[:n]), string(digits[n:])
}

// groupDigits inserts sep between groups of three digits from the right.
func groupDigits(digits string, sep byte) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	b.Grow(len(digits) + len(digits)/3)
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += 3 {
		b.WriteByte(sep)
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// absInt64 returns |n|, also for math.MinInt64.
func absInt64(n int64) uint64 {
	if n < 0 {
		return uint64(-(n + 1)) + 1
	}
	return uint64(n)
}
