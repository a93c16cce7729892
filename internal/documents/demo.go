package documents

import (
	"context"
	"errors"
	"fmt"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/civil"
	"noichinh/internal/demo"
	"noichinh/internal/store"
)

// demoDoc is a document of the demo data. Seed documents carry their symbol
// (or, for one cited by number only, their number); the Committee's own are
// numbered automatically.
type demoDoc struct {
	symbol, kind, number string
	issuer               string // unit code
	issued               string
	summary              string
	fields               []Field
	advised              bool
	classification       access.Classification
	own                  bool // the Committee's own document: numbered by NextNumber's rule
	ref                  string
}

var (
	ia  = []Field{InternalAffairs}
	ac  = []Field{Anticorruption}
	jr  = []Field{JudicialReform}
	all = []Field{InternalAffairs, Anticorruption, JudicialReform}
)

// seedDocs are every document the five seed texts cite, with what the texts
// say of them: issuer, date, subject, and whether the Committee advised it
// (seed 000: "Ban Nội chính Tỉnh ủy đã tham mưu cho Ban Thường vụ Tỉnh ủy
// ban hành …").
var seedDocs = []demoDoc{
	// Seed 000: the Committee, its founding decision and the directives it implements and advised.
	{symbol: "1045-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2013-05-27", fields: ia,
		summary: "thành lập Ban Nội chính Tỉnh ủy Lạng Sơn"},
	{symbol: "04-QĐi/TW", kind: cite.KindRegulation, issuer: "central-executive-committee", issued: "2018-07-25",
		summary: "chức năng, nhiệm vụ, quyền hạn, tổ chức bộ máy cơ quan chuyên trách tham mưu, giúp việc tỉnh uỷ, thành uỷ trực thuộc Trung ương"},
	{symbol: "08-QĐi/TU", kind: cite.KindRegulation, issuer: "standing-board", issued: "2018-12-25", fields: all,
		summary: "chức năng, nhiệm vụ, tổ chức bộ máy của Ban Nội chính Tỉnh ủy"},
	{symbol: "48-CT/TW", kind: cite.KindDirective, issuer: "central-politburo", issued: "2010-10-22", fields: ia,
		summary: "tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống tội phạm trong tình hình mới"},
	{symbol: "38-CTr/TU", kind: cite.KindProgram, issuer: "executive-committee", issued: "2016-12-22", fields: ia,
		summary: "thực hiện Kết luận số 05-KL/TW, ngày 15/7/2016 của Ban Bí thư Trung ương Đảng về tiếp tục thực hiện Chỉ thị số 48-CT/TW của Bộ Chính trị"},
	{symbol: "05-KL/TW", kind: cite.KindConclusion, issuer: "central-secretariat", issued: "2016-07-15", fields: ia,
		summary: "tiếp tục thực hiện Chỉ thị số 48-CT/TW của Bộ Chính trị"},
	{symbol: "60-CTr/TU", kind: cite.KindProgram, issuer: "provincial-committee", issued: "2012-12-24", fields: ia,
		summary: "thực hiện Chỉ thị số 09-CT/TW của Ban Bí thư Trung ương Đảng về tăng cường sự lãnh đạo của Đảng đối với phong trào toàn dân bảo vệ an ninh Tổ quốc trong tình hình mới"},
	{symbol: "09-CT/TW", kind: cite.KindDirective, issuer: "central-secretariat", issued: "2011-12-01", fields: ia,
		summary: "tăng cường sự lãnh đạo của Đảng đối với phong trào toàn dân bảo vệ an ninh Tổ quốc trong tình hình mới"},
	{symbol: "521/QĐ-TTg", kind: cite.KindDecision, issuer: "central-prime-minister", issued: "2005-06-13", fields: ia,
		summary: "Ngày hội toàn dân bảo vệ an ninh Tổ quốc"},
	{symbol: "32-CT/TU", kind: cite.KindDirective, issuer: "standing-board", issued: "2015-05-30", advised: true,
		fields:  []Field{InternalAffairs, JudicialReform},
		summary: "tăng cường sự lãnh đạo của Đảng đối với công tác đấu tranh phòng, chống vi phạm pháp luật và tội phạm, công tác thi hành án trên địa bàn tỉnh giai đoạn 2015-2020 và những năm tiếp theo"},
	{symbol: "04-CT/TU", kind: cite.KindDirective, issuer: "standing-board", issued: "2016-06-06", advised: true, fields: ac,
		summary: "công tác phòng chống tham nhũng, lãng phí"},
	{symbol: "14-CTr/TU", kind: cite.KindProgram, issuer: "standing-board", issued: "2016-01-29", advised: true, fields: ac,
		summary: "công tác phòng chống tham nhũng, lãng phí"},
	{symbol: "28-KH/TU", kind: cite.KindPlan, issuer: "standing-board", issued: "2017-03-20", advised: true, fields: ac,
		summary: "công tác phòng chống tham nhũng, lãng phí"},
	{symbol: "102-KH/TU", kind: cite.KindPlan, issuer: "standing-board", issued: "2019-04-10", advised: true, fields: ac,
		summary: "thực hiện Chỉ thị số 27-CT/TW, ngày 10/01/2019 của Bộ Chính trị về tăng cường sự lãnh đạo của Đảng đối với công tác bảo vệ người phát hiện, tố giác, người đấu tranh chống tham nhũng, lãng phí, tiêu cực"},
	{symbol: "27-CT/TW", kind: cite.KindDirective, issuer: "central-politburo", issued: "2019-01-10", fields: ac,
		summary: "tăng cường sự lãnh đạo của Đảng đối với công tác bảo vệ người phát hiện, tố giác, người đấu tranh chống tham nhũng, lãng phí, tiêu cực"},
	{symbol: "11-QĐi/TW", kind: cite.KindRegulation, issuer: "central-politburo", issued: "2019-02-18", fields: ia,
		summary: "trách nhiệm của người đứng đầu cấp ủy trong việc tiếp dân, đối thoại trực tiếp với dân và xử lý những phản ánh, kiến nghị của dân"},
	{symbol: "92-KL/TW", kind: cite.KindConclusion, issuer: "central-politburo", issued: "2014-03-12", fields: jr,
		summary: "tiếp tục thực hiện Nghị quyết số 49-NQ/TW, ngày 02/6/2005 của Bộ Chính trị về Chiến lược Cải cách tư pháp đến năm 2020"},
	{symbol: "49-NQ/TW", kind: cite.KindResolution, issuer: "central-politburo", issued: "2005-06-02", fields: jr,
		summary: "Chiến lược Cải cách tư pháp đến năm 2020"},
	// Seed 002: the central inspection of Kết luận 44-KL/TW.
	{symbol: "44-KL/TW", kind: cite.KindConclusion, issuer: "central-secretariat", issued: "2019-01-22", fields: ia,
		summary: "tiếp tục đẩy mạnh thực hiện Chỉ thị số 09-CT/TW, ngày 01/12/2011 của Ban Bí thư (khoá XI) về tăng cường sự lãnh đạo của Đảng đối với phong trào toàn dân bảo vệ an ninh Tổ quốc trong tình hình mới"},
	{symbol: "100-KH/TU", kind: cite.KindPlan, issuer: "provincial-committee", issued: "2019-03-22", fields: ia,
		summary: "tiếp tục thực hiện Chỉ thị số 09-CT/TW của Ban Bí thư khóa XI về tăng cường sự lãnh đạo của Đảng đối với phong trào Toàn dân bảo vệ an ninh Tổ quốc trong tình hình mới"},
	// Seed 004: seventy years of the Party organisation of the provincial agencies.
	{symbol: "101-NQNS/LKVB", kind: cite.KindResolution, issuer: "lk-viet-bac", issued: "1954-09-27",
		summary: "công nhận đề nghị của Tỉnh ủy Lạng Sơn về việc thành lập Đảng bộ Cơ quan Dân chính Đảng xung quanh tỉnh Lạng Sơn"},
	{symbol: "140-NQ/TU", kind: cite.KindResolution, issuer: "provincial-committee", issued: "1955-05-25",
		summary: "nhiệm vụ, quyền hạn của Đảng ủy Cơ quan Dân chính Đảng xung quanh tỉnh"},
	{symbol: "410-NQ/TĐB", kind: cite.KindResolution, issuer: "provincial-committee", issued: "1959-07-30",
		summary: "đề bạt đồng chí Nguyễn Hơn giữ chức vụ Phó Bí thư Đảng ủy Cơ quan Dân chính Đảng xung quanh tỉnh Lạng Sơn"},
	{symbol: "08/NQ/TC/CL", kind: cite.KindResolution, issuer: "cao-lang-committee", issued: "1976-03-04",
		summary: "chỉ định Ban Chấp hành Đảng bộ Chính dân Đảng tỉnh Cao Lạng"},
	{kind: cite.KindDecision, number: "14", issuer: "central-secretariat", issued: "1978-02-20"},
	{symbol: "336/NQ-TUCL", kind: cite.KindResolution, issuer: "cao-lang-committee", issued: "1978-10-09",
		summary: "giải thể Đảng ủy Chính dân Đảng tỉnh Cao Lạng"},
	{symbol: "56-NQ/TU", kind: cite.KindResolution, issuer: "provincial-committee", issued: "1984-05-14",
		summary: "thành lập Đảng bộ Các cơ quan tỉnh Lạng Sơn"},
	{symbol: "489-NQ/TU", kind: cite.KindResolution, issuer: "provincial-committee", issued: "1987-11-24",
		summary: "phân công, điều động đồng chí Hoàng Tự giữ chức vụ Bí thư Đảng ủy Các cơ quan tỉnh"},
	{symbol: "881-QĐ/TU", kind: cite.KindDecision, issuer: "provincial-committee", issued: "1988-12-10",
		summary: "chỉ định đồng chí Nguyễn Như Luyện tham gia Ban Chấp hành Đảng bộ Các cơ quan tỉnh"},
	{symbol: "70-NQ/TU", kind: cite.KindResolution, issuer: "provincial-committee", issued: "1990-04-09",
		summary: "chỉ định, bổ sung các đồng chí Chu Thắng, Hà Chương, Hoàng Mạnh Tuyên tham gia Ban Chấp hành Đảng bộ Các cơ quan tỉnh"},
	{symbol: "13-NQ/TU", kind: cite.KindResolution, issuer: "provincial-committee", issued: "1996-10-04",
		summary: "điều động đồng chí Hoàng Thăng đến nhận công tác tại Đảng ủy Các cơ quan tỉnh và tham gia Ban Chấp hành Đảng bộ Các cơ quan tỉnh khóa IX"},
	{symbol: "258-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "1998-04-27",
		summary: "thành lập các ban chuyên trách thuộc Đảng ủy Các cơ quan tỉnh"},
	{symbol: "474-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2003-10-10",
		summary: "đổi tên Đảng bộ Các cơ quan tỉnh thành Đảng bộ Khối cơ quan dân chính Đảng tỉnh"},
	{symbol: "598-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2004-06-30",
		summary: "chỉ định đồng chí Hoàng Thăng giữ chức vụ Quyền Bí thư Đảng ủy Khối cơ quan dân chính Đảng tỉnh"},
	{symbol: "1013-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2005-10-07",
		summary: "điều động, phân công đồng chí Hoàng Trung Tuyến giữ chức vụ Bí thư Đảng ủy Khối cơ quan dân chính Đảng tỉnh"},
	{symbol: "1479-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2010-05-28",
		summary: "đổi tên Đảng bộ Khối cơ quan dân chính Đảng tỉnh thành Đảng bộ Khối các cơ quan tỉnh"},
	{symbol: "1465-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2010-05-20",
		summary: "điều động đồng chí Phạm Quang Cường đến nhận công tác tại Đảng ủy Khối các cơ quan tỉnh"},
	{symbol: "1484-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2010-06-14",
		summary: "chỉ định đồng chí Nguyễn Văn Chung giữ chức vụ Quyền Bí thư Đảng ủy Khối các cơ quan tỉnh"},
	{symbol: "445-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2012-03-19",
		summary: "điều động đồng chí Hoàng Văn Nghiệm giữ chức vụ Bí thư Đảng ủy Khối các cơ quan tỉnh khóa XII"},
	{symbol: "705-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2012-09-19",
		summary: "chỉ định đồng chí Hoàng Văn Thường tham gia Ban Chấp hành Đảng bộ, Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh"},
	{symbol: "1313-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2014-02-03",
		summary: "điều động đồng chí Vũ Văn An giữ chức vụ Bí thư Đảng ủy Khối các cơ quan tỉnh khóa XII"},
	{symbol: "1457-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2014-06-25",
		summary: "điều động đồng chí Vi Minh Tú giữ chức vụ Phó Bí thư Đảng ủy Khối các cơ quan tỉnh khóa XII"},
	{symbol: "1466-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2018-09-20",
		summary: "điều động đồng chí Hướng Văn Độ giữ chức vụ Bí thư Đảng ủy Khối các cơ quan tỉnh khóa XIII"},
	{symbol: "2311-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2020-05-04",
		summary: "điều động đồng chí Vi Minh Tú đến nhận công tác tại Ban Dân tộc tỉnh"},
	{symbol: "2391-QĐ/TU", kind: cite.KindDecision, issuer: "standing-board", issued: "2020-06-25",
		summary: "điều động, phân công đồng chí Nguyễn Hoàng Tùng giữ chức vụ Bí thư Đảng ủy Khối các cơ quan tỉnh khóa XIII"},
}

