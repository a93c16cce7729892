package petitions

import (
	"context"
	"database/sql"
	"slices"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Decision is the processing of a received petition (xử lý đơn): filed
// away with a reason, or eligible and then accepted for resolution (within
// the Committee's jurisdiction), advised, forwarded to the competent body,
// or sent to urge the body already handling the matter.
type Decision struct {
	On          civil.Date  `json:"on"`
	Eligible    bool        `json:"eligible"`
	FiledReason FiledReason `json:"filed_reason"` // when not eligible
	Handling    Handling    `json:"handling"`     // when eligible
	UnitID      int64       `json:"unit_id"`      // forwarded or urged: the body (required); advised: where to go
	Ref         string      `json:"ref"`          // number of the forwarding letter or acceptance decision
	Note        string      `json:"note"`
	// For an accepted complaint: second instance, remote area (longer limits).
	SecondInstance bool `json:"second_instance"`
	Remote         bool `json:"remote"`
}

// Process records the processing decision and closes or starts the steps
// it affects.
func (s *Service) Process(ctx context.Context, id int64, version int, in Decision) (Petition, error) {
	return s.change(ctx, access.PetitionsWrite, id, version, func(tx *sql.Tx, actor *access.Actor, p Petition, errs *validate.Errors) ([]Event, error) {
		in.Ref, in.Note = vntext.Clean(in.Ref), vntext.CleanText(in.Note)
		errs.MaxLen("ref", in.Ref, maxLine)
		errs.MaxLen("note", in.Note, maxContent)
		switch {
		case p.Status != StatusReceived:
			errs.Add("", "petitions.error.already_processed", nil)
			return nil, nil
		case p.Kind == Mixed:
			errs.Add("kind", "petitions.error.mixed_not_split", nil)
			return nil, nil
		}
		s.checkDate(errs, "on", in.On, p.ReceivedOn)
		data := EventData{Eligible: in.Eligible, Note: in.Note, Ref: in.Ref}
		if !in.Eligible {
			if !in.FiledReason.Valid() {
				errs.Add("filed_reason", "error.required", nil)
			} else if in.FiledReason == "other" {
				errs.Required("note", in.Note)
			}
			data.FiledReason = in.FiledReason
			data.Close = closeAll(p, closedMet, StepInitial)
			return []Event{{Kind: EvProcessed, EffectiveOn: in.On, Data: data}}, nil
		}
		if !in.Handling.Valid() {
			errs.Add("handling", "error.required", nil)
			return nil, nil
		}
		if (in.Handling == HandleForwarded || in.Handling == HandleUrged) && in.UnitID == 0 {
			errs.Add("unit_id", "petitions.error.target_required", nil)
		}
		if err := checkUnit(ctx, tx, errs, actor.OrgID, "unit_id", in.UnitID); err != nil {
			return nil, err
		}
		data.Handling, data.UnitID = in.Handling, in.UnitID
		data.Close = []Closing{{StepInitial, closedMet}, {StepForward, closedCancelled}}
		if in.Handling == HandleForwarded {
			data.Close[1].As = closedMet
		}
		if in.Handling == HandleAccepted {
			checkAcceptable(errs, p)
			if len(*errs) > 0 {
				return nil, nil
			}
			var err error
			data.Deadlines, err = s.deadlines(errs, "on", acceptanceRules(p, in.SecondInstance, in.Remote), in.On)
			if err != nil {
				return nil, err
			}
		}
		return []Event{{Kind: EvProcessed, EffectiveOn: in.On, Data: data}}, nil
	})
}

// checkAcceptable refuses to accept for resolution what the law does not
// let one resolve as a denunciation: an anonymous one, one under a false
// name, one without the denouncer's address, one signed by several people
// (Luật Tố cáo 2018, Điều 25; the Party's rules on jointly signed letters).
// Such a letter may still be kept as information or forwarded for an
// inspection, never accepted.
func checkAcceptable(errs *validate.Errors, p Petition) {
	if p.Kind != Denunciation {
		return
	}
	switch {
	case p.Signer == SignerAnonymous:
		errs.Add("signer", "petitions.error.anonymous_denunciation", nil)
	case p.Signer == SignerFalseName:
		errs.Add("signer", "petitions.error.false_name_denunciation", nil)
	case p.Signer == SignerSeveral:
		errs.Add("signer", "petitions.error.jointly_signed_denunciation", nil)
	case !p.SendersAddress:
		errs.Add("senders", "petitions.error.no_address_denunciation", nil)
	}
}

// closeAll closes every open deadline of p: as for the steps named, cancelled for the others.
func closeAll(p Petition, as string, steps ...Step) []Closing {
	var out []Closing
	for _, d := range p.Deadlines {
		if d.Open() {
			c := Closing{Step: d.Step, As: closedCancelled}
			if slices.Contains(steps, d.Step) {
				c.As = as
			}
			out = append(out, c)
		}
	}
	return out
}

// NotifyAcceptance records that the denouncer was notified of the
// acceptance (closing that step).
func (s *Service) NotifyAcceptance(ctx context.Context, id int64, version int, on civil.Date) (Petition, error) {
	return s.change(ctx, access.PetitionsWrite, id, version, func(tx *sql.Tx, actor *access.Actor, p Petition, errs *validate.Errors) ([]Event, error) {
		if !hasOpen(p, StepNotifyAcceptance) {
			errs.Add("", "petitions.error.step_not_open", map[string]any{"step": string(StepNotifyAcceptance)})
			return nil, nil
		}
		s.checkDate(errs, "on", on, p.AcceptedOn)
		return []Event{{Kind: EvAcceptanceNotified, EffectiveOn: on,
			Data: EventData{Close: []Closing{{StepNotifyAcceptance, closedMet}}}}}, nil
	})
}

func hasOpen(p Petition, step Step) bool {
	return slices.ContainsFunc(p.Deadlines, func(d Deadline) bool { return d.Step == step && d.Open() })
}

// Extension is a decision extending a step's time limit (gia hạn).
type Extension struct {
	Step        Step       `json:"step"`
	DecisionRef string     `json:"decision_ref"`
	DecisionOn  civil.Date `json:"decision_on"`
}

// Extend grants the next lawful extension of an open step, recomputing its
// due day under the limit version it was set under.
func (s *Service) Extend(ctx context.Context, id int64, version int, in Extension) (Petition, error) {
	return s.change(ctx, access.PetitionsWrite, id, version, func(tx *sql.Tx, actor *access.Actor, p Petition, errs *validate.Errors) ([]Event, error) {
		in.DecisionRef = vntext.Clean(in.DecisionRef)
		errs.Required("decision_ref", in.DecisionRef)
		errs.MaxLen("decision_ref", in.DecisionRef, maxLine)
		i := slices.IndexFunc(p.Deadlines, func(d Deadline) bool { return d.Step == in.Step && d.Open() })
		if i < 0 {
			errs.Add("step", "petitions.error.step_not_open", map[string]any{"step": string(in.Step)})
			return nil, nil
		}
		s.checkDate(errs, "decision_on", in.DecisionOn, p.Deadlines[i].StartOn)
		d, err := s.extended(errs, p.Deadlines[i])
		if err != nil {
			return nil, err
		}
		return []Event{{Kind: EvExtended, EffectiveOn: in.DecisionOn,
			Data: EventData{Ref: in.DecisionRef, Deadlines: []Deadline{d}}}}, nil
	})
}

// Urge is a written or spoken push to the body handling a forwarded petition.
type Urge struct {
	On     civil.Date `json:"on"`
	UnitID int64      `json:"unit_id"` // 0: the body it was forwarded to
	Ref    string     `json:"ref"`
	Note   string     `json:"note"`
}

// RecordUrge records an urging of the body a followed petition is with.
func (s *Service) RecordUrge(ctx context.Context, id int64, version int, in Urge) (Petition, error) {
	return s.change(ctx, access.PetitionsWrite, id, version, func(tx *sql.Tx, actor *access.Actor, p Petition, errs *validate.Errors) ([]Event, error) {
		if p.Status != StatusForwarded && p.Status != StatusUrged {
			errs.Add("", "petitions.error.not_with_a_body", nil)
			return nil, nil
		}
		in.Ref, in.Note = vntext.Clean(in.Ref), vntext.CleanText(in.Note)
		errs.MaxLen("ref", in.Ref, maxLine)
		errs.MaxLen("note", in.Note, maxContent)
		if in.UnitID == 0 {
			in.UnitID = p.TargetUnitID
		}
		if err := checkUnit(ctx, tx, errs, actor.OrgID, "unit_id", in.UnitID); err != nil {
			return nil, err
		}
		s.checkDate(errs, "on", in.On, p.HandledOn)
		return []Event{{Kind: EvUrged, EffectiveOn: in.On, Data: EventData{UnitID: in.UnitID, Ref: in.Ref, Note: in.Note}}}, nil
	})
}

// Result is how a petition was resolved.
type Result struct {
	Outcome         Outcome `json:"outcome"` // complaints and denunciations
	MoneyReturned   int64   `json:"money_returned"`
	LandReturned    float64 `json:"land_returned"`
	PeopleProtected int     `json:"people_protected"`
}

func checkResult(errs *validate.Errors, k Kind, r Result) {
	if !r.Outcome.validFor(k) {
		errs.Add("outcome", "petitions.error.outcome_for_kind", map[string]any{"kind": string(k)})
	}
	if r.MoneyReturned < 0 {
		errs.Add("money_returned", "error.negative", nil)
	}
	if r.LandReturned < 0 {
		errs.Add("land_returned", "error.negative", nil)
	}
	if r.PeopleProtected < 0 {
		errs.Add("people_protected", "error.negative", nil)
	}
}

// Reply is the answer of the body a petition was forwarded to.
type Reply struct {
	On      civil.Date `json:"on"`
	UnitID  int64      `json:"unit_id"` // 0: the body it was forwarded to
	Ref     string     `json:"ref"`
	Summary string     `json:"summary"`
	// Resolved: the body reports the matter resolved, with the result.
	Resolved bool `json:"resolved"`
	Result
}

// RecordReply records a reply from the body a petition was forwarded to; a
// reply that reports the matter resolved resolves the petition.
func (s *Service) RecordReply(ctx context.Context, id int64, version int, in Reply) (Petition, error) {
	return s.change(ctx, access.PetitionsWrite, id, version, func(tx *sql.Tx, actor *access.Actor, p Petition, errs *validate.Errors) ([]Event, error) {
		if p.Status != StatusForwarded && p.Status != StatusUrged {
			errs.Add("", "petitions.error.not_with_a_body", nil)
			return nil, nil
		}
		in.Ref, in.Summary = vntext.Clean(in.Ref), vntext.CleanText(in.Summary)
		errs.MaxLen("ref", in.Ref, maxLine)
		errs.MaxLen("summary", in.Summary, maxContent)
		if in.UnitID == 0 {
			in.UnitID = p.TargetUnitID
		}
		if err := checkUnit(ctx, tx, errs, actor.OrgID, "unit_id", in.UnitID); err != nil {
			return nil, err
		}
		s.checkDate(errs, "on", in.On, p.HandledOn)
		data := EventData{UnitID: in.UnitID, Ref: in.Ref, Note: in.Summary, Resolved: in.Resolved}
		if in.Resolved {
			checkResult(errs, p.Kind, in.Result)
			data.setResult(in.Result)
			data.Close = closeAll(p, closedMet, StepResolve)
		}
		return []Event{{Kind: EvReplyReceived, EffectiveOn: in.On, Data: data}}, nil
	})
}

// Resolution is the conclusion on a petition accepted within jurisdiction.
type Resolution struct {
	On  civil.Date `json:"on"`
	Ref string     `json:"ref"` // the conclusion or decision
	Result
}

// Resolve concludes an accepted petition.
func (s *Service) Resolve(ctx context.Context, id int64, version int, in Resolution) (Petition, error) {
	return s.change(ctx, access.PetitionsWrite, id, version, func(tx *sql.Tx, actor *access.Actor, p Petition, errs *validate.Errors) ([]Event, error) {
		if p.Status != StatusAccepted {
			errs.Add("", "petitions.error.not_accepted", nil)
			return nil, nil
		}
		in.Ref = vntext.Clean(in.Ref)
		errs.MaxLen("ref", in.Ref, maxLine)
		s.checkDate(errs, "on", in.On, p.AcceptedOn)
		checkResult(errs, p.Kind, in.Result)
		data := EventData{Ref: in.Ref, Close: closeAll(p, closedMet, StepResolve)}
		data.setResult(in.Result)
		return []Event{{Kind: EvResolved, EffectiveOn: in.On, Data: data}}, nil
	})
}
