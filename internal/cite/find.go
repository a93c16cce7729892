package cite

import (
	"unicode/utf8"

	"noichinh/internal/civil"
)

// Reference is one document cited in a text.
type Reference struct {
	Start, End int        // byte offsets in the input of the citation: kind word through symbol or number
	Kind       string     // "directive"; see the Kind constants
	KindCode   string     // "CT"
	KindText   string     // the kind as written, "Chỉ thị"; "" when the text gives only a symbol
	Number     string     // "48"
	Symbol     string     // "48-CT/TW", canonical; "" when the text gives only a number
	IssuerCode string     // "TW"; "" without a symbol
	Issued     civil.Date // zero when the text does not say
	Issuer     string     // "Bộ Chính trị": the "của …" phrase or the body that "ban hành" it
	Summary    string     // the subject ("về …"), or the name of a law
	Relations  []Relation // to other references of the same sentence
}

// Relation ties a reference to another one of the same sentence, seen from
// the reference that holds it: "38-CTr/TU implements 05-KL/TW".
type Relation struct {
	Type   string // Implements, Amends, Replaces, Guides or BasedOn
	Symbol string // the other's Symbol, or "<KindText> số <Number>" when it has none
}

// Relation types.
const (
	Implements = "implements" // "về (tiếp tục) thực hiện", "triển khai thực hiện"
	Amends     = "amends"     // "sửa đổi, bổ sung"
	Replaces   = "replaces"   // "thay thế"
	Guides     = "guides"     // "hướng dẫn (thi hành / thực hiện)", "quy định chi tiết"
	BasedOn    = "based_on"   // "Căn cứ …": the document issued in that sentence
)

// Name returns how a relation names the reference: its symbol, or
// "<KindText> số <Number>" when the text gives only a number.
func (r Reference) Name() string {
	if r.Symbol != "" {
		return r.Symbol
	}
	return r.KindText + " số " + r.Number
}

// Find returns every document reference in text, in order of Start. It is
// pure and safe for any input; invalid UTF-8 bytes are read as spaces.
func Find(text string) []Reference {
	if !utf8.ValidString(text) {
		text = blankInvalid(text)
	}
	p := &parser{s: text}
	p.scan()
	if len(p.refs) == 0 {
		return nil
	}
	for k := range p.refs {
		p.tail(k)
	}
	p.shareListIssuers()
	for k := range p.refs {
		p.issuance(k)
	}
	for k := range p.refs {
		p.summary(k)
	}
	p.relate()
	out := make([]Reference, len(p.refs))
	for k := range p.refs {
		p.finishSummary(k)
		out[k] = p.refs[k].Reference
	}
	return out
}

// blankInvalid replaces each invalid byte by a space. Lengths, and so every
// offset, stay the same.
func blankInvalid(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			b[i] = ' '
		}
		i += n
	}
	return string(b)
}

// ref is a reference being built, with the positions the later passes need.
type ref struct {
	Reference
	sym       Symbol
	hasSym    bool
	head      int // index of the first item of its same-kind list
	tailEnd   int // end of the date, issuer and parentheses that follow the citation
	sumStart  int // start of the subject after "về"; -1 if none
	sumEnd    int
	sumToNext bool // the subject runs up to the next citation
	verbStart int  // "ban hành" (or "ký", "ra") right before the citation; -1 if none
	bodyStart int  // the body that issues it ("Tỉnh ủy ban hành ..."); -1 if none
	name      string
}

type parser struct {
	s    string
	refs []*ref
	slab []ref // storage for refs, allocated in blocks that never move
	buf  []byte
}

// newRef appends a zero reference and returns it. The structs live in
// fixed blocks and the list holds pointers: growing a slice of these large
// structs copied them again and again, a third of the time on
// citation-dense text.
func (p *parser) newRef() *ref {
	if len(p.slab) == cap(p.slab) {
		// Blocks grow with the text: a short text with one citation
		// should not pay for clearing room for dozens.
		p.slab = make([]ref, 0, min(max(4, len(p.refs)), 256))
	}
	p.slab = p.slab[:len(p.slab)+1]
	r := &p.slab[len(p.slab)-1]
	p.refs = append(p.refs, r)
	return r
}

// push appends a copy of r.
func (p *parser) push(r *ref) { *p.newRef() = *r }
