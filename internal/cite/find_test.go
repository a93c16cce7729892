package cite

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// brief renders the fields of a reference that a test checks:
// "Symbol or name | kind | code | issued | issuer | summary | relations".
func brief(r Reference) string {
	issued := ""
	if !r.Issued.IsZero() {
		issued = r.Issued.String()
	}
	var rels []string
	for _, x := range r.Relations {
		rels = append(rels, x.Type+" "+x.Symbol)
	}
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s", r.Name(), r.Kind, r.KindCode, issued, r.Issuer, r.Summary, strings.Join(rels, ","))
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"full Party citation",
			"Chỉ thị số 48-CT/TW, ngày 22/10/2010 của Bộ Chính trị về tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống tội phạm trong tình hình mới.",
			[]string{"48-CT/TW|directive|CT|2010-10-22|Bộ Chính trị|tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống tội phạm trong tình hình mới|"}},
		{"chain of implementation",
			"Chương trình hành động số 38-CTr/TU, ngày 22/12/2016 của Ban Chấp hành Đảng bộ tỉnh về thực hiện Kết luận số 05-KL/TW, ngày 15/7/2016 của Ban Bí thư Trung ương Đảng về tiếp tục thực hiện Chỉ thị số 48-CT/TW của Bộ Chính trị",
			[]string{
				"38-CTr/TU|program|CTr|2016-12-22|Ban Chấp hành Đảng bộ tỉnh|thực hiện Kết luận số 05-KL/TW|implements 05-KL/TW",
				"05-KL/TW|conclusion|KL|2016-07-15|Ban Bí thư Trung ương Đảng|tiếp tục thực hiện Chỉ thị số 48-CT/TW|implements 48-CT/TW",
				"48-CT/TW|directive|CT||Bộ Chính trị||",
			}},
		{"date without comma, quotes around the subject",
			"Quyết định số 521/QĐ-TTg ngày 13/6/2005 của Thủ tướng Chính phủ về “Ngày hội toàn dân bảo vệ an ninh Tổ quốc”; các văn bản khác.",
			[]string{"521/QĐ-TTg|decision|QĐ|2005-06-13|Thủ tướng Chính phủ|Ngày hội toàn dân bảo vệ an ninh Tổ quốc|"}},
		{"date after an inserted term",
			"Kết luận số 44-KL/TW của Ban Bí thư (khóa XII), ngày 22/01/2019 về tiếp tục đẩy mạnh thực hiện Chỉ thị số 09-CT/TW.",
			[]string{"44-KL/TW|conclusion|KL|2019-01-22|Ban Bí thư|tiếp tục đẩy mạnh thực hiện Chỉ thị số 09-CT/TW|implements 09-CT/TW",
				"09-CT/TW|directive|CT||||"}},
		{"date before the sentence goes to the issued citation only",
			"Ngày 27/9/1954, Liên khu ủy Việt Bắc đã ban hành Nghị quyết số 101-NQNS/LKVB theo Chỉ thị số 05 của Trung ương.",
			[]string{"101-NQNS/LKVB|resolution|NQ|1954-09-27|Liên khu ủy Việt Bắc||",
				"Chỉ thị số 05|directive|CT||Trung ương||"}},
		{"spelled-out date",
			"Quyết định số 12/2021/QĐ-UBND ngày 05 tháng 3 năm 2021 của Ủy ban nhân dân tỉnh.",
			[]string{"12/2021/QĐ-UBND|decision|QĐ|2021-03-05|Ủy ban nhân dân tỉnh||"}},
		{"dashed date",
			"Chỉ thị số 09-CT/TW, ngày 5-3-2021 của Ban Bí thư.",
			[]string{"09-CT/TW|directive|CT|2021-03-05|Ban Bí thư||"}},
		{"no date from an event or a month",
			"Từ tháng 05/2019, thực hiện Quy định số 11-QĐi/TW năm 2019, ngày 12/5 Ban Nội chính đã tham mưu.",
			[]string{"11-QĐi/TW|regulation|QĐi||||"}},
		{"invalid date is no date",
			"Quyết định số 15-QĐ/TU, ngày 31/02/2020 của Tỉnh ủy.",
			[]string{"15-QĐ/TU|decision|QĐ||||"}},
		{"state regulation code",
			"Quy định số 05/2020/QyĐ-UBND và Quy định số 08-QĐi/TU.",
			[]string{"05/2020/QyĐ-UBND|regulation|QyĐ||||", "08-QĐi/TU|regulation|QĐi||||"}},
		{"law codes and names",
			"Luật Tố cáo số 25/2018/QH14, Bộ luật Hình sự số 100/2015/QH13 và Pháp lệnh số 02/2022/UBTVQH15.",
			[]string{"25/2018/QH14|law|L|||Tố cáo|", "100/2015/QH13|code|BL|||Hình sự|", "02/2022/UBTVQH15|ordinance|PL||||"}},
		{"a law-style symbol alone does not tell its kind",
			"Theo 25/2018/QH14, người tố cáo được bảo vệ.",
			[]string{"25/2018/QH14|document|||||"}},
		{"Party thông tri and state thông tư share a code",
			"Thông tri số 05-TT/TU và 04/2021/TT-TTCP.",
			[]string{"05-TT/TU|instruction|TT||||", "04/2021/TT-TTCP|circular|TT||||"}},
		{"subject ends at a clause",
			"Quy định số 11-QĐi/TW của Bộ Chính trị về trách nhiệm của người đứng đầu, trong đó Ban Nội chính là cơ quan thường trực.",
			[]string{"11-QĐi/TW|regulation|QĐi||Bộ Chính trị|trách nhiệm của người đứng đầu|"}},
		{"subject ends before the body that issues the next citation",
			"Thực hiện Quy định số 04-QĐi/TW của Ban Chấp hành Trung ương về chức năng, nhiệm vụ, Ban Thường vụ Tỉnh ủy đã ban hành Quy định số 08-QĐi/TU.",
			[]string{"04-QĐi/TW|regulation|QĐi||Ban Chấp hành Trung ương|chức năng, nhiệm vụ|",
				"08-QĐi/TU|regulation|QĐi||Ban Thường vụ Tỉnh ủy||implements 04-QĐi/TW"}},
		{"number-only list closed by a symbol",
			"Nghị quyết số 01, 02 và 03-NQ/TU của Tỉnh ủy.",
			[]string{"01-NQ/TU|resolution|NQ||Tỉnh ủy||", "02-NQ/TU|resolution|NQ||Tỉnh ủy||", "03-NQ/TU|resolution|NQ||Tỉnh ủy||"}},
		{"bare numbers that are not a list",
			"Quyết định số 14, 20 đồng chí được chỉ định.",
			[]string{"Quyết định số 14|decision|QĐ||||"}},
		{"relation to a citation without symbol",
			"Kế hoạch số 05-KH/TU về thực hiện Quyết định số 14 của Ban Bí thư.",
			[]string{"05-KH/TU|plan|KH|||thực hiện Quyết định số 14|implements Quyết định số 14",
				"Quyết định số 14|decision|QĐ||Ban Bí thư||"}},
		{"based on, for the document issued",
			"Căn cứ Quy định số 08-QĐi/TU; căn cứ Quyết định số 1045-QĐ/TU, Ban Nội chính Tỉnh ủy ban hành Quy chế làm việc số 01-QC/BNCTU.",
			[]string{"08-QĐi/TU|regulation|QĐi||||", "1045-QĐ/TU|decision|QĐ||||",
				"01-QC/BNCTU|rules|QC||Ban Nội chính Tỉnh ủy||based_on 08-QĐi/TU,based_on 1045-QĐ/TU"}},
		{"no relation across a sentence",
			"Kế hoạch số 05-KH/TU về công tác năm 2020. Thực hiện Chỉ thị số 27-CT/TW.",
			[]string{"05-KH/TU|plan|KH|||công tác năm 2020|", "27-CT/TW|directive|CT||||"}},
		{"a review is not an implementation",
			"Kế hoạch số 06-KH/TU về tổng kết 10 năm thực hiện Chỉ thị số 48-CT/TW.",
			[]string{"06-KH/TU|plan|KH|||tổng kết 10 năm thực hiện|", "48-CT/TW|directive|CT||||"}},
		{"passive amendment",
			"Nghị định số 24/2014/NĐ-CP được sửa đổi, bổ sung bởi Nghị định số 107/2020/NĐ-CP.",
			[]string{"24/2014/NĐ-CP|decree|NĐ||||", "107/2020/NĐ-CP|decree|NĐ||||amends 24/2014/NĐ-CP"}},
		{"upper case",
			"QUY ĐỊNH SỐ 11-QĐI/TW NGÀY 18/02/2019 CỦA BỘ CHÍNH TRỊ VỀ TRÁCH NHIỆM",
			[]string{"11-QĐi/TW|regulation|QĐi|2019-02-18|BỘ CHÍNH TRỊ|TRÁCH NHIỆM|"}},
		{"tone-mark placements",
			"Quyết định số 1045-QĐ/TU của Ban Thường vụ Tỉnh uỷ (khoá XVI), ngày 27/5/2013.",
			[]string{"1045-QĐ/TU|decision|QĐ|2013-05-27|Ban Thường vụ Tỉnh uỷ||"}},
		{"a symbol inside a word is none",
			"Mã XH48-CT/TW và ABC12/QĐ-UBND không phải ký hiệu.",
			nil},
		{"negatives",
			"Số 12/3 đường Trần Đăng Ninh, Km 18, Quốc lộ 1A, đường 19/5, 4,5 tỷ đồng, 1.000 đối tượng, 8 kỳ với 28 lượt, 2/3 chi bộ, 22/10/2010, Điều 30 Điều lệ Đảng, 0913.123.456, Ban chỉ đạo 138, Đại hội XIII, khóa XII, giai đoạn 2015-2020, 65%.",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range Find(tt.text) {
				got = append(got, brief(r))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Find(%q)\n got:\n  %s\n want:\n  %s", tt.text, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestFindSpans checks the offsets: kind word through symbol or number, in
// the caller's bytes, whatever spaces and line breaks stand between.
func TestFindSpans(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"theo Quyết định số 1045-QĐ/TU, ngày 27/5/2013", []string{"Quyết định số 1045-QĐ/TU"}},
		{"các Chỉ thị số 04-CT/TU, 05-CT/TU và 06-CT/TU", []string{"Chỉ thị số 04-CT/TU", "05-CT/TU", "06-CT/TU"}},
		{"Quyết định\u00a0 số\n1045-QĐ/TU", []string{"Quyết định\u00a0 số\n1045-QĐ/TU"}},
		{"Quyết định số 1045 - QĐ/TU ngày", []string{"Quyết định số 1045 - QĐ/TU"}},
		{"Quy chế phối hợp số 05-QC/BNCTU-CAT", []string{"Quy chế phối hợp số 05-QC/BNCTU-CAT"}},
		{"Chỉ thị 48-CT/TW và 09-CT/TW", []string{"Chỉ thị 48-CT/TW", "09-CT/TW"}},
		{"Luật Tố cáo số 25/2018/QH14", []string{"Luật Tố cáo số 25/2018/QH14"}},
		{"Quyết định số: 12/QĐ-UBND", []string{"Quyết định số: 12/QĐ-UBND"}},
		{"Quyết định\n\nsố 12/QĐ-UBND", []string{"12/QĐ-UBND"}}, // no citation across a paragraph
	}
	for _, tt := range tests {
		var got []string
		for _, r := range Find(tt.text) {
			got = append(got, tt.text[r.Start:r.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("spans of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindNFD runs NFD input: offsets stay in the caller's bytes and the
// output strings are NFC.
func TestFindNFD(t *testing.T) {
	nfc := "Kế hoạch số 102-KH/TU, ngày 10/4/2019 của Tỉnh ủy Lạng Sơn về thực hiện Chỉ thị số 27-CT/TW."
	nfd := norm.NFD.String(nfc)
	if nfd == nfc {
		t.Fatal("test text has no decomposable letter")
	}
	want, got := Find(nfc), Find(nfd)
	if len(got) != len(want) || len(got) != 2 {
		t.Fatalf("NFD: %d references, NFC: %d; want 2", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if brief(g) != brief(w) {
			t.Errorf("NFD %s, NFC %s", brief(g), brief(w))
		}
		if span := nfd[g.Start:g.End]; norm.NFC.String(span) != nfc[w.Start:w.End] {
			t.Errorf("NFD span %q is not the NFC span %q", span, nfc[w.Start:w.End])
		}
		for _, s := range []string{g.Issuer, g.Summary, g.KindText} {
			if !norm.NFC.IsNormalString(s) {
				t.Errorf("output %q is not NFC", s)
			}
		}
	}
}

func TestFindInvalidUTF8(t *testing.T) {
	text := "Chỉ thị số 48-CT/TW\xff của Bộ Chính trị \xe1\x80; Quyết định số 12/QĐ-UBND"
	got := Find(text)
	if len(got) != 2 || got[0].Symbol != "48-CT/TW" || got[1].Symbol != "12/QĐ-UBND" {
		t.Fatalf("Find = %+v", got)
	}
	if text[got[1].Start:got[1].End] != "Quyết định số 12/QĐ-UBND" {
		t.Errorf("span %q", text[got[1].Start:got[1].End])
	}
}

func TestFindNothing(t *testing.T) {
	for _, text := range []string{"", "   ", "số", "Chỉ thị số", "Quyết định số -", "48", "48-", "-CT/TW"} {
		if got := Find(text); got != nil {
			t.Errorf("Find(%q) = %+v, want nil", text, got)
		}
	}
}

// TestFindLongList checks that a list is cut at maxListItems: hostile input
// cannot make one citation spawn an unbounded number of others.
func TestFindLongList(t *testing.T) {
	text := "Chỉ thị số " + strings.Repeat("1, ", 5*maxListItems) + "2-CT/TU"
	refs := Find(text)
	if len(refs) != 2 || refs[0].Name() != "Chỉ thị số 1" || refs[1].Symbol != "2-CT/TU" {
		t.Fatalf("got %d references: %+v", len(refs), refs[:min(3, len(refs))])
	}
	items := "Chỉ thị số 1-CT/TU" + strings.Repeat(", 1-CT/TU", 2*maxListItems)
	if refs := Find(items); len(refs) != 2*maxListItems+1 {
		t.Fatalf("symbols after the cut are still found alone: got %d, want %d", len(refs), 2*maxListItems+1)
	}
}
