package units

// Seed 004 (the history of Đảng bộ Khối các cơ quan tỉnh Lạng Sơn, 1954–2020)
// as data: every dated fact of the text about the organisation, its
// congresses and the people in its posts, each with its deciding document.
// Terms end the day before the next one begins; a term of a congress ends
// when the next congress elects (term_ended), whether or not the person is
// re-elected, because each congress's election is a term of its own.

// Codes of the units the demo adds to the reference data.
const (
	blocCode        = "bloc-provincial-agencies" // the one unit of seed 004, under its five names
	caoLangBlocCode = "bloc-cao-lang"            // Đảng bộ Chính dân Đảng tỉnh Cao Lạng (1975–1978)
	caoBangBlocCode = "bloc-cao-bang"            // Đảng bộ Cơ quan Dân chính Đảng tỉnh Cao Bằng (merged 1975)
)

// seedDecision is a deciding document: issuer is a unit code or, when the
// issuer is not a unit, its name.
type seedDecision struct{ symbol, date, issuer string }

type seedUnit struct {
	code, kind, name, parent string
	from                     string
	prec                     Precision
	by                       seedDecision
	note                     string
}

type seedEvent struct {
	unit    string
	kind    EventKind
	on      string
	prec    Precision
	name    string
	parent  string
	related string
	by      seedDecision
	note    string
}

type seedCongress struct {
	key, unit           string
	kind                CongressKind
	number              string
	from, to            string
	prec                Precision
	termFrom, termTo    int
	exec, alt, standing int
	place               string
	by                  seedDecision
	note                string
}

type seedTerm struct {
	person      string
	unit        string
	title       Title
	from        string
	fromPrec    Precision
	how         How
	by          seedDecision
	to          string
	toPrec      Precision
	endHow      How
	endBy       seedDecision
	congress    string // key of the congress that elected or designated
	personTitle string
	titleText   string
	note        string
}

const (
	tu  = "provincial-committee"
	btv = "standing-board"
)

// seed004Units are the bodies seed 004 names that the reference data lacks.
var seed004Units = []seedUnit{
	{code: blocCode, kind: "party_organization", name: "Đảng bộ Cơ quan Dân chính Đảng xung quanh tỉnh Lạng Sơn", parent: tu,
		from: "1954-09-27", by: seedDecision{"101-NQNS/LKVB", "1954-09-27", "lk-viet-bac"},
		note: "Liên khu ủy Việt Bắc công nhận đề nghị của Tỉnh ủy Lạng Sơn về việc thành lập Đảng bộ (seed 004)."},
	{code: caoBangBlocCode, kind: "party_organization", name: "Đảng bộ Cơ quan Dân chính Đảng tỉnh Cao Bằng",
		note: "Ngày thành lập không có trong nguồn; sáp nhập ngày 27/12/1975 (seed 004)."},
	{code: caoLangBlocCode, kind: "party_organization", name: "Đảng bộ Chính dân Đảng tỉnh Cao Lạng", parent: "cao-lang-committee",
		from: "1975-12-27", by: seedDecision{"", "1975-12-27", "central-national-assembly"},
		note: "Hợp nhất Đảng bộ Cơ quan Dân chính Đảng hai tỉnh Lạng Sơn và Cao Bằng khi Quốc hội khóa V (kỳ họp thứ hai) quyết định hợp nhất hai tỉnh; trụ sở tại thị xã Cao Bằng."},
	{code: "bloc-youth-union", kind: "mass_organization", name: "Đoàn thanh niên Các cơ quan tỉnh Lạng Sơn", parent: blocCode,
		from: "1984-06-01", prec: Month, note: "Thành lập tháng 6/1984 (seed 004)."},
	{code: "bloc-propaganda-board", kind: "advisory_board", name: "Ban Tuyên giáo Đảng ủy Các cơ quan tỉnh", parent: blocCode,
		from: "1998-04-27", by: seedDecision{"258-QĐ/TU", "1998-04-27", btv}, note: "Ban chuyên trách thuộc Đảng ủy (seed 004)."},
	{code: "bloc-organization-board", kind: "advisory_board", name: "Ban Tổ chức Đảng ủy Các cơ quan tỉnh", parent: blocCode,
		from: "1998-04-27", by: seedDecision{"258-QĐ/TU", "1998-04-27", btv}, note: "Ban chuyên trách thuộc Đảng ủy (seed 004)."},
	{code: "bloc-inspection-commission", kind: "inspection_commission", name: "Ủy ban Kiểm tra Đảng ủy Các cơ quan tỉnh", parent: blocCode,
		from: "1998-04-27", by: seedDecision{"258-QĐ/TU", "1998-04-27", btv}, note: "Ban chuyên trách thuộc Đảng ủy (seed 004)."},
	{code: "bloc-office", kind: "advisory_board", name: "Văn phòng Đảng ủy Các cơ quan tỉnh", parent: blocCode,
		from: "1998-04-27", by: seedDecision{"258-QĐ/TU", "1998-04-27", btv}, note: "Ban chuyên trách thuộc Đảng ủy (seed 004)."},
	{code: "bloc-veterans", kind: "mass_organization", name: "Hội Cựu chiến binh Khối cơ quan dân chính Đảng tỉnh", parent: blocCode,
		from: "2008-12-01", prec: Year, note: "Thành lập cuối năm 2008 (seed 004)."},
	{code: "civil-servants-union", kind: "mass_organization", name: "Công đoàn Viên chức tỉnh Lạng Sơn", parent: blocCode,
		from: "2009-12-01", prec: Year, note: "Thành lập cuối năm 2009, trực thuộc Đảng ủy Khối (seed 004)."},
}

