package petitions

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"noichinh/internal/civil"
)

// EventKind names what happened to a petition.
type EventKind string

const (
	EvReceived           EventKind = "received"
	EvUpdated            EventKind = "updated"
	EvAssigned           EventKind = "assigned"
	EvProcessed          EventKind = "processed"
	EvAcceptanceNotified EventKind = "acceptance_notified"
	EvExtended           EventKind = "extended"
	EvUrged              EventKind = "urged"
	EvReplyReceived      EventKind = "reply_received"
	EvResolved           EventKind = "resolved"
	EvLinked             EventKind = "linked"
	EvDuplicateDismissed EventKind = "duplicate_dismissed"
	EvSplit              EventKind = "split"
)

// Event is one entry of a petition's history. EffectiveOn is the legal date
// it happened; RecordedAt/RecordedBy when and by whom it was entered.
type Event struct {
	ID          int64      `json:"id"`
	PetitionID  int64      `json:"petition_id"`
	Kind        EventKind  `json:"kind"`
	EffectiveOn civil.Date `json:"effective_on"`
	RecordedAt  time.Time  `json:"recorded_at"`
	RecordedBy  int64      `json:"recorded_by,omitempty"`
	Data        EventData  `json:"data"`
}

// EventData is the payload of every kind of event; each kind uses its own
// fields (documented beside them). The rules are applied when an event is
// made, so the payload carries their results (deadlines computed, steps
// closed) and project needs no rules, calendar or clock.
type EventData struct {
	// received
	ReceivedOn     civil.Date `json:"received_on,omitzero"`
	Channel        Channel    `json:"channel,omitempty"`
	SourceUnitID   int64      `json:"source_unit_id,omitempty"`
	SourceRef      string     `json:"source_ref,omitempty"`
	SessionID      int64      `json:"session_id,omitempty"`
	Signer         Signer     `json:"signer,omitempty"`
	SenderCount    int        `json:"sender_count,omitempty"`
	SendersAddress bool       `json:"senders_address,omitempty"`
	Kind           Kind       `json:"kind,omitempty"`
	ParentID       int64      `json:"parent_id,omitempty"`
	// received, updated
	Details *Details `json:"details,omitempty"`
	// received, assigned
	AssignedTo int64 `json:"assigned_to,omitempty"`
	// processed
	Eligible    bool        `json:"eligible,omitempty"`
	FiledReason FiledReason `json:"filed_reason,omitempty"`
	Handling    Handling    `json:"handling,omitempty"`
	// processed, urged, reply_received (the body replying)
	UnitID int64 `json:"unit_id,omitempty"`
	// processed, urged, reply_received, resolved, extended: letter or decision number
	Ref  string `json:"ref,omitempty"`
	Note string `json:"note,omitempty"`
	// reply_received, resolved
	Resolved        bool    `json:"resolved,omitempty"`
	Outcome         Outcome `json:"outcome,omitempty"`
	MoneyReturned   int64   `json:"money_returned,omitempty"`
	LandReturned    float64 `json:"land_returned,omitempty"`
	PeopleProtected int     `json:"people_protected,omitempty"`
	// linked, duplicate_dismissed
	OtherID  int64    `json:"other_id,omitempty"`
	LinkKind LinkKind `json:"link_kind,omitempty"`
	// split: the parts
	PartIDs []int64 `json:"part_ids,omitempty"`
	// any: deadlines set (or replaced, by step) and steps closed on EffectiveOn
	Deadlines []Deadline `json:"deadlines,omitempty"`
	Close     []Closing  `json:"close,omitempty"`
}

// Closing closes one step's deadline.
type Closing struct {
	Step Step   `json:"step"`
	As   string `json:"as"` // met or cancelled
}

func (d *EventData) setResult(r Result) {
	d.Outcome, d.MoneyReturned, d.LandReturned, d.PeopleProtected = r.Outcome, r.MoneyReturned, r.LandReturned, r.PeopleProtected
}

