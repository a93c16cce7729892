package caldata

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// extField names a field of the i-th extension (from 1) in errors.
func extField(i int, field string) string { return fmt.Sprintf("ext%d_%s", i, field) }

// cleanLimit normalises what was typed.
func cleanLimit(in *LimitInput) {
	in.Code = vntext.Clean(in.Code)
	in.Name, in.NameEN = vntext.Clean(in.Name), vntext.Clean(in.NameEN)
	in.Start, in.StartEN = vntext.Clean(in.Start), vntext.Clean(in.StartEN)
	in.Source, in.Note = vntext.Clean(in.Source), vntext.CleanText(in.Note)
	for i := range in.Extensions {
		in.Extensions[i].Condition = vntext.Clean(in.Extensions[i].Condition)
		in.Extensions[i].ConditionEN = vntext.Clean(in.Extensions[i].ConditionEN)
	}
}

func validUnit(u calendar.Unit) bool {
	return u == calendar.CalendarDays || u == calendar.WorkingDays || u == calendar.Months
}

// checkDuration checks a duration typed as two fields.
func checkDuration(errs *validate.Errors, nField, unitField string, d calendar.Duration) {
	if d.N <= 0 || d.N > maxCount {
		errs.Add(nField, "calendar.error.count_positive", map[string]any{"max": maxCount})
	}
	if !validUnit(d.Unit) {
		errs.Add(unitField, "error.invalid_choice", nil)
	}
}

// validateLimit checks a new version on its own, field by field.
func validateLimit(in LimitInput) validate.Errors {
	var errs validate.Errors
	switch {
	case in.Code == "":
		errs.Add("code", "error.required", nil)
	case len(in.Code) > 64 || !codePattern.MatchString(in.Code):
		errs.Add("code", "calendar.error.invalid_code", nil)
	}
	for _, f := range []struct{ name, value string }{{"name", in.Name}, {"name_en", in.NameEN}, {"source", in.Source}} {
		errs.Required(f.name, f.value)
	}
	for _, f := range []struct{ name, value string }{{"name", in.Name}, {"name_en", in.NameEN}, {"start", in.Start},
		{"start_en", in.StartEN}, {"source", in.Source}} {
		errs.MaxLen(f.name, f.value, maxText)
	}
	errs.MaxLen("note", in.Note, 4000)
	if in.EffectiveFrom.IsZero() {
		errs.Add("effective_from", "error.required", nil)
	}
	if !in.EffectiveTo.IsZero() && !in.EffectiveFrom.IsZero() && in.EffectiveTo.Before(in.EffectiveFrom) {
		errs.Add("effective_to", "calendar.error.to_before_from", nil)
	}
	checkDuration(&errs, "base_n", "base_unit", in.Base)
	if len(in.Extensions) > MaxExtensions {
		errs.Add("", "calendar.error.too_many_extensions", map[string]any{"max": MaxExtensions})
		return errs
	}
	totalOnly := false
	for k, e := range in.Extensions {
		i := k + 1
		hasDur, hasMax := e.Duration != (calendar.Duration{}), e.MaxTotal != (calendar.Duration{})
		if !hasDur && !hasMax {
			errs.Add(extField(i, "n"), "calendar.error.extension_empty", nil)
		}
		if hasDur {
			checkDuration(&errs, extField(i, "n"), extField(i, "unit"), e.Duration)
		}
		if hasMax {
			checkDuration(&errs, extField(i, "max_n"), extField(i, "max_unit"), e.MaxTotal)
		}
		errs.Required(extField(i, "condition"), e.Condition)
		errs.Required(extField(i, "condition_en"), e.ConditionEN)
		errs.MaxLen(extField(i, "condition"), e.Condition, maxText)
		errs.MaxLen(extField(i, "condition_en"), e.ConditionEN, maxText)
		if totalOnly && !hasMax {
			errs.Add(extField(i, "max_n"), "calendar.error.extension_needs_max", nil)
		}
		totalOnly = totalOnly || !hasDur
		// When every part is in the maximum's unit the parts must add up to it.
		if hasMax && validUnit(e.MaxTotal.Unit) {
			sum, same := in.Base.N, in.Base.Unit == e.MaxTotal.Unit
			for _, p := range in.Extensions[:i] {
				same = same && p.Duration.Unit == e.MaxTotal.Unit
				sum += p.Duration.N
			}
			if same && sum != e.MaxTotal.N {
				errs.Add(extField(i, "max_n"), "calendar.error.max_total_sum", map[string]any{"sum": sum, "max": e.MaxTotal.N})
			}
		}
	}
	return errs
}

