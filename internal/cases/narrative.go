package cases

import (
	"fmt"
	"strings"
	"time"

	"noichinh/internal/civil"
	"noichinh/internal/vntext"
)

// Narrative writes the figures as the Vietnamese paragraphs of a report, in
// the style of the seeds ("đưa 17 vụ án, vụ việc (4 vụ án tham nhũng; 13 vụ
// án, vụ việc về lĩnh vực nội chính) vào diện theo dõi, đôn đốc"). Sentences
// whose figures are all zero are left out. It is a pure function of f.
func Narrative(f *Figures) string {
	n := narrator{f: f}
	var paras []string
	add := func(s string) {
		if s != "" {
			paras = append(paras, s)
		}
	}
	add(n.overview())
	add(n.entries())
	add(n.leaders())
	add(n.directed())
	add(n.progress())
	add(n.assets())
	add(n.wrongful())
	add(n.caveats())
	return strings.Join(paras, "\n\n") + "\n"
}

type narrator struct{ f *Figures }

// noun is "vụ án", "vụ việc" or "vụ án, vụ việc" after the kinds of the
// cases behind fig.
func (n narrator) noun(fig Figure) string {
	criminal, matters := false, false
	for _, id := range fig.CaseIDs {
		if c, ok := n.f.Case(id); ok && c.Kind == Matter {
			matters = true
		} else {
			criminal = true
		}
	}
	switch {
	case matters && criminal:
		return "vụ án, vụ việc"
	case matters:
		return "vụ việc"
	}
	return "vụ án"
}

// count is "17 vụ án, vụ việc".
func (n narrator) count(fig Figure) string {
	return fmt.Sprintf("%s %s", vntext.Int(vntext.VI, int64(fig.Count)), n.noun(fig))
}

// categoryWords qualify a case noun: "vụ án kinh tế".
var categoryWords = map[Group]string{
	Group(Corruption): "tham nhũng", Group(Economic): "kinh tế", Group(Position): "về chức vụ",
	Group(NegativeConduct): "tiêu cực", Group(OtherAffairs): "thuộc lĩnh vực nội chính khác",
	InternalAffairs: "về lĩnh vực nội chính",
}

