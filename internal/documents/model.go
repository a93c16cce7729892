package documents

import (
	"slices"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/i18n"
)

// Document is a registered document.
type Document struct {
	ID       int64
	OrgID    int64
	Symbol   string // "48-CT/TW"; "" for a document known by its number only
	Kind     string // "directive": the cite package's kind identifiers
	KindCode string // "CT"
	Number   string // "48", "08": as written
	// IssuerUnitID is the issuing body (0 when not known as a unit); the
	// issuer code comes from the symbol, the name from the text it was
	// registered from (shown when there is no unit).
	IssuerUnitID       int64
	IssuerCode         string
	IssuerName         string
	IssuedOn           civil.Date // zero when not known
	Summary            string     // trích yếu
	Fields             []Field
	AdvisedByCommittee bool
	Classification     access.Classification
	Status             Status
	StatusSince        civil.Date
	// Numbering is the scheme of the number (NumberingParty, …); TermID the
	// Party term it was numbered in; NumberingChecked is false when the
	// number's uniqueness could not be checked (no term data for the date).
	Numbering        string
	TermID           int64
	NumberingYear    int
	NumberingChecked bool
	Body             string // full text, when known
	Notes            string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Version          int
}

// Title is how people name the document: its symbol, or its kind and
// number in Vietnamese ("Quyết định số 14") when it has none.
func (d Document) Title() string {
	if d.Symbol != "" {
		return d.Symbol
	}
	return i18n.T(i18n.VI, "documents.kind."+d.Kind, nil) + " số " + d.Number
}

// HasField reports whether the document belongs to field f.
func (d Document) HasField(f Field) bool { return slices.Contains(d.Fields, f) }

// Input is what a person enters to register or correct a document.
type Input struct {
	// Symbol is parsed and written in canonical form; when it is given,
	// the kind code, number and issuer code come from it.
	Symbol string
	Kind   string
	// Number is required without a symbol (or with AutoNumber).
	Number       string
	IssuerUnitID int64
	// IssuerName is the issuing body as written, kept when no unit matches.
	IssuerName         string
	IssuedOn           civil.Date
	Summary            string
	Fields             []Field
	AdvisedByCommittee bool
	Classification     access.Classification
	Body               string
	Notes              string
	// AutoNumber registers one of the Committee's own documents: the number
	// is the next one of its sequence (issuer code of the organisation, kind,
	// term of IssuedOn), taken inside the registering transaction, and the
	// symbol is built from it. Symbol and Number must then be empty.
	AutoNumber bool
}

// Filter selects documents for a list. Zero values select everything.
type Filter struct {
	Text         string // matched against symbol, number, issuer and summary, folded
	Symbol       string // exactly this symbol, however it is written ("8-qđi/tu")
	Kind         string
	IssuerUnitID int64
	IssuerCode   string
	Field        Field
	Advised      *bool
	Status       Status
	Issued       civil.Range // either end may be zero
	IDs          []int64     // the documents behind a figure
	Sort         Sort
	Limit        int // 0: DefaultLimit; at most MaxLimit
	Offset       int
}

// Sort orders a list.
type Sort string

const (
	SortIssuedDesc Sort = "issued_desc" // newest first (default)
	SortIssuedAsc  Sort = "issued_asc"
	SortSymbol     Sort = "symbol"  // by issuer code, kind code, number
	SortUpdated    Sort = "updated" // recently changed first
)

// Page sizes of lists.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Page is one page of a list with the total number of matching documents.
type Page struct {
	Items []Document
	Total int
}

// Relation is a relation from a registered document to another document,
// registered or not yet.
type Relation struct {
	ID     int64
	FromID int64
	ToID   int64 // 0: the target is not registered
	Type   string
	// Target describes the target as the citing text or person gave it;
	// for a registered target it is kept as it was named.
	Target    Target
	Source    string
	Note      string
	CreatedAt time.Time
}

// Target is a document named by a relation: by symbol or, without one, by
// kind and number, with what the citing text said of it.
type Target struct {
	Symbol  string
	Kind    string
	Number  string
	Issued  civil.Date
	Issuer  string
	Summary string
}

// Name is how the target is named: its symbol, or kind and number.
func (t Target) Name() string {
	if t.Symbol != "" {
		return t.Symbol
	}
	return i18n.T(i18n.VI, "documents.kind."+t.Kind, nil) + " số " + t.Number
}

// RelationInput adds a relation from FromID to ToID (a registered document)
// or, when ToID is 0, to the document Target names.
type RelationInput struct {
	FromID int64
	ToID   int64
	Target Target
	Type   string
	Note   string
	Source string // SourceManual when empty
}

// Event is one line of a document's history.
type Event struct {
	ID                int64
	DocumentID        int64
	Kind              string // see the Event* constants
	EffectiveOn       civil.Date
	RecordedAt        time.Time
	RecordedBy        int64
	RecordedByName    string
	Status            Status
	RelatedDocumentID int64
	Note              string
	Data              string // JSON
}

// Event kinds.
const (
	EventRegistered        = "registered"
	EventCorrected         = "corrected"
	EventStatusDeclared    = "status_declared" // a person declared the document expired or in force
	EventStatusDerived     = "status_derived"  // a registered document amends or replaces it
	EventRelationAdded     = "relation_added"
	EventRelationRemoved   = "relation_removed"
	EventRelationResolved  = "relation_resolved" // a relation naming it found its registered target
	EventAttachmentAdded   = "attachment_added"
	EventAttachmentRemoved = "attachment_removed"
)
