package units

import (
	"database/sql"
	"errors"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// Every refusal is a field error with its i18n key, and leaves the
// database exactly as it was.
func TestRefusalsChangeNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e, _ := loadDemo(t, db)
		bloc := e.unit(t, blocCode)
		tu := e.unit(t, "provincial-committee")
		caoLang := e.unit(t, caoLangBlocCode)
		bnctu := e.unit(t, "bnctu")
		somebody, err := e.svc.CreatePerson(e.ctx, PersonInput{FullName: "Nguyễn Văn Bình"})
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name  string
			do    func() error
			field string
			key   string
		}{
			{"a cycle in the tree", func() error {
				_, err := e.svc.RecordEvent(e.ctx, tu.ID, tu.Version, EventInput{Kind: Moved, EffectiveOn: d("2000-01-01"), ParentID: bloc.ID})
				return err
			}, "parent_id", "units.error.cycle_on"},
			{"a unit under itself", func() error {
				_, err := e.svc.RecordEvent(e.ctx, bloc.ID, bloc.Version, EventInput{Kind: Moved, EffectiveOn: d("2000-01-01"), ParentID: bloc.ID})
				return err
			}, "parent_id", "units.error.cycle"},
			{"two holders of a single-holder post", func() error {
				_, err := e.svc.AddPosition(e.ctx, PositionInput{PersonID: somebody.ID, UnitID: bloc.ID, Title: Secretary,
					From: d("2016-01-01"), To: d("2016-12-31")})
				return err
			}, "from", "units.error.holder_overlap"},
			{"a term starting before the unit existed", func() error {
				_, err := e.svc.AddPosition(e.ctx, PositionInput{PersonID: somebody.ID, UnitID: bloc.ID, Title: Secretary,
					From: d("1950-01-01"), To: d("1955-05-25")})
				return err
			}, "from", "units.error.unit_not_alive"},
			{"a term overlapping the next holder's first day", func() error {
				_, err := e.svc.AddPosition(e.ctx, PositionInput{PersonID: somebody.ID, UnitID: bloc.ID, Title: Secretary,
					From: d("1955-01-01"), To: d("1955-05-25")})
				return err
			}, "from", "units.error.holder_overlap"},
			{"an event dated outside the unit's life", func() error {
				_, err := e.svc.RecordEvent(e.ctx, bloc.ID, bloc.Version, EventInput{Kind: Renamed, EffectiveOn: d("1980-01-01"), Name: "X"})
				return err
			}, "effective_on", "units.error.event_outside_life"},
			{"an event before the unit existed", func() error {
				_, err := e.svc.RecordEvent(e.ctx, bloc.ID, bloc.Version, EventInput{Kind: Renamed, EffectiveOn: d("1950-01-01"), Name: "X"})
				return err
			}, "effective_on", "units.error.event_outside_life"},
			{"merging into a dissolved unit", func() error {
				_, err := e.svc.RecordEvent(e.ctx, bloc.ID, bloc.Version, EventInput{Kind: MergedInto, EffectiveOn: d("1990-01-01"),
					RelatedUnitID: caoLang.ID})
				return err
			}, "related_unit_id", "units.error.merge_into_dissolved"},
			{"valid_to before valid_from", func() error {
				_, err := e.svc.Create(e.ctx, UnitInput{Code: "x", Kind: KindDepartment, Name: "Phòng X", ValidFrom: d("2020-01-01"), ValidTo: d("2019-12-31")})
				return err
			}, "valid_to", "error.date_order"},
			{"an unknown parent", func() error {
				_, err := e.svc.Create(e.ctx, UnitInput{Code: "x", Kind: KindDepartment, Name: "Phòng X", ParentID: 999999})
				return err
			}, "parent_id", "units.error.unknown_parent"},
			{"a parent of another organisation", func() error {
				other := fixture.Org(t, db, "CBG")
				u := fixture.Unit(t, db, other.ID, "somewhere", "department", "Phòng khác", civil.Date{}, civil.Date{})
				_, err := e.svc.Create(e.ctx, UnitInput{Code: "x", Kind: KindDepartment, Name: "Phòng X", ParentID: u})
				return err
			}, "parent_id", "units.error.unknown_parent"},
			{"a duplicate code", func() error {
				_, err := e.svc.Create(e.ctx, UnitInput{Code: "bnctu", Kind: KindDepartment, Name: "Phòng X"})
				return err
			}, "code", "units.error.duplicate_code"},
			{"a parent that did not exist then", func() error {
				_, err := e.svc.Create(e.ctx, UnitInput{Code: "x", Kind: KindDepartment, Name: "Phòng X", ParentID: bnctu.ID, ValidFrom: d("2010-01-01")})
				return err
			}, "parent_id", "units.error.parent_not_alive"},
			{"a second establishment", func() error {
				_, err := e.svc.RecordEvent(e.ctx, bloc.ID, bloc.Version, EventInput{Kind: Established, EffectiveOn: d("1990-01-01"),
					Name: "X", UnitKind: KindPartyOrganization})
				return err
			}, "kind", "units.error.already_alive"},
			{"a re-establishment of a living unit", func() error {
				_, err := e.svc.RecordEvent(e.ctx, bloc.ID, bloc.Version, EventInput{Kind: ReEstablished, EffectiveOn: d("1990-01-01")})
				return err
			}, "kind", "units.error.already_alive"},
			{"a bad code", func() error {
				_, err := e.svc.Create(e.ctx, UnitInput{Code: "Phòng X", Kind: KindDepartment, Name: "Phòng X"})
				return err
			}, "code", "units.error.invalid_code"},
			{"a position in a unit that no longer exists", func() error {
				_, err := e.svc.AddPosition(e.ctx, PositionInput{PersonID: somebody.ID, UnitID: caoLang.ID, Title: Member, From: d("1980-01-01")})
				return err
			}, "from", "units.error.unit_not_alive"},
			{"a term ending before it starts", func() error {
				_, err := e.svc.AddPosition(e.ctx, PositionInput{PersonID: somebody.ID, UnitID: bloc.ID, Title: Member, From: d("2020-01-01"), To: d("2019-01-01")})
				return err
			}, "to", "error.date_order"},
			{"a standing board larger than the committee", func() error {
				_, err := e.svc.AddCongress(e.ctx, CongressInput{UnitID: bloc.ID, Kind: ByCongress, Number: "XV", From: d("2025-08-01"), ExecutiveSize: 5, StandingSize: 9})
				return err
			}, "standing_size", "units.error.standing_larger"},
			{"two chairs of a steering committee", func() error {
				_, err := e.svc.AddSteeringMember(e.ctx, SteeringInput{CommitteeID: e.unit(t, "steering-anticorruption").ID, Role: SeatChair, PersonID: somebody.ID})
				return err
			}, "role", "units.error.role_overlap"},
			{"a steering seat in a unit that is not a steering committee", func() error {
				_, err := e.svc.AddSteeringMember(e.ctx, SteeringInput{CommitteeID: bnctu.ID, Role: SeatMember, PersonID: somebody.ID})
				return err
			}, "committee_id", "units.error.not_steering_committee"},
			{"a standing agency that is a person", func() error {
				_, err := e.svc.AddSteeringMember(e.ctx, SteeringInput{CommitteeID: e.unit(t, "steering-138").ID, Role: StandingAgency, PersonID: somebody.ID})
				return err
			}, "role", "units.error.agency_role"},
			{"an assignment of a user of another organisation", func() error {
				other := fixture.User(t, db, fixture.Org(t, db, "HNI"), "outsider", access.Specialist, access.Normal)
				_, err := e.svc.Assign(e.ctx, AssignmentInput{UserID: other.UserID, UnitID: bnctu.ID, Role: Follows, From: d("2020-01-01")})
				return err
			}, "user_id", "units.error.unknown_user"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				// Fixtures a case creates (another organisation) are not the refusal's doing.
				before := storetest.Dump(t, db)
				err := tc.do()
				if got := fieldKey(err, tc.field); got != tc.key {
					t.Fatalf("%s: %q, want %q (error: %v)", tc.field, got, tc.key, err)
				}
				if after := storetest.Dump(t, db); after != before && !createsFixtures(tc.name) {
					t.Error("the refused operation changed the database")
				}
			})
		}
	})
}

