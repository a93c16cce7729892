package petitions

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/demo"
	"noichinh/internal/petitions/communereport"
	"noichinh/internal/store"
)

// SeedPeriod is seed 000's period: from 05/2019, when the Committee became
// the standing agency for the Party secretary's citizen reception, to the
// article (30/6/2020).
var SeedPeriod = civil.Range{From: civil.Date{Year: 2019, Month: 5, Day: 1}, To: civil.Date{Year: 2020, Month: 6, Day: 30}}

// DemoStep loads the demo's reception sessions, petitions and commune
// reports through the service (validated, sealed and audited like any
// entry). Over SeedPeriod its figures are seed 000's: the Party secretary
// received citizens in 8 sessions with 28 visits, and of the complex and
// prolonged petitions followed, 15 were resolved and 12 still being
// resolved. Recent petitions are dated back from the demo's today, so the
// due-soon and overdue lists are never empty; the last three months have
// commune reports, a few communes missing.
//
// It needs the units step (the bodies petitions are forwarded to) and uses
// the accounts step's specialists when present.
func (s *Service) DemoStep() demo.Step {
	return demo.Step{Name: "petitions", Load: func(ctx context.Context, env *demo.Env) error {
		svc := *s
		svc.db = env.DB
		svc.Today = func() civil.Date { return env.Today }
		l := &demoLoader{svc: &svc, today: env.Today, orgID: env.Org.ID}
		if err := l.refs(ctx, env.Org.ID); err != nil {
			return err
		}
		if err := l.seed(ctx); err != nil {
			return err
		}
		if err := l.recent(ctx); err != nil {
			return err
		}
		return l.communeReports(ctx, env)
	}}
}

type demoLoader struct {
	svc       *Service
	today     civil.Date
	orgID     int64
	units     map[string]int64
	unitNames map[string]string
	users     map[string]int64
	names     int // next demoNames entry
}

// requiredUnits are the bodies the demo forwards petitions to.
var requiredUnits = []string{"ppc", "agency-thanh-tra-tinh", "agency-thads-tinh", "ubkttu"}

func (l *demoLoader) refs(ctx context.Context, orgID int64) error {
	l.units, l.users, l.unitNames = map[string]int64{}, map[string]int64{}, map[string]string{}
	q := l.svc.db.Read()
	rows, err := q.QueryContext(ctx, `SELECT code, id, name FROM units WHERE org_id = $1`, orgID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var code, name string
		var id int64
		if err := rows.Scan(&code, &id, &name); err != nil {
			rows.Close()
			return err
		}
		l.units[code], l.unitNames[code] = id, name
	}
	rows.Close()
	if err := scanPairs(ctx, q, l.users, `SELECT u.username, u.id FROM users u JOIN memberships m ON m.user_id = u.id
		WHERE m.org_id = $1 AND m.role IN ('specialist', 'leader')`, orgID); err != nil {
		return err
	}
	for _, code := range requiredUnits {
		if l.units[code] == 0 {
			return fmt.Errorf("unit %q is missing: the units step must run before the petitions step", code)
		}
	}
	return nil
}

func scanPairs(ctx context.Context, q store.Querier, into map[string]int64, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var v int64
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		into[k] = v
	}
	return rows.Err()
}

// seed loads SeedPeriod's sessions and petitions, then the later sessions.
func (l *demoLoader) seed(ctx context.Context) error {
	complex := seedComplex()
	ids := make([]int64, len(complex))
	for i, dp := range complex {
		p, err := l.petition(ctx, dp, nil)
		if err != nil {
			return fmt.Errorf("complex petition %d: %w", i+1, err)
		}
		ids[i] = p.ID
	}
	// The sessions' matters are, in turn, the complex petitions whose
	// senders came to see the secretary.
	next := 0
	for _, ds := range seedSessions() {
		if err := l.session(ctx, ds, func() int64 { id := ids[next%len(ids)]; next++; return id }); err != nil {
			return err
		}
	}
	var prev Petition
	for i, dp := range seedOrdinary() {
		var err error
		if prev, err = l.petition(ctx, dp, &prev); err != nil {
			return fmt.Errorf("petition %d of the seed period: %w", i+1, err)
		}
	}
	for _, ds := range laterSessions() {
		if err := l.session(ctx, ds, nil); err != nil {
			return err
		}
	}
	return nil
}

// recent loads the petitions and sessions dated back from today.
func (l *demoLoader) recent(ctx context.Context) error {
	var prev Petition
	for i, r := range currentPetitions() {
		dp := r.demoPetition
		dp.received = l.workday(l.today.AddDays(-r.ago))
		if r.processAgo > 0 {
			dp.processed = max(0, l.workday(l.today.AddDays(-r.processAgo)).DaysSince(dp.received))
		}
		if r.urgeAgo > 0 {
			dp.urges = []civil.Date{l.workday(l.today.AddDays(-r.urgeAgo))}
		}
		p, err := l.petition(ctx, dp, &prev)
		if err != nil {
			return fmt.Errorf("recent petition %d: %w", i+1, err)
		}
		prev = p
	}
	for _, ago := range []int{9, 25} { // the answer due soon, and overdue
		ds := demoSession{held: l.workday(l.today.AddDays(-ago)), host: HostSecretary, kind: "regular", people: []int{1, 2, 6}}
		if err := l.session(ctx, ds, nil); err != nil {
			return err
		}
	}
	return nil
}