// AddLimitVersion records a new version of a legal time limit from its
// effective date (or the first version of a new code). The version in force
// before it is closed on the day before, never edited; a record judged
// under the old version keeps it (calendar.Limits.Version finds it).
func (s *Service) AddLimitVersion(ctx context.Context, in LimitInput) (LimitVersion, error) {
	if _, err := access.Check(ctx, access.SettingsAdmin); err != nil {
		return LimitVersion{}, err
	}
	cleanLimit(&in)
	if errs := validateLimit(in); len(errs) > 0 {
		return LimitVersion{}, errs
	}
	l := calendar.Limit{Code: in.Code, Name: in.Name, NameEN: in.NameEN, Start: in.Start, StartEN: in.StartEN, Base: in.Base,
		Extensions: slices.Clone(in.Extensions), Source: in.Source, Unverified: in.Unverified, Note: in.Note,
		EffectiveFrom: in.EffectiveFrom, EffectiveTo: in.EffectiveTo}
	if err := l.Validate(); err != nil {
		return LimitVersion{}, validate.Errors{{Key: "calendar.error.limit_invalid", Params: map[string]any{"detail": err.Error()}}}
	}
	v := LimitVersion{Limit: l, Origin: OriginAdmin}
	err := s.write(ctx, func(tx *sql.Tx) (audit.Event, error) {
		versions, err := readLimits(ctx, tx, in.Code)
		if err != nil {
			return audit.Event{}, err
		}
		if len(versions) == 0 {
			// First write for this code: keep its shipped versions first.
			for _, sv := range s.src.shippedVersions(in.Code) {
				id, err := insertLimit(ctx, tx, sv, OriginShipped)
				if _, dup := validate.As(err); dup {
					return audit.Event{}, store.ErrConflict // another administrator copied them first
				}
				if err != nil {
					return audit.Event{}, err
				}
				versions = append(versions, LimitVersion{Limit: sv, ID: id, Origin: OriginShipped})
			}
		}
		var closed *LimitVersion
		if n := len(versions); n > 0 {
			last := versions[n-1]
			switch {
			case !l.EffectiveFrom.After(last.EffectiveFrom):
				return audit.Event{}, validate.Errors{{Field: "effective_from", Key: "calendar.error.not_after_latest",
					Params: map[string]any{"date": vntext.Date(last.EffectiveFrom)}}}
			case !last.EffectiveTo.IsZero() && !last.EffectiveTo.Before(l.EffectiveFrom):
				return audit.Event{}, validate.Errors{{Field: "effective_from", Key: "calendar.error.after_closed",
					Params: map[string]any{"date": vntext.Date(last.EffectiveTo)}}}
			case last.EffectiveTo.IsZero():
				if err := closeLimit(ctx, tx, last.ID, l.EffectiveFrom.AddDays(-1)); err != nil {
					return audit.Event{}, err
				}
				last.EffectiveTo = l.EffectiveFrom.AddDays(-1)
				closed = &last
			}
		}
		if v.ID, err = insertLimit(ctx, tx, l, OriginAdmin); err != nil {
			return audit.Event{}, err
		}
		summary := fmt.Sprintf("Thêm phiên bản thời hạn %s từ %s", l.Code, vntext.Date(l.EffectiveFrom))
		var before any
		if closed != nil {
			summary += fmt.Sprintf("; phiên bản từ %s kết thúc ngày %s", vntext.Date(closed.EffectiveFrom), vntext.Date(closed.EffectiveTo))
			before = closed.Limit
		}
		return audit.Event{Action: audit.Create, Entity: "calendar_limit", EntityID: l.Code + "@" + l.EffectiveFrom.String(),
			Summary: summary, Before: before, After: l}, nil
	})
	if err != nil {
		return LimitVersion{}, err
	}
	_, v.CreatedBy = actorOf(ctx)
	v.InForce = inForce(l, civil.Today())
	return v, nil
}
