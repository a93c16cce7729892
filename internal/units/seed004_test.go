package units

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/demo"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// loadDemo runs the demo step into a fresh organisation.
func loadDemo(t *testing.T, db *store.DB) (env, *demo.Env) {
	t.Helper()
	e := newEnv(t, db)
	denv := &demo.Env{DB: db, Org: e.o, Today: civil.Today()}
	if err := DemoStep().Load(e.sys, denv); err != nil {
		t.Fatal(err)
	}
	return e, denv
}

func (e env) unit(t *testing.T, code string) Unit {
	t.Helper()
	u, err := ByCode(e.sys, e.db.Read(), e.org, code)
	if err != nil {
		t.Fatalf("%s: %v", code, err)
	}
	return u
}

func (e env) holders(t *testing.T, code string, title Title, on string) []string {
	t.Helper()
	ps, err := e.svc.HolderOn(e.ctx, e.unit(t, code).ID, title, d(on))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.PersonName)
	}
	sort.Strings(names)
	return names
}

func TestSeed004History(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e, _ := loadDemo(t, db)
		bloc := e.unit(t, blocCode)
		caoLang := e.unit(t, caoLangBlocCode)
		nameOn := func(u Unit, on string) string {
			entries, err := e.svc.AsOf(e.ctx, d(on))
			if err != nil {
				t.Fatal(err)
			}
			for _, en := range entries {
				if en.Unit.ID == u.ID {
					return en.Version.Name
				}
			}
			return "(none)"
		}
		tests := []struct{ on, bloc, caoLang string }{
			{"1954-09-26", "(none)", "(none)"},
			{"1954-09-27", "Đảng bộ Cơ quan Dân chính Đảng xung quanh tỉnh Lạng Sơn", "(none)"},
			{"1960-07-31", "Đảng bộ Cơ quan Dân chính Đảng xung quanh tỉnh Lạng Sơn", "(none)"},
			{"1961-01-01", "Đảng bộ Cơ quan Dân chính Đảng tỉnh Lạng Sơn", "(none)"},
			{"1975-12-26", "Đảng bộ Cơ quan Dân chính Đảng tỉnh Lạng Sơn", "(none)"},
			{"1976-01-01", "(none)", "Đảng bộ Chính dân Đảng tỉnh Cao Lạng"},
			{"1978-10-08", "(none)", "Đảng bộ Chính dân Đảng tỉnh Cao Lạng"},
			{"1978-10-09", "(none)", "(none)"},
			{"1984-05-13", "(none)", "(none)"},
			{"1984-05-14", "Đảng bộ Các cơ quan tỉnh Lạng Sơn", "(none)"},
			{"2003-10-09", "Đảng bộ Các cơ quan tỉnh Lạng Sơn", "(none)"},
			{"2003-10-10", "Đảng bộ Khối cơ quan dân chính Đảng tỉnh", "(none)"},
			{"2010-05-27", "Đảng bộ Khối cơ quan dân chính Đảng tỉnh", "(none)"},
			{"2010-05-28", "Đảng bộ Khối các cơ quan tỉnh", "(none)"},
			{"2021-09-27", "Đảng bộ Khối các cơ quan tỉnh", "(none)"},
		}
		for _, tc := range tests {
			if got := nameOn(bloc, tc.on); got != tc.bloc {
				t.Errorf("%s: %q, want %q", tc.on, got, tc.bloc)
			}
			if got := nameOn(caoLang, tc.on); got != tc.caoLang {
				t.Errorf("%s Cao Lạng: %q, want %q", tc.on, got, tc.caoLang)
			}
		}
		// Stored versions are exactly what the events derive.
		checkDerivedVersions(t, db, e.o)
		// One unit, five names, a gap of eight years.
		h, err := e.svc.History(e.ctx, bloc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Versions) != 5 || h.Versions[1].ValidTo != d("1975-12-26") || h.Versions[2].ValidFrom != d("1984-05-14") {
			t.Errorf("versions: %+v", h.Versions)
		}
		if len(h.Successors) != 1 || h.Successors[0].SuccessorID != caoLang.ID {
			t.Errorf("successors: %+v", h.Successors)
		}
		if ph, _ := e.svc.History(e.ctx, caoLang.ID); len(ph.Predecessors) != 2 {
			t.Errorf("Cao Lạng's predecessors: %+v", ph.Predecessors)
		}
		// The tree of 1977: the merged organisation under Tỉnh ủy Cao Lạng.
		tree, err := e.svc.Tree(e.ctx, d("1977-01-01"))
		if err != nil {
			t.Fatal(err)
		}
		var path []string
		var walk func(ns []*Node, depth int)
		walk = func(ns []*Node, depth int) {
			for _, n := range ns {
				if n.Unit.Code == caoLangBlocCode {
					path = append(path, n.Version.Name)
				}
				if n.Unit.Code == "cao-lang-committee" {
					for _, c := range n.Children {
						path = append(path, n.Version.Name+" > "+c.Version.Name)
					}
				}
				walk(n.Children, depth+1)
			}
		}
		walk(tree, 0)
		if !slices.Contains(path, "Tỉnh ủy Cao Lạng > Đảng bộ Chính dân Đảng tỉnh Cao Lạng") {
			t.Errorf("1977 tree: %v", path)
		}

		// Who held the post on the day.
		holders := []struct {
			code  string
			title Title
			on    string
			want  string
		}{
			{blocCode, Secretary, "1955-06-01", "Hoàng Thanh Sơn"},
			{blocCode, Secretary, "1962-05-29", "Nguyễn Khắc Nhị"},
			{blocCode, Secretary, "1970-01-01", "Lê Thiệu"},
			{caoLangBlocCode, Secretary, "1977-01-01", "Dương Quốc Tiến"},
			{blocCode, Secretary, "1980-01-01", ""},
			{blocCode, Secretary, "1990-01-01", "Hoàng Tự"},
			{blocCode, Secretary, "2004-12-31", ""},
			{blocCode, ActingSecretary, "2004-12-31", "Hoàng Thăng"},
			{blocCode, Secretary, "2005-10-13", "Hoàng Trung Tuyến"},
			{blocCode, Secretary, "2012-03-19", "Hoàng Văn Nghiệm"},
			{blocCode, Secretary, "2015-08-19", "Vũ Văn An"},
			{blocCode, Secretary, "2019-01-01", "Hướng Văn Độ"},
			{blocCode, Secretary, "2020-07-16", "Nguyễn Hoàng Tùng"},
			{blocCode, InspectionChair, "2022-01-01", "Đoàn Trung Diễn"},
			{blocCode, DeputySecretary, "1977-01-01", ""},
			{blocCode, DeputySecretary, "2015-01-01", "Hoàng Văn Thường, Vi Minh Tú"},
			{blocCode, DeputySecretary, "2016-01-01", "Nguyễn Đức Thắng, Vi Minh Tú"},
			{blocCode, DeputySecretary, "2020-06-01", "Nguyễn Đức Thắng"},
			{blocCode, DeputySecretary, "2021-01-01", "Nguyễn Đức Thắng, Phạm Thu Hằng"},
			{"steering-judicial-reform", Secretary, "2020-07-02", ""},
		}
		for _, tc := range holders {
			if got := strings.Join(e.holders(t, tc.code, tc.title, tc.on), ", "); got != tc.want {
				t.Errorf("%s %s on %s: %q, want %q", tc.code, tc.title, tc.on, got, tc.want)
			}
		}
		// Everyone in post on the day of the XIV congress's election.
		in, err := e.svc.PeopleIn(e.ctx, bloc.ID, d("2020-07-16"))
		if err != nil {
			t.Fatal(err)
		}
		var posts []string
		for _, p := range in {
			posts = append(posts, string(p.Title)+":"+p.PersonName)
		}
		if want := "secretary:Nguyễn Hoàng Tùng, deputy_secretary:Nguyễn Đức Thắng, deputy_secretary:Phạm Thu Hằng, inspection_chair:Đoàn Trung Diễn"; strings.Join(posts, ", ") != want {
			t.Errorf("people in on 2020-07-16: %s", strings.Join(posts, ", "))
		}

		// Congresses: ten congresses and two designated committees.
		cs, err := e.svc.Congresses(e.ctx, bloc.ID)
		if err != nil {
			t.Fatal(err)
		}
		var numbers []string
		for _, c := range cs {
			numbers = append(numbers, c.Number)
		}
		if got := strings.Join(numbers, " "); got != "I II  VII VIII IX X XI XII XIII XIV" {
			t.Errorf("congresses: %q", got)
		}
		xiv := cs[len(cs)-1]
		if xiv.ExecutiveSize != 24 || xiv.StandingSize != 7 || xiv.TermFromYear != 2020 || xiv.TermToYear != 2025 || xiv.From != d("2020-07-15") {
			t.Errorf("XIV: %+v", xiv)
		}
		if cs[0].ExecutiveAlternates != 2 || cs[0].Precision != Month {
			t.Errorf("I: %+v", cs[0])
		}
	})
}

