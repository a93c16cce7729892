package units

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"noichinh/internal/civil"
	"noichinh/internal/generate"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
	"noichinh/internal/vntext"
)

// GenerateStep creates, for each generated organisation, its provincial
// bodies, about twenty agencies, eleven former districts (until 30/6/2025)
// and sixty-five communes and wards (from 01/7/2025) with their successor
// links, and a realistic succession of provincial secretaries and committee
// leaders; it fills env.Localities and env.Agencies. The first organisation
// gets Lạng Sơn's real localities, the others plausible Vietnamese names.
// Generated data is synthetic and not audited (generate.Inserter).
func GenerateStep() generate.Step {
	return generate.Step{Name: "units", Run: func(ctx context.Context, env *generate.Env) error {
		if env.Localities == nil {
			env.Localities = map[int64][]int64{}
		}
		if env.Agencies == nil {
			env.Agencies = map[int64][]int64{}
		}
		for i, org := range env.Orgs {
			g := &generator{env: env, org: org, r: env.Rand(fmt.Sprintf("units/%d", i)), ids: map[string]int64{}}
			if err := g.run(ctx, i == 0); err != nil {
				return fmt.Errorf("units for %s: %w", org.Code, err)
			}
			env.Logf("units: %s: %d units, %d localities, %d agencies", org.Code, len(g.ids),
				len(env.Localities[org.ID]), len(env.Agencies[org.ID]))
		}
		return nil
	}}
}

type genUnit struct {
	code, name, short, parent, admin string
	kind                             Kind
	from, to                         civil.Date
	successorOf                      string // the former district whose territory it took over
}

type generator struct {
	env *generate.Env
	org orgs.Org
	r   *rand.Rand
	ids map[string]int64
}

var (
	reformDate    = civil.MustParse("2025-07-01")
	districtsEnd  = civil.MustParse("2025-06-30")
	committeeFrom = civil.MustParse("2013-06-01")
)

// Names for generated provinces other than the first: common Vietnamese
// commune and district names.
var (
	communeNames = []string{"Tân Lập", "Hòa Bình", "Quang Trung", "Minh Khai", "Đồng Tâm", "Thống Nhất", "Hưng Đạo",
		"Trần Phú", "Lê Lợi", "Nguyễn Trãi", "Phú Thịnh", "An Thịnh", "Vĩnh Phúc", "Tân Tiến", "Hợp Thành", "Đại Đồng",
		"Kim Đồng", "Quyết Thắng", "Chiến Thắng", "Tân Thành", "Yên Bình", "Minh Tân", "Xuân Dương", "Phúc Sơn",
		"Thanh Sơn", "Tiên Phong", "Đông Hưng", "Nam Sơn", "Bắc Sơn", "Tây Sơn", "Trung Sơn", "Cao Phong", "Hồng Phong",
		"Long Hưng", "Phú Cường", "Thịnh Long", "Hòa An", "Bình Minh", "Quảng Thành", "Vạn Thắng", "Hải Yến", "Tam Hợp",
		"Ngọc Lâm", "Đức Thắng", "Kiên Thành", "Mỹ Yên", "Lạc Sơn", "Sơn Hà", "Tân Hòa", "Hưng Thịnh", "Xuân Lai",
		"Phú Lương", "Hiền Lương", "Tân Dân", "Đồng Lạc", "Vĩnh Thịnh", "Thanh Bình", "Hòa Thuận", "Định Hóa", "Yên Thành",
		"Phúc Lộc", "Tân Mỹ", "Khánh Hòa", "Bảo Lâm", "Trường Sơn", "Đoàn Kết", "Thái Học", "Văn Lang", "Hùng Vương",
		"Quang Minh", "Hoàng Hoa Thám", "Minh Đức", "Ngọc Sơn", "Liên Sơn", "Thượng Lâm"}
	districtNames = []string{"Tân Lạc", "Yên Sơn", "Đồng Hỷ", "Phú Bình", "Bảo Yên", "Hòa An", "Nguyên Bình", "Quảng Hòa",
		"Thạch An", "Hà Quảng", "Trùng Khánh", "Bảo Lạc", "Lục Yên", "Văn Chấn", "Mường Tè"}
	departmentNames = []string{"Sở Tài chính", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Y tế",
		"Sở Giáo dục và Đào tạo", "Sở Nội vụ", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo",
		"Sở Ngoại vụ"}
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lương", "Nông", "Vi", "Lăng", "Hà", "Triệu"}
	middleNames = []string{"Văn", "Thị", "Đức", "Quốc", "Minh", "Hữu", "Thanh", "Ngọc", "Xuân", "Hoàng"}
	givenNames  = []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Hương", "Khánh", "Lâm", "Linh",
		"Long", "Nam", "Nghĩa", "Phong", "Quân", "Sơn", "Tâm", "Thắng", "Thành", "Trung", "Tuấn", "Việt", "Yến"}
)

