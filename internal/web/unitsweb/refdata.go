package unitsweb

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"

	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/units"
	"noichinh/internal/validate"
	"noichinh/internal/web"
)

// importPage is the administrator's reference data page: CSV imports with
// row-by-row errors, the files the program ships, and the mapping from
// former units to the units that took over from them.
type importPage struct {
	view
	Files   []units.ReferenceFile
	Rows    []importRow
	Former  []formerUnit
	Missing int
	Kinds   [][2]string
	Active  string
}

// importRow is one place in a file with problems: the messages are the
// form's errors of Field.
type importRow struct {
	Line   int
	Column string
	Field  string
}

// formerUnit is a unit that no longer exists and where its work went.
type formerUnit struct {
	Entry      units.Entry
	Successors []units.Successor
}

var rowField = regexp.MustCompile(`^rows\[(\d+)\]\.(.+)$`)

func (p *Pages) importPage(w http.ResponseWriter, r *http.Request) { p.renderImport(w, r, "", nil) }

func (p *Pages) renderImport(w http.ResponseWriter, r *http.Request, active string, err error) {
	ctx := r.Context()
	v, verr := p.loadView(ctx, false)
	if verr != nil {
		p.app.Fail(w, r, verr)
		return
	}
	ip := importPage{view: v, Files: units.ReferenceFiles, Active: active,
		Kinds: [][2]string{{string(units.ImportUnits), "units.import.kind_units"}, {string(units.ImportSuccessors), "units.import.kind_successors"}}}
	today := civil.Today()
	list, lerr := p.svc.List(ctx, units.Filter{IncludeDissolved: true, Sort: "valid_from"})
	if lerr != nil {
		p.app.Fail(w, r, lerr)
		return
	}
	for _, e := range list.Items {
		if e.Alive || e.Unit.ValidTo.IsZero() || e.Unit.ValidTo.After(today) {
			continue
		}
		succ, serr := p.svc.Successors(ctx, e.Unit.ID)
		if serr != nil {
			p.app.Fail(w, r, serr)
			return
		}
		ip.Former = append(ip.Former, formerUnit{Entry: e, Successors: succ})
		if len(succ) == 0 {
			ip.Missing++
		}
	}
	// The units without a successor first: they are the work left to do.
	slices.SortStableFunc(ip.Former, func(a, b formerUnit) int {
		return min(len(a.Successors), 1) - min(len(b.Successors), 1)
	})
	seen := map[string]bool{}
	for _, e := range asErrors(err) {
		if seen[e.Field] {
			continue
		}
		seen[e.Field] = true
		if m := rowField.FindStringSubmatch(e.Field); m != nil {
			line, _ := strconv.Atoi(m[1])
			ip.Rows = append(ip.Rows, importRow{Line: line, Column: m[2], Field: e.Field})
		}
	}
	slices.SortStableFunc(ip.Rows, func(a, b importRow) int { return a.Line - b.Line })
	pg := &web.Page{Data: ip, Form: p.app.NewForm(r, err)}
	if err != nil {
		pg.Status = status(err)
	}
	pg.TitleKey = "units.nav.refdata"
	p.app.Render(w, r, "units/import", pg)
}

// Message is where a row's problem is, in the page's language.
func (ir importRow) Message(p *web.Page) string {
	if ir.Column == "file" {
		return p.T("units.import.at_line", "line", ir.Line)
	}
	return p.T("units.import.at_cell", "line", ir.Line, "column", ir.Column)
}

const maxUpload = 10 << 20

func (p *Pages) importFile(w http.ResponseWriter, r *http.Request) {
	var errs validate.Errors
	kind := units.ImportKind(r.FormValue("kind"))
	if kind != units.ImportUnits && kind != units.ImportSuccessors {
		errs.Add("kind", "error.invalid_choice", nil)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	file, header, ferr := r.FormFile("file")
	if ferr != nil {
		errs.Add("file", "units.error.import_no_file", nil)
	} else {
		defer file.Close()
	}
	if len(errs) > 0 {
		p.renderImport(w, r, "import", errs)
		return
	}
	res, err := p.svc.Import(r.Context(), file, kind)
	if invalid(err) {
		p.renderImport(w, r, "import", formErr(err))
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.imported", "file", header.Filename, "rows", res.Rows, "created", res.Created,
		"skipped", res.Skipped)
	http.Redirect(w, r, "/units/import", http.StatusSeeOther)
}

func (p *Pages) importBuiltin(w http.ResponseWriter, r *http.Request) {
	results, err := p.svc.LoadReferenceData(r.Context())
	if invalid(err) {
		p.renderImport(w, r, "import", formErr(err))
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	var rows, created, skipped int
	for _, res := range results {
		rows, created, skipped = rows+res.Rows, created+res.Created, skipped+res.Skipped
	}
	p.app.Flash(r, "ok", "units.flash.imported_builtin", "files", len(results), "rows", rows, "created", created,
		"skipped", skipped)
	http.Redirect(w, r, "/units/import", http.StatusSeeOther)
}

// referenceFile downloads one of the files the program ships, for an
// administrator to complete and import again.
func (p *Pages) referenceFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if !slices.ContainsFunc(units.ReferenceFiles, func(f units.ReferenceFile) bool { return f.Name == name }) {
		p.app.Fail(w, r, store.ErrNotFound)
		return
	}
	b, err := units.ReferenceData(name)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(b)
}

func (p *Pages) addSuccessor(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	in := units.SuccessorInput{UnitID: f.id("unit_id"), SuccessorID: f.id("successor_id"), EffectiveOn: f.date("effective_on"),
		Basis: f.str("basis"), Note: f.get("note")}
	err := f.err()
	if err == nil {
		_, err = p.svc.AddSuccessor(r.Context(), in)
	}
	if invalid(err) {
		p.renderImport(w, r, "successor", formErr(err))
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.successor_added")
	http.Redirect(w, r, "/units/import#mapping", http.StatusSeeOther)
}

func (p *Pages) removeSuccessor(w http.ResponseWriter, r *http.Request) {
	err := p.svc.RemoveSuccessor(r.Context(), pathID(r))
	p.afterDelete(w, r, err, "/units/import#mapping", "units.flash.successor_removed")
}
