package documents

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/civil"
	"noichinh/internal/generate"
	"noichinh/internal/store"
	"noichinh/internal/vntext"
)

// GeneratedPerYear is the number of documents generated per organisation
// and year, over GeneratedYears years up to today: about what a provincial
// committee registers (its own, the provincial committee's it advises or
// follows, central and state documents it cites).
const (
	GeneratedPerYear = 2000
	GeneratedYears   = 10
)

// series is a stream of documents one issuer numbers in one sequence per
// kind: the Party's per term, the state's per year.
type series struct {
	issuer     string // issuer code in the symbol
	unitCode   string // the issuing unit, when the units module created it
	issuerName string // the issuer as written when there is no unit
	level      string // Party level (LevelCentral, LevelProvincial); "" for a state issuer
	share      int    // relative volume
	kinds      []weighted
	advised    float64 // share of its directive documents the Committee advised
	secret     float64 // share classified secret
}

type weighted struct {
	kind   string
	weight int
}

var generatedSeries = []series{
	{issuer: "TU", unitCode: "standing-board", issuerName: "Ban Thường vụ Tỉnh ủy", level: LevelProvincial, share: 30,
		advised: 0.25, secret: 0.04, kinds: []weighted{{cite.KindDecision, 45}, {cite.KindPlan, 14}, {cite.KindNotice, 12},
			{cite.KindDirective, 5}, {cite.KindProgram, 4}, {cite.KindConclusion, 6}, {cite.KindGuidance, 5},
			{cite.KindResolution, 3}, {cite.KindRegulation, 3}, {cite.KindReport, 3}}},
	{issuer: "BNCTU", unitCode: "bnctu", issuerName: "Ban Nội chính Tỉnh ủy", level: LevelProvincial, share: 18, secret: 0.15,
		kinds: []weighted{{cite.KindReport, 30}, {cite.KindOfficialLetter, 30}, {cite.KindPlan, 15}, {cite.KindNotice, 10},
			{cite.KindSubmission, 10}, {cite.KindGuidance, 5}}},
	{issuer: "TW", unitCode: "central-secretariat", issuerName: "Ban Bí thư Trung ương Đảng", level: LevelCentral, share: 3,
		kinds: []weighted{{cite.KindDirective, 3}, {cite.KindConclusion, 4}, {cite.KindResolution, 2}, {cite.KindRegulation, 3},
			{cite.KindGuidance, 2}}},
	{issuer: "UBND", unitCode: "ppc", issuerName: "Ủy ban nhân dân tỉnh", share: 40, secret: 0.01,
		kinds: []weighted{{cite.KindDecision, 70}, {cite.KindPlan, 20}, {cite.KindDirective, 3}, {cite.KindReport, 7}}},
	{issuer: "TTg", unitCode: "central-prime-minister", issuerName: "Thủ tướng Chính phủ", share: 9,
		kinds: []weighted{{cite.KindDecision, 9}, {cite.KindDirective, 1}}},
}

// generatedTopics are subjects of the Committee's work, by field.
var generatedTopics = map[Field][]string{
	InternalAffairs: {"công tác phòng, chống tội phạm", "phong trào toàn dân bảo vệ an ninh Tổ quốc",
		"công tác tiếp công dân, giải quyết khiếu nại, tố cáo", "bảo đảm an ninh, trật tự trên tuyến biên giới",
		"phòng, chống buôn lậu, gian lận thương mại và hàng giả", "công tác phòng, chống ma túy",
		"bảo vệ bí mật nhà nước", "giải quyết các vụ việc khiếu kiện đông người, phức tạp, kéo dài"},
	Anticorruption: {"công tác phòng, chống tham nhũng, lãng phí, tiêu cực",
		"kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn",
		"thu hồi tài sản bị thất thoát, chiếm đoạt trong các vụ án tham nhũng, kinh tế",
		"phòng ngừa, xử lý tham nhũng vặt", "bảo vệ người phát hiện, tố giác, đấu tranh chống tham nhũng, lãng phí, tiêu cực"},
	JudicialReform: {"cải cách tư pháp", "nâng cao chất lượng tranh tụng tại phiên tòa", "công tác thi hành án dân sự",
		"công tác giám định tư pháp", "công tác bổ trợ tư pháp"},
}