// Centrally governed cities: a Thành ủy, not a Tỉnh ủy, and no provincial city.
var municipalities = []string{"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Cần Thơ"}

// naming returns the province's name ("Tỉnh Cao Bằng"), its Party
// committee's ("Tỉnh ủy Cao Bằng"), the words that follow a body's name
// ("tỉnh Cao Bằng") and whether it is a centrally governed city.
func (g *generator) naming() (province, committee, of string, city bool) {
	place := g.org.Place
	if place == "" {
		place = g.org.Code
	}
	bare := strings.TrimPrefix(place, "Thành phố ")
	if slices.Contains(municipalities, place) {
		return "Thành phố " + bare, "Thành ủy " + place, "thành phố " + bare, true
	}
	return "Tỉnh " + place, "Tỉnh ủy " + place, "tỉnh " + place, false
}

// units returns the organisation's unit specifications, parents first.
func (g *generator) units(real bool) ([]genUnit, error) {
	province, committee, of, city := g.naming()
	shortCommittee, _, _ := strings.Cut(committee, " ")
	out := []genUnit{
		{code: "province", kind: KindProvince, name: province},
		{code: "provincial-committee", kind: KindProvincialCommittee, name: committee, short: shortCommittee},
		{code: "standing-board", kind: KindStandingBoard, name: "Ban Thường vụ " + committee, parent: "provincial-committee"},
		{code: "bnctu", kind: KindAdvisoryBoard, name: "Ban Nội chính " + committee, short: "Ban Nội chính " + shortCommittee,
			parent: "provincial-committee", from: committeeFrom},
		{code: "steering-anticorruption", kind: KindSteeringCommittee, parent: "provincial-committee",
			name: "Ban Chỉ đạo phòng, chống tham nhũng, lãng phí, tiêu cực " + of},
		{code: "ppc", kind: KindStateAgency, name: "Ủy ban nhân dân " + of, short: "UBND", parent: "province"},
	}
	for _, a := range []struct{ code, name string }{{"agency-cong-an-tinh", "Công an"}, {"agency-vks-tinh", "Viện kiểm sát nhân dân"},
		{"agency-tand-tinh", "Tòa án nhân dân"}, {"agency-thanh-tra-tinh", "Thanh tra"}, {"agency-so-tu-phap", "Sở Tư pháp"},
		{"agency-thads-tinh", "Cục Thi hành án dân sự"}, {"agency-bchqs-tinh", "Bộ Chỉ huy Quân sự"},
		{"agency-bdbp-tinh", "Bộ Chỉ huy Bộ đội Biên phòng"}} {
		kind := KindStateAgency
		if a.code == "agency-vks-tinh" || a.code == "agency-tand-tinh" {
			kind = KindProceduralAgency
		}
		out = append(out, genUnit{code: a.code, kind: kind, name: a.name + " " + of})
	}
	out = append(out, genUnit{code: "agency-csdt-cong-an-tinh", kind: KindProceduralAgency, parent: "agency-cong-an-tinh",
		name: "Cơ quan Cảnh sát điều tra Công an " + of})
	for i, n := range departmentNames {
		out = append(out, genUnit{code: fmt.Sprintf("department-%02d", i+1), kind: KindStateAgency, name: n + " " + of,
			short: n, parent: "ppc"})
	}
	if real {
		loc, err := referenceLocalities()
		if err != nil {
			return nil, err
		}
		return append(out, loc...), nil
	}
	n := 11
	if !city {
		n = 10 // and the provincial city
	}
	var dcodes []string
	for i, name := range pickDistinct(g.r, districtNames, n) {
		code := "district-" + slug(name)
		dcodes = append(dcodes, code)
		out = append(out, genUnit{code: code, kind: KindDistrict, name: "Huyện " + name, short: name, parent: "province",
			to: districtsEnd, admin: fmt.Sprint(900 + i)})
	}
	if !city {
		place := strings.TrimPrefix(province, "Tỉnh ")
		out = append(out, genUnit{code: "city-" + slug(place), kind: KindDistrict, name: "Thành phố " + place,
			short: "TP " + place, parent: "province", to: districtsEnd})
		dcodes = append(dcodes, "city-"+slug(place))
	}
	for i, name := range pickDistinct(g.r, communeNames, 65) {
		kind, prefix := KindCommune, "Xã "
		if i >= 61 {
			kind, prefix = KindWard, "Phường "
		}
		out = append(out, genUnit{code: string(kind) + "-" + slug(name), kind: kind, name: prefix + name, short: name,
			parent: "province", from: reformDate, successorOf: dcodes[min(i*len(dcodes)/61, len(dcodes)-1)]})
	}
	return out, nil
}

