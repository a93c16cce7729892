package petitions

import "slices"

// The enumerations below are stored and exchanged as their English codes
// (docs GLOSSARY); their Vietnamese and English labels are the i18n keys
// "petitions.<enum>.<code>" in internal/i18n/messages/petitions.json.

// Kind is what a petition asks for (loại đơn).
type Kind string

const (
	Complaint    Kind = "complaint"    // khiếu nại
	Denunciation Kind = "denunciation" // tố cáo
	Proposal     Kind = "proposal"     // kiến nghị, phản ánh
	Mixed        Kind = "mixed"        // both complaint and denunciation: split before processing
)

// Kinds lists the kinds a processed petition can have (a mixed one is split).
var Kinds = []Kind{Complaint, Denunciation, Proposal}

// Valid reports whether k is a known kind (mixed included).
func (k Kind) Valid() bool { return k == Mixed || slices.Contains(Kinds, k) }

// Channel is how the petition arrived.
type Channel string

const (
	AtSession Channel = "at_session" // handed over at a reception session
	InPerson  Channel = "in_person"  // brought to the office
	Post      Channel = "post"       // qua bưu điện
	Forwarded Channel = "forwarded"  // chuyển đến from another body
	Online    Channel = "online"     // electronic portal or e-mail
	Press     Channel = "press"      // reported by the press
)

// Channels lists the channels.
var Channels = []Channel{AtSession, InPerson, Post, Forwarded, Online, Press}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return slices.Contains(Channels, c) }

// Signer is who signed the petition (loại người đứng đơn).
type Signer string

const (
	SignerOne       Signer = "one"        // one named person
	SignerSeveral   Signer = "several"    // several people, with a representative
	SignerAnonymous Signer = "anonymous"  // nặc danh
	SignerFalseName Signer = "false_name" // mạo danh
)

// Signers lists the signer types.
var Signers = []Signer{SignerOne, SignerSeveral, SignerAnonymous, SignerFalseName}

// Valid reports whether s is a known signer type.
func (s Signer) Valid() bool { return slices.Contains(Signers, s) }

// Field is the subject area of a petition (lĩnh vực).
type Field string

// Fields lists the subject areas.
var Fields = []Field{"land", "compensation", "forest_land", "social_policy", "officials_conduct",
	"corruption", "justice", "environment", "other"}

// Valid reports whether f is a known field.
func (f Field) Valid() bool { return slices.Contains(Fields, f) }

// Status is where a petition stands; it is derived from the events.
type Status string

const (
	StatusReceived  Status = "received"   // not yet processed
	StatusFiledAway Status = "filed_away" // lưu đơn: not eligible
	StatusAdvised   Status = "advised"    // hướng dẫn: the sender was told where to go
	StatusForwarded Status = "forwarded"  // chuyển đơn to the competent body, followed until it replies
	StatusUrged     Status = "urged"      // đôn đốc the body already handling the matter
	StatusAccepted  Status = "accepted"   // thụ lý: within jurisdiction, being resolved
	StatusResolved  Status = "resolved"   // giải quyết xong
	StatusSplit     Status = "split"      // a mixed petition split into its parts
)

// Statuses lists the statuses.
var Statuses = []Status{StatusReceived, StatusFiledAway, StatusAdvised, StatusForwarded, StatusUrged,
	StatusAccepted, StatusResolved, StatusSplit}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Handling is what processing decided for an eligible petition: accepted
// when within the Committee's jurisdiction; otherwise advised, forwarded or
// urged.
type Handling string

const (
	HandleAdvised   Handling = "advised"
	HandleForwarded Handling = "forwarded"
	HandleUrged     Handling = "urged"
	HandleAccepted  Handling = "accepted"
)

// Handlings lists the handlings.
var Handlings = []Handling{HandleAdvised, HandleForwarded, HandleUrged, HandleAccepted}

// Valid reports whether h is a known handling.
func (h Handling) Valid() bool { return slices.Contains(Handlings, h) }

// followed reports whether the Committee follows the petition until it is
// resolved (it does not follow one it only advised on).
func (h Handling) followed() bool {
	return h == HandleForwarded || h == HandleUrged || h == HandleAccepted
}

// FiledReason is why a petition was filed away (lưu đơn).
type FiledReason string

// FiledReasons lists the reasons (RULES §1), "other" needing a note.
var FiledReasons = []FiledReason{"duplicate", "no_address", "unsigned", "anonymous", "false_name", "other"}

// Valid reports whether r is a known reason.
func (r FiledReason) Valid() bool { return slices.Contains(FiledReasons, r) }

// Outcome is the conclusion on a resolved complaint or denunciation.
type Outcome string

const (
	OutcomeRight       Outcome = "right"        // đúng
	OutcomeWrong       Outcome = "wrong"        // sai
	OutcomePartlyRight Outcome = "partly_right" // có đúng, có sai
	OutcomeGroundless  Outcome = "groundless"   // không có cơ sở (denunciations only)
)

// Outcomes lists the outcomes.
var Outcomes = []Outcome{OutcomeRight, OutcomeWrong, OutcomePartlyRight, OutcomeGroundless}

// validFor reports whether o may conclude a petition of kind k: complaints
// are right, wrong or partly right; denunciations may also be groundless;
// proposals have no outcome.
func (o Outcome) validFor(k Kind) bool {
	switch k {
	case Complaint:
		return o == OutcomeRight || o == OutcomeWrong || o == OutcomePartlyRight
	case Denunciation:
		return slices.Contains(Outcomes, o)
	default:
		return o == ""
	}
}

// LinkKind is how two petitions relate.
type LinkKind string

const (
	LinkRepeated     LinkKind = "repeated"      // the petition repeats the other (đơn trùng, tái diễn)
	LinkRelated      LinkKind = "related"       // same matter, different content
	LinkSplitFrom    LinkKind = "split_from"    // a part of a mixed petition
	LinkNotDuplicate LinkKind = "not_duplicate" // a duplicate candidate the specialist dismissed
)

// Valid reports whether k is a link a user may create.
func (k LinkKind) Valid() bool { return k == LinkRepeated || k == LinkRelated }

// Step is a deadline of a petition's processing.
type Step string

const (
	StepInitial          Step = "initial"           // process (denunciation.initial) or decide acceptance (complaint.accept)
	StepForward          Step = "forward"           // forward a denunciation outside jurisdiction
	StepNotifyAcceptance Step = "notify_acceptance" // notify the denouncer of the acceptance
	StepResolve          Step = "resolve"           // resolve the accepted petition
)

// HostRole is who hosted a reception session.
type HostRole string

// HostRoles lists the hosts: the Party secretary, a deputy secretary, a
// standing board member, a leader of the Committee, another person.
var HostRoles = []HostRole{"secretary", "deputy_secretary", "standing_member", "committee_leader", "other"}

// HostSecretary is the Party secretary (the seed's "Bí thư Tỉnh ủy tiếp công dân").
const HostSecretary HostRole = "secretary"

// Valid reports whether h is a known host.
func (h HostRole) Valid() bool { return slices.Contains(HostRoles, h) }

// SessionKind is the kind of a reception session.
type SessionKind string

// SessionKinds: regular (thường xuyên), periodic (định kỳ), ad hoc (đột xuất).
var SessionKinds = []SessionKind{"regular", "periodic", "ad_hoc"}

// Valid reports whether k is a known session kind.
func (k SessionKind) Valid() bool { return slices.Contains(SessionKinds, k) }

// CrowdSize is the number of people on one matter that makes a crowd
// delegation (đoàn đông người).
const CrowdSize = 5
