package documents

import (
	"errors"
	"slices"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func TestCreateGetAndList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		e.installTerms(t)
		ctx := fixture.Ctx(e.spec)
		doc := e.mustCreate(t, Input{Symbol: "08 - qđi/TU", Kind: cite.KindRegulation, IssuerUnitID: e.units["standing-board"],
			IssuedOn: d("2018-12-25"), Summary: "chức năng, nhiệm vụ, tổ chức bộ máy của Ban Nội chính Tỉnh ủy",
			Fields: []Field{JudicialReform, InternalAffairs}})
		if doc.Symbol != "08-QĐi/TU" || doc.Number != "08" || doc.KindCode != "QĐi" || doc.IssuerCode != "TU" ||
			doc.Status != InForce || doc.Numbering != NumberingParty || doc.TermID == 0 || !doc.NumberingChecked || doc.Version != 1 {
			t.Fatalf("created %+v", doc)
		}
		got, err := e.s.Get(ctx, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Symbol != doc.Symbol || got.Summary != doc.Summary || !slices.Equal(got.Fields, []Field{InternalAffairs, JudicialReform}) ||
			got.IssuedOn != d("2018-12-25") || got.CreatedAt.IsZero() {
			t.Errorf("read back %+v", got)
		}
		e.mustCreate(t, Input{Symbol: "04-CT/TU", Kind: cite.KindDirective, IssuerUnitID: e.units["standing-board"],
			IssuedOn: d("2016-06-06"), Summary: "công tác phòng chống tham nhũng, lãng phí", Fields: []Field{Anticorruption},
			AdvisedByCommittee: true})
		e.mustCreate(t, Input{Symbol: "521/QĐ-TTg", Kind: cite.KindDecision, IssuerUnitID: e.units["central-prime-minister"],
			IssuedOn: d("2005-06-13"), Summary: "Ngày hội toàn dân bảo vệ an ninh Tổ quốc"})
		e.mustCreate(t, Input{Kind: cite.KindDecision, Number: "14", IssuerUnitID: e.units["central-secretariat"], IssuedOn: d("1978-02-20")})
		secret := e.mustCreate(t, Input{Symbol: "01-BC/BNCTU", Kind: cite.KindReport, IssuedOn: d("2026-01-05"),
			Summary: "tình hình tham nhũng", Classification: access.Secret, Fields: []Field{Anticorruption}})

		yes := true
		tests := []struct {
			name  string
			actor *access.Actor
			f     Filter
			want  []string
			total int
		}{
			{"all, newest first", e.spec, Filter{}, []string{"01-BC/BNCTU", "08-QĐi/TU", "04-CT/TU", "521/QĐ-TTg", "Quyết định số 14"}, 5},
			{"clearance", e.low, Filter{}, []string{"08-QĐi/TU", "04-CT/TU", "521/QĐ-TTg", "Quyết định số 14"}, 4},
			{"folded text", e.spec, Filter{Text: "PHONG CHONG tham nhung"}, []string{"04-CT/TU"}, 1},
			{"text in symbol", e.spec, Filter{Text: "qdi tu"}, []string{"08-QĐi/TU"}, 1},
			{"kind", e.spec, Filter{Kind: cite.KindDecision, Sort: SortIssuedAsc}, []string{"Quyết định số 14", "521/QĐ-TTg"}, 2},
			{"field", e.spec, Filter{Field: Anticorruption}, []string{"01-BC/BNCTU", "04-CT/TU"}, 2},
			{"advised", e.spec, Filter{Advised: &yes}, []string{"04-CT/TU"}, 1},
			{"issuer", e.spec, Filter{IssuerUnitID: e.units["standing-board"], Sort: SortSymbol}, []string{"04-CT/TU", "08-QĐi/TU"}, 2},
			{"period", e.spec, Filter{Issued: civil.Range{From: d("2005-01-01"), To: d("2016-12-31")}}, []string{"04-CT/TU", "521/QĐ-TTg"}, 2},
			{"page", e.spec, Filter{Limit: 2, Offset: 1}, []string{"08-QĐi/TU", "04-CT/TU"}, 5},
			{"status", e.spec, Filter{Status: Replaced}, nil, 0},
			{"ids", e.low, Filter{IDs: []int64{doc.ID, secret.ID}}, []string{"08-QĐi/TU"}, 1},
		}
		for _, tt := range tests {
			p, err := e.s.List(fixture.Ctx(tt.actor), tt.f)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			var names []string
			for _, it := range p.Items {
				names = append(names, it.Title())
			}
			if !slices.Equal(names, tt.want) || p.Total != tt.total {
				t.Errorf("%s: %v (%d), want %v (%d)", tt.name, names, p.Total, tt.want, tt.total)
			}
		}
		if _, err := e.s.Get(fixture.Ctx(e.low), secret.ID); !isNotFound(err) {
			t.Errorf("secret document for a user without clearance: %v", err)
		}
		if _, err := e.s.List(ctx, Filter{Kind: "memo"}); err == nil {
			t.Error("unknown kind in a filter")
		}
		// Another organisation sees nothing of this one.
		other := newEnv(t, db, "CBG")
		if _, err := other.s.Get(fixture.Ctx(other.leader), doc.ID); !isNotFound(err) {
			t.Errorf("another organisation's document: %v", err)
		}
	})
}

func TestPermissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		clerk := fixture.User(t, db, e.org, "vanthu", access.Clerk, access.Normal)
		in := Input{Symbol: "48-CT/TW", Kind: cite.KindDirective, IssuedOn: d("2010-10-22")}
		for _, a := range []*access.Actor{e.viewer, e.admin, clerk} {
			if _, err := e.s.Create(fixture.Ctx(a), in); !errors.Is(err, access.ErrForbidden) {
				t.Errorf("%s creates: %v", a.Role, err)
			}
		}
		if _, err := e.s.List(fixture.Ctx(clerk), Filter{}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("clerk lists: %v", err)
		}
		if _, err := e.s.Create(background, in); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("nobody creates: %v", err)
		}
		if _, err := e.s.AddTerm(fixture.Ctx(e.spec), LangSonTerms[0]); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("specialist adds a term: %v", err)
		}
	})
}

// TestRefusedInputChangesNothing: every refusal is a field error and leaves
// every table as it was.
func TestRefusedInputChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		e.installTerms(t)
		held := e.mustCreate(t, Input{Symbol: "32-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2015-05-30")})
		e.mustCreate(t, Input{Symbol: "02-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2016-03-01"), Classification: access.Secret})
		tests := []struct {
			name  string
			actor *access.Actor
			in    Input
			field string
			key   string
		}{
			{"invalid symbol", e.spec, Input{Symbol: "CT-48/TW", Kind: cite.KindDirective}, "symbol", "documents.error.invalid_symbol"},
			{"unknown kind", e.spec, Input{Symbol: "48-CT/TW", Kind: "memo"}, "kind", "documents.error.unknown_kind"},
			{"issued in the future", e.spec, Input{Symbol: "48-CT/TW", Kind: cite.KindDirective, IssuedOn: civil.Today().AddDays(1)},
				"issued_on", "documents.error.issued_in_future"},
			{"unknown unit", e.spec, Input{Symbol: "48-CT/TW", Kind: cite.KindDirective, IssuerUnitID: 99999}, "issuer_unit_id", "documents.error.unknown_unit"},
			{"dissolved issuer", e.spec, Input{Symbol: "09/NQ-TUCL", Kind: cite.KindResolution, IssuerUnitID: e.units["cao-lang-committee"],
				IssuedOn: d("1980-01-01")}, "issuer_unit_id", "documents.error.issuer_not_alive"},
			{"duplicate in the term", e.spec, Input{Symbol: "32-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2012-01-01")},
				"symbol", "documents.error.duplicate_number"},
			{"duplicate held by a secret document", e.low, Input{Symbol: "2-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2019-01-01")},
				"symbol", "documents.error.duplicate_number_hidden"},
			{"classification above clearance", e.low, Input{Symbol: "48-CT/TW", Kind: cite.KindDirective, Classification: access.Secret},
				"classification", "error.classification_above_clearance"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := unchanged(t, db, func() error {
					_, err := e.s.Create(fixture.Ctx(tt.actor), tt.in)
					return err
				})
				fieldErr(t, err, tt.field, tt.key)
			})
		}
		// The duplicate message names the document holding the number.
		_, err := e.s.Create(fixture.Ctx(e.spec), Input{Symbol: "32-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2014-01-01")})
		if !errorMentions(err, "32-CT/TU (30/05/2015)") || !errorHasParam(err, "id", held.ID) {
			t.Errorf("duplicate message: %v", err)
		}
	})
}

func TestNumberingByTermAndYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		e.installTerms(t)
		ok := []Input{
			{Symbol: "01-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2016-01-10")},          // khóa XVI
			{Symbol: "01-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2021-01-10")},          // khóa XVII: numbering restarts
			{Symbol: "01-KH/TU", Kind: cite.KindPlan, IssuedOn: d("2016-01-10")},               // another kind
			{Symbol: "01-CT/BNCTU", Kind: cite.KindDirective, IssuedOn: d("2016-01-10")},       // another issuer
			{Symbol: "05-KL/TW", Kind: cite.KindConclusion, IssuedOn: d("2016-07-15")},         // central khóa XII
			{Symbol: "05-KL/TW", Kind: cite.KindConclusion, IssuedOn: d("2021-06-01")},         // central khóa XIII
			{Symbol: "521/QĐ-TTg", Kind: cite.KindDecision, IssuedOn: d("2005-06-13")},         // state, 2005
			{Symbol: "521/QĐ-TTg", Kind: cite.KindDecision, IssuedOn: d("2006-06-13")},         // state, 2006
			{Symbol: "30/2020/NĐ-CP", Kind: cite.KindDecree, IssuedOn: d("2020-03-05")},        // normative
			{Symbol: "140-NQ/TU", Kind: cite.KindResolution, IssuedOn: d("1955-05-25")},        // before term data
			{Symbol: "140-NQ/TU", Kind: cite.KindResolution, IssuedOn: d("1957-01-01")},        // cannot be checked: allowed
			{Kind: cite.KindDecision, Number: "14", IssuedOn: d("1978-02-20")},                 // number only
			{Kind: cite.KindDecision, Number: "14", IssuedOn: d("1978-02-20"), Summary: "bis"}, // no issuer: not comparable
		}
		var docs []Document
		for _, in := range ok {
			docs = append(docs, e.mustCreate(t, in))
		}
		if docs[0].TermID == docs[1].TermID || docs[4].TermID == docs[5].TermID || docs[0].TermID == docs[4].TermID {
			t.Errorf("terms: %d %d %d %d", docs[0].TermID, docs[1].TermID, docs[4].TermID, docs[5].TermID)
		}
		if docs[6].NumberingYear != 2005 || docs[8].NumberingYear != 2020 || !docs[6].NumberingChecked {
			t.Errorf("state numbering: %+v", docs[6])
		}
		if docs[9].NumberingChecked || docs[10].NumberingChecked || docs[9].Numbering != NumberingParty {
			t.Errorf("numbering before term data must be unchecked: %+v", docs[9])
		}
		refused := []Input{
			{Symbol: "1-CT/TU", Kind: cite.KindDirective, IssuedOn: d("2019-12-31")},
			{Symbol: "05-KL/TW", Kind: cite.KindConclusion, IssuedOn: d("2020-01-01")},
			{Symbol: "521/QĐ-TTg", Kind: cite.KindDecision, IssuedOn: d("2005-12-31")},
			{Symbol: "30/2020/NĐ-CP", Kind: cite.KindDecree},
		}
		for _, in := range refused {
			_, err := e.s.Create(fixture.Ctx(e.spec), in)
			fieldErr(t, err, "symbol", "documents.error.duplicate_number")
		}
		// Number-only documents of a known body on a known day are one document.
		in := Input{Kind: cite.KindDecision, Number: "14", IssuedOn: d("1978-02-20"), IssuerUnitID: e.units["central-secretariat"]}
		e.mustCreate(t, in)
		_, err := e.s.Create(fixture.Ctx(e.spec), in)
		fieldErr(t, err, "number", "documents.error.duplicate_number")
	})
}
