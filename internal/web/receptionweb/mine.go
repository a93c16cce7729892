package receptionweb

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/petitions/communereport"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/web"
)

// figureFields are the figures of a report in the template's order, as the
// form, the service's errors and the XLSX template name them.
var figureFields = []string{"sessions", "visits", "people", "crowd_delegations", "matters_complaint",
	"matters_denunciation", "matters_proposal", "petitions_received", "petitions_processed", "petitions_resolved"}

// figurePtrs pairs each figure's name with its place in f.
func figurePtrs(f *communereport.Figures) []*int {
	return []*int{&f.Sessions, &f.Visits, &f.People, &f.CrowdDelegations, &f.MattersComplaint,
		&f.MattersDenunciation, &f.MattersProposal, &f.PetitionsReceived, &f.PetitionsProcessed, &f.PetitionsResolved}
}

// figureLabel is the label key of a report field.
func figureLabel(name string) string { return "petitions.commune_report.field." + name }

// maxUpload bounds an uploaded workbook.
const maxUpload = 5 << 20

// mineView is a clerk's page: their unit's reports, the form and the upload.
type mineView struct {
	UnitName string
	Reports  []communereport.Report
	Fields   []string
	// Correcting: the form holds a month already reported.
	Correcting bool
	// Upload lists an upload's problems, row by row.
	Upload     []uploadProblem
	UploadFile string
	Minimum    int
}

// uploadProblem is one problem of an uploaded file.
type uploadProblem struct {
	Row     int // 0: the file as a whole
	Field   string
	Message string
}

// Month is a report's month as people write it.
func (mineView) Month(m communereport.Month) string { return monthLabel(m) }

// Figure is one figure of a report by name.
func (mineView) Figure(r communereport.Report, name string) int { return figureOf(r.Figures, name) }

func figureOf(f communereport.Figures, name string) int {
	for i, n := range figureFields {
		if n == name {
			return *figurePtrs(&f)[i]
		}
	}
	return 0
}

func (p *Pages) mine(w http.ResponseWriter, r *http.Request) {
	var errs validate.Errors
	m := parseMonth(&errs, "month", r.URL.Query().Get("m"))
	values := url.Values{"month": {monthLabel(lastMonth(p.reports.Today()))}}
	if !m.IsZero() {
		values.Set("month", monthLabel(m))
	}
	p.renderMine(w, r, &web.Form{Values: values, Errors: errs}, nil, "", http.StatusOK)
}

// renderMine shows the clerk's page. The form shows the report of its
// month, when there is one and nothing was typed, with its version.
func (p *Pages) renderMine(w http.ResponseWriter, r *http.Request, form *web.Form, upload []uploadProblem, file string, status int) {
	reports, err := p.mineOnly(r.Context())
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	v := &mineView{Reports: reports, Fields: figureFields, Upload: upload, UploadFile: file, Minimum: communereport.MinimumSessions}
	if len(reports) > 0 {
		v.UnitName = reports[0].UnitName
	}
	var errs validate.Errors
	m := parseMonth(&errs, "month", form.Get("month"))
	for _, rep := range reports {
		if !m.IsZero() && rep.Month == m {
			v.Correcting = true
			if form.Get("version") == "" && r.Method == http.MethodGet {
				form.Values = reportValues(rep)
			}
		}
	}
	if status == 0 {
		status = http.StatusOK
	}
	if len(upload) > 0 && status == http.StatusOK {
		status = http.StatusUnprocessableEntity
	}
	p.app.Render(w, r, "communereports/mine", &web.Page{TitleKey: "communereports.mine.title", Form: form, Data: v, Status: status})
}

// mineOnly is the clerk's own unit's reports. An account tied to no unit
// (the service reads unit 0 as every unit) sees none.
func (p *Pages) mineOnly(ctx context.Context) ([]communereport.Report, error) {
	if a := access.FromContext(ctx); a == nil || (a.UnitID == 0 && !a.System) {
		return nil, nil
	}
	return p.reports.Mine(ctx)
}

// reportValues are a report's fields as the form shows them.
func reportValues(rep communereport.Report) url.Values {
	v := url.Values{"month": {monthLabel(rep.Month)}, "note": {rep.Note}, "version": {strconv.Itoa(rep.Version)}}
	for i, name := range figureFields {
		v.Set(name, strconv.Itoa(*figurePtrs(&rep.Figures)[i]))
	}
	return v
}

