package petitions

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Visit is one visit (lượt) at a reception session: a citizen or a group
// on one matter. A group of CrowdSize or more is a crowd delegation, counted
// among the visits and its members among the people.
type Visit struct {
	Kind       Kind   `json:"kind"` // complaint, denunciation or proposal
	People     int    `json:"people"`
	Summary    string `json:"summary"`
	PetitionID int64  `json:"petition_id,omitempty"` // the petition the matter was recorded as
}

// SessionInput is what the session form enters.
type SessionInput struct {
	HeldOn         civil.Date            `json:"held_on"`
	HostRole       HostRole              `json:"host_role"`
	HostName       string                `json:"host_name"`
	Place          string                `json:"place"`
	Kind           SessionKind           `json:"kind"`
	FollowUp       string                `json:"follow_up"` // what was concluded and who must act
	Classification access.Classification `json:"classification"`
	AssignedTo     int64                 `json:"assigned_to"` // the specialist who prepares the answers
	Visits         []Visit               `json:"visits"`
}

// Session is a reception session (kỳ tiếp công dân) with its figures,
// derived from its visits, and the written answer owed (party.secretary_reply).
type Session struct {
	ID    int64 `json:"id"`
	OrgID int64 `json:"org_id"`
	SessionInput
	VisitCount          int        `json:"visit_count"`
	People              int        `json:"people"`
	CrowdDelegations    int        `json:"crowd_delegations"`
	MattersComplaint    int        `json:"matters_complaint"`
	MattersDenunciation int        `json:"matters_denunciation"`
	MattersProposal     int        `json:"matters_proposal"`
	Reply               Deadline   `json:"reply"`
	RepliedOn           civil.Date `json:"replied_on,omitzero"`
	CreatedAt           time.Time  `json:"created_at"`
	UpdatedAt           time.Time  `json:"updated_at"`
	Version             int        `json:"version"`
}

// StepSecretaryReply is the written answer to the citizens received.
const StepSecretaryReply Step = "secretary_reply"

// derive computes the session's figures from its visits.
func (ss *Session) derive() {
	ss.VisitCount, ss.People, ss.CrowdDelegations = len(ss.Visits), 0, 0
	ss.MattersComplaint, ss.MattersDenunciation, ss.MattersProposal = 0, 0, 0
	for _, v := range ss.Visits {
		ss.People += v.People
		if v.People >= CrowdSize {
			ss.CrowdDelegations++
		}
		switch v.Kind {
		case Complaint:
			ss.MattersComplaint++
		case Denunciation:
			ss.MattersDenunciation++
		case Proposal:
			ss.MattersProposal++
		}
	}
}

// RecordSession records a reception session and starts its answer deadline.
func (s *Service) RecordSession(ctx context.Context, in SessionInput) (Session, error) {
	actor, err := access.Check(ctx, access.PetitionsWrite)
	if err != nil {
		return Session{}, err
	}
	var ss Session
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var errs validate.Errors
		reply, err := s.checkSession(ctx, tx, actor, &in, &errs)
		if err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		now := store.Now()
		ss = Session{OrgID: actor.OrgID, SessionInput: in, Reply: reply, CreatedAt: now, UpdatedAt: now, Version: 1}
		ss.derive()
		if err := insertSession(ctx, tx, &ss, actor.UserID); err != nil {
			return err
		}
		return s.sessionWritten(ctx, tx, actor, "recorded", ss.HeldOn, nil, ss)
	})
	return ss, err
}

// UpdateSession replaces a session's fields and visits, checked against the
// version read. A new date recomputes the answer deadline.
func (s *Service) UpdateSession(ctx context.Context, id int64, version int, in SessionInput) (Session, error) {
	return s.changeSession(ctx, id, version, func(tx *sql.Tx, actor *access.Actor, ss *Session, errs *validate.Errors) (string, civil.Date, error) {
		reply, err := s.checkSession(ctx, tx, actor, &in, errs)
		if err != nil {
			return "", civil.Date{}, err
		}
		if in.HeldOn == ss.HeldOn {
			reply = ss.Reply
		}
		ss.SessionInput, ss.Reply = in, reply
		ss.derive()
		return "updated", s.Today(), nil
	})
}

