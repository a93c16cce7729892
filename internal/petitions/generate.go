package petitions

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/generate"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
	"noichinh/internal/validate"
)

// Generated data spans these days; its open work is due around the end.
var (
	generateFrom = civil.Date{Year: 2019, Month: 1, Day: 1}
	generateTo   = civil.Date{Year: 2026, Month: 2, Day: 27}
)

// GeneratedPetitions is how many petitions a scale generates in all: about
// 60,000 for one province (eight years of a busy committee) and 2 million
// over the 34 committees.
func GeneratedPetitions(s generate.Scale) int {
	if s == generate.National {
		return 2_000_000
	}
	return 60_000
}

// GenerateStep generates every organisation's reception sessions and
// petitions, with their senders sealed and indexed, their histories,
// deadlines and derived state, exactly as the service would have stored
// them (the state is derived from the generated events by project). It
// needs the units step (localities and agencies) and the platform's
// specialists. The search index is rebuilt afterwards from SearchSource.
func (s *Service) GenerateStep() generate.Step {
	return s.generateStep(GeneratedPetitions)
}

func (s *Service) generateStep(total func(generate.Scale) int) generate.Step {
	return generate.Step{Name: "petitions", Run: func(ctx context.Context, env *generate.Env) error {
		if !s.keys.loaded() {
			return ErrNoKeys
		}
		db := env.DB
		var nextPetition, nextSession int64
		if err := db.Read().QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM petitions`).Scan(&nextPetition); err != nil {
			return err
		}
		if err := db.Read().QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM reception_sessions`).Scan(&nextSession); err != nil {
			return err
		}
		// The committees' petitions are written interleaved, as they arrive in
		// real use, so that one committee's rows are spread over the tables.
		n := total(env.Scale)
		gens := make([]*petitionGenerator, len(env.Orgs))
		for i, org := range env.Orgs {
			count := n / len(env.Orgs)
			if i == 0 {
				count += n % len(env.Orgs)
			}
			g, err := newPetitionGenerator(ctx, s, env, org, i, count)
			if err != nil {
				return err
			}
			g.nextPetition, g.nextSession = &nextPetition, &nextSession
			if err := g.generateSessions(ctx); err != nil {
				return err
			}
			gens[i] = g
		}
		start := time.Now()
		err := withoutIndexes(ctx, db, []string{"petitions", "petition_events", "petition_senders", "petition_deadlines"}, func() error {
			return generateAll(ctx, env, gens, n, start)
		})
		if err != nil {
			return err
		}
		sessions := 0
		for _, g := range gens {
			sessions += g.sessions
		}
		env.Logf("petitions: %d petitions, %d sessions in %v", n, sessions, time.Since(start).Round(time.Second))
		return fixSequences(ctx, db, "petitions", "reception_sessions")
	}}
}

// generateAll writes every committee's petitions, interleaved.
func generateAll(ctx context.Context, env *generate.Env, gens []*petitionGenerator, n int, start time.Time) error {
	for k := 0; k < gens[0].count; k++ {
		for _, g := range gens {
			if k >= g.count {
				continue
			}
			if err := g.next(ctx, k); err != nil {
				return fmt.Errorf("petitions of %s: %w", g.org.Code, err)
			}
		}
		if (k+1)%10000 == 0 {
			env.Logf("petitions: %d of %d in %v", (k+1)*len(gens), n, time.Since(start).Round(time.Second))
		}
	}
	for _, g := range gens {
		if err := g.finish(ctx); err != nil {
			return err
		}
	}
	return nil
}

