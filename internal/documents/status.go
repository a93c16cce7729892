package documents

import "noichinh/internal/civil"

// statusFacts is what a document's status is derived from.
type statusFacts struct {
	// Declared is the status of the latest declared status event (in force
	// or expired), with its date; InForce when none was declared.
	Declared   Status
	DeclaredOn civil.Date
	// ReplacedBy and AmendedBy are the issue dates (zero when unknown) of the
	// registered documents that replace or amend this one.
	ReplacedBy []civil.Date
	AmendedBy  []civil.Date
}

// deriveStatus returns the status and the date it took effect (zero when
// unknown). A registered replacement outranks a declared expiry, which
// outranks amendments: a replaced document is no longer in force whatever
// else is said of it, and an amended one still is.
func deriveStatus(f statusFacts) (Status, civil.Date) {
	switch {
	case len(f.ReplacedBy) > 0:
		return Replaced, earliest(f.ReplacedBy)
	case f.Declared == Expired:
		return Expired, f.DeclaredOn
	case len(f.AmendedBy) > 0:
		return Amended, earliest(f.AmendedBy)
	}
	if f.Declared == InForce {
		return InForce, f.DeclaredOn
	}
	return InForce, civil.Date{}
}

// earliest is the first known date, or zero when none is known.
func earliest(dates []civil.Date) civil.Date {
	var first civil.Date
	for _, d := range dates {
		if !d.IsZero() && (first.IsZero() || d.Before(first)) {
			first = d
		}
	}
	return first
}
