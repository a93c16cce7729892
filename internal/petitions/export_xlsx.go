package petitions

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"noichinh/internal/i18n"
	"noichinh/internal/vntext"
)

// exportColumns are the columns of the exported workbook; the senders
// column holds the mask unless identities were exported.
var exportColumns = []struct {
	header string
	value  func(r ExportRow, lang i18n.Lang) string
}{
	{"Số đơn", func(r ExportRow, _ i18n.Lang) string { return r.RefCode }},
	{"Ngày nhận", func(r ExportRow, _ i18n.Lang) string { return vntext.Date(r.ReceivedOn) }},
	{"Nguồn đơn", func(r ExportRow, l i18n.Lang) string { return label(l, "channel", string(r.Channel)) }},
	{"Người đứng đơn", func(r ExportRow, l i18n.Lang) string { return label(l, "signer", string(r.Signer)) }},
	{"Người gửi", func(r ExportRow, l i18n.Lang) string { return exportSenders(r, l) }},
	{"Loại đơn", func(r ExportRow, l i18n.Lang) string { return label(l, "kind", string(r.Kind)) }},
	{"Lĩnh vực", func(r ExportRow, l i18n.Lang) string { return label(l, "field", string(r.Field)) }},
	{"Trích yếu", func(r ExportRow, _ i18n.Lang) string { return r.Summary }},
	{"Người bị khiếu nại, tố cáo", func(r ExportRow, _ i18n.Lang) string {
		return strings.TrimSpace(r.SubjectName + " " + r.SubjectPosition)
	}},
	{"Phức tạp, kéo dài", func(r ExportRow, _ i18n.Lang) string { return yes(r.ComplexProlonged) }},
	{"Độ mật", func(r ExportRow, _ i18n.Lang) string { return r.Classification.Code() }},
	{"Tình trạng", func(r ExportRow, l i18n.Lang) string { return label(l, "status", string(r.Status)) }},
	{"Ngày xử lý", func(r ExportRow, _ i18n.Lang) string { return vntext.Date(r.ProcessedOn) }},
	{"Kết quả", func(r ExportRow, l i18n.Lang) string { return label(l, "outcome", string(r.Outcome)) }},
	{"Ngày giải quyết xong", func(r ExportRow, _ i18n.Lang) string { return vntext.Date(r.ResolvedOn) }},
	{"Tiền trả lại (đồng)", func(r ExportRow, l i18n.Lang) string { return vntext.Int(vntext.Lang(l), r.MoneyReturned) }},
	{"Đất trả lại (m²)", func(r ExportRow, l i18n.Lang) string { return vntext.Decimal(vntext.Lang(l), r.LandReturned, 2) }},
	{"Hạn tiếp theo", func(r ExportRow, _ i18n.Lang) string { return vntext.Date(r.NextDueOn) }},
}

func label(l i18n.Lang, enum, code string) string {
	if code == "" {
		return ""
	}
	return i18n.T(l, "petitions."+enum+"."+code, nil)
}

func yes(b bool) string {
	if b {
		return "x"
	}
	return ""
}

// exportSenders is the mask, or the identities when they were exported.
func exportSenders(r ExportRow, l i18n.Lang) string {
	if r.Senders == nil {
		if r.SenderCount == 0 {
			return ""
		}
		return i18n.T(l, MaskedSenderLabel, nil)
	}
	var parts []string
	for _, s := range r.Senders {
		if s.Name == "" {
			continue
		}
		p := s.Name
		if s.Address != "" {
			p += ", " + s.Address
		}
		if s.Phone != "" {
			p += ", " + s.Phone
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// WriteExport writes exported rows (from Export) as an XLSX workbook.
func WriteExport(w io.Writer, rows []ExportRow, lang i18n.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Đơn thư"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	header := make([]any, len(exportColumns))
	for i, c := range exportColumns {
		header[i] = c.header
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for n, r := range rows {
		cells := make([]any, len(exportColumns))
		for i, c := range exportColumns {
			cells[i] = c.value(r, lang)
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", n+2), cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
