package cases

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"noichinh/internal/civil"
)

// narrativeCase is one case of a synthetic figures input: its watch moves
// as "date:level" ("2019-05-01:monitored", "2020-02-01:off").
type narrativeCase struct {
	kind    Kind
	cats    []Category
	leaders bool
	moves   []string
}

func narrativeFigures(from, to string, list []narrativeCase, mod func(*figureInput)) *Figures {
	in := figureInput{period: civil.Range{From: civil.MustParse(from), To: civil.MustParse(to)},
		facts: map[int64]*caseFacts{}}
	for i, c := range list {
		id := int64(i + 1)
		in.facts[id] = newCaseFacts(CaseRef{ID: id, Ref: fmt.Sprintf("R-%02d", id), Kind: c.kind}, c.cats, c.leaders)
		level := NotWatched
		for _, m := range c.moves {
			on, l, _ := strings.Cut(m, ":")
			kind := WatchAdded
			switch {
			case l == "off":
				kind, l = WatchRemoved, ""
			case level != NotWatched:
				kind = LevelChanged
			}
			level = Level(l)
			in.watch = append(in.watch, factRow{CaseID: id, Kind: kind, On: civil.MustParse(on), Level: level})
		}
	}
	if mod != nil {
		mod(&in)
	}
	f := computeFigures(in)
	f.OrgName = "Ban Nội chính Tỉnh ủy Lạng Sơn"
	return f
}

func repeat(n int, c narrativeCase) []narrativeCase {
	out := make([]narrativeCase, n)
	for i := range out {
		out[i] = c
	}
	return out
}

func TestNarrativeSeed000Sentence(t *testing.T) {
	var list []narrativeCase
	list = append(list, repeat(4, narrativeCase{CriminalCase, []Category{Corruption}, false, []string{"2016-03-01:monitored", "2018-03-01:directed"}})...)
	list = append(list, repeat(10, narrativeCase{CriminalCase, []Category{Economic}, false, []string{"2017-03-01:monitored", "2019-03-01:off"}})...)
	list = append(list, repeat(3, narrativeCase{Matter, []Category{OtherAffairs}, false, []string{"2018-05-01:monitored"}})...)
	list = append(list, repeat(3, narrativeCase{CriminalCase, []Category{Position}, false, []string{"2015-05-01:directed"}})...)
	got := Narrative(narrativeFigures("2013-06-01", "2020-06-30", list, nil))
	want := "Trong kỳ, Ban Nội chính đưa 17 vụ án, vụ việc (4 vụ án tham nhũng; 13 vụ án, vụ việc về lĩnh vực nội chính) " +
		"vào diện theo dõi, đôn đốc; tham mưu cho Ban Thường vụ Tỉnh ủy đưa 7 vụ án (4 vụ án tham nhũng; 3 vụ án về lĩnh vực nội chính) " +
		"vào diện theo dõi, chỉ đạo xử lý."
	if !strings.Contains(got, want) {
		t.Errorf("narrative lacks the seed's sentence:\n%s", got)
	}
	if !strings.Contains(got, "Trong kỳ, trên địa bàn không xảy ra án oan, sai.") {
		t.Errorf("no wrongful-conviction sentence:\n%s", got)
	}
}

