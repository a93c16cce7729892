package petitions

import (
	"noichinh/internal/access"
	"noichinh/internal/civil"
)

// The demo's records are fictional: senders' names are invented (and
// sealed anyway), matters are the kinds Lạng Sơn's reception handles (land
// compensation for the expressway and border-gate projects, forest land,
// social policy, officials' conduct), places are real districts and
// communes. No real person is named.

// demoPetition is a petition and what happened to it.
type demoPetition struct {
	received    civil.Date
	channel     Channel
	source      string // unit code of the body that forwarded it
	kind        Kind
	signer      Signer
	senders     int // named senders (0 for anonymous)
	noAddress   bool
	field       Field
	summary     string
	subject     string
	position    string
	partyMem    bool
	locality    string // unit code
	complex     bool
	secret      bool
	assignee    string
	processed   int // days after receipt; < 0: not yet processed
	filed       FiledReason
	note        string
	handling    Handling
	target      string // unit code
	notifyIn    int    // days after acceptance the denouncer was notified (0: not yet)
	urges       []civil.Date
	replies     []demoReply
	resolution  *demoReply // for an accepted petition
	parts       []Part     // a mixed petition, split on receipt
	repeatsPrev bool       // repeats the petition before it in its list
}

type demoReply struct {
	on       civil.Date
	resolved bool
	summary  string
	Result
}

func d(s string) civil.Date { return civil.MustParse(s) }

func resolvedBy(on string, o Outcome, money int64, land float64, people int) []demoReply {
	return []demoReply{{on: d(on), resolved: true, summary: "Báo cáo kết quả giải quyết",
		Result: Result{Outcome: o, MoneyReturned: money, LandReturned: land, PeopleProtected: people}}}
}

func interimThen(interim string, final []demoReply) []demoReply {
	return append([]demoReply{{on: d(interim), summary: "Báo cáo tiến độ xác minh, giải quyết"}}, final...)
}

