package petitions

import (
	"errors"

	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Limit codes of internal/calendar/data/limits.json used here.
const (
	limitComplaintAccept       = "complaint.accept"
	limitComplaintFirst        = "complaint.first.resolve"
	limitComplaintFirstRemote  = "complaint.first.resolve_remote"
	limitComplaintSecond       = "complaint.second.resolve"
	limitComplaintSecondRemote = "complaint.second.resolve_remote"
	limitDenunciationInitial   = "denunciation.initial"
	limitDenunciationForward   = "denunciation.forward"
	limitDenunciationNotify    = "denunciation.notify_acceptance"
	limitDenunciationResolve   = "denunciation.resolve"
	limitPartyDenunciation     = "party.denunciation.provincial"
	limitPartySecretaryReply   = "party.secretary_reply"
)

// deadlineRule is one step's limit and what starts it.
type deadlineRule struct {
	step Step
	code string
}

// receiptRules are the steps that start when a petition of kind arrives: a
// complaint's acceptance decision (10 days), a denunciation's initial
// processing (7 working days) and, should it be outside jurisdiction, its
// forwarding (5 working days). A proposal has no statutory limit; a mixed
// petition gets its limits when it is split.
func receiptRules(k Kind) []deadlineRule {
	switch k {
	case Complaint:
		return []deadlineRule{{StepInitial, limitComplaintAccept}}
	case Denunciation:
		return []deadlineRule{{StepInitial, limitDenunciationInitial}, {StepForward, limitDenunciationForward}}
	}
	return nil
}

// acceptanceRules are the steps that start when a petition is accepted for
// resolution. A denunciation against a Party member or organisation follows
// the Party's procedure (provincial level); others the Law on Denunciation.
// A complaint's limit depends on the instance and on remote areas.
func acceptanceRules(p Petition, secondInstance, remote bool) []deadlineRule {
	switch p.Kind {
	case Denunciation:
		resolve := limitDenunciationResolve
		if p.SubjectPartyMember || p.SubjectPartyOrg {
			resolve = limitPartyDenunciation
		}
		return []deadlineRule{{StepNotifyAcceptance, limitDenunciationNotify}, {StepResolve, resolve}}
	case Complaint:
		code := limitComplaintFirst
		switch {
		case secondInstance && remote:
			code = limitComplaintSecondRemote
		case secondInstance:
			code = limitComplaintSecond
		case remote:
			code = limitComplaintFirstRemote
		}
		return []deadlineRule{{StepResolve, code}}
	}
	return nil
}

// deadlines computes the rules' due days from start. A limit not in force
// that day, or a year the calendar has no day-off data for, is a field error
// on field: a deadline is never guessed.
func (s *Service) deadlines(errs *validate.Errors, field string, rules []deadlineRule, start civil.Date) ([]Deadline, error) {
	var out []Deadline
	for _, r := range rules {
		l, err := s.lim.Find(r.code, start)
		if err != nil {
			if errors.Is(err, calendar.ErrUnknownLimit) {
				errs.Add(field, "petitions.error.no_limit", map[string]any{"code": r.code, "date": vntext.Date(start)})
				continue
			}
			return nil, err
		}
		d, err := s.due(errs, field, l, start, 0)
		if err != nil || d.IsZero() {
			return nil, err
		}
		out = append(out, Deadline{Step: r.step, LimitCode: l.Code, LimitFrom: l.EffectiveFrom, StartOn: start, DueOn: d})
	}
	return out, nil
}

// due is cal.Due with a missing calendar year turned into a field error
// (the zero date is returned then).
func (s *Service) due(errs *validate.Errors, field string, l calendar.Limit, start civil.Date, extensions int) (civil.Date, error) {
	d, err := s.cal.Due(l, start, extensions)
	var nodata *calendar.NoDataError
	if errors.As(err, &nodata) {
		errs.Add(field, "petitions.error.calendar_missing", map[string]any{"year": nodata.Year})
		return civil.Date{}, nil
	}
	return d, err
}

// extended returns deadline d with one more extension granted, under the
// same limit version it was set under.
func (s *Service) extended(errs *validate.Errors, d Deadline) (Deadline, error) {
	l, err := s.lim.Find(d.LimitCode, d.LimitFrom)
	if err != nil || l.EffectiveFrom != d.LimitFrom {
		errs.Add("step", "petitions.error.no_limit", map[string]any{"code": d.LimitCode, "date": vntext.Date(d.LimitFrom)})
		return d, nil
	}
	if d.Extensions >= len(l.Extensions) {
		errs.Add("step", "petitions.error.no_more_extensions", map[string]any{"max": len(l.Extensions)})
		return d, nil
	}
	due, err := s.due(errs, "step", l, d.StartOn, d.Extensions+1)
	if err != nil || due.IsZero() {
		return d, err
	}
	d.Extensions++
	d.DueOn = due
	return d, nil
}
