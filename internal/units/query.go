package units

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/vntext"
)

// Entry is a unit as it was on a date: its row and the version in force
// then. Alive is false for a unit listed although it did not exist on the
// date (Filter.IncludeDissolved); Version is then its last one.
type Entry struct {
	Unit    Unit
	Version Version
	Alive   bool
}

// Filter selects units for List. A unit of an organisation's reference
// table is one of a few hundred, so lists are filtered and sorted in Go
// (Vietnamese collation) after one indexed query per organisation.
type Filter struct {
	Kinds            []Kind
	Text             string     // matched, folded, against every name the unit had, its code and issuer code
	AsOf             civil.Date // names, kinds and parents of that day; zero: today
	IncludeDissolved bool       // also units that did not exist on AsOf
	ParentID         int64      // children of this unit on AsOf
	Sort             string     // "name" (default, Vietnamese order), "code", "valid_from"
	Offset, Limit    int        // Limit <= 0: all
}

// Page is one page of a list and the number of all matches.
type Page struct {
	Items []Entry
	Total int
}

// List returns the units matching f.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return Page{}, err
	}
	if f.AsOf.IsZero() {
		f.AsOf = civil.Today()
	}
	var entries []Entry
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		entries, err = entriesOn(ctx, tx, actor.OrgID, f.AsOf, f.IncludeDissolved)
		return err
	})
	if err != nil {
		return Page{}, err
	}
	entries = filterEntries(entries, f)
	sortEntries(entries, f.Sort)
	page := Page{Total: len(entries)}
	page.Items = paginate(entries, f.Offset, f.Limit)
	return page, nil
}

// entriesOn pairs every unit with its version on d.
func entriesOn(ctx context.Context, q store.Querier, orgID int64, d civil.Date, includeDead bool) ([]Entry, error) {
	units, err := listAllUnits(ctx, q, orgID)
	if err != nil {
		return nil, err
	}
	on, err := versionsOn(ctx, q, orgID, d)
	if err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(units))
	for _, u := range units {
		if v, ok := on[u.ID]; ok {
			out = append(out, Entry{Unit: u, Version: v, Alive: true})
		} else if includeDead {
			out = append(out, Entry{Unit: u, Version: Version{UnitID: u.ID, ValidFrom: u.ValidFrom, ValidTo: u.ValidTo,
				Kind: u.Kind, Name: u.Name, ShortName: u.ShortName, NameEN: u.NameEN, ParentID: u.ParentID}})
		}
	}
	return out, nil
}

// filterEntries keeps the entries matching f's kinds, text and parent.
func filterEntries(entries []Entry, f Filter) []Entry {
	text := vntext.Fold(f.Text)
	out := entries[:0:0]
	for _, e := range entries {
		if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, e.Version.Kind) {
			continue
		}
		if f.ParentID != 0 && e.Version.ParentID != f.ParentID {
			continue
		}
		if text != "" && !strings.Contains(e.Unit.search, text) && !strings.Contains(vntext.Fold(e.Version.Name), text) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// sortEntries orders entries by name in Vietnamese order, by code, or by the
// date their version began.
func sortEntries(entries []Entry, by string) {
	switch by {
	case "code":
		slices.SortStableFunc(entries, func(a, b Entry) int { return strings.Compare(a.Unit.Code, b.Unit.Code) })
	case "valid_from":
		vntext.SortFunc(entries, func(e Entry) string { return e.Version.Name })
		slices.SortStableFunc(entries, func(a, b Entry) int { return compareDates(a.Unit.ValidFrom, b.Unit.ValidFrom) })
	default:
		vntext.SortFunc(entries, func(e Entry) string { return e.Version.Name })
	}
}

func paginate[T any](items []T, offset, limit int) []T {
	offset = max(0, min(offset, len(items)))
	if limit <= 0 || offset+limit > len(items) {
		return items[offset:]
	}
	return items[offset : offset+limit]
}

// AsOf returns the units alive on d with the names, kinds and parents they
// had then, in Vietnamese order.
func (s *Service) AsOf(ctx context.Context, d civil.Date) ([]Entry, error) {
	page, err := s.List(ctx, Filter{AsOf: d})
	return page.Items, err
}

// Node is a unit in the tree of a date.
type Node struct {
	Entry
	Children []*Node
}

// Tree returns the organisation's units alive on d as a forest: each unit
// under the parent it had on d; a unit whose parent did not exist on d is a
// root. Roots come in the order of Kinds, then by name; children by name.
func (s *Service) Tree(ctx context.Context, d civil.Date) ([]*Node, error) {
	entries, err := s.AsOf(ctx, d)
	if err != nil {
		return nil, err
	}
	return buildTree(entries), nil
}

// buildTree nests entries (already in name order) by their parents.
func buildTree(entries []Entry) []*Node {
	nodes := make(map[int64]*Node, len(entries))
	for _, e := range entries {
		nodes[e.Unit.ID] = &Node{Entry: e}
	}
	var roots []*Node
	for _, e := range entries {
		n := nodes[e.Unit.ID]
		if p, ok := nodes[e.Version.ParentID]; ok && e.Version.ParentID != e.Unit.ID {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	slices.SortStableFunc(roots, func(a, b *Node) int {
		return slices.Index(Kinds, a.Version.Kind) - slices.Index(Kinds, b.Version.Kind)
	})
	return roots
}

// History is everything recorded about a unit.
type History struct {
	Unit         Unit
	Events       []Event   // in the order recorded; Superseded marks the corrected ones
	Versions     []Version // oldest first
	Successors   []Successor
	Predecessors []Successor // units this one succeeded (UnitID is the former unit)
}

// History returns a unit's events, versions, successors and predecessors.
func (s *Service) History(ctx context.Context, id int64) (History, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return History{}, err
	}
	var h History
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		if h.Unit, err = getUnit(ctx, tx, actor.OrgID, id); err != nil {
			return err
		}
		if h.Events, err = listEvents(ctx, tx, actor.OrgID, id); err != nil {
			return err
		}
		markSuperseded(h.Events)
		if h.Versions, err = listVersions(ctx, tx, actor.OrgID, id); err != nil {
			return err
		}
		if h.Successors, err = successorsOf(ctx, tx, actor.OrgID, id, h.Events); err != nil {
			return err
		}
		h.Predecessors, err = predecessorsOf(ctx, tx, actor.OrgID, id)
		return err
	})
	return h, err
}

