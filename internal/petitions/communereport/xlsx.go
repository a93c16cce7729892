package communereport

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"noichinh/internal/access"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// The XLSX template (docs/commune-report-xlsx.md): one sheet, a header row,
// then one row per month in these columns. Column A is text, so that Excel
// keeps "02/2026" as typed instead of turning it into a date.
var columns = []struct{ field, header string }{
	{"month", "Tháng (MM/YYYY)"},
	{"sessions", "Số kỳ tiếp công dân của Bí thư"},
	{"visits", "Số lượt tiếp"},
	{"people", "Số người được tiếp"},
	{"crowd_delegations", "Số đoàn đông người"},
	{"matters_complaint", "Số vụ việc khiếu nại"},
	{"matters_denunciation", "Số vụ việc tố cáo"},
	{"matters_proposal", "Số vụ việc kiến nghị, phản ánh"},
	{"petitions_received", "Số đơn thư tiếp nhận"},
	{"petitions_processed", "Số đơn thư đã xử lý"},
	{"petitions_resolved", "Số đơn thư đã giải quyết xong"},
	{"note", "Ghi chú"},
}

const (
	sheetReport = "Báo cáo"
	sheetHelp   = "Hướng dẫn"
	maxRows     = 120
)

var help = []string{
	"Báo cáo kết quả tiếp công dân, xử lý đơn thư hằng tháng của Bí thư cấp ủy xã, phường (Kết luận 215-KL/TW).",
	"Mỗi dòng của trang \"" + sheetReport + "\" là một tháng; giữ nguyên dòng tiêu đề và thứ tự các cột.",
	"Cột Tháng ghi dạng MM/YYYY, ví dụ 02/2026. Các cột số ghi số nguyên không âm; để trống là 0.",
	"Số đoàn đông người (từ 5 người trở lên cùng một nội dung) đã tính trong số lượt và số người.",
	"Tệp được kiểm tra từng dòng: có một lỗi thì không dòng nào được ghi; sửa các dòng được báo lỗi rồi tải lên lại.",
	"Tháng đã được Ban Nội chính khóa sổ thì không sửa được nữa.",
}

// Template writes the blank XLSX template a commune office fills in.
func Template(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetReport); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return err
	}
	for i, c := range columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheetReport, cell, c.header); err != nil {
			return err
		}
	}
	last, _ := excelize.ColumnNumberToName(len(columns))
	if err := f.SetCellStyle(sheetReport, "A1", last+"1", bold); err != nil {
		return err
	}
	if err := f.SetColStyle(sheetReport, "A", text); err != nil {
		return err
	}
	if err := f.SetColWidth(sheetReport, "A", last, 16); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheetReport, 1, 48); err != nil {
		return err
	}
	if _, err := f.NewSheet(sheetHelp); err != nil {
		return err
	}
	for i, line := range help {
		if err := f.SetCellStr(sheetHelp, fmt.Sprintf("A%d", i+1), line); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// uploadRow is one data row of an uploaded file and its row number.
type uploadRow struct {
	row int
	Submission
}

// parseUpload reads the rows of an uploaded template; a cell that cannot
// be read is a field error "rows.<row>.<column>".
func parseUpload(r io.Reader, errs *validate.Errors) ([]uploadRow, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		errs.Add("file", "petitions.commune_report.error.not_xlsx", nil)
		return nil, nil
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		errs.Add("file", "petitions.commune_report.error.bad_template", nil)
		return nil, nil
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 || !headerMatches(rows[0]) {
		errs.Add("file", "petitions.commune_report.error.bad_template", nil)
		return nil, nil
	}
	var out []uploadRow
	for i, cells := range rows[1:] {
		if blank(cells) {
			continue
		}
		n := i + 2 // the row number the user sees
		if len(out) == maxRows {
			errs.Add("file", "petitions.commune_report.error.too_many_rows", map[string]any{"max": maxRows})
			break
		}
		ur := uploadRow{row: n}
		cell := func(j int) string {
			if j < len(cells) {
				return strings.TrimSpace(cells[j])
			}
			return ""
		}
		prefix := fmt.Sprintf("rows.%d.", n)
		if m, err := ParseMonth(cell(0)); err != nil {
			errs.Add(prefix+"month", "petitions.commune_report.error.month_format", nil)
		} else {
			ur.Month = m
		}
		for j, x := range ur.Figures.fields() {
			v, ok := parseCount(cell(j + 1))
			if !ok {
				errs.Add(prefix+x.name, "error.invalid_number", nil)
			}
			*x.v = v
		}
		ur.Note = cell(len(columns) - 1)
		out = append(out, ur)
	}
	if len(out) == 0 && len(*errs) == 0 {
		errs.Add("file", "petitions.commune_report.error.empty", nil)
	}
	return out, nil
}

func headerMatches(cells []string) bool {
	if len(cells) < len(columns)-1 {
		return false
	}
	for i, c := range columns[:len(columns)-1] {
		if vntext.Key(cells[i]) != vntext.Key(c.header) {
			return false
		}
	}
	return true
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// parseCount reads a non-negative whole number; empty is 0. Thousands
// separators ("1.250") are accepted as people write them.
func parseCount(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(strings.ReplaceAll(s, ".", ""))
	return n, err == nil
}

// Upload stores the months of an uploaded XLSX for the clerk's unit, all or
// nothing: every row is checked first, and a single problem (reported with
// its row) leaves every month as it was. A month already reported is
// corrected, unless it is locked.
func (s *Service) Upload(ctx context.Context, r io.Reader) ([]Report, error) {
	actor, err := access.Check(ctx, access.CommuneReportSend)
	if err != nil {
		return nil, err
	}
	var errs validate.Errors
	rows, err := parseUpload(r, &errs)
	if err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil && len(rows) == 0 {
		return nil, err
	}
	var out []Report
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		units := make([]unitRow, len(rows))
		seen := map[Month]int{}
		for i := range rows {
			ur := &rows[i]
			prefix := fmt.Sprintf("rows.%d.", ur.row)
			if first, dup := seen[ur.Month]; dup && ur.Month.valid() {
				errs.Add(prefix+"month", "petitions.commune_report.error.duplicate_month", map[string]any{"row": first})
			}
			seen[ur.Month] = ur.row
			if units[i], err = s.checkSubmission(ctx, tx, actor, &ur.Submission, &errs, prefix); err != nil {
				return err
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		for i, ur := range rows {
			rep, err := s.save(ctx, tx, actor, units[i], ur.Submission, "xlsx", false)
			if err != nil {
				return err
			}
			out = append(out, rep)
		}
		return nil
	})
	return out, err
}