func createsFixtures(name string) bool {
	return name == "a parent of another organisation" || name == "an assignment of a user of another organisation"
}

func TestConflictsAndCorrections(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		u := e.create(t, UnitInput{Code: "dept", Kind: KindDepartment, Name: "Phòng Tổng hợpp", ValidFrom: d("2013-06-01")})
		// Two people edit the same unit: the second gets a conflict.
		if _, err := e.svc.Update(e.ctx, u.ID, u.Version, UnitEdit{Code: "dept", Note: "first"}); err != nil {
			t.Fatal(err)
		}
		before := storetest.Dump(t, db)
		if _, err := e.svc.Update(e.ctx, u.ID, u.Version, UnitEdit{Code: "dept", Note: "second"}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale update: %v", err)
		}
		if storetest.Dump(t, db) != before {
			t.Error("a conflict changed the database")
		}
		// A typo in the name is corrected by an event naming the establishment.
		h, _ := e.svc.History(e.ctx, u.ID)
		cur, _ := e.svc.Get(e.ctx, u.ID)
		est := h.Events[0]
		fix, err := e.svc.RecordEvent(e.ctx, u.ID, cur.Version, EventInput{Kind: Established, EffectiveOn: est.EffectiveOn,
			Name: "Phòng Tổng hợp", UnitKind: KindDepartment, CorrectsID: est.ID, Note: "Sửa lỗi chính tả"})
		if err != nil {
			t.Fatal(err)
		}
		cur, _ = e.svc.Get(e.ctx, u.ID)
		if cur.Name != "Phòng Tổng hợp" {
			t.Errorf("corrected name: %q", cur.Name)
		}
		h, _ = e.svc.History(e.ctx, u.ID)
		if len(h.Events) != 2 || !h.Events[0].Superseded || h.Events[1].Superseded || h.Events[1].ID != fix.ID {
			t.Errorf("history after correction: %+v", h.Events)
		}
		// The corrected event cannot be corrected again; correct the correction.
		if _, err := e.svc.RecordEvent(e.ctx, u.ID, cur.Version, EventInput{Kind: Established, EffectiveOn: est.EffectiveOn,
			Name: "Y", UnitKind: KindDepartment, CorrectsID: est.ID}); fieldKey(err, "corrects_id") != "units.error.already_corrected" {
			t.Errorf("second correction of the same event: %v", err)
		}
		// A dissolution recorded by mistake is withdrawn.
		ev, err := e.svc.RecordEvent(e.ctx, u.ID, cur.Version, EventInput{Kind: Dissolved, EffectiveOn: d("2020-01-01")})
		if err != nil {
			t.Fatal(err)
		}
		cur, _ = e.svc.Get(e.ctx, u.ID)
		if cur.ValidTo != d("2019-12-31") {
			t.Errorf("valid to after dissolution: %s", cur.ValidTo)
		}
		if _, err := e.svc.RecordEvent(e.ctx, u.ID, cur.Version, EventInput{Kind: Cancelled, CorrectsID: ev.ID, Note: "Ghi nhầm"}); err != nil {
			t.Fatal(err)
		}
		cur, _ = e.svc.Get(e.ctx, u.ID)
		if !cur.ValidTo.IsZero() {
			t.Errorf("valid to after cancellation: %s", cur.ValidTo)
		}
		// Events are append-only in the database itself.
		if _, err := db.Read().Exec(`SELECT 1`); err != nil {
			t.Fatal(err)
		}
		err = db.Tx(e.sys, func(tx *sql.Tx) error {
			_, err := tx.Exec(`UPDATE unit_events SET note = 'x' WHERE id = $1`, ev.ID)
			return err
		})
		if err == nil {
			t.Error("an event was updated")
		}
		err = db.Tx(e.sys, func(tx *sql.Tx) error {
			_, err := tx.Exec(`DELETE FROM unit_events WHERE id = $1`, ev.ID)
			return err
		})
		if err == nil {
			t.Error("an event was deleted")
		}
		// Positions, people, assignments, seats and congresses have versions too.
		p, _ := e.svc.CreatePerson(e.ctx, PersonInput{FullName: "Lê Văn A"})
		if _, err := e.svc.UpdatePerson(e.ctx, p.ID, p.Version, PersonInput{FullName: "Lê Văn Á"}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.UpdatePerson(e.ctx, p.ID, p.Version, PersonInput{FullName: "Lê Văn B"}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale person update: %v", err)
		}
		pos, err := e.svc.AddPosition(e.ctx, PositionInput{PersonID: p.ID, UnitID: u.ID, Title: Head, From: d("2014-01-01")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.EndPosition(e.ctx, pos.ID, pos.Version, d("2018-12-31"), Day, Retired, Decision{}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.EndPosition(e.ctx, pos.ID, pos.Version, d("2018-12-31"), Day, Retired, Decision{}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale position end: %v", err)
		}
	})
}

func TestPermissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		u := e.create(t, UnitInput{Code: "dept", Kind: KindDepartment, Name: "Phòng A"})
		viewer := fixture.Ctx(fixture.User(t, db, e.o, "thuongvu", access.Viewer, access.Secret))
		clerk := fixture.Ctx(fixture.User(t, db, e.o, "vanthu.tamthanh", access.Clerk, access.Normal))
		before := storetest.Dump(t, db)
		if _, err := e.svc.Create(viewer, UnitInput{Code: "x", Kind: KindDepartment, Name: "X"}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("viewer create: %v", err)
		}
		if _, err := e.svc.Get(viewer, u.ID); err != nil {
			t.Errorf("viewer read: %v", err)
		}
		if _, err := e.svc.Get(clerk, u.ID); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("clerk read: %v", err)
		}
		if _, err := e.svc.AddSuccessor(e.ctx, SuccessorInput{UnitID: u.ID, SuccessorID: u.ID}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("a specialist edited the reference mapping: %v", err)
		}
		if storetest.Dump(t, db) != before {
			t.Error("refused writes changed the database")
		}
		if _, err := e.svc.Get(t.Context(), u.ID); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("anonymous read: %v", err)
		}
		// Another organisation's specialist does not see this one's units.
		other := fixture.Org(t, db, "CBG")
		outsider := fixture.Ctx(fixture.User(t, db, other, "cv.caobang", access.Specialist, access.Secret))
		if _, err := e.svc.Get(outsider, u.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("other organisation read: %v", err)
		}
		if page, _ := e.svc.List(outsider, Filter{}); page.Total != 0 {
			t.Errorf("other organisation lists %d units", page.Total)
		}
		if _, err := e.svc.RecordEvent(outsider, u.ID, u.Version, EventInput{Kind: Renamed, EffectiveOn: d("2020-01-01"), Name: "X"}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("other organisation write: %v", err)
		}
	})
}

