package petitions

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Service is the petitions module's API for pages, the JSON API, the command
// line and jobs. Every method takes the actor from ctx.
type Service struct {
	db   *store.DB
	cal  *calendar.Calendar
	lim  *calendar.Limits
	keys Keys
	// Today is the day against which "not in the future" is checked; tests
	// and the demo may set it.
	Today func() civil.Date
}

// New returns the service. cal and lim are the calendar and legal limits in
// force (the platform passes versions that include administrators' edits);
// keys seal and index senders' identities (zero Keys: read-only uses such
// as the report command, where creating or revealing fails with ErrNoKeys).
func New(db *store.DB, cal *calendar.Calendar, lim *calendar.Limits, keys Keys) *Service {
	return &Service{db: db, cal: cal, lim: lim, keys: keys, Today: civil.Today}
}

// Text length limits, in characters.
const (
	maxLine    = 500
	maxContent = 20000
)

// NewPetition is what the reception form enters.
type NewPetition struct {
	ReceivedOn   civil.Date `json:"received_on"`
	Channel      Channel    `json:"channel"`
	SourceUnitID int64      `json:"source_unit_id"` // required when forwarded by another body
	SourceRef    string     `json:"source_ref"`
	SessionID    int64      `json:"session_id"` // required when handed in at a reception session
	Signer       Signer     `json:"signer"`
	Senders      []Sender   `json:"senders"`
	Kind         Kind       `json:"kind"`
	Details
	AssignedTo int64 `json:"assigned_to"`
}

// Create records a received petition: its senders sealed, its first
// deadlines computed, all in one audited transaction.
func (s *Service) Create(ctx context.Context, in NewPetition) (Petition, error) {
	actor, err := access.Check(ctx, access.PetitionsWrite)
	if err != nil {
		return Petition{}, err
	}
	if !s.keys.loaded() {
		return Petition{}, ErrNoKeys
	}
	var p Petition
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var errs validate.Errors
		if err := s.validateNew(ctx, tx, actor, &in, &errs); err != nil {
			return err
		}
		var deadlines []Deadline
		if len(errs) == 0 {
			if deadlines, err = s.deadlines(&errs, "received_on", receiptRules(in.Kind), in.ReceivedOn); err != nil {
				return err
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		data := EventData{ReceivedOn: in.ReceivedOn, Channel: in.Channel, SourceUnitID: in.SourceUnitID,
			SourceRef: in.SourceRef, SessionID: in.SessionID, Signer: in.Signer, Kind: in.Kind,
			Details: &in.Details, AssignedTo: in.AssignedTo, Deadlines: deadlines}
		p, err = s.insertNew(ctx, tx, actor, data, in.Senders)
		return err
	})
	return p, err
}

// insertNew writes a new petition from its received event and its senders.
func (s *Service) insertNew(ctx context.Context, tx *sql.Tx, actor *access.Actor, data EventData, senders []Sender) (Petition, error) {
	data.SenderCount = 0
	data.SendersAddress = true
	for _, sd := range senders {
		if sd.Name != "" {
			data.SenderCount++
			data.SendersAddress = data.SendersAddress && sd.Address != ""
		}
	}
	data.SendersAddress = data.SendersAddress && data.SenderCount > 0
	sealed := make([]sealedSender, len(senders))
	for i, sd := range senders {
		uuid := newUUID()
		v, err := s.keys.sealSender(actor.OrgID, uuid, sd)
		if err != nil {
			return Petition{}, fmt.Errorf("seal sender: %w", err)
		}
		sealed[i] = sealedSender{Position: i + 1, UUID: uuid, Representative: sd.Representative,
			HasAddress: sd.Address != "", Sealed: v, BlindIndex: s.keys.blindIndex(sd.Name, sd.Address)}
	}
	now := store.Now()
	ref, err := nextRefCode(ctx, tx, actor.OrgID, data.ReceivedOn.Year)
	if err != nil {
		return Petition{}, err
	}
	ev := Event{Kind: EvReceived, EffectiveOn: data.ReceivedOn, RecordedAt: now, RecordedBy: actor.UserID, Data: data}
	base := Petition{OrgID: actor.OrgID, RefCode: ref, CreatedAt: now, CreatedBy: actor.UserID, UpdatedAt: now, Version: 1}
	p, err := project(base, []Event{ev})
	if err != nil {
		return p, err
	}
	if err := insertPetition(ctx, tx, &p); err != nil {
		return p, err
	}
	ev.PetitionID = p.ID
	if err := insertEvent(ctx, tx, p.OrgID, &ev); err != nil {
		return p, err
	}
	if err := saveDeadlines(ctx, tx, p.OrgID, p.ID, p.Deadlines); err != nil {
		return p, err
	}
	for _, sd := range sealed {
		if err := insertSender(ctx, tx, p.OrgID, p.ID, sd); err != nil {
			return p, err
		}
	}
	if err := putSearch(ctx, tx, p); err != nil {
		return p, err
	}
	_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "petition", EntityID: p.ID,
		Summary: fmt.Sprintf("petition %s received (%s)", p.RefCode, p.Kind), After: auditView(p)})
	return p, err
}

