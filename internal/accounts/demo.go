package accounts

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"math/big"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/demo"
)

// demoWords make passphrases that are easy to type from a printout.
var demoWords = []string{"kycung", "maison", "tamthanh", "dongkinh", "kylua", "chilang", "binhgia", "bacson",
	"vanlang", "trangdinh", "locbinh", "huulung", "dinhlap", "caoloc", "nhithanh", "tocong", "phaichu", "langson"}

func demoPassword() string {
	pick := func(n int) int {
		v, _ := rand.Int(rand.Reader, big.NewInt(int64(n)))
		return int(v.Int64())
	}
	var parts []string
	for range 3 {
		parts = append(parts, demoWords[pick(len(demoWords))])
	}
	return strings.Join(parts, "-") + "-" + string(rune('0'+pick(10))) + string(rune('0'+pick(10)))
}

// DemoStep creates one account per role, with passwords shown once. The
// clerk reports for phường Tam Thanh, so the units step must run first.
func (s *Service) DemoStep() demo.Step {
	return demo.Step{Name: "accounts", Load: func(ctx context.Context, env *demo.Env) error {
		var wardID int64
		err := env.DB.Read().QueryRowContext(ctx, `SELECT id FROM units WHERE org_id = $1 AND code = 'ward-tam-thanh'`, env.Org.ID).Scan(&wardID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		people := []struct {
			username, name string
			role           access.Role
			clearance      access.Classification
			org            int64
			unit           int64
			dept           string
		}{
			{"admin", "Quản trị hệ thống", access.Administrator, access.MostSecret, env.Org.ID, 0, "Văn phòng"},
			{"truongban", "Nguyễn Văn Thắng (Trưởng ban)", access.Leader, access.MostSecret, env.Org.ID, 0, "Lãnh đạo Ban"},
			{"phoban", "Hoàng Thị Lan (Phó Trưởng ban)", access.Leader, access.TopSecret, env.Org.ID, 0, "Lãnh đạo Ban"},
			{"chuyenvien1", "Lương Văn Hùng", access.Specialist, access.Secret, env.Org.ID, 0, "Phòng Nội chính"},
			{"chuyenvien2", "Vi Thị Hoa", access.Specialist, access.Secret, env.Org.ID, 0, "Phòng Phòng, chống tham nhũng"},
			{"chuyenvien3", "Đinh Quang Minh", access.Specialist, access.Normal, env.Org.ID, 0, "Phòng Cải cách tư pháp"},
			{"thuongvu", "Thành viên Ban Thường vụ", access.Viewer, access.Secret, env.Org.ID, 0, ""},
			{"vanthu.tamthanh", "Văn phòng Đảng ủy phường Tam Thanh", access.Clerk, access.Normal, env.Org.ID, wardID, ""},
			{"trunguong", "Chuyên viên Ban Nội chính Trung ương", access.Central, access.Secret, env.Central.ID, 0, ""},
		}
		for _, p := range people {
			if p.role == access.Clerk && p.unit == 0 {
				continue // no ward loaded: no clerk to tie to it
			}
			pw := demoPassword()
			_, err := s.CreateUser(ctx, NewUser{Username: p.username, FullName: p.name, Password: pw, Role: p.role,
				OrgID: p.org, Clearance: p.clearance, UnitID: p.unit, Department: p.dept})
			if err != nil {
				return err
			}
			orgCode := env.Org.Code
			if p.org == env.Central.ID {
				orgCode = env.Central.Code
			}
			env.Accounts = append(env.Accounts, demo.Account{Username: p.username, Password: pw, Role: string(p.role), Org: orgCode})
		}
		return nil
	}}
}