// seed004Events are the later events of those units and of the provincial committee.
var seed004Events = []seedEvent{
	{unit: blocCode, kind: Reorganized, on: "1955-05-25", by: seedDecision{"140-NQ/TU", "1955-05-25", tu},
		note: "Nghị quyết về nhiệm vụ, quyền hạn của Đảng ủy; chỉ định Bí thư Đảng ủy."},
	{unit: blocCode, kind: Renamed, on: "1960-08-01", prec: Month, name: "Đảng bộ Cơ quan Dân chính Đảng tỉnh Lạng Sơn",
		by: seedDecision{"", "", "Đại hội Đảng bộ lần thứ nhất"}, note: "Đổi tên từ Đại hội lần thứ nhất (đầu tháng 8/1960)."},
	{unit: tu, kind: MergedInto, on: "1975-12-27", related: "cao-lang-committee", by: seedDecision{"", "1975-12-27", "central-national-assembly"},
		note: "Quốc hội khóa V, kỳ họp thứ hai, quyết định hợp nhất tỉnh Lạng Sơn và tỉnh Cao Bằng thành tỉnh Cao Lạng."},
	{unit: blocCode, kind: MergedInto, on: "1975-12-27", related: caoLangBlocCode, by: seedDecision{"", "1975-12-27", "central-national-assembly"},
		note: "Sáp nhập với Đảng bộ Cơ quan Dân chính Đảng tỉnh Cao Bằng thành Đảng bộ Chính dân Đảng tỉnh Cao Lạng."},
	{unit: caoBangBlocCode, kind: MergedInto, on: "1975-12-27", related: caoLangBlocCode, by: seedDecision{"", "1975-12-27", "central-national-assembly"}},
	{unit: caoLangBlocCode, kind: Reorganized, on: "1978-06-01", prec: Year, by: seedDecision{"Quyết định số 14", "1978-02-20", "central-secretariat"},
		note: "Giữa năm 1978 bàn giao 41 chi bộ với 786 đảng viên về trực thuộc Thị ủy Cao Bằng và 11 chi bộ với 120 đảng viên về trực thuộc Thị ủy Lạng Sơn."},
	{unit: caoLangBlocCode, kind: Dissolved, on: "1978-10-09", by: seedDecision{"336/NQ-TUCL", "1978-10-09", "cao-lang-committee"},
		note: "Giải thể Đảng ủy Chính dân Đảng tỉnh Cao Lạng."},
	{unit: tu, kind: ReEstablished, on: "1978-12-29", by: seedDecision{"", "1978-12-29", "central-national-assembly"},
		note: "Quốc hội điều chỉnh địa giới hành chính, tách tỉnh Cao Lạng trở lại hai tỉnh Lạng Sơn và Cao Bằng."},
	{unit: blocCode, kind: ReEstablished, on: "1984-05-14", name: "Đảng bộ Các cơ quan tỉnh Lạng Sơn", parent: tu,
		by:   seedDecision{"56-NQ/TU", "1984-05-14", tu},
		note: "Tái lập Đảng bộ; cử Ủy ban kiểm tra, thành lập Ban Tổ chức, Ban Tuyên giáo; biên chế 6–8 cán bộ chuyên trách."},
	{unit: blocCode, kind: Reorganized, on: "1998-04-27", by: seedDecision{"258-QĐ/TU", "1998-04-27", btv},
		note: "Thành lập các ban chuyên trách: Ban Tuyên giáo, Ban Tổ chức, Ủy ban Kiểm tra, Văn phòng Đảng ủy."},
	{unit: blocCode, kind: Renamed, on: "2003-10-10", name: "Đảng bộ Khối cơ quan dân chính Đảng tỉnh",
		by: seedDecision{"474-QĐ/TU", "2003-10-10", btv}, note: "Ban hành kèm quy định về chức năng, nhiệm vụ, tổ chức bộ máy Đảng ủy Khối."},
	{unit: blocCode, kind: Renamed, on: "2010-05-28", name: "Đảng bộ Khối các cơ quan tỉnh",
		by: seedDecision{"1479-QĐ/TU", "2010-05-28", btv}},
}

