package documentsweb

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/documents"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// The paste-a-text page: a text pasted or read from a .txt or .docx file is
// shown with each citation highlighted, linked to the registered document or
// marked unknown; the unknown documents come with pre-filled registration
// fields and the relations the text states with checkboxes, and one submit
// registers the chosen ones together (all or nothing).
//
// Form names: text; pick (the index of each unknown document to register)
// and d<i>.<field> (its fields, named as the registration form's); d<i>.match
// (which registered document an ambiguous citation means); rel (the index of
// each relation to register) and r<j>.type.

// analyzeView is the paste-a-text page.
type analyzeView struct {
	Analyzed  bool
	FileName  string
	Segments  []segment
	Docs      []foundView
	Rels      []foundRel
	Refs      int // citations highlighted
	Unknown   int
	Offer     bool // something can be registered
	Issuers   issuerGroups
	Kinds     [][2]string
	Clearance [][2]string
	Fields    []documents.Field
	RelTypes  [][2]string
}

// segment is a piece of the text: plain, or a citation.
type segment struct {
	Text  string
	Ref   bool
	Doc   int    // index in Docs
	Class string // known, unknown, ambiguous
	URL   string
}

type foundView struct {
	documents.FoundDocument
	Index      int
	Times      int // citations of it in the text
	Ambiguous  bool
	Prefix     string // "d3": its fields' name prefix
	IssuerName string // the registered document's issuer
}

type foundRel struct {
	documents.FoundRelation
	Index    int
	From, To string
	Prefix   string // "r2"
}

func (p *Pages) analyzeForm(w http.ResponseWriter, r *http.Request) {
	p.renderAnalyze(w, r, "", nil, &web.Form{Values: url.Values{}}, http.StatusOK)
}

