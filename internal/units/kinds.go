package units

import "slices"

// Kind is what sort of body a unit is. Labels are i18n keys "units.kind.<kind>".
type Kind string

const (
	KindCentralBody          Kind = "central_body"          // Ban Chấp hành Trung ương, Bộ Chính trị, Quốc hội, Chính phủ …
	KindRegionalCommittee    Kind = "regional_committee"    // Liên khu ủy (historical)
	KindProvincialCommittee  Kind = "provincial_committee"  // Tỉnh ủy
	KindExecutiveCommittee   Kind = "executive_committee"   // Ban Chấp hành Đảng bộ tỉnh
	KindStandingBoard        Kind = "standing_board"        // Ban Thường vụ
	KindPermanentOffice      Kind = "permanent_office"      // Thường trực Tỉnh ủy
	KindAdvisoryBoard        Kind = "advisory_board"        // ban tham mưu: Ban Nội chính, Ban Tổ chức, Văn phòng …
	KindInspectionCommission Kind = "inspection_commission" // Ủy ban Kiểm tra
	KindDepartment           Kind = "department"            // phòng nghiệp vụ
	KindSteeringCommittee    Kind = "steering_committee"    // Ban Chỉ đạo
	KindPartyOrganization    Kind = "party_organization"    // đảng bộ
	KindPartyCell            Kind = "party_cell"            // chi bộ
	KindMassOrganization     Kind = "mass_organization"     // đoàn thể: Đoàn thanh niên, Công đoàn, Hội Cựu chiến binh
	KindProceduralAgency     Kind = "procedural_agency"     // cơ quan tiến hành tố tụng
	KindStateAgency          Kind = "state_agency"          // UBND, sở, thanh tra, lực lượng vũ trang …
	KindProvince             Kind = "province"              // tỉnh (administrative unit)
	KindDistrict             Kind = "district"              // huyện, thành phố thuộc tỉnh (until 30/6/2025)
	KindCommune              Kind = "commune"               // xã
	KindWard                 Kind = "ward"                  // phường
	KindForeignPartner       Kind = "foreign_partner"       // e.g. Thành ủy Sùng Tả (China)
)