var seed004Congresses = []seedCongress{
	{key: "I", unit: blocCode, kind: ByCongress, number: "I", from: "1960-08-01", prec: Month, exec: 11, alt: 2, standing: 3,
		place: "thị xã Lạng Sơn", note: "Đại hội Đảng bộ Cơ quan Dân chính Đảng xung quanh tỉnh Lạng Sơn lần thứ nhất, đầu tháng 8/1960."},
	{key: "II", unit: blocCode, kind: ByCongress, number: "II", from: "1962-05-28", to: "1962-05-29", exec: 11, standing: 5,
		place: "thị xã Lạng Sơn", note: "Đại hội Đảng bộ Cơ quan Dân chính Đảng tỉnh Lạng Sơn lần thứ hai."},
	{key: "CL", unit: caoLangBlocCode, kind: ByDesignation, from: "1976-03-04", exec: 9, standing: 3,
		by: seedDecision{"08/NQ/TC/CL", "1976-03-04", "cao-lang-committee"}, note: "Tỉnh ủy Cao Lạng chỉ định Ban Chấp hành."},
	{key: "1984", unit: blocCode, kind: ByDesignation, from: "1984-05-25", exec: 15, standing: 5,
		by: seedDecision{"", "1984-05-25", tu}, note: "Tỉnh ủy chỉ định Ban Chấp hành Đảng bộ Các cơ quan tỉnh Lạng Sơn."},
	{key: "VII", unit: blocCode, kind: ByCongress, number: "VII", from: "1986-09-23", to: "1986-09-24", exec: 11, standing: 5,
		place: "thị xã Lạng Sơn", note: "Đại hội đại biểu Đảng bộ Các cơ quan tỉnh Lạng Sơn lần thứ VII."},
	{key: "VIII", unit: blocCode, kind: ByCongress, number: "VIII", from: "1991-10-28", to: "1991-10-30", exec: 19, standing: 5,
		place: "thị xã Lạng Sơn", note: "Đại hội đại biểu Đảng bộ Các cơ quan tỉnh lần thứ VIII."},
	{key: "IX", unit: blocCode, kind: ByCongress, number: "IX", from: "1996-03-12", to: "1996-03-14", exec: 21, standing: 6,
		place: "thị xã Lạng Sơn", note: "Đại hội đại biểu Đảng bộ Các cơ quan tỉnh Lạng Sơn lần thứ IX."},
	{key: "X", unit: blocCode, kind: ByCongress, number: "X", from: "2000-11-22", to: "2000-11-24", exec: 23, standing: 7,
		place: "thị xã Lạng Sơn", note: "Đại hội đại biểu Đảng bộ Các cơ quan tỉnh lần thứ X."},
	{key: "XI", unit: blocCode, kind: ByCongress, number: "XI", from: "2005-10-12", to: "2005-10-14", termFrom: 2005, termTo: 2010,
		exec: 21, standing: 7, place: "thành phố Lạng Sơn", note: "Đại hội đại biểu Đảng bộ Khối cơ quan dân chính Đảng tỉnh lần thứ XI."},
	{key: "XII", unit: blocCode, kind: ByCongress, number: "XII", from: "2010-08-10", to: "2010-08-12", termFrom: 2010, termTo: 2015,
		exec: 30, standing: 8, place: "thành phố Lạng Sơn", note: "Đại hội đại biểu Đảng bộ Khối các cơ quan tỉnh lần thứ XII."},
	{key: "XIII", unit: blocCode, kind: ByCongress, number: "XIII", from: "2015-08-18", to: "2015-08-20", termFrom: 2015, termTo: 2020,
		exec: 27, standing: 9, place: "thành phố Lạng Sơn", note: "Đại hội đại biểu Đảng bộ Khối các cơ quan tỉnh lần thứ XIII."},
	{key: "XIV", unit: blocCode, kind: ByCongress, number: "XIV", from: "2020-07-15", to: "2020-07-16", termFrom: 2020, termTo: 2025,
		exec: 24, standing: 7, place: "thành phố Lạng Sơn", note: "Đại hội đại biểu Đảng bộ Khối các cơ quan tỉnh lần thứ XIV."},
}