// recentDocs are documents of khóa XVIII for the next-number helper and the
// figures of the current term: the Committee's own (numbered BNCTU, some
// secret) and two it advised. They are illustrations, not seed facts.
var recentDocs = []demoDoc{
	{own: true, ref: "kh-q4-2025", kind: cite.KindPlan, issuer: "bnctu", issued: "2025-10-20", fields: all,
		summary: "kiểm tra, giám sát công tác nội chính, phòng, chống tham nhũng, lãng phí, tiêu cực quý IV năm 2025"},
	{own: true, ref: "bc-2025", kind: cite.KindReport, issuer: "bnctu", issued: "2025-12-15", fields: all,
		classification: access.Secret,
		summary:        "kết quả công tác nội chính, phòng, chống tham nhũng, lãng phí, tiêu cực và cải cách tư pháp năm 2025"},
	{own: true, ref: "kh-2026", kind: cite.KindPlan, issuer: "bnctu", issued: "2026-01-12", fields: all,
		summary: "công tác nội chính, phòng, chống tham nhũng, lãng phí, tiêu cực và cải cách tư pháp năm 2026"},
	{symbol: "12-KH/TU", kind: cite.KindPlan, issuer: "standing-board", issued: "2026-03-16", advised: true, fields: ac,
		summary: "thực hiện công tác phòng, chống tham nhũng, lãng phí, tiêu cực năm 2026"},
	{own: true, ref: "cv-don-thu", kind: cite.KindOfficialLetter, issuer: "bnctu", issued: "2026-04-06", fields: ia,
		summary: "đôn đốc giải quyết dứt điểm các vụ việc khiếu nại, tố cáo phức tạp, kéo dài"},
	{symbol: "20-CT/TU", kind: cite.KindDirective, issuer: "standing-board", issued: "2026-05-22", advised: true, fields: ia,
		summary: "tăng cường sự lãnh đạo của Đảng đối với công tác tiếp công dân, giải quyết khiếu nại, tố cáo"},
	{own: true, ref: "bc-6t-2026", kind: cite.KindReport, issuer: "bnctu", issued: "2026-06-22", fields: all,
		classification: access.Secret, summary: "kết quả công tác nội chính, phòng, chống tham nhũng, lãng phí, tiêu cực 6 tháng đầu năm 2026"},
	{own: true, ref: "tb-giao-ban", kind: cite.KindNotice, issuer: "bnctu", issued: "2026-08-10", fields: ia,
		summary: "kết luận của Trưởng Ban tại hội nghị giao ban công tác nội chính tháng 7 năm 2026"},
}

