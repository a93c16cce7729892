package units

import (
	"bytes"
	"strings"
	"testing"

	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/vntext"
)

func TestReferenceData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		if _, err := e.svc.LoadReferenceData(e.ctx); err == nil {
			t.Fatal("a specialist imported reference data")
		}
		results, err := e.svc.LoadReferenceData(e.sys)
		if err != nil {
			t.Fatal(err)
		}
		if results[4].Created != 76 || results[5].Created != 66 {
			t.Errorf("localities and successors: %+v", results)
		}
		after := d("2025-07-01")
		page, err := e.svc.List(e.sys, Filter{AsOf: after, Kinds: []Kind{KindCommune, KindWard}})
		if err != nil {
			t.Fatal(err)
		}
		communes, wards := 0, 0
		for _, en := range page.Items {
			switch en.Version.Kind {
			case KindCommune:
				communes++
			case KindWard:
				wards++
			}
		}
		if page.Total != 65 || communes != 61 || wards != 4 {
			t.Errorf("on 2025-07-01: %d units, %d communes, %d wards", page.Total, communes, wards)
		}
		// The figure and the list behind it agree.
		counts, err := e.svc.CountByKind(e.ctx, after)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range counts {
			listed, err := e.svc.List(e.ctx, c.List)
			if err != nil || listed.Total != c.Count {
				t.Errorf("%s: figure %d, list %d (%v)", c.Kind, c.Count, listed.Total, err)
			}
			if (c.Kind == KindCommune && c.Count != 61) || (c.Kind == KindWard && c.Count != 4) || c.Kind == KindDistrict {
				t.Errorf("%s on 2025-07-01: %d", c.Kind, c.Count)
			}
		}
		var wardNames []string
		for _, en := range page.Items {
			if en.Version.Kind == KindWard {
				wardNames = append(wardNames, en.Version.Name)
			}
		}
		if got := strings.Join(wardNames, ", "); got != "Phường Đông Kinh, Phường Kỳ Lừa, Phường Lương Văn Tri, Phường Tam Thanh" {
			t.Errorf("wards in Vietnamese order: %s", got)
		}
		for _, day := range []string{"2025-06-30", "2025-07-01"} {
			districts, err := e.svc.List(e.sys, Filter{AsOf: d(day), Kinds: []Kind{KindDistrict}})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]int{"2025-06-30": 11, "2025-07-01": 0}[day]
			if districts.Total != want {
				t.Errorf("districts on %s: %d, want %d", day, districts.Total, want)
			}
		}
		all, _ := e.svc.List(e.sys, Filter{Kinds: []Kind{KindDistrict}, IncludeDissolved: true})
		for _, en := range all.Items {
			if en.Unit.ValidTo != d("2025-06-30") || en.Alive {
				t.Errorf("%s valid to %s", en.Unit.Code, en.Unit.ValidTo)
			}
		}
		if communesBefore, _ := e.svc.List(e.sys, Filter{AsOf: d("2025-06-30"), Kinds: []Kind{KindCommune, KindWard}}); communesBefore.Total != 0 {
			t.Errorf("communes before 01/7/2025: %d", communesBefore.Total)
		}
		// Every stable code of the common section exists.
		for _, code := range []string{"district-trang-dinh", "district-van-lang", "district-binh-gia", "district-bac-son",
			"district-van-quan", "district-cao-loc", "district-loc-binh", "district-chi-lang", "district-dinh-lap",
			"district-huu-lung", "city-lang-son", "ward-tam-thanh", "ward-luong-van-tri", "ward-ky-lua", "ward-dong-kinh",
			"provincial-committee", "standing-board", "executive-committee", "permanent-office", "bnctu", "ubkttu",
			"btctu", "vptu", "ppc", "steering-anticorruption", "steering-judicial-reform", "agency-cong-an-tinh",
			"agency-csdt-cong-an-tinh", "agency-vks-tinh", "agency-tand-tinh", "agency-thanh-tra-tinh", "agency-so-tu-phap",
			"agency-thads-tinh", "agency-bchqs-tinh", "agency-bdbp-tinh", "central-executive-committee", "central-politburo",
			"central-secretariat", "central-government", "central-prime-minister", "central-national-assembly",
			"central-internal-affairs", "lk-viet-bac", "cao-lang-committee", "commune-dong-dang"} {
			if _, err := ByCode(e.sys, db.Read(), e.org, code); err != nil {
				t.Errorf("%s: %v", code, err)
			}
		}
		bnctu, _ := ByCode(e.sys, db.Read(), e.org, "bnctu")
		if bnctu.ValidFrom != d("2013-06-01") || bnctu.IssuerCode != "BNCTU" {
			t.Errorf("bnctu %+v", bnctu)
		}
		// Each district's successors; every new unit has one.
		seen := map[int64]bool{}
		for _, en := range all.Items {
			succ, err := e.svc.Successors(e.sys, en.Unit.ID)
			if err != nil || len(succ) == 0 {
				t.Errorf("%s: %d successors, %v", en.Unit.Code, len(succ), err)
			}
			for _, s := range succ {
				seen[s.SuccessorID] = true
			}
		}
		if len(seen) != 65 {
			t.Errorf("%d new units are somebody's successor", len(seen))
		}
		vanLang, _ := ByCode(e.sys, db.Read(), e.org, "district-van-lang")
		now, err := e.svc.CurrentUnits(e.sys, vanLang.ID, d("2026-01-01"))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, u := range now {
			names = append(names, u.ShortName)
		}
		if strings.Join(names, ", ") != "Hoàng Văn Thụ, Hội Hoan, Na Sầm, Thụy Hùng, Văn Lãng" {
			t.Errorf("Văn Lãng's successors: %v", names)
		}
		// Importing the files again changes nothing.
		before := storetest.Dump(t, db)
		again, err := e.svc.LoadReferenceData(e.sys)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range again {
			if r.Created != 0 || r.Skipped != r.Rows {
				t.Errorf("second import: %+v", r)
			}
		}
		if after := storetest.Dump(t, db); stripImportAudit(after) != stripImportAudit(before) {
			t.Error("a second import changed data")
		}
	})
}