// readSubmission reads the form; empty figures are 0, as in the template.
func readSubmission(v url.Values) (communereport.Submission, validate.Errors) {
	var errs validate.Errors
	in := communereport.Submission{Note: v.Get("note")}
	in.Month = parseMonth(&errs, "month", v.Get("month"))
	if in.Month.IsZero() && len(errs) == 0 {
		errs.Add("month", "error.required", nil)
	}
	for i, name := range figureFields {
		s := strings.ReplaceAll(strings.TrimSpace(v.Get(name)), ".", "")
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			errs.Add(name, "error.invalid_number", nil)
			continue
		}
		*figurePtrs(&in.Figures)[i] = n
	}
	if s := strings.TrimSpace(v.Get("version")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			errs.Add("", "error.conflict", nil)
		}
		in.Version = n
	}
	return in, errs
}

func (p *Pages) submit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_ = r.ParseForm()
	in, errs := readSubmission(r.PostForm)
	if len(errs) > 0 {
		p.renderMine(w, r, &web.Form{Values: r.PostForm, Errors: errs}, nil, "", http.StatusUnprocessableEntity)
		return
	}
	rep, err := p.reports.Submit(ctx, in)
	if errors.Is(err, store.ErrConflict) {
		// Corrected (or first sent) meanwhile: the report as it now
		// stands, to correct again.
		values := url.Values{"month": {monthLabel(in.Month)}, "version": {"0"}}
		mine, merr := p.mineOnly(ctx)
		if merr != nil {
			p.app.Fail(w, r, merr)
			return
		}
		for _, cur := range mine {
			if cur.Month == in.Month {
				values = reportValues(cur)
			}
		}
		p.renderMine(w, r, &web.Form{Values: values, Errors: validate.Errors{{Key: "error.conflict"}}}, nil, "", http.StatusConflict)
		return
	}
	if e, ok := validate.As(err); ok {
		p.renderMine(w, r, &web.Form{Values: r.PostForm, Errors: e}, nil, "", http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "communereports.saved", "month", monthLabel(rep.Month), "version", rep.Version)
	http.Redirect(w, r, "/commune-reports?"+url.Values{"m": {rep.Month.String()}}.Encode(), http.StatusSeeOther)
}

// template sends the blank XLSX template.
func (p *Pages) template(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="mau-bao-cao-tiep-cong-dan-xa-phuong.xlsx"`)
	if err := communereport.Template(w); err != nil {
		p.app.Log().Error("commune report template", "err", err)
	}
}

// upload stores the months of an uploaded workbook, all or nothing.
func (p *Pages) upload(w http.ResponseWriter, r *http.Request) {
	form := &web.Form{Values: url.Values{"month": {monthLabel(lastMonth(p.reports.Today()))}}}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	file, header, err := r.FormFile("file")
	if err != nil {
		msg := p.t(r, "communereports.upload.no_file")
		p.renderMine(w, r, form, []uploadProblem{{Field: "file", Message: msg}}, "", http.StatusUnprocessableEntity)
		return
	}
	defer file.Close()
	saved, err := p.reports.Upload(r.Context(), file)
	if e, ok := validate.As(err); ok {
		p.renderMine(w, r, form, p.uploadProblems(r, e), header.Filename, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	var months []string
	for _, rep := range saved {
		months = append(months, monthLabel(rep.Month))
	}
	p.app.Flash(r, "ok", "communereports.uploaded", "n", len(saved), "months", strings.Join(months, ", "))
	http.Redirect(w, r, "/commune-reports", http.StatusSeeOther)
}

var rowField = regexp.MustCompile(`^rows\.(\d+)\.(.+)$`)

// uploadProblems lists an upload's errors by row, each with the column's
// label, in the order of the file.
func (p *Pages) uploadProblems(r *http.Request, errs validate.Errors) []uploadProblem {
	lang := p.app.Lang(r)
	var out []uploadProblem
	for _, e := range errs {
		msg := validate.Errors{e}.For(lang, e.Field)
		pr := uploadProblem{Field: e.Field, Message: strings.Join(msg, " ")}
		if m := rowField.FindStringSubmatch(e.Field); m != nil {
			pr.Row, _ = strconv.Atoi(m[1])
			pr.Field = p.t(r, figureLabelOrUnit(m[2]))
		} else {
			pr.Field = ""
		}
		out = append(out, pr)
	}
	slices.SortStableFunc(out, func(a, b uploadProblem) int { return a.Row - b.Row })
	return out
}

func figureLabelOrUnit(field string) string {
	switch field {
	case "month", "note":
		return figureLabel(field)
	case "unit_id":
		return "communereports.field.unit"
	}
	for _, f := range figureFields {
		if f == field {
			return figureLabel(field)
		}
	}
	return fmt.Sprintf("communereports.field.%s", "other")
}
