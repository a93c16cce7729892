package units

import (
	"time"

	"noichinh/internal/civil"
)

// Unit is a body with its current state (the last version) and the
// attributes that have no history (code, issuer code, administrative code,
// note).
type Unit struct {
	ID         int64
	OrgID      int64
	Code       string // stable reference code, unique in the organisation: "district-van-lang"
	Kind       Kind
	Name       string
	NameEN     string
	ShortName  string
	IssuerCode string // issuer code in document symbols: "TU", "BNCTU"
	AdminCode  string // state administrative unit code (Quyết định 19/2025/QĐ-TTg for communes)
	ParentID   int64
	ValidFrom  civil.Date // first day of its first life; zero: not recorded
	ValidTo    civil.Date // last day of its last life; zero: alive
	Note       string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int
	search     string // folded names, code and issuer code, for the text filter
}

// AliveOn reports whether the current row says u exists on d. It ignores
// gaps (a unit dissolved and re-established); as-of questions use versions.
func (u Unit) AliveOn(d civil.Date) bool { return span{u.ValidFrom, u.ValidTo}.contains(d) }

// Version is a period in which a unit's name, kind and parent stayed the same.
type Version struct {
	UnitID    int64
	ValidFrom civil.Date // zero: since before any record
	ValidTo   civil.Date // zero: still so; else the last day
	Kind      Kind
	Name      string
	ShortName string
	NameEN    string
	ParentID  int64
	EventID   int64 // the event that began the period
}

// Covers reports whether d falls in the version's period.
func (v Version) Covers(d civil.Date) bool { return span{v.ValidFrom, v.ValidTo}.contains(d) }

// Decision is the document that decided something: its symbol as written
// ("101-NQNS/LKVB", or empty for "Quyết định số 14" cited without one), its
// date, and who issued it (a unit, or a text when the issuer is not a unit:
// "Đại hội Đảng bộ lần thứ nhất"). DocumentID links the documents module's
// record once it exists.
type Decision struct {
	Symbol     string
	Date       civil.Date
	IssuerID   int64
	Issuer     string
	DocumentID int64
}

// IsZero reports whether nothing is known of the decision.
func (d Decision) IsZero() bool { return d == Decision{} }

// Event is one entry of a unit's history.
type Event struct {
	ID            int64
	OrgID         int64
	UnitID        int64
	Kind          EventKind
	EffectiveOn   civil.Date // the first day of the new state; zero only for an establishment of unknown date
	Precision     Precision
	Name          string // established, split_from, re_established, renamed
	ShortName     string
	NameEN        string
	UnitKind      Kind  // established, split_from, re_established, reclassified
	ParentID      int64 // established, split_from, re_established, moved (0 = no parent)
	RelatedUnitID int64 // merged_into: the absorbing unit; split_from: the source
	Decision      Decision
	Note          string
	CorrectsID    int64 // the event this one replaces (or withdraws, for Cancelled)
	RecordedAt    time.Time
	RecordedBy    int64
	RecordedName  string
	// Superseded is set on reads when a later event corrects this one.
	Superseded bool
}

// Successor links a former unit to a unit that took over its territory or
// role. ID is 0 for a link that comes from a merged_into event.
type Successor struct {
	ID          int64
	UnitID      int64 // the former unit
	SuccessorID int64
	EffectiveOn civil.Date
	Basis       string // how it is known: "merged_into" (from an event), "seat", "territory", "decision" …
	Note        string
	// Filled on reads: the current names and codes of both units.
	UnitName, UnitCode           string
	SuccessorName, SuccessorCode string
}

// Person is someone who held a post: only what the work needs.
type Person struct {
	ID        int64
	OrgID     int64
	FullName  string
	Note      string // e.g. "Tỉnh ủy viên, Giám đốc Sở Xây dựng (2014)"
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int
}

// Position is a person holding a title in a unit for a period (one term).
type Position struct {
	ID            int64
	OrgID         int64
	PersonID      int64
	UnitID        int64
	Title         Title
	TitleText     string // the wording of the time: "Bí thư Đảng ủy Khối các cơ quan tỉnh khóa XII"
	PersonTitle   string // what the person was then: "Tỉnh ủy viên, Chánh Văn phòng Tỉnh ủy"
	From          civil.Date
	FromPrecision Precision
	StartHow      How
	StartDecision Decision
	To            civil.Date // zero: still held (or not recorded)
	ToPrecision   Precision
	EndHow        How
	EndDecision   Decision
	CongressID    int64
	Note          string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Version       int
	PersonName    string // filled on reads
	UnitName      string // the unit's name on From, filled on reads
}

// HeldOn reports whether the position was held on d.
func (p Position) HeldOn(d civil.Date) bool { return span{p.From, p.To}.contains(d) }

// Congress is a congress of a Party organisation (or a designated committee).
type Congress struct {
	ID                  int64
	OrgID               int64
	UnitID              int64
	Kind                CongressKind
	Number              string // Roman numeral: "I", "VII", "XIV"; empty for a designation
	From                civil.Date
	To                  civil.Date // last day; zero for a one-day act
	Precision           Precision
	TermFromYear        int // nhiệm kỳ 2015–2020; 0: not given
	TermToYear          int
	ExecutiveSize       int // Ban Chấp hành, official members; 0: not given
	ExecutiveAlternates int
	StandingSize        int // Ban Thường vụ; 0: not given
	Place               string
	Decision            Decision
	Note                string
	CreatedAt           time.Time
	UpdatedAt           time.Time
	Version             int
}

// ElectedOn is the day the congress elected its committee: its last day.
func (c Congress) ElectedOn() civil.Date {
	if !c.To.IsZero() {
		return c.To
	}
	return c.From
}

// Assignment is a staff member following a locality or unit for a period.
type Assignment struct {
	ID        int64
	OrgID     int64
	UserID    int64
	UnitID    int64
	Role      AssignmentRole
	From      civil.Date
	To        civil.Date
	Note      string
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int
	UserName  string // filled on reads: the user's full name
	UnitName  string // filled on reads: the unit's current name
}

// SteeringMember is a seat in a steering committee for a period: a person,
// whoever holds a post (HolderUnitID + HolderTitle), or for the standing
// agency a unit.
type SteeringMember struct {
	ID            int64
	OrgID         int64
	CommitteeID   int64
	Role          SteeringRole
	PersonID      int64
	HolderUnitID  int64
	HolderTitle   Title
	AgencyID      int64
	From          civil.Date // zero: since the committee began (not recorded)
	FromPrecision Precision
	To            civil.Date
	Decision      Decision
	Note          string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Version       int
}

// span is an inclusive period of days; a zero end is open.
type span struct{ from, to civil.Date }

func (s span) contains(d civil.Date) bool {
	if d.IsZero() {
		return s.to.IsZero()
	}
	return (s.from.IsZero() || !d.Before(s.from)) && (s.to.IsZero() || !d.After(s.to))
}

// overlaps reports whether two periods share a day.
func (s span) overlaps(o span) bool {
	// s starts no later than o ends, and o starts no later than s ends.
	return (s.from.IsZero() || o.to.IsZero() || !s.from.After(o.to)) &&
		(o.from.IsZero() || s.to.IsZero() || !o.from.After(s.to))
}