// workday is d, or the working day before it.
func (l *demoLoader) workday(d civil.Date) civil.Date {
	for range 14 {
		off, err := l.svc.cal.IsDayOff(d)
		if err != nil || !off {
			return d
		}
		d = d.AddDays(-1)
	}
	return d
}

func (l *demoLoader) senders(dp demoPetition) []Sender {
	var out []Sender
	for i := range dp.senders {
		name := demoNames[l.names%len(demoNames)]
		village := demoVillages[l.names%len(demoVillages)]
		l.names++
		place := l.unitNames[dp.locality]
		if place == "" {
			place = "tỉnh Lạng Sơn"
		}
		s := Sender{Name: name, Address: village + ", " + place, Representative: i == 0 && dp.senders > 1}
		if dp.noAddress {
			s.Address = ""
		}
		if i == 0 {
			s.Phone = fmt.Sprintf("09%02d %03d %03d", 12+l.names%80, 100+l.names*37%900, 100+l.names*53%900)
		}
		out = append(out, s)
	}
	return out
}

// petition enters dp and everything that happened to it, in order.
// prev is the petition entered just before (for repeatsPrev).
func (l *demoLoader) petition(ctx context.Context, dp demoPetition, prev *Petition) (Petition, error) {
	svc := l.svc
	in := NewPetition{ReceivedOn: dp.received, Channel: dp.channel, SourceUnitID: l.units[dp.source], Signer: dp.signer,
		Senders: l.senders(dp), Kind: dp.kind, AssignedTo: l.users[dp.assignee],
		Details: Details{Summary: dp.summary, Field: dp.field, SubjectName: dp.subject, SubjectPosition: dp.position,
			SubjectPartyMember: dp.partyMem, LocalityUnitID: l.units[dp.locality], ComplexProlonged: dp.complex,
			Classification: demoClassification(dp.secret || dp.kind == Mixed)}}
	in.Content = "Nội dung đơn: " + dp.summary + ". Người gửi đề nghị các cơ quan có thẩm quyền xem xét, giải quyết dứt điểm."
	p, err := svc.Create(ctx, in)
	if err != nil {
		return p, err
	}
	if dp.repeatsPrev && prev != nil && prev.ID != 0 {
		if p, err = svc.Link(ctx, p.ID, prev.ID, LinkRepeated, "Cùng người gửi, cùng nội dung"); err != nil {
			return p, err
		}
	}
	if len(dp.parts) > 0 {
		parts, err := svc.Split(ctx, p.ID, p.Version, dp.parts)
		if err != nil || len(parts) == 0 {
			return p, err
		}
		return parts[len(parts)-1], nil
	}
	if dp.processed < 0 {
		return p, nil
	}
	on := dp.received.AddDays(dp.processed)
	dec := Decision{On: on, Eligible: dp.filed == "", FiledReason: dp.filed, Note: dp.note, Handling: dp.handling,
		UnitID: l.units[dp.target]}
	if dp.handling == HandleForwarded || dp.handling == HandleUrged {
		dec.Ref = fmt.Sprintf("%d-CV/BNCTU", 100+int(p.ID)%800)
	}
	if p, err = svc.Process(ctx, p.ID, p.Version, dec); err != nil {
		return p, err
	}
	if dp.notifyIn > 0 {
		if p, err = svc.NotifyAcceptance(ctx, p.ID, p.Version, on.AddDays(dp.notifyIn)); err != nil {
			return p, err
		}
	}
	steps := len(dp.urges) + len(dp.replies)
	for i, j := 0, 0; i+j < steps; {
		if i < len(dp.urges) && (j == len(dp.replies) || dp.urges[i].Before(dp.replies[j].on)) {
			p, err = svc.RecordUrge(ctx, p.ID, p.Version, Urge{On: dp.urges[i], Ref: fmt.Sprintf("%d-CV/BNCTU", 300+i+int(p.ID)%500)})
			i++
		} else {
			r := dp.replies[j]
			p, err = svc.RecordReply(ctx, p.ID, p.Version, Reply{On: r.on, Ref: fmt.Sprintf("%d/BC-UBND", 40+int(p.ID)%300),
				Summary: r.summary, Resolved: r.resolved, Result: r.Result})
			j++
		}
		if err != nil {
			return p, err
		}
	}
	if r := dp.resolution; r != nil {
		p, err = svc.Resolve(ctx, p.ID, p.Version, Resolution{On: r.on, Ref: "Kết luận giải quyết tố cáo", Result: r.Result})
	}
	return p, err
}

