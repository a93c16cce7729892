package petitions

import "noichinh/internal/civil"

// The period figures of citizen reception and of the standard petition
// table (Biểu 01/XLD), each with the records behind it. Their definitions
// are in docs/figures-petitions.md; tally and tallyReception are pure
// functions of the rows, so the definitions are tested without a database.

// Figure is one number and the records it counts: session IDs for
// reception figures, petition IDs (and numbers) for petition figures.
// For a sum (visits, people, money) Value is the sum and IDs the records
// that contribute to it.
type Figure struct {
	Value int64    `json:"value"`
	IDs   []int64  `json:"ids"`
	Refs  []string `json:"refs,omitempty"`
}

// AreaFigure is a land area in m² and the petitions behind it.
type AreaFigure struct {
	M2   float64  `json:"m2"`
	IDs  []int64  `json:"ids"`
	Refs []string `json:"refs"`
}

// Figures are a period's figures for one organisation, as the actor may see
// them (records above the actor's clearance are neither counted nor listed).
type Figures struct {
	From             civil.Date       `json:"from"`
	To               civil.Date       `json:"to"`
	Reception        ReceptionFigures `json:"reception"`
	Petitions        PetitionFigures  `json:"petitions"`
	ComplexProlonged Followed         `json:"complex_prolonged"`
}

// ReceptionFigures are the sessions held in the period, in all and by host.
type ReceptionFigures struct {
	All    ReceptionCounts              `json:"all"`
	ByHost map[HostRole]ReceptionCounts `json:"by_host"`
}

// ReceptionCounts are the figures of a set of sessions.
type ReceptionCounts struct {
	Sessions         Figure          `json:"sessions"`
	Visits           Figure          `json:"visits"`
	People           Figure          `json:"people"`
	CrowdDelegations Figure          `json:"crowd_delegations"`
	Matters          map[Kind]Figure `json:"matters"`
}

// PetitionFigures are the columns of the standard petition table.
type PetitionFigures struct {
	CarriedOver         Figure                 `json:"carried_over"`
	Received            Figure                 `json:"received"`
	Total               Figure                 `json:"total"`
	ReceivedBySigner    map[Signer]Figure      `json:"received_by_signer"`
	ReceivedByKind      map[Kind]Figure        `json:"received_by_kind"`
	ReceivedRepeated    Figure                 `json:"received_repeated"`
	Processed           Figure                 `json:"processed"`
	Unprocessed         Figure                 `json:"unprocessed"`
	Eligible            Figure                 `json:"eligible"`
	FiledAway           Figure                 `json:"filed_away"`
	FiledAwayByReason   map[FiledReason]Figure `json:"filed_away_by_reason"`
	EligibleByKind      map[Kind]Figure        `json:"eligible_by_kind"`
	WithinJurisdiction  Figure                 `json:"within_jurisdiction"`
	OutsideJurisdiction Figure                 `json:"outside_jurisdiction"`
	Advised             Figure                 `json:"advised"`
	Forwarded           Figure                 `json:"forwarded"`
	Urged               Figure                 `json:"urged"`
	UrgesSent           Figure                 `json:"urges_sent"`
	RepliesReceived     Figure                 `json:"replies_received"`
	Followed
	Outcomes        map[Outcome]Figure `json:"outcomes"`
	MoneyReturned   Figure             `json:"money_returned"`
	LandReturned    AreaFigure         `json:"land_returned"`
	PeopleProtected Figure             `json:"people_protected"`
}

// Followed are the petitions the Committee followed in the period (forwarded,
// urged or accepted, and not resolved before it) and where they stand at
// its end.
type Followed struct {
	Followed   Figure `json:"followed"`
	Resolved   Figure `json:"resolved"`
	InProgress Figure `json:"in_progress"`
}

// figRow is what the figures need of one petition.
type figRow struct {
	ID              int64
	Ref             string
	ReceivedOn      civil.Date
	Signer          Signer
	Kind            Kind
	Repeated        bool
	Complex         bool
	ProcessedOn     civil.Date
	Eligible        bool
	FiledReason     FiledReason
	Handling        Handling
	ResolvedOn      civil.Date
	Outcome         Outcome
	MoneyReturned   int64
	LandReturned    float64
	PeopleProtected int
}

// sessionRow is what the figures need of one session.
type sessionRow struct {
	ID                                int64
	Host                              HostRole
	Visits, People, Crowd             int
	Complaint, Denunciation, Proposal int
}

func newFigure() Figure { return Figure{IDs: []int64{}} }

func (f *Figure) count(r figRow) {
	f.Value++
	f.IDs = append(f.IDs, r.ID)
	f.Refs = append(f.Refs, r.Ref)
}

func (f *Figure) sum(r figRow, v int64) {
	if v == 0 {
		return
	}
	f.Value += v
	f.IDs = append(f.IDs, r.ID)
	f.Refs = append(f.Refs, r.Ref)
}

func figureMap[K comparable](keys []K) map[K]Figure {
	m := make(map[K]Figure, len(keys))
	for _, k := range keys {
		m[k] = newFigure()
	}
	return m
}

func countIn[K comparable](m map[K]Figure, k K, r figRow) {
	f, ok := m[k]
	if !ok {
		f = newFigure()
	}
	f.count(r)
	m[k] = f
}

func newFollowed() Followed {
	return Followed{Followed: newFigure(), Resolved: newFigure(), InProgress: newFigure()}
}

