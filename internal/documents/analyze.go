package documents

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/store"
	"noichinh/internal/validate"
)

// MaxAnalyzedText bounds the text Analyze reads (bytes): a long report, not a book.
const MaxAnalyzedText = 2 << 20

// Analysis is what a pasted or uploaded text cites.
type Analysis struct {
	// References are the citations in the text, in order, with their byte
	// offsets, for highlighting.
	References []FoundReference
	// Documents are the distinct documents cited.
	Documents []FoundDocument
	// Relations are the relations the text states between them.
	Relations []FoundRelation
}

// FoundReference is one citation in the text.
type FoundReference struct {
	Start, End int // byte offsets of the citation in the text
	Document   int // index in Analysis.Documents
}

// FoundDocument is a document the text cites, registered or not.
type FoundDocument struct {
	Key  string // matching key; also the Ref of its draft
	Name string // "48-CT/TW", or "Quyết định số 14" without a symbol
	// Match is the registered document the citation designates; nil when it
	// is unknown, or when several registered documents share its symbol and
	// the text does not say which (they are the Candidates).
	Match      *Document
	Candidates []Document
	// Draft pre-fills the registration of an unknown document: kind, number,
	// symbol, issuer (resolved to a unit by name or issuer code), date, summary.
	Draft Draft
}

// Known reports whether the document is registered (and designated unambiguously).
func (d FoundDocument) Known() bool { return d.Match != nil }

// FoundRelation is a relation the text states: Documents[From] Type Documents[To].
type FoundRelation struct {
	From, To int
	Type     string
	// Recorded is true when the registry already holds the relation.
	Recorded bool
}

// Draft is a document to register, named by Ref within one RegisterDrafts call.
type Draft struct {
	Ref string
	Input
}

// Analyze finds the documents a text cites and matches each to the registry:
// by symbol (and issue date, since a Party symbol recurs in each term), or for
// a document cited by number only, by kind, number, issuer and date.
func (s *Service) Analyze(ctx context.Context, text string) (Analysis, error) {
	actor, err := access.Check(ctx, access.DocsRead)
	if err != nil {
		return Analysis{}, err
	}
	if len(text) > MaxAnalyzedText {
		return Analysis{}, validate.Errors{{Field: "text", Key: "documents.error.text_too_long",
			Params: map[string]any{"max": MaxAnalyzedText >> 20}}}
	}
	refs := cite.Find(text)
	var a Analysis
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		org, err := loadOrg(ctx, tx, actor.OrgID)
		if err != nil {
			return err
		}
		units, err := orgUnits(ctx, tx, actor.OrgID)
		if err != nil {
			return err
		}
		a = group(refs, newIssuerMatcher(units, org.Place))
		if err := s.match(ctx, tx, actor, &a); err != nil {
			return err
		}
		return s.markRecorded(ctx, tx, &a)
	})
	return a, err
}

// group turns citations into distinct documents, their occurrences and the
// relations between them, and drafts each document from everything the text
// says of it (its date, issuer or subject may be given at one citation only).
func group(refs []cite.Reference, issuers issuerMatcher) Analysis {
	var a Analysis
	index := map[string]int{} // key → document
	byName := map[string]int{}
	for _, ref := range refs {
		key := refKey(ref)
		i, seen := index[key]
		if !seen {
			i = len(a.Documents)
			index[key] = i
			a.Documents = append(a.Documents, FoundDocument{Key: key, Name: ref.Name(),
				Draft: Draft{Ref: key, Input: Input{Symbol: ref.Symbol, Kind: ref.Kind}}})
			if ref.Symbol == "" {
				a.Documents[i].Draft.Number = ref.Number
			}
		}
		byName[ref.Name()] = i
		d := &a.Documents[i].Draft
		if d.IssuedOn.IsZero() {
			d.IssuedOn = ref.Issued
		}
		if d.IssuerName == "" {
			d.IssuerName = ref.Issuer
		}
		if d.Summary == "" {
			d.Summary = ref.Summary
		}
		a.References = append(a.References, FoundReference{Start: ref.Start, End: ref.End, Document: i})
	}
	seen := map[FoundRelation]bool{}
	for k, ref := range refs {
		from := a.References[k].Document
		for _, rel := range ref.Relations {
			to, ok := byName[rel.Symbol]
			if !ok || to == from {
				continue
			}
			fr := FoundRelation{From: from, To: to, Type: rel.Type}
			if !seen[fr] {
				seen[fr] = true
				a.Relations = append(a.Relations, fr)
			}
		}
	}
	for i := range a.Documents {
		d := &a.Documents[i].Draft
		d.IssuerUnitID = issuers.match(d.IssuerName, symbolIssuer(d.Symbol), d.IssuedOn)
	}
	return a
}