// demoRelation is a relation between demo documents, named by symbol (or
// "kind number", or the ref of an own document).
type demoRelation struct{ from, typ, to string }

var demoRelations = []demoRelation{
	{"08-QĐi/TU", Implements, "04-QĐi/TW"},
	{"38-CTr/TU", Implements, "05-KL/TW"},
	{"05-KL/TW", Implements, "48-CT/TW"},
	{"60-CTr/TU", Implements, "09-CT/TW"},
	{"102-KH/TU", Implements, "27-CT/TW"},
	{"92-KL/TW", Implements, "49-NQ/TW"},
	{"44-KL/TW", Implements, "09-CT/TW"},
	{"100-KH/TU", Implements, "09-CT/TW"},
	{"100-KH/TU", Implements, "44-KL/TW"},
	{"kh-2026", Implements, "12-KH/TU"},
	{"20-CT/TU", BasedOn, "11-QĐi/TW"},
}

func (d demoDoc) name() string {
	switch {
	case d.own:
		return d.ref
	case d.symbol != "":
		return d.symbol
	}
	return d.kind + " " + d.number
}

// DemoStep loads the documents of the demo: the Lạng Sơn provincial terms,
// every document the seed texts cite with the relations they state, and a
// few recent documents of the Committee. The units step must have run: an
// issuer unit code it did not create is an error naming the code.
func DemoStep() demo.Step {
	return demo.Step{Name: "documents", Load: func(ctx context.Context, env *demo.Env) error {
		return loadDemo(ctx, New(env.DB), env.DB, env.Org.ID, env.Today)
	}}
}

