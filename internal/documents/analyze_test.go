package documents

import (
	"os"
	"slices"
	"strings"
	"testing"

	"noichinh/internal/cite"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func seedText(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/seeds/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAnalyzeAndRegisterDrafts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		e.installTerms(t)
		ctx := fixture.Ctx(e.spec)
		ct48 := e.mustCreate(t, Input{Symbol: "48-CT/TW", Kind: cite.KindDirective, IssuedOn: d("2010-10-22"),
			IssuerUnitID: e.units["central-politburo"]})
		paragraphs := strings.SplitN(seedText(t, "000_f1b89aaad398ff2a.txt"), "\n", 3)
		text := paragraphs[0] + "\n" + paragraphs[1]

		a, err := e.s.Analyze(ctx, text)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.References) != len(cite.Find(text)) {
			t.Fatalf("%d references, cite finds %d", len(a.References), len(cite.Find(text)))
		}
		byName := map[string]FoundDocument{}
		for _, doc := range a.Documents {
			byName[doc.Name] = doc
		}
		for _, ref := range a.References {
			name := a.Documents[ref.Document].Name
			if !strings.Contains(strings.ReplaceAll(text[ref.Start:ref.End], "\u00a0", " "), strings.Split(name, "/")[0]) {
				t.Errorf("highlight %q for %s", text[ref.Start:ref.End], name)
			}
		}
		if m := byName["48-CT/TW"].Match; m == nil || m.ID != ct48.ID {
			t.Errorf("48-CT/TW not matched: %+v", byName["48-CT/TW"])
		}
		wantDrafts := []struct {
			name, issuer, issued string
		}{
			{"1045-QĐ/TU", "standing-board", "2013-05-27"},
			{"04-QĐi/TW", "central-executive-committee", "2018-07-25"},
			{"08-QĐi/TU", "standing-board", "2018-12-25"},
			{"38-CTr/TU", "executive-committee", "2016-12-22"},
			{"05-KL/TW", "central-secretariat", "2016-07-15"},
			{"60-CTr/TU", "provincial-committee", "2012-12-24"},
			{"09-CT/TW", "central-secretariat", ""},
			{"521/QĐ-TTg", "central-prime-minister", "2005-06-13"},
		}
		for _, w := range wantDrafts {
			doc, ok := byName[w.name]
			if !ok || doc.Known() {
				t.Errorf("%s: found %v known %v", w.name, ok, doc.Known())
				continue
			}
			if doc.Draft.IssuerUnitID != e.units[w.issuer] || doc.Draft.IssuedOn.String() != w.issued || doc.Draft.Symbol != w.name {
				t.Errorf("%s draft: %+v", w.name, doc.Draft)
			}
		}
		if len(a.Documents) != len(wantDrafts)+1 {
			t.Errorf("%d documents", len(a.Documents))
		}
		var rels []string
		for _, r := range a.Relations {
			rels = append(rels, a.Documents[r.From].Name+" "+r.Type+" "+a.Documents[r.To].Name)
		}
		wantRels := []string{"08-QĐi/TU implements 04-QĐi/TW", "38-CTr/TU implements 05-KL/TW",
			"05-KL/TW implements 48-CT/TW", "60-CTr/TU implements 09-CT/TW"}
		if !slices.Equal(rels, wantRels) {
			t.Errorf("relations %v", rels)
		}

		drafts, relations := choose(a)
		// One bad draft: nothing at all is registered.
		bad := slices.Clone(drafts)
		bad[2].IssuedOn = d("2099-01-01")
		err = unchanged(t, db, func() error { _, err := e.s.RegisterDrafts(ctx, bad, relations); return err })
		fieldErr(t, err, "drafts.2.issued_on", "documents.error.issued_in_future")
		// Two drafts with one number.
		twice := append(slices.Clone(drafts), Draft{Ref: "again", Input: drafts[0].Input})
		err = unchanged(t, db, func() error { _, err := e.s.RegisterDrafts(ctx, twice, relations); return err })
		fieldErr(t, err, "drafts.8.symbol", "documents.error.duplicate_draft")
		// A relation from an unknown draft.
		wrong := append(slices.Clone(relations), DraftRelation{From: Endpoint{Draft: "nowhere"}, To: Endpoint{DocumentID: ct48.ID}, Type: Implements})
		err = unchanged(t, db, func() error { _, err := e.s.RegisterDrafts(ctx, drafts, wrong); return err })
		fieldErr(t, err, "relations.4.from", "documents.error.unknown_ref")

		reg, err := e.s.RegisterDrafts(ctx, drafts, relations)
		if err != nil {
			t.Fatal(err)
		}
		if len(reg.Documents) != len(drafts) || len(reg.Relations) != len(relations) {
			t.Fatalf("registered %d documents, %d relations", len(reg.Documents), len(reg.Relations))
		}
		for _, r := range reg.Relations {
			if r.Source != SourceExtracted || r.ToID == 0 {
				t.Errorf("relation %+v", r)
			}
		}
		a, err = e.s.Analyze(ctx, text)
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range a.Documents {
			if !doc.Known() {
				t.Errorf("%s still unknown", doc.Name)
			}
		}
		for _, r := range a.Relations {
			if !r.Recorded {
				t.Errorf("relation %s %s %s not recorded", a.Documents[r.From].Name, r.Type, a.Documents[r.To].Name)
			}
		}
	})
}