// validateNew cleans in and adds a field error for every problem.
func (s *Service) validateNew(ctx context.Context, q store.Querier, actor *access.Actor, in *NewPetition, errs *validate.Errors) error {
	in.SourceRef = vntext.Clean(in.SourceRef)
	errs.MaxLen("source_ref", in.SourceRef, maxLine)
	if !in.Channel.Valid() {
		errs.Add("channel", "error.invalid_choice", nil)
	}
	if in.Channel == AtSession {
		held, err := sessionHeldOn(ctx, q, actor.OrgID, in.SessionID, actor.Clearance)
		if err != nil {
			return err
		}
		switch {
		case held.IsZero():
			errs.Add("session_id", "petitions.error.session_required", nil)
		case in.ReceivedOn.IsZero():
			in.ReceivedOn = held
		}
	} else if in.SessionID != 0 {
		errs.Add("session_id", "petitions.error.session_only_at_session", nil)
	}
	s.checkDate(errs, "received_on", in.ReceivedOn, civil.Date{})
	if in.Channel == Forwarded && in.SourceUnitID == 0 {
		errs.Add("source_unit_id", "petitions.error.source_required", nil)
	}
	if err := checkUnit(ctx, q, errs, actor.OrgID, "source_unit_id", in.SourceUnitID); err != nil {
		return err
	}
	if !in.Kind.Valid() {
		errs.Add("kind", "error.invalid_choice", nil)
	}
	checkSenders(errs, in.Signer, in.Senders)
	if err := s.checkDetails(ctx, q, actor, &in.Details, errs); err != nil {
		return err
	}
	return checkAssignee(ctx, q, errs, actor.OrgID, in.AssignedTo, in.Classification)
}

// checkSenders cleans the senders and checks they agree with the signer
// type: one named sender; several named with one representative; an
// anonymous petition names nobody.
func checkSenders(errs *validate.Errors, signer Signer, senders []Sender) {
	if !signer.Valid() {
		errs.Add("signer", "error.invalid_choice", nil)
		return
	}
	named, reps := 0, 0
	for i := range senders {
		sd := &senders[i]
		sd.Name, sd.Address, sd.Phone = vntext.Clean(sd.Name), vntext.Clean(sd.Address), vntext.Clean(sd.Phone)
		sd.IDNumber, sd.Note = vntext.Clean(sd.IDNumber), vntext.CleanText(sd.Note)
		field := fmt.Sprintf("senders.%d", i)
		for _, v := range []string{sd.Name, sd.Address, sd.Phone, sd.IDNumber} {
			errs.MaxLen(field, v, maxLine)
		}
		errs.MaxLen(field, sd.Note, maxContent)
		if sd.Name != "" {
			named++
		}
		if sd.Representative {
			reps++
		}
	}
	switch {
	case signer == SignerOne && named != 1,
		signer == SignerSeveral && (named < 2 || reps != 1),
		signer == SignerAnonymous && named != 0,
		signer == SignerFalseName && named == 0:
		errs.Add("senders", "petitions.error.senders_"+string(signer), nil)
	}
}

