package petitions

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/validate"
)

// A denunciation from receipt to resolution: each step's deadline comes from
// the versioned limit through the calendar (Tết 2026 is skipped), an
// extension by decision moves the resolution deadline, and the stored state
// is exactly the replay of the history.
func TestDenunciationLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := as(w.spec)
		p := mustCreate(t, w, w.denunciation("2026-02-10"))
		if p.RefCode != "2026-00001" || p.Status != StatusReceived || p.SenderCount != 1 || !p.SendersAddress {
			t.Fatalf("created: %+v", p)
		}
		// 7 and 5 working days from Tue 10/2/2026, Tết off Sat 14/2 – Sun 22/2.
		checkDeadline(t, deadlineOf(t, p, StepInitial), "denunciation.initial", "2019-01-01", "2026-02-26")
		checkDeadline(t, deadlineOf(t, p, StepForward), "denunciation.forward", "2019-01-01", "2026-02-24")
		if p.NextDueOn != date("2026-02-24") || p.NextDueStep != StepForward {
			t.Errorf("next due %s %s", p.NextDueOn, p.NextDueStep)
		}

		p, err := w.svc.Process(ctx, p.ID, p.Version, Decision{On: date("2026-02-25"), Eligible: true,
			Handling: HandleAccepted, Ref: "15-QĐ/BNCTU"})
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != StatusAccepted || !p.WithinJurisdiction || p.AcceptedOn != date("2026-02-25") {
			t.Fatalf("processed: %+v", p)
		}
		if d := deadlineOf(t, p, StepInitial); d.ClosedAs != "met" || d.ClosedOn != date("2026-02-25") || d.Late(w.today) {
			t.Errorf("initial closed on time: %+v", d)
		}
		if d := deadlineOf(t, p, StepForward); d.ClosedAs != "cancelled" {
			t.Errorf("forward should be cancelled within jurisdiction: %+v", d)
		}
		checkDeadline(t, deadlineOf(t, p, StepNotifyAcceptance), "denunciation.notify_acceptance", "2019-01-01", "2026-03-04")
		checkDeadline(t, deadlineOf(t, p, StepResolve), "denunciation.resolve", "2019-01-01", "2026-03-27")

		p, err = w.svc.NotifyAcceptance(ctx, p.ID, p.Version, date("2026-03-02"))
		if err != nil {
			t.Fatal(err)
		}
		p, err = w.svc.Extend(ctx, p.ID, p.Version, Extension{Step: StepResolve, DecisionRef: "20-QĐ/BNCTU", DecisionOn: date("2026-03-10")})
		if err != nil {
			t.Fatal(err)
		}
		// First extension: at most 60 days in all from acceptance, 26/4/2026
		// a Sunday and Giỗ Tổ's make-up day after it.
		if d := deadlineOf(t, p, StepResolve); d.Extensions != 1 || d.DueOn != date("2026-04-28") {
			t.Errorf("extended: %+v", d)
		}
		p, err = w.svc.Resolve(ctx, p.ID, p.Version, Resolution{On: date("2026-03-13"), Ref: "KL 03",
			Result: Result{Outcome: OutcomePartlyRight, MoneyReturned: 15_000_000, PeopleProtected: 1}})
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != StatusResolved || p.Outcome != OutcomePartlyRight || p.MoneyReturned != 15_000_000 || !p.NextDueOn.IsZero() {
			t.Fatalf("resolved: %+v", p)
		}
		if p.Version != 5 {
			t.Errorf("version %d after four changes", p.Version)
		}
		assertReplayMatches(t, w, p.ID)

		hist, err := w.svc.History(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, e := range hist {
			kinds = append(kinds, string(e.Kind))
		}
		if got := strings.Join(kinds, ","); got != "received,processed,acceptance_notified,extended,resolved" {
			t.Errorf("history %s", got)
		}
	})
}

func checkDeadline(t *testing.T, d Deadline, code, from, due string) {
	t.Helper()
	if d.LimitCode != code || d.LimitFrom != date(from) || d.DueOn != date(due) || !d.Open() {
		t.Errorf("deadline %s: got %s (from %s) due %s, want %s (from %s) due %s",
			d.Step, d.LimitCode, d.LimitFrom, d.DueOn, code, from, due)
	}
}

// assertReplayMatches checks that the stored current state equals the
// replay of the stored history.
func assertReplayMatches(t *testing.T, w *world, id int64) {
	t.Helper()
	row, err := getPetition(as(w.leader), w.db.Read(), w.org.ID, id, access.MostSecret)
	if err != nil {
		t.Fatal(err)
	}
	events, err := eventsOf(as(w.leader), w.db.Read(), id)
	if err != nil {
		t.Fatal(err)
	}
	replayed, err := project(row, events)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(replayed, row) {
		t.Errorf("stored state differs from the replayed history:\nstored   %+v\nreplayed %+v", row, replayed)
	}
}

func fieldErr(t *testing.T, err error, field, key string) validate.FieldError {
	t.Helper()
	errs, ok := validate.As(err)
	if !ok {
		t.Fatalf("want field error %s %s, got %v", field, key, err)
	}
	for _, fe := range errs {
		if fe.Field == field && fe.Key == key {
			return fe
		}
	}
	t.Fatalf("want field error %s %s, got %+v", field, key, errs)
	return validate.FieldError{}
}

func isErr(t *testing.T, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("want %v, got %v", want, err)
	}
}