// session records ds; matter, when set, gives the petition of each visit.
func (l *demoLoader) session(ctx context.Context, ds demoSession, matter func() int64) error {
	matters := []struct {
		kind    Kind
		summary string
	}{
		{Complaint, "Khiếu nại về bồi thường, hỗ trợ khi Nhà nước thu hồi đất"},
		{Complaint, "Khiếu nại việc giải quyết tranh chấp đất rừng"},
		{Proposal, "Kiến nghị về chế độ chính sách đối với người có công"},
		{Denunciation, "Tố cáo cán bộ xã có sai phạm trong quản lý đất công"},
	}
	in := SessionInput{HeldOn: ds.held, HostRole: ds.host, HostName: hostName(ds.host),
		Place: "Trụ sở Tiếp công dân tỉnh Lạng Sơn", Kind: ds.kind, AssignedTo: l.users["chuyenvien1"],
		FollowUp: "Giao các cơ quan chức năng kiểm tra, giải quyết và báo cáo kết quả bằng văn bản."}
	for i, n := range ds.people {
		m := matters[(i+ds.held.Day)%len(matters)]
		v := Visit{Kind: m.kind, People: n, Summary: m.summary}
		if n >= CrowdSize {
			v.Summary = fmt.Sprintf("Đoàn %d hộ dân: %s", n, m.summary)
		}
		if matter != nil {
			v.PetitionID = matter()
			p, err := getPetition(ctx, l.svc.db.Read(), l.orgID, v.PetitionID, access.MostSecret)
			if err == nil {
				v.Kind, v.Summary = p.Kind, p.Summary
			}
		}
		in.Visits = append(in.Visits, v)
	}
	ss, err := l.svc.RecordSession(ctx, in)
	if err != nil {
		return fmt.Errorf("session of %s: %w", ds.held, err)
	}
	if ds.replied > 0 {
		_, err = l.svc.MarkSessionReplied(ctx, ss.ID, ss.Version, ds.held.AddDays(ds.replied))
	}
	return err
}

func hostName(h HostRole) string {
	switch h {
	case HostSecretary:
		return "Bí thư Tỉnh ủy"
	case "deputy_secretary":
		return "Phó Bí thư Thường trực Tỉnh ủy"
	case "committee_leader":
		return "Trưởng Ban Nội chính Tỉnh ủy"
	}
	return ""
}

// communeReports loads the reports of the last three full months: every
// commune and ward reports except a few, the oldest month is locked, and
// the clerk account (when present) submits its own ward's.
func (l *demoLoader) communeReports(ctx context.Context, env *demo.Env) error {
	svc := communereport.New(env.DB)
	svc.Today = func() civil.Date { return env.Today }
	last := communereport.MonthOf(env.Today.AddDays(-env.Today.Day))
	months := []communereport.Month{communereport.MonthOf(last.First().AddDays(-40)), communereport.MonthOf(last.First().AddDays(-1)), last}
	actor := access.FromContext(ctx)
	clerk := &access.Actor{Username: "vanthu.tamthanh", OrgID: env.Org.ID, Role: access.Clerk}
	var unit sql.NullInt64
	err := l.svc.db.Read().QueryRowContext(ctx, `SELECT u.id, m.unit_id FROM users u JOIN memberships m ON m.user_id = u.id
		WHERE u.username = $1 AND m.org_id = $2`, clerk.Username, env.Org.ID).Scan(&clerk.UserID, &unit)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	clerk.UnitID = unit.Int64 // 0 without the accounts step: the system submits every report
	for mi, m := range months {
		units, err := svc.Missing(ctx, m)
		if err != nil {
			return err
		}
		for i, u := range units {
			if (mi == len(months)-1 && i%9 == 4) || i%23 == 11 {
				continue // has not reported
			}
			seed := int(u.ID)*7 + int(m.Month)*13
			visits := 2 + seed%9
			f := communereport.Figures{Sessions: 2 + seed%2, Visits: visits, People: visits + seed%5,
				CrowdDelegations: min(1, seed%7/5), MattersComplaint: visits / 2, MattersDenunciation: seed % 2,
				MattersProposal: visits - visits/2 - seed%2, PetitionsReceived: 1 + seed%6, PetitionsProcessed: 1 + seed%5,
				PetitionsResolved: seed % 4}
			sub := communereport.Submission{Month: m, UnitID: u.ID, Figures: f}
			rctx := ctx
			if u.ID == clerk.UnitID {
				rctx = access.WithActor(ctx, clerk)
			}
			if _, err := svc.Submit(rctx, sub); err != nil {
				return fmt.Errorf("commune report %s %s: %w", u.Name, m, err)
			}
		}
	}
	if len(months) > 0 && actor != nil {
		return svc.Lock(ctx, months[0])
	}
	return nil
}