// referenceLocalities reads Lạng Sơn's districts and communes, and the
// district each commune succeeds, from the embedded reference data.
func referenceLocalities() ([]genUnit, error) {
	succ := map[string]string{}
	b, err := ReferenceData("successors.csv")
	if err != nil {
		return nil, err
	}
	rows, err := readCSV(bytes.NewReader(b), ImportSuccessors)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if _, ok := succ[r.get("to_code")]; !ok {
			succ[r.get("to_code")] = r.get("from_code")
		}
	}
	if b, err = ReferenceData("localities.csv"); err != nil {
		return nil, err
	}
	if rows, err = readCSV(bytes.NewReader(b), ImportUnits); err != nil {
		return nil, err
	}
	var out []genUnit
	for _, r := range rows {
		u := genUnit{code: r.get("code"), kind: Kind(r.get("kind")), name: r.get("name"), short: r.get("short_name"),
			parent: r.get("parent_code"), admin: r.get("admin_code"), successorOf: succ[r.get("code")]}
		u.from, _ = civil.Parse(r.get("valid_from"))
		u.to, _ = civil.Parse(r.get("valid_to"))
		out = append(out, u)
	}
	return out, nil
}

func pickDistinct(r *rand.Rand, pool []string, n int) []string {
	idx := r.Perm(len(pool))
	out := make([]string, 0, n)
	for i := 0; len(out) < n; i++ {
		name := pool[idx[i%len(pool)]]
		if i >= len(pool) {
			name = fmt.Sprintf("%s %d", name, i/len(pool)+1)
		}
		out = append(out, name)
	}
	return out
}

func slug(s string) string { return strings.ReplaceAll(vntext.Fold(s), " ", "-") }