// MarkSessionReplied records that the written answers were sent.
func (s *Service) MarkSessionReplied(ctx context.Context, id int64, version int, on civil.Date) (Session, error) {
	return s.changeSession(ctx, id, version, func(tx *sql.Tx, actor *access.Actor, ss *Session, errs *validate.Errors) (string, civil.Date, error) {
		s.checkDate(errs, "replied_on", on, ss.HeldOn)
		ss.RepliedOn = on
		ss.Reply.ClosedOn, ss.Reply.ClosedAs = on, closedMet
		return "replied", on, nil
	})
}

func (s *Service) changeSession(ctx context.Context, id int64, version int,
	edit func(tx *sql.Tx, actor *access.Actor, ss *Session, errs *validate.Errors) (string, civil.Date, error)) (Session, error) {
	actor, err := access.Check(ctx, access.PetitionsWrite)
	if err != nil {
		return Session{}, err
	}
	var ss Session
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getSession(ctx, tx, actor.OrgID, id, actor.Clearance)
		if err != nil {
			return err
		}
		if before.Version != version {
			return store.ErrConflict
		}
		ss = before
		ss.Visits = append([]Visit(nil), before.Visits...)
		var errs validate.Errors
		kind, on, err := edit(tx, actor, &ss, &errs)
		if err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		ss.UpdatedAt = store.Now()
		if err := updateSession(ctx, tx, ss, version); err != nil {
			return err
		}
		ss.Version = version + 1
		return s.sessionWritten(ctx, tx, actor, kind, on, &before, ss)
	})
	return ss, err
}

// sessionWritten appends the session's history entry and audits the write.
func (s *Service) sessionWritten(ctx context.Context, tx *sql.Tx, actor *access.Actor, kind string, on civil.Date, before *Session, after Session) error {
	if err := insertSessionEvent(ctx, tx, after, kind, on, actor.UserID); err != nil {
		return err
	}
	ev := audit.Event{Action: "reception_session." + kind, Entity: "reception_session", EntityID: after.ID,
		Summary: fmt.Sprintf("reception session of %s: %s", after.HeldOn, kind), After: sessionAuditView(after)}
	if before != nil {
		ev.Before = sessionAuditView(*before)
	}
	_, err := audit.Record(ctx, tx, ev)
	return err
}

// sessionAuditView leaves the matters' text out of the audit log, as for petitions.
func sessionAuditView(ss Session) map[string]any {
	return map[string]any{"held_on": ss.HeldOn, "host_role": ss.HostRole, "kind": ss.Kind,
		"classification": ss.Classification, "visits": ss.VisitCount, "people": ss.People,
		"crowd_delegations": ss.CrowdDelegations, "reply_due_on": ss.Reply.DueOn, "replied_on": ss.RepliedOn}
}