// choose takes every unknown document and every relation of an analysis,
// as a person ticking every box of the paste-a-text page would.
func choose(a Analysis) ([]Draft, []DraftRelation) {
	var drafts []Draft
	for _, doc := range a.Documents {
		if !doc.Known() {
			drafts = append(drafts, doc.Draft)
		}
	}
	end := func(doc FoundDocument) Endpoint {
		if doc.Match != nil {
			return Endpoint{DocumentID: doc.Match.ID}
		}
		return Endpoint{Draft: doc.Draft.Ref}
	}
	var rels []DraftRelation
	for _, r := range a.Relations {
		rels = append(rels, DraftRelation{From: end(a.Documents[r.From]), To: end(a.Documents[r.To]), Type: r.Type})
	}
	return drafts, rels
}

func TestAnalyzeAmbiguousAndNumberOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		e.installTerms(t)
		ctx := fixture.Ctx(e.spec)
		e.mustCreate(t, Input{Symbol: "01-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2016-01-10")})
		later := e.mustCreate(t, Input{Symbol: "01-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2021-01-10")})
		a, err := e.s.Analyze(ctx, "Thực hiện Chỉ thị số 01-CT/TU của Ban Thường vụ Tỉnh ủy.")
		if err != nil || len(a.Documents) != 1 || a.Documents[0].Match != nil || len(a.Documents[0].Candidates) != 2 {
			t.Fatalf("ambiguous: %+v %v", a.Documents, err)
		}
		a, err = e.s.Analyze(ctx, "Thực hiện Chỉ thị số 01-CT/TU, ngày 10/01/2021 của Ban Thường vụ Tỉnh ủy.")
		if err != nil || a.Documents[0].Match == nil || a.Documents[0].Match.ID != later.ID {
			t.Fatalf("dated: %+v %v", a.Documents, err)
		}
		text := "Thực hiện Quyết định số 14, ngày 20/02/1978 của Ban Bí thư Trung ương Đảng và sự chỉ đạo của Ban Thường vụ."
		a, err = e.s.Analyze(ctx, text)
		if err != nil || len(a.Documents) != 1 {
			t.Fatalf("number only: %+v %v", a, err)
		}
		draft := a.Documents[0].Draft
		if draft.Symbol != "" || draft.Number != "14" || draft.Kind != cite.KindDecision ||
			draft.IssuerUnitID != e.units["central-secretariat"] || draft.IssuedOn != d("1978-02-20") {
			t.Fatalf("draft %+v", draft)
		}
		reg, err := e.s.RegisterDrafts(ctx, []Draft{draft}, nil)
		if err != nil {
			t.Fatal(err)
		}
		a, err = e.s.Analyze(ctx, text)
		if err != nil || a.Documents[0].Match == nil || a.Documents[0].Match.ID != reg.Documents[draft.Ref].ID {
			t.Fatalf("number only, registered: %+v %v", a.Documents, err)
		}
		// Own documents among drafts take consecutive numbers.
		own := Input{Kind: cite.KindPlan, AutoNumber: true, IssuedOn: d("2026-02-02")}
		reg, err = e.s.RegisterDrafts(ctx, []Draft{{Ref: "a", Input: own}, {Ref: "b", Input: own}}, nil)
		if err != nil || reg.Documents["a"].Symbol != "01-KH/BNCTU" || reg.Documents["b"].Symbol != "02-KH/BNCTU" {
			t.Errorf("own drafts: %+v %v", reg.Documents, err)
		}
		// Another body's decision 14 is another document.
		a, _ = e.s.Analyze(ctx, "Quyết định số 14, ngày 20/02/1978 của Thủ tướng Chính phủ về việc nọ.")
		if a.Documents[0].Match != nil {
			t.Errorf("matched another issuer's decision: %+v", a.Documents[0])
		}
	})
}
