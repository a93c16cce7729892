package generate

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
)

// Provinces are the 34 province-level units since 1 July 2025, each with the
// code its generated Ban Nội chính gets. Lạng Sơn is first (and alone at
// province scale) and keeps the demo's code.
var Provinces = []struct{ Code, Name string }{
	{"LSN", "Lạng Sơn"}, {"HNI", "Hà Nội"}, {"HUE", "Huế"}, {"LCU", "Lai Châu"}, {"DBN", "Điện Biên"},
	{"SLA", "Sơn La"}, {"QNH", "Quảng Ninh"}, {"THA", "Thanh Hóa"}, {"NAN", "Nghệ An"}, {"HTH", "Hà Tĩnh"},
	{"CBG", "Cao Bằng"}, {"TQG", "Tuyên Quang"}, {"LCI", "Lào Cai"}, {"TNN", "Thái Nguyên"}, {"PTO", "Phú Thọ"},
	{"BNH", "Bắc Ninh"}, {"HYN", "Hưng Yên"}, {"HPG", "Hải Phòng"}, {"NBH", "Ninh Bình"}, {"QTI", "Quảng Trị"},
	{"DNG", "Đà Nẵng"}, {"QNI", "Quảng Ngãi"}, {"GLI", "Gia Lai"}, {"KHA", "Khánh Hòa"}, {"LDG", "Lâm Đồng"},
	{"DLK", "Đắk Lắk"}, {"HCM", "Thành phố Hồ Chí Minh"}, {"DNI", "Đồng Nai"}, {"TNH", "Tây Ninh"},
	{"CTO", "Cần Thơ"}, {"VLG", "Vĩnh Long"}, {"DTP", "Đồng Tháp"}, {"CMU", "Cà Mau"}, {"AGG", "An Giang"},
}

// SpecialistsPerOrg is how many specialists each generated committee has.
const SpecialistsPerOrg = 12

var familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
	"Lý", "Lương", "Vi", "Nông", "Hà", "Chu", "Triệu", "Lăng", "Mông", "Hứa"}
var middleNames = []string{"Văn", "Thị", "Đức", "Minh", "Quang", "Thu", "Hữu", "Ngọc", "Thanh", "Xuân"}
var givenNames = []string{"Hùng", "Lan", "Minh", "Hoa", "Tuấn", "Hằng", "Thắng", "Mai", "Dũng", "Nga", "Sơn",
	"Hương", "Cường", "Thảo", "Long", "Yến", "Khánh", "Trang", "Phong", "Linh"}

// PersonName draws a plausible Vietnamese full name.
func PersonName(r interface{ IntN(int) int }) string {
	return familyNames[r.IntN(len(familyNames))] + " " + middleNames[r.IntN(len(middleNames))] + " " +
		givenNames[r.IntN(len(givenNames))]
}

// PlatformStep creates the central committee, the provincial committees of
// the scale and their specialists. It runs first.
func PlatformStep() Step {
	return Step{Name: "organisations and users", Run: func(ctx context.Context, env *Env) error {
		r := env.Rand("platform")
		env.Specialists = map[int64][]int64{}
		env.Localities = map[int64][]int64{}
		env.Agencies = map[int64][]int64{}
		sys := ctxSystem(ctx)
		return env.DB.Tx(sys, func(tx *sql.Tx) error {
			env.Central = orgs.Org{Code: "TW", Name: "Ban Nội chính Trung ương", Kind: orgs.Central, Place: "Hà Nội", IssuerCode: "BNCTW"}
			if err := orgs.Create(sys, tx, &env.Central); err != nil {
				return err
			}
			for _, p := range Provinces[:env.Scale.Provinces()] {
				o := orgs.Org{Code: p.Code, Name: "Ban Nội chính Tỉnh ủy " + p.Name, Kind: orgs.Provincial,
					ParentID: env.Central.ID, Place: p.Name, IssuerCode: "BNCTU"}
				if p.Code == "HNI" || p.Code == "HCM" || p.Code == "HPG" || p.Code == "DNG" || p.Code == "CTO" || p.Code == "HUE" {
					o.Name = "Ban Nội chính Thành ủy " + p.Name
					o.IssuerCode = "BNCThU"
				}
				if err := orgs.Create(sys, tx, &o); err != nil {
					return err
				}
				env.Orgs = append(env.Orgs, o)
				now := store.Now()
				for i := range SpecialistsPerOrg {
					var id int64
					err := tx.QueryRowContext(ctx, `INSERT INTO users (username, full_name, clearance, created_at, updated_at)
						VALUES ($1, $2, $3, $4, $4) RETURNING id`,
						fmt.Sprintf("cv%02d.%s", i+1, strings.ToLower(p.Code)), PersonName(r), access.Secret, now).Scan(&id)
					if err != nil {
						return err
					}
					if _, err := tx.ExecContext(ctx, `INSERT INTO memberships (user_id, org_id, role, created_at) VALUES ($1, $2, 'specialist', $3)`,
						id, o.ID, now); err != nil {
						return err
					}
					env.Specialists[o.ID] = append(env.Specialists[o.ID], id)
				}
			}
			env.Logf("%d provincial committees, %d specialists each", len(env.Orgs), SpecialistsPerOrg)
			return nil
		})
	}}
}

func ctxSystem(ctx context.Context) context.Context {
	return access.WithActor(ctx, access.SystemActor(0, "generate"))
}

// Run creates the data of all steps in order, on an empty database.
func Run(ctx context.Context, env *Env, steps []Step) error {
	empty, err := env.DB.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("the database already holds data; generate into an empty one")
	}
	for _, s := range append([]Step{PlatformStep()}, steps...) {
		env.Logf("generating %s…", s.Name)
		if err := s.Run(ctx, env); err != nil {
			return fmt.Errorf("generate %s: %w", s.Name, err)
		}
	}
	// Fresh planner statistics, as routine maintenance (PostgreSQL's
	// autovacuum) would give the data some time later: without them the first
	// benchmarks measure plans made for empty tables.
	env.Logf("analyzing…")
	return env.DB.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `ANALYZE`)
		return err
	})
}