func loadDemo(ctx context.Context, s *Service, db *store.DB, orgID int64, today civil.Date) error {
	for _, t := range LangSonTerms {
		if _, err := s.AddTerm(ctx, t); err != nil {
			return fmt.Errorf("party term %s: %w", t.Roman(), err)
		}
	}
	ids := map[string]int64{}
	for _, d := range append(append([]demoDoc{}, seedDocs...), recentDocs...) {
		issued := civil.MustParse(d.issued)
		if issued.After(today) {
			continue // a recent illustration dated after the day the demo is loaded
		}
		u, err := unitByCode(ctx, db.Read(), orgID, d.issuer)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("document %s: no unit %q: the units demo step must run first and create it", d.name(), d.issuer)
		}
		if err != nil {
			return err
		}
		in := Input{Symbol: d.symbol, Kind: d.kind, Number: d.number, IssuerUnitID: u.ID, IssuedOn: issued,
			Summary: d.summary, Fields: d.fields, AdvisedByCommittee: d.advised, Classification: d.classification,
			AutoNumber: d.own}
		doc, err := s.Create(ctx, in)
		if err != nil {
			return fmt.Errorf("document %s: %w", d.name(), err)
		}
		ids[d.name()] = doc.ID
	}
	for _, r := range demoRelations {
		from, ok1 := ids[r.from]
		to, ok2 := ids[r.to]
		if !ok1 || !ok2 {
			continue // one end is a recent illustration not loaded
		}
		if _, err := s.AddRelation(ctx, RelationInput{FromID: from, ToID: to, Type: r.typ}); err != nil {
			return fmt.Errorf("relation %s %s %s: %w", r.from, r.typ, r.to, err)
		}
	}
	return nil
}