// Every document symbol and every dated decision of seed 004 is the
// deciding document of an event, a congress or a position.
func TestSeed004DocumentsAreRecorded(t *testing.T) {
	db := storetest.SQLite(t)
	loadDemo(t, db)
	decisions := map[string]bool{} // "symbol|date"
	add := func(dec Decision) {
		decisions[dec.Symbol+"|"+dec.Date.String()] = true
	}
	rows, err := db.Read().Query(`SELECT decision_symbol, decision_date FROM unit_events
		UNION ALL SELECT start_decision_symbol, start_decision_date FROM positions
		UNION ALL SELECT end_decision_symbol, end_decision_date FROM positions
		UNION ALL SELECT decision_symbol, decision_date FROM congresses`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var dec Decision
		if err := rows.Scan(&dec.Symbol, &dec.Date); err != nil {
			t.Fatal(err)
		}
		add(dec)
	}
	rows.Close()
	for _, want := range []string{
		"101-NQNS/LKVB|1954-09-27", "140-NQ/TU|1955-05-25", "410-NQ/TĐB|1959-07-30", "|1975-12-27",
		"08/NQ/TC/CL|1976-03-04", "Quyết định số 14|1978-02-20", "336/NQ-TUCL|1978-10-09", "|1978-12-29",
		"56-NQ/TU|1984-05-14", "|1984-05-25", "489-NQ/TU|1987-11-24", "881-QĐ/TU|1988-12-10", "70-NQ/TU|1990-04-09",
		"13-NQ/TU|1996-10-04", "|1996-10-22", "258-QĐ/TU|1998-04-27", "474-QĐ/TU|2003-10-10", "598-QĐ/TU|2004-06-30",
		"1013-QĐ/TU|2005-10-07", "1479-QĐ/TU|2010-05-28", "1465-QĐ/TU|2010-05-20", "|2010-06-08",
		"1484-QĐ/TU|2010-06-14", "445-QĐ/TU|2012-03-19", "705-QĐ/TU|2012-09-19", "|2012-10-04",
		"1313-QĐ/TU|2014-02-03", "1457-QĐ/TU|2014-06-25", "1466-QĐ/TU|2018-09-20", "2311-QĐ/TU|2020-05-04",
		"2391-QĐ/TU|2020-06-25",
		// Elections at each congress are dated its last day.
		"|1962-05-29", "|1986-09-24", "|1991-10-30", "|1996-03-14", "|2000-11-24", "|2005-10-14", "|2010-08-12",
		"|2015-08-20", "|2020-07-16",
	} {
		if !decisions[want] {
			t.Errorf("decision %s is not recorded", want)
		}
	}
	// Dates given only to the month or the year keep that precision.
	for _, tc := range []struct {
		person, from string
		prec         Precision
	}{{"Trương Ích Trung", "1965-12-01", Year}, {"Lê Thiệu", "1969-08-01", Month}, {"Dương Quốc Tiến", "1973-08-01", Month}} {
		var prec Precision
		if err := db.Read().QueryRow(`SELECT p.start_precision FROM positions p JOIN people pe ON pe.id = p.person_id
			WHERE pe.full_name = $1 AND p.starts_on = $2`, tc.person, tc.from).Scan(&prec); err != nil || prec != tc.prec {
			t.Errorf("%s: %s %v", tc.person, prec, err)
		}
	}
}

