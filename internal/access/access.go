// Package access decides who may do what: roles, permissions, the owning
// organisation scope and record classification against user clearance.
// Services call it before every read and write; handlers never decide.
package access

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// Role is a user's role within one organisation.
type Role string

const (
	Administrator Role = "administrator" // users, reference data, rules, audit, backups
	Leader        Role = "leader"        // sees and approves everything of the committee
	Specialist    Role = "specialist"    // records and follows the work
	Viewer        Role = "viewer"        // standing board, steering committee: dashboards and reports, read-only
	Clerk         Role = "clerk"         // a commune or ward Party office: submits its own reports only
	Central       Role = "central"       // central committee: consolidated figures of subordinate organisations
)

// Roles lists every role in display order.
var Roles = []Role{Administrator, Leader, Specialist, Viewer, Clerk, Central}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Permission names one thing a user may do. Modules declare theirs here so
// the whole grant table can be read (and reviewed) in one place.
type Permission string

const (
	// Platform.
	Self          Permission = "self"           // own profile, password, 2FA, API tokens
	Search        Permission = "search"         // the global search box (results still filtered per record)
	UsersAdmin    Permission = "users.admin"    // create, disable, reset users
	AuditRead     Permission = "audit.read"     // the audit log page
	SettingsAdmin Permission = "settings.admin" // policies, calendar overrides, legal limits, reference data
	// Modules.
	OrgRead            Permission = "org.read"
	OrgWrite           Permission = "org.write"
	DocsRead           Permission = "docs.read"
	DocsWrite          Permission = "docs.write"
	CasesRead          Permission = "cases.read"
	CasesWrite         Permission = "cases.write"
	PetitionsRead      Permission = "petitions.read"
	PetitionsWrite     Permission = "petitions.write"
	IdentityReveal     Permission = "petitions.reveal" // see a protected denouncer's identity (with a reason, audited)
	IdentityExport     Permission = "petitions.export_identity"
	CommuneReportSend  Permission = "commune_reports.submit"
	CommuneReportsRead Permission = "commune_reports.read"
	ReportsRead        Permission = "reports.read" // period figures, dashboards and their drill-down
	ReportsSign        Permission = "reports.sign" // freeze and sign off a report
	ConsolidatedRead   Permission = "consolidated.read"
)

// grants is the whole permission table. Deny by default: what is not here is refused.
var grants = map[Role][]Permission{
	Administrator: {Self, Search, UsersAdmin, AuditRead, SettingsAdmin, OrgRead, OrgWrite, DocsRead, ReportsRead},
	Leader: {Self, Search, OrgRead, OrgWrite, DocsRead, DocsWrite, CasesRead, CasesWrite,
		PetitionsRead, PetitionsWrite, IdentityReveal, IdentityExport, CommuneReportsRead,
		ReportsRead, ReportsSign},
	Specialist: {Self, Search, OrgRead, OrgWrite, DocsRead, DocsWrite, CasesRead, CasesWrite,
		PetitionsRead, PetitionsWrite, IdentityReveal, CommuneReportsRead, ReportsRead},
	Viewer:  {Self, Search, OrgRead, DocsRead, CasesRead, PetitionsRead, CommuneReportsRead, ReportsRead},
	Clerk:   {Self, CommuneReportSend},
	Central: {Self, ReportsRead, ConsolidatedRead},
}

// Grants reports whether role r has permission p.
func (r Role) Grants(p Permission) bool { return slices.Contains(grants[r], p) }

// Permissions lists what r may do.
func (r Role) Permissions() []Permission { return slices.Clone(grants[r]) }

// Classification is a record's secrecy level and, for a user, a clearance.
// Stored as its integer so "visible" is one comparison in SQL.
type Classification int

const (
	Normal     Classification = 0 // thường
	Secret     Classification = 1 // Mật
	TopSecret  Classification = 2 // Tối mật
	MostSecret Classification = 3 // Tuyệt mật
)

// Classifications lists every level, lowest first.
var Classifications = []Classification{Normal, Secret, TopSecret, MostSecret}

// Valid reports whether c is a known level.
func (c Classification) Valid() bool { return c >= Normal && c <= MostSecret }

// Code is the stable identifier used in URLs, JSON and the glossary.
func (c Classification) Code() string {
	switch c {
	case Normal:
		return "normal"
	case Secret:
		return "secret"
	case TopSecret:
		return "top_secret"
	case MostSecret:
		return "most_secret"
	}
	return fmt.Sprintf("level_%d", int(c))
}

// ParseClassification reads a Code.
func ParseClassification(s string) (Classification, error) {
	for _, c := range Classifications {
		if c.Code() == s {
			return c, nil
		}
	}
	return 0, fmt.Errorf("unknown classification %q", s)
}

// Actor is the user (or the system) on whose behalf a service call runs,
// within one organisation: the one chosen in the organisation switcher.
type Actor struct {
	UserID    int64
	Username  string
	FullName  string
	OrgID     int64 // the organisation acted in
	Role      Role  // the role within OrgID
	Clearance Classification
	UnitID    int64 // for a clerk: the commune or ward unit they report for
	// System marks command-line and background work run by the operator of
	// the machine; it passes permission checks but is still audited.
	System bool
}

// SystemActor is the operator at the command line, acting in org.
func SystemActor(orgID int64, name string) *Actor {
	return &Actor{Username: name, OrgID: orgID, Clearance: MostSecret, System: true}
}

// Name identifies the actor in the audit log.
func (a *Actor) Name() string {
	if a == nil {
		return "anonymous"
	}
	if a.Username == "" && a.System {
		return "system"
	}
	return a.Username
}

// Can reports whether the actor has permission p in its organisation.
func (a *Actor) Can(p Permission) bool {
	if a == nil {
		return false
	}
	return a.System || a.Role.Grants(p)
}

// Sees reports whether the actor's clearance covers classification c.
func (a *Actor) Sees(c Classification) bool { return a != nil && c <= a.Clearance }

// ErrForbidden is returned when the actor may not do what was asked. Services
// return it (wrapped with what was refused) and handlers turn it into 403.
var ErrForbidden = errors.New("forbidden")

// ErrUnauthenticated is returned when there is no actor at all.
var ErrUnauthenticated = errors.New("not signed in")

// Require returns nil when the actor has permission p in organisation orgID.
// orgID 0 means "the actor's own organisation".
func (a *Actor) Require(p Permission, orgID int64) error {
	if a == nil {
		return ErrUnauthenticated
	}
	if !a.Can(p) {
		return fmt.Errorf("%w: %s lacks %s", ErrForbidden, a.Name(), p)
	}
	if orgID != 0 && orgID != a.OrgID && !a.System {
		return fmt.Errorf("%w: %s may not act in organisation %d", ErrForbidden, a.Name(), orgID)
	}
	return nil
}

type actorKey struct{}

// WithActor returns ctx carrying the actor.
func WithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// FromContext returns the actor in ctx, or nil when there is none.
func FromContext(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// Check is the one-line guard at the top of a service method: the actor from
// ctx must hold p in its organisation.
func Check(ctx context.Context, p Permission) (*Actor, error) {
	a := FromContext(ctx)
	if err := a.Require(p, 0); err != nil {
		return nil, err
	}
	return a, nil
}
