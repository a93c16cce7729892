package units

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"noichinh/internal/civil"
	"noichinh/internal/demo"
	"noichinh/internal/store"
)

// DemoStep loads the organisation module's demo data into the demo
// organisation: the reference data, seed 004's seventy years of one Party
// organisation (units, renames, the merger into Cao Lạng, the dissolution,
// the re-establishment, every congress, secretary, deputy and personnel
// decision with its document), seed 000's Ban Nội chính Tỉnh ủy with its
// departments, and the two steering committees (seed 000, seed 001). When
// the accounts step has run before it, it also assigns the demo staff
// (DemoStaffStep); otherwise list DemoStaffStep after the accounts step.
func DemoStep() demo.Step {
	return demo.Step{Name: "units", Load: func(ctx context.Context, env *demo.Env) error {
		svc := New(env.DB)
		if _, err := svc.LoadReferenceData(ctx); err != nil {
			return err
		}
		l := &loader{svc: svc, ctx: ctx, orgID: env.Org.ID, people: map[string]int64{}, congresses: map[string]int64{}}
		if err := l.seed004(); err != nil {
			return fmt.Errorf("seed 004: %w", err)
		}
		if err := l.committee(); err != nil {
			return fmt.Errorf("seed 000: %w", err)
		}
		return loadStaff(ctx, env, svc)
	}}
}

// DemoStaffStep gives the demo's leaders their posts in Ban Nội chính Tỉnh
// ủy and assigns the demo specialists to the localities they follow. It
// needs the accounts step's users and does nothing for those absent, or
// already assigned, so it may run after DemoStep, or twice.
func DemoStaffStep() demo.Step {
	return demo.Step{Name: "units-staff", Load: func(ctx context.Context, env *demo.Env) error {
		return loadStaff(ctx, env, New(env.DB))
	}}
}

// loader writes demo data through the service, so that it is validated and
// audited like any other input, resolving codes and names to ids.
type loader struct {
	svc        *Service
	ctx        context.Context
	orgID      int64
	people     map[string]int64
	congresses map[string]int64
}

func (l *loader) unit(code string) (Unit, error) {
	u, err := ByCode(l.ctx, l.svc.db.Read(), l.orgID, code)
	if err != nil {
		return u, fmt.Errorf("unit %s: %w", code, err)
	}
	return u, nil
}

func (l *loader) id(code string) (int64, error) {
	if code == "" {
		return 0, nil
	}
	u, err := l.unit(code)
	return u.ID, err
}

func date(s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	return civil.MustParse(s)
}

// decision resolves an issuer given as a unit code; anything else is a name.
func (l *loader) decision(d seedDecision) (Decision, error) {
	out := Decision{Symbol: d.symbol, Date: date(d.date)}
	if d.issuer == "" {
		return out, nil
	}
	if codePattern.MatchString(d.issuer) {
		id, err := l.id(d.issuer)
		out.IssuerID = id
		return out, err
	}
	out.Issuer = d.issuer
	return out, nil
}

func (l *loader) person(name string) (int64, error) {
	if id, ok := l.people[name]; ok {
		return id, nil
	}
	p, err := l.svc.CreatePerson(l.ctx, PersonInput{FullName: name})
	if err != nil {
		return 0, err
	}
	l.people[name] = p.ID
	return p.ID, nil
}

func (l *loader) createUnit(su seedUnit) error {
	parent, err := l.id(su.parent)
	if err != nil {
		return err
	}
	by, err := l.decision(su.by)
	if err != nil {
		return err
	}
	_, err = l.svc.Create(l.ctx, UnitInput{Code: su.code, Kind: Kind(su.kind), Name: su.name, ParentID: parent,
		ValidFrom: date(su.from), FromPrecision: su.prec, Established: by, Note: su.note})
	if err != nil {
		return fmt.Errorf("unit %s: %w", su.code, err)
	}
	return nil
}

