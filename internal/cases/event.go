package cases

import (
	"slices"
	"time"

	"noichinh/internal/civil"
)

// EventKind is what happened to a case.
type EventKind string

const (
	Opened             EventKind = "opened"              // the Committee starts the record (its first event)
	WatchAdded         EventKind = "watch_added"         // đưa vào diện theo dõi (Level, deciding document)
	LevelChanged       EventKind = "level_changed"       // chuyển diện (Level is the new level)
	WatchRemoved       EventKind = "watch_removed"       // đưa ra khỏi diện (document, reason)
	StageChanged       EventKind = "stage_changed"       // a procedural step (Stage)
	SuspectsAdded      EventKind = "suspects_added"      // khởi tố bổ sung bị can
	DeadlineExtended   EventKind = "deadline_extended"   // gia hạn (the extension decision)
	Urged              EventKind = "urged"               // đôn đốc (the urging document)
	Meeting            EventKind = "meeting"             // họp với cơ quan tiến hành tố tụng
	DamageAssessed     EventKind = "damage_assessed"     // thiệt hại xác định (replaces an earlier assessment)
	AssetsRecovered    EventKind = "assets_recovered"    // thu hồi tài sản
	WrongfulConviction EventKind = "wrongful_conviction" // án oan, sai
	Note               EventKind = "note"
	// Retracted withdraws the event it names (recorded in error); it is
	// the only way an event stops counting.
	Retracted EventKind = "retracted"
)

// EventKinds lists the kinds a person may record (Opened comes with the
// case, Retracted through Retract).
var EventKinds = []EventKind{WatchAdded, LevelChanged, WatchRemoved, StageChanged, SuspectsAdded,
	DeadlineExtended, Urged, Meeting, DamageAssessed, AssetsRecovered, WrongfulConviction, Note}

// Recordable reports whether k may be recorded through Record.
func (k EventKind) Recordable() bool { return slices.Contains(EventKinds, k) }

// Stage is a procedural stage (StageChanged events) and the current stage of a case.
type Stage string

const (
	NoStage                  Stage = ""
	CrimeReportReceived      Stage = "crime_report_received"      // tiếp nhận tố giác, tin báo
	Prosecuted               Stage = "prosecuted"                 // khởi tố
	Investigating            Stage = "investigating"              // điều tra
	InvestigationConcluded   Stage = "investigation_concluded"    // kết thúc điều tra
	ReturnedForInvestigation Stage = "returned_for_investigation" // trả hồ sơ điều tra bổ sung
	Indicted                 Stage = "indicted"                   // truy tố
	TrialScheduled           Stage = "trial_scheduled"            // quyết định đưa vụ án ra xét xử
	FirstInstanceTrial       Stage = "first_instance_trial"       // xét xử sơ thẩm
	AppealTrial              Stage = "appeal_trial"               // xét xử phúc thẩm
	Enforcement              Stage = "enforcement"                // thi hành án
	Suspended                Stage = "suspended"                  // tạm đình chỉ: deadlines pause
	Resumed                  Stage = "resumed"                    // phục hồi: back to the stage before the suspension
	Closed                   Stage = "closed"                     // kết thúc theo dõi, đình chỉ hẳn
)

// Stages lists every stage in procedural order.
var Stages = []Stage{CrimeReportReceived, Prosecuted, Investigating, InvestigationConcluded,
	ReturnedForInvestigation, Indicted, TrialScheduled, FirstInstanceTrial, AppealTrial, Enforcement,
	Suspended, Resumed, Closed}

// Valid reports whether s is a stage a StageChanged event may carry.
func (s Stage) Valid() bool { return slices.Contains(Stages, s) }

// Event is one entry of a case's history.
type Event struct {
	ID             int64
	CaseID         int64
	Kind           EventKind
	EffectiveOn    civil.Date // the legal date it happened
	RecordedAt     time.Time  // when it was entered
	RecordedBy     int64      // 0 for the system
	RecordedByName string

	Level          Level  // WatchAdded, LevelChanged
	Stage          Stage  // StageChanged
	AgencyID       int64  // the agency acting (StageChanged), urged (Urged)
	DocumentSymbol string // deciding, urging or extension document, "125-CV/BNCTU"
	// Suspects (Prosecuted, Indicted, SuspectsAdded) and defendants (trials);
	// nil when not given.
	Suspects   *int
	Defendants *int
	AmountVND  int64   // DamageAssessed, AssetsRecovered
	AreaM2     float64 // land, same kinds

	CorrectsEventID int64 // a correction or retraction names the event it replaces
	Details         Details
}

// Details are the event's free-text parts, stored as JSON.
type Details struct {
	Reason       string  `json:"reason,omitempty"`       // WatchRemoved, Retracted
	Note         string  `json:"note,omitempty"`         // any kind
	Difficulties string  `json:"difficulties,omitempty"` // Meeting: difficulties the agencies raised
	Conclusions  string  `json:"conclusions,omitempty"`  // Meeting
	Participants []int64 `json:"participants,omitempty"` // Meeting: unit ids
}

// EventInput is what a person types in an event form.
type EventInput struct {
	Kind           EventKind
	EffectiveOn    civil.Date
	Level          Level
	Stage          Stage
	AgencyID       int64
	DocumentSymbol string
	Suspects       *int
	Defendants     *int
	AmountVND      int64
	AreaM2         float64
	Details        Details
}

// BackDated reports whether the event was entered after the day it took
// effect (dates in Vietnam's zone): such an entry changes the figures of a
// period that may already have been reported.
func (e *Event) BackDated() bool {
	return civil.Of(e.RecordedAt.In(civil.Zone)).After(e.EffectiveOn)
}

// TimelineEntry is an event as the case page shows it.
type TimelineEntry struct {
	Event
	AgencyName string
	// SupersededBy is the correction or retraction that replaced this
	// event (0 when it still counts).
	SupersededBy int64
}

// intp returns a pointer to n, for Suspects and Defendants.
func intp(n int) *int { return &n }
