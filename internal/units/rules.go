package units

import (
	"slices"

	"noichinh/internal/civil"
)

// dawn stands for "before any record" when a date must be compared.
var dawn = civil.Date{Year: 1, Month: 1, Day: 1}

// findCycle reports the first date on which unit self is its own ancestor,
// given every unit's versions (self's as proposed). Parents change over
// time, so the tree is checked on each date a version of any unit begins
// while self is alive, which is where the tree can change.
func findCycle(versions map[int64][]Version, self int64) (civil.Date, bool) {
	dates := []civil.Date{dawn}
	for _, vs := range versions {
		for _, v := range vs {
			if !v.ValidFrom.IsZero() {
				dates = append(dates, v.ValidFrom)
			}
		}
	}
	slices.SortFunc(dates, civil.Date.Compare)
	dates = slices.Compact(dates)
	for _, d := range dates {
		if _, alive := VersionOn(versions[self], d); !alive {
			continue
		}
		if cyclicOn(versions, self, d) {
			return d, true
		}
	}
	return civil.Date{}, false
}

// cyclicOn walks up from self's parent on day d; meeting self again is a cycle.
func cyclicOn(versions map[int64][]Version, self int64, d civil.Date) bool {
	seen := map[int64]bool{}
	for id := self; ; {
		v, ok := VersionOn(versions[id], d)
		if !ok || v.ParentID == 0 {
			return false
		}
		id = v.ParentID
		if id == self {
			return true
		}
		if seen[id] { // a cycle above self, not through it: reported when its own units change
			return false
		}
		seen[id] = true
	}
}

// firstOverlap returns the first item of others whose period shares a day with p.
func firstOverlap[T any](p span, others []T, spanOf func(T) span) (T, bool) {
	for _, o := range others {
		if p.overlaps(spanOf(o)) {
			return o, true
		}
	}
	var zero T
	return zero, false
}

// aliveOn reports whether any version covers d (zero d: alive now).
func aliveOn(versions []Version, d civil.Date) bool {
	_, ok := VersionOn(versions, d)
	return ok
}

// stableSort is slices.SortStableFunc, named for the call sites that sort
// by a second key after a Vietnamese name sort.
func stableSort[T any](items []T, cmp func(a, b T) int) { slices.SortStableFunc(items, cmp) }
