package receptionweb

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/petitions/communereport"
	"noichinh/internal/vntext"
)

// reportForm is a valid report of month.
func reportForm(month string, extra ...string) url.Values {
	f := url.Values{"month": {month}, "sessions": {"2"}, "visits": {"6"}, "people": {"9"}, "crowd_delegations": {"1"},
		"matters_complaint": {"3"}, "matters_denunciation": {"1"}, "matters_proposal": {"2"},
		"petitions_received": {"4"}, "petitions_processed": {"3"}, "petitions_resolved": {"2"}, "note": {"Báo cáo thử"}}
	for i := 0; i+1 < len(extra); i += 2 {
		f.Set(extra[i], extra[i+1])
	}
	return f
}

func (e *env) mine(who string) map[string]communereport.Report {
	e.t.Helper()
	reports, err := e.reports.Mine(e.ctx(who))
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string]communereport.Report{}
	for _, r := range reports {
		out[r.Month.String()] = r
	}
	return out
}

// A clerk sees their own unit's reports only and none of the Committee's
// pages; the form names each problem beside its field and saves nothing;
// a correction carries the version read (a stale one shows the report as
// it now stands); a locked month is refused with a clear message.
func TestClerkReportForm(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		r := e.get("vanthu.tamthanh", "/commune-reports")
		if r.code != 200 || !strings.Contains(text(r.body), "Phường Tam Thanh") || strings.Contains(r.body, "Xã Đồng Đăng") {
			t.Fatalf("the clerk's page: %d %s", r.code, text(r.body))
		}
		own := e.mine("vanthu.tamthanh")
		if len(own) == 0 {
			t.Fatal("the demo clerk has no report")
		}
		for m := range own {
			if !strings.Contains(r.body, `id="m-`+m+`"`) {
				t.Errorf("the clerk's report of %s is not listed", m)
			}
		}
		if strings.Count(r.body, `<tr id="m-`) != len(own) {
			t.Errorf("the clerk sees %d reports, owns %d", strings.Count(r.body, `<tr id="m-`), len(own))
		}
		for _, p := range []string{"/commune-reports/month", "/commune-reports/consolidated", "/reception", "/api/v1/reception",
			"/api/v1/commune-reports/month"} {
			if got := e.get("vanthu.tamthanh", p).code; got != http.StatusForbidden {
				t.Errorf("a clerk gets %s: %d", p, got)
			}
		}
		if got := e.post("vanthu.tamthanh", "/commune-reports/month/lock", url.Values{"m": {"2026-01"}}).code; got != http.StatusForbidden {
			t.Errorf("a clerk locks a month: %d", got)
		}
		if r := e.get("vanthu.none", "/commune-reports"); r.code != 200 || strings.Contains(r.body, `<tr id="m-`) {
			t.Errorf("a clerk tied to no unit is shown reports: %d", r.code)
		}
		if e.get("thuongvu", "/commune-reports").code != http.StatusForbidden {
			t.Errorf("a reader reaches the clerk's form")
		}

		// Malformed, then impossible figures: beside each field, kept,
		// nothing saved.
		r = e.post("vanthu.tamthanh", "/commune-reports", reportForm("13/2026", "visits", "sáu"))
		if r.code != 422 || fieldError(r.body, "month") != "Tháng ghi dạng MM/YYYY, ví dụ 02/2026." ||
			fieldError(r.body, "visits") != "Phải là một số." || inputValue(r.body, "visits") != "sáu" {
			t.Errorf("malformed report: %d month %q visits %q", r.code, fieldError(r.body, "month"), fieldError(r.body, "visits"))
		}
		r = e.post("vanthu.tamthanh", "/commune-reports", reportForm("04/2026", "crowd_delegations", "7",
			"people", "3", "petitions_resolved", "-1"))
		for field, want := range map[string]string{"month": "Tháng này chưa tới.",
			"crowd_delegations":  "Số đoàn đông người không thể nhiều hơn số lượt tiếp (mỗi đoàn là một lượt).",
			"people":             "Số người không thể ít hơn số lượt tiếp.",
			"petitions_resolved": "Không được là số âm."} {
			if got := fieldError(r.body, field); got != want {
				t.Errorf("%s: %q, want %q", field, got, want)
			}
		}
		if r.code != 422 || inputValue(r.body, "people") != "3" {
			t.Errorf("impossible report: %d", r.code)
		}
		if got := e.mine("vanthu.tamthanh"); len(got) != len(own) {
			t.Fatalf("a refused report was saved: %d reports, had %d", len(got), len(own))
		}

		// The locked month (the demo locks its oldest, 12/2025).
		r = e.post("vanthu.tamthanh", "/commune-reports", reportForm("12/2025", "version", "1"))
		if got := fieldError(r.body, "month"); r.code != 422 || !strings.Contains(got, "đã khóa sổ, không sửa được nữa") {
			t.Errorf("locked month: %d %q", r.code, got)
		}

		// A new month, then a correction with the version read.
		r = e.post("vanthu.tamthanh", "/commune-reports", reportForm("03/2026"))
		if r.code != http.StatusSeeOther {
			t.Fatalf("new month: %d %s", r.code, text(r.body))
		}
		if body := text(e.get("vanthu.tamthanh", "/commune-reports").body); !strings.Contains(body, "Đã gửi báo cáo tháng 03/2026 (lần 1).") {
			t.Errorf("no confirmation: %s", body)
		}
		form := e.get("vanthu.tamthanh", "/commune-reports?m=2026-03")
		if inputValue(form.body, "version") != "1" || inputValue(form.body, "visits") != "6" ||
			!strings.Contains(text(form.body), "Sửa báo cáo tháng 03/2026") {
			t.Fatalf("correction form: version %q visits %q", inputValue(form.body, "version"), inputValue(form.body, "visits"))
		}
		if r := e.post("vanthu.tamthanh", "/commune-reports", reportForm("03/2026", "version", "1", "visits", "8", "people", "12")); r.code != http.StatusSeeOther {
			t.Fatalf("correction: %d %s", r.code, text(r.body))
		}
		r = e.post("vanthu.tamthanh", "/commune-reports", reportForm("03/2026", "version", "1", "visits", "5"))
		if r.code != http.StatusConflict || !strings.Contains(text(r.body), "Bản ghi vừa được người khác sửa.") ||
			inputValue(r.body, "visits") != "8" || inputValue(r.body, "version") != "2" {
			t.Errorf("stale correction: %d visits %q version %q", r.code, inputValue(r.body, "visits"), inputValue(r.body, "version"))
		}
		if got := e.mine("vanthu.tamthanh")["2026-03"]; got.Visits != 8 || got.Version != 2 {
			t.Errorf("after the stale correction: %+v", got)
		}
	})
}