// seedComplex are the complex and prolonged complaints and denunciations the
// Committee followed for the Party secretary from 05/2019 (seed 000): by
// 30/6/2020 the bodies had resolved 15 and were still resolving 12.
func seedComplex() []demoPetition {
	c := func(received string, kind Kind, field Field, summary, subject, locality, target string) demoPetition {
		return demoPetition{received: d(received), channel: Post, kind: kind, signer: SignerOne, senders: 1,
			field: field, summary: summary, subject: subject, locality: locality, complex: true,
			assignee: "chuyenvien1", processed: 7, handling: HandleForwarded, target: target, secret: kind == Denunciation}
	}
	with := func(p demoPetition, replies []demoReply, urges ...string) demoPetition {
		p.replies = replies
		for _, u := range urges {
			p.urges = append(p.urges, d(u))
		}
		return p
	}
	several := func(p demoPetition, n int) demoPetition {
		p.signer, p.senders = SignerSeveral, n
		return p
	}
	urged := func(p demoPetition) demoPetition {
		p.handling = HandleUrged
		return p
	}
	return []demoPetition{
		// Resolved between 05/2019 and 30/6/2020.
		with(several(c("2016-08-12", Complaint, "compensation", "Khiếu nại giá bồi thường, hỗ trợ khi thu hồi đất làm đường cao tốc Bắc Giang – Lạng Sơn đoạn qua xã Mai Pha",
			"Ủy ban nhân dân thành phố Lạng Sơn", "city-lang-son", "ppc"), 6),
			interimThen("2019-05-28", resolvedBy("2019-08-20", OutcomePartlyRight, 86_500_000, 0, 6)), "2019-05-10"),
		with(several(c("2017-03-02", Complaint, "compensation", "Khiếu nại việc bố trí tái định cư cho các hộ dân vùng lòng hồ Bản Lải",
			"Ủy ban nhân dân huyện Lộc Bình", "district-loc-binh", "ppc"), 4),
			resolvedBy("2019-10-08", OutcomeRight, 212_000_000, 0, 4), "2019-06-14", "2019-09-03"),
		with(c("2017-05-22", Complaint, "forest_land", "Khiếu nại việc giải quyết tranh chấp đất rừng với Ban quản lý rừng phòng hộ",
			"Ủy ban nhân dân huyện Đình Lập", "district-dinh-lap", "district-dinh-lap"),
			resolvedBy("2019-06-27", OutcomeWrong, 0, 0, 0)),
		with(c("2017-09-11", Complaint, "forest_land", "Khiếu nại việc giao đất lâm nghiệp chồng lấn diện tích gia đình đã canh tác",
			"Ủy ban nhân dân huyện Bình Gia", "district-binh-gia", "district-binh-gia"),
			resolvedBy("2019-12-05", OutcomePartlyRight, 0, 12_400, 2), "2019-08-21"),
		with(c("2017-11-20", Complaint, "compensation", "Khiếu nại quyết định thu hồi đất thực hiện dự án khu đô thị Phú Lộc IV",
			"Ủy ban nhân dân thành phố Lạng Sơn", "city-lang-son", "ppc"),
			resolvedBy("2020-01-10", OutcomeWrong, 0, 0, 0), "2019-10-15"),
		with(c("2018-01-15", Complaint, "land", "Khiếu nại việc không cấp giấy chứng nhận quyền sử dụng đất ở khu vực cửa khẩu Tân Thanh",
			"Ủy ban nhân dân huyện Văn Lãng", "district-van-lang", "district-van-lang"),
			resolvedBy("2019-09-25", OutcomeRight, 0, 350, 1)),
		with(c("2018-03-05", Complaint, "social_policy", "Khiếu nại việc chưa được hưởng chế độ đối với người có công với cách mạng",
			"Phòng Lao động - Thương binh và Xã hội huyện Hữu Lũng", "district-huu-lung", "ppc"),
			resolvedBy("2019-07-30", OutcomeRight, 48_000_000, 0, 1)),
		with(c("2018-04-18", Complaint, "compensation", "Khiếu nại mức hỗ trợ khi thu hồi đất mở rộng Quốc lộ 1A qua thị trấn Đồng Mỏ",
			"Ủy ban nhân dân huyện Chi Lăng", "district-chi-lang", "district-chi-lang"),
			interimThen("2019-11-12", resolvedBy("2020-05-19", OutcomePartlyRight, 35_800_000, 0, 1)), "2019-09-09", "2020-03-02"),
		with(c("2018-06-07", Complaint, "officials_conduct", "Khiếu nại quyết định kỷ luật buộc thôi việc đối với viên chức",
			"Ủy ban nhân dân huyện Cao Lộc", "district-cao-loc", "district-cao-loc"),
			resolvedBy("2019-11-14", OutcomeWrong, 0, 0, 0)),
		with(c("2018-08-21", Complaint, "land", "Khiếu nại việc giải quyết tranh chấp ranh giới đất ở tại thôn Quan Hảo",
			"Ủy ban nhân dân huyện Bắc Sơn", "district-bac-son", "district-bac-son"),
			resolvedBy("2020-06-12", OutcomeRight, 0, 86.5, 1), "2020-01-06"),
		with(several(c("2018-10-02", Complaint, "compensation", "Khiếu nại việc bồi thường tài sản trên đất thu hồi xây dựng Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn",
			"Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn", "district-cao-loc", "ppc"), 3),
			interimThen("2019-08-30", resolvedBy("2020-03-17", OutcomePartlyRight, 120_000_000, 0, 3)), "2019-07-02", "2019-12-10"),
		with(c("2018-12-10", Complaint, "land", "Khiếu nại việc thu hồi đất nông nghiệp xây dựng Khu công nghiệp Đồng Bành",
			"Ủy ban nhân dân huyện Chi Lăng", "district-chi-lang", "district-chi-lang"),
			resolvedBy("2019-12-26", OutcomeWrong, 0, 0, 0)),
		with(func() demoPetition {
			p := c("2019-01-21", Denunciation, "officials_conduct", "Tố cáo Chủ tịch Ủy ban nhân dân xã có sai phạm trong quản lý, sử dụng đất công",
				"Chủ tịch Ủy ban nhân dân xã", "district-trang-dinh", "ubkttu")
			p.partyMem, p.position = true, "Chủ tịch UBND xã, đảng viên"
			return p
		}(), resolvedBy("2019-10-30", OutcomePartlyRight, 0, 0, 0), "2019-07-16"),
		with(c("2019-02-25", Denunciation, "corruption", "Tố cáo sai phạm trong thực hiện Chương trình 135 tại xã Tri Lễ",
			"Ban quản lý dự án xã Tri Lễ", "district-van-quan", "agency-thanh-tra-tinh"),
			resolvedBy("2020-02-14", OutcomeRight, 156_000_000, 0, 0), "2019-09-24"),
		with(several(c("2019-03-12", Complaint, "compensation", "Khiếu nại việc bồi thường khi làm đường nối cửa khẩu Chi Ma",
			"Ủy ban nhân dân huyện Lộc Bình", "district-loc-binh", "district-loc-binh"), 5),
			resolvedBy("2020-06-25", OutcomePartlyRight, 64_000_000, 0, 5), "2020-01-14"),

		// Still being resolved on 30/6/2020 (most were resolved later).
		with(urged(several(c("2015-10-05", Complaint, "forest_land", "Khiếu nại việc Công ty lâm nghiệp quản lý diện tích đất rừng gia đình đã được giao",
			"Công ty TNHH MTV Lâm nghiệp Lộc Bình", "district-loc-binh", "ppc"), 7)),
			resolvedBy("2021-04-15", OutcomePartlyRight, 0, 41_000, 7), "2019-06-05", "2020-04-21"),
		with(c("2016-04-19", Complaint, "compensation", "Khiếu nại giá đất tính bồi thường dự án đường cao tốc Bắc Giang – Lạng Sơn qua xã Tân Thành",
			"Ủy ban nhân dân huyện Hữu Lũng", "district-huu-lung", "ppc"),
			interimThen("2020-02-20", resolvedBy("2021-09-10", OutcomeWrong, 0, 0, 0)), "2019-11-05"),
		with(c("2016-11-03", Complaint, "forest_land", "Khiếu nại việc thu hồi đất lâm nghiệp đã giao theo Nghị định 02/CP",
			"Ủy ban nhân dân huyện Văn Quan", "district-van-quan", "district-van-quan"),
			resolvedBy("2022-03-22", OutcomeRight, 0, 25_000, 1), "2019-12-17"),
		with(c("2017-02-14", Complaint, "land", "Khiếu nại việc cấp trùng giấy chứng nhận quyền sử dụng đất tại thị trấn Bắc Sơn",
			"Ủy ban nhân dân huyện Bắc Sơn", "district-bac-son", "district-bac-son"),
			resolvedBy("2020-09-30", OutcomeWrong, 0, 0, 0), "2020-05-12"),
		with(several(c("2017-07-26", Complaint, "compensation", "Khiếu nại việc hỗ trợ chuyển đổi nghề cho hộ dân bị thu hồi đất tại cửa khẩu Hữu Nghị",
			"Ủy ban nhân dân huyện Cao Lộc", "district-cao-loc", "ppc"), 9),
			resolvedBy("2021-12-20", OutcomePartlyRight, 97_000_000, 0, 9), "2019-08-13", "2020-06-09"),
		with(c("2017-12-05", Complaint, "social_policy", "Khiếu nại việc chưa được giải quyết chế độ bệnh binh",
			"Sở Lao động - Thương binh và Xã hội", "district-trang-dinh", "ppc"),
			resolvedBy("2020-08-14", OutcomeRight, 72_000_000, 0, 1)),
		with(c("2018-02-27", Complaint, "land", "Khiếu nại việc điều chỉnh quy hoạch làm mất lối đi chung tại phường Vĩnh Trại",
			"Ủy ban nhân dân thành phố Lạng Sơn", "city-lang-son", "city-lang-son"),
			resolvedBy("2023-05-11", OutcomePartlyRight, 0, 120, 3), "2019-10-22", "2020-05-26"),
		with(urged(c("2018-05-16", Complaint, "compensation", "Khiếu nại việc chậm chi trả tiền bồi thường dự án hồ chứa nước Bản Lải giai đoạn 1",
			"Ban Quản lý dự án đầu tư xây dựng tỉnh", "district-loc-binh", "ppc")),
			interimThen("2020-03-31", nil), "2019-12-03", "2020-06-16"),
		with(c("2018-09-24", Complaint, "justice", "Khiếu nại việc tổ chức thi hành bản án dân sự về tranh chấp đất đai",
			"Chi cục Thi hành án dân sự huyện Chi Lăng", "district-chi-lang", "agency-thads-tinh"),
			resolvedBy("2021-02-03", OutcomeWrong, 0, 0, 0), "2020-02-11"),
		with(c("2019-04-08", Complaint, "land", "Khiếu nại việc giải quyết tranh chấp đất nương giữa hai hộ gia đình",
			"Ủy ban nhân dân huyện Đình Lập", "district-dinh-lap", "district-dinh-lap"),
			resolvedBy("2020-11-26", OutcomeRight, 0, 1_250, 1)),
		with(urged(several(c("2019-06-03", Complaint, "compensation", "Khiếu nại đơn giá bồi thường cây trồng dự án đường cao tốc Đồng Đăng – Trà Lĩnh",
			"Ủy ban nhân dân huyện Cao Lộc", "district-cao-loc", "ppc"), 12)),
			nil, "2019-11-26", "2020-05-05"),
		with(c("2019-11-18", Denunciation, "corruption", "Tố cáo cán bộ địa chính huyện lợi dụng chức vụ trong cấp giấy chứng nhận quyền sử dụng đất",
			"Cán bộ Văn phòng đăng ký đất đai chi nhánh Lộc Bình", "district-loc-binh", "agency-thanh-tra-tinh"),
			interimThen("2020-04-28", nil), "2020-03-10"),
	}
}

