package documents

import (
	"strings"

	"noichinh/internal/civil"
	"noichinh/internal/vntext"
)

// issuerMatcher finds the unit a citation's issuer names ("Ban Thường vụ
// Tỉnh uỷ Lạng Sơn", "Tỉnh ủy", "Bộ Chính trị"), among the units of one
// organisation, by name key (tone-mark placement and case do not matter),
// falling back to the symbol's issuer code when the text names no body.
type issuerMatcher struct {
	units []unit
	place string // Key of the organisation's place name, dropped from names: "lạng sơn"
}

func newIssuerMatcher(units []unit, place string) issuerMatcher {
	return issuerMatcher{units: units, place: vntext.Key(place)}
}

// withoutPlace drops a trailing place name: "tỉnh ủy lạng sơn" → "tỉnh ủy".
func (m issuerMatcher) withoutPlace(key string) string {
	if m.place == "" {
		return key
	}
	key = strings.TrimSuffix(key, " "+m.place)
	return strings.TrimSuffix(key, " tỉnh")
}

// match returns the ID of the unit alive on date that the name (or, without
// one, the issuer code) designates, or 0 when none or several do.
func (m issuerMatcher) match(name, code string, on civil.Date) int64 {
	if name != "" {
		nk := vntext.Key(name)
		best, bestScore, tie := int64(0), 0, false
		for _, u := range m.units {
			if !u.aliveOn(on) {
				continue
			}
			score := max(m.nameScore(nk, u.NameKey), m.nameScore(nk, vntext.Key(u.ShortName)))
			if score == 0 {
				continue
			}
			if code != "" && strings.EqualFold(u.IssuerCode, code) {
				score += 5
			}
			switch {
			case score > bestScore:
				best, bestScore, tie = u.ID, score, false
			case score == bestScore:
				tie = true
			}
		}
		if best != 0 && !tie {
			return best
		}
	}
	if code == "" {
		return 0
	}
	var found int64
	for _, u := range m.units {
		if u.aliveOn(on) && strings.EqualFold(u.IssuerCode, code) {
			if found != 0 {
				return 0 // several bodies share the code (TU: the committee, its standing board…)
			}
			found = u.ID
		}
	}
	return found
}

// nameScore rates how well a unit's name key designates the named body:
// equal names first, then equal without the place name, then one name
// continuing the other ("Ban Bí thư" / "Ban Bí thư Trung ương Đảng"), the
// longer common part the better.
func (m issuerMatcher) nameScore(named, unitKey string) int {
	switch {
	case unitKey == "":
		return 0
	case named == unitKey:
		return 1000
	case m.withoutPlace(named) == m.withoutPlace(unitKey):
		return 900
	case strings.HasPrefix(named, unitKey+" "):
		return 500 + len(unitKey)
	case strings.HasPrefix(unitKey, named+" "):
		return 300 + len(named)
	}
	return 0
}