// refKey is the matching key of a citation: its symbol's, or kind:number.
func refKey(ref cite.Reference) string {
	if ref.Symbol != "" {
		return SymbolKey(ref.Symbol)
	}
	return numberKey(ref.Kind, ref.Number)
}

func symbolIssuer(symbol string) string {
	sym, ok := parseSymbolIfAny(symbol)
	if !ok {
		return ""
	}
	return sym.IssuerCode
}

// match looks each found document up in the registry.
func (s *Service) match(ctx context.Context, q store.Querier, actor *access.Actor, a *Analysis) error {
	keys := make([]string, len(a.Documents))
	for i, d := range a.Documents {
		keys[i] = d.Key
	}
	recs, err := recordsBySymbolKey(ctx, q, actor.OrgID, actor.Clearance, keys)
	if err != nil {
		return err
	}
	byKey := map[string][]record{}
	for _, r := range recs {
		byKey[r.symbolKey] = append(byKey[r.symbolKey], r)
	}
	for i := range a.Documents {
		d := &a.Documents[i]
		var fits []record
		for _, r := range byKey[d.Key] {
			if designates(d.Draft.Input, r) {
				fits = append(fits, r)
			}
		}
		switch len(fits) {
		case 0:
		case 1:
			doc := fits[0].Document
			d.Match = &doc
		default:
			for _, r := range fits {
				d.Candidates = append(d.Candidates, r.Document)
			}
		}
	}
	return nil
}

// designates reports whether what a text says of a document fits a
// registered document with the same key: the same date and, for a document
// known by number only, the same issuer, whenever both sides know them.
func designates(said Input, r record) bool {
	if !said.IssuedOn.IsZero() && !r.IssuedOn.IsZero() && said.IssuedOn != r.IssuedOn {
		return false
	}
	if said.Symbol == "" && said.IssuerUnitID != 0 && r.IssuerUnitID != 0 && said.IssuerUnitID != r.IssuerUnitID {
		return false
	}
	return true
}

// markRecorded flags the found relations the registry already holds.
func (s *Service) markRecorded(ctx context.Context, q store.Querier, a *Analysis) error {
	for i, rel := range a.Relations {
		from := a.Documents[rel.From]
		if from.Match == nil {
			continue
		}
		key := a.Documents[rel.To].Key
		if to := a.Documents[rel.To].Match; to != nil {
			key = symbolKeyOf(*to)
		}
		ok, err := relationExists(ctx, q, from.Match.ID, rel.Type, key)
		if err != nil {
			return err
		}
		a.Relations[i].Recorded = ok
	}
	return nil
}

func symbolKeyOf(d Document) string {
	if d.Symbol != "" {
		return SymbolKey(d.Symbol)
	}
	return numberKey(d.Kind, d.Number)
}

// DraftRelation is a relation to register with drafts: between registered
// documents, drafts of the same call, or to a document left unregistered.
type DraftRelation struct {
	From, To Endpoint
	Type     string
	Note     string
}

// Endpoint names one end of a DraftRelation: a registered document, a draft
// (by Ref), or, as a target only, a document that stays unregistered.
type Endpoint struct {
	DocumentID int64
	Draft      string
	Target     Target
}

// Registration is what RegisterDrafts registered.
type Registration struct {
	Documents map[string]Document // by draft Ref
	Relations []Relation
}

