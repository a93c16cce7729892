package petitionsweb

import (
	"net/http"

	"noichinh/internal/access"
	"noichinh/internal/petitions"
	"noichinh/internal/validate"
)

// export writes the petitions of the list's filter as a workbook. Senders
// are masked unless the user may export identities, ticks the option and
// gives a reason (the service refuses otherwise, and audits the export).
func (p *Pages) export(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	lq, errs := readListQuery(q, access.FromContext(ctx))
	if len(errs) == 0 && lq.Fig != "" {
		_, ferrs, err := p.figurePetitions(r, &lq)
		if err != nil {
			p.app.Fail(w, r, err)
			return
		}
		errs = ferrs
	}
	if len(errs) > 0 {
		// The list shows what is wrong with the filter beside each field.
		http.Redirect(w, r, "/petitions?"+q.Encode(), http.StatusSeeOther)
		return
	}
	lq.Filter.Page, lq.Filter.PerPage = 0, 0
	req := petitions.ExportRequest{Filter: lq.Filter, WithIdentities: q.Get("with_identities") == "1", Reason: q.Get("reason")}
	rows, err := p.svc.Export(ctx, req)
	if _, ok := validate.As(err); ok {
		// The reason is missing: back to the list, the message at its head.
		p.app.Flash(r, "error", "petitions.web.export.reason_required")
		http.Redirect(w, r, "/petitions?"+q.Encode()+"#export", http.StatusSeeOther)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="don-thu-`+p.svc.Today().String()+`.xlsx"`)
	w.Header().Set("Cache-Control", "no-store")
	if err := petitions.WriteExport(w, rows, p.lang(r)); err != nil {
		p.app.Log().Error("petition export", "err", err)
	}
}