// checkDetails cleans d and checks it.
func (s *Service) checkDetails(ctx context.Context, q store.Querier, actor *access.Actor, d *Details, errs *validate.Errors) error {
	d.Summary, d.Content = vntext.Clean(d.Summary), vntext.CleanText(d.Content)
	d.SubjectName, d.SubjectPosition = vntext.Clean(d.SubjectName), vntext.Clean(d.SubjectPosition)
	errs.Required("summary", d.Summary)
	errs.MaxLen("summary", d.Summary, maxLine)
	errs.MaxLen("content", d.Content, maxContent)
	errs.MaxLen("subject_name", d.SubjectName, maxLine)
	errs.MaxLen("subject_position", d.SubjectPosition, maxLine)
	if !d.Field.Valid() {
		errs.Add("field", "error.invalid_choice", nil)
	}
	if !d.Classification.Valid() {
		errs.Add("classification", "error.invalid_choice", nil)
	} else if !actor.Sees(d.Classification) {
		errs.Add("classification", "error.classification_above_clearance", nil)
	}
	return checkUnit(ctx, q, errs, actor.OrgID, "locality_unit_id", d.LocalityUnitID)
}

// checkDate requires d, not in the future and not before notBefore.
func (s *Service) checkDate(errs *validate.Errors, field string, d, notBefore civil.Date) {
	switch {
	case d.IsZero():
		errs.Add(field, "error.required", nil)
	case d.After(s.Today()):
		errs.Add(field, "petitions.error.future_date", nil)
	case !notBefore.IsZero() && d.Before(notBefore):
		errs.Add(field, "error.date_order", map[string]any{"other": vntext.Date(notBefore)})
	}
}

func checkUnit(ctx context.Context, q store.Querier, errs *validate.Errors, orgID int64, field string, id int64) error {
	if id == 0 {
		return nil
	}
	ok, err := unitIn(ctx, q, orgID, id)
	if err == nil && !ok {
		errs.Add(field, "error.not_found", nil)
	}
	return err
}

// checkAssignee requires userID to be a specialist or leader of org whose
// clearance covers the record's classification.
func checkAssignee(ctx context.Context, q store.Querier, errs *validate.Errors, orgID, userID int64, c access.Classification) error {
	if userID == 0 {
		return nil
	}
	clearance, ok, err := staffClearance(ctx, q, orgID, userID)
	switch {
	case err != nil:
		return err
	case !ok:
		errs.Add("assigned_to", "petitions.error.not_staff", nil)
	case clearance < c:
		errs.Add("assigned_to", "petitions.error.assignee_clearance", nil)
	}
	return nil
}

// decideFunc validates a command against the petition as it stands and
// returns the events that record it (kind, effective day and payload).
type decideFunc func(tx *sql.Tx, actor *access.Actor, p Petition, errs *validate.Errors) ([]Event, error)

// change runs one command on petition id in a transaction: the petition as
// the actor may see it, checked against the version they read (0: an
// additive command that cannot conflict), decided, its events appended, its
// state derived again from the whole history and saved, and the change
// audited. Field errors leave the database untouched.
func (s *Service) change(ctx context.Context, perm access.Permission, id int64, version int, decide decideFunc) (Petition, error) {
	actor, err := access.Check(ctx, perm)
	if err != nil {
		return Petition{}, err
	}
	var next Petition
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		row, err := getPetition(ctx, tx, actor.OrgID, id, actor.Clearance)
		if err != nil {
			return err
		}
		if version != 0 && row.Version != version {
			return store.ErrConflict
		}
		history, err := eventsOf(ctx, tx, id)
		if err != nil {
			return err
		}
		cur, err := project(row, history)
		if err != nil {
			return err
		}
		var errs validate.Errors
		events, err := decide(tx, actor, cur, &errs)
		if err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		now := store.Now()
		for i := range events {
			events[i].PetitionID, events[i].RecordedAt, events[i].RecordedBy = id, now, actor.UserID
			if err := insertEvent(ctx, tx, actor.OrgID, &events[i]); err != nil {
				return err
			}
		}
		if next, err = project(row, append(history, events...)); err != nil {
			return err
		}
		next.UpdatedAt = now
		if err := updatePetition(ctx, tx, next, row.Version); err != nil {
			return err
		}
		next.Version = row.Version + 1
		if err := saveDeadlines(ctx, tx, next.OrgID, id, next.Deadlines); err != nil {
			return err
		}
		if err := putSearch(ctx, tx, next); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: "petition." + string(events[0].Kind), Entity: "petition",
			EntityID: id, Summary: fmt.Sprintf("petition %s: %s", next.RefCode, events[0].Kind),
			Before: auditView(cur), After: auditView(next)})
		return err
	})
	return next, err
}

