package units

import (
	"fmt"
	"math"
	"slices"

	"noichinh/internal/civil"
	"noichinh/internal/vntext"
)

// HistoryError says why a unit's events do not form a history: Key is an
// i18n key with Params, EventID the event at which the history broke (0 for
// an event not stored yet), Field the input field to show it beside.
type HistoryError struct {
	EventID int64
	Field   string
	Key     string
	Params  map[string]any
}

func (e *HistoryError) Error() string {
	return fmt.Sprintf("unit history: event %d: %s %v", e.EventID, e.Key, e.Params)
}

func historyError(ev Event, field, key string, params map[string]any) *HistoryError {
	return &HistoryError{EventID: ev.ID, Field: field, Key: key, Params: params}
}

// Effective returns the events that count, in the order they happened: an
// event corrected by a later one is replaced by it, a cancellation withdraws
// the event it names and counts for nothing itself. Events are ordered by
// effective date (an establishment of unknown date first), then by the
// order they were recorded; an event not stored yet (ID 0) is the last
// recorded.
func Effective(events []Event) []Event {
	corrected := make(map[int64]bool)
	for _, e := range events {
		if e.CorrectsID != 0 {
			corrected[e.CorrectsID] = true
		}
	}
	out := make([]Event, 0, len(events))
	for _, e := range events {
		if e.Kind == Cancelled || (e.ID != 0 && corrected[e.ID]) {
			continue
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b Event) int {
		if c := compareDates(a.EffectiveOn, b.EffectiveOn); c != 0 {
			return c
		}
		return cmpID(recordOrder(a.ID), recordOrder(b.ID))
	})
	return out
}

// compareDates orders dates with the zero date ("before any record") first.
func compareDates(a, b civil.Date) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return -1
	case b.IsZero():
		return 1
	}
	return a.Compare(b)
}

func recordOrder(id int64) int64 {
	if id == 0 {
		return math.MaxInt64
	}
	return id
}

func cmpID(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Derive computes a unit's versions from its events (all of them, corrected
// ones included: Effective picks those that count). It fails when the events
// do not form a possible life: an event dated before the unit was
// established or after it ended, a second establishment, a re-establishment
// of a unit that never existed, a life that ends the day it starts.
func Derive(events []Event) ([]Version, error) {
	var (
		versions []Version
		cur      *Version // the open version while the unit is alive
		lived    bool
	)
	for _, e := range Effective(events) {
		if e.EffectiveOn.IsZero() && e.Kind != Established {
			return nil, historyError(e, "effective_on", "error.required", nil)
		}
		date := e.EffectiveOn
		switch {
		case e.Kind.starts():
			if cur != nil {
				return nil, historyError(e, "kind", "units.error.already_alive", map[string]any{"date": vntext.Date(date)})
			}
			if e.Kind == ReEstablished && !lived {
				return nil, historyError(e, "kind", "units.error.never_existed", nil)
			}
			if e.Kind != ReEstablished && lived {
				return nil, historyError(e, "kind", "units.error.already_established", nil)
			}
			v := Version{UnitID: e.UnitID, ValidFrom: date, Kind: e.UnitKind, Name: e.Name, ShortName: e.ShortName,
				NameEN: e.NameEN, ParentID: e.ParentID, EventID: e.ID}
			if e.Kind == ReEstablished && len(versions) > 0 {
				last := versions[len(versions)-1]
				v.Kind = orKind(v.Kind, last.Kind)
				v.Name = orString(v.Name, last.Name)
				v.ShortName = orString(v.ShortName, last.ShortName)
				v.NameEN = orString(v.NameEN, last.NameEN)
			}
			if v.Name == "" || !v.Kind.Valid() {
				return nil, historyError(e, "name", "error.required", nil)
			}
			versions = append(versions, v)
			cur = &versions[len(versions)-1]
			lived = true

		case cur == nil || (!cur.ValidFrom.IsZero() && date.Before(cur.ValidFrom)):
			return nil, historyError(e, "effective_on", "units.error.event_outside_life", map[string]any{"date": vntext.Date(date)})

		case e.Kind.ends():
			if date.Compare(cur.ValidFrom) == 0 {
				return nil, historyError(e, "effective_on", "units.error.same_day_as_start", map[string]any{"date": vntext.Date(date)})
			}
			cur.ValidTo = date.AddDays(-1)
			cur = nil

		case e.Kind == Reorganized:
			// Recorded for the record; nothing in the version changes.

		default: // renamed, moved, reclassified
			next := *cur
			switch e.Kind {
			case Renamed:
				next.Name = e.Name
				next.ShortName = orString(e.ShortName, cur.ShortName)
				next.NameEN = orString(e.NameEN, cur.NameEN)
			case Moved:
				next.ParentID = e.ParentID
			case Reclassified:
				next.Kind = e.UnitKind
			}
			if date.Compare(cur.ValidFrom) == 0 {
				// The same day the version began: one version, not an empty one.
				next.ValidFrom = cur.ValidFrom
				*cur = next
				continue
			}
			cur.ValidTo = date.AddDays(-1)
			next.ValidFrom, next.ValidTo, next.EventID = date, civil.Date{}, e.ID
			versions = append(versions, next)
			cur = &versions[len(versions)-1]
		}
	}
	return versions, nil
}

func orString(s, dflt string) string {
	if s == "" {
		return dflt
	}
	return s
}

func orKind(k, dflt Kind) Kind {
	if k == "" {
		return dflt
	}
	return k
}

// VersionOn returns the version in force on d, if any (d zero: the last
// version if the unit is still alive).
func VersionOn(versions []Version, d civil.Date) (Version, bool) {
	for _, v := range versions {
		if v.Covers(d) {
			return v, true
		}
	}
	return Version{}, false
}

// lifeOf returns the first day and the last day of a unit's lives as the
// current row shows them (zero: not recorded / still alive).
func lifeOf(versions []Version) (from, to civil.Date) {
	if len(versions) == 0 {
		return civil.Date{}, civil.Date{}
	}
	return versions[0].ValidFrom, versions[len(versions)-1].ValidTo
}