// Kinds lists every kind in display order.
var Kinds = []Kind{
	KindCentralBody, KindRegionalCommittee, KindProvincialCommittee, KindExecutiveCommittee, KindStandingBoard,
	KindPermanentOffice, KindAdvisoryBoard, KindInspectionCommission, KindDepartment, KindSteeringCommittee,
	KindPartyOrganization, KindPartyCell, KindMassOrganization, KindProceduralAgency, KindStateAgency,
	KindProvince, KindDistrict, KindCommune, KindWard, KindForeignPartner,
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// IsLocality reports whether k is a place a specialist follows (địa bàn).
func (k Kind) IsLocality() bool { return k == KindDistrict || k == KindCommune || k == KindWard }

// IsAgency reports whether k is a body that handles cases and petitions.
func (k Kind) IsAgency() bool { return k == KindProceduralAgency || k == KindStateAgency }

// EventKind is what happened to a unit. Labels: "units.event.<kind>".
type EventKind string

const (
	Established   EventKind = "established"    // thành lập
	Renamed       EventKind = "renamed"        // đổi tên
	Moved         EventKind = "moved"          // chuyển trực thuộc
	Reclassified  EventKind = "reclassified"   // đổi loại hình
	MergedInto    EventKind = "merged_into"    // sáp nhập vào
	SplitFrom     EventKind = "split_from"     // chia tách từ
	Dissolved     EventKind = "dissolved"      // giải thể
	ReEstablished EventKind = "re_established" // tái lập
	Reorganized   EventKind = "reorganized"    // kiện toàn, sắp xếp bên trong (no change of name or parent)
	Cancelled     EventKind = "cancelled"      // withdraws the event it corrects
)

// EventKinds lists the kinds a person may record.
var EventKinds = []EventKind{Established, Renamed, Moved, Reclassified, MergedInto, SplitFrom, Dissolved,
	ReEstablished, Reorganized, Cancelled}

// Valid reports whether e is a known event kind.
func (e EventKind) Valid() bool { return slices.Contains(EventKinds, e) }

// starts reports whether e begins a life (the unit must not be alive before it).
func (e EventKind) starts() bool { return e == Established || e == SplitFrom || e == ReEstablished }

// ends reports whether e ends a life.
func (e EventKind) ends() bool { return e == MergedInto || e == Dissolved }

// usesParent reports whether e sets the parent.
func (e EventKind) usesParent() bool { return e.starts() || e == Moved }

// usesRelated reports whether e names another unit (the one merged into or split from).
func (e EventKind) usesRelated() bool { return e == MergedInto || e == SplitFrom }

// Precision says how much of a date the source gave: "ngày 27/9/1954",
// "tháng 8/1969", "cuối năm 1965". The stored date is the best estimate.
type Precision string

const (
	Day   Precision = "day"
	Month Precision = "month"
	Year  Precision = "year"
)

// Valid reports whether p is known; the empty precision means Day.
func (p Precision) Valid() bool { return p == "" || p == Day || p == Month || p == Year }

func (p Precision) orDay() Precision {
	if p == "" {
		return Day
	}
	return p
}

// Title is a post in a unit. Labels: "units.title.<title>".
type Title string

const (
	Secretary               Title = "secretary"                 // Bí thư
	ActingSecretary         Title = "acting_secretary"          // Quyền Bí thư
	StandingDeputySecretary Title = "standing_deputy_secretary" // Phó Bí thư Thường trực
	DeputySecretary         Title = "deputy_secretary"          // Phó Bí thư
	Head                    Title = "head"                      // Trưởng ban, Thủ trưởng
	DeputyHead              Title = "deputy_head"               // Phó Trưởng ban
	InspectionChair         Title = "inspection_chair"          // Chủ nhiệm Ủy ban Kiểm tra
	Chair                   Title = "chair"                     // Chủ tịch
	ViceChair               Title = "vice_chair"                // Phó Chủ tịch
	StandingMember          Title = "standing_member"           // Ủy viên Ban Thường vụ
	ExecutiveMember         Title = "executive_member"          // Ủy viên Ban Chấp hành
	ExecutiveAlternate      Title = "executive_alternate"       // Ủy viên dự khuyết
	Member                  Title = "member"                    // thành viên, ủy viên
	Staff                   Title = "staff"                     // cán bộ công tác tại đơn vị
)

// Titles lists every title in display order.
var Titles = []Title{Secretary, ActingSecretary, StandingDeputySecretary, DeputySecretary, Head, DeputyHead,
	InspectionChair, Chair, ViceChair, StandingMember, ExecutiveMember, ExecutiveAlternate, Member, Staff}

// Valid reports whether t is a known title.
func (t Title) Valid() bool { return slices.Contains(Titles, t) }

// SingleHolder reports whether only one person may hold t in a unit at a
// time. Phó Bí thư is not: seed 004 has two at once in 2015 and 2020.
func (t Title) SingleHolder() bool {
	switch t {
	case Secretary, ActingSecretary, StandingDeputySecretary, Head, InspectionChair, Chair:
		return true
	}
	return false
}

// How is the way a term began or ended. Labels: "units.how.<how>".
type How string

const (
	Appointed   How = "appointed"   // bổ nhiệm
	Designated  How = "designated"  // chỉ định
	Elected     How = "elected"     // bầu
	Transferred How = "transferred" // điều động (in or out)
	Retired     How = "retired"     // nghỉ chế độ, nghỉ hưu
	TermEnded   How = "term_ended"  // hết nhiệm kỳ
	UnitEnded   How = "unit_ended"  // the unit merged or was dissolved
	Resigned    How = "resigned"    // thôi giữ chức
	Dismissed   How = "dismissed"   // miễn nhiệm, cách chức
	Died        How = "died"        // từ trần
)

var (
	startHows = []How{Appointed, Designated, Elected, Transferred}
	endHows   = []How{Transferred, Retired, TermEnded, UnitEnded, Resigned, Dismissed, Died}
)

// ValidStart reports whether h may begin a term ("" = not recorded).
func (h How) ValidStart() bool { return h == "" || slices.Contains(startHows, h) }

// ValidEnd reports whether h may end a term ("" = not recorded).
func (h How) ValidEnd() bool { return h == "" || slices.Contains(endHows, h) }

// AssignmentRole is what a staff member does for a unit they are assigned to.
type AssignmentRole string

const (
	Follows         AssignmentRole = "follows"          // theo dõi địa bàn
	AttendsMeetings AssignmentRole = "attends_meetings" // tham dự các cuộc họp của Ban Thường vụ
)

// Valid reports whether r is known.
func (r AssignmentRole) Valid() bool { return r == Follows || r == AttendsMeetings }

// SteeringRole is a seat in a steering committee.
type SteeringRole string

const (
	SeatChair           SteeringRole = "chair"            // Trưởng Ban
	SeatPermanentDeputy SteeringRole = "permanent_deputy" // Phó Trưởng Ban Thường trực
	SeatDeputy          SteeringRole = "deputy"           // Phó Trưởng Ban
	SeatMember          SteeringRole = "member"           // Thành viên
	StandingAgency      SteeringRole = "standing_agency"  // Cơ quan thường trực (a unit)
)

// SteeringRoles lists the roles in display order.
var SteeringRoles = []SteeringRole{SeatChair, SeatPermanentDeputy, SeatDeputy, SeatMember, StandingAgency}

// Valid reports whether r is known.
func (r SteeringRole) Valid() bool { return slices.Contains(SteeringRoles, r) }

// single reports whether only one member may hold r at a time.
func (r SteeringRole) single() bool {
	return r == SeatChair || r == SeatPermanentDeputy || r == StandingAgency
}

// Valid reports whether k is known.
func (k CongressKind) Valid() bool { return k == ByCongress || k == ByDesignation }

// CongressKind tells a congress (Đại hội) from a committee designated by the
// superior body without one (chỉ định Ban Chấp hành).
type CongressKind string

const (
	ByCongress    CongressKind = "congress"
	ByDesignation CongressKind = "designation"
)
