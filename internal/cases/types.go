package cases

import (
	"slices"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/civil"
)

// Kind tells a prosecuted criminal case (vụ án) from a matter (vụ việc) that
// is not, or not yet, prosecuted.
type Kind string

const (
	CriminalCase Kind = "criminal_case"
	Matter       Kind = "matter"
)

// Kinds lists every kind.
var Kinds = []Kind{CriminalCase, Matter}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Category is a case category. A case has one or more; the seeds' "lĩnh vực
// nội chính" (internal affairs) is every case without Corruption.
type Category string

const (
	Corruption      Category = "corruption"       // tham nhũng
	Economic        Category = "economic"         // kinh tế
	Position        Category = "position"         // chức vụ
	NegativeConduct Category = "negative_conduct" // tiêu cực
	OtherAffairs    Category = "other"            // nội chính khác
)

// Categories lists every category in display order.
var Categories = []Category{Corruption, Economic, Position, NegativeConduct, OtherAffairs}

// Valid reports whether c is a known category.
func (c Category) Valid() bool { return slices.Contains(Categories, c) }

// Field is the area of public life the case concerns (lĩnh vực).
type Field string

// Fields lists every field in display order.
var Fields = []Field{"land", "construction", "finance_budget", "banking", "natural_resources", "forestry",
	"smuggling", "tax_customs", "health_education", "social_policy", "drugs", "public_order", "judicial", "other"}

// Valid reports whether f is a known field.
func (f Field) Valid() bool { return slices.Contains(Fields, f) }

// Level is a watch level; the empty level means the case is on no list.
type Level string

const (
	NotWatched Level = ""
	// Monitored: Ban Nội chính theo dõi, đôn đốc.
	Monitored Level = "monitored"
	// Directed: Ban Thường vụ Tỉnh ủy / Ban Chỉ đạo theo dõi, chỉ đạo.
	Directed Level = "directed"
)

// Levels lists the watch levels.
var Levels = []Level{Monitored, Directed}

// Valid reports whether l is a watch level (not NotWatched).
func (l Level) Valid() bool { return slices.Contains(Levels, l) }

// OffenceClass is the class of the offence by its maximum sentence; the
// procedural time limits depend on it.
type OffenceClass string

const (
	NoClass           OffenceClass = ""
	LessSerious       OffenceClass = "less_serious"       // ít nghiêm trọng, ≤ 3 years
	Serious           OffenceClass = "serious"            // nghiêm trọng, ≤ 7 years
	VerySerious       OffenceClass = "very_serious"       // rất nghiêm trọng, ≤ 15 years
	EspeciallySerious OffenceClass = "especially_serious" // đặc biệt nghiêm trọng
)

// OffenceClasses lists the classes, least serious first.
var OffenceClasses = []OffenceClass{LessSerious, Serious, VerySerious, EspeciallySerious}

// Valid reports whether c is a class or NoClass.
func (c OffenceClass) Valid() bool { return c == NoClass || slices.Contains(OffenceClasses, c) }

// Flag is a yes/no mark on a case.
type Flag string

const (
	InvolvesLeaders   Flag = "involves_leaders"   // liên quan cán bộ lãnh đạo, quản lý
	CongressPersonnel Flag = "congress_personnel" // liên quan nhân sự đại hội
	PublicConcern     Flag = "public_concern"     // dư luận xã hội quan tâm
	ComplexProlonged  Flag = "complex_prolonged"  // phức tạp, kéo dài
	PettyCorruption   Flag = "petty_corruption"   // tham nhũng vặt
)

// Flags lists every flag.
var Flags = []Flag{InvolvesLeaders, CongressPersonnel, PublicConcern, ComplexProlonged, PettyCorruption}

// Valid reports whether f is a known flag.
func (f Flag) Valid() bool { return slices.Contains(Flags, f) }

// Case is a case record with its derived state.
type Case struct {
	ID             int64
	OrgID          int64
	RefCode        string
	Kind           Kind
	Title          string
	Summary        string
	Categories     []Category
	Field          Field
	LocalityID     int64
	LocalityName   string
	UnitIDs        []int64 // units involved
	Flags          []Flag
	Classification access.Classification
	OffenceClass   OffenceClass
	Assignees      []Person
	Documents      []DocumentRef

	State    State
	Deadline Deadline
	// AgencyName names State.AgencyID, the agency handling the current stage.
	AgencyName string

	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int
}

// Has reports whether the case carries flag f.
func (c *Case) Has(f Flag) bool { return slices.Contains(c.Flags, f) }

// In reports whether the case is in category cat.
func (c *Case) In(cat Category) bool { return slices.Contains(c.Categories, cat) }

// Person is a user named on a case.
type Person struct {
	UserID   int64
	FullName string
}

// DocumentRef is a document linked to a case, by its symbol.
type DocumentRef struct {
	Symbol   string
	IssuedOn civil.Date
	Summary  string
}

// Input is what a person types in the case form. OpenedOn is read only by
// Create: later it changes only by correcting the "opened" event.
type Input struct {
	RefCode        string // empty: assigned (VA-2020-001 for a criminal case, VV-… for a matter)
	Kind           Kind
	Title          string
	Summary        string
	Categories     []Category
	Field          Field
	LocalityID     int64
	UnitIDs        []int64
	Flags          []Flag
	Classification access.Classification
	OffenceClass   OffenceClass
	AssigneeIDs    []int64
	Documents      []DocumentRef
	OpenedOn       civil.Date
}

// Group is a set of cases the figures and the list filter count: all of
// them, one category, or InternalAffairs (every case not in Corruption, as
// the seeds count "lĩnh vực nội chính").
type Group string

const (
	AllCases        Group = "all"
	InternalAffairs Group = "internal_affairs"
)

// Groups lists the groups of the period figures, in display order.
var Groups = []Group{AllCases, Group(Corruption), InternalAffairs, Group(Economic), Group(Position),
	Group(NegativeConduct), Group(OtherAffairs)}

// Valid reports whether g is a known group.
func (g Group) Valid() bool { return slices.Contains(Groups, g) }

// groupsOf lists the groups a case with these categories counts in.
func groupsOf(cats []Category) []Group {
	out := []Group{AllCases}
	if !slices.Contains(cats, Corruption) {
		out = append(out, InternalAffairs)
	}
	for _, c := range cats {
		out = append(out, Group(c))
	}
	return out
}

// categoryColumn is the cases column of each category.
var categoryColumn = map[Category]string{Corruption: "cat_corruption", Economic: "cat_economic",
	Position: "cat_position", NegativeConduct: "cat_negative", OtherAffairs: "cat_other"}

// flagColumn is the cases column of each flag (the flag's own name).
func flagColumn(f Flag) string { return string(f) }
