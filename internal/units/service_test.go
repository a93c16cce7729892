package units

import (
	"context"
	"errors"
	"os"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/fixture"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/validate"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// env is a fresh organisation with a specialist acting in it.
type env struct {
	db  *store.DB
	svc *Service
	ctx context.Context // the specialist
	sys context.Context // the operator
	org int64
	o   orgs.Org
}

func newEnv(t *testing.T, db *store.DB) env {
	t.Helper()
	org := fixture.Org(t, db, "LSN")
	a := fixture.User(t, db, org, "chuyenvien1", access.Specialist, access.Secret)
	return env{db: db, svc: New(db), ctx: fixture.Ctx(a), sys: fixture.System(org.ID), org: org.ID, o: org}
}

func (e env) create(t *testing.T, in UnitInput) Unit {
	t.Helper()
	u, err := e.svc.Create(e.ctx, in)
	if err != nil {
		t.Fatalf("create %s: %v", in.Code, err)
	}
	return u
}

// fieldKey returns the i18n key reported for field, or "".
func fieldKey(err error, field string) string {
	errs, ok := validate.As(err)
	if !ok {
		return ""
	}
	for _, fe := range errs {
		if fe.Field == field {
			return fe.Key
		}
	}
	return ""
}

func TestCreateRenameAndAsOf(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		tu := e.create(t, UnitInput{Code: "provincial-committee", Kind: KindProvincialCommittee, Name: "Tỉnh ủy Lạng Sơn", IssuerCode: "TU"})
		u := e.create(t, UnitInput{Code: "org", Kind: KindPartyOrganization, Name: "Đảng bộ A", ParentID: tu.ID, ValidFrom: d("1954-09-27")})
		if u.Version != 2 || u.ValidFrom != d("1954-09-27") || !u.ValidTo.IsZero() {
			t.Fatalf("created %+v", u)
		}
		ev, err := e.svc.RecordEvent(e.ctx, u.ID, u.Version, EventInput{Kind: Renamed, EffectiveOn: d("1960-08-01"),
			Precision: Month, Name: "Đảng bộ B", Decision: Decision{Issuer: "Đại hội lần thứ nhất"}})
		if err != nil {
			t.Fatal(err)
		}
		if ev.ID == 0 || ev.RecordedName != "chuyenvien1" {
			t.Fatalf("event %+v", ev)
		}
		// A stale version is a conflict.
		if _, err := e.svc.RecordEvent(e.ctx, u.ID, u.Version, EventInput{Kind: Renamed, EffectiveOn: d("1961-01-01"), Name: "X"}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale version: %v", err)
		}
		for date, want := range map[string]string{"1955-01-01": "Đảng bộ A", "1960-07-31": "Đảng bộ A", "1960-08-01": "Đảng bộ B", "2020-01-01": "Đảng bộ B"} {
			entries, err := e.svc.AsOf(e.ctx, d(date))
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, en := range entries {
				if en.Unit.ID == u.ID {
					found = true
					if en.Version.Name != want {
						t.Errorf("%s: name %q, want %q", date, en.Version.Name, want)
					}
				}
			}
			if !found {
				t.Errorf("%s: not alive", date)
			}
		}
		if entries, _ := e.svc.AsOf(e.ctx, d("1950-01-01")); len(entries) != 1 || entries[0].Unit.ID != tu.ID {
			t.Errorf("1950: %+v", entries)
		}
		h, err := e.svc.History(e.ctx, u.ID)
		if err != nil || len(h.Events) != 2 || len(h.Versions) != 2 {
			t.Fatalf("history %+v %v", h, err)
		}
		page, err := e.svc.List(e.ctx, Filter{Text: "dang bo a"})
		if err != nil || page.Total != 1 {
			t.Fatalf("search by former name: %+v %v", page, err)
		}
	})
}
