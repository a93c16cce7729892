package cases

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"time"

	"noichinh/internal/civil"
)

// Period figures. The semantics (also in docs/figures-cases.md, whose keys
// are the JSON keys below) for a period [from, to], both days included, for
// each watch level (monitored, directed, and "any": on either list) and each
// group (all, corruption, internal_affairs = not corruption, and each
// category):
//
//   - carried_over: on the level at the start of `from` (after every event
//     dated before it);
//   - added: entered the level during the period — put on the list at that
//     level, or moved to it by a level change;
//   - removed: left the level during the period — taken off, or moved to
//     the other level (for "any": taken off only);
//   - at_end: on the level at the end of `to`;
//   - followed: carried_over or added.
//
// Each figure counts distinct cases, so followed = carried_over + added and
// at_end = followed − removed, except for a case that leaves and re-enters
// a level within the period (counted once in each figure it is in).
//
// watch_involving_leaders has the same shape, for cases flagged as
// involving leading cadres. Procedural progress (prosecuted … closed,
// urging, meetings) counts the steps dated in the period of the cases
// followed in the period (any level); wrongful convictions count every
// case. Damage is the latest assessment dated up to `to`, and recovery what
// was recovered in the period and up to `to`, of the cases followed in the
// period.
//
// Events count by their effective date, so an entry back-dated into a past
// period changes that period's figures; late_entries lists the cases where
// that happened after the period ended. With an "as recorded at" moment,
// only what had been recorded by then counts (events, corrections,
// retractions, and the case's categories and flags as they were then), so
// a past report can be reproduced exactly.
//
// Only cases within the actor's clearance are counted, so two users may see
// different figures: the official report is produced by a user cleared for
// every record (the command line runs with full clearance).

// Figure is a count of cases with the cases behind it: their ids (for the
// list filter Filter.IDs) and reference codes.
type Figure struct {
	Count   int      `json:"count"`
	CaseIDs []int64  `json:"case_ids"`
	Refs    []string `json:"refs"`
}

// PersonsFigure is a count of cases with a count of people (suspects or
// defendants) in them.
type PersonsFigure struct {
	Figure
	Persons int `json:"persons"`
}

// EventsFigure is a count of cases with a count of events (urgings,
// meetings) concerning them.
type EventsFigure struct {
	Figure
	Events int `json:"events"`
}

// WatchCell is one level × group of the watch-list table.
type WatchCell struct {
	CarriedOver Figure `json:"carried_over"`
	Added       Figure `json:"added"`
	Removed     Figure `json:"removed"`
	AtEnd       Figure `json:"at_end"`
	Followed    Figure `json:"followed"`
}

// AnyLevel is the key of the "on either list" column of the watch table.
const AnyLevel = "any"

// WatchTable is indexed by level ("monitored", "directed", "any") then group.
type WatchTable map[string]map[Group]*WatchCell

// Cell returns a cell of the table.
func (t WatchTable) Cell(level string, g Group) *WatchCell { return t[level][g] }

// Progress is the procedural progress of the followed cases.
type Progress struct {
	Prosecuted               PersonsFigure `json:"prosecuted"`     // khởi tố mới: cases / suspects
	ExtraSuspects            PersonsFigure `json:"extra_suspects"` // khởi tố bổ sung: cases / suspects
	Resumed                  Figure        `json:"resumed"`        // phục hồi điều tra, vụ án
	InvestigationConcluded   Figure        `json:"investigation_concluded"`
	ReturnedForInvestigation Figure        `json:"returned_for_investigation"`
	Indicted                 PersonsFigure `json:"indicted"`             // truy tố: cases / suspects
	FirstInstanceTried       PersonsFigure `json:"first_instance_tried"` // xét xử sơ thẩm: cases / defendants
	AppealTried              PersonsFigure `json:"appeal_tried"`         // xét xử phúc thẩm: cases / defendants
	Suspended                Figure        `json:"suspended"`
	Closed                   Figure        `json:"closed"`
	Urged                    EventsFigure  `json:"urged"`    // urging documents
	Meetings                 EventsFigure  `json:"meetings"` // meetings with procedural agencies
}

// Assets are damage and recovery of the cases followed in the period.
type Assets struct {
	Cases              Figure   `json:"cases"` // followed cases with damage or recovery
	DamageVND          int64    `json:"damage_vnd"`
	DamageM2           float64  `json:"damage_m2"`
	RecoveredVND       int64    `json:"recovered_vnd"` // in the period
	RecoveredM2        float64  `json:"recovered_m2"`
	RecoveredToDateVND int64    `json:"recovered_to_date_vnd"` // up to the end of the period
	RecoveredToDateM2  float64  `json:"recovered_to_date_m2"`
	RecoveryRateVND    *float64 `json:"recovery_rate_vnd"` // percent of damage recovered to date; null without damage
	RecoveryRateM2     *float64 `json:"recovery_rate_m2"`
}