// seedSessions are the Party secretary's reception sessions from 05/2019 to
// 30/6/2020 (seed 000: 8 sessions, 28 visits), each visit on a matter; the
// complex petitions above are the matters of most of them.
type demoSession struct {
	held    civil.Date
	host    HostRole
	kind    SessionKind
	people  []int // per visit
	replied int   // days after the session the answers were sent (0: not yet)
}

func seedSessions() []demoSession {
	s := func(held string, people ...int) demoSession {
		return demoSession{held: d(held), host: HostSecretary, kind: "periodic", people: people, replied: 9}
	}
	return []demoSession{
		s("2019-05-15", 6, 1, 2),
		s("2019-07-17", 1, 4, 1, 2),
		s("2019-09-18", 1, 1, 7),
		s("2019-10-16", 2, 1, 1, 3),
		s("2019-11-20", 12, 1, 1),
		s("2019-12-18", 1, 2, 1, 9),
		s("2020-01-15", 1, 1, 5),
		s("2020-06-17", 1, 3, 2, 1), // after the pause for COVID-19
	}
}

// laterSessions are sessions after the seed's period, by several hosts.
func laterSessions() []demoSession {
	s := func(held string, host HostRole, people ...int) demoSession {
		return demoSession{held: d(held), host: host, kind: "periodic", people: people, replied: 8}
	}
	return []demoSession{
		s("2020-09-16", HostSecretary, 2, 1, 1),
		s("2021-03-17", HostSecretary, 1, 6, 1),
		s("2021-10-20", "deputy_secretary", 1, 1),
		s("2022-05-18", HostSecretary, 3, 1, 1, 2),
		s("2023-04-19", "committee_leader", 1, 1),
		s("2024-08-21", HostSecretary, 1, 2, 5),
		s("2025-10-15", HostSecretary, 1, 1, 2),
	}
}

