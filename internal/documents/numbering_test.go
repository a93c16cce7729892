package documents

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// TestAutoNumberConcurrently: people registering the Committee's own
// documents at the same moment get consecutive numbers, never the same one.
func TestAutoNumberConcurrently(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		e.installTerms(t)
		on := d("2026-03-02")
		// A secret plan shares the sequence.
		first, err := e.s.Create(fixture.Ctx(e.leader), Input{Kind: cite.KindPlan, AutoNumber: true, IssuedOn: on,
			Classification: access.Secret, Summary: "kế hoạch mật"})
		if err != nil {
			t.Fatal(err)
		}
		if first.Symbol != "01-KH/BNCTU" || first.IssuerUnitID != e.units["bnctu"] {
			t.Fatalf("first own plan: %+v", first)
		}
		next, err := e.s.NextNumber(fixture.Ctx(e.low), cite.KindPlan, on)
		if err != nil || next != "02" {
			t.Fatalf("next number %q %v", next, err)
		}
		const n = 8
		actors := []*access.Actor{e.spec, e.low, e.leader}
		var wg sync.WaitGroup
		symbols := make([]string, n)
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				doc, err := e.s.Create(fixture.Ctx(actors[i%len(actors)]), Input{Kind: cite.KindPlan, AutoNumber: true,
					IssuedOn: on, Summary: fmt.Sprintf("kế hoạch %d", i)})
				symbols[i], errs[i] = doc.Symbol, err
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		slices.Sort(symbols)
		var want []string
		for i := 2; i <= n+1; i++ {
			want = append(want, fmt.Sprintf("%02d-KH/BNCTU", i))
		}
		if !slices.Equal(symbols, want) {
			t.Errorf("concurrent numbers %v, want %v", symbols, want)
		}
		// Other kinds and the next term have sequences of their own; a
		// number typed by hand counts too.
		if n, _ := e.s.NextNumber(fixture.Ctx(e.spec), cite.KindReport, on); n != "01" {
			t.Errorf("first report: %s", n)
		}
		e.mustCreate(t, Input{Symbol: "15-BC/BNCTU", Kind: cite.KindReport, IssuedOn: on})
		if n, _ := e.s.NextNumber(fixture.Ctx(e.spec), cite.KindReport, on); n != "16" {
			t.Errorf("after 15-BC: %s", n)
		}
		if n, _ := e.s.NextNumber(fixture.Ctx(e.spec), cite.KindReport, d("2024-03-02")); n != "01" {
			t.Errorf("report in khóa XVII: %s", n)
		}
		_, err = e.s.NextNumber(fixture.Ctx(e.spec), cite.KindPlan, d("2009-03-02"))
		fieldErr(t, err, "issued_on", "documents.error.no_term")
		_, err = e.s.NextNumber(fixture.Ctx(e.spec), cite.KindDocument, on)
		fieldErr(t, err, "kind", "documents.error.kind_not_numbered")
		if _, err := e.s.NextNumber(fixture.Ctx(e.viewer), cite.KindPlan, on); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("viewer: %v", err)
		}
	})
}

func TestUpdateVersionAndHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		e.installTerms(t)
		ctx := fixture.Ctx(e.spec)
		doc := e.mustCreate(t, Input{Symbol: "28-KH/TU", Kind: cite.KindPlan, IssuedOn: d("2017-03-20"), Summary: "phòng chống tham nhũng"})
		e.mustCreate(t, Input{Symbol: "29-KH/TU", Kind: cite.KindPlan, IssuedOn: d("2017-04-20")})
		in := Input{Symbol: "28-KH/TU", Kind: cite.KindPlan, IssuedOn: d("2017-03-20"), Summary: "công tác phòng chống tham nhũng, lãng phí",
			AdvisedByCommittee: true, Fields: []Field{Anticorruption}}
		updated, err := e.s.Update(ctx, doc.ID, doc.Version, in)
		if err != nil {
			t.Fatal(err)
		}
		if updated.Version != 2 || updated.Summary != in.Summary || !updated.AdvisedByCommittee || updated.CreatedAt != doc.CreatedAt {
			t.Errorf("updated %+v", updated)
		}
		// A second edit from the form loaded at version 1 is a conflict.
		in.Summary = "khác"
		if _, err := unchangedErr(t, db, func() error { _, err := e.s.Update(ctx, doc.ID, doc.Version, in); return err }); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale edit: %v", err)
		}
		// A correction to a number another document holds is refused.
		in.Symbol = "29-KH/TU"
		err = unchanged(t, db, func() error { _, err := e.s.Update(ctx, doc.ID, updated.Version, in); return err })
		fieldErr(t, err, "symbol", "documents.error.duplicate_number")
		// Keeping its own number is no duplicate.
		in.Symbol = "28-KH/TU"
		if _, err := e.s.Update(ctx, doc.ID, updated.Version, in); err != nil {
			t.Errorf("own number: %v", err)
		}
		hist, err := e.s.History(ctx, doc.ID)
		if err != nil || len(hist) != 3 || hist[1].Kind != EventCorrected || hist[1].Data != `{"changed":["summary","fields","advised_by_committee"]}` {
			t.Errorf("history %+v %v", hist, err)
		}
		if _, err := e.s.Update(fixture.Ctx(e.low), doc.ID, 3, Input{Symbol: "28-KH/TU", Kind: cite.KindPlan,
			Classification: access.Secret}); err == nil {
			t.Error("raising a classification above one's clearance")
		}
	})
}

func unchangedErr(t *testing.T, db *store.DB, fn func() error) (struct{}, error) {
	return struct{}{}, unchanged(t, db, fn)
}

// TestAddTermChecksEarlierDocuments: documents registered before their term
// was known are numbered in it when it is added, and a term under which two
// of them collide is refused.
func TestAddTermChecksEarlierDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		a := e.mustCreate(t, Input{Symbol: "01-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2016-01-10")})
		b := e.mustCreate(t, Input{Symbol: "02-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2016-02-10")})
		if a.NumberingChecked || b.NumberingChecked {
			t.Fatal("checked without term data")
		}
		term, err := e.s.AddTerm(fixture.Ctx(e.admin), LangSonTerms[1])
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := e.s.Get(fixture.Ctx(e.spec), a.ID); !got.NumberingChecked || got.TermID != term.ID {
			t.Errorf("after the term: %+v", got)
		}
		// Khóa XVII is not known yet: two 01-CT/TU of 2021 are both accepted…
		e.mustCreate(t, Input{Symbol: "01-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2021-01-10")})
		e.mustCreate(t, Input{Symbol: "1-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2022-01-10")})
		// …and the term that would make them collide is refused.
		err = unchanged(t, db, func() error { _, err := e.s.AddTerm(fixture.Ctx(e.admin), LangSonTerms[2]); return err })
		fieldErr(t, err, "term", "documents.error.term_duplicates")
		tests := []struct {
			name  string
			term  PartyTerm
			field string
			key   string
		}{
			{"exists", LangSonTerms[1], "term", "documents.error.term_exists"},
			{"overlap", PartyTerm{Level: LevelProvincial, Term: 30, StartsOn: d("2019-01-01")}, "starts_on", "documents.error.term_overlap"},
			{"central is shared", PartyTerm{Level: LevelCentral, Term: 15, StartsOn: d("2031-01-01")}, "level", "error.invalid_choice"},
			{"order", PartyTerm{Level: LevelProvincial, Term: 31, StartsOn: d("2001-01-01"), EndsOn: d("2000-01-01")}, "ends_on", "error.date_order"},
		}
		for _, tt := range tests {
			err := unchanged(t, db, func() error { _, err := e.s.AddTerm(fixture.Ctx(e.admin), tt.term); return err })
			fieldErr(t, err, tt.field, tt.key)
		}
		terms, err := e.s.Terms(fixture.Ctx(e.spec))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, t := range terms {
			names = append(names, t.Level+" "+t.Roman())
		}
		want := []string{"central IX", "central X", "central XI", "central XII", "central XIII", "central XIV", "provincial XVI"}
		if !slices.Equal(names, want) {
			t.Errorf("terms %v", names)
		}
	})
}
