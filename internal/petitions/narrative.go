package petitions

import (
	"fmt"
	"strings"

	"noichinh/internal/vntext"
)

// Narrative writes the figures as the paragraph of a Vietnamese report, in
// the style of the seed texts ("tham mưu Bí thư Tỉnh ủy tiếp công dân 8 kỳ
// với 28 lượt công dân; … giải quyết xong 15 vụ việc, đang xem xét giải
// quyết 12 vụ việc"). A clause whose figures are all zero is left out.
func Narrative(f Figures) string {
	n := func(v int64) string { return vntext.Int(vntext.VI, v) }
	var clauses []string
	sec := f.Reception.ByHost[HostSecretary]
	if sec.Sessions.Value > 0 {
		s := fmt.Sprintf("tham mưu Bí thư Tỉnh ủy tiếp công dân %s kỳ với %s lượt công dân (%s người",
			n(sec.Sessions.Value), n(sec.Visits.Value), n(sec.People.Value))
		if sec.CrowdDelegations.Value > 0 {
			s += fmt.Sprintf(", %s đoàn đông người", n(sec.CrowdDelegations.Value))
		}
		clauses = append(clauses, s+")")
	}
	all := f.Reception.All
	if others := all.Sessions.Value - sec.Sessions.Value; others > 0 {
		clauses = append(clauses, fmt.Sprintf("tham mưu các đồng chí lãnh đạo khác tiếp công dân %s kỳ với %s lượt công dân",
			n(others), n(all.Visits.Value-sec.Visits.Value)))
	}
	if all.Visits.Value > 0 {
		clauses = append(clauses, fmt.Sprintf("nội dung tiếp công dân gồm %s vụ việc khiếu nại, %s vụ việc tố cáo, %s vụ việc kiến nghị, phản ánh",
			n(all.Matters[Complaint].Value), n(all.Matters[Denunciation].Value), n(all.Matters[Proposal].Value)))
	}
	p := f.Petitions
	if p.Total.Value > 0 {
		clauses = append(clauses,
			fmt.Sprintf("tiếp nhận, xử lý %s đơn thư (kỳ trước chuyển sang %s, tiếp nhận trong kỳ %s)",
				n(p.Total.Value), n(p.CarriedOver.Value), n(p.Received.Value)),
			fmt.Sprintf("đã xử lý %s đơn, trong đó đủ điều kiện xử lý %s đơn (khiếu nại %s, tố cáo %s, kiến nghị, phản ánh %s), lưu đơn %s",
				n(p.Processed.Value), n(p.Eligible.Value), n(p.EligibleByKind[Complaint].Value),
				n(p.EligibleByKind[Denunciation].Value), n(p.EligibleByKind[Proposal].Value), n(p.FiledAway.Value)),
			fmt.Sprintf("thụ lý giải quyết theo thẩm quyền %s đơn; hướng dẫn %s đơn, chuyển đơn %s đơn, đôn đốc giải quyết %s đơn",
				n(p.WithinJurisdiction.Value), n(p.Advised.Value), n(p.Forwarded.Value), n(p.Urged.Value)))
	}
	if p.Followed.Followed.Value > 0 {
		s := fmt.Sprintf("theo dõi, đôn đốc giải quyết %s vụ việc: đã giải quyết xong %s vụ việc, đang giải quyết %s vụ việc",
			n(p.Followed.Followed.Value), n(p.Resolved.Value), n(p.InProgress.Value))
		if p.MoneyReturned.Value > 0 || p.LandReturned.M2 > 0 {
			s += fmt.Sprintf("; qua giải quyết đã trả lại cho Nhà nước và công dân %s, %s đất",
				vntext.Money(vntext.VI, p.MoneyReturned.Value), vntext.Area(vntext.VI, p.LandReturned.M2))
		}
		if p.PeopleProtected.Value > 0 {
			s += fmt.Sprintf(", bảo vệ quyền lợi hợp pháp cho %s người", n(p.PeopleProtected.Value))
		}
		clauses = append(clauses, s)
	}
	if cx := f.ComplexProlonged; cx.Followed.Value > 0 {
		clauses = append(clauses, fmt.Sprintf("theo dõi các vụ việc khiếu nại, tố cáo phức tạp, kéo dài: các cơ quan chức năng đã giải quyết xong %s vụ việc, đang xem xét giải quyết %s vụ việc",
			n(cx.Resolved.Value), n(cx.InProgress.Value)))
	}
	period := fmt.Sprintf("Từ ngày %s đến ngày %s", vntext.Date(f.From), vntext.Date(f.To))
	if len(clauses) == 0 {
		return period + ", không có số liệu tiếp công dân, xử lý đơn thư."
	}
	return period + ", Ban Nội chính Tỉnh ủy đã " + strings.Join(clauses, "; ") + "."
}