var (
	familyNames = []string{"Nguyễn", "Hoàng", "Lương", "Vi", "Hà", "Nông", "Lộc", "Đinh", "Phạm", "Trần", "Lê", "Vũ", "Chu",
		"Lăng", "Mã", "Triệu", "Dương", "Bế", "Lành", "Hứa"}
	middleNames = []string{"Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Quang", "Thu", "Ngọc", "Xuân"}
	givenNames  = []string{"Hùng", "Dũng", "Thắng", "Hải", "Hằng", "Lan", "Tùng", "Cường", "Quân", "Tú", "Thảo", "Hiền",
		"Nghĩa", "Bình", "Sơn", "Long", "Phương", "Huyền", "Kiên", "Toàn"}
	partyPositions = []string{"Phó Trưởng Ban Nội chính Tỉnh ủy", "Bí thư Đảng ủy xã", "Chánh Văn phòng Tỉnh ủy",
		"Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", "Trưởng phòng nghiệp vụ, Ban Nội chính Tỉnh ủy", "Phó Bí thư Đảng ủy phường"}
	statePositions = []string{"Phó Giám đốc Sở Tư pháp", "Phó Chánh Thanh tra tỉnh", "Phó Chánh Văn phòng Ủy ban nhân dân tỉnh",
		"Trưởng phòng Tiếp công dân tỉnh", "Phó Giám đốc Sở Nội vụ"}
	fallbackPlaces = []string{"xã Đồng Đăng", "phường Tam Thanh", "phường Lương Văn Tri", "phường Kỳ Lừa", "phường Đông Kinh",
		"xã Thất Khê", "xã Na Sầm", "xã Hữu Lũng", "xã Bắc Sơn", "xã Lộc Bình", "xã Đình Lập", "xã Chi Lăng"}
	periods = []string{"quý I", "6 tháng đầu", "9 tháng", "tháng 10", "quý III"}
)

// GenerateStep generates, for every organisation of the run, about
// GeneratedPerYear documents a year over GeneratedYears years with realistic
// symbols (numbered per issuer, kind and term or year), subjects, fields and
// relations (plans implementing directives, regulations replacing older
// ones, references to documents not registered). Bulk inserts, not audited.
func GenerateStep() generate.Step {
	return generate.Step{Name: "documents", Run: func(ctx context.Context, env *generate.Env) error {
		for _, org := range env.Orgs {
			n, err := generateOrg(ctx, env, org.ID, civil.Today(), GeneratedPerYear)
			if err != nil {
				return fmt.Errorf("documents of %s: %w", org.Code, err)
			}
			env.Logf("documents: %s: %d documents", org.Code, n)
		}
		return nil
	}}
}

// genDoc is a generated document before it is written.
type genDoc struct {
	record
	replacedBy int // index of the document replacing it, -1 for none
}

func generateOrg(ctx context.Context, env *generate.Env, orgID int64, today civil.Date, perYear int) (int, error) {
	db := env.DB
	terms, err := ensureTerms(ctx, db, orgID)
	if err != nil {
		return 0, err
	}
	unitIDs := map[string]int64{}
	for _, s := range generatedSeries {
		if u, err := unitByCode(ctx, db.Read(), orgID, s.unitCode); err == nil {
			unitIDs[s.unitCode] = u.ID
		}
	}
	places := placeNames(ctx, db, orgID)
	r := env.Rand(fmt.Sprintf("documents/%d", orgID))
	docs := generateDocs(r, orgID, today, perYear, terms, unitIDs, places)
	if err := insertGenerated(ctx, db, orgID, docs, r); err != nil {
		return 0, err
	}
	return len(docs), nil
}