// split is "(4 vụ án tham nhũng; 13 vụ án, vụ việc về lĩnh vực nội chính)"
// for the corruption / internal-affairs parts of one measure.
func (n narrator) split(level string, measure func(*WatchCell) Figure) string {
	var parts []string
	for _, g := range []Group{Group(Corruption), InternalAffairs} {
		if fig := measure(n.f.Watch.Cell(level, g)); fig.Count > 0 {
			parts = append(parts, n.count(fig)+" "+categoryWords[g])
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// carriedWords says where carried-over cases come from: "năm 2019" for a
// period starting on 1 January, otherwise "kỳ trước".
func (n narrator) carriedWords() string {
	if from := n.f.Period.From; from.Month == time.January && from.Day == 1 {
		return fmt.Sprintf("năm %d", from.Year-1)
	}
	return "kỳ trước"
}

func (n narrator) overview() string {
	all := n.f.Watch.Cell(AnyLevel, AllCases)
	head := fmt.Sprintf("Từ ngày %s đến ngày %s, %s", vntext.Date(n.f.Period.From), vntext.Date(n.f.Period.To), n.f.OrgName)
	if all.Followed.Count == 0 {
		return head + " không có vụ án, vụ việc nào trong diện theo dõi."
	}
	s := head + " đã theo dõi, đôn đốc " + n.count(all.Followed) + n.split(AnyLevel, func(c *WatchCell) Figure { return c.Followed })
	switch {
	case all.CarriedOver.Count == 0:
		s += ", đều đưa vào diện theo dõi trong kỳ."
	case all.Added.Count == 0:
		s += ", đều " + n.carriedWords() + " chuyển sang."
	default:
		s += fmt.Sprintf(", trong đó %s %s chuyển sang, %s đưa mới vào diện theo dõi.",
			n.count(all.CarriedOver), n.carriedWords(), n.count(all.Added))
	}
	if all.Removed.Count > 0 {
		s += " Đã đưa " + n.count(all.Removed) + " ra khỏi diện theo dõi."
	}
	return s + fmt.Sprintf(" Cuối kỳ còn %s đang theo dõi.", n.count(all.AtEnd))
}

func (n narrator) entries() string {
	added := func(c *WatchCell) Figure { return c.Added }
	var parts []string
	if m := n.f.Watch.Cell(string(Monitored), AllCases).Added; m.Count > 0 {
		parts = append(parts, "đưa "+n.count(m)+n.split(string(Monitored), added)+" vào diện theo dõi, đôn đốc")
	}
	if d := n.f.Watch.Cell(string(Directed), AllCases).Added; d.Count > 0 {
		parts = append(parts, "tham mưu cho Ban Thường vụ Tỉnh ủy đưa "+n.count(d)+n.split(string(Directed), added)+
			" vào diện theo dõi, chỉ đạo xử lý")
	}
	if len(parts) == 0 {
		return ""
	}
	return "Trong kỳ, Ban Nội chính " + strings.Join(parts, "; ") + "."
}

func (n narrator) leaders() string {
	var out []string
	for _, g := range []Group{Group(Economic), Group(Corruption), Group(Position), Group(NegativeConduct), Group(OtherAffairs)} {
		any := n.f.WatchInvolvingLeaders.Cell(AnyLevel, g)
		dir := n.f.WatchInvolvingLeaders.Cell(string(Directed), g)
		if any.Followed.Count == 0 {
			continue
		}
		lead := "Ban Nội chính đã phối hợp, tham mưu chỉ đạo, theo dõi, đôn đốc"
		if len(out) > 0 {
			lead = "Ngoài ra, theo dõi, đôn đốc"
		}
		s := fmt.Sprintf("%s %s %s liên quan đến cán bộ lãnh đạo, quản lý", lead, n.count(any.Followed), categoryWords[g])
		if dir.Followed.Count > 0 {
			s += fmt.Sprintf("; trong đó, có %s thuộc diện Ban Thường vụ Tỉnh ủy theo dõi, chỉ đạo", n.count(dir.Followed))
		}
		s += "."
		switch {
		case dir.Removed.Count > 0 && any.AtEnd.Count > 0:
			s += fmt.Sprintf(" Đã tham mưu đưa %s ra khỏi diện Ban Thường vụ Tỉnh ủy theo dõi, chỉ đạo và tiếp tục theo dõi, đôn đốc %s %s.",
				n.count(dir.Removed), n.count(any.AtEnd), categoryWords[g])
		case dir.Removed.Count > 0:
			s += fmt.Sprintf(" Đã tham mưu đưa %s ra khỏi diện Ban Thường vụ Tỉnh ủy theo dõi, chỉ đạo.", n.count(dir.Removed))
		case any.AtEnd.Count > 0:
			s += fmt.Sprintf(" Cuối kỳ tiếp tục theo dõi, đôn đốc %s %s.", n.count(any.AtEnd), categoryWords[g])
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func (n narrator) directed() string {
	var out []string
	for _, g := range []Group{Group(Corruption), InternalAffairs} {
		c := n.f.Watch.Cell(string(Directed), g)
		if c.Followed.Count == 0 {
			continue
		}
		s := fmt.Sprintf("%s %s", n.count(c.Followed), categoryWords[g])
		if c.CarriedOver.Count > 0 {
			s += fmt.Sprintf(" (trong đó %s %s chuyển sang)", n.count(c.CarriedOver), n.carriedWords())
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return ""
	}
	return "Có " + strings.Join(out, "; ") + " thuộc diện Ban Thường vụ Tỉnh ủy theo dõi, chỉ đạo."
}

func (n narrator) progress() string {
	p := n.f.Progress
	persons := func(verb string, fig PersonsFigure, who string) string {
		if fig.Count == 0 {
			return ""
		}
		s := verb + " " + n.count(fig.Figure)
		if fig.Persons > 0 {
			s += ", " + vntext.Int(vntext.VI, int64(fig.Persons)) + " " + who
		}
		return s
	}
	cases := func(verb string, fig Figure) string {
		if fig.Count == 0 {
			return ""
		}
		return verb + " " + n.count(fig)
	}
	var parts []string
	for _, s := range []string{
		persons("khởi tố mới", p.Prosecuted, "bị can"),
		extraSuspects(p.ExtraSuspects),
		cases("phục hồi", p.Resumed),
		cases("kết thúc điều tra", p.InvestigationConcluded),
		cases("trả hồ sơ điều tra bổ sung", p.ReturnedForInvestigation),
		persons("truy tố", p.Indicted, "bị can"),
		persons("xét xử sơ thẩm", p.FirstInstanceTried, "bị cáo"),
		persons("xét xử phúc thẩm", p.AppealTried, "bị cáo"),
		cases("tạm đình chỉ", p.Suspended),
	} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	var out []string
	if len(parts) > 0 {
		out = append(out, "Đối với các vụ án, vụ việc theo dõi trong kỳ, các cơ quan tiến hành tố tụng đã "+strings.Join(parts, "; ")+".")
	}
	var work []string
	if p.Urged.Events > 0 {
		work = append(work, fmt.Sprintf("ban hành %s văn bản đôn đốc (%s)", vntext.Int(vntext.VI, int64(p.Urged.Events)), n.count(p.Urged.Figure)))
	}
	if p.Meetings.Events > 0 {
		work = append(work, fmt.Sprintf("tham dự %s cuộc họp với các cơ quan tiến hành tố tụng bàn giải quyết khó khăn, vướng mắc",
			vntext.Int(vntext.VI, int64(p.Meetings.Events))))
	}
	if len(work) > 0 {
		out = append(out, "Ban Nội chính đã "+strings.Join(work, "; ")+".")
	}
	return strings.Join(out, " ")
}

func extraSuspects(fig PersonsFigure) string {
	if fig.Count == 0 {
		return ""
	}
	return fmt.Sprintf("khởi tố bổ sung %s bị can", vntext.Int(vntext.VI, int64(fig.Persons)))
}

func (n narrator) assets() string {
	a := n.f.Assets
	amount := func(vnd int64, m2 float64) string {
		var parts []string
		if vnd > 0 {
			parts = append(parts, vntext.Money(vntext.VI, vnd))
		}
		if m2 > 0 {
			parts = append(parts, vntext.Area(vntext.VI, m2)+" đất")
		}
		return strings.Join(parts, " và ")
	}
	damage := amount(a.DamageVND, a.DamageM2)
	toDate := amount(a.RecoveredToDateVND, a.RecoveredToDateM2)
	if damage == "" && toDate == "" {
		return ""
	}
	var parts []string
	if damage != "" {
		parts = append(parts, "tổng thiệt hại đã xác định là "+damage)
	}
	if inPeriod := amount(a.RecoveredVND, a.RecoveredM2); inPeriod != "" {
		parts = append(parts, "trong kỳ đã thu hồi "+inPeriod)
	}
	if toDate != "" {
		s := "lũy kế đã thu hồi " + toDate
		var rates []string
		if a.RecoveryRateVND != nil && a.RecoveredToDateVND > 0 {
			rates = append(rates, vntext.Percent(vntext.VI, *a.RecoveryRateVND, 2)+" giá trị")
		}
		if a.RecoveryRateM2 != nil && a.RecoveredToDateM2 > 0 {
			rates = append(rates, vntext.Percent(vntext.VI, *a.RecoveryRateM2, 2)+" diện tích đất")
		}
		if len(rates) > 0 {
			s += " (đạt " + strings.Join(rates, ", ") + ")"
		}
		parts = append(parts, s)
	}
	s := strings.Join(parts, "; ")
	return "Về tài sản, " + s + "."
}

func (n narrator) wrongful() string {
	if w := n.f.WrongfulConvictions; w.Count > 0 {
		return fmt.Sprintf("Trong kỳ có %s án oan, sai.", vntext.Int(vntext.VI, int64(w.Count)))
	}
	return "Trong kỳ, trên địa bàn không xảy ra án oan, sai."
}

func (n narrator) caveats() string {
	var out []string
	if l := n.f.LateEntries; l.Count > 0 {
		out = append(out, fmt.Sprintf("Số liệu của %s hồ sơ có nội dung được ghi nhận sau ngày %s (nhập bổ sung, đính chính).",
			vntext.Int(vntext.VI, int64(l.Count)), vntext.Date(n.f.Period.To)))
	}
	if n.f.AsRecordedAt != nil {
		at := n.f.AsRecordedAt.In(civil.Zone)
		out = append(out, fmt.Sprintf("Số liệu tính theo dữ liệu đã ghi nhận đến %s ngày %s.", at.Format("15:04"), vntext.Date(civil.Of(at))))
	}
	return strings.Join(out, " ")
}