// fillTemplate writes rows into the template's report sheet from row 2.
func fillTemplate(t *testing.T, blank []byte, rows [][]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(blank))
	if err != nil {
		t.Fatalf("the template is not a workbook: %v", err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The template is downloaded, filled and uploaded: one bad row refuses the
// whole file with every row's problems named, and nothing is written; the
// corrected file stores every month.
func TestReportUpload(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		who := "vanthu.dongdang"
		tpl := e.get(who, "/commune-reports/template.xlsx")
		if tpl.code != 200 || !strings.Contains(tpl.header.Get("Content-Disposition"), ".xlsx") {
			t.Fatalf("template: %d %v", tpl.code, tpl.header)
		}
		before := e.mine(who)
		jan := before["2026-01"]

		bad := fillTemplate(t, []byte(tpl.body), [][]any{
			{"01/2026", 3, 10, 14, 1, 5, 2, 3, 6, 5, 4, "Sửa lại"},
			{"02/2026", 2, "mười", 12, 0, 5, 2, 3, 6, 5, 4, ""},
			{"12/2025", 2, 4, 3, 0, 2, 1, 1, 2, 2, 1, ""},
		})
		r := e.upload(who, bad)
		if r.code != 422 {
			t.Fatalf("bad upload: %d %s", r.code, text(r.body))
		}
		body := text(r.body)
		for _, want := range []string{"Tệp bao-cao.xlsx không được nhận, chưa tháng nào được ghi.",
			"Dòng 3 · Số lượt tiếp: Phải là một số.", "Dòng 4 · Tháng: Tháng 2025-12 đã khóa sổ, không sửa được nữa.",
			"Dòng 4 · Số người được tiếp: Số người không thể ít hơn số lượt tiếp."} {
			if !strings.Contains(body, want) {
				t.Errorf("the refusal lacks %q: %s", want, body)
			}
		}
		after := e.mine(who)
		if len(after) != len(before) || after["2026-01"] != jan {
			t.Fatalf("a refused file wrote something: %d reports (had %d), january %+v", len(after), len(before), after["2026-01"])
		}
		if r := e.upload(who, []byte("tên,số\n1,2\n")); r.code != 422 || !strings.Contains(text(r.body), "Tệp không phải bảng tính Excel (.xlsx).") {
			t.Errorf("a CSV file: %d", r.code)
		}

		good := fillTemplate(t, []byte(tpl.body), [][]any{
			{"01/2026", 3, 10, 14, 1, 5, 2, 3, 6, 5, 4, "Sửa lại"},
			{"02/2026", 2, "1.250", "1.300", 0, 5, 2, 3, 6, 5, 4, ""},
			{"03/2026", "", "", "", "", "", "", "", "", "", "", "Chưa tiếp"},
		})
		r = e.upload(who, good)
		if r.code != http.StatusSeeOther {
			t.Fatalf("good upload: %d %s", r.code, text(r.body))
		}
		after = e.mine(who)
		if got := after["2026-01"]; got.Visits != 10 || got.People != 14 || got.Source != "xlsx" || got.Version != jan.Version+1 {
			t.Errorf("january after the upload: %+v", got)
		}
		if got := after["2026-03"]; got.Sessions != 0 || got.Note != "Chưa tiếp" || got.Version != 1 {
			t.Errorf("march after the upload: %+v", got)
		}
		if !strings.Contains(text(e.get(who, "/commune-reports").body), "Đã nhận tệp: 3 tháng (01/2026, 02/2026, 03/2026).") {
			t.Errorf("no confirmation of the upload")
		}
	})
}