// Update edits a petition's descriptive fields.
func (s *Service) Update(ctx context.Context, id int64, version int, d Details) (Petition, error) {
	return s.change(ctx, access.PetitionsWrite, id, version, func(tx *sql.Tx, actor *access.Actor, p Petition, errs *validate.Errors) ([]Event, error) {
		if err := s.checkDetails(ctx, tx, actor, &d, errs); err != nil {
			return nil, err
		}
		if err := checkAssignee(ctx, tx, errs, actor.OrgID, p.AssignedTo, d.Classification); err != nil {
			return nil, err
		}
		return []Event{{Kind: EvUpdated, EffectiveOn: s.Today(), Data: EventData{Details: &d}}}, nil
	})
}

// Assign gives the petition to a specialist or leader of the organisation.
func (s *Service) Assign(ctx context.Context, id int64, version int, userID int64) (Petition, error) {
	return s.change(ctx, access.PetitionsWrite, id, version, func(tx *sql.Tx, actor *access.Actor, p Petition, errs *validate.Errors) ([]Event, error) {
		if userID == 0 {
			errs.Add("assigned_to", "error.required", nil)
		}
		if err := checkAssignee(ctx, tx, errs, actor.OrgID, userID, p.Classification); err != nil {
			return nil, err
		}
		return []Event{{Kind: EvAssigned, EffectiveOn: s.Today(), Data: EventData{AssignedTo: userID}}}, nil
	})
}

// Get returns one petition with its masked senders and its links.
func (s *Service) Get(ctx context.Context, id int64) (Record, error) {
	actor, err := access.Check(ctx, access.PetitionsRead)
	if err != nil {
		return Record{}, err
	}
	var r Record
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		if r.Petition, err = getPetition(ctx, tx, actor.OrgID, id, actor.Clearance); err != nil {
			return err
		}
		senders, err := sendersOf(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, sd := range senders {
			r.Senders = append(r.Senders, MaskedSender{Position: sd.Position, Label: MaskedSenderLabel,
				Representative: sd.Representative, HasAddress: sd.HasAddress})
		}
		r.Links, err = linksOf(ctx, tx, actor.OrgID, id, actor.Clearance)
		return err
	})
	return r, err
}

// History returns the petition's events, oldest first.
func (s *Service) History(ctx context.Context, id int64) ([]Event, error) {
	actor, err := access.Check(ctx, access.PetitionsRead)
	if err != nil {
		return nil, err
	}
	var out []Event
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		if _, err := getPetition(ctx, tx, actor.OrgID, id, actor.Clearance); err != nil {
			return err
		}
		out, err = eventsOf(ctx, tx, id)
		return err
	})
	return out, err
}

// MaskedSenderLabel is the i18n key every list, page and export shows in
// place of a sender ("Người gửi (được bảo vệ)"). Not even initials are
// shown: in a commune, initials and a matter are often enough to identify
// a denouncer.
const MaskedSenderLabel = "petitions.sender.masked"

// auditView is the petition as the audit log records it: every structured
// field, but free text only as a fingerprint, because the audit log is read
// by administrators whose clearance may be below the petition's. The
// history (petition_events) keeps the text under the clearance rule.
func auditView(p Petition) map[string]any {
	fp := func(s string) string {
		if s == "" {
			return ""
		}
		sum := sha256.Sum256([]byte(s))
		return fmt.Sprintf("sha256:%s (%d chars)", hex.EncodeToString(sum[:8]), len([]rune(s)))
	}
	return map[string]any{
		"ref_code": p.RefCode, "received_on": p.ReceivedOn, "channel": p.Channel, "signer": p.Signer,
		"sender_count": p.SenderCount, "kind": p.Kind, "field": p.Field, "classification": p.Classification,
		"summary": fp(p.Summary), "content": fp(p.Content), "subject": fp(p.SubjectName + " " + p.SubjectPosition),
		"subject_party_member": p.SubjectPartyMember, "locality_unit_id": p.LocalityUnitID,
		"complex_prolonged": p.ComplexProlonged, "repeated": p.Repeated, "assigned_to": p.AssignedTo,
		"status": p.Status, "processed_on": p.ProcessedOn, "eligible": p.Eligible, "filed_reason": p.FiledReason,
		"handling": p.Handling, "target_unit_id": p.TargetUnitID, "handling_ref": p.HandlingRef,
		"accepted_on": p.AcceptedOn, "resolved_on": p.ResolvedOn, "outcome": p.Outcome,
		"money_returned": p.MoneyReturned, "land_returned": p.LandReturned, "people_protected": p.PeopleProtected,
		"deadlines": p.Deadlines,
	}
}