// stripImportAudit drops the audit entries of the imports themselves, which
// a second import adds by design.
func stripImportAudit(dump string) string {
	var keep []string
	section := ""
	for _, line := range strings.Split(dump, "\n") {
		if strings.HasPrefix(line, "== ") {
			section = line
		}
		if section == "== audit_log" || section == "== audit_head" {
			continue
		}
		keep = append(keep, line)
	}
	return strings.Join(keep, "\n")
}

func TestResolveNames(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		if _, err := e.svc.LoadReferenceData(e.sys); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, on string
			want     []string // codes
		}{
			{"Xã Thất Khê", "2025-08-01", []string{"commune-that-khe"}},
			{"xã  thất   khê", "2025-08-01", []string{"commune-that-khe"}},
			{"Xa That Khe", "2025-08-01", nil}, // Key keeps diacritics: no match without them
			{"Chi Lăng", "2024-01-01", []string{"district-chi-lang"}},
			{"Chi Lăng", "2025-07-01", []string{"commune-chi-lang"}},
			{"Chi Lăng", "", []string{"commune-chi-lang", "district-chi-lang"}},
			{"Quý Hoà", "2025-07-01", []string{"commune-quy-hoa"}}, // either tone placement
			{"Phường Kỳ Lừa", "2025-07-01", []string{"ward-ky-lua"}},
			{"Tỉnh ủy Lạng Sơn", "2020-01-01", []string{"provincial-committee"}},
			{"Tỉnh uỷ", "2020-01-01", []string{"provincial-committee"}},
		}
		for _, tc := range tests {
			var on civil.Date
			if tc.on != "" {
				on = d(tc.on)
			}
			matches, err := e.svc.ResolveName(e.ctx, e.org, tc.name, on)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range matches {
				got = append(got, m.Unit.Code)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("%q on %s: %v, want %v", tc.name, tc.on, got, tc.want)
			}
		}
		// Another organisation's names are not for this actor.
		if _, err := e.svc.ResolveName(e.ctx, e.org+1, "Chi Lăng", civil.Date{}); err == nil {
			t.Error("resolved in another organisation")
		}
	})
}

func TestImportIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		if _, err := e.svc.Import(e.sys, strings.NewReader(centralCSV()), ImportUnits); err != nil {
			t.Fatal(err)
		}
		before := storetest.Dump(t, db)
		bad := "\ufeffcode,kind,name,parent_code,valid_from,valid_to,established_issuer\n" +
			"district-a,district,Huyện A,,2000-01-01,2025-06-30,\n" + // line 2: fine
			"commune-b,commune,Xã B,district-a,1990-01-01,,\n" + // line 3: parent did not exist in 1990
			"commune-c,village,Xã C,,,,\n" + // line 4: unknown kind
			"commune-d,commune,,no-such-parent,,,\n" + // line 5: no name, unknown parent
			"district-a,district,Huyện A bis,,,,\n" + // line 6: code twice in the file
			"commune-e,commune,Xã E,,31/02/2020,,\n" + // line 7: no such date
			"commune-f,commune,Xã F,,2020-01-01,2019-01-01,\n" + // line 8: ends before it starts
			"central-politburo,commune,Xã G,,,,\n" + // line 9: code of another unit
			"commune-h,commune,Xã H,,,,no-such-issuer\n" // line 10: unknown issuer
		_, err := e.svc.Import(e.sys, strings.NewReader(bad), ImportUnits)
		want := map[string]string{
			"rows[3].parent_code":         "units.error.parent_not_alive",
			"rows[4].kind":                "error.invalid_choice",
			"rows[5].name":                "error.required",
			"rows[5].parent_code":         "units.error.unknown_parent",
			"rows[6].code":                "units.error.duplicate_code_in_file",
			"rows[7].valid_from":          "error.invalid_date",
			"rows[8].valid_to":            "error.date_order",
			"rows[9].code":                "units.error.exists_different",
			"rows[10].established_issuer": "units.error.unknown_unit",
		}
		for field, key := range want {
			if got := fieldKey(err, field); got != key {
				t.Errorf("%s: %q, want %q (all: %v)", field, got, key, err)
			}
		}
		if after := storetest.Dump(t, db); after != before {
			t.Error("a refused import changed the database")
		}
		// The same file without its bad rows goes in whole.
		good := "code,kind,name,parent_code,valid_from,valid_to\n" +
			"commune-b,commune,Xã B,district-a,2001-01-01,2025-06-30\n" + // a child before its parent in the file
			"district-a,district,Huyện A,,2000-01-01,2025-06-30\n"
		res, err := e.svc.Import(e.sys, strings.NewReader(good), ImportUnits)
		if err != nil || res.Created != 2 {
			t.Fatalf("%+v %v", res, err)
		}
		b, _ := ByCode(e.sys, db.Read(), e.org, "commune-b")
		a, _ := ByCode(e.sys, db.Read(), e.org, "district-a")
		if b.ParentID != a.ID {
			t.Errorf("parent of b: %d, want %d", b.ParentID, a.ID)
		}
		// A header problem is reported before anything else.
		_, err = e.svc.Import(e.sys, strings.NewReader("code,colour\nx,red\n"), ImportUnits)
		if fieldKey(err, "file") == "" {
			t.Errorf("bad header: %v", err)
		}
		// A cycle inside the file.
		cyc := "code,kind,name,parent_code\nu-1,department,Phòng 1,u-2\nu-2,department,Phòng 2,u-1\n"
		if _, err := e.svc.Import(e.sys, strings.NewReader(cyc), ImportUnits); fieldKey(err, "rows[2].parent_code") != "units.error.cycle" {
			t.Errorf("cycle: %v", err)
		}
		// Successors: an unknown code refuses the whole file.
		succ := "from_code,to_code,effective_on\ndistrict-a,commune-b,2025-07-01\ndistrict-a,nowhere,2025-07-01\n"
		before = storetest.Dump(t, db)
		if _, err := e.svc.Import(e.sys, strings.NewReader(succ), ImportSuccessors); fieldKey(err, "rows[3].to_code") != "units.error.unknown_unit" {
			t.Errorf("successors: %v", err)
		}
		if storetest.Dump(t, db) != before {
			t.Error("a refused successors import changed the database")
		}
	})
}

func centralCSV() string {
	b, _ := ReferenceData("central.csv")
	return string(bytes.TrimSpace(b)) + "\n"
}

func TestReferenceFilesAreNormalised(t *testing.T) {
	for _, f := range ReferenceFiles {
		b, err := ReferenceData(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if s := string(b); vntext.CleanText(s) != strings.TrimRight(s, "\n") {
			t.Errorf("%s is not clean NFC text", f.Name)
		}
	}
}