// seedOrdinary are other petitions of the seed's period, so that the
// standard table has every column filled.
func seedOrdinary() []demoPetition {
	p := func(received string, kind Kind, field Field, summary, locality string) demoPetition {
		return demoPetition{received: d(received), channel: Post, kind: kind, signer: SignerOne, senders: 1, field: field,
			summary: summary, locality: locality, assignee: "chuyenvien3", processed: 5, secret: kind == Denunciation}
	}
	forwarded := func(x demoPetition, target string, replies []demoReply) demoPetition {
		x.handling, x.target, x.replies = HandleForwarded, target, replies
		if x.secret {
			x.assignee = "chuyenvien2"
		}
		return x
	}
	advised := func(x demoPetition) demoPetition { x.handling = HandleAdvised; return x }
	filed := func(x demoPetition, r FiledReason, note string) demoPetition {
		x.filed, x.note = r, note
		return x
	}
	anonymous := func(x demoPetition) demoPetition {
		x.signer, x.senders, x.assignee = SignerAnonymous, 0, "chuyenvien2"
		return x
	}
	return []demoPetition{
		advised(p("2019-04-26", Proposal, "other", "Kiến nghị sửa chữa cầu treo bị hư hỏng sau mưa lũ", "district-trang-dinh")), // carried over
		forwarded(p("2019-05-20", Complaint, "land", "Khiếu nại việc đo đạc lại diện tích đất ở", "district-cao-loc"), "district-cao-loc",
			resolvedBy("2019-08-12", OutcomeWrong, 0, 0, 0)),
		advised(p("2019-06-11", Proposal, "social_policy", "Kiến nghị hỗ trợ hộ nghèo sửa chữa nhà ở", "district-van-quan")),
		filed(anonymous(p("2019-07-02", Denunciation, "officials_conduct", "Đơn không ký tên phản ánh cán bộ thuế gây khó khăn cho hộ kinh doanh", "city-lang-son")),
			"anonymous", "Lưu làm thông tin; nội dung chung chung, không có tài liệu chứng minh."),
		forwarded(p("2019-08-05", Denunciation, "corruption", "Tố cáo việc thu tiền làm đường giao thông nông thôn không đúng quy định", "district-loc-binh"),
			"agency-thanh-tra-tinh", resolvedBy("2020-01-20", OutcomeRight, 18_600_000, 0, 0)),
		advised(p("2019-09-23", Complaint, "justice", "Khiếu nại bản án dân sự sơ thẩm về tranh chấp hợp đồng", "district-huu-lung")),
		forwarded(p("2019-10-14", Proposal, "environment", "Phản ánh cơ sở chế biến gỗ gây ô nhiễm tiếng ồn, bụi", "district-chi-lang"), "ppc",
			resolvedBy("2019-12-02", "", 0, 0, 0)),
		filed(p("2019-11-04", Complaint, "land", "Đơn gửi lần thứ ba, cùng nội dung đã được giải quyết đúng pháp luật", "district-bac-son"),
			"duplicate", "Đã được giải quyết bằng Quyết định có hiệu lực pháp luật."),
		func() demoPetition {
			x := p("2019-12-09", Denunciation, "officials_conduct", "Tố cáo đảng viên vi phạm quy định về những điều đảng viên không được làm", "district-trang-dinh")
			x.handling, x.partyMem, x.position, x.assignee, x.notifyIn = HandleAccepted, true, "Bí thư chi bộ thôn", "chuyenvien2", 4
			x.resolution = &demoReply{on: d("2020-04-22"), Result: Result{Outcome: OutcomeGroundless}}
			return x
		}(),
		forwarded(p("2020-01-08", Complaint, "compensation", "Khiếu nại việc chưa nhận đủ tiền hỗ trợ di dời mồ mả", "district-loc-binh"), "district-loc-binh", nil),
		advised(p("2020-05-25", Proposal, "other", "Kiến nghị làm rõ việc cấp phép khai thác cát trên sông Kỳ Cùng", "city-lang-son")),
		func() demoPetition {
			x := p("2020-06-22", Complaint, "land", "Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng", "city-lang-son")
			x.processed, x.handling = 9, HandleAdvised // processed in the next period: unprocessed at the end of this one
			return x
		}(),
	}
}