// CaseRef names a case counted in the figures (the list, given the ids,
// shows the rest of each record).
type CaseRef struct {
	ID   int64  `json:"id"`
	Ref  string `json:"ref"`
	Kind Kind   `json:"kind"`
}

// PeriodJSON is a period as JSON.
type PeriodJSON struct {
	From civil.Date `json:"from"`
	To   civil.Date `json:"to"`
}

// Figures are the period figures of one organisation.
type Figures struct {
	OrgID                 int64      `json:"org_id"`
	OrgName               string     `json:"org_name"`
	Period                PeriodJSON `json:"period"`
	AsRecordedAt          *time.Time `json:"as_recorded_at"`
	Clearance             string     `json:"clearance"`
	Watch                 WatchTable `json:"watch"`
	WatchInvolvingLeaders WatchTable `json:"watch_involving_leaders"`
	Progress              Progress   `json:"progress"`
	Assets                Assets     `json:"assets"`
	WrongfulConvictions   Figure     `json:"wrongful_convictions"`
	LateEntries           Figure     `json:"late_entries"`
	Cases                 []CaseRef  `json:"cases"` // every case a figure names
	// CountsOnly: the figures of a reader who may not see the cases, without
	// case ids, references or names (FigureCounts, ConsolidatedFigures).
	CountsOnly bool          `json:"counts_only,omitempty"`
	caseByID   map[int64]int // index into Cases
	narrative  string        // Report of counts-only figures
}

// Case returns the reference of a case the figures name.
func (f *Figures) Case(id int64) (CaseRef, bool) {
	i, ok := f.caseByID[id]
	if !ok {
		return CaseRef{}, false
	}
	return f.Cases[i], true
}

// caseFacts is what the figures need of a case: how it is classified.
type caseFacts struct {
	ref     CaseRef
	groups  []int // indexes into Groups
	leaders bool
	ord     int // position in reference order, set by computeFigures
}

// newCaseFacts classifies a case with these categories.
func newCaseFacts(ref CaseRef, cats []Category, leaders bool) *caseFacts {
	f := &caseFacts{ref: ref, leaders: leaders}
	for _, g := range groupsOf(cats) {
		f.groups = append(f.groups, slices.Index(Groups, g))
	}
	return f
}

// factRow is one event row the figures read.
type factRow struct {
	CaseID      int64
	ID          int64
	Kind        EventKind
	On          civil.Date
	Level       Level
	Stage       Stage
	Suspects    int
	Defendants  int
	AmountVND   int64
	AreaM2      float64
	EnteredLate bool // recorded after the period ended
}

// figureInput is everything computeFigures reads, gathered by a few
// queries in one snapshot.
type figureInput struct {
	period   civil.Range
	facts    map[int64]*caseFacts
	watch    []factRow // watch events dated up to `to`
	progress []factRow // steps, extra suspects, urgings, meetings, wrongful convictions in the period
	assets   []factRow // damage and recovery dated up to `to`
	late     []int64   // cases with a correction or retraction of an in-period event recorded after it
}

// caseSet is a set of cases by ordinal, so that a figure lists its cases in
// reference order without sorting.
type caseSet []uint64

func (s *caseSet) add(ord int) {
	for len(*s) <= ord/64 {
		*s = append(*s, 0)
	}
	(*s)[ord/64] |= 1 << (ord % 64)
}

func (s caseSet) has(ord int) bool { return ord/64 < len(s) && s[ord/64]&(1<<(ord%64)) != 0 }

// The watch table's columns and measures, as array indexes.
var watchColumns = [...]string{string(Monitored), string(Directed), AnyLevel}

const (
	carriedOver = iota
	added
	removed
	atEnd
	followed
	measures
)

// isIn reports whether a watch level belongs to column c of the table.
func isIn(c int, l Level) bool {
	if watchColumns[c] == AnyLevel {
		return l != NotWatched
	}
	return string(l) == watchColumns[c]
}

// Progress steps, as array indexes.
const (
	stepProsecuted = iota
	stepExtraSuspects
	stepResumed
	stepConcluded
	stepReturned
	stepIndicted
	stepFirstInstance
	stepAppeal
	stepSuspended
	stepClosed
	stepUrged
	stepMeeting
	stepWrongful
	steps
)