// withoutIndexes runs load with the secondary indexes of tables dropped,
// and builds them again afterwards (also when load fails): one sorted build
// is several times faster than keeping a dozen indexes, a trigram one among
// them, up to date through millions of inserts. The definitions are read
// from the database, so they are exactly the migrations'. Indexes behind
// constraints (primary keys, UNIQUE) stay.
func withoutIndexes(ctx context.Context, db *store.DB, tables []string, load func() error) (err error) {
	query := `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (` + placeholders(1, len(tables)) + `)`
	if db.Engine() == config.Postgres {
		query = `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()
			AND tablename IN (` + placeholders(1, len(tables)) + `)
			AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace)`
	}
	args := make([]any, len(tables))
	for i, t := range tables {
		args[i] = t
	}
	type index struct{ name, def string }
	var indexes []index
	rows, err := db.Read().QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read index definitions: %w", err)
	}
	for rows.Next() {
		var ix index
		if err := rows.Scan(&ix.name, &ix.def); err != nil {
			rows.Close()
			return err
		}
		indexes = append(indexes, ix)
	}
	rows.Close()
	exec := func(stmt string) error {
		return db.Tx(ctx, func(tx *sql.Tx) error { _, err := tx.ExecContext(ctx, stmt); return err })
	}
	for _, ix := range indexes {
		if err := exec(`DROP INDEX ` + ix.name); err != nil {
			return fmt.Errorf("drop index %s: %w", ix.name, err)
		}
	}
	defer func() {
		for _, ix := range indexes {
			if e := exec(ix.def); e != nil && err == nil {
				err = fmt.Errorf("build index %s: %w", ix.name, e)
			}
		}
	}()
	return load()
}