func TestNarrativeSeed001Sentences(t *testing.T) {
	econ := []Category{Economic}
	list := []narrativeCase{
		{CriminalCase, econ, true, []string{"2019-03-01:directed", "2020-05-18:off"}},
		{CriminalCase, econ, true, []string{"2020-03-23:directed"}},
		{CriminalCase, econ, true, []string{"2019-07-15:monitored"}},
		{CriminalCase, econ, true, []string{"2019-05-20:monitored"}},
		{CriminalCase, econ, true, []string{"2020-02-24:monitored"}},
		{CriminalCase, []Category{Corruption}, false, []string{"2019-05-20:directed"}},
		{CriminalCase, []Category{Corruption}, false, []string{"2019-08-26:directed"}},
		{CriminalCase, []Category{Corruption}, false, []string{"2020-02-14:directed"}},
		{CriminalCase, []Category{Corruption}, false, []string{"2020-04-08:directed"}},
	}
	got := Narrative(narrativeFigures("2020-01-01", "2020-06-30", list, nil))
	for _, want := range []string{
		"theo dõi, đôn đốc 5 vụ án kinh tế liên quan đến cán bộ lãnh đạo, quản lý; trong đó, có 2 vụ án thuộc diện Ban Thường vụ Tỉnh ủy theo dõi, chỉ đạo.",
		"Đã tham mưu đưa 1 vụ án ra khỏi diện Ban Thường vụ Tỉnh ủy theo dõi, chỉ đạo và tiếp tục theo dõi, đôn đốc 4 vụ án kinh tế.",
		"Có 4 vụ án tham nhũng (trong đó 2 vụ án năm 2019 chuyển sang)",
		"Từ ngày 01/01/2020 đến ngày 30/06/2020, Ban Nội chính Tỉnh ủy Lạng Sơn đã theo dõi, đôn đốc 9 vụ án",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("narrative lacks %q:\n%s", want, got)
		}
	}
}

func TestNarrativeDetails(t *testing.T) {
	cases := []struct {
		name     string
		from, to string
		list     []narrativeCase
		mod      func(*figureInput)
		want     []string
		wantNot  []string
	}{
		{name: "nothing followed", from: "2024-01-01", to: "2024-12-31",
			want:    []string{"không có vụ án, vụ việc nào trong diện theo dõi.", "không xảy ra án oan, sai."},
			wantNot: []string{"Trong kỳ, Ban Nội chính đưa", "Về tài sản"}},
		{name: "only matters are called vụ việc; a period not starting in January carries from the last period",
			from: "2024-04-01", to: "2024-06-30",
			list: []narrativeCase{{Matter, []Category{OtherAffairs}, false, []string{"2024-01-10:monitored"}},
				{Matter, []Category{OtherAffairs}, false, []string{"2024-05-10:monitored"}}},
			want: []string{"đã theo dõi, đôn đốc 2 vụ việc (2 vụ việc về lĩnh vực nội chính), trong đó 1 vụ việc kỳ trước chuyển sang, 1 vụ việc đưa mới"}},
		{name: "wrongful convictions, progress, assets", from: "2024-01-01", to: "2024-12-31",
			list: []narrativeCase{{CriminalCase, []Category{Corruption}, false, []string{"2023-05-01:monitored"}}},
			mod: func(in *figureInput) {
				on := civil.MustParse("2024-05-01")
				in.progress = []factRow{{CaseID: 1, Kind: WrongfulConviction, On: on},
					{CaseID: 1, Kind: StageChanged, Stage: Prosecuted, Suspects: 3, On: on},
					{CaseID: 1, Kind: StageChanged, Stage: FirstInstanceTrial, Defendants: 2, On: on},
					{CaseID: 1, Kind: Meeting, On: on}}
				in.assets = []factRow{{CaseID: 1, Kind: DamageAssessed, AmountVND: 4_500_000_000, AreaM2: 1200, On: on},
					{CaseID: 1, Kind: AssetsRecovered, AmountVND: 900_000_000, On: on}}
			},
			want: []string{"Trong kỳ có 1 án oan, sai.", "khởi tố mới 1 vụ án, 3 bị can; xét xử sơ thẩm 1 vụ án, 2 bị cáo.",
				"tham dự 1 cuộc họp", "tổng thiệt hại đã xác định là 4,5 tỷ đồng và 1.200 m² đất; trong kỳ đã thu hồi 900 triệu đồng; " +
					"lũy kế đã thu hồi 900 triệu đồng (đạt 20% giá trị)."}},
		{name: "as recorded at a moment", from: "2024-01-01", to: "2024-12-31",
			mod: func(in *figureInput) {}, want: []string{"Số liệu tính theo dữ liệu đã ghi nhận đến 09:30 ngày 05/01/2025."}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := narrativeFigures(tc.from, tc.to, tc.list, tc.mod)
			if strings.HasPrefix(tc.name, "as recorded") {
				at := time.Date(2025, 1, 5, 2, 30, 0, 0, time.UTC)
				f.AsRecordedAt = &at
			}
			got := Narrative(f)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("has %q:\n%s", w, got)
				}
			}
		})
	}
}