// stepOf is the progress step of an event row, if it is one.
func stepOf(r factRow) (int, bool) {
	switch r.Kind {
	case StageChanged:
		switch r.Stage {
		case Prosecuted:
			return stepProsecuted, true
		case Resumed:
			return stepResumed, true
		case InvestigationConcluded:
			return stepConcluded, true
		case ReturnedForInvestigation:
			return stepReturned, true
		case Indicted:
			return stepIndicted, true
		case FirstInstanceTrial:
			return stepFirstInstance, true
		case AppealTrial:
			return stepAppeal, true
		case Suspended:
			return stepSuspended, true
		case Closed:
			return stepClosed, true
		}
	case SuspectsAdded:
		return stepExtraSuspects, true
	case Urged:
		return stepUrged, true
	case Meeting:
		return stepMeeting, true
	case WrongfulConviction:
		return stepWrongful, true
	}
	return 0, false
}

// computeFigures is the pure part of the figures: from the rows of the
// queries to the table, following the semantics above.
func computeFigures(in figureInput) *Figures {
	from, to := in.period.From, in.period.To
	f := &Figures{Period: PeriodJSON{From: from, To: to}, caseByID: map[int64]int{}}

	// Ordinals in reference order.
	byOrd := make([]*caseFacts, 0, len(in.facts))
	for _, c := range in.facts {
		byOrd = append(byOrd, c)
	}
	slices.SortFunc(byOrd, func(a, b *caseFacts) int {
		if c := strings.Compare(a.ref.Ref, b.ref.Ref); c != 0 {
			return c
		}
		return cmp.Compare(a.ref.ID, b.ref.ID)
	})
	for i, c := range byOrd {
		c.ord = i
	}
	var watch [2][len(watchColumns)][]([measures]caseSet) // [leaders][column][group][measure]
	for l := range watch {
		for c := range watch[l] {
			watch[l][c] = make([][measures]caseSet, len(Groups))
		}
	}
	var followedAny, late caseSet
	markLate := func(r factRow, c *caseFacts) {
		if r.EnteredLate && in.period.Contains(r.On) {
			late.add(c.ord)
		}
	}

	// The watch table, case by case, each in folding order.
	byCaseThenDate(in.watch)
	for i := 0; i < len(in.watch); {
		j := i
		for j < len(in.watch) && in.watch[j].CaseID == in.watch[i].CaseID {
			j++
		}
		rows := in.watch[i:j]
		i = j
		facts := in.facts[rows[0].CaseID]
		if facts == nil {
			continue
		}
		var start, end Level
		var entered, left [len(watchColumns)]bool
		level := NotWatched
		for _, r := range rows {
			markLate(r, facts)
			next := r.Level
			if r.Kind == WatchRemoved {
				next = NotWatched
			}
			switch {
			case r.On.Before(from):
			case !r.On.After(to) && next != level:
				for c := range watchColumns {
					entered[c] = entered[c] || (!isIn(c, level) && isIn(c, next))
					left[c] = left[c] || (isIn(c, level) && !isIn(c, next))
				}
			}
			if r.On.Before(from) {
				start = next
			}
			if !r.On.After(to) {
				end = next
			}
			level = next
		}
		for c := range watchColumns {
			var m [measures]bool
			m[carriedOver], m[added], m[removed], m[atEnd] = isIn(c, start), entered[c], left[c], isIn(c, end)
			m[followed] = m[carriedOver] || m[added]
			if watchColumns[c] == AnyLevel && m[followed] {
				followedAny.add(facts.ord)
			}
			for k, yes := range m {
				if !yes {
					continue
				}
				for _, g := range facts.groups {
					watch[0][c][g][k].add(facts.ord)
					if facts.leaders {
						watch[1][c][g][k].add(facts.ord)
					}
				}
			}
		}
	}

	// Progress of the cases followed in the period; wrongful convictions
	// of every case.
	var stepSets [steps]caseSet
	var persons, events [steps]int
	for _, r := range in.progress {
		c := in.facts[r.CaseID]
		if c == nil {
			continue
		}
		k, ok := stepOf(r)
		if !ok || (k != stepWrongful && !followedAny.has(c.ord)) {
			continue
		}
		markLate(r, c)
		stepSets[k].add(c.ord)
		events[k]++
		switch k {
		case stepProsecuted, stepIndicted, stepExtraSuspects:
			persons[k] += r.Suspects
		case stepFirstInstance, stepAppeal:
			persons[k] += r.Defendants
		}
	}

	// Assets of the cases followed in the period: the latest assessment of
	// each, and every recovery.
	a := &f.Assets
	damageVND, damageM2 := map[int]int64{}, map[int]float64{}
	var assetCases caseSet
	byCaseThenDate(in.assets)
	for _, r := range in.assets {
		c := in.facts[r.CaseID]
		if c == nil || !followedAny.has(c.ord) {
			continue
		}
		markLate(r, c)
		switch r.Kind {
		case DamageAssessed:
			damageVND[c.ord], damageM2[c.ord] = r.AmountVND, r.AreaM2
		case AssetsRecovered:
			a.RecoveredToDateVND += r.AmountVND
			a.RecoveredToDateM2 += r.AreaM2
			if in.period.Contains(r.On) {
				a.RecoveredVND += r.AmountVND
				a.RecoveredM2 += r.AreaM2
			}
		}
		if r.AmountVND > 0 || r.AreaM2 > 0 {
			assetCases.add(c.ord)
		}
	}
	for ord, v := range damageVND {
		a.DamageVND += v
		a.DamageM2 += damageM2[ord]
	}
	a.RecoveryRateVND = rate(float64(a.RecoveredToDateVND), float64(a.DamageVND))
	a.RecoveryRateM2 = rate(a.RecoveredToDateM2, a.DamageM2)
	for _, id := range in.late {
		if c := in.facts[id]; c != nil {
			late.add(c.ord)
		}
	}

	// Turn the sets into figures, every case named once in f.Cases.
	var named caseSet
	fill := func(fig *Figure, set caseSet) {
		fig.CaseIDs, fig.Refs = []int64{}, []string{}
		for w, word := range set {
			for word != 0 {
				ord := w*64 + bits.TrailingZeros64(word)
				word &= word - 1
				c := byOrd[ord].ref
				fig.CaseIDs, fig.Refs = append(fig.CaseIDs, c.ID), append(fig.Refs, c.Ref)
				named.add(ord)
			}
		}
		fig.Count = len(fig.CaseIDs)
	}
	f.Watch, f.WatchInvolvingLeaders = WatchTable{}, WatchTable{}
	for l, table := range []WatchTable{f.Watch, f.WatchInvolvingLeaders} {
		for c, column := range watchColumns {
			table[column] = map[Group]*WatchCell{}
			for g, group := range Groups {
				sets := watch[l][c][g]
				cell := &WatchCell{}
				fill(&cell.CarriedOver, sets[carriedOver])
				fill(&cell.Added, sets[added])
				fill(&cell.Removed, sets[removed])
				fill(&cell.AtEnd, sets[atEnd])
				fill(&cell.Followed, sets[followed])
				table[column][group] = cell
			}
		}
	}
	p := &f.Progress
	for k, fig := range map[int]*Figure{stepProsecuted: &p.Prosecuted.Figure, stepExtraSuspects: &p.ExtraSuspects.Figure,
		stepResumed: &p.Resumed, stepConcluded: &p.InvestigationConcluded, stepReturned: &p.ReturnedForInvestigation,
		stepIndicted: &p.Indicted.Figure, stepFirstInstance: &p.FirstInstanceTried.Figure, stepAppeal: &p.AppealTried.Figure,
		stepSuspended: &p.Suspended, stepClosed: &p.Closed, stepUrged: &p.Urged.Figure, stepMeeting: &p.Meetings.Figure,
		stepWrongful: &f.WrongfulConvictions} {
		fill(fig, stepSets[k])
	}
	p.Prosecuted.Persons, p.ExtraSuspects.Persons, p.Indicted.Persons = persons[stepProsecuted], persons[stepExtraSuspects], persons[stepIndicted]
	p.FirstInstanceTried.Persons, p.AppealTried.Persons = persons[stepFirstInstance], persons[stepAppeal]
	p.Urged.Events, p.Meetings.Events = events[stepUrged], events[stepMeeting]
	fill(&a.Cases, assetCases)
	fill(&f.LateEntries, late)
	f.Cases = []CaseRef{}
	for w, word := range named {
		for word != 0 {
			ord := w*64 + bits.TrailingZeros64(word)
			word &= word - 1
			f.caseByID[byOrd[ord].ref.ID] = len(f.Cases)
			f.Cases = append(f.Cases, byOrd[ord].ref)
		}
	}
	return f
}

// rate is part/whole in percent, nil without a whole.
func rate(part, whole float64) *float64 {
	if whole <= 0 {
		return nil
	}
	r := part / whole * 100
	return &r
}

// byCaseThenDate orders rows as a case's events are folded: by case, then
// effective date, then recording order.
func byCaseThenDate(rows []factRow) {
	slices.SortFunc(rows, func(a, b factRow) int {
		if a.CaseID != b.CaseID {
			return cmp.Compare(a.CaseID, b.CaseID)
		}
		if c := a.On.Compare(b.On); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}