func (l *loader) event(se seedEvent) error {
	u, err := l.unit(se.unit)
	if err != nil {
		return err
	}
	parent, err := l.id(se.parent)
	if err != nil {
		return err
	}
	related, err := l.id(se.related)
	if err != nil {
		return err
	}
	by, err := l.decision(se.by)
	if err != nil {
		return err
	}
	_, err = l.svc.RecordEvent(l.ctx, u.ID, u.Version, EventInput{Kind: se.kind, EffectiveOn: date(se.on), Precision: se.prec,
		Name: se.name, ParentID: parent, RelatedUnitID: related, Decision: by, Note: se.note})
	if err != nil {
		return fmt.Errorf("event %s of %s on %s: %w", se.kind, se.unit, se.on, err)
	}
	return nil
}

func (l *loader) congress(sc seedCongress) error {
	unit, err := l.id(sc.unit)
	if err != nil {
		return err
	}
	by, err := l.decision(sc.by)
	if err != nil {
		return err
	}
	c, err := l.svc.AddCongress(l.ctx, CongressInput{UnitID: unit, Kind: sc.kind, Number: sc.number, From: date(sc.from),
		To: date(sc.to), Precision: sc.prec, TermFromYear: sc.termFrom, TermToYear: sc.termTo, ExecutiveSize: sc.exec,
		ExecutiveAlternates: sc.alt, StandingSize: sc.standing, Place: sc.place, Decision: by, Note: sc.note})
	if err != nil {
		return fmt.Errorf("congress %s: %w", sc.key, err)
	}
	l.congresses[sc.key] = c.ID
	return nil
}

func (l *loader) term(st seedTerm) error {
	person, err := l.person(st.person)
	if err != nil {
		return err
	}
	unit, err := l.id(st.unit)
	if err != nil {
		return err
	}
	by, err := l.decision(st.by)
	if err != nil {
		return err
	}
	endBy, err := l.decision(st.endBy)
	if err != nil {
		return err
	}
	in := PositionInput{PersonID: person, UnitID: unit, Title: st.title, TitleText: st.titleText, PersonTitle: st.personTitle,
		From: date(st.from), FromPrecision: st.fromPrec, StartHow: st.how, StartDecision: by, To: date(st.to),
		ToPrecision: st.toPrec, EndHow: st.endHow, EndDecision: endBy, Note: st.note}
	if st.congress != "" {
		in.CongressID = l.congresses[st.congress]
		if c, err := getCongress(l.ctx, l.svc.db.Read(), l.orgID, in.CongressID); err == nil && in.StartDecision.IsZero() {
			// Elected or designated at the congress: the congress is the decision.
			in.StartDecision = Decision{Date: c.ElectedOn(), Issuer: congressName(c)}
			if c.Kind == ByDesignation {
				in.StartDecision = c.Decision
			}
		}
	}
	if _, err := l.svc.AddPosition(l.ctx, in); err != nil {
		return fmt.Errorf("%s %s from %s: %w", st.person, st.title, st.from, err)
	}
	return nil
}

func congressName(c Congress) string {
	if c.Kind == ByDesignation {
		return "Chỉ định Ban Chấp hành"
	}
	return "Đại hội lần thứ " + c.Number
}

func (l *loader) seed004() error {
	for _, su := range seed004Units {
		if err := l.createUnit(su); err != nil {
			return err
		}
	}
	for _, se := range seed004Events {
		if err := l.event(se); err != nil {
			return err
		}
	}
	for _, sc := range seed004Congresses {
		if err := l.congress(sc); err != nil {
			return err
		}
	}
	for _, st := range seed004Terms {
		if err := l.term(st); err != nil {
			return err
		}
	}
	return nil
}