func (g *generator) run(ctx context.Context, real bool) error {
	specs, err := g.units(real)
	if err != nil {
		return err
	}
	db, orgID, now := g.env.DB, g.org.ID, store.Now()
	// Parents before children: insert in rounds, reading back the new ids.
	for pending := specs; len(pending) > 0; {
		ins := generate.NewInserter(db, "units", "org_id", "code", "kind", "name", "short_name", "name_key", "admin_code",
			"parent_id", "valid_from", "valid_to", "search_text", "created_at", "updated_at")
		var later []genUnit
		for _, u := range pending {
			parent, ok := g.ids[u.parent]
			if u.parent != "" && !ok {
				later = append(later, u)
				continue
			}
			search := vntext.Fold(u.code) + " | " + vntext.Fold(u.name) + " | " + vntext.Fold(u.short)
			if err := ins.Add(ctx, orgID, u.code, u.kind, u.name, u.short, vntext.Key(u.name), u.admin, nullID(parent),
				u.from, u.to, search, now, now); err != nil {
				return err
			}
		}
		if err := ins.Flush(ctx); err != nil {
			return err
		}
		if len(later) == len(pending) {
			return fmt.Errorf("unknown parent of %s", later[0].code)
		}
		if err := g.readIDs(ctx); err != nil {
			return err
		}
		pending = later
	}
	events := generate.NewInserter(db, "unit_events", "org_id", "unit_id", "kind", "effective_on", "name", "short_name",
		"unit_kind", "parent_id", "recorded_at", "recorded_by_name")
	successors := generate.NewInserter(db, "unit_successors", "org_id", "unit_id", "successor_id", "effective_on", "basis", "created_at")
	for _, u := range specs {
		id, parent := g.ids[u.code], g.ids[u.parent]
		if err := events.Add(ctx, orgID, id, Established, u.from, u.name, u.short, u.kind, nullID(parent), now, "generate"); err != nil {
			return err
		}
		if !u.to.IsZero() {
			if err := events.Add(ctx, orgID, id, Dissolved, u.to.AddDays(1), "", "", "", nil, now, "generate"); err != nil {
				return err
			}
		}
		if u.successorOf != "" {
			if err := successors.Add(ctx, orgID, g.ids[u.successorOf], id, reformDate, "seat", now); err != nil {
				return err
			}
		}
		switch {
		case u.kind.IsLocality():
			g.env.Localities[orgID] = append(g.env.Localities[orgID], id)
		case u.kind.IsAgency() && u.code != "ppc":
			g.env.Agencies[orgID] = append(g.env.Agencies[orgID], id)
		}
	}
	for _, ins := range []*generate.Inserter{events, successors} {
		if err := ins.Flush(ctx); err != nil {
			return err
		}
	}
	// Each unit's one version, linked to its establishment.
	established := map[int64]int64{}
	rows, err := db.Read().QueryContext(ctx, `SELECT unit_id, id FROM unit_events WHERE org_id = $1 AND kind = 'established'`, orgID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var unit, event int64
		if err := rows.Scan(&unit, &event); err != nil {
			rows.Close()
			return err
		}
		established[unit] = event
	}
	rows.Close()
	versions := generate.NewInserter(db, "unit_versions", "org_id", "unit_id", "valid_from", "valid_to", "kind", "name",
		"short_name", "name_key", "parent_id", "event_id")
	for _, u := range specs {
		id := g.ids[u.code]
		if err := versions.Add(ctx, orgID, id, u.from, u.to, u.kind, u.name, u.short, vntext.Key(u.name),
			nullID(g.ids[u.parent]), established[id]); err != nil {
			return err
		}
	}
	if err := versions.Flush(ctx); err != nil {
		return err
	}
	return g.leaders(ctx, now)
}

func (g *generator) readIDs(ctx context.Context) error {
	rows, err := g.env.DB.Read().QueryContext(ctx, `SELECT code, id FROM units WHERE org_id = $1`, g.org.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		var id int64
		if err := rows.Scan(&code, &id); err != nil {
			return err
		}
		g.ids[code] = id
	}
	return rows.Err()
}

// leaders gives the provincial committee a secretary and two deputies per
// five-year term since 1991, and Ban Nội chính its head and deputies since
// 2013: enough history for "who held the post on that day".
func (g *generator) leaders(ctx context.Context, now time.Time) error {
	type term struct {
		unit     string
		title    Title
		from, to civil.Date
	}
	var terms []term
	for y := 1991; y <= 2021; y += 5 {
		from, to := civil.New(y, 1, 1).AddDays(g.r.IntN(300)), civil.Date{}
		if y+5 <= 2025 {
			to = civil.New(y+5, 1, 1).AddDays(-1)
		}
		terms = append(terms, term{"provincial-committee", Secretary, from, to}, term{"provincial-committee", DeputySecretary, from, to},
			term{"provincial-committee", DeputySecretary, from, to})
	}
	terms = append(terms, term{"bnctu", Head, committeeFrom, civil.MustParse("2019-12-31")}, term{"bnctu", Head, civil.MustParse("2020-01-01"), civil.Date{}},
		term{"bnctu", DeputyHead, committeeFrom, civil.Date{}}, term{"bnctu", DeputyHead, committeeFrom, civil.Date{}})
	// A few dozen rows: plain inserts in one transaction, reading back each id.
	return g.env.DB.Tx(ctx, func(tx *sql.Tx) error {
		for _, t := range terms {
			name := fmt.Sprintf("%s %s %s", generate.Pick(g.r, familyNames), generate.Pick(g.r, middleNames), generate.Pick(g.r, givenNames))
			var person int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO people (org_id, full_name, name_key, search_text, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, g.org.ID, name, vntext.Key(name), vntext.Fold(name), now).Scan(&person); err != nil {
				return err
			}
			endHow := TermEnded
			if t.to.IsZero() {
				endHow = ""
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO positions (org_id, person_id, unit_id, title, starts_on, start_how,
				ends_on, end_how, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
				g.org.ID, person, g.ids[t.unit], t.title, t.from, Elected, t.to, endHow, now); err != nil {
				return err
			}
		}
		return nil
	})
}