func TestDeletes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		u := e.create(t, UnitInput{Code: "bnctu", Kind: KindAdvisoryBoard, Name: "Ban Nội chính Tỉnh ủy", ValidFrom: d("2013-06-01")})
		p, _ := e.svc.CreatePerson(e.ctx, PersonInput{FullName: "Lê Văn A"})
		c, err := e.svc.AddCongress(e.ctx, CongressInput{UnitID: u.ID, Kind: ByDesignation, From: d("2013-06-01")})
		if err != nil {
			t.Fatal(err)
		}
		pos, err := e.svc.AddPosition(e.ctx, PositionInput{PersonID: p.ID, UnitID: u.ID, Title: Head, From: d("2013-06-01"), CongressID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		before := storetest.Dump(t, db)
		if err := e.svc.DeletePerson(e.ctx, p.ID, p.Version); fieldKey(err, "") != "units.error.in_use" {
			t.Errorf("delete a person with a term: %v", err)
		}
		if err := e.svc.DeleteCongress(e.ctx, c.ID, c.Version); fieldKey(err, "") != "units.error.in_use" {
			t.Errorf("delete a congress with a term: %v", err)
		}
		if err := e.svc.DeletePosition(e.ctx, pos.ID, pos.Version+1); !errors.Is(err, store.ErrConflict) {
			t.Errorf("delete with a stale version: %v", err)
		}
		if storetest.Dump(t, db) != before {
			t.Error("refused deletions changed the database")
		}
		for _, del := range []func() error{
			func() error { return e.svc.DeletePosition(e.ctx, pos.ID, pos.Version) },
			func() error { return e.svc.DeleteCongress(e.ctx, c.ID, c.Version) },
			func() error { return e.svc.DeletePerson(e.ctx, p.ID, p.Version) },
		} {
			if err := del(); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.svc.GetPerson(e.ctx, p.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted person: %v", err)
		}
	})
}
