package vntext

import (
	"strconv"
	"strings"
)

const (
	million = 1_000_000
	billion = 1_000_000_000
)

// Money writes an amount of đồng for report prose, as Vietnamese reports
// quote damage and recovered assets: in tỷ (10⁹) from one billion, in triệu
// (10⁶) from one million, with at most two decimals rounded half away from
// zero and no trailing zeros, and in full below one million.
//
//	VI: "4,5 tỷ đồng", "12,35 tỷ đồng", "1.250 tỷ đồng", "950 triệu đồng", "850.000 đồng"
//	EN: "VND 4.5 billion", "VND 1,250 billion", "VND 950 million", "VND 850,000"
//
// Reports keep tỷ for very large sums rather than switching to nghìn tỷ, and
// the English form follows so that both UIs show the same figure. An amount
// that rounds up to 1.000 triệu is written as 1 tỷ.
func Money(lang Lang, vnd int64) string {
	abs := absInt64(vnd)
	sign := ""
	if vnd < 0 {
		sign = "-"
	}
	if abs < million {
		return MoneyFull(lang, vnd)
	}
	hundredths := roundedHundredths(abs, million)
	unit := "million"
	if hundredths >= 1000*100 { // 1.000 triệu or more, after rounding
		hundredths = roundedHundredths(abs, billion)
		unit = "billion"
	}
	return moneyPhrase(lang, sign+hundredthsString(lang, hundredths), unit)
}

// MoneyFull writes an amount of đồng with every digit: VI "4.500.000.000
// đồng", EN "VND 4,500,000,000". Use it in tables and where an exact figure
// is required.
func MoneyFull(lang Lang, vnd int64) string {
	return moneyPhrase(lang, Int(lang, vnd), "")
}

// moneyPhrase wraps a formatted number with its unit ("", "million" or
// "billion") and the currency in lang's word order.
func moneyPhrase(lang Lang, number, unit string) string {
	if lang == EN {
		if unit == "" {
			return "VND " + number
		}
		return "VND " + number + " " + unit
	}
	switch unit {
	case "million":
		return number + " triệu đồng"
	case "billion":
		return number + " tỷ đồng"
	}
	return number + " đồng"
}

// roundedHundredths returns abs/unit in hundredths, rounded half away from
// zero, computed in integers so that no amount is misrounded by binary
// floating point.
func roundedHundredths(abs, unit uint64) uint64 {
	step := unit / 100
	q, r := abs/step, abs%step
	if r*2 >= step {
		q++
	}
	return q
}

// hundredthsString writes n/100 with at most two decimals and no trailing zeros.
func hundredthsString(lang Lang, n uint64) string {
	thousands, decimal := lang.separators()
	s := groupDigits(strconv.FormatUint(n/100, 10), thousands)
	frac := strings.TrimRight(strconv.FormatUint(n%100+100, 10)[1:], "0")
	if frac == "" {
		return s
	}
	return s + string(decimal) + frac
}