// checkSession cleans and checks in and computes the answer deadline.
func (s *Service) checkSession(ctx context.Context, q store.Querier, actor *access.Actor, in *SessionInput, errs *validate.Errors) (Deadline, error) {
	in.HostName, in.Place, in.FollowUp = vntext.Clean(in.HostName), vntext.Clean(in.Place), vntext.CleanText(in.FollowUp)
	errs.MaxLen("host_name", in.HostName, maxLine)
	errs.MaxLen("place", in.Place, maxLine)
	errs.MaxLen("follow_up", in.FollowUp, maxContent)
	s.checkDate(errs, "held_on", in.HeldOn, civil.Date{})
	if !in.HostRole.Valid() {
		errs.Add("host_role", "error.invalid_choice", nil)
	}
	if !in.Kind.Valid() {
		errs.Add("kind", "error.invalid_choice", nil)
	}
	if !in.Classification.Valid() {
		errs.Add("classification", "error.invalid_choice", nil)
	} else if !actor.Sees(in.Classification) {
		errs.Add("classification", "error.classification_above_clearance", nil)
	}
	if err := checkAssignee(ctx, q, errs, actor.OrgID, in.AssignedTo, in.Classification); err != nil {
		return Deadline{}, err
	}
	for i := range in.Visits {
		v := &in.Visits[i]
		field := fmt.Sprintf("visits.%d", i)
		v.Summary = vntext.Clean(v.Summary)
		errs.Required(field+".summary", v.Summary)
		errs.MaxLen(field+".summary", v.Summary, maxLine)
		if v.Kind == Mixed || !v.Kind.Valid() {
			errs.Add(field+".kind", "error.invalid_choice", nil)
		}
		if v.People < 1 {
			errs.Add(field+".people", "petitions.error.people_positive", nil)
		}
		if v.PetitionID != 0 {
			if _, err := getPetition(ctx, q, actor.OrgID, v.PetitionID, actor.Clearance); err == store.ErrNotFound {
				errs.Add(field+".petition_id", "error.not_found", nil)
			} else if err != nil {
				return Deadline{}, err
			}
		}
	}
	if in.HeldOn.IsZero() || len(*errs) > 0 {
		return Deadline{}, nil
	}
	ds, err := s.deadlines(errs, "held_on", []deadlineRule{{StepSecretaryReply, limitPartySecretaryReply}}, in.HeldOn)
	if err != nil || len(ds) == 0 {
		return Deadline{}, err
	}
	return ds[0], nil
}

// GetSession returns one session with its visits.
func (s *Service) GetSession(ctx context.Context, id int64) (Session, error) {
	actor, err := access.Check(ctx, access.PetitionsRead)
	if err != nil {
		return Session{}, err
	}
	var ss Session
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		ss, err = getSession(ctx, tx, actor.OrgID, id, actor.Clearance)
		return err
	})
	return ss, err
}

// SessionFilter selects sessions.
type SessionFilter struct {
	From     civil.Date `json:"from,omitzero"` // held on or after
	To       civil.Date `json:"to,omitzero"`   // held on or before
	HostRole HostRole   `json:"host_role,omitempty"`
	IDs      []int64    `json:"ids,omitempty"` // drill-down
	Page     int        `json:"page,omitempty"`
	PerPage  int        `json:"per_page,omitempty"`
}

// SessionPage is one page of sessions (without their visits) and the total.
type SessionPage struct {
	Items   []Session `json:"items"`
	Total   int       `json:"total"`
	Page    int       `json:"page"`
	PerPage int       `json:"per_page"`
}

// ListSessions returns the sessions matching f, newest first.
func (s *Service) ListSessions(ctx context.Context, f SessionFilter) (SessionPage, error) {
	actor, err := access.Check(ctx, access.PetitionsRead)
	if err != nil {
		return SessionPage{}, err
	}
	f.PerPage = min(max(f.PerPage, 0), 500)
	if f.PerPage == 0 {
		f.PerPage = 50
	}
	f.Page = max(f.Page, 1)
	page := SessionPage{Page: f.Page, PerPage: f.PerPage, Items: []Session{}}
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		page.Items, page.Total, err = listSessions(ctx, tx, s.db.Engine(), actor, f)
		return err
	})
	return page, err
}

// sessionHeldOn returns the day a visible session was held, or the zero
// date when there is no such session.
func sessionHeldOn(ctx context.Context, q store.Querier, orgID, id int64, clearance access.Classification) (civil.Date, error) {
	if id == 0 {
		return civil.Date{}, nil
	}
	ss, err := getSession(ctx, q, orgID, id, clearance)
	if err == store.ErrNotFound {
		return civil.Date{}, nil
	}
	return ss.HeldOn, err
}
