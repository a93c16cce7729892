package cite

import (
	"time"

	"noichinh/internal/civil"
)

// Issue dates as real text writes them after "ngày": 22/10/2010, 5-3-2021,
// 05.3.2020, "05 tháng 3 năm 2020". A month alone ("tháng 05/2019") or a
// year alone ("năm 2018") is not an issue date.

const minYear, maxYear = 1900, 2100

// dateAt reads a date that starts at s[i] (just after the word "ngày").
func dateAt(s string, i, limit int) (civil.Date, int, bool) {
	d, j, ok := digitsAt(s, i, limit, 2)
	if !ok {
		return civil.Date{}, 0, false
	}
	if j < limit && (s[j] == '/' || s[j] == '-' || s[j] == '.') {
		sep := s[j]
		m, k, ok := digitsAt(s, j+1, limit, 2)
		if !ok || k >= limit || s[k] != sep {
			return civil.Date{}, 0, false
		}
		y, e, ok := digitsAt(s, k+1, limit, 4)
		if !ok || e-k-1 != 4 || continuesNumber(s, e, limit) {
			return civil.Date{}, 0, false
		}
		return makeDate(y, m, d, e)
	}
	// "05 tháng 3 năm 2020"
	k, ok := wordAfter(s, j, limit, "thang")
	if !ok {
		return civil.Date{}, 0, false
	}
	m, k, ok := digitsAfterSpace(s, k, limit, 2)
	if !ok {
		return civil.Date{}, 0, false
	}
	k, ok = wordAfter(s, k, limit, "nam")
	if !ok {
		return civil.Date{}, 0, false
	}
	start, _ := skipSpace(s, k, limit)
	y, e, ok := digitsAt(s, start, limit, 4)
	if !ok || e-start != 4 || continuesNumber(s, e, limit) {
		return civil.Date{}, 0, false
	}
	return makeDate(y, m, d, e)
}

func makeDate(y, m, d, end int) (civil.Date, int, bool) {
	date := civil.Date{Year: y, Month: time.Month(m), Day: d}
	if y < minYear || y > maxYear || !date.Valid() {
		return civil.Date{}, 0, false
	}
	return date, end, true
}

// continuesNumber reports a digit or a separator followed by a digit at
// s[e]: "22/10/20101" or "22/10/2010/5" are not dates.
func continuesNumber(s string, e, limit int) bool {
	if e >= limit {
		return false
	}
	if c := s[e]; c >= '0' && c <= '9' {
		return true
	}
	if c := s[e]; (c == '/' || c == '-') && e+1 < limit && s[e+1] >= '0' && s[e+1] <= '9' {
		return true
	}
	return false
}

// digitsAt reads 1..max ASCII digits at s[i] that are not followed by more.
func digitsAt(s string, i, limit, max int) (int, int, bool) {
	v, j := 0, i
	for j < limit && j-i < max && s[j] >= '0' && s[j] <= '9' {
		v = v*10 + int(s[j]-'0')
		j++
	}
	if j == i || (j < limit && s[j] >= '0' && s[j] <= '9') {
		return 0, 0, false
	}
	return v, j, true
}

func digitsAfterSpace(s string, i, limit, max int) (int, int, bool) {
	j, para := skipSpace(s, i, limit)
	if para || j == i {
		return 0, 0, false
	}
	return digitsAt(s, j, limit, max)
}

// wordAfter skips spaces after s[i] and then the word target (folded).
func wordAfter(s string, i, limit int, target string) (int, bool) {
	j, para := skipSpace(s, i, limit)
	if para || j == i {
		return 0, false
	}
	e := wordEnd(s, j, limit)
	if e == j || !foldIs(s[j:e], target) {
		return 0, false
	}
	return e, true
}

// dateBefore finds "ngày <date>" ending at s[end] (spaces and one comma may
// follow the date): the date that opens "Ngày 27/9/1954, Liên khu ủy Việt
// Bắc đã ban hành ...". It returns the date and the start of "ngày".
func dateBefore(s string, end, lower int) (civil.Date, int, bool) {
	j, para := skipSpaceBack(s, end, lower)
	if para {
		return civil.Date{}, 0, false
	}
	if j > lower && s[j-1] == ',' {
		if j, para = skipSpaceBack(s, j-1, lower); para {
			return civil.Date{}, 0, false
		}
	}
	// The date's last character is a digit; walk back over the date
	// characters or the "tháng M năm YYYY" words, then expect "ngày".
	start := j
	for start > lower {
		c := s[start-1]
		if (c >= '0' && c <= '9') || c == '/' || c == '-' || c == '.' {
			start--
			continue
		}
		break
	}
	if start == j {
		return civil.Date{}, 0, false
	}
	if !isWordBoundaryBefore(s, start, lower) {
		return civil.Date{}, 0, false
	}
	try := func(from int) (civil.Date, int, bool) {
		ws, para := skipSpaceBack(s, from, lower)
		w := wordStart(s, ws, lower)
		if para || w == ws || !foldIs(s[w:ws], "ngay") {
			return civil.Date{}, 0, false
		}
		d, e, ok := dateAt(s, from, j)
		if !ok || e != j {
			return civil.Date{}, 0, false
		}
		return d, w, true
	}
	if d, w, ok := try(start); ok {
		return d, w, true
	}
	// "ngày 05 tháng 3 năm 2020": back over "năm", digits, "tháng".
	k := start
	for _, want := range []string{"nam", "#", "thang", "#"} {
		ws, para := skipSpaceBack(s, k, lower)
		w := wordStart(s, ws, lower)
		if para || w == ws {
			return civil.Date{}, 0, false
		}
		if want == "#" {
			if !isDigits(s[w:ws]) {
				return civil.Date{}, 0, false
			}
		} else if !foldIs(s[w:ws], want) {
			return civil.Date{}, 0, false
		}
		k = w
	}
	return try(k)
}

// isWordBoundaryBefore reports that s[i] does not continue a word.
func isWordBoundaryBefore(s string, i, lower int) bool {
	if i <= lower {
		return true
	}
	r, _ := decodeLast(s, i)
	return !isWordRune(r)
}
