package documents

import (
	"errors"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// The registration form's helpers: the issuers offered (numbering bodies
// first) and the next own number with its symbol and term.
func TestFormHelpers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		e.installTerms(t)
		other := addUnit(t, db, e.org.ID, "ward-x", "Phường Đông Kinh", "", "", "", "")
		issuers, err := e.s.Issuers(fixture.Ctx(e.viewer))
		if err != nil {
			t.Fatal(err)
		}
		if len(issuers) != len(testUnits)+1 || issuers[len(issuers)-1].ID != other || issuers[0].IssuerCode == "" {
			t.Errorf("issuers: %+v", issuers)
		}
		for _, i := range issuers {
			if i.ID == e.units["cao-lang-committee"] && (i.AliveOn(d("1980-01-01")) || !i.AliveOn(d("1976-01-01"))) {
				t.Errorf("Tỉnh ủy Cao Lạng alive: %+v", i)
			}
		}
		on := d("2026-03-02")
		next, err := e.s.NextOwnNumber(fixture.Ctx(e.spec), cite.KindPlan, on)
		if err != nil || next.Symbol != "01-KH/BNCTU" || next.Number != "01" || next.TermName() != "XVIII" {
			t.Fatalf("next own plan: %+v %v", next, err)
		}
		e.mustCreate(t, Input{Kind: cite.KindPlan, AutoNumber: true, IssuedOn: on, Summary: "kế hoạch"})
		if next, _ := e.s.NextOwnNumber(fixture.Ctx(e.spec), cite.KindPlan, on); next.Symbol != "02-KH/BNCTU" {
			t.Errorf("after one plan: %+v", next)
		}
		_, err = e.s.NextOwnNumber(fixture.Ctx(e.spec), "", on)
		fieldErr(t, err, "kind", "error.required")
		if _, err := e.s.Issuers(fixture.Ctx(&access.Actor{OrgID: e.org.ID, Role: access.Clerk})); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("clerk reads issuers: %v", err)
		}
	})
}
