package documents

import (
	"errors"
	"slices"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func TestRelationsResolveWhenRegistered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		e.installTerms(t)
		ctx := fixture.Ctx(e.spec)
		kl05 := e.mustCreate(t, Input{Symbol: "05-KL/TW", Kind: cite.KindConclusion, IssuedOn: d("2016-07-15")})
		rel, err := e.s.AddRelation(ctx, RelationInput{FromID: kl05.ID, Type: Implements,
			Target: Target{Symbol: "48-CT/TW", Issuer: "Bộ Chính trị", Summary: "phòng, chống tội phạm"}})
		if err != nil {
			t.Fatal(err)
		}
		if rel.ToID != 0 || rel.Target.Kind != cite.KindDirective || rel.Source != SourceManual {
			t.Fatalf("unregistered relation %+v", rel)
		}
		// A 48-CT/TW of a later term is not the one a 2016 text cites.
		later := e.mustCreate(t, Input{Symbol: "48-CT/TW", Kind: cite.KindDirective, IssuedOn: d("2022-01-10")})
		out, _, err := e.s.Relations(ctx, kl05.ID)
		if err != nil || len(out) != 1 || out[0].ToID != 0 {
			t.Fatalf("resolved to a later document: %+v %v", out, err)
		}
		ct48 := e.mustCreate(t, Input{Symbol: "48-CT/TW", Kind: cite.KindDirective, IssuedOn: d("2010-10-22")})
		out, _, err = e.s.Relations(ctx, kl05.ID)
		if err != nil || len(out) != 1 || out[0].ToID != ct48.ID {
			t.Fatalf("not resolved on registration: %+v %v", out, err)
		}
		_, in, err := e.s.Relations(ctx, ct48.ID)
		if err != nil || len(in) != 1 || in[0].FromID != kl05.ID {
			t.Fatalf("incoming %+v %v", in, err)
		}
		hist, err := e.s.History(ctx, kl05.ID)
		if err != nil || !slices.ContainsFunc(hist, func(ev Event) bool {
			return ev.Kind == EventRelationResolved && ev.RelatedDocumentID == ct48.ID
		}) {
			t.Errorf("history %+v %v", hist, err)
		}
		// Naming a registered document by symbol resolves at once, to the
		// latest one not younger than the citing document.
		ctr38 := e.mustCreate(t, Input{Symbol: "38-CTr/TU", Kind: cite.KindProgram, IssuedOn: d("2023-12-22")})
		rel, err = e.s.AddRelation(ctx, RelationInput{FromID: ctr38.ID, Type: Implements, Target: Target{Symbol: "48-CT/TW"}})
		if err != nil || rel.ToID != later.ID {
			t.Fatalf("immediate resolution: %+v %v (want %d)", rel, err, later.ID)
		}
		// The same relation twice is refused.
		err = unchanged(t, db, func() error {
			_, err := e.s.AddRelation(ctx, RelationInput{FromID: ctr38.ID, Type: Implements, ToID: later.ID})
			return err
		})
		fieldErr(t, err, "type", "documents.error.relation_exists")
		// Correcting a symbol lets relations that name the new one resolve.
		typo := e.mustCreate(t, Input{Symbol: "49-NQ/TU", Kind: cite.KindResolution, IssuedOn: d("2005-06-02")})
		kl92 := e.mustCreate(t, Input{Symbol: "92-KL/TW", Kind: cite.KindConclusion, IssuedOn: d("2014-03-12")})
		if _, err := e.s.AddRelation(ctx, RelationInput{FromID: kl92.ID, Type: Implements, Target: Target{Symbol: "49-NQ/TW"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.Update(ctx, typo.ID, typo.Version, Input{Symbol: "49-NQ/TW", Kind: cite.KindResolution,
			IssuedOn: d("2005-06-02")}); err != nil {
			t.Fatal(err)
		}
		out, _, _ = e.s.Relations(ctx, kl92.ID)
		if len(out) != 1 || out[0].ToID != typo.ID {
			t.Errorf("after correcting the symbol: %+v", out)
		}
	})
}

func TestStatusFollowsRelations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		e.installTerms(t)
		ctx := fixture.Ctx(e.spec)
		get := func(id int64) Document {
			t.Helper()
			doc, err := e.s.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return doc
		}
		old := e.mustCreate(t, Input{Symbol: "01-QĐi/TU", Kind: cite.KindRegulation, IssuedOn: d("2016-02-01")})
		amending := e.mustCreate(t, Input{Symbol: "05-QĐi/TU", Kind: cite.KindRegulation, IssuedOn: d("2017-03-01")})
		if _, err := e.s.AddRelation(ctx, RelationInput{FromID: amending.ID, ToID: old.ID, Type: Amends}); err != nil {
			t.Fatal(err)
		}
		if doc := get(old.ID); doc.Status != Amended || doc.StatusSince != d("2017-03-01") {
			t.Errorf("amended: %s %v", doc.Status, doc.StatusSince)
		}
		// A replacement registered later names the old one by symbol: the
		// relation resolves and the old document is replaced.
		replacing := e.mustCreate(t, Input{Symbol: "09-QĐi/TU", Kind: cite.KindRegulation, IssuedOn: d("2019-05-01")})
		rel, err := e.s.AddRelation(ctx, RelationInput{FromID: replacing.ID, Type: Replaces, Target: Target{Symbol: "01-QĐi/TU"}})
		if err != nil || rel.ToID != old.ID {
			t.Fatalf("replacement: %+v %v", rel, err)
		}
		if doc := get(old.ID); doc.Status != Replaced || doc.StatusSince != d("2019-05-01") {
			t.Errorf("replaced: %s %v", doc.Status, doc.StatusSince)
		}
		// The replacement's issue date is corrected: the status date follows.
		replacing = get(replacing.ID)
		if _, err := e.s.Update(ctx, replacing.ID, replacing.Version, Input{Symbol: "09-QĐi/TU", Kind: cite.KindRegulation,
			IssuedOn: d("2019-04-20")}); err != nil {
			t.Fatal(err)
		}
		if doc := get(old.ID); doc.StatusSince != d("2019-04-20") {
			t.Errorf("status date after correction: %v", doc.StatusSince)
		}
		if err := e.s.RemoveRelation(ctx, rel.ID); err != nil {
			t.Fatal(err)
		}
		if doc := get(old.ID); doc.Status != Amended {
			t.Errorf("after removing the replacement: %s", doc.Status)
		}
		// Declared expiry, with the version read.
		doc := get(old.ID)
		if _, err := e.s.DeclareStatus(ctx, old.ID, doc.Version+1, Expired, d("2020-12-31"), ""); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale version: %v", err)
		}
		err = unchanged(t, db, func() error {
			_, err := e.s.DeclareStatus(ctx, old.ID, doc.Version, Replaced, d("2020-12-31"), "")
			return err
		})
		fieldErr(t, err, "status", "documents.error.status_derived")
		err = unchanged(t, db, func() error {
			_, err := e.s.DeclareStatus(ctx, old.ID, doc.Version, Expired, d("2015-12-31"), "")
			return err
		})
		fieldErr(t, err, "effective_on", "error.date_order")
		expired, err := e.s.DeclareStatus(ctx, old.ID, doc.Version, Expired, d("2020-12-31"), "hết thời hạn thực hiện")
		if err != nil || expired.Status != Expired || expired.StatusSince != d("2020-12-31") || expired.Version != doc.Version+1 {
			t.Fatalf("expired: %+v %v", expired, err)
		}
		hist, _ := e.s.History(ctx, old.ID)
		var kinds []string
		for _, ev := range hist {
			kinds = append(kinds, ev.Kind+":"+string(ev.Status))
		}
		want := []string{"registered:", "status_derived:amended", "status_derived:replaced", "status_derived:replaced",
			"status_derived:amended", "status_declared:expired"}
		if !slices.Equal(kinds, want) {
			t.Errorf("history %v, want %v", kinds, want)
		}
	})
}

func TestRelationRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		ctx := fixture.Ctx(e.spec)
		a := e.mustCreate(t, Input{Symbol: "01-QĐi/TU", Kind: cite.KindRegulation, IssuedOn: d("2016-02-01")})
		b := e.mustCreate(t, Input{Symbol: "02-QĐi/TU", Kind: cite.KindRegulation, IssuedOn: d("2017-02-01")})
		c := e.mustCreate(t, Input{Symbol: "03-QĐi/TU", Kind: cite.KindRegulation, IssuedOn: d("2018-02-01")})
		secret := e.mustCreate(t, Input{Symbol: "04-QĐi/TU", Kind: cite.KindRegulation, Classification: access.Secret})
		for _, r := range []RelationInput{{FromID: b.ID, ToID: a.ID, Type: Replaces}, {FromID: c.ID, ToID: b.ID, Type: Replaces},
			{FromID: b.ID, ToID: a.ID, Type: Amends}} {
			if _, err := e.s.AddRelation(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			name  string
			actor *access.Actor
			in    RelationInput
			field string
			key   string
		}{
			{"to itself", e.spec, RelationInput{FromID: a.ID, ToID: a.ID, Type: Implements}, "to_id", "documents.error.relation_to_itself"},
			{"to itself by symbol", e.spec, RelationInput{FromID: a.ID, Type: Implements, Target: Target{Symbol: "1-QĐi/TU"}},
				"to_id", "documents.error.relation_to_itself"},
			{"replaces cycle", e.spec, RelationInput{FromID: a.ID, ToID: c.ID, Type: Replaces}, "to_id", "documents.error.relation_cycle"},
			{"amends cycle", e.spec, RelationInput{FromID: a.ID, ToID: b.ID, Type: Amends}, "to_id", "documents.error.relation_cycle"},
			{"unknown type", e.spec, RelationInput{FromID: a.ID, ToID: b.ID, Type: "cites"}, "type", "documents.error.unknown_relation"},
			{"invalid target symbol", e.spec, RelationInput{FromID: a.ID, Type: Implements, Target: Target{Symbol: "abc"}},
				"target.symbol", "documents.error.invalid_symbol"},
			{"no target", e.spec, RelationInput{FromID: a.ID, Type: Implements}, "target.symbol", "error.required"},
			{"number without kind", e.spec, RelationInput{FromID: a.ID, Type: Implements, Target: Target{Number: "14"}},
				"target.kind", "documents.error.unknown_kind"},
			{"target above clearance", e.low, RelationInput{FromID: a.ID, ToID: secret.ID, Type: Implements}, "to_id", "error.not_found"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := unchanged(t, db, func() error {
					_, err := e.s.AddRelation(fixture.Ctx(tt.actor), tt.in)
					return err
				})
				fieldErr(t, err, tt.field, tt.key)
			})
		}
		// Naming a secret document by symbol relates to it without telling
		// a user who may not see it.
		rel, err := e.s.AddRelation(fixture.Ctx(e.low), RelationInput{FromID: c.ID, Type: BasedOn, Target: Target{Symbol: "04-QĐi/TU"}})
		if err != nil || rel.ToID != 0 {
			t.Errorf("relation to a secret document: %+v %v", rel, err)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM document_relations WHERE id = $1 AND to_id = $2`, rel.ID, secret.ID); n != 1 {
			t.Error("the relation does not point at the secret document")
		}
		// A different type may go the other way: guides is not replaces.
		if _, err := e.s.AddRelation(ctx, RelationInput{FromID: a.ID, ToID: c.ID, Type: Guides}); err != nil {
			t.Errorf("guides against a replaces chain: %v", err)
		}
	})
}

func TestGraph(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		e.installTerms(t)
		ctx := fixture.Ctx(e.spec)
		ct48 := e.mustCreate(t, Input{Symbol: "48-CT/TW", Kind: cite.KindDirective, IssuedOn: d("2010-10-22")})
		kl05 := e.mustCreate(t, Input{Symbol: "05-KL/TW", Kind: cite.KindConclusion, IssuedOn: d("2016-07-15")})
		ctr38 := e.mustCreate(t, Input{Symbol: "38-CTr/TU", Kind: cite.KindProgram, IssuedOn: d("2016-12-22")})
		secret := e.mustCreate(t, Input{Symbol: "07-KH/BNCTU", Kind: cite.KindPlan, IssuedOn: d("2017-01-05"), Classification: access.Secret})
		for _, r := range []RelationInput{
			{FromID: kl05.ID, ToID: ct48.ID, Type: Implements},
			{FromID: ctr38.ID, ToID: kl05.ID, Type: Implements},
			{FromID: ctr38.ID, Type: BasedOn, Target: Target{Symbol: "09-CT/TW", Issuer: "Ban Bí thư Trung ương Đảng",
				Summary: "phong trào toàn dân bảo vệ an ninh Tổ quốc"}},
			{FromID: secret.ID, ToID: ctr38.ID, Type: Implements},
		} {
			if _, err := e.s.AddRelation(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		keys := func(g Graph) []string {
			var out []string
			for _, n := range g.Nodes {
				out = append(out, n.Key)
			}
			slices.Sort(out)
			return out
		}
		g, err := e.s.Graph(ctx, kl05.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{docKey(ct48.ID), docKey(kl05.ID), docKey(ctr38.ID)}; !slices.Equal(keys(g), sorted(want)) || len(g.Edges) != 2 {
			t.Errorf("depth 1: %v %+v", keys(g), g.Edges)
		}
		g, err = e.s.Graph(ctx, ct48.ID, 3)
		if err != nil {
			t.Fatal(err)
		}
		ref := "ref:" + SymbolKey("09-CT/TW")
		want := []string{docKey(ct48.ID), docKey(kl05.ID), docKey(ctr38.ID), ref, docKey(secret.ID)}
		if !slices.Equal(keys(g), sorted(want)) || len(g.Edges) != 4 || g.Root != docKey(ct48.ID) {
			t.Errorf("depth 3: %v %+v", keys(g), g.Edges)
		}
		for _, n := range g.Nodes {
			if n.Key == ref {
				if n.Registered || n.Draft.Symbol != "09-CT/TW" || n.Draft.Kind != cite.KindDirective ||
					n.Draft.IssuerUnitID != e.units["central-secretariat"] || n.Depth != 3 {
					t.Errorf("unregistered node %+v", n)
				}
			}
			if n.Key == docKey(ct48.ID) && n.Depth != 0 {
				t.Errorf("root depth %d", n.Depth)
			}
		}
		// Without clearance the secret plan and its relation are left out.
		g, err = e.s.Graph(fixture.Ctx(e.low), ct48.ID, 3)
		if err != nil || slices.Contains(keys(g), docKey(secret.ID)) || len(g.Edges) != 3 {
			t.Errorf("low clearance: %v %+v %v", keys(g), g.Edges, err)
		}
		if _, err := e.s.Graph(ctx, ct48.ID, MaxGraphDepth+1); err == nil {
			t.Error("depth beyond the maximum")
		}
	})
}

func sorted(s []string) []string { slices.Sort(s); return s }
