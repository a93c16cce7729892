package petitions

import (
	"time"

	"noichinh/internal/access"
	"noichinh/internal/civil"
)

// Details are the descriptive fields of a petition: entered on receipt and
// editable afterwards (with the version read).
type Details struct {
	Summary            string                `json:"summary"` // trích yếu: one line on the matter
	Content            string                `json:"content"`
	Field              Field                 `json:"field"`
	SubjectName        string                `json:"subject_name"` // who is complained of or denounced
	SubjectPosition    string                `json:"subject_position"`
	SubjectPartyMember bool                  `json:"subject_party_member"`
	SubjectPartyOrg    bool                  `json:"subject_party_org"`
	LocalityUnitID     int64                 `json:"locality_unit_id,omitempty"`
	ComplexProlonged   bool                  `json:"complex_prolonged"`
	Classification     access.Classification `json:"classification"`
}

// Petition is one petition as it stands now. Every field below Details is
// derived from the petition's events.
type Petition struct {
	ID      int64  `json:"id"`
	OrgID   int64  `json:"org_id"`
	RefCode string `json:"ref_code"` // "2026-00042": year of receipt and number within it

	ReceivedOn   civil.Date `json:"received_on"`
	Channel      Channel    `json:"channel"`
	SourceUnitID int64      `json:"source_unit_id,omitempty"` // the body that forwarded it
	SourceRef    string     `json:"source_ref,omitempty"`     // that body's letter number
	SessionID    int64      `json:"session_id,omitempty"`     // the reception session it was handed in at
	Signer       Signer     `json:"signer"`
	SenderCount  int        `json:"sender_count"`
	// SendersAddress: every named sender gave an address (a denunciation
	// without one cannot be accepted).
	SendersAddress bool  `json:"senders_address"`
	Kind           Kind  `json:"kind"`
	ParentID       int64 `json:"parent_id,omitempty"` // the mixed petition this one was split from
	Details
	Repeated   bool  `json:"repeated"` // linked as repeating an earlier petition
	AssignedTo int64 `json:"assigned_to,omitempty"`

	Status             Status      `json:"status"`
	ProcessedOn        civil.Date  `json:"processed_on,omitzero"`
	Eligible           bool        `json:"eligible"`
	FiledReason        FiledReason `json:"filed_reason,omitempty"`
	WithinJurisdiction bool        `json:"within_jurisdiction"`
	Handling           Handling    `json:"handling,omitempty"`
	HandledOn          civil.Date  `json:"handled_on,omitzero"`
	TargetUnitID       int64       `json:"target_unit_id,omitempty"` // forwarded to, urged, or advised to go to
	HandlingRef        string      `json:"handling_ref,omitempty"`   // number of the forwarding letter or acceptance decision
	AcceptedOn         civil.Date  `json:"accepted_on,omitzero"`
	LastUrgedOn        civil.Date  `json:"last_urged_on,omitzero"`
	LastReplyOn        civil.Date  `json:"last_reply_on,omitzero"`
	ResolvedOn         civil.Date  `json:"resolved_on,omitzero"`
	Outcome            Outcome     `json:"outcome,omitempty"`
	MoneyReturned      int64       `json:"money_returned"`   // đồng returned to the State or to citizens
	LandReturned       float64     `json:"land_returned"`    // m²
	PeopleProtected    int         `json:"people_protected"` // people whose rights were restored

	Deadlines   []Deadline `json:"deadlines"`
	NextDueOn   civil.Date `json:"next_due_on,omitzero"` // earliest open deadline
	NextDueStep Step       `json:"next_due_step,omitempty"`

	CreatedAt time.Time `json:"created_at"`
	CreatedBy int64     `json:"created_by,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int       `json:"version"`
}

// Deadline is the legal time limit of one step, with the rule version it
// was computed under.
type Deadline struct {
	Step       Step       `json:"step"`
	LimitCode  string     `json:"limit_code"`
	LimitFrom  civil.Date `json:"limit_from"` // EffectiveFrom of the limit version applied
	StartOn    civil.Date `json:"start_on"`
	Extensions int        `json:"extensions"`
	DueOn      civil.Date `json:"due_on"`
	ClosedOn   civil.Date `json:"closed_on,omitzero"`
	ClosedAs   string     `json:"closed_as,omitempty"` // "met" or "cancelled" (the step no longer applies)
}

// Deadline closings.
const (
	closedMet       = "met"
	closedCancelled = "cancelled"
)

// Open reports whether the step is still to be done.
func (d Deadline) Open() bool { return d.ClosedOn.IsZero() }

// Late reports whether the step was done after its due day, or is still
// open after it on today.
func (d Deadline) Late(today civil.Date) bool {
	if d.Open() {
		return today.After(d.DueOn)
	}
	return d.ClosedAs == closedMet && d.ClosedOn.After(d.DueOn)
}

// Sender is one sender's identity as entered. It is sealed on arrival and
// only ever returned by Reveal.
type Sender struct {
	Name           string `json:"name"`
	Address        string `json:"address"`
	Phone          string `json:"phone,omitempty"`
	IDNumber       string `json:"id_number,omitempty"`
	Note           string `json:"note,omitempty"` // handwriting, signature and other identifying remarks
	Representative bool   `json:"representative,omitempty"`
}

// MaskedSender is what lists, pages and exports show of a sender.
type MaskedSender struct {
	Position       int    `json:"position"`
	Label          string `json:"label"` // i18n key petitions.sender.masked
	Representative bool   `json:"representative"`
	HasAddress     bool   `json:"has_address"`
}

// Link is a relation to another petition.
type Link struct {
	OtherID      int64     `json:"other_id"`
	OtherRefCode string    `json:"other_ref_code"`
	Kind         LinkKind  `json:"kind"`
	Outgoing     bool      `json:"outgoing"` // this petition is the one that repeats / was split from the other
	Note         string    `json:"note,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
}

// Record is a petition with what its page shows beside it.
type Record struct {
	Petition
	Senders []MaskedSender `json:"senders"`
	Links   []Link         `json:"links"`
}
