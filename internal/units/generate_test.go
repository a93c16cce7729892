package units

import (
	"fmt"
	"slices"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/fixture"
	"noichinh/internal/generate"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// generated runs the generate step for n organisations.
func generated(tb testing.TB, db *store.DB, n int) *generate.Env {
	tb.Helper()
	env := &generate.Env{DB: db, Scale: generate.Province, Seed: 42}
	places := []string{"Lạng Sơn", "Hà Nội", "Cao Bằng", "Thành phố Hồ Chí Minh"}
	for i := 0; i < n; i++ {
		org := fixture.Org(tb, db, fmt.Sprintf("P%02d", i))
		org.Place = places[i%len(places)]
		env.Orgs = append(env.Orgs, org)
	}
	if err := GenerateStep().Run(fixture.System(0), env); err != nil {
		tb.Fatal(err)
	}
	return env
}

func TestGenerateStep(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		env := generated(t, db, 2)
		svc := New(db)
		for i, org := range env.Orgs {
			ctx := fixture.Ctx(fixture.User(t, db, org, fmt.Sprintf("cv%d", i), access.Specialist, access.Secret))
			if n := len(env.Localities[org.ID]); n != 76 {
				t.Errorf("%s: %d localities", org.Code, n)
			}
			if n := len(env.Agencies[org.ID]); n < 18 || n > 22 {
				t.Errorf("%s: %d agencies", org.Code, n)
			}
			after, err := svc.List(ctx, Filter{AsOf: d("2025-07-01"), Kinds: []Kind{KindCommune, KindWard}})
			if err != nil || after.Total != 65 {
				t.Errorf("%s: %d communes and wards on 2025-07-01 (%v)", org.Code, after.Total, err)
			}
			before, _ := svc.List(ctx, Filter{AsOf: d("2025-06-30"), Kinds: []Kind{KindDistrict}})
			if before.Total != 11 {
				t.Errorf("%s: %d districts on 2025-06-30", org.Code, before.Total)
			}
			// Generated history is a history: deriving the events gives the stored versions.
			checkDerivedVersions(t, db, org)
			tu, err := ByCode(ctx, db.Read(), org.ID, "provincial-committee")
			if err != nil {
				t.Fatal(err)
			}
			for _, day := range []string{"1997-06-30", "2010-06-30", "2024-06-30"} {
				if hs, _ := svc.HolderOn(ctx, tu.ID, Secretary, d(day)); len(hs) != 1 {
					t.Errorf("%s: %d secretaries on %s", org.Code, len(hs), day)
				}
			}
			for _, id := range env.Localities[org.ID] {
				if u, _ := svc.Get(ctx, id); u.Kind == KindDistrict {
					if now, err := svc.CurrentUnits(ctx, id, d("2026-01-01")); err != nil || len(now) == 0 {
						t.Errorf("%s: district %s has no current unit (%v)", org.Code, u.Name, err)
					}
				}
			}
		}
		// A centrally governed city has a Thành ủy and no provincial city.
		hn := env.Orgs[1].ID
		if tu, _ := ByCode(fixture.System(hn), db.Read(), hn, "provincial-committee"); tu.Name != "Thành ủy Hà Nội" {
			t.Errorf("Hà Nội's committee: %q", tu.Name)
		}
		if ppc, _ := ByCode(fixture.System(hn), db.Read(), hn, "ppc"); ppc.Name != "Ủy ban nhân dân thành phố Hà Nội" {
			t.Errorf("Hà Nội's people's committee: %q", ppc.Name)
		}
		// The first organisation has Lạng Sơn's real localities.
		if _, err := ByCode(fixture.System(0), db.Read(), env.Orgs[0].ID, "ward-ky-lua"); err != nil {
			t.Error(err)
		}
	})
}

func checkDerivedVersions(t *testing.T, db *store.DB, org orgs.Org) {
	t.Helper()
	ctx := fixture.System(org.ID)
	units, err := listAllUnits(ctx, db.Read(), org.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		events, _ := listEvents(ctx, db.Read(), org.ID, u.ID)
		stored, _ := listVersions(ctx, db.Read(), org.ID, u.ID)
		derived, err := Derive(events)
		if err != nil {
			t.Errorf("%s: %v", u.Code, err)
			continue
		}
		if !slices.Equal(derived, stored) {
			t.Errorf("%s: derived %+v, stored %+v", u.Code, derived, stored)
		}
		if from, to := lifeOf(stored); from != u.ValidFrom || to != u.ValidTo {
			t.Errorf("%s: row %s–%s, versions %s–%s", u.Code, u.ValidFrom, u.ValidTo, from, to)
		}
	}
}