func markSuperseded(events []Event) {
	effective := map[int64]bool{}
	for _, e := range Effective(events) {
		effective[e.ID] = true
	}
	for i := range events {
		events[i].Superseded = !effective[events[i].ID] && events[i].Kind != Cancelled
	}
}

// Successors returns the units that took over from unit id: the mapping an
// administrator keeps, and the unit it merged into.
func (s *Service) Successors(ctx context.Context, id int64) ([]Successor, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	events, err := listEvents(ctx, s.db.Read(), actor.OrgID, id)
	if err != nil {
		return nil, err
	}
	if len(events) == 0 {
		if _, err := getUnit(ctx, s.db.Read(), actor.OrgID, id); err != nil {
			return nil, err
		}
	}
	return successorsOf(ctx, s.db.Read(), actor.OrgID, id, events)
}

func successorsOf(ctx context.Context, q store.Querier, orgID, id int64, events []Event) ([]Successor, error) {
	out, err := listSuccessorRows(ctx, q, orgID, "unit_id", id)
	if err != nil {
		return nil, err
	}
	for _, e := range Effective(events) {
		if e.Kind != MergedInto || slices.ContainsFunc(out, func(s Successor) bool { return s.SuccessorID == e.RelatedUnitID }) {
			continue
		}
		target, err := getUnit(ctx, q, orgID, e.RelatedUnitID)
		if err != nil {
			return nil, err
		}
		out = append(out, Successor{UnitID: id, SuccessorID: target.ID, EffectiveOn: e.EffectiveOn, Basis: string(MergedInto),
			Note: e.Note, SuccessorName: target.Name, SuccessorCode: target.Code})
	}
	if len(out) > 0 && out[len(out)-1].UnitName == "" {
		u, err := getUnit(ctx, q, orgID, id)
		if err != nil {
			return nil, err
		}
		for i := range out {
			out[i].UnitName, out[i].UnitCode = u.Name, u.Code
		}
	}
	return out, nil
}