func (d EventData) marshal() (string, error) {
	b, err := json.Marshal(d)
	return string(b), err
}

// project applies events, oldest first, to p and returns the result. The
// identity and bookkeeping fields of p (ID, OrgID, RefCode, CreatedAt,
// Version…) are kept; everything the events say is recomputed from zero, so
// the current state is always exactly what the history says.
func project(base Petition, events []Event) (Petition, error) {
	p := Petition{ID: base.ID, OrgID: base.OrgID, RefCode: base.RefCode, CreatedAt: base.CreatedAt,
		CreatedBy: base.CreatedBy, UpdatedAt: base.UpdatedAt, Version: base.Version}
	for i, e := range events {
		if i == 0 && e.Kind != EvReceived {
			return p, fmt.Errorf("petition %d: history starts with %s, not received", base.ID, e.Kind)
		}
		apply(&p, e)
	}
	p.NextDueOn, p.NextDueStep = civil.Date{}, ""
	for _, d := range p.Deadlines {
		if d.Open() && (p.NextDueOn.IsZero() || d.DueOn.Before(p.NextDueOn)) {
			p.NextDueOn, p.NextDueStep = d.DueOn, d.Step
		}
	}
	return p, nil
}

// apply changes p by one event.
func apply(p *Petition, e Event) {
	d := e.Data
	on := e.EffectiveOn
	switch e.Kind {
	case EvReceived:
		p.ReceivedOn, p.Channel, p.SourceUnitID, p.SourceRef = d.ReceivedOn, d.Channel, d.SourceUnitID, d.SourceRef
		p.SessionID, p.Signer, p.SenderCount, p.SendersAddress = d.SessionID, d.Signer, d.SenderCount, d.SendersAddress
		p.Kind, p.ParentID, p.AssignedTo = d.Kind, d.ParentID, d.AssignedTo
		if d.Details != nil {
			p.Details = *d.Details
		}
		p.Status = StatusReceived
	case EvUpdated:
		if d.Details != nil {
			p.Details = *d.Details
		}
	case EvAssigned:
		p.AssignedTo = d.AssignedTo
	case EvProcessed:
		p.ProcessedOn, p.Eligible = on, d.Eligible
		if !d.Eligible {
			p.Status, p.FiledReason = StatusFiledAway, d.FiledReason
			break
		}
		p.Handling, p.HandledOn, p.TargetUnitID, p.HandlingRef = d.Handling, on, d.UnitID, d.Ref
		p.WithinJurisdiction = d.Handling == HandleAccepted
		p.Status = Status(d.Handling)
		switch d.Handling {
		case HandleAccepted:
			p.AcceptedOn = on
		case HandleUrged:
			p.LastUrgedOn = on
		}
	case EvUrged:
		p.LastUrgedOn = on
	case EvReplyReceived:
		p.LastReplyOn = on
		if d.Resolved {
			resolve(p, on, d)
		}
	case EvResolved:
		resolve(p, on, d)
	case EvLinked:
		if d.LinkKind == LinkRepeated {
			p.Repeated = true
		}
	case EvSplit:
		p.Status = StatusSplit
	}
	for _, nd := range d.Deadlines {
		if i := slices.IndexFunc(p.Deadlines, func(x Deadline) bool { return x.Step == nd.Step }); i >= 0 {
			p.Deadlines[i] = nd
		} else {
			p.Deadlines = append(p.Deadlines, nd)
		}
	}
	for _, c := range d.Close {
		for i := range p.Deadlines {
			if p.Deadlines[i].Step == c.Step && p.Deadlines[i].Open() {
				p.Deadlines[i].ClosedOn, p.Deadlines[i].ClosedAs = on, c.As
			}
		}
	}
}

func resolve(p *Petition, on civil.Date, d EventData) {
	p.Status, p.ResolvedOn, p.Outcome = StatusResolved, on, d.Outcome
	p.MoneyReturned, p.LandReturned, p.PeopleProtected = d.MoneyReturned, d.LandReturned, d.PeopleProtected
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
