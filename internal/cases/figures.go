package cases

import (
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

// CaseRef names a case counted in the figures.
type CaseRef struct {
	ID    int64  `json:"id"`
	Ref   string `json:"ref"`
	Kind  Kind   `json:"kind"`
	Title string `json:"title"`
}

// PeriodJSON is a period as JSON.
type PeriodJSON struct {
	From civil.Date `json:"from"`
	To   civil.Date `json:"to"`
}

// Figures are the period figures of one organisation.
type Figures struct {
	OrgID                 int64         `json:"org_id"`
	OrgName               string        `json:"org_name"`
	Period                PeriodJSON    `json:"period"`
	AsRecordedAt          *time.Time    `json:"as_recorded_at"`
	Clearance             string        `json:"clearance"`
	Watch                 WatchTable    `json:"watch"`
	WatchInvolvingLeaders WatchTable    `json:"watch_involving_leaders"`
	Progress              Progress      `json:"progress"`
	Assets                Assets        `json:"assets"`
	WrongfulConvictions   Figure        `json:"wrongful_convictions"`
	LateEntries           Figure        `json:"late_entries"`
	Cases                 []CaseRef     `json:"cases"` // every case a figure names
	caseByID              map[int64]int // index into Cases
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
	groups  []Group
	leaders bool
}

// factRow is one event row the figures read.
type factRow struct {
	CaseID      int64
	ID          int64
	Kind        EventKind
	On          civil.Date
	RecordedAt  time.Time
	Level       Level
	Stage       Stage
	Suspects    int
	Defendants  int
	AmountVND   int64
	AreaM2      float64
	Correcting  bool // a correction or retraction (late-entry query only)
	CorrectedOn civil.Date
}

// figureInput is everything computeFigures reads, gathered by a few
// queries in one snapshot.
type figureInput struct {
	period    civil.Range
	periodEnd time.Time // the first moment after the period (Vietnam time)
	facts     map[int64]*caseFacts
	watch     []factRow // watch events dated up to `to`, by case, date, id
	progress  []factRow // steps, extra suspects, urgings, meetings, wrongful convictions in the period
	assets    []factRow // damage and recovery dated up to `to`
	late      []int64   // cases with a correction or retraction of an in-period event recorded after it
}

// levelAt tracks one case's watch level through its events.
type levelTrack struct {
	on     []civil.Date
	levels []Level // level after each event
}

func (t *levelTrack) add(on civil.Date, l Level) {
	t.on, t.levels = append(t.on, on), append(t.levels, l)
}

// before is the level after every event dated before d.
func (t *levelTrack) before(d civil.Date) Level {
	l := NotWatched
	for i, on := range t.on {
		if !on.Before(d) {
			break
		}
		l = t.levels[i]
	}
	return l
}

// through is the level after every event dated up to d.
func (t *levelTrack) through(d civil.Date) Level {
	l := NotWatched
	for i, on := range t.on {
		if on.After(d) {
			break
		}
		l = t.levels[i]
	}
	return l
}

// idSet accumulates the cases of one figure.
type idSet map[int64]bool

// computeFigures is the pure part of the figures: from the rows of the
// queries to the table, following the semantics above.
func computeFigures(in figureInput) *Figures {
	from, to := in.period.From, in.period.To
	f := &Figures{Period: PeriodJSON{From: from, To: to}, caseByID: map[int64]int{}}
	type key struct {
		leaders bool
		level   string
		group   Group
		measure string
	}
	sets := map[key]idSet{}
	put := func(k key, id int64) {
		if sets[k] == nil {
			sets[k] = idSet{}
		}
		sets[k][id] = true
	}
	followedAny := idSet{}
	late := idSet{}
	markLate := func(r factRow) {
		if in.period.Contains(r.On) && r.RecordedAt.After(in.periodEnd) {
			late[r.CaseID] = true
		}
	}

	// The watch table, case by case.
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
		t := &levelTrack{}
		for _, r := range rows {
			markLate(r)
			l := r.Level
			if r.Kind == WatchRemoved {
				l = NotWatched
			}
			t.add(r.On, l)
		}
		start, end := t.before(from), t.through(to)
		type moves struct{ entered, left bool }
		perLevel := map[string]*moves{AnyLevel: {}, string(Monitored): {}, string(Directed): {}}
		prev := start
		for k, on := range t.on {
			if on.Before(from) {
				continue
			}
			if on.After(to) {
				break
			}
			next := t.levels[k]
			if next != prev {
				for name, m := range perLevel {
					inPrev, inNext := isIn(name, prev), isIn(name, next)
					m.entered = m.entered || (!inPrev && inNext)
					m.left = m.left || (inPrev && !inNext)
				}
			}
			prev = next
		}
		for name, m := range perLevel {
			measures := map[string]bool{
				"carried_over": isIn(name, start),
				"added":        m.entered,
				"removed":      m.left,
				"at_end":       isIn(name, end),
			}
			measures["followed"] = measures["carried_over"] || measures["added"]
			if name == AnyLevel && measures["followed"] {
				followedAny[facts.ref.ID] = true
			}
			for measure, yes := range measures {
				if !yes {
					continue
				}
				for _, g := range facts.groups {
					put(key{false, name, g, measure}, facts.ref.ID)
					if facts.leaders {
						put(key{true, name, g, measure}, facts.ref.ID)
					}
				}
			}
		}
	}

	// Progress of the cases followed in the period; wrongful convictions
	// of every case.
	p := &f.Progress
	type step struct {
		fig     *Figure
		persons *int
		count   *int
	}
	stepOf := func(r factRow) (step, bool) {
		switch r.Kind {
		case StageChanged:
			switch r.Stage {
			case Prosecuted:
				return step{&p.Prosecuted.Figure, &p.Prosecuted.Persons, nil}, true
			case Resumed:
				return step{fig: &p.Resumed}, true
			case InvestigationConcluded:
				return step{fig: &p.InvestigationConcluded}, true
			case ReturnedForInvestigation:
				return step{fig: &p.ReturnedForInvestigation}, true
			case Indicted:
				return step{&p.Indicted.Figure, &p.Indicted.Persons, nil}, true
			case FirstInstanceTrial:
				return step{&p.FirstInstanceTried.Figure, &p.FirstInstanceTried.Persons, nil}, true
			case AppealTrial:
				return step{&p.AppealTried.Figure, &p.AppealTried.Persons, nil}, true
			case Suspended:
				return step{fig: &p.Suspended}, true
			case Closed:
				return step{fig: &p.Closed}, true
			}
		case SuspectsAdded:
			return step{&p.ExtraSuspects.Figure, &p.ExtraSuspects.Persons, nil}, true
		case Urged:
			return step{fig: &p.Urged.Figure, count: &p.Urged.Events}, true
		case Meeting:
			return step{fig: &p.Meetings.Figure, count: &p.Meetings.Events}, true
		case WrongfulConviction:
			return step{fig: &f.WrongfulConvictions}, true
		}
		return step{}, false
	}
	figSets := map[*Figure]idSet{}
	for _, r := range in.progress {
		if in.facts[r.CaseID] == nil {
			continue
		}
		markLate(r)
		st, ok := stepOf(r)
		if !ok {
			continue
		}
		if r.Kind != WrongfulConviction && !followedAny[r.CaseID] {
			continue
		}
		if figSets[st.fig] == nil {
			figSets[st.fig] = idSet{}
		}
		figSets[st.fig][r.CaseID] = true
		if st.persons != nil {
			switch {
			case r.Kind == SuspectsAdded, r.Stage == Prosecuted, r.Stage == Indicted:
				*st.persons += r.Suspects
			default:
				*st.persons += r.Defendants
			}
		}
		if st.count != nil {
			*st.count++
		}
	}

	// Assets of the cases followed in the period.
	a := &f.Assets
	damageVND, damageM2 := map[int64]int64{}, map[int64]float64{}
	assetCases := idSet{}
	for _, r := range in.assets {
		if !followedAny[r.CaseID] {
			continue
		}
		markLate(r)
		switch r.Kind {
		case DamageAssessed:
			damageVND[r.CaseID], damageM2[r.CaseID] = r.AmountVND, r.AreaM2
		case AssetsRecovered:
			a.RecoveredToDateVND += r.AmountVND
			a.RecoveredToDateM2 += r.AreaM2
			if in.period.Contains(r.On) {
				a.RecoveredVND += r.AmountVND
				a.RecoveredM2 += r.AreaM2
			}
		}
		if r.AmountVND > 0 || r.AreaM2 > 0 {
			assetCases[r.CaseID] = true
		}
	}
	for id, v := range damageVND {
		a.DamageVND += v
		a.DamageM2 += damageM2[id]
	}
	a.RecoveryRateVND = rate(float64(a.RecoveredToDateVND), float64(a.DamageVND))
	a.RecoveryRateM2 = rate(a.RecoveredToDateM2, a.DamageM2)
	for _, id := range in.late {
		if in.facts[id] != nil {
			late[id] = true
		}
	}

	// Turn the sets into figures, every case referenced once in f.Cases.
	named := idSet{}
	fill := func(fig *Figure, ids idSet) {
		fig.CaseIDs, fig.Refs = []int64{}, []string{}
		for id := range ids {
			fig.CaseIDs = append(fig.CaseIDs, id)
			named[id] = true
		}
		slices.SortFunc(fig.CaseIDs, func(x, y int64) int {
			return strings.Compare(in.facts[x].ref.Ref, in.facts[y].ref.Ref)
		})
		for _, id := range fig.CaseIDs {
			fig.Refs = append(fig.Refs, in.facts[id].ref.Ref)
		}
		fig.Count = len(fig.CaseIDs)
	}
	f.Watch, f.WatchInvolvingLeaders = WatchTable{}, WatchTable{}
	for _, leaders := range []bool{false, true} {
		table := f.Watch
		if leaders {
			table = f.WatchInvolvingLeaders
		}
		for _, level := range []string{string(Monitored), string(Directed), AnyLevel} {
			table[level] = map[Group]*WatchCell{}
			for _, g := range Groups {
				c := &WatchCell{}
				fill(&c.CarriedOver, sets[key{leaders, level, g, "carried_over"}])
				fill(&c.Added, sets[key{leaders, level, g, "added"}])
				fill(&c.Removed, sets[key{leaders, level, g, "removed"}])
				fill(&c.AtEnd, sets[key{leaders, level, g, "at_end"}])
				fill(&c.Followed, sets[key{leaders, level, g, "followed"}])
				table[level][g] = c
			}
		}
	}
	for _, fig := range []*Figure{&p.Prosecuted.Figure, &p.ExtraSuspects.Figure, &p.Resumed,
		&p.InvestigationConcluded, &p.ReturnedForInvestigation, &p.Indicted.Figure, &p.FirstInstanceTried.Figure,
		&p.AppealTried.Figure, &p.Suspended, &p.Closed, &p.Urged.Figure, &p.Meetings.Figure, &f.WrongfulConvictions} {
		fill(fig, figSets[fig])
	}
	fill(&a.Cases, assetCases)
	fill(&f.LateEntries, late)
	f.Cases = []CaseRef{}
	for id := range named {
		f.Cases = append(f.Cases, in.facts[id].ref)
	}
	slices.SortFunc(f.Cases, func(x, y CaseRef) int { return strings.Compare(x.Ref, y.Ref) })
	for i, c := range f.Cases {
		f.caseByID[c.ID] = i
	}
	return f
}

// isIn reports whether a watch level belongs to a column of the table.
func isIn(column string, l Level) bool {
	if column == AnyLevel {
		return l != NotWatched
	}
	return string(l) == column
}

// rate is part/whole in percent, nil without a whole.
func rate(part, whole float64) *float64 {
	if whole <= 0 {
		return nil
	}
	r := part / whole * 100
	return &r
}