// ensureTerms gives the organisation provincial terms (the Lạng Sơn dates,
// marked approximate, when it has none) and returns every term it numbers by.
func ensureTerms(ctx context.Context, db *store.DB, orgID int64) ([]PartyTerm, error) {
	terms, err := listTerms(ctx, db.Read(), orgID)
	if err != nil {
		return nil, err
	}
	if slices.ContainsFunc(terms, func(t PartyTerm) bool { return t.OrgID == orgID }) {
		return terms, nil
	}
	err = db.Tx(ctx, func(tx *sql.Tx) error {
		for _, t := range LangSonTerms {
			t.OrgID, t.Approximate, t.Source = orgID, true, "generated from the Lạng Sơn terms"
			if err := insertTerm(ctx, tx, &t); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return listTerms(ctx, db.Read(), orgID)
}

// placeNames are the organisation's localities, for subjects.
func placeNames(ctx context.Context, db *store.DB, orgID int64) []string {
	rows, err := db.Read().QueryContext(ctx, `SELECT name FROM units WHERE org_id = $1 AND kind IN ('commune', 'ward')
		ORDER BY id`, orgID)
	if err != nil {
		return fallbackPlaces
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if rows.Scan(&n) == nil {
			// "Xã Đồng Đăng" → "xã Đồng Đăng" inside a sentence.
			first, size := utf8.DecodeRuneInString(n)
			out = append(out, string(unicode.ToLower(first))+n[size:])
		}
	}
	if len(out) == 0 {
		return fallbackPlaces
	}
	return out
}

func termOf(terms []PartyTerm, level string, on civil.Date) int64 {
	for _, t := range terms {
		if t.Level == level && t.Contains(on) {
			return t.ID
		}
	}
	return 0
}

// generateDocs draws an organisation's documents in date order.
func generateDocs(r *rand.Rand, orgID int64, today civil.Date, perYear int, terms []PartyTerm, unitIDs map[string]int64, places []string) []genDoc {
	total := 0
	for _, s := range generatedSeries {
		total += s.share
	}
	start := civil.New(today.Year-GeneratedYears+1, 1, 1)
	days := today.DaysSince(start) + 1
	n := perYear * days / 365
	dates := make([]civil.Date, n)
	for i := range dates {
		dates[i] = start.AddDays(r.IntN(days))
	}
	slices.SortFunc(dates, func(a, b civil.Date) int { return a.Compare(b) })

	counters := map[string]int64{}
	byKey := map[string][]int{} // "issuer|kind" → earlier documents, for replacements
	docs := make([]genDoc, 0, n)
	now := store.Now()
	for _, on := range dates {
		s := pickSeries(r, total)
		kind := pickKind(r, s.kinds)
		code := DefaultKindCode(kind)
		var seq, symbol string
		var termID int64
		if s.level != "" {
			termID = termOf(terms, s.level, on)
			seq = fmt.Sprintf("party|%s|%s|t%d", matchForm(s.issuer), matchForm(code), termID)
		} else {
			seq = fmt.Sprintf("state|%s|%s|%d", matchForm(s.issuer), matchForm(code), on.Year)
		}
		counters[seq]++
		number := counters[seq]
		if s.level != "" {
			symbol = fmt.Sprintf("%02d-%s/%s", number, code, s.issuer)
		} else {
			symbol = fmt.Sprintf("%d/%s-%s", number, code, s.issuer)
		}
		field := Fields[r.IntN(len(Fields))]
		g := genDoc{replacedBy: -1, record: record{Document: Document{
			OrgID: orgID, Symbol: symbol, Kind: kind, KindCode: code, Number: formatNumber(number),
			IssuerUnitID: unitIDs[s.unitCode], IssuerCode: s.issuer, IssuedOn: on, Fields: []Field{field},
			Summary: summary(r, s, kind, field, on, places), Status: InForce, TermID: termID, CreatedAt: now, UpdatedAt: now,
		}}}
		if s.level == "" {
			g.Number = fmt.Sprint(number)
			g.Numbering, g.NumberingYear = NumberingState, on.Year
		} else {
			g.Numbering = NumberingParty
		}
		if g.IssuerUnitID == 0 {
			g.IssuerName = s.issuerName
		}
		directive := kind == cite.KindDirective || kind == cite.KindPlan || kind == cite.KindProgram || kind == cite.KindConclusion
		g.AdvisedByCommittee = directive && r.Float64() < s.advised
		if r.Float64() < s.secret {
			g.Classification = access.Secret
		}
		if kind == cite.KindDecision && r.IntN(3) > 0 {
			g.Fields = nil // most decisions are about people, not a field of work
		}
		g.symbolKey = SymbolKey(symbol)
		g.numberValue = sql.NullInt64{Int64: number, Valid: true}
		g.numberingSeq = seq
		g.numberingKey = seq + "|" + fmt.Sprint(number)
		g.searchText = vntext.Fold(strings.Join([]string{symbol, g.Number, s.issuer, s.issuerName, g.Summary}, " "))
		// Now and then a regulation or rules replaces the previous one of its issuer.
		k := s.issuer + "|" + kind
		if (kind == cite.KindRegulation || kind == cite.KindGuidance) && len(byKey[k]) > 0 && r.IntN(4) == 0 {
			old := byKey[k][len(byKey[k])-1]
			if docs[old].replacedBy < 0 {
				docs[old].replacedBy = len(docs)
				docs[old].Status, docs[old].StatusSince = Replaced, on
			}
		}
		byKey[k] = append(byKey[k], len(docs))
		docs = append(docs, g)
	}
	return docs
}

func pickSeries(r *rand.Rand, total int) series {
	n := r.IntN(total)
	for _, s := range generatedSeries {
		if n < s.share {
			return s
		}
		n -= s.share
	}
	return generatedSeries[0]
}

func pickKind(r *rand.Rand, kinds []weighted) string {
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	n := r.IntN(total)
	for _, k := range kinds {
		if n < k.weight {
			return k.kind
		}
		n -= k.weight
	}
	return kinds[0].kind
}

// summary writes a subject in the register of the issuer: the Party's
// leadership documents, the Committee's working papers, the state's acts.
func summary(r *rand.Rand, s series, kind string, field Field, on civil.Date, places []string) string {
	topic := generate.Pick(r, generatedTopics[field])
	place := generate.Pick(r, places)
	name := func() string {
		return generate.Pick(r, familyNames) + " " + generate.Pick(r, middleNames) + " " + generate.Pick(r, givenNames)
	}
	state := s.level == ""
	switch kind {
	case cite.KindDecision:
		switch {
		case s.issuer == "TTg":
			return "phê duyệt Đề án " + topic + " đến năm " + fmt.Sprint(on.Year+5)
		case r.IntN(3) == 0 && state:
			return "bổ nhiệm ông (bà) " + name() + " giữ chức vụ " + generate.Pick(r, statePositions)
		case r.IntN(3) == 0:
			return "điều động, phân công đồng chí " + name() + " giữ chức vụ " + generate.Pick(r, partyPositions)
		case r.IntN(2) == 0:
			return "thành lập Đoàn kiểm tra " + topic + " tại " + place
		}
		return "ban hành Quy chế phối hợp về " + topic
	case cite.KindDirective:
		if state {
			return "tăng cường " + topic + " trên địa bàn tỉnh"
		}
		return "tăng cường sự lãnh đạo của Đảng đối với " + topic
	case cite.KindPlan:
		return fmt.Sprintf("thực hiện %s năm %d", topic, on.Year)
	case cite.KindProgram:
		return "hành động thực hiện các chủ trương của Trung ương về " + topic
	case cite.KindConclusion:
		return "tiếp tục thực hiện " + topic
	case cite.KindResolution:
		return fmt.Sprintf("%s giai đoạn %d-%d", topic, on.Year, on.Year+5)
	case cite.KindReport:
		return fmt.Sprintf("kết quả %s %s năm %d", topic, generate.Pick(r, periods), on.Year)
	case cite.KindNotice:
		if s.issuer == "BNCTU" {
			return "kết luận của Trưởng Ban tại hội nghị giao ban về " + topic
		}
		return "kết luận của Thường trực Tỉnh ủy về " + topic + " tại " + place
	case cite.KindOfficialLetter:
		return "đôn đốc thực hiện " + topic + " tại " + place
	case cite.KindSubmission:
		return "đề nghị ban hành văn bản lãnh đạo về " + topic
	case cite.KindGuidance:
		return "hướng dẫn thực hiện " + topic
	case cite.KindRegulation:
		return "quy định về " + topic
	}
	return topic
}

// insertGenerated writes the documents, then their relations: about half of
// the plans, programs and conclusions implement an earlier directive,
// resolution or conclusion, one in twenty names a document not registered.
func insertGenerated(ctx context.Context, db *store.DB, orgID int64, docs []genDoc, r *rand.Rand) error {
	ins := generate.NewInserter(db, "documents", "org_id", "symbol", "symbol_key", "kind", "kind_code", "number",
		"number_value", "issuer_unit_id", "issuer_code", "issuer_name", "issued_on", "summary", "field_internal_affairs",
		"field_anticorruption", "field_judicial_reform", "advised_by_committee", "classification", "status", "status_since",
		"numbering", "term_id", "numbering_year", "numbering_sequence", "numbering_key", "search_text", "created_at",
		"updated_at", "version")
	for _, g := range docs {
		if err := ins.Add(ctx, orgID, g.Symbol, g.symbolKey, g.Kind, g.KindCode, g.Number, g.numberValue,
			nullID(g.IssuerUnitID), g.IssuerCode, g.IssuerName, g.IssuedOn, g.Summary, g.HasField(InternalAffairs),
			g.HasField(Anticorruption), g.HasField(JudicialReform), g.AdvisedByCommittee, g.Classification, g.Status,
			g.StatusSince, g.Numbering, nullID(g.TermID), nullInt(g.NumberingYear), g.numberingSeq, g.numberingKey,
			g.searchText, g.CreatedAt, g.UpdatedAt, 1); err != nil {
			return err
		}
	}
	if err := ins.Flush(ctx); err != nil {
		return err
	}
	ids := map[string]int64{}
	rows, err := db.Read().QueryContext(ctx, `SELECT id, numbering_key FROM documents WHERE org_id = $1 AND numbering_key IS NOT NULL`, orgID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			rows.Close()
			return err
		}
		ids[key] = id
	}
	rows.Close()

	rel := generate.NewInserter(db, "document_relations", "org_id", "from_id", "to_id", "type", "target_key",
		"target_symbol", "target_kind", "target_number", "source", "created_at")
	var cited []int // directives, resolutions and conclusions so far
	for i, g := range docs {
		from := ids[g.numberingKey]
		switch g.Kind {
		case cite.KindDirective, cite.KindResolution, cite.KindConclusion:
			cited = append(cited, i)
		}
		if g.replacedBy >= 0 {
			by := docs[g.replacedBy]
			if err := rel.Add(ctx, orgID, ids[by.numberingKey], from, Replaces, g.symbolKey, g.Symbol, g.Kind, g.Number,
				SourceManual, g.CreatedAt); err != nil {
				return err
			}
		}
		implementing := g.Kind == cite.KindPlan || g.Kind == cite.KindProgram || g.Kind == cite.KindConclusion
		if !implementing || len(cited) == 0 || r.IntN(2) == 0 {
			continue
		}
		if r.IntN(20) == 0 {
			// A guidance of the Central Office, which this registry does not hold.
			n := 1 + r.IntN(60)
			symbol := fmt.Sprintf("%02d-HD/VPTW", n)
			if err := rel.Add(ctx, orgID, from, nil, Implements, SymbolKey(symbol), symbol, cite.KindGuidance,
				fmt.Sprintf("%02d", n), SourceExtracted, g.CreatedAt); err != nil {
				return err
			}
			continue
		}
		target := docs[cited[r.IntN(len(cited))]]
		if target.numberingKey == g.numberingKey {
			continue
		}
		if err := rel.Add(ctx, orgID, from, ids[target.numberingKey], Implements, target.symbolKey, target.Symbol,
			target.Kind, target.Number, SourceManual, g.CreatedAt); err != nil {
			return err
		}
	}
	return rel.Flush(ctx)
}
