// Package caldata keeps the calendar's administrator data in the database
// and gives the process the Calendar and Limits every service uses.
//
// The data shipped with the program (package calendar's data folder: the
// holiday rules, the government's yearly schedules, the legal time limits)
// is the base. Administrators add what changes: a year's days off and
// worked days (by hand, or by importing the government's schedule file),
// the mark that a year's schedule is published, and new versions of legal
// time limits. A year, or a limit code, that has rows in the database is
// answered from the database; its shipped data is copied in by the first
// write, so that the database then holds the whole of it and an old limit
// version is closed, never edited.
//
// A Source builds the process's *calendar.Calendar and *calendar.Limits
// from both and keeps them current: every write bumps the instance setting
// calendar.data_version in its transaction, and each server's watcher
// (Source.Watch) compares it every few seconds and replaces the data of its
// handles, so several servers on one database converge. The services that
// hold the handles (cases, petitions) see the change without being rebuilt;
// records keep the limit version (code and effective_from) they were judged
// under, so a new version never rewrites an old deadline.
package caldata

import (
	"time"

	"noichinh/internal/calendar"
	"noichinh/internal/civil"
)

// VersionKey is the instance setting (org 0) that every write of calendar
// data increments, in the same transaction: watchers reload when it moves.
const VersionKey = "calendar.data_version"

// Origin says where a day off or a limit version comes from.
type Origin string

const (
	// OriginLaw: a holiday of the Labour Code, or its make-up day.
	OriginLaw Origin = "law"
	// OriginSchedule: the government's yearly schedule (shipped or imported).
	OriginSchedule Origin = "schedule"
	// OriginOverride: an administrator's decision for one day.
	OriginOverride Origin = "override"
	// OriginShipped: a limit version shipped with the program.
	OriginShipped Origin = "shipped"
	// OriginAdmin: a limit version entered by an administrator.
	OriginAdmin Origin = "admin"
)

// Override is one decision for one day: a day off or a working day, against
// the law's defaults, from a government schedule or an administrator.
type Override struct {
	ID       int64 // 0: shipped with the program, not in the database yet
	Date     civil.Date
	Kind     calendar.OverrideKind
	Reason   string
	ReasonEN string
	Document string // the deciding document
	Origin   Origin // OriginSchedule or OriginOverride
	// CreatedAt and CreatedBy are zero for data shipped with the program.
	CreatedAt time.Time
	CreatedBy string
}

// Day is a day off other than an ordinary weekly rest day, or a weekly rest
// day made a working day, as the year's page lists it.
type Day struct {
	Date     civil.Date
	Reason   string
	ReasonEN string
	Lunar    calendar.LunarDate
	Origin   Origin    // law, schedule or override
	Override *Override // the decision behind it; nil for the law
}

// Year is one year's days off as the calendar in use answers them, with
// where each comes from and whether the government's schedule is published.
type Year struct {
	Year int
	// Covered: the law's rules cover the year; without them no working day
	// of the year can be counted. Rules is the span they do cover.
	Covered bool
	Rules   civil.Range
	// InDatabase: the year's schedule is kept in the database (else the
	// shipped data, if any, applies).
	InDatabase  bool
	Confirmed   bool
	Source      string // the government's decision
	ConfirmedAt time.Time
	ConfirmedBy string
	// Version of the year's row, for the confirm form; 0 when not in the database.
	Version int
	// WorkingDays counts the year's working days.
	WorkingDays int
	DaysOff     []Day
	// WorkedDays are the days a decision made working days: worked
	// Saturdays, and law holidays the government placed elsewhere.
	WorkedDays []Day
	// Overrides lists every decision for the year, by date.
	Overrides []Override
}

// LimitVersion is one version of a legal time limit with where it comes from.
type LimitVersion struct {
	calendar.Limit
	ID        int64  // 0: shipped, not in the database yet
	Origin    Origin // OriginShipped or OriginAdmin
	CreatedAt time.Time
	CreatedBy string
	ClosedAt  time.Time
	ClosedBy  string
	// InForce: in force today.
	InForce bool
}

// OverrideInput is an administrator's decision for one day.
type OverrideInput struct {
	Date     civil.Date            `json:"date"`
	Kind     calendar.OverrideKind `json:"kind"`
	Reason   string                `json:"reason"`
	ReasonEN string                `json:"reason_en"`
	Document string                `json:"document"`
}

// LimitInput is a new version of a legal time limit (or the first version of
// a new code). Field errors name the form's fields: code, name, name_en,
// start, start_en, base_n, base_unit, ext1_n, ext1_unit, ext1_max_n,
// ext1_max_unit, ext1_condition, ext1_condition_en (ext2…, ext3…), source,
// note, effective_from, effective_to.
type LimitInput struct {
	Code          string
	Name          string
	NameEN        string
	Start         string
	StartEN       string
	Base          calendar.Duration
	Extensions    []calendar.Extension
	Source        string
	Unverified    bool
	Note          string
	EffectiveFrom civil.Date
	EffectiveTo   civil.Date
}

// MaxExtensions is the number of extensions a limit may have.
const MaxExtensions = 3

// ImportResult says what an import of a schedule file did.
type ImportResult struct {
	Year        int  `json:"year"`
	Overrides   int  `json:"overrides"` // decisions in the file
	Removed     int  `json:"removed"`   // decisions of the year the file replaced
	Confirmed   bool `json:"confirmed"`
	Provisional bool `json:"provisional"`
}
