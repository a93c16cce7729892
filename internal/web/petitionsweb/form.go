package petitionsweb

import (
	"context"
	"hash/fnv"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/petitions"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// senderRows is how many sender rows the entry form offers at least.
const senderRows = 3

// sessionDays is how far back the form offers reception sessions.
const sessionDays = 120

// formView is the entry form.
type formView struct {
	Kinds      [][2]string
	Channels   [][2]string
	Signers    [][2]string
	Fields     [][2]string
	Clearance  [][2]string
	Dir        *directory
	Sessions   []sessionChoice
	Senders    []senderRow
	Duplicates []candidateView
	// Checked: the duplicate check ran on what is shown; saving now saves.
	Checked bool
}

type sessionChoice struct {
	ID    int64
	Label string
}

type senderRow struct {
	Index                          int
	Name, Address, Phone, IDNumber string
	Rep                            bool
}

// candidateView is a likely duplicate as the pages show it.
type candidateView struct {
	petitions.Candidate
	URL      string
	Percent  int
	Assignee string
}

// formFields are the entry form's fields: errors on any other head the form.
var formFields = []string{"", "received_on", "channel", "source_unit_id", "source_ref", "session_id", "signer", "senders",
	"kind", "summary", "content", "field", "subject_name", "subject_position", "locality_unit_id", "classification",
	"assigned_to", "repeats"}

// readNew reads the entry form; errors are the values not even of the right
// form (a date that is no date).
func readNew(v url.Values) (petitions.NewPetition, validate.Errors) {
	var errs validate.Errors
	in := petitions.NewPetition{Channel: petitions.Channel(v.Get("channel")), SourceRef: v.Get("source_ref"),
		Signer: petitions.Signer(v.Get("signer")), Kind: petitions.Kind(v.Get("kind"))}
	in.ReceivedOn = parseDate(&errs, "received_on", v.Get("received_on"))
	in.SourceUnitID = parseID(&errs, "source_unit_id", v.Get("source_unit_id"))
	in.SessionID = parseID(&errs, "session_id", v.Get("session_id"))
	in.AssignedTo = parseID(&errs, "assigned_to", v.Get("assigned_to"))
	in.Details = readDetails(v, &errs)
	names, addrs, phones, ids := v["sender_name"], v["sender_address"], v["sender_phone"], v["sender_id_number"]
	rep := v.Get("sender_rep")
	for i := range names {
		sd := petitions.Sender{Name: names[i], Address: at(addrs, i), Phone: at(phones, i), IDNumber: at(ids, i),
			Representative: rep == strconv.Itoa(i)}
		if strings.TrimSpace(sd.Name+sd.Address+sd.Phone+sd.IDNumber) == "" {
			continue
		}
		in.Senders = append(in.Senders, sd)
	}
	// A single named sender is their own representative.
	if in.Signer == petitions.SignerOne && len(in.Senders) == 1 {
		in.Senders[0].Representative = false
	}
	return in, errs
}

// readDetails reads the descriptive fields (entry and edit forms).
func readDetails(v url.Values, errs *validate.Errors) petitions.Details {
	d := petitions.Details{Summary: v.Get("summary"), Content: v.Get("content"), Field: petitions.Field(v.Get("field")),
		SubjectName: v.Get("subject_name"), SubjectPosition: v.Get("subject_position"),
		SubjectPartyMember: v.Get("subject_party_member") == "1", SubjectPartyOrg: v.Get("subject_party_org") == "1",
		ComplexProlonged: v.Get("complex_prolonged") == "1"}
	d.LocalityUnitID = parseID(errs, "locality_unit_id", v.Get("locality_unit_id"))
	if s := v.Get("classification"); s != "" {
		c, err := strconv.Atoi(s)
		if err != nil {
			errs.Add("classification", "error.invalid_choice", nil)
		}
		d.Classification = access.Classification(c)
	}
	return d
}

func at(vs []string, i int) string {
	if i < len(vs) {
		return vs[i]
	}
	return ""
}

// senderRowsOf are the sender rows to show: those typed, then blank ones.
func senderRowsOf(v url.Values) []senderRow {
	var rows []senderRow
	names := v["sender_name"]
	for i := range names {
		r := senderRow{Index: len(rows), Name: names[i], Address: at(v["sender_address"], i), Phone: at(v["sender_phone"], i),
			IDNumber: at(v["sender_id_number"], i), Rep: v.Get("sender_rep") == strconv.Itoa(i)}
		if strings.TrimSpace(r.Name+r.Address+r.Phone+r.IDNumber) == "" {
			continue
		}
		rows = append(rows, r)
	}
	for len(rows) < senderRows {
		rows = append(rows, senderRow{Index: len(rows)})
	}
	rows = append(rows, senderRow{Index: len(rows)})
	return rows
}

func (p *Pages) formView(ctx context.Context, values url.Values) (*formView, error) {
	dir, err := p.directoryFor(ctx)
	if err != nil {
		return nil, err
	}
	v := &formView{Kinds: entryKinds(), Channels: channelOptions(""), Signers: signerOptions(""),
		Fields: fieldOptions("petitions.web.form.choose_field"), Clearance: clearanceOptions(access.FromContext(ctx)),
		Dir: dir, Senders: senderRowsOf(values)}
	today := p.svc.Today()
	sessions, err := p.svc.ListSessions(ctx, petitions.SessionFilter{From: today.AddDays(-sessionDays), To: today, PerPage: 100})
	if err != nil {
		return nil, err
	}
	for _, s := range sessions.Items {
		v.Sessions = append(v.Sessions, sessionChoice{ID: s.ID, Label: vntext.Date(s.HeldOn) + " · " + s.Place})
	}
	return v, nil
}

func (p *Pages) newForm(w http.ResponseWriter, r *http.Request) {
	actor := access.FromContext(r.Context())
	q := url.Values{"received_on": {vntext.Date(p.svc.Today())}, "channel": {string(petitions.Post)},
		"signer": {string(petitions.SignerOne)}, "kind": {string(petitions.Complaint)}, "classification": {"0"},
		"assigned_to": {itoa(actor.UserID)}}
	p.renderForm(w, r, &web.Form{Values: q}, nil, false, http.StatusOK)
}

func (p *Pages) renderForm(w http.ResponseWriter, r *http.Request, form *web.Form, dups []candidateView, checked bool, status int) {
	v, err := p.formView(r.Context(), form.Values)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	v.Duplicates, v.Checked = dups, checked
	form.Errors = headUnknown(form.Errors, formFields, "senders.")
	p.app.Render(w, r, "petitions/form", &web.Page{TitleKey: "petitions.web.new", Form: form, Status: status, Data: v})
}

// headUnknown moves the errors of fields a form does not show to its head.
func headUnknown(errs validate.Errors, known []string, prefixes ...string) validate.Errors {
	out := make(validate.Errors, 0, len(errs))
	for _, e := range errs {
		ok := false
		for _, k := range known {
			ok = ok || e.Field == k
		}
		for _, pre := range prefixes {
			ok = ok || strings.HasPrefix(e.Field, pre)
		}
		if !ok {
			e.Field = ""
		}
		out = append(out, e)
	}
	return out
}

// create saves a petition. Unless the form was checked for duplicates as it
// stands, it checks first and, if the draft looks like earlier petitions,
// shows them instead of saving: the specialist then saves anyway (and
// links or dismisses them on the petition's page) or opens the earlier one.
func (p *Pages) create(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_ = r.ParseForm()
	in, errs := readNew(r.PostForm)
	repeats, rerr := p.repeatsOf(ctx, r.PostFormValue("repeats"))
	if rerr != nil {
		p.app.Fail(w, r, rerr)
		return
	}
	if repeats < 0 {
		errs.Add("repeats", "petitions.web.error.repeats_not_found", nil)
	}
	if len(errs) > 0 {
		p.renderForm(w, r, p.app.NewForm(r, errs), nil, false, http.StatusUnprocessableEntity)
		return
	}
	action := r.PostFormValue("action")
	fingerprint := draftFingerprint(r.PostForm)
	if action == "check" || r.PostFormValue("checked") != fingerprint {
		dups, err := p.duplicatesOf(ctx, in)
		if err != nil {
			p.app.Fail(w, r, err)
			return
		}
		if action == "check" || len(dups) > 0 {
			form := p.app.NewForm(r, nil)
			form.Values.Set("checked", fingerprint)
			p.renderForm(w, r, form, dups, true, http.StatusOK)
			return
		}
	}
	saved, err := p.svc.Create(ctx, in)
	if _, ok := validate.As(err); ok {
		p.renderForm(w, r, p.app.NewForm(r, err), nil, false, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	if repeats > 0 {
		if _, err := p.svc.Link(ctx, saved.ID, repeats, petitions.LinkRepeated, ""); err != nil {
			p.app.Fail(w, r, err)
			return
		}
	}
	p.app.Flash(r, "ok", "petitions.web.created", "ref", saved.RefCode)
	http.Redirect(w, r, petitionURL(saved.ID), http.StatusSeeOther)
}

// repeatsOf finds the earlier petition a new one repeats by its number
// (2025-00017) or id: 0 for none given, -1 when there is no such petition
// the user may see.
func (p *Pages) repeatsOf(ctx context.Context, ref string) (int64, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return 0, nil
	}
	page, err := p.svc.List(ctx, petitions.Filter{Text: ref, PerPage: 20})
	if err != nil {
		return 0, err
	}
	for _, it := range page.Items {
		if it.RefCode == ref || itoa(it.ID) == ref {
			return it.ID, nil
		}
	}
	return -1, nil
}

func (p *Pages) duplicatesOf(ctx context.Context, in petitions.NewPetition) ([]candidateView, error) {
	cands, err := p.svc.LikelyDuplicates(ctx, petitions.Draft{ReceivedOn: in.ReceivedOn, Senders: in.Senders,
		Summary: in.Summary, Content: in.Content, SubjectName: in.SubjectName, LocalityUnitID: in.LocalityUnitID,
		Field: in.Field})
	if err != nil {
		return nil, err
	}
	dir, err := p.directoryFor(ctx)
	if err != nil {
		return nil, err
	}
	return candidateViews(cands, dir), nil
}

func candidateViews(cands []petitions.Candidate, dir *directory) []candidateView {
	out := make([]candidateView, 0, len(cands))
	for _, c := range cands {
		out = append(out, candidateView{Candidate: c, URL: petitionURL(c.ID), Percent: int(c.Similarity*100 + 0.5),
			Assignee: dir.Person(c.AssignedTo)})
	}
	return out
}

// draftFingerprint identifies what the duplicate check looked at, so a
// change to the senders or the matter after the check is checked again.
func draftFingerprint(v url.Values) string {
	var b strings.Builder
	for _, k := range []string{"received_on", "summary", "content", "subject_name", "locality_unit_id", "field"} {
		b.WriteString(strings.TrimSpace(v.Get(k)))
		b.WriteByte(0)
	}
	for _, k := range []string{"sender_name", "sender_address"} {
		for _, s := range v[k] {
			b.WriteString(strings.TrimSpace(s))
			b.WriteByte(1)
		}
	}
	h := fnv.New64a()
	h.Write([]byte(b.String()))
	return strconv.FormatUint(h.Sum64(), 36)
}