// predecessorsOf returns the links to unit id: mapping rows, and the units
// merged into it by an event that has not been corrected.
func predecessorsOf(ctx context.Context, q store.Querier, orgID, id int64) ([]Successor, error) {
	out, err := listSuccessorRows(ctx, q, orgID, "successor_id", id)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT unit_id FROM unit_events
		WHERE org_id = $1 AND related_unit_id = $2 AND kind = 'merged_into'`, orgID, id)
	if err != nil {
		return nil, err
	}
	var sources []int64
	for rows.Next() {
		var src int64
		if err := rows.Scan(&src); err != nil {
			rows.Close()
			return nil, err
		}
		sources = append(sources, src)
	}
	rows.Close()
	for _, src := range sources {
		events, err := listEvents(ctx, q, orgID, src)
		if err != nil {
			return nil, err
		}
		succ, err := successorsOf(ctx, q, orgID, src, events)
		if err != nil {
			return nil, err
		}
		for _, s := range succ {
			if s.SuccessorID == id && s.Basis == string(MergedInto) {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// CurrentUnits follows successors from unit id until units that exist on d
// (today when zero): where an old record's body lives on. A unit alive on d
// is its own answer; a unit with no recorded successor has none.
func (s *Service) CurrentUnits(ctx context.Context, id int64, d civil.Date) ([]Unit, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	if d.IsZero() {
		d = civil.Today()
	}
	q := s.db.Read()
	seen := map[int64]bool{}
	var out []Unit
	queue := []int64{id}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if seen[cur] {
			continue
		}
		seen[cur] = true
		u, err := getUnit(ctx, q, actor.OrgID, cur)
		if err != nil {
			return nil, err
		}
		vs, err := listVersions(ctx, q, actor.OrgID, cur)
		if err != nil {
			return nil, err
		}
		if aliveOn(vs, d) {
			out = append(out, u)
			continue
		}
		events, err := listEvents(ctx, q, actor.OrgID, cur)
		if err != nil {
			return nil, err
		}
		succ, err := successorsOf(ctx, q, actor.OrgID, cur, events)
		if err != nil {
			return nil, err
		}
		for _, sc := range succ {
			queue = append(queue, sc.SuccessorID)
		}
	}
	vntext.SortFunc(out, func(u Unit) string { return u.Name })
	return out, nil
}

// Match is a unit found by name, with the version that bore the name.
type Match struct {
	Unit    Unit
	Version Version
}

// Resolver finds units by the names they bore, for imports and for the
// paste-a-text workflow: build it once, ask many times.
type Resolver struct {
	units    map[int64]Unit
	versions map[int64][]Version
	byKey    map[string][]int64
}

// NewResolver loads the organisation's units and versions.
func NewResolver(ctx context.Context, q store.Querier, orgID int64) (*Resolver, error) {
	units, err := listAllUnits(ctx, q, orgID)
	if err != nil {
		return nil, err
	}
	versions, err := allVersions(ctx, q, orgID)
	if err != nil {
		return nil, err
	}
	r := &Resolver{units: make(map[int64]Unit, len(units)), versions: versions, byKey: map[string][]int64{}}
	for _, u := range units {
		r.units[u.ID] = u
		keys := map[string]bool{vntext.Key(u.Code): true}
		for _, v := range versions[u.ID] {
			keys[vntext.Key(v.Name)] = true
			if v.ShortName != "" {
				keys[vntext.Key(v.ShortName)] = true
			}
		}
		for k := range keys {
			r.byKey[k] = append(r.byKey[k], u.ID)
		}
	}
	return r, nil
}

// Resolve returns the units that bore name (or short name, or code) on d,
// matched by vntext.Key so that tone-mark placement, case and spacing do not
// matter; with d zero, at any time, units alive today first. Several
// matches mean the name is ambiguous ("Chi Lăng": a former district and a
// commune): the caller asks.
func (r *Resolver) Resolve(name string, d civil.Date) []Match {
	key := vntext.Key(name)
	var out []Match
	for _, id := range r.byKey[key] {
		u := r.units[id]
		if len(r.versions[id]) == 0 {
			continue
		}
		if d.IsZero() {
			v := r.versions[id][len(r.versions[id])-1]
			for _, cand := range r.versions[id] {
				if vntext.Key(cand.Name) == key || vntext.Key(cand.ShortName) == key {
					v = cand
				}
			}
			out = append(out, Match{Unit: u, Version: v})
			continue
		}
		if v, ok := VersionOn(r.versions[id], d); ok && (vntext.Key(v.Name) == key || vntext.Key(v.ShortName) == key || vntext.Key(u.Code) == key) {
			out = append(out, Match{Unit: u, Version: v})
		}
	}
	today := civil.Today()
	slices.SortStableFunc(out, func(a, b Match) int {
		ai, bi := a.Version.Covers(today), b.Version.Covers(today)
		switch {
		case ai && !bi:
			return -1
		case bi && !ai:
			return 1
		}
		return vntext.Compare(a.Version.Name, b.Version.Name)
	})
	return out
}

// ResolveName finds the units of orgID that bore name on d (see Resolver).
func (s *Service) ResolveName(ctx context.Context, orgID int64, name string, d civil.Date) ([]Match, error) {
	actor := access.FromContext(ctx)
	if err := actor.Require(access.OrgRead, orgID); err != nil {
		return nil, err
	}
	r, err := NewResolver(ctx, s.db.Read(), orgID)
	if err != nil {
		return nil, err
	}
	return r.Resolve(name, d), nil
}

// KindCount is a figure: how many units of a kind existed on a day, with
// the filter that lists exactly those units.
type KindCount struct {
	Kind  Kind
	Count int
	List  Filter
}

// CountByKind counts the units alive on d (today when zero) by kind, in the
// order of Kinds: "65 commune-level units on 01/7/2025" with its list.
func (s *Service) CountByKind(ctx context.Context, d civil.Date) ([]KindCount, error) {
	if d.IsZero() {
		d = civil.Today()
	}
	entries, err := s.AsOf(ctx, d)
	if err != nil {
		return nil, err
	}
	counts := map[Kind]int{}
	for _, e := range entries {
		counts[e.Version.Kind]++
	}
	var out []KindCount
	for _, k := range Kinds {
		if counts[k] > 0 {
			out = append(out, KindCount{Kind: k, Count: counts[k], List: Filter{Kinds: []Kind{k}, AsOf: d}})
		}
	}
	return out, nil
}
