package documents

import (
	"database/sql"
	"errors"
	"slices"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func TestAdvisedFiguresAndConsolidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		// A central organisation over two provinces.
		central := orgs.Org{Code: "TW", Name: "Ban Nội chính Trung ương", Kind: orgs.Central}
		if err := db.Tx(fixture.System(0), func(tx *sql.Tx) error { return orgs.Create(fixture.System(0), tx, &central) }); err != nil {
			t.Fatal(err)
		}
		lsn, cbg := newEnv(t, db, "LSN"), newEnv(t, db, "CBG")
		err := db.Tx(fixture.System(0), func(tx *sql.Tx) error {
			_, err := tx.Exec(`UPDATE orgs SET parent_id = $1 WHERE id IN ($2, $3)`, central.ID, lsn.org.ID, cbg.org.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		centralUser := fixture.User(t, db, central, "trunguong", access.Central, access.Secret)

		advised := func(e *env, symbol, kind, issued string, c access.Classification, fields ...Field) int64 {
			t.Helper()
			doc, err := e.s.Create(fixture.Ctx(e.leader), Input{Symbol: symbol, Kind: kind, IssuedOn: d(issued),
				AdvisedByCommittee: true, Fields: fields, Classification: c})
			if err != nil {
				t.Fatal(err)
			}
			return doc.ID
		}
		a := advised(lsn, "04-CT/TU", cite.KindDirective, "2020-02-06", access.Normal, Anticorruption)
		b := advised(lsn, "15-KH/TU", cite.KindPlan, "2020-03-20", access.Normal, InternalAffairs, JudicialReform)
		c := advised(lsn, "16-KH/TU", cite.KindPlan, "2020-06-30", access.Secret, Anticorruption)
		advised(lsn, "17-KH/TU", cite.KindPlan, "2020-07-01", access.Normal, Anticorruption)         // after the period
		lsn.mustCreate(t, Input{Symbol: "18-KH/TU", Kind: cite.KindPlan, IssuedOn: d("2020-04-01")}) // not advised
		advised(cbg, "03-CT/TU", cite.KindDirective, "2020-01-15", access.Normal, JudicialReform)
		advised(cbg, "04-CT/TU", cite.KindDirective, "2020-05-15", access.TopSecret, JudicialReform)

		h1 := civil.Range{From: d("2020-01-01"), To: d("2020-06-30")}
		f, err := lsn.s.Advised(fixture.Ctx(lsn.spec), h1)
		if err != nil {
			t.Fatal(err)
		}
		if f.Total.Count != 3 || !slices.Equal(f.Total.DocumentIDs, []int64{a, b, c}) {
			t.Errorf("total %+v", f.Total)
		}
		byField := map[Field][]int64{}
		for _, ff := range f.ByField {
			byField[ff.Field] = ff.DocumentIDs
		}
		if !slices.Equal(byField[Anticorruption], []int64{a, c}) || !slices.Equal(byField[InternalAffairs], []int64{b}) ||
			!slices.Equal(byField[JudicialReform], []int64{b}) {
			t.Errorf("by field %v", byField)
		}
		if len(f.ByKind) != 2 || f.ByKind[0].Kind != cite.KindDirective || f.ByKind[1].Count != 2 {
			t.Errorf("by kind %+v", f.ByKind)
		}
		// The figure's filter lists exactly its documents.
		p, err := lsn.s.List(fixture.Ctx(lsn.spec), f.ByField[1].Filter)
		if err != nil || p.Total != 2 {
			t.Errorf("drill-down %+v %v", p, err)
		}
		// Without clearance the secret plan is not counted.
		f, _ = lsn.s.Advised(fixture.Ctx(lsn.low), h1)
		if f.Total.Count != 2 {
			t.Errorf("low clearance total %d", f.Total.Count)
		}
		// The central committee sees counts per province and in total, within its clearance.
		cons, err := lsn.s.AdvisedConsolidated(fixture.Ctx(centralUser), h1)
		if err != nil {
			t.Fatal(err)
		}
		if cons.Total.Total != 4 || cons.Total.ByField[Anticorruption] != 2 || cons.Total.ByKind[cite.KindDirective] != 2 ||
			len(cons.Provinces) != 2 {
			t.Errorf("consolidated %+v", cons)
		}
		for _, p := range cons.Provinces {
			want := map[string]int{"LSN": 3, "CBG": 1}[p.Code]
			if p.Counts.Total != want {
				t.Errorf("%s: %d, want %d", p.Code, p.Counts.Total, want)
			}
		}
		// …but not the records: no document permission.
		if _, err := lsn.s.List(fixture.Ctx(centralUser), Filter{}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("central user lists documents: %v", err)
		}
		// A province cannot consolidate.
		if _, err := lsn.s.AdvisedConsolidated(fixture.Ctx(lsn.leader), h1); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("province consolidates: %v", err)
		}
		if _, err := lsn.s.Advised(fixture.Ctx(lsn.spec), civil.Range{From: d("2020-06-30"), To: d("2020-01-01")}); err == nil {
			t.Error("reversed period")
		}
	})
}