func newPetitionFigures() PetitionFigures {
	f := PetitionFigures{
		ReceivedBySigner: figureMap(Signers), ReceivedByKind: figureMap(Kinds),
		FiledAwayByReason: figureMap(FiledReasons), EligibleByKind: figureMap(Kinds),
		Outcomes: figureMap(Outcomes), Followed: newFollowed(),
		LandReturned: AreaFigure{IDs: []int64{}, Refs: []string{}},
	}
	for _, p := range []*Figure{&f.CarriedOver, &f.Received, &f.Total, &f.ReceivedRepeated, &f.Processed,
		&f.Unprocessed, &f.Eligible, &f.FiledAway, &f.WithinJurisdiction, &f.OutsideJurisdiction, &f.Advised,
		&f.Forwarded, &f.Urged, &f.UrgesSent, &f.RepliesReceived, &f.MoneyReturned, &f.PeopleProtected} {
		*p = newFigure()
	}
	return f
}

// tally computes the petition table of period from the rows of the
// petitions that matter to it (received by its end, and open, unprocessed
// or followed at its start), and the sets of petitions urged (after their
// processing) and replied to within it. Rows must be in ID order; every
// list comes out in it.
func tally(period civil.Range, rows []figRow, urged, replied map[int64]bool) (PetitionFigures, Followed) {
	f := newPetitionFigures()
	complexF := newFollowed()
	from, to := period.From, period.To
	for _, r := range rows {
		if r.ReceivedOn.After(to) {
			continue
		}
		receivedIn := !r.ReceivedOn.Before(from)
		processed := !r.ProcessedOn.IsZero() && !r.ProcessedOn.After(to)
		processedIn := processed && !r.ProcessedOn.Before(from)
		carried := !receivedIn && (r.ProcessedOn.IsZero() || !r.ProcessedOn.Before(from))
		if receivedIn {
			f.Received.count(r)
			countIn(f.ReceivedBySigner, r.Signer, r)
			countIn(f.ReceivedByKind, r.Kind, r)
			if r.Repeated {
				f.ReceivedRepeated.count(r)
			}
		}
		if carried {
			f.CarriedOver.count(r)
		}
		if receivedIn || carried {
			f.Total.count(r)
			if !processedIn {
				f.Unprocessed.count(r)
			}
		}
		if processedIn {
			f.Processed.count(r)
			if !r.Eligible {
				f.FiledAway.count(r)
				countIn(f.FiledAwayByReason, r.FiledReason, r)
			} else {
				f.Eligible.count(r)
				countIn(f.EligibleByKind, r.Kind, r)
				switch r.Handling {
				case HandleAccepted:
					f.WithinJurisdiction.count(r)
				case HandleAdvised:
					f.OutsideJurisdiction.count(r)
					f.Advised.count(r)
				case HandleForwarded:
					f.OutsideJurisdiction.count(r)
					f.Forwarded.count(r)
				case HandleUrged:
					f.OutsideJurisdiction.count(r)
					f.Urged.count(r)
				}
			}
		}
		// The first urging of a petition handled by urging is its processing.
		if urged[r.ID] || (processedIn && r.Eligible && r.Handling == HandleUrged) {
			f.UrgesSent.count(r)
		}
		if replied[r.ID] {
			f.RepliesReceived.count(r)
		}
		if !processed || !r.Eligible || !r.Handling.followed() || (!r.ResolvedOn.IsZero() && r.ResolvedOn.Before(from)) {
			continue
		}
		resolvedIn := !r.ResolvedOn.IsZero() && !r.ResolvedOn.After(to)
		followed := []*Followed{&f.Followed}
		if r.Complex {
			followed = append(followed, &complexF)
		}
		for _, fl := range followed {
			fl.Followed.count(r)
			if resolvedIn {
				fl.Resolved.count(r)
			} else {
				fl.InProgress.count(r)
			}
		}
		if resolvedIn {
			if r.Outcome != "" {
				countIn(f.Outcomes, r.Outcome, r)
			}
			f.MoneyReturned.sum(r, r.MoneyReturned)
			f.PeopleProtected.sum(r, int64(r.PeopleProtected))
			if r.LandReturned > 0 {
				f.LandReturned.M2 += r.LandReturned
				f.LandReturned.IDs = append(f.LandReturned.IDs, r.ID)
				f.LandReturned.Refs = append(f.LandReturned.Refs, r.Ref)
			}
		}
	}
	return f, complexF
}

func newReceptionCounts() ReceptionCounts {
	return ReceptionCounts{Sessions: newFigure(), Visits: newFigure(), People: newFigure(),
		CrowdDelegations: newFigure(), Matters: figureMap(Kinds)}
}

// tallyReception sums the sessions held in the period (rows are those sessions).
func tallyReception(rows []sessionRow) ReceptionFigures {
	out := ReceptionFigures{All: newReceptionCounts(), ByHost: map[HostRole]ReceptionCounts{}}
	for _, h := range HostRoles {
		out.ByHost[h] = newReceptionCounts()
	}
	add := func(f *Figure, id int64, v int) {
		if v == 0 {
			return
		}
		f.Value += int64(v)
		f.IDs = append(f.IDs, id)
	}
	for _, r := range rows {
		host := out.ByHost[r.Host]
		for _, c := range []*ReceptionCounts{&out.All, &host} {
			add(&c.Sessions, r.ID, 1)
			add(&c.Visits, r.ID, r.Visits)
			add(&c.People, r.ID, r.People)
			add(&c.CrowdDelegations, r.ID, r.Crowd)
			for k, v := range map[Kind]int{Complaint: r.Complaint, Denunciation: r.Denunciation, Proposal: r.Proposal} {
				f := c.Matters[k]
				add(&f, r.ID, v)
				c.Matters[k] = f
			}
		}
		out.ByHost[r.Host] = host
	}
	return out
}