func TestDemoStaffAndSteering(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		org := e.o
		// The users the accounts step creates (chuyenvien1 exists already).
		for _, u := range []struct {
			name string
			role access.Role
		}{{"chuyenvien2", access.Specialist}, {"chuyenvien3", access.Specialist}, {"truongban", access.Leader}, {"phoban", access.Leader}} {
			fixture.User(t, db, org, u.name, u.role, access.Secret)
		}
		denv := &demo.Env{DB: db, Org: org, Today: civil.Today()}
		if err := DemoStep().Load(e.sys, denv); err != nil {
			t.Fatal(err)
		}
		before := storetest.Dump(t, db)
		if err := DemoStaffStep().Load(e.sys, denv); err != nil {
			t.Fatal(err)
		}
		if storetest.Dump(t, db) != before {
			t.Error("the staff step is not idempotent")
		}
		followers := func(code, on string) string {
			as, err := e.svc.FollowersOn(e.ctx, e.unit(t, code).ID, d(on))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, a := range as {
				names = append(names, a.UserName+"/"+string(a.Role))
			}
			return strings.Join(names, ", ")
		}
		if got := followers("district-van-lang", "2024-01-01"); got != "Người dùng chuyenvien1/attends_meetings, Người dùng chuyenvien1/follows" &&
			got != "Người dùng chuyenvien1/follows, Người dùng chuyenvien1/attends_meetings" {
			t.Errorf("Văn Lãng 2024: %s", got)
		}
		if got := followers("district-van-lang", "2025-07-01"); got != "" {
			t.Errorf("Văn Lãng after the reform: %s", got)
		}
		if got := followers("commune-na-sam", "2026-01-01"); got != "Người dùng chuyenvien1/follows" {
			t.Errorf("Na Sầm 2026: %s", got)
		}
		cv3, _, _, _ := demoUser(e.sys, db.Read(), e.org, "chuyenvien3")
		now, err := e.svc.FollowedBy(e.ctx, cv3, d("2026-01-01"))
		if err != nil {
			t.Fatal(err)
		}
		if len(now) != 6+8+3 {
			t.Errorf("chuyenvien3 follows %d units in 2026", len(now))
		}

		// Steering committees: seats held by posts resolve to their holders.
		ac, err := e.svc.SteeringOn(e.ctx, e.unit(t, "steering-anticorruption").ID, d("2026-01-01"))
		if err != nil {
			t.Fatal(err)
		}
		var seats []string
		for _, s := range ac.Seats {
			who := s.PersonName
			for _, h := range s.Holders {
				who += h.PersonName
			}
			if s.Agency != nil {
				who = s.Agency.Code
			}
			seats = append(seats, string(s.Member.Role)+"="+who)
		}
		if got := strings.Join(seats, "; "); got != "chair=; permanent_deputy=Người dùng truongban; standing_agency=bnctu" {
			t.Errorf("anti-corruption committee: %s", got)
		}
		jr, err := e.svc.SteeringOn(e.ctx, e.unit(t, "steering-judicial-reform").ID, d("2020-07-02"))
		if err != nil {
			t.Fatal(err)
		}
		if len(jr.Seats) != 2 || jr.Seats[0].PersonName != "Hoàng Văn Nghiệm" || jr.Seats[1].Agency.Code != "bnctu" {
			t.Errorf("judicial reform committee on 2020-07-02: %+v", jr.Seats)
		}
		if jr16, _ := e.svc.SteeringOn(e.ctx, e.unit(t, "steering-judicial-reform").ID, d("2016-12-31")); len(jr16.Seats) != 0 {
			t.Errorf("judicial reform committee in 2016: %+v", jr16.Seats)
		}
		// The same person across modules: Bí thư Đảng ủy Khối 2012–2014, then Phó Bí thư Thường trực Tỉnh ủy.
		people, _ := e.svc.ListPeople(e.ctx, PeopleFilter{Text: "hoang van nghiem"})
		if people.Total != 1 {
			t.Fatalf("people: %+v", people)
		}
		terms, _ := e.svc.PositionsOf(e.ctx, people.Items[0].ID)
		if len(terms) != 3 || terms[0].UnitName != "Đảng bộ Khối các cơ quan tỉnh" {
			t.Errorf("Hoàng Văn Nghiệm's posts: %+v", terms)
		}
	})
}