// Decisions that recur.
var (
	byBCH       = func(date string) seedDecision { return seedDecision{"", date, "Ban Chấp hành Đảng bộ"} }
	byTU        = func(date string) seedDecision { return seedDecision{"", date, tu} }
	lkvb101     = seedDecision{"101-NQNS/LKVB", "1954-09-27", "lk-viet-bac"}
	tu70        = seedDecision{"70-NQ/TU", "1990-04-09", tu}
	clDesignate = seedDecision{"08/NQ/TC/CL", "1976-03-04", "cao-lang-committee"}
	clDissolve  = seedDecision{"336/NQ-TUCL", "1978-10-09", "cao-lang-committee"}
)

func btvDecision(symbol, date string) seedDecision { return seedDecision{symbol, date, btv} }

var seed004Terms = []seedTerm{
	// 1954: the comrades the Liên khu ủy designated into the new organisation.
	{person: "Bình Công", unit: blocCode, title: ExecutiveMember, from: "1954-09-27", how: Designated, by: lkvb101,
		to: "1960-07-31", toPrec: Month, endHow: TermEnded, personTitle: "Cán bộ Ty Tuyên truyền - Văn nghệ tỉnh Lạng Sơn",
		note: "Chỉ định tham gia Đảng bộ Cơ quan Dân chính Đảng xung quanh tỉnh Lạng Sơn; đến Đại hội lần thứ nhất."},
	{person: "Ngô Tất Đạt", unit: blocCode, title: ExecutiveMember, from: "1954-09-27", how: Designated, by: lkvb101,
		to: "1960-07-31", toPrec: Month, endHow: TermEnded, personTitle: "Bí thư Liên hiệp Công đoàn tỉnh Lạng Sơn",
		note: "Chỉ định tham gia Đảng bộ Cơ quan Dân chính Đảng xung quanh tỉnh Lạng Sơn; đến Đại hội lần thứ nhất."},
	{person: "Lê Thanh", unit: blocCode, title: ExecutiveMember, from: "1954-09-27", how: Designated, by: lkvb101,
		to: "1960-07-31", toPrec: Month, endHow: TermEnded, personTitle: "Bí thư Đoàn thanh niên tỉnh Lạng Sơn",
		note: "Chỉ định tham gia Đảng bộ Cơ quan Dân chính Đảng xung quanh tỉnh Lạng Sơn; đến Đại hội lần thứ nhất."},

	// Secretaries (Bí thư) and acting secretaries.
	{person: "Hoàng Thanh Sơn", unit: blocCode, title: Secretary, from: "1955-05-25", how: Designated,
		by: seedDecision{"140-NQ/TU", "1955-05-25", tu}, to: "1960-07-31", toPrec: Month, endHow: TermEnded,
		personTitle: "Phó Ban Tổ chức Tỉnh ủy"},
	{person: "Hoàng Thanh Sơn", unit: blocCode, title: Secretary, from: "1960-08-01", fromPrec: Month, how: Elected, congress: "I",
		to: "1962-05-28", endHow: TermEnded},
	{person: "Nguyễn Khắc Nhị", unit: blocCode, title: Secretary, from: "1962-05-29", how: Elected, congress: "II",
		to: "1965-11-30", toPrec: Year, endHow: Transferred, note: "Được Tỉnh ủy điều động nhận nhiệm vụ mới cuối năm 1965."},
	{person: "Trương Ích Trung", unit: blocCode, title: Secretary, from: "1965-12-01", fromPrec: Year, how: Transferred, by: byTU(""),
		to: "1969-07-31", toPrec: Month, endHow: Transferred, note: "Tỉnh ủy điều động đến nhận công tác cuối năm 1965, thay đồng chí Nguyễn Khắc Nhị."},
	{person: "Lê Thiệu", unit: blocCode, title: Secretary, from: "1969-08-01", fromPrec: Month, how: Transferred, by: byTU(""),
		to: "1973-07-31", toPrec: Month, note: "Tỉnh ủy điều động tháng 8/1969, thay đồng chí Trương Ích Trung."},
	{person: "Dương Quốc Tiến", unit: blocCode, title: Secretary, from: "1973-08-01", fromPrec: Month, how: Designated, by: byTU(""),
		to: "1975-12-26", endHow: UnitEnded, note: "Tỉnh ủy Lạng Sơn ra nghị quyết chỉ định tháng 8/1973."},
	{person: "Dương Quốc Tiến", unit: caoLangBlocCode, title: Secretary, from: "1976-03-04", how: Designated, by: clDesignate, congress: "CL",
		to: "1978-10-08", endHow: UnitEnded, endBy: clDissolve},
	{person: "Hoàng Tiến", unit: blocCode, title: Secretary, from: "1984-05-25", how: Designated, by: byTU("1984-05-25"), congress: "1984",
		to: "1986-09-23", endHow: TermEnded},
	{person: "Hoàng Tiến", unit: blocCode, title: Secretary, from: "1986-09-24", how: Elected, congress: "VII",
		to: "1987-11-23", endHow: Transferred, endBy: seedDecision{"489-NQ/TU", "1987-11-24", tu}},
	{person: "Hoàng Tự", unit: blocCode, title: Secretary, from: "1987-11-24", how: Designated, by: seedDecision{"489-NQ/TU", "1987-11-24", tu},
		to: "1991-10-29", endHow: TermEnded,
		personTitle: "Tỉnh ủy viên, Ủy viên Ban Chấp hành Đảng bộ Các cơ quan tỉnh, Phó Giám đốc Sở Giao thông vận tải"},
	{person: "Nguyễn Như Luyện", unit: blocCode, title: Secretary, from: "1991-10-30", how: Elected, congress: "VIII", to: "1996-03-13", endHow: TermEnded},
	{person: "Nguyễn Như Luyện", unit: blocCode, title: Secretary, from: "1996-03-14", how: Elected, congress: "IX", to: "2000-11-23", endHow: TermEnded},
	{person: "Nguyễn Như Luyện", unit: blocCode, title: Secretary, from: "2000-11-24", how: Elected, congress: "X",
		to: "2004-06-29", endHow: Retired, endBy: btvDecision("598-QĐ/TU", "2004-06-30")},
	{person: "Hoàng Thăng", unit: blocCode, title: ActingSecretary, from: "2004-06-30", how: Designated, by: btvDecision("598-QĐ/TU", "2004-06-30"),
		to: "2005-10-06", endBy: btvDecision("1013-QĐ/TU", "2005-10-07"), personTitle: "Phó Bí thư Đảng ủy"},
	{person: "Hoàng Trung Tuyến", unit: blocCode, title: Secretary, from: "2005-10-07", how: Transferred, by: btvDecision("1013-QĐ/TU", "2005-10-07"),
		to: "2005-10-13", endHow: TermEnded, personTitle: "Tỉnh ủy viên, Bí thư Huyện ủy Chi Lăng"},
	{person: "Hoàng Trung Tuyến", unit: blocCode, title: Secretary, from: "2005-10-14", how: Elected, congress: "XI",
		to: "2010-06-13", endHow: Retired, endBy: btvDecision("1484-QĐ/TU", "2010-06-14")},
	{person: "Nguyễn Văn Chung", unit: blocCode, title: ActingSecretary, from: "2010-06-14", how: Designated, by: btvDecision("1484-QĐ/TU", "2010-06-14"),
		to: "2010-08-11", endHow: TermEnded, personTitle: "Phó Bí thư Đảng ủy Khối",
		titleText: "Quyền Bí thư Đảng ủy Khối khóa XI, nhiệm kỳ 2005–2010"},
	{person: "Nguyễn Văn Chung", unit: blocCode, title: Secretary, from: "2010-08-12", how: Elected, congress: "XII",
		to: "2012-03-18", endHow: Transferred, endBy: btvDecision("445-QĐ/TU", "2012-03-19")},
	{person: "Hoàng Văn Nghiệm", unit: blocCode, title: Secretary, from: "2012-03-19", how: Transferred, by: btvDecision("445-QĐ/TU", "2012-03-19"),
		to: "2014-02-02", endHow: Transferred, endBy: btvDecision("1313-QĐ/TU", "2014-02-03"),
		personTitle: "Tỉnh ủy viên, Chánh Văn phòng Tỉnh ủy", titleText: "Bí thư Đảng ủy Khối các cơ quan tỉnh khóa XII"},
	{person: "Vũ Văn An", unit: blocCode, title: Secretary, from: "2014-02-03", how: Transferred, by: btvDecision("1313-QĐ/TU", "2014-02-03"),
		to: "2015-08-19", endHow: TermEnded, personTitle: "Tỉnh ủy viên, Giám đốc Sở Xây dựng",
		titleText: "Bí thư Đảng ủy Khối các cơ quan tỉnh khóa XII"},
	{person: "Vũ Văn An", unit: blocCode, title: Secretary, from: "2015-08-20", how: Elected, congress: "XIII",
		to: "2018-09-19", endHow: Retired, endBy: btvDecision("1466-QĐ/TU", "2018-09-20")},
	{person: "Hướng Văn Độ", unit: blocCode, title: Secretary, from: "2018-09-20", how: Transferred, by: btvDecision("1466-QĐ/TU", "2018-09-20"),
		to: "2020-06-24", endHow: Retired, endBy: btvDecision("2391-QĐ/TU", "2020-06-25"),
		personTitle: "Tỉnh ủy viên, Bí thư Huyện ủy Tràng Định", titleText: "Bí thư Đảng ủy Khối các cơ quan tỉnh khóa XIII"},
	{person: "Nguyễn Hoàng Tùng", unit: blocCode, title: Secretary, from: "2020-06-25", how: Transferred, by: btvDecision("2391-QĐ/TU", "2020-06-25"),
		to: "2020-07-15", endHow: TermEnded, personTitle: "Tỉnh ủy viên, Bí thư Huyện ủy Đình Lập",
		titleText: "Bí thư Đảng ủy Khối các cơ quan tỉnh khóa XIII"},
	{person: "Nguyễn Hoàng Tùng", unit: blocCode, title: Secretary, from: "2020-07-16", how: Elected, congress: "XIV"},

	// Deputy secretaries (Phó Bí thư): two at once in 2014–2015, 2015 and 2020.
	{person: "Nguyễn Hơn", unit: blocCode, title: DeputySecretary, from: "1959-07-30", how: Appointed,
		by: seedDecision{"410-NQ/TĐB", "1959-07-30", tu}, to: "1960-07-31", toPrec: Month, endHow: TermEnded, personTitle: "Đảng ủy viên"},
	{person: "Nguyễn Hơn", unit: blocCode, title: DeputySecretary, from: "1960-08-01", fromPrec: Month, how: Elected, congress: "I",
		to: "1962-05-28", endHow: TermEnded},
	{person: "Lại Xuân Thương", unit: blocCode, title: DeputySecretary, from: "1962-05-29", how: Elected, congress: "II",
		to: "1975-12-26", endHow: UnitEnded, note: "Ngày thôi giữ chức không có trong nguồn; muộn nhất khi Đảng bộ sáp nhập (27/12/1975)."},
	{person: "Lê Đoàn", unit: caoLangBlocCode, title: DeputySecretary, from: "1976-03-04", how: Designated, by: clDesignate, congress: "CL",
		to: "1978-10-08", endHow: UnitEnded, endBy: clDissolve},
	{person: "Ma Cẩm Nang", unit: blocCode, title: DeputySecretary, from: "1986-09-24", how: Elected, congress: "VII",
		to: "1989-03-31", toPrec: Month, endHow: Retired},
	{person: "Nguyễn Như Luyện", unit: blocCode, title: DeputySecretary, from: "1989-04-01", fromPrec: Month, how: Elected, by: byBCH(""),
		to: "1991-10-29", endHow: TermEnded, note: "Ban Chấp hành bầu tháng 4/1989, thay đồng chí Ma Cẩm Nang nghỉ chế độ."},
	{person: "Hoàng Mạnh Tuyên", unit: blocCode, title: DeputySecretary, from: "1991-10-30", how: Elected, congress: "VIII", to: "1996-03-13", endHow: TermEnded},
	{person: "Trần Ngọc Bình", unit: blocCode, title: DeputySecretary, from: "1996-03-14", how: Elected, congress: "IX",
		to: "1996-10-21", endHow: Transferred, note: "Nhận nhiệm vụ mới."},
	{person: "Hoàng Thăng", unit: blocCode, title: DeputySecretary, from: "1996-10-22", how: Elected, by: byBCH("1996-10-22"),
		to: "2000-11-23", endHow: TermEnded, note: "Ban Chấp hành bầu thay đồng chí Trần Ngọc Bình."},
	{person: "Hoàng Thăng", unit: blocCode, title: DeputySecretary, from: "2000-11-24", how: Elected, congress: "X", to: "2005-10-13", endHow: TermEnded},
	{person: "Nguyễn Văn Chung", unit: blocCode, title: DeputySecretary, from: "2005-10-14", how: Elected, congress: "XI", to: "2010-08-11", endHow: TermEnded},
	{person: "Phạm Quang Cường", unit: blocCode, title: DeputySecretary, from: "2010-06-08", how: Elected, by: byBCH("2010-06-08"),
		to: "2010-08-11", endHow: TermEnded, titleText: "Phó Bí thư Đảng ủy Khối khóa XI, nhiệm kỳ 2005–2010"},
	{person: "Phạm Quang Cường", unit: blocCode, title: DeputySecretary, from: "2010-08-12", how: Elected, congress: "XII",
		to: "2012-10-03", endHow: Transferred, note: "Được Tỉnh ủy điều động nhận nhiệm vụ mới."},
	{person: "Hoàng Văn Thường", unit: blocCode, title: DeputySecretary, from: "2012-10-04", how: Elected, by: byBCH("2012-10-04"),
		to: "2015-08-19", endHow: TermEnded, titleText: "Phó Bí thư Đảng ủy Khối các cơ quan tỉnh khóa XII"},
	{person: "Vi Minh Tú", unit: blocCode, title: DeputySecretary, from: "2014-06-25", how: Designated, by: btvDecision("1457-QĐ/TU", "2014-06-25"),
		to: "2015-08-19", endHow: TermEnded, personTitle: "Phó Bí thư thường trực Huyện ủy Đình Lập",
		titleText: "Phó Bí thư Đảng ủy Khối các cơ quan tỉnh khóa XII"},
	{person: "Vi Minh Tú", unit: blocCode, title: DeputySecretary, from: "2015-08-20", how: Elected, congress: "XIII",
		to: "2020-05-03", endHow: Transferred, endBy: btvDecision("2311-QĐ/TU", "2020-05-04"),
		note: "Điều động đến nhận công tác tại Ban Dân tộc tỉnh."},
	{person: "Nguyễn Đức Thắng", unit: blocCode, title: DeputySecretary, from: "2015-08-20", how: Elected, congress: "XIII", to: "2020-07-15", endHow: TermEnded},
	{person: "Nguyễn Đức Thắng", unit: blocCode, title: DeputySecretary, from: "2020-07-16", how: Elected, congress: "XIV"},
	{person: "Phạm Thu Hằng", unit: blocCode, title: DeputySecretary, from: "2020-07-16", how: Elected, congress: "XIV"},

	// Chairs of the inspection commission (Chủ nhiệm Ủy ban Kiểm tra Đảng ủy).
	{person: "Hà Chương", unit: blocCode, title: InspectionChair, from: "1991-10-30", how: Elected, congress: "VIII", to: "1996-03-13", endHow: TermEnded},
	{person: "Nguyễn Thị Triển", unit: blocCode, title: InspectionChair, from: "1996-03-14", how: Elected, congress: "IX", to: "2000-11-23", endHow: TermEnded},
	{person: "Lê Quang Hiệp", unit: blocCode, title: InspectionChair, from: "2000-11-24", how: Elected, congress: "X", to: "2005-10-13", endHow: TermEnded},
	{person: "Hoàng Chính", unit: blocCode, title: InspectionChair, from: "2015-08-20", how: Elected, congress: "XIII", to: "2020-07-15", endHow: TermEnded},
	{person: "Đoàn Trung Diễn", unit: blocCode, title: InspectionChair, from: "2020-07-16", how: Elected, congress: "XIV"},

	// Members designated into the executive committee and standing board between congresses.
	{person: "Nguyễn Như Luyện", unit: blocCode, title: ExecutiveMember, from: "1988-12-10", how: Designated,
		by: seedDecision{"881-QĐ/TU", "1988-12-10", tu}, to: "1991-10-29", endHow: TermEnded, personTitle: "Cán bộ Ban Tổ chức Tỉnh ủy"},
	{person: "Chu Thắng", unit: blocCode, title: ExecutiveMember, from: "1990-04-09", how: Designated, by: tu70, to: "1991-10-29", endHow: TermEnded},
	{person: "Hà Chương", unit: blocCode, title: ExecutiveMember, from: "1990-04-09", how: Designated, by: tu70, to: "1991-10-29", endHow: TermEnded},
	{person: "Hoàng Mạnh Tuyên", unit: blocCode, title: ExecutiveMember, from: "1990-04-09", how: Designated, by: tu70, to: "1991-10-29", endHow: TermEnded},
	{person: "Hoàng Thăng", unit: blocCode, title: ExecutiveMember, from: "1996-10-04", how: Transferred, by: seedDecision{"13-NQ/TU", "1996-10-04", tu},
		to: "2000-11-23", endHow: TermEnded, personTitle: "Phó Trưởng phòng Tổ chức cơ sở đảng, Ban Tổ chức Tỉnh ủy Lạng Sơn",
		titleText: "Ủy viên Ban Chấp hành Đảng bộ Các cơ quan tỉnh khóa IX"},
	{person: "Phạm Quang Cường", unit: blocCode, title: Staff, from: "2010-05-20", how: Transferred, by: btvDecision("1465-QĐ/TU", "2010-05-20"),
		to: "2012-10-03", endHow: Transferred, personTitle: "Ủy viên Ủy ban Kiểm tra Tỉnh ủy"},
	{person: "Hoàng Văn Thường", unit: blocCode, title: ExecutiveMember, from: "2012-09-19", how: Designated, by: btvDecision("705-QĐ/TU", "2012-09-19"),
		to: "2015-08-19", endHow: TermEnded, personTitle: "Ủy viên Ủy ban Kiểm tra Tỉnh ủy"},
	{person: "Hoàng Văn Thường", unit: blocCode, title: StandingMember, from: "2012-09-19", how: Designated, by: btvDecision("705-QĐ/TU", "2012-09-19"),
		to: "2015-08-19", endHow: TermEnded},
	{person: "Vũ Văn An", unit: blocCode, title: ExecutiveMember, from: "2014-02-03", how: Designated, by: btvDecision("1313-QĐ/TU", "2014-02-03"),
		to: "2015-08-19", endHow: TermEnded},
	{person: "Vũ Văn An", unit: blocCode, title: StandingMember, from: "2014-02-03", how: Designated, by: btvDecision("1313-QĐ/TU", "2014-02-03"),
		to: "2015-08-19", endHow: TermEnded},
	{person: "Vi Minh Tú", unit: blocCode, title: ExecutiveMember, from: "2014-06-25", how: Designated, by: btvDecision("1457-QĐ/TU", "2014-06-25"),
		to: "2015-08-19", endHow: TermEnded},
	{person: "Vi Minh Tú", unit: blocCode, title: StandingMember, from: "2014-06-25", how: Designated, by: btvDecision("1457-QĐ/TU", "2014-06-25"),
		to: "2015-08-19", endHow: TermEnded},
	{person: "Hướng Văn Độ", unit: blocCode, title: ExecutiveMember, from: "2018-09-20", how: Designated, by: btvDecision("1466-QĐ/TU", "2018-09-20"),
		to: "2020-07-15", endHow: TermEnded},
	{person: "Hướng Văn Độ", unit: blocCode, title: StandingMember, from: "2018-09-20", how: Designated, by: btvDecision("1466-QĐ/TU", "2018-09-20"),
		to: "2020-07-15", endHow: TermEnded},
	{person: "Nguyễn Hoàng Tùng", unit: blocCode, title: ExecutiveMember, from: "2020-06-25", how: Designated, by: btvDecision("2391-QĐ/TU", "2020-06-25"),
		to: "2020-07-15", endHow: TermEnded},
	{person: "Nguyễn Hoàng Tùng", unit: blocCode, title: StandingMember, from: "2020-06-25", how: Designated, by: btvDecision("2391-QĐ/TU", "2020-06-25"),
		to: "2020-07-15", endHow: TermEnded},
}