// RegisterDrafts registers the chosen unknown documents and relations of an
// analysed text in one transaction: all of them, or nothing. Field errors
// name the item: "drafts.2.symbol", "relations.0.type".
func (s *Service) RegisterDrafts(ctx context.Context, drafts []Draft, relations []DraftRelation) (Registration, error) {
	actor, err := access.Check(ctx, access.DocsWrite)
	if err != nil {
		return Registration{}, err
	}
	var errs validate.Errors
	checkedDrafts := make([]checked, len(drafts))
	refs := map[string]bool{}
	for i, d := range drafts {
		prefix := fmt.Sprintf("drafts.%d", i)
		c, e := checkInput(d.Input, actor.Clearance, s.today())
		checkedDrafts[i] = c
		errs = append(errs, prefixed(e, prefix)...)
		switch {
		case strings.TrimSpace(d.Ref) == "":
			errs.Add(prefix+".ref", "error.required", nil)
		case refs[d.Ref]:
			errs.Add(prefix+".ref", "documents.error.duplicate_ref", nil)
		}
		refs[d.Ref] = true
	}
	inputs := make([]RelationInput, len(relations))
	for i, rel := range relations {
		prefix := fmt.Sprintf("relations.%d", i)
		in := RelationInput{Type: rel.Type, Note: rel.Note, Source: SourceExtracted, Target: rel.To.Target,
			FromID: rel.From.DocumentID, ToID: rel.To.DocumentID}
		in, e := checkRelation(in, rel.To.DocumentID != 0 || rel.To.Draft != "")
		inputs[i] = in
		errs = append(errs, prefixed(e, prefix)...)
		for _, ep := range []struct {
			field string
			ref   string
		}{{"from", rel.From.Draft}, {"to", rel.To.Draft}} {
			if ep.ref != "" && !refs[ep.ref] {
				errs.Add(prefix+"."+ep.field, "documents.error.unknown_ref", map[string]any{"ref": ep.ref})
			}
		}
		if rel.From.Draft == "" && rel.From.DocumentID == 0 {
			errs.Add(prefix+".from", "error.required", nil)
		}
		if (rel.From.Draft != "" && rel.From.Draft == rel.To.Draft) ||
			(rel.From.DocumentID != 0 && rel.From.DocumentID == rel.To.DocumentID) {
			errs.Add(prefix+".to", "documents.error.relation_to_itself", nil)
		}
	}
	if err := errs.Err(); err != nil {
		return Registration{}, err
	}
	reg := Registration{Documents: map[string]Document{}}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		// Check every draft against the registry and each other before writing any.
		seen := map[string]int{}
		for i, c := range checkedDrafts {
			r, e, err := s.prepare(ctx, tx, actor, c, 0)
			if err != nil {
				return err
			}
			errs = append(errs, prefixed(e, fmt.Sprintf("drafts.%d", i))...)
			if r.numberingKey == "" || c.AutoNumber {
				continue // automatic numbers are taken one after the other when written
			}
			if j, dup := seen[r.numberingKey]; dup {
				errs.Add(fmt.Sprintf("drafts.%d.symbol", i), "documents.error.duplicate_draft", map[string]any{"ref": drafts[j].Ref})
			}
			seen[r.numberingKey] = i
		}
		if err := errs.Err(); err != nil {
			return err
		}
		ids := map[string]int64{}
		for i, c := range checkedDrafts {
			r, err := s.create(ctx, tx, actor, c, fmt.Sprintf("drafts.%d", i))
			if err != nil {
				return err
			}
			ids[drafts[i].Ref] = r.ID
		}
		for i, in := range inputs {
			if ref := relations[i].From.Draft; ref != "" {
				in.FromID = ids[ref]
			}
			if ref := relations[i].To.Draft; ref != "" {
				in.ToID, in.Target = ids[ref], Target{}
			}
			r, err := s.addRelation(ctx, tx, actor, in, fmt.Sprintf("relations.%d", i))
			if err != nil {
				return err
			}
			reg.Relations = append(reg.Relations, r.Relation)
		}
		// Read the documents back: relations registered after them may have
		// changed their status.
		for ref, id := range ids {
			r, err := getRecord(ctx, tx, actor.OrgID, id)
			if err != nil {
				return err
			}
			reg.Documents[ref] = r.Document
		}
		return nil
	})
	if err != nil {
		return Registration{}, err
	}
	return reg, nil
}