// analyze reads the text (from the upload when there is one) and shows
// what it cites. It changes nothing, but posts: a file cannot travel in a GET.
func (p *Pages) analyze(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	var text, name string
	var errs validate.Errors
	err := r.ParseMultipartForm(8 << 20)
	if err != nil && !errors.Is(err, http.ErrNotMultipart) {
		errs.Add("file", "documents.error.file_too_large", map[string]any{"max": documents.MaxAttachmentSize >> 20})
	}
	text = r.PostFormValue("text")
	if file, header, ferr := r.FormFile("file"); ferr == nil {
		defer file.Close()
		data, rerr := io.ReadAll(io.LimitReader(file, documents.MaxAttachmentSize+1))
		if rerr != nil {
			p.app.Fail(w, r, rerr)
			return
		}
		if len(data) > 0 || header.Filename != "" {
			name = header.Filename
			extracted, xerr := documents.ExtractText(header.Filename, data)
			if e, ok := validate.As(xerr); ok {
				errs = append(errs, e...)
			} else {
				text = extracted
			}
		}
	}
	if len(errs) == 0 && strings.TrimSpace(text) == "" {
		errs.Add("text", "documents.error.text_required", nil)
	}
	if len(errs) > 0 {
		form := p.app.NewForm(r, errs)
		p.renderAnalyze(w, r, "", nil, form, http.StatusUnprocessableEntity)
		return
	}
	a, err := p.svc.Analyze(r.Context(), text)
	if _, ok := validate.As(err); ok {
		p.renderAnalyze(w, r, "", nil, p.app.NewForm(r, err), http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	form := &web.Form{Values: initialValues(text, a)}
	p.renderAnalyze(w, r, name, &a, form, http.StatusOK)
}

// initialValues pre-fill the registration part: every unknown document
// chosen with what the text says of it, every relation not yet recorded chosen.
func initialValues(text string, a documents.Analysis) url.Values {
	v := url.Values{}
	v.Set("text", text)
	for i, d := range a.Documents {
		if d.Known() {
			continue
		}
		pre := "d" + strconv.Itoa(i) + "."
		if len(d.Candidates) == 0 {
			v.Add("pick", strconv.Itoa(i))
		}
		v.Set(pre+"kind", d.Draft.Kind)
		v.Set(pre+"symbol", d.Draft.Symbol)
		v.Set(pre+"number", d.Draft.Number)
		if d.Draft.IssuerUnitID != 0 {
			v.Set(pre+"issuer_unit_id", strconv.FormatInt(d.Draft.IssuerUnitID, 10))
		}
		v.Set(pre+"issuer_name", d.Draft.IssuerName)
		v.Set(pre+"issued_on", vntext.Date(d.Draft.IssuedOn))
		v.Set(pre+"summary", d.Draft.Summary)
		v.Set(pre+"classification", "0")
	}
	for j, rel := range a.Relations {
		if rel.Recorded {
			continue
		}
		v.Add("rel", strconv.Itoa(j))
		v.Set("r"+strconv.Itoa(j)+".type", rel.Type)
	}
	return v
}

func (p *Pages) renderAnalyze(w http.ResponseWriter, r *http.Request, fileName string, a *documents.Analysis, form *web.Form, status int) {
	issuers, err := p.svc.Issuers(r.Context())
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	v := &analyzeView{FileName: fileName, Issuers: groupIssuers(issuers), Kinds: kindOptions("documents.form.choose_kind"),
		Clearance: clearanceOptions(access.FromContext(r.Context())), Fields: documents.Fields, RelTypes: relationOptions()}
	if a != nil {
		fillAnalysis(v, form.Get("text"), *a, issuerNames(issuers))
	}
	pg := &web.Page{Form: form, Status: status, Data: v}
	pg.Title = p.title(r, "documents.analyze.title")
	p.app.Render(w, r, "documents/analyze", pg)
}

// fillAnalysis turns an analysis into the page: the text cut into plain and
// highlighted pieces, the documents found and the relations stated.
func fillAnalysis(v *analyzeView, text string, a documents.Analysis, issuers map[int64]string) {
	v.Analyzed = true
	for i, d := range a.Documents {
		fv := foundView{FoundDocument: d, Index: i, Ambiguous: d.Match == nil && len(d.Candidates) > 0,
			Prefix: "d" + strconv.Itoa(i)}
		if d.Match != nil {
			fv.IssuerName = issuerLabel(*d.Match, issuers)
		} else {
			v.Unknown++
			v.Offer = true
		}
		v.Docs = append(v.Docs, fv)
	}
	for j, rel := range a.Relations {
		v.Rels = append(v.Rels, foundRel{FoundRelation: rel, Index: j, From: a.Documents[rel.From].Name,
			To: a.Documents[rel.To].Name, Prefix: "r" + strconv.Itoa(j)})
		if !rel.Recorded {
			v.Offer = true
		}
	}
	refs := slices.Clone(a.References)
	slices.SortStableFunc(refs, func(x, y documents.FoundReference) int { return x.Start - y.Start })
	at := 0
	for _, ref := range refs {
		if ref.Start < at || ref.End > len(text) || ref.Start >= ref.End {
			continue // overlapping or outside the text: leave it plain
		}
		if ref.Start > at {
			v.Segments = append(v.Segments, segment{Text: text[at:ref.Start]})
		}
		d := v.Docs[ref.Document]
		s := segment{Text: text[ref.Start:ref.End], Ref: true, Doc: ref.Document}
		switch {
		case d.Match != nil:
			s.Class, s.URL = "known", docURL(d.Match.ID)
		case d.Ambiguous:
			s.Class, s.URL = "ambiguous", fmt.Sprintf("#found-%d", ref.Document)
		default:
			s.Class, s.URL = "unknown", fmt.Sprintf("#found-%d", ref.Document)
		}
		v.Docs[ref.Document].Times++
		v.Refs++
		v.Segments = append(v.Segments, s)
		at = ref.End
	}
	if at < len(text) {
		v.Segments = append(v.Segments, segment{Text: text[at:]})
	}
}

// registerFound registers the chosen documents and relations of an analysed
// text in one transaction, then lists what was registered.
func (p *Pages) registerFound(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_ = r.ParseForm()
	f := r.PostForm
	text := f.Get("text")
	a, err := p.svc.Analyze(ctx, text)
	if _, ok := validate.As(err); ok {
		p.renderAnalyze(w, r, "", nil, p.app.NewForm(r, err), http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	drafts, rels, draftOf, relOf, errs := chosen(f, a)
	if len(errs) == 0 && len(drafts) == 0 && len(rels) == 0 {
		errs.Add("", "documents.analyze.nothing_chosen", nil)
	}
	if len(errs) == 0 {
		var reg documents.Registration
		reg, err = p.svc.RegisterDrafts(ctx, drafts, rels)
		if err == nil {
			p.registered(w, r, drafts, reg)
			return
		}
		e, ok := validate.As(err)
		if !ok {
			p.app.Fail(w, r, err)
			return
		}
		errs = renameErrors(e, draftOf, relOf)
	}
	p.renderAnalyze(w, r, "", &a, p.app.NewForm(r, errs), http.StatusUnprocessableEntity)
}

// registered confirms a registration and shows the documents registered.
func (p *Pages) registered(w http.ResponseWriter, r *http.Request, drafts []documents.Draft, reg documents.Registration) {
	var ids []string
	var names []string
	for _, d := range drafts { // in the order of the text
		if doc, ok := reg.Documents[d.Ref]; ok {
			ids = append(ids, strconv.FormatInt(doc.ID, 10))
			names = append(names, doc.Title())
		}
	}
	p.app.Flash(r, "ok", "documents.analyze.registered", "documents", len(ids), "relations", len(reg.Relations),
		"names", strings.Join(names, ", "))
	if len(ids) == 0 {
		// Relations only: they are on the citing document's page.
		http.Redirect(w, r, docURL(reg.Relations[0].FromID)+"#relations", http.StatusSeeOther)
		return
	}
	if len(ids) == 1 {
		http.Redirect(w, r, "/documents/"+ids[0], http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/documents?ids="+strings.Join(ids, ","), http.StatusSeeOther)
}

// chosen reads the chosen drafts and relations from the form. draftOf and
// relOf map their positions in the service call back to the page's indexes.
func chosen(f url.Values, a documents.Analysis) (drafts []documents.Draft, rels []documents.DraftRelation,
	draftOf, relOf []int, errs validate.Errors) {
	picked := map[int]bool{}
	for _, s := range f["pick"] {
		i, err := strconv.Atoi(s)
		if err != nil || i < 0 || i >= len(a.Documents) || a.Documents[i].Known() || picked[i] {
			continue
		}
		picked[i] = true
	}
	// match: the registered document an ambiguous citation means.
	matched := map[int]int64{}
	for i, d := range a.Documents {
		id, _ := strconv.ParseInt(f.Get(fmt.Sprintf("d%d.match", i)), 10, 64)
		if id != 0 && slices.ContainsFunc(d.Candidates, func(c documents.Document) bool { return c.ID == id }) {
			matched[i] = id
			delete(picked, i)
		}
	}
	for i := range a.Documents {
		if !picked[i] {
			continue
		}
		in, e := parseInput(draftValues(f, i))
		errs = append(errs, renamePrefix(e, fmt.Sprintf("d%d.", i))...)
		drafts = append(drafts, documents.Draft{Ref: a.Documents[i].Key, Input: in})
		draftOf = append(draftOf, i)
	}
	endpoint := func(i int, to bool) (documents.Endpoint, bool) {
		d := a.Documents[i]
		switch {
		case d.Match != nil:
			return documents.Endpoint{DocumentID: d.Match.ID}, true
		case matched[i] != 0:
			return documents.Endpoint{DocumentID: matched[i]}, true
		case picked[i]:
			return documents.Endpoint{Draft: d.Key}, true
		case to:
			in, _ := parseInput(draftValues(f, i))
			if in.Symbol == "" && in.Number == "" {
				in = d.Draft.Input
			}
			return documents.Endpoint{Target: documents.Target{Symbol: in.Symbol, Kind: in.Kind, Number: in.Number,
				Issued: in.IssuedOn, Issuer: in.IssuerName, Summary: in.Summary}}, true
		}
		return documents.Endpoint{}, false
	}
	seen := map[int]bool{}
	for _, s := range f["rel"] {
		j, err := strconv.Atoi(s)
		if err != nil || j < 0 || j >= len(a.Relations) || a.Relations[j].Recorded || seen[j] {
			continue
		}
		seen[j] = true
		rel := a.Relations[j]
		from, ok := endpoint(rel.From, false)
		if !ok {
			errs.Add(fmt.Sprintf("r%d", j), "documents.analyze.source_unregistered",
				map[string]any{"document": a.Documents[rel.From].Name})
			continue
		}
		to, _ := endpoint(rel.To, true)
		rels = append(rels, documents.DraftRelation{From: from, To: to, Type: f.Get(fmt.Sprintf("r%d.type", j))})
		relOf = append(relOf, j)
	}
	return drafts, rels, draftOf, relOf, errs
}

// draftValues are one unknown document's fields, named as the registration
// form names them.
func draftValues(f url.Values, i int) url.Values {
	pre := fmt.Sprintf("d%d.", i)
	v := url.Values{}
	for k, vals := range f {
		if name, ok := strings.CutPrefix(k, pre); ok {
			v[name] = vals
		}
	}
	return v
}

func renamePrefix(errs validate.Errors, prefix string) validate.Errors {
	out := make(validate.Errors, len(errs))
	for i, e := range errs {
		e.Field = prefix + e.Field
		out[i] = e
	}
	return out
}

// renameErrors moves the service's errors ("drafts.1.symbol",
// "relations.0.type") to the page's fields ("d4.symbol", "r2").
func renameErrors(errs validate.Errors, draftOf, relOf []int) validate.Errors {
	out := make(validate.Errors, len(errs))
	for k, e := range errs {
		parts := strings.SplitN(e.Field, ".", 3)
		if len(parts) >= 2 {
			n, err := strconv.Atoi(parts[1])
			switch {
			case err != nil:
			case parts[0] == "drafts" && n < len(draftOf):
				e.Field = fmt.Sprintf("d%d", draftOf[n])
				if len(parts) == 3 && parts[2] != "ref" {
					e.Field += "." + parts[2]
				}
			case parts[0] == "relations" && n < len(relOf):
				e.Field = fmt.Sprintf("r%d", relOf[n])
			}
		}
		out[k] = e
	}
	return out
}