// currentPetitions are recent petitions dated from today back, so that the
// due-soon and overdue lists show something whenever the demo is loaded.
// received and the other dates are days before today.
type demoRecent struct {
	demoPetition
	ago        int // received this many days before today
	processAgo int // processed this many days before today (0: not processed)
	urgeAgo    int
	resolveAgo int
}

func currentPetitions() []demoRecent {
	r := func(ago int, kind Kind, field Field, summary, subject, locality, assignee string) demoRecent {
		return demoRecent{ago: ago, demoPetition: demoPetition{channel: Post, kind: kind, signer: SignerOne, senders: 1,
			field: field, summary: summary, subject: subject, locality: locality, assignee: assignee,
			processed: -1, secret: kind == Denunciation}}
	}
	accepted := func(x demoRecent, processAgo, notifyIn int) demoRecent {
		x.processAgo, x.handling, x.notifyIn, x.processed = processAgo, HandleAccepted, notifyIn, 0
		return x
	}
	forwarded := func(x demoRecent, processAgo int, target string, urgeAgo int) demoRecent {
		x.processAgo, x.handling, x.target, x.urgeAgo, x.processed = processAgo, HandleForwarded, target, urgeAgo, 0
		return x
	}
	anonymousFiled := func(x demoRecent, processAgo int) demoRecent {
		x.signer, x.senders, x.processAgo, x.filed, x.processed = SignerAnonymous, 0, processAgo, "anonymous", 0
		x.note = "Lưu làm thông tin, chuyển Ủy ban Kiểm tra Tỉnh ủy tham khảo khi kiểm tra."
		return x
	}
	mixed := r(6, Mixed, "land", "Đơn vừa khiếu nại quyết định thu hồi đất vừa tố cáo cán bộ địa chính nhận tiền", "Cán bộ địa chính xã", "", "chuyenvien1")
	mixed.parts = []Part{
		{Kind: Complaint, Summary: "Khiếu nại quyết định thu hồi đất làm bãi đỗ xe cửa khẩu"},
		{Kind: Denunciation, Summary: "Tố cáo cán bộ địa chính xã nhận tiền của hộ dân để điều chỉnh diện tích bồi thường"},
	}
	first := forwarded(r(34, Complaint, "compensation", "Khiếu nại giá bồi thường đất nông nghiệp dự án đường vành đai phía Bắc thành phố",
		"Ủy ban nhân dân phường Tam Thanh", "ward-tam-thanh", "chuyenvien3"), 29, "ppc", 0)
	again := r(5, Complaint, "compensation", "Khiếu nại giá bồi thường đất nông nghiệp dự án đường vành đai phía Bắc (gửi lần hai)",
		"Ủy ban nhân dân phường Tam Thanh", "ward-tam-thanh", "chuyenvien3")
	again.repeatsPrev = true
	again.processAgo, again.filed, again.processed = 2, "duplicate", 0
	again.note = "Trùng nội dung đơn đã chuyển Ủy ban nhân dân tỉnh; theo dõi chung."
	return []demoRecent{
		r(2, Denunciation, "corruption", "Tố cáo trưởng thôn thu tiền đóng góp làm đường giao thông nông thôn không đúng quy định",
			"Trưởng thôn Khòn Coóc", "commune-dong-dang", "chuyenvien1"),
		r(14, Complaint, "land", "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất cho hộ liền kề lấn sang đất gia đình",
			"Ủy ban nhân dân xã", "commune-that-khe", "chuyenvien3"),
		accepted(r(45, Denunciation, "officials_conduct", "Tố cáo công chức xã lợi dụng chức vụ trong xét duyệt hộ nghèo",
			"Công chức văn hóa - xã hội xã", "commune-binh-gia", "chuyenvien2"), 38, 2),
		accepted(r(33, Complaint, "compensation", "Khiếu nại việc không được hỗ trợ tái định cư khi thu hồi đất ở",
			"Ủy ban nhân dân phường Đông Kinh", "ward-dong-kinh", "chuyenvien1"), 27, 0),
		accepted(r(9, Denunciation, "corruption", "Tố cáo sai phạm trong đấu thầu xây dựng trường mầm non",
			"Ban quản lý dự án xã", "commune-tan-tien", "chuyenvien2"), 7, 0),
		forwarded(r(60, Complaint, "forest_land", "Khiếu nại việc thu hồi đất rừng giao cho dự án trồng cây ăn quả",
			"Ủy ban nhân dân xã", "commune-binh-gia", "chuyenvien1"), 55, "ppc", 10),
		anonymousFiled(r(20, Denunciation, "officials_conduct", "Đơn nặc danh phản ánh cán bộ đi làm muộn, uống rượu trong giờ hành chính",
			"", "ward-ky-lua", "chuyenvien2"), 17),
		mixed,
		first, again,
		func() demoRecent {
			x := r(12, Proposal, "social_policy", "Kiến nghị được hỗ trợ học phí cho con hộ cận nghèo", "", "ward-luong-van-tri", "chuyenvien3")
			x.processAgo, x.handling, x.processed = 10, HandleAdvised, 0
			return x
		}(),
	}
}

// demoNames are invented sender names (Tày, Nùng and Kinh family names
// common in Lạng Sơn), used in turn.
var demoNames = []string{"Hoàng Văn Sình", "Nông Thị Lý", "Lương Văn Páo", "Vi Văn Thành", "Chu Thị Mai", "Lăng Văn Tú",
	"Hà Thị Nhung", "Triệu Văn Lâm", "Lộc Văn Tiến", "Mã Thị Hằng", "Hứa Văn Dũng", "Lý Thị Phương", "Đinh Văn Cường",
	"Nguyễn Thị Thu", "Phùng Văn Hải", "Dương Văn Khánh", "Hoàng Thị Dung", "Nông Văn Chiến", "Lành Thị Sen", "Vy Văn Pặc"}

var demoVillages = []string{"thôn Nà Lầu", "thôn Khòn Khuyên", "thôn Pò Nhùng", "thôn Bản Châu", "thôn Còn Quan",
	"khối 3", "khối 7", "thôn Nà Pàn", "thôn Kéo Coong", "thôn Bó Đắng"}

func demoClassification(secret bool) access.Classification {
	if secret {
		return access.Secret
	}
	return access.Normal
}