// fixSequences moves PostgreSQL's identity sequences past the ids the
// generator gave explicitly (SQLite needs nothing).
func fixSequences(ctx context.Context, db *store.DB, tables ...string) error {
	if db.Engine() != config.Postgres {
		return nil
	}
	return db.Tx(ctx, func(tx *sql.Tx) error {
		for _, t := range tables {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM %s), false)`, t, t)); err != nil {
				return fmt.Errorf("sequence of %s: %w", t, err)
			}
		}
		return nil
	})
}

type genLocality struct {
	id       int64
	name     string
	from, to civil.Date
}

type petitionGenerator struct {
	s           *Service
	org         orgs.Org
	r           *rand.Rand
	localities  []genLocality
	agencies    []int64
	specialists []int64
	counters    map[int]int
	senders     []Sender // recent senders, some of whom write again
	subjects    []string // recent people complained of
	sessions    int

	count                                       int
	nextPetition, nextSession                   *int64 // shared by the committees' generators
	petitions, events, sendersIns, deadlinesIns *generate.Inserter
	// pending rows referencing petitions not yet written, per inserter
	pending map[*generate.Inserter][][]any
}

func newPetitionGenerator(ctx context.Context, s *Service, env *generate.Env, org orgs.Org, i, count int) (*petitionGenerator, error) {
	g := &petitionGenerator{s: s, org: org, count: count, r: env.Rand(fmt.Sprintf("petitions/%d", i)), agencies: env.Agencies[org.ID],
		specialists: env.Specialists[org.ID], counters: map[int]int{}, pending: map[*generate.Inserter][][]any{}}
	rows, err := env.DB.Read().QueryContext(ctx, `SELECT id, name, valid_from, valid_to FROM units
		WHERE org_id = $1 AND kind IN ('district', 'commune', 'ward') ORDER BY id`, org.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l genLocality
		if err := rows.Scan(&l.id, &l.name, &l.from, &l.to); err != nil {
			return nil, err
		}
		g.localities = append(g.localities, l)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(g.localities) == 0 || len(g.agencies) == 0 || len(g.specialists) == 0 {
		return nil, fmt.Errorf("organisation %s has no localities, agencies or specialists: run the platform and units steps first", org.Code)
	}
	db := env.DB
	g.petitions = generate.NewInserter(db, "petitions", append([]string{"id", "org_id", "ref_code", "created_at",
		"created_by", "updated_at", "version"}, derivedColumns...)...)
	g.events = generate.NewInserter(db, "petition_events", "org_id", "petition_id", "kind", "effective_on", "recorded_at",
		"recorded_by", "data")
	g.sendersIns = generate.NewInserter(db, "petition_senders", "org_id", "petition_id", "position", "uuid",
		"representative", "has_address", "sealed", "blind_index", "created_at")
	g.deadlinesIns = generate.NewInserter(db, "petition_deadlines", "org_id", "petition_id", "step", "limit_code",
		"limit_from", "start_on", "extensions", "due_on", "closed_on", "closed_as")
	return g, nil
}

// Petitions are written rowsPerInsert at a time, and every chunk of them
// is followed by their senders, events and deadlines, which reference them
// (held back until then). SQLite resolves $N placeholders by name, at a
// cost that grows with the square of their number in a statement, so
// statements are kept far below the Inserter's batch of 600 petition rows.
// PostgreSQL takes the Inserter's full batches.
func batchSizes(engine config.Engine) (rowsPerInsert, chunk int) {
	if engine == config.Postgres {
		return 600, 600
	}
	return 20, 100
}

// next generates the k-th of the committee's petitions, spread evenly over
// the generated span with jitter, so dates ascend and numbers follow them.
func (g *petitionGenerator) next(ctx context.Context, k int) error {
	span := generateTo.DaysSince(generateFrom) + 1
	day := generateFrom.AddDays(min(span-1, k*span/g.count+g.r.IntN(3)))
	if err := g.petition(ctx, day); err != nil {
		return err
	}
	rowsPerInsert, chunk := batchSizes(g.s.db.Engine())
	switch {
	case (k+1)%chunk == 0:
		return g.flush(ctx)
	case (k+1)%rowsPerInsert == 0:
		return g.petitions.Flush(ctx)
	}
	return nil
}

// finish writes what is pending and the numbering counters.
func (g *petitionGenerator) finish(ctx context.Context) error {
	if err := g.flush(ctx); err != nil {
		return err
	}
	return g.s.db.Tx(ctx, func(tx *sql.Tx) error {
		for year, last := range g.counters {
			if _, err := tx.ExecContext(ctx, `INSERT INTO petition_counters (org_id, year, last) VALUES ($1, $2, $3)
				ON CONFLICT (org_id, year) DO UPDATE SET last = excluded.last`, g.org.ID, year, last); err != nil {
				return err
			}
		}
		return nil
	})
}

// flush writes the petitions, then the rows that reference them.
func (g *petitionGenerator) flush(ctx context.Context) error {
	if err := g.petitions.Flush(ctx); err != nil {
		return err
	}
	for _, ins := range []*generate.Inserter{g.sendersIns, g.events, g.deadlinesIns} {
		for _, row := range g.pending[ins] {
			if err := ins.Add(ctx, row...); err != nil {
				return err
			}
		}
		g.pending[ins] = g.pending[ins][:0]
		if err := ins.Flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

// later holds a row that references a petition until the petition is written.
func (g *petitionGenerator) later(ins *generate.Inserter, values ...any) {
	g.pending[ins] = append(g.pending[ins], values)
}

func (g *petitionGenerator) pick(items []string) string { return items[g.r.IntN(len(items))] }

// locality draws a district before 1/7/2025 and a commune or ward after.
func (g *petitionGenerator) locality(on civil.Date) genLocality {
	for range 50 {
		l := g.localities[g.r.IntN(len(g.localities))]
		if (l.from.IsZero() || !l.from.After(on)) && (l.to.IsZero() || !l.to.Before(on)) {
			return l
		}
	}
	return g.localities[0]
}

var (
	genProjects = []string{"đường cao tốc", "khu công nghiệp", "khu đô thị mới", "hồ chứa nước", "mở rộng quốc lộ",
		"khu kinh tế cửa khẩu", "đường vành đai", "trường học", "chợ trung tâm"}
	genPositions = []string{"Chủ tịch Ủy ban nhân dân xã", "công chức địa chính xã", "trưởng thôn", "cán bộ thuế",
		"Phó Chủ tịch Ủy ban nhân dân xã", "cán bộ Văn phòng đăng ký đất đai", "kế toán xã", "Bí thư chi bộ"}
	genPrograms = []string{"Chương trình 135", "chương trình xây dựng nông thôn mới", "hỗ trợ nhà ở cho hộ nghèo",
		"hỗ trợ giống cây trồng", "kiên cố hóa kênh mương"}
	genVillages = []string{"thôn Nà Lầu", "thôn Khòn Khuyên", "thôn Pò Nhùng", "thôn Bản Châu", "thôn Còn Quan", "khối 3",
		"khối 7", "thôn Nà Pàn", "thôn Kéo Coong", "thôn Bó Đắng", "thôn Đồng Tâm", "thôn Tân Lập", "thôn Bản Chang"}
	genDetails = []string{"Gia đình đã nhiều lần gửi đơn nhưng chưa được trả lời.",
		"Việc này gây bức xúc trong nhân dân địa phương.", "Kèm theo đơn là bản sao các giấy tờ liên quan.",
		"Đề nghị cơ quan có thẩm quyền xem xét, giải quyết dứt điểm.", "Người gửi đề nghị được đối thoại trực tiếp.",
		"Nhiều hộ dân khác trong thôn cũng có ý kiến tương tự."}
)

// genMatter is what a generated petition is about.
type genMatter struct {
	kind     Kind
	field    Field
	summary  string
	subject  string // the person or body complained of
	position string
	party    bool // the person complained of is a Party member
}

// matter draws a matter raised in place.
func (g *petitionGenerator) matter(place string) genMatter {
	x := g.r.IntN(100)
	switch {
	case x < 45:
		ubnd := "Ủy ban nhân dân " + place
		return []genMatter{
			{Complaint, "compensation", "Khiếu nại giá bồi thường, hỗ trợ khi thu hồi đất thực hiện dự án " + g.pick(genProjects) + " tại " + place, ubnd, "", false},
			{Complaint, "compensation", "Khiếu nại việc bố trí tái định cư khi thu hồi đất ở tại " + place, ubnd, "", false},
			{Complaint, "land", "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất cho hộ liền kề tại " + place, ubnd, "", false},
			{Complaint, "forest_land", "Khiếu nại việc giao đất lâm nghiệp chồng lấn diện tích gia đình canh tác tại " + place, "Hạt Kiểm lâm", "", false},
			{Complaint, "social_policy", "Khiếu nại việc không được xét hưởng chế độ hộ nghèo tại " + place, ubnd, "", false},
			{Complaint, "justice", "Khiếu nại việc tổ chức thi hành án dân sự về tranh chấp đất tại " + place, "Chi cục Thi hành án dân sự", "", false},
		}[g.r.IntN(6)]
	case x < 70:
		pos := g.pick(genPositions)
		subject := g.personName()
		if len(g.subjects) > 0 && g.r.IntN(8) == 0 {
			subject = g.subjects[g.r.IntN(len(g.subjects))] // denounced again
		}
		g.remember(&g.subjects, subject)
		m := genMatter{Denunciation, "corruption", "Tố cáo " + pos + " " + place + " nhận tiền khi giải quyết hồ sơ đất đai",
			subject, pos, g.r.IntN(3) == 0}
		if g.r.IntN(2) == 0 {
			m.field, m.summary = "officials_conduct", "Tố cáo sai phạm trong quản lý, sử dụng kinh phí "+g.pick(genPrograms)+" tại "+place
		}
		return m
	default:
		return []genMatter{
			{Proposal, "social_policy", "Kiến nghị hỗ trợ sửa chữa nhà ở cho hộ nghèo tại " + place, "", "", false},
			{Proposal, "environment", "Phản ánh cơ sở sản xuất gây ô nhiễm môi trường tại " + place, "", "", false},
			{Proposal, "other", "Kiến nghị sửa chữa đường giao thông nông thôn tại " + place, "", "", false},
			{Proposal, "land", "Kiến nghị đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất tại " + place, "", "", false},
		}[g.r.IntN(4)]
	}
}

func (g *petitionGenerator) personName() string { return generate.PersonName(g.r) }

func (g *petitionGenerator) remember(pool *[]string, s string) {
	if len(*pool) < 2000 {
		*pool = append(*pool, s)
	} else {
		(*pool)[g.r.IntN(len(*pool))] = s
	}
}

// sender draws a sender, one in ten a person who wrote before.
func (g *petitionGenerator) sender(place string) Sender {
	if len(g.senders) > 0 && g.r.IntN(10) == 0 {
		return g.senders[g.r.IntN(len(g.senders))]
	}
	sd := Sender{Name: g.personName(), Address: g.pick(genVillages) + ", " + place,
		Phone: fmt.Sprintf("09%d%d %03d %03d", g.r.IntN(10), g.r.IntN(10), g.r.IntN(1000), g.r.IntN(1000))}
	if len(g.senders) < 2000 {
		g.senders = append(g.senders, sd)
	} else {
		g.senders[g.r.IntN(len(g.senders))] = sd
	}
	return sd
}

// petition generates one petition received on day, with what happened to
// it up to generateTo, through the same events the service would record.
func (g *petitionGenerator) petition(ctx context.Context, day civil.Date) error {
	loc := g.locality(day)
	m := g.matter(loc.name)
	signer := SignerOne
	switch x := g.r.IntN(100); {
	case x < 8:
		signer = SignerSeveral
	case x < 16:
		signer = SignerAnonymous
	case x < 19:
		signer = SignerFalseName
	}
	var senders []Sender
	switch signer {
	case SignerOne, SignerFalseName:
		senders = []Sender{g.sender(loc.name)}
	case SignerSeveral:
		for i := range 2 + g.r.IntN(3) {
			sd := g.sender(loc.name)
			sd.Representative = i == 0
			senders = append(senders, sd)
		}
	}
	channel := []Channel{Post, Post, Post, InPerson, Forwarded, Online, AtSession}[g.r.IntN(7)]
	if channel == AtSession {
		channel = InPerson // sessions' petitions are linked by the sessions themselves
	}
	kind := m.kind
	det := Details{Summary: m.summary, Field: m.field, SubjectName: m.subject, SubjectPosition: m.position,
		SubjectPartyMember: m.party, LocalityUnitID: loc.id, ComplexProlonged: g.r.IntN(40) == 0}
	det.Content = m.summary + ". " + g.pick(genDetails) + " " + g.pick(genDetails)
	if kind == Denunciation && g.r.IntN(10) < 7 {
		det.Classification = access.Secret
	}
	var errs validate.Errors
	deadlines, err := g.s.deadlines(&errs, "received_on", receiptRules(kind), day)
	if err != nil || len(errs) > 0 {
		return fmt.Errorf("deadlines of a petition received %s: %v %v", day, err, errs)
	}
	assignee := g.specialists[g.r.IntN(len(g.specialists))]
	data := EventData{ReceivedOn: day, Channel: channel, Signer: signer, Kind: kind, Details: &det, AssignedTo: assignee,
		Deadlines: deadlines}
	if channel == Forwarded {
		data.SourceUnitID = g.agencies[g.r.IntN(len(g.agencies))]
	}
	data.SendersAddress = len(senders) > 0
	for _, sd := range senders {
		data.SenderCount++
		data.SendersAddress = data.SendersAddress && sd.Address != ""
	}
	events := []Event{{Kind: EvReceived, EffectiveOn: day, Data: data}}
	p, _ := project(Petition{}, events)
	events = append(events, g.history(p)...)

	id := *g.nextPetition
	*g.nextPetition++
	g.counters[day.Year]++
	created := day.Time().Add(time.Duration(8+g.r.IntN(9)) * time.Hour)
	last := events[len(events)-1].EffectiveOn.Time().Add(10 * time.Hour)
	base := Petition{ID: id, OrgID: g.org.ID, RefCode: refCode(day.Year, g.counters[day.Year]), CreatedAt: created,
		CreatedBy: assignee, UpdatedAt: last, Version: len(events)}
	p, err = project(base, events)
	if err != nil {
		return err
	}
	if err := g.petitions.Add(ctx, append([]any{id, g.org.ID, p.RefCode, created, assignee, last, p.Version},
		derivedValues(p)...)...); err != nil {
		return err
	}
	for i, e := range events {
		b, err := json.Marshal(e.Data)
		if err != nil {
			return err
		}
		at := created
		if i > 0 {
			at = e.EffectiveOn.Time().Add(10 * time.Hour)
		}
		g.later(g.events, g.org.ID, id, e.Kind, e.EffectiveOn, at, assignee, string(b))
	}
	for i, sd := range senders {
		uuid := newUUID()
		sealed, err := g.s.keys.sealSender(g.org.ID, uuid, sd)
		if err != nil {
			return err
		}
		var index any
		if ix := g.s.keys.blindIndex(sd.Name, sd.Address); ix != "" {
			index = ix
		}
		g.later(g.sendersIns, g.org.ID, id, i+1, uuid, sd.Representative, sd.Address != "", sealed, index, created)
	}
	for _, d := range p.Deadlines {
		g.later(g.deadlinesIns, g.org.ID, id, d.Step, d.LimitCode, d.LimitFrom, d.StartOn, d.Extensions, d.DueOn,
			d.ClosedOn, d.ClosedAs)
	}
	return nil
}

// history draws what happened to a received petition by generateTo:
// processing within days, then for a followed one urging, replies and,
// most often, a resolution.
func (g *petitionGenerator) history(p Petition) []Event {
	processedOn := p.ReceivedOn.AddDays(1 + g.r.IntN(9))
	if processedOn.After(generateTo) {
		return nil // still to process
	}
	data := EventData{Eligible: true}
	anonymousDenunciation := p.Kind == Denunciation && (p.Signer != SignerOne || !p.SendersAddress)
	switch x := g.r.IntN(100); {
	case x < 12 || (anonymousDenunciation && x < 60):
		data.Eligible = false
		data.FiledReason = map[Signer]FiledReason{SignerAnonymous: "anonymous", SignerFalseName: "false_name"}[p.Signer]
		if data.FiledReason == "" {
			data.FiledReason = []FiledReason{"duplicate", "no_address", "unsigned", "other"}[g.r.IntN(4)]
			data.Note = "Lưu đơn theo quy định."
		}
		data.Close = closeAll(p, closedMet, StepInitial)
		return []Event{{Kind: EvProcessed, EffectiveOn: processedOn, Data: data}}
	case x < 40:
		data.Handling = HandleAdvised
	case x < 78:
		data.Handling = HandleForwarded
	case x < 84:
		data.Handling = HandleUrged
	default:
		data.Handling = HandleAccepted
		if anonymousDenunciation {
			data.Handling = HandleForwarded
		}
	}
	if data.Handling == HandleForwarded || data.Handling == HandleUrged {
		data.UnitID = g.agencies[g.r.IntN(len(g.agencies))]
		data.Ref = fmt.Sprintf("%d-CV/BNCTU", 1+g.r.IntN(900))
	}
	data.Close = []Closing{{StepInitial, closedMet}, {StepForward, closedCancelled}}
	if data.Handling == HandleForwarded {
		data.Close[1].As = closedMet
	}
	if data.Handling == HandleAccepted {
		var errs validate.Errors
		data.Deadlines, _ = g.s.deadlines(&errs, "on", acceptanceRules(p, false, false), processedOn)
	}
	events := []Event{{Kind: EvProcessed, EffectiveOn: processedOn, Data: data}}
	apply(&p, events[0])
	switch data.Handling {
	case HandleForwarded, HandleUrged:
		on := processedOn
		for g.r.IntN(3) == 0 {
			on = on.AddDays(20 + g.r.IntN(40))
			if on.After(generateTo) {
				return events
			}
			events = append(events, Event{Kind: EvUrged, EffectiveOn: on, Data: EventData{UnitID: data.UnitID,
				Ref: fmt.Sprintf("%d-CV/BNCTU", 1+g.r.IntN(900))}})
		}
		if g.r.IntN(10) < 2 {
			return events // no answer yet
		}
		on = on.AddDays(15 + g.r.IntN(150))
		if on.After(generateTo) {
			return events
		}
		reply := EventData{UnitID: data.UnitID, Ref: fmt.Sprintf("%d/BC-UBND", 1+g.r.IntN(500)), Resolved: true,
			Note: "Báo cáo kết quả giải quyết"}
		reply.setResult(g.result(p.Kind))
		return append(events, Event{Kind: EvReplyReceived, EffectiveOn: on, Data: reply})
	case HandleAccepted:
		if p.Kind == Denunciation {
			events = append(events, Event{Kind: EvAcceptanceNotified, EffectiveOn: processedOn.AddDays(1 + g.r.IntN(5)),
				Data: EventData{Close: []Closing{{StepNotifyAcceptance, closedMet}}}})
		}
		on := processedOn.AddDays(15 + g.r.IntN(60))
		if on.After(generateTo) {
			return events
		}
		res := EventData{Ref: "Kết luận giải quyết", Close: closeAll(p, closedMet, StepResolve)}
		res.setResult(g.result(p.Kind))
		return append(events, Event{Kind: EvResolved, EffectiveOn: on, Data: res})
	}
	return events
}

// result draws an outcome fit for the kind, and sometimes money or land
// returned.
func (g *petitionGenerator) result(k Kind) (r Result) {
	switch k {
	case Complaint:
		r.Outcome = []Outcome{OutcomeRight, OutcomeWrong, OutcomeWrong, OutcomePartlyRight}[g.r.IntN(4)]
	case Denunciation:
		r.Outcome = []Outcome{OutcomeRight, OutcomeWrong, OutcomePartlyRight, OutcomeGroundless}[g.r.IntN(4)]
	}
	if r.Outcome == OutcomeRight || r.Outcome == OutcomePartlyRight {
		if g.r.IntN(3) == 0 {
			r.MoneyReturned = int64(1+g.r.IntN(300)) * 1_000_000
		}
		if g.r.IntN(6) == 0 {
			r.LandReturned = float64(50 + g.r.IntN(5000))
		}
		r.PeopleProtected = 1 + g.r.IntN(4)
	}
	return r
}

// generateSessions writes the secretary's monthly sessions and other
// leaders' quarterly ones, each with a few visits.
func (g *petitionGenerator) generateSessions(ctx context.Context) error {
	sessions := generate.NewInserter(g.s.db, "reception_sessions", "id", "org_id", "held_on", "host_role", "host_name",
		"place", "kind", "follow_up", "classification", "assigned_to", "visits", "people", "crowd_delegations",
		"matters_complaint", "matters_denunciation", "matters_proposal", "reply_limit_code", "reply_limit_from",
		"reply_due_on", "replied_on", "created_at", "created_by", "updated_at", "version")
	visits := generate.NewInserter(g.s.db, "reception_visits", "org_id", "session_id", "position", "kind", "people", "summary")
	for m := (civil.Date{Year: 2019, Month: 5, Day: 15}); !m.After(generateTo); m = civil.New(m.Year, m.Month+1, 15) {
		hosts := []HostRole{HostSecretary}
		if m.Month%3 == 0 {
			hosts = append(hosts, "deputy_secretary", "committee_leader")
		}
		for j, host := range hosts {
			held := m.AddDays(j*7 + g.r.IntN(3))
			ss := Session{ID: *g.nextSession, OrgID: g.org.ID, SessionInput: SessionInput{HeldOn: held, HostRole: host,
				HostName: hostName(host), Place: "Trụ sở Tiếp công dân " + g.org.Place, Kind: "periodic",
				AssignedTo: g.specialists[g.r.IntN(len(g.specialists))]}}
			for range 1 + g.r.IntN(6) {
				people := 1 + g.r.IntN(3)
				if g.r.IntN(8) == 0 {
					people = CrowdSize + g.r.IntN(20)
				}
				m := g.matter(g.locality(held).name)
				ss.Visits = append(ss.Visits, Visit{Kind: m.kind, People: people, Summary: m.summary})
			}
			ss.derive()
			var errs validate.Errors
			ds, err := g.s.deadlines(&errs, "held_on", []deadlineRule{{StepSecretaryReply, limitPartySecretaryReply}}, held)
			if err != nil || len(ds) == 0 {
				return fmt.Errorf("reply deadline of a session on %s: %v %v", held, err, errs)
			}
			ss.Reply = ds[0]
			if replied := held.AddDays(5 + g.r.IntN(8)); !replied.After(generateTo) {
				ss.RepliedOn = replied
			}
			at := held.Time().Add(15 * time.Hour)
			if err := sessions.Add(ctx, ss.ID, ss.OrgID, ss.HeldOn, ss.HostRole, ss.HostName, ss.Place, ss.Kind, "",
				access.Normal, ss.AssignedTo, ss.VisitCount, ss.People, ss.CrowdDelegations, ss.MattersComplaint,
				ss.MattersDenunciation, ss.MattersProposal, ss.Reply.LimitCode, ss.Reply.LimitFrom, ss.Reply.DueOn,
				ss.RepliedOn, at, ss.AssignedTo, at, 1); err != nil {
				return err
			}
			for k, v := range ss.Visits {
				if err := visits.Add(ctx, g.org.ID, ss.ID, k+1, v.Kind, v.People, v.Summary); err != nil {
					return err
				}
			}
			*g.nextSession++
			g.sessions++
		}
	}
	if err := sessions.Flush(ctx); err != nil { // before the visits, which reference them
		return err
	}
	return visits.Flush(ctx)
}
