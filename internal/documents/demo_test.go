package documents

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/civil"
	"noichinh/internal/demo"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/units"
	"noichinh/internal/vntext"
)

// TestDemoCoversTheSeeds runs citation extraction over the five seed texts:
// every document they cite is in the demo data with the kind, date and
// issuer the text gives, every relation they state is a demo relation, and
// the demo invents no seed document.
func TestDemoCoversTheSeeds(t *testing.T) {
	byKey := map[string]demoDoc{}
	for _, doc := range seedDocs {
		key := SymbolKey(doc.symbol)
		if doc.symbol == "" {
			key = numberKey(doc.kind, doc.number)
		}
		if _, dup := byKey[key]; dup {
			t.Errorf("%s twice in the demo", doc.name())
		}
		byKey[key] = doc
	}
	var units []unit
	for i, u := range testUnits {
		units = append(units, unit{ID: int64(i + 1), Code: u.code, Name: u.name, ShortName: u.short, NameKey: vntext.Key(u.name),
			IssuerCode: u.issuer})
	}
	issuers := newIssuerMatcher(units, "Lạng Sơn")
	unitCode := func(id int64) string {
		if id == 0 {
			return ""
		}
		return units[id-1].Code
	}
	relations := map[demoRelation]bool{}
	for _, r := range demoRelations {
		relations[r] = true
	}
	cited := map[string]bool{}
	files, _ := filepath.Glob("testdata/seeds/*.txt")
	if len(files) != 5 {
		t.Fatalf("%d seed texts", len(files))
	}
	for _, f := range files {
		refs := cite.Find(seedText(t, filepath.Base(f)))
		names := map[string]string{} // cite's name → demo name
		for _, ref := range refs {
			key := refKey(ref)
			cited[key] = true
			doc, ok := byKey[key]
			if !ok {
				t.Errorf("%s: %s is not in the demo data", filepath.Base(f), ref.Name())
				continue
			}
			names[ref.Name()] = doc.name()
			if doc.kind != ref.Kind {
				t.Errorf("%s: kind %s, the text says %s", doc.name(), doc.kind, ref.Kind)
			}
			if !ref.Issued.IsZero() && ref.Issued != civil.MustParse(doc.issued) {
				t.Errorf("%s: issued %s, the text says %s", doc.name(), doc.issued, ref.Issued)
			}
			if ref.Issuer != "" {
				if got := unitCode(issuers.match(ref.Issuer, ref.IssuerCode, ref.Issued)); got != doc.issuer {
					t.Errorf("%s: issuer %s, the text says %q (%s)", doc.name(), doc.issuer, ref.Issuer, got)
				}
			}
		}
		for _, ref := range refs {
			for _, rel := range ref.Relations {
				r := demoRelation{names[ref.Name()], rel.Type, names[rel.Symbol]}
				if !relations[r] {
					t.Errorf("%s: relation %v is not in the demo data", filepath.Base(f), r)
				}
			}
		}
	}
	for key, doc := range byKey {
		if !cited[key] {
			t.Errorf("%s is in the seed documents but no seed cites it", doc.name())
		}
	}
}

func TestDemoLoads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		sys := fixture.System(e.org.ID)
		today := d("2026-11-22")
		if err := loadDemo(sys, e.s, db, e.org.ID, today); err != nil {
			t.Fatal(err)
		}
		ctx := fixture.Ctx(e.leader)
		p, err := e.s.List(ctx, Filter{Limit: MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != len(seedDocs)+len(recentDocs) {
			t.Errorf("%d documents, want %d", p.Total, len(seedDocs)+len(recentDocs))
		}
		var own []string
		for _, doc := range p.Items {
			if doc.IssuerCode == "BNCTU" {
				own = append(own, doc.Symbol+"/"+doc.Classification.Code())
			}
		}
		slices.Sort(own)
		want := []string{"01-BC/BNCTU/secret", "01-CV/BNCTU/normal", "01-KH/BNCTU/normal", "01-TB/BNCTU/normal",
			"02-BC/BNCTU/secret", "02-KH/BNCTU/normal"}
		if !slices.Equal(own, want) {
			t.Errorf("own documents %v", own)
		}
		if n, err := e.s.NextNumber(ctx, cite.KindPlan, today); err != nil || n != "03" {
			t.Errorf("next plan number %q %v", n, err)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM document_relations WHERE to_id IS NOT NULL`); n != len(demoRelations) {
			t.Errorf("%d relations", n)
		}
		f, err := e.s.Advised(ctx, civil.Range{From: d("2015-01-01"), To: d("2019-12-31")})
		if err != nil || f.Total.Count != 5 {
			t.Errorf("advised 2015–2019: %+v %v", f.Total, err)
		}
		page, _ := e.s.List(ctx, Filter{Symbol: "48-ct/tw"})
		if len(page.Items) != 1 {
			t.Fatalf("48-CT/TW: %+v", page.Items)
		}
		g, err := e.s.Graph(ctx, page.Items[0].ID, 2)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, n := range g.Nodes {
			names = append(names, n.Document.Symbol)
		}
		slices.Sort(names)
		if !slices.Equal(names, []string{"05-KL/TW", "38-CTr/TU", "48-CT/TW"}) {
			t.Errorf("graph of 48-CT/TW: %v", names)
		}
		// The Committee's own numbering: without clearance, the secret report
		// is neither listed nor hidden from the sequence.
		low, _ := e.s.List(fixture.Ctx(e.low), Filter{IssuerCode: "BNCTU"})
		if low.Total != 4 {
			t.Errorf("own documents seen without clearance: %d", low.Total)
		}
		if n, _ := e.s.NextNumber(fixture.Ctx(e.low), cite.KindReport, today); n != "03" {
			t.Errorf("next report number %s", n)
		}
	})
}

func TestDemoNeedsUnits(t *testing.T) {
	db := storetest.SQLite(t)
	org := fixture.Org(t, db, "LSN")
	err := loadDemo(fixture.System(org.ID), New(db), db, org.ID, d("2026-11-22"))
	if err == nil || !strings.Contains(err.Error(), `"standing-board"`) || !strings.Contains(err.Error(), "units") {
		t.Errorf("demo without units: %v", err)
	}
}

// TestDemoAfterTheUnitsStep loads the demo as the binary does, after the
// units module's own step and reference data.
func TestDemoAfterTheUnitsStep(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		env, err := demo.Load(background, db, []demo.Step{units.DemoStep(), DemoStep()})
		if err != nil {
			t.Fatal(err)
		}
		sys := access.WithActor(background, access.SystemActor(env.Org.ID, "test"))
		s := New(db)
		p, err := s.List(sys, Filter{Limit: MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		loaded := len(seedDocs)
		for _, r := range recentDocs {
			if !d(r.issued).After(env.Today) {
				loaded++
			}
		}
		if p.Total != loaded {
			t.Errorf("%d documents, want %d", p.Total, loaded)
		}
		for _, doc := range p.Items {
			if doc.IssuerUnitID == 0 {
				t.Errorf("%s has no issuer unit", doc.Title())
			}
		}
		// A pasted seed text is entirely known once the demo is loaded.
		a, err := s.Analyze(sys, seedText(t, "000_f1b89aaad398ff2a.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range a.Documents {
			if !doc.Known() {
				t.Errorf("%s unknown after the demo", doc.Name)
			}
		}
		for _, r := range a.Relations {
			if !r.Recorded {
				t.Errorf("relation %s %s %s not recorded", a.Documents[r.From].Name, r.Type, a.Documents[r.To].Name)
			}
		}
	})
}