// committee loads seed 000's Ban Nội chính Tỉnh ủy and the steering
// committees it serves (seed 000, seed 001).
func (l *loader) committee() error {
	quyDinh08 := seedDecision{"08-QĐi/TU", "2018-12-25", btv}
	if err := l.event(seedEvent{unit: "bnctu", kind: Reorganized, on: "2018-12-25", by: quyDinh08,
		note: "Quy định chức năng, nhiệm vụ, tổ chức bộ máy của Ban Nội chính Tỉnh ủy, thực hiện Quy định 04-QĐi/TW ngày 25/7/2018 " +
			"của Ban Chấp hành Trung ương: 3 đồng chí lãnh đạo Ban, 3 phòng nghiệp vụ."}); err != nil {
		return err
	}
	// Seed 000 counts three departments without naming them; the demo names
	// them after the Committee's three fields, as the demo accounts do.
	for i, name := range []string{"Phòng Nội chính", "Phòng Phòng, chống tham nhũng", "Phòng Cải cách tư pháp"} {
		if err := l.createUnit(seedUnit{code: fmt.Sprintf("bnctu-department-%d", i+1), kind: "department",
			name: name, parent: "bnctu", from: "2018-12-25", by: quyDinh08,
			note: "Seed 000 nêu 3 phòng nghiệp vụ mà không nêu tên; tên phòng là tên của dữ liệu demo."}); err != nil {
			return err
		}
	}
	extra := []seedUnit{
		{code: "steering-138", kind: "steering_committee", name: "Ban Chỉ đạo 138 tỉnh Lạng Sơn", parent: tu,
			note: "Ban chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc (seed 000). Ngày thành lập, giải thể: chưa xác minh."},
		{code: "foreign-chongzuo", kind: "foreign_partner", name: "Thành ủy Sùng Tả, Quảng Tây (Trung Quốc)",
			note: "Ký Bản ghi nhớ về phối hợp xây dựng biên giới bình yên với Trưởng ban Nội chính Tỉnh ủy Lạng Sơn năm 2018 (seed 000)."},
	}
	for _, su := range extra {
		if err := l.createUnit(su); err != nil {
			return err
		}
	}
	ids := map[string]int64{}
	for _, code := range []string{tu, "bnctu", "steering-anticorruption", "steering-judicial-reform", "provincial-council"} {
		id, err := l.id(code)
		if err != nil {
			return err
		}
		ids[code] = id
	}
	rule199 := Decision{Symbol: "199-QĐ/TW"}
	seats := []SteeringInput{
		{CommitteeID: ids["steering-anticorruption"], Role: SeatChair, HolderUnitID: ids[tu], HolderTitle: Secretary, Decision: rule199,
			Note: "Bí thư Tỉnh ủy làm Trưởng Ban (Quy định 67-QĐ/TW, nay 199-QĐ/TW)."},
		{CommitteeID: ids["steering-anticorruption"], Role: SeatPermanentDeputy, HolderUnitID: ids["bnctu"], HolderTitle: Head,
			Decision: rule199, Note: "Trưởng Ban Nội chính Tỉnh ủy làm Phó Trưởng Ban Thường trực."},
		{CommitteeID: ids["steering-anticorruption"], Role: StandingAgency, AgencyID: ids["bnctu"], Decision: rule199,
			Note: "Ban Nội chính Tỉnh ủy là cơ quan thường trực."},
		{CommitteeID: ids["steering-judicial-reform"], Role: StandingAgency, AgencyID: ids["bnctu"], From: date("2017-03-01"),
			FromPrecision: Month, Note: "Từ tháng 3/2017 (seed 000)."},
	}
	nghiem, err := l.person("Hoàng Văn Nghiệm")
	if err != nil {
		return err
	}
	// Seed 001 shows him in these posts on 02/7/2020 and says nothing of
	// when they began or ended: recorded as held on that day only.
	known := date("2020-07-02")
	const seen = "Giữ chức vụ vào ngày 02/7/2020 theo tin Hội nghị giao ban khối Nội chính 6 tháng đầu năm 2020 (seed 001); ngày bắt đầu, kết thúc không rõ."
	seats = append(seats, SteeringInput{CommitteeID: ids["steering-judicial-reform"], Role: SeatChair, PersonID: nghiem,
		From: known, To: known, Note: seen})
	for _, s := range seats {
		if _, err := l.svc.AddSteeringMember(l.ctx, s); err != nil {
			return fmt.Errorf("steering seat %s: %w", s.Role, err)
		}
	}
	for _, p := range []PositionInput{
		{PersonID: nghiem, UnitID: ids[tu], Title: StandingDeputySecretary, From: known, To: known, Note: seen},
		{PersonID: nghiem, UnitID: ids["provincial-council"], Title: Chair, From: known, To: known, Note: seen},
	} {
		if _, err := l.svc.AddPosition(l.ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// The demo's specialists follow these former districts (seed 000: "phân
// công cán bộ theo dõi địa bàn, tham dự các cuộc họp của Ban Thường vụ
// huyện ủy, thành ủy") and, from 01/7/2025, the new communes on their
// territory. The dates are the demo's own.
var demoFollows = map[string][]string{
	"chuyenvien1": {"district-trang-dinh", "district-van-lang", "district-binh-gia", "district-bac-son"},
	"chuyenvien2": {"district-van-quan", "district-cao-loc", "district-loc-binh", "district-dinh-lap"},
	"chuyenvien3": {"district-chi-lang", "district-huu-lung", "city-lang-son"},
}

var (
	demoStaffFrom = civil.MustParse("2020-01-01")
	reformDay     = civil.MustParse("2025-07-01")
)

// demoUser returns the id and full name of a demo user of the organisation, if present.
func demoUser(ctx context.Context, q store.Querier, orgID int64, username string) (int64, string, bool, error) {
	var id int64
	var name string
	err := q.QueryRowContext(ctx, `SELECT u.id, u.full_name FROM users u JOIN memberships m ON m.user_id = u.id
		WHERE u.username = $1 AND m.org_id = $2`, username, orgID).Scan(&id, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", false, nil
	}
	return id, name, err == nil, err
}

func loadStaff(ctx context.Context, env *demo.Env, svc *Service) error {
	q := env.DB.Read()
	bnctu, err := ByCode(ctx, q, env.Org.ID, "bnctu")
	if err != nil {
		return err
	}
	// Leaders: the demo's head and deputy head of the Committee.
	for username, title := range map[string]Title{"truongban": Head, "phoban": DeputyHead} {
		_, name, ok, err := demoUser(ctx, q, env.Org.ID, username)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		held, err := HoldersOn(ctx, q, env.Org.ID, bnctu.ID, title, demoStaffFrom)
		if err != nil {
			return err
		}
		if len(held) > 0 {
			continue
		}
		name, _, _ = strings.Cut(name, " (") // "Nguyễn Văn Thắng (Trưởng ban)": the name is before the post
		p, err := svc.CreatePerson(ctx, PersonInput{FullName: name, Note: "Tài khoản demo " + username})
		if err != nil {
			return err
		}
		if _, err := svc.AddPosition(ctx, PositionInput{PersonID: p.ID, UnitID: bnctu.ID, Title: title, From: demoStaffFrom,
			StartHow: Appointed}); err != nil {
			return err
		}
	}
	for username, districts := range demoFollows {
		userID, _, ok, err := demoUser(ctx, q, env.Org.ID, username)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if existing, err := svc.FollowedBy(ctx, userID, civil.Date{}); err != nil || len(existing) > 0 {
			if err != nil {
				return err
			}
			continue
		}
		assigned := map[int64]bool{}
		for _, code := range districts {
			district, err := ByCode(ctx, q, env.Org.ID, code)
			if err != nil {
				return err
			}
			for _, role := range []AssignmentRole{Follows, AttendsMeetings} {
				if _, err := svc.Assign(ctx, AssignmentInput{UserID: userID, UnitID: district.ID, Role: role, From: demoStaffFrom,
					To: reformDay.AddDays(-1)}); err != nil {
					return fmt.Errorf("assign %s to %s: %w", username, code, err)
				}
			}
			succ, err := svc.Successors(ctx, district.ID)
			if err != nil {
				return err
			}
			for _, s := range succ {
				if assigned[s.SuccessorID] {
					continue
				}
				assigned[s.SuccessorID] = true
				if _, err := svc.Assign(ctx, AssignmentInput{UserID: userID, UnitID: s.SuccessorID, Role: Follows,
					From: reformDay}); err != nil {
					return fmt.Errorf("assign %s to %s: %w", username, s.SuccessorCode, err)
				}
			}
		}
	}
	return nil
}
