package documents

import (
	"slices"
	"strings"

	"noichinh/internal/cite"
)

// kindCodes lists, for each document kind (the cite package's identifiers),
// the kind codes its symbols carry, the usual one first. A code may belong to
// only one kind, except TT: the Party thông tri and the state thông tư.
var kindCodes = map[string][]string{
	cite.KindResolution:      {"NQ", "NQNS"},
	cite.KindJointResolution: {"NQLT"},
	cite.KindDecision:        {"QĐ", "QĐNS"},
	cite.KindRegulation:      {"QĐi", "QyĐ"},
	cite.KindDirective:       {"CT"},
	cite.KindConclusion:      {"KL"},
	cite.KindProgram:         {"CTr"},
	cite.KindPlan:            {"KH", "KHLT"},
	cite.KindGuidance:        {"HD"},
	cite.KindNotice:          {"TB"},
	cite.KindRules:           {"QC"},
	cite.KindOfficialLetter:  {"CV"},
	cite.KindReport:          {"BC"},
	cite.KindSubmission:      {"TTr"},
	cite.KindScheme:          {"ĐA"},
	cite.KindOption:          {"PA"},
	cite.KindMinutes:         {"BB"},
	cite.KindInstruction:     {"TT"},
	cite.KindCircular:        {"TT"},
	cite.KindJointCircular:   {"TTLT"},
	cite.KindDecree:          {"NĐ"},
	cite.KindTelegram:        {"CĐ"},
	cite.KindLaw:             {"L"},
	cite.KindCode:            {"BL"},
	cite.KindOrdinance:       {"PL"},
	cite.KindDocument:        {""},
}

// kindOrder is the display order of kinds in lists and figures: the
// directive documents first, then the rest.
var kindOrder = []string{
	cite.KindResolution, cite.KindDirective, cite.KindConclusion, cite.KindRegulation, cite.KindDecision,
	cite.KindProgram, cite.KindPlan, cite.KindGuidance, cite.KindNotice, cite.KindRules, cite.KindScheme,
	cite.KindReport, cite.KindOfficialLetter, cite.KindSubmission, cite.KindOption, cite.KindMinutes,
	cite.KindInstruction, cite.KindJointResolution, cite.KindLaw, cite.KindCode, cite.KindOrdinance,
	cite.KindDecree, cite.KindCircular, cite.KindJointCircular, cite.KindTelegram, cite.KindDocument,
}

// Kinds lists every document kind in display order.
func Kinds() []string { return slices.Clone(kindOrder) }

// ValidKind reports whether k is a known kind.
func ValidKind(k string) bool { _, ok := kindCodes[k]; return ok }

// DefaultKindCode is the code a new symbol of kind k carries: "KH" for a plan.
func DefaultKindCode(k string) string {
	if codes := kindCodes[k]; len(codes) > 0 {
		return codes[0]
	}
	return ""
}

// kindRank orders kinds for display.
func kindRank(k string) int {
	if i := slices.Index(kindOrder, k); i >= 0 {
		return i
	}
	return len(kindOrder)
}

// codeKinds returns the kinds whose symbols may carry code (compared without
// regard to case), or nil for a code no kind claims (an old or local code
// such as "TĐB", which is then accepted for any kind).
func codeKinds(code string) []string {
	var out []string
	for _, k := range kindOrder {
		for _, c := range kindCodes[k] {
			if c != "" && strings.EqualFold(c, code) {
				out = append(out, k)
			}
		}
	}
	return out
}

// Field is a field of the Committee's work a document belongs to.
type Field string

const (
	InternalAffairs Field = "internal_affairs" // công tác nội chính
	Anticorruption  Field = "anticorruption"   // phòng, chống tham nhũng, lãng phí, tiêu cực
	JudicialReform  Field = "judicial_reform"  // cải cách tư pháp
)

// Fields lists every field in display order.
var Fields = []Field{InternalAffairs, Anticorruption, JudicialReform}

// Valid reports whether f is a known field.
func (f Field) Valid() bool { return slices.Contains(Fields, f) }

// Status is a document's legal state.
type Status string

const (
	InForce  Status = "in_force" // còn hiệu lực
	Amended  Status = "amended"  // được sửa đổi, bổ sung by a registered document
	Replaced Status = "replaced" // bị thay thế by a registered document
	Expired  Status = "expired"  // hết hiệu lực, declared
)

// Statuses lists every status in display order.
var Statuses = []Status{InForce, Amended, Replaced, Expired}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Relation types, as the cite package names them.
const (
	Implements = cite.Implements // thực hiện, tiếp tục thực hiện
	Amends     = cite.Amends     // sửa đổi, bổ sung
	Replaces   = cite.Replaces   // thay thế
	Guides     = cite.Guides     // hướng dẫn (thực hiện)
	BasedOn    = cite.BasedOn    // căn cứ
)

// RelationTypes lists every relation type in display order.
var RelationTypes = []string{Implements, Amends, Replaces, Guides, BasedOn}

// ValidRelationType reports whether t is a known relation type.
func ValidRelationType(t string) bool { return slices.Contains(RelationTypes, t) }

// Relation sources.
const (
	SourceManual    = "manual"    // entered by a person
	SourceExtracted = "extracted" // found by citation extraction in a text
)
