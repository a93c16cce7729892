package petitions

import (
	"fmt"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// Every refused command gives a clear error and changes nothing at all.
func TestRefusalsChangeNothing(t *testing.T) {
	type op func(t *testing.T, w *world) func() error
	processed := func(t *testing.T, w *world, in NewPetition, d Decision) Petition {
		t.Helper()
		p := mustCreate(t, w, in)
		p, err := w.svc.Process(as(w.spec), p.ID, p.Version, d)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	accept := Decision{On: date("2026-03-10"), Eligible: true, Handling: HandleAccepted}
	cases := []struct {
		name   string
		setup  op
		field  string // "" with key "": a plain error
		key    string
		err    error
		params map[string]any
	}{
		{"anonymous denunciation accepted", func(t *testing.T, w *world) func() error {
			in := w.denunciation("2026-03-02")
			in.Signer, in.Senders = SignerAnonymous, nil
			p := mustCreate(t, w, in)
			return func() error { _, err := w.svc.Process(as(w.spec), p.ID, p.Version, accept); return err }
		}, "signer", "petitions.error.anonymous_denunciation", nil, nil},
		{"false-name denunciation accepted", func(t *testing.T, w *world) func() error {
			in := w.denunciation("2026-03-02")
			in.Signer = SignerFalseName
			p := mustCreate(t, w, in)
			return func() error { _, err := w.svc.Process(as(w.spec), p.ID, p.Version, accept); return err }
		}, "signer", "petitions.error.false_name_denunciation", nil, nil},
		{"jointly signed denunciation accepted", func(t *testing.T, w *world) func() error {
			in := w.denunciation("2026-03-02")
			in.Signer = SignerSeveral
			in.Senders = append(in.Senders, Sender{Name: "Vi Thị Mai", Address: "Thôn Nà Lầu", Representative: true})
			p := mustCreate(t, w, in)
			return func() error { _, err := w.svc.Process(as(w.spec), p.ID, p.Version, accept); return err }
		}, "signer", "petitions.error.jointly_signed_denunciation", nil, nil},
		{"denunciation without address accepted", func(t *testing.T, w *world) func() error {
			in := w.denunciation("2026-03-02")
			in.Senders[0].Address = ""
			p := mustCreate(t, w, in)
			return func() error { _, err := w.svc.Process(as(w.spec), p.ID, p.Version, accept); return err }
		}, "senders", "petitions.error.no_address_denunciation", nil, nil},
		{"forwarded without a target body", func(t *testing.T, w *world) func() error {
			p := mustCreate(t, w, w.complaint("2026-03-02"))
			return func() error {
				_, err := w.svc.Process(as(w.spec), p.ID, p.Version, Decision{On: date("2026-03-05"), Eligible: true, Handling: HandleForwarded})
				return err
			}
		}, "unit_id", "petitions.error.target_required", nil, nil},
		{"forwarded to another organisation's body", func(t *testing.T, w *world) func() error {
			p := mustCreate(t, w, w.complaint("2026-03-02"))
			return func() error {
				_, err := w.svc.Process(as(w.spec), p.ID, p.Version, Decision{On: date("2026-03-05"), Eligible: true,
					Handling: HandleForwarded, UnitID: w.otherOrgU})
				return err
			}
		}, "unit_id", "error.not_found", nil, nil},
		{"reply dated before the forwarding", func(t *testing.T, w *world) func() error {
			p := processed(t, w, w.complaint("2026-03-02"), Decision{On: date("2026-03-05"), Eligible: true,
				Handling: HandleForwarded, UnitID: w.ppc})
			return func() error {
				_, err := w.svc.RecordReply(as(w.spec), p.ID, p.Version, Reply{On: date("2026-03-04"), Ref: "120/UBND-TD"})
				return err
			}
		}, "on", "error.date_order", nil, nil},
		{"processed before it was received", func(t *testing.T, w *world) func() error {
			p := mustCreate(t, w, w.complaint("2026-03-02"))
			return func() error {
				_, err := w.svc.Process(as(w.spec), p.ID, p.Version, Decision{On: date("2026-03-01"), Eligible: false, FiledReason: "duplicate"})
				return err
			}
		}, "on", "error.date_order", nil, nil},
		{"deadline in a year without calendar data", func(t *testing.T, w *world) func() error {
			w.svc.cal = calendarUntil2020(t)
			in := w.denunciation("2020-12-28")
			return func() error { _, err := w.svc.Create(as(w.spec), in); return err }
		}, "received_on", "petitions.error.calendar_missing", nil, map[string]any{"year": 2021}},
		{"received in the future", func(t *testing.T, w *world) func() error {
			in := w.complaint("2026-03-17")
			return func() error { _, err := w.svc.Create(as(w.spec), in); return err }
		}, "received_on", "petitions.error.future_date", nil, nil},
		{"classification above the author's clearance", func(t *testing.T, w *world) func() error {
			in := w.denunciation("2026-03-02")
			in.AssignedTo = 0
			return func() error { _, err := w.svc.Create(as(w.spec2), in); return err }
		}, "classification", "error.classification_above_clearance", nil, nil},
		{"assigned to someone without clearance", func(t *testing.T, w *world) func() error {
			in := w.denunciation("2026-03-02")
			in.AssignedTo = w.spec2.UserID
			return func() error { _, err := w.svc.Create(as(w.spec), in); return err }
		}, "assigned_to", "petitions.error.assignee_clearance", nil, nil},
		{"one signer, two names", func(t *testing.T, w *world) func() error {
			in := w.complaint("2026-03-02")
			in.Senders = append(in.Senders, Sender{Name: "Lương Văn Tiến"})
			return func() error { _, err := w.svc.Create(as(w.spec), in); return err }
		}, "senders", "petitions.error.senders_one", nil, nil},
		{"forwarded by nobody", func(t *testing.T, w *world) func() error {
			in := w.complaint("2026-03-02")
			in.Channel = Forwarded
			return func() error { _, err := w.svc.Create(as(w.spec), in); return err }
		}, "source_unit_id", "petitions.error.source_required", nil, nil},
		{"mixed petition processed before split", func(t *testing.T, w *world) func() error {
			in := w.complaint("2026-03-02")
			in.Kind = Mixed
			p := mustCreate(t, w, in)
			return func() error { _, err := w.svc.Process(as(w.spec), p.ID, p.Version, accept); return err }
		}, "kind", "petitions.error.mixed_not_split", nil, nil},
		{"complaint found groundless", func(t *testing.T, w *world) func() error {
			p := processed(t, w, w.complaint("2026-03-02"), accept)
			return func() error {
				_, err := w.svc.Resolve(as(w.spec), p.ID, p.Version, Resolution{On: date("2026-03-12"), Result: Result{Outcome: OutcomeGroundless}})
				return err
			}
		}, "outcome", "petitions.error.outcome_for_kind", nil, nil},
		{"extension the limit does not allow", func(t *testing.T, w *world) func() error {
			p := mustCreate(t, w, w.complaint("2026-03-02"))
			return func() error {
				_, err := w.svc.Extend(as(w.spec), p.ID, p.Version, Extension{Step: StepInitial, DecisionRef: "5/QĐ", DecisionOn: date("2026-03-05")})
				return err
			}
		}, "step", "petitions.error.no_more_extensions", nil, nil},
		{"edit based on an old version", func(t *testing.T, w *world) func() error {
			p := mustCreate(t, w, w.complaint("2026-03-02"))
			if _, err := w.svc.Assign(as(w.spec), p.ID, p.Version, w.leader.UserID); err != nil {
				t.Fatal(err)
			}
			return func() error { _, err := w.svc.Update(as(w.spec), p.ID, p.Version, p.Details); return err }
		}, "", "", store.ErrConflict, nil},
		{"a viewer writes", func(t *testing.T, w *world) func() error {
			in := w.complaint("2026-03-02")
			return func() error { _, err := w.svc.Create(as(w.viewer), in); return err }
		}, "", "", access.ErrForbidden, nil},
		{"a secret petition read without clearance", func(t *testing.T, w *world) func() error {
			p := mustCreate(t, w, w.denunciation("2026-03-02"))
			return func() error { _, err := w.svc.Process(as(w.spec2), p.ID, p.Version, accept); return err }
		}, "", "", store.ErrNotFound, nil},
	}
	forEachEngine(t, func(t *testing.T, open func(t *testing.T) *store.DB) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				w := newWorld(t, open(t))
				run := tc.setup(t, w)
				before := storetest.Dump(t, w.db)
				err := run()
				if tc.err != nil {
					isErr(t, err, tc.err)
				} else if fe := fieldErr(t, err, tc.field, tc.key); tc.params != nil && fmt.Sprint(fe.Params) != fmt.Sprint(tc.params) {
					t.Errorf("params %v, want %v", fe.Params, tc.params)
				}
				if after := storetest.Dump(t, w.db); after != before {
					t.Errorf("a refused command changed the database")
				}
			})
		}
	})
}

// forEachEngine runs fn on each engine with a way to open fresh databases
// of it, for tests whose cases each need an empty database.
func forEachEngine(t *testing.T, fn func(t *testing.T, open func(t *testing.T) *store.DB)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, func(t *testing.T) *store.DB { return storetest.SQLite(t) }) })
	t.Run("postgres", func(t *testing.T) {
		storetest.PostgresConfig(t) // skips (or fails when required) without a server
		fn(t, func(t *testing.T) *store.DB { return storetest.Postgres(t) })
	})
}

// calendarUntil2020 is a calendar built from the 2012 Labour Code's rules
// only: it has no day-off data after 2020.
func calendarUntil2020(t *testing.T) *calendar.Calendar {
	t.Helper()
	rules, err := calendar.EmbeddedRules()
	if err != nil {
		t.Fatal(err)
	}
	rules.Laws = rules.Laws[:1]
	if rules.Laws[0].EffectiveTo != civil.MustParse("2020-12-31") {
		t.Fatalf("expected the 2012 code to end in 2020: %+v", rules.Laws[0].EffectiveTo)
	}
	cal, err := calendar.New(rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	return cal
}