// The Committee's month lists every report and the communes that have not
// reported, with the service's totals; a leader locks it, after which a
// clerk is refused; the consolidated page sums the service's figures.
func TestReadersMonth(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		ctx := e.ctx("thuongvu")
		feb := communereport.Month{Year: 2026, Month: 2}
		missing, err := e.reports.Missing(ctx, feb)
		if err != nil || len(missing) == 0 {
			t.Fatalf("the demo has no commune missing in 02/2026: %v", err)
		}
		reports, _ := e.reports.Month(ctx, feb)
		r := e.get("thuongvu", "/commune-reports/month?m=02/2026")
		if r.code != 200 {
			t.Fatalf("month: %d", r.code)
		}
		section := r.body[strings.Index(r.body, `id="missing"`):strings.Index(r.body, `id="h-reports"`)]
		for _, u := range missing {
			if !strings.Contains(section, "<li>"+u.Name+"</li>") {
				t.Errorf("%s is not listed as missing", u.Name)
			}
		}
		if strings.Count(section, "<li>") != len(missing) || strings.Count(r.body, `<tr id="u-`) != len(reports) {
			t.Errorf("%d listed missing (want %d), %d reports (want %d)", strings.Count(section, "<li>"), len(missing),
				strings.Count(r.body, `<tr id="u-`), len(reports))
		}
		c, err := e.reports.Consolidated(ctx, civil.Range{From: feb.First(), To: feb.Last()})
		if err != nil {
			t.Fatal(err)
		}
		if got := figureShown(r.body, "visits"); got != vntext.Int(vntext.VI, int64(c.Totals.Visits)) {
			t.Errorf("month visits %s, the service says %d", got, c.Totals.Visits)
		}
		if strings.Contains(r.body, "/commune-reports/month/lock") {
			t.Errorf("a viewer is offered the lock")
		}
		if e.post("thuongvu", "/commune-reports/month/lock", url.Values{"m": {"2026-02"}}).code != http.StatusForbidden {
			t.Errorf("a viewer locks a month")
		}
		if r := e.get("thuongvu", "/commune-reports/month?m="+url.QueryEscape("tháng 13/2026")); r.code != 422 || fieldError(r.body, "m") == "" {
			t.Errorf("bad month: %d", r.code)
		}

		// The leader locks February; the clerk can no longer correct it.
		if !strings.Contains(e.get("truongban", "/commune-reports/month?m=2026-02").body, "/commune-reports/month/lock") {
			t.Errorf("the leader is not offered the lock")
		}
		if r := e.post("truongban", "/commune-reports/month/lock", url.Values{"m": {"2026-02"}}); r.code != http.StatusSeeOther {
			t.Fatalf("lock: %d", r.code)
		}
		r = e.post("vanthu.tamthanh", "/commune-reports", reportForm("02/2026", "version", "1"))
		if got := fieldError(r.body, "month"); r.code != 422 || got != "Tháng 2026-02 đã khóa sổ, không sửa được nữa." {
			t.Errorf("locked month: %d %q", r.code, got)
		}

		// Consolidated: the service's sums, each commune linked to its months.
		all, err := e.reports.Consolidated(ctx, civil.Range{From: civil.MustParse("2025-12-01"), To: civil.MustParse("2026-02-28")})
		if err != nil {
			t.Fatal(err)
		}
		r = e.get("thuongvu", "/commune-reports/consolidated?from=12/2025&to=02/2026")
		if r.code != 200 {
			t.Fatalf("consolidated: %d", r.code)
		}
		for _, name := range figureFields {
			want := vntext.Int(vntext.VI, int64(figureOf(all.Totals, name)))
			if !strings.Contains(r.body, `data-total="`+name+`">`+want+`<`) {
				t.Errorf("consolidated %s: want %s", name, want)
			}
		}
		if !strings.Contains(r.body, `href="/commune-reports/month?m=2026-01#u-`+itoa(e.units["ward-tam-thanh"])+`"`) {
			t.Errorf("no link to Tam Thanh's January report")
		}
		if r := e.get("thuongvu", "/commune-reports/consolidated?from=01/2020&to=02/2026"); r.code != 422 ||
			fieldError(r.body, "to") != "Chọn tối đa 36 tháng." {
			t.Errorf("too long a period: %d %q", r.code, fieldError(r.body, "to"))
		}
	})
}
