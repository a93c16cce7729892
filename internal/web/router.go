// Package web is noichinh's HTTP side: the router, whose every route states
// who may reach it; the middleware chain; the page shell (templates, i18n,
// flash messages, errors); health and metrics endpoints. Modules add their
// pages and API endpoints through Router, in packages of their own under
// internal/web/…, calling their services; no SQL and no business rule lives
// here.
package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"noichinh/internal/access"
)

// Rule says who may reach a route. Every route has one; there is no default.
// The service behind the route checks again, with the record in hand
// (organisation, classification, assignment): the rule is the first gate.
type Rule struct {
	kind ruleKind
	perm access.Permission
}

type ruleKind int

const (
	rulePublic ruleKind = iota + 1
	ruleSignedIn
	rulePermission
)

// Public routes need no sign-in (login page, health, static files).
var Public = Rule{kind: rulePublic}

// SignedIn routes need any signed-in user, whatever the role.
var SignedIn = Rule{kind: ruleSignedIn}

// Need is a route for users whose role grants p.
func Need(p access.Permission) Rule { return Rule{kind: rulePermission, perm: p} }

// Allows reports whether an actor (nil when nobody is signed in) passes the rule.
func (r Rule) Allows(a *access.Actor) bool {
	switch r.kind {
	case rulePublic:
		return true
	case ruleSignedIn:
		return a != nil
	case rulePermission:
		return a.Can(r.perm)
	}
	return false // the zero Rule refuses everything
}

// String describes the rule for the route listing and test messages.
func (r Rule) String() string {
	switch r.kind {
	case rulePublic:
		return "public"
	case ruleSignedIn:
		return "signed-in"
	case rulePermission:
		return "permission " + string(r.perm)
	}
	return "NO RULE"
}

// Route is one registered endpoint.
type Route struct {
	Pattern string // a net/http ServeMux pattern with method, e.g. "GET /cases/{id}"
	Rule    Rule
	handler http.Handler
}

// Router registers routes with their rules on a ServeMux.
type Router struct {
	mux    *http.ServeMux
	routes []Route
	gate   func(Rule, http.Handler) http.Handler
}

func newRouter(gate func(Rule, http.Handler) http.Handler) *Router {
	return &Router{mux: http.NewServeMux(), gate: gate}
}

// Handle registers h at pattern for users passing rule.
func (r *Router) Handle(pattern string, rule Rule, h http.Handler) {
	if rule.kind == 0 {
		panic("web: route " + pattern + " registered without an access rule")
	}
	method, _, ok := strings.Cut(pattern, " ")
	if pattern != "/" && (!ok || method == "" || strings.ToUpper(method) != method) {
		panic("web: route " + pattern + " must start with an HTTP method")
	}
	r.routes = append(r.routes, Route{Pattern: pattern, Rule: rule, handler: h})
	r.mux.Handle(pattern, r.gate(rule, h))
}

// HandleFunc is Handle for a function.
func (r *Router) HandleFunc(pattern string, rule Rule, h http.HandlerFunc) {
	r.Handle(pattern, rule, h)
}

func (r *Router) has(pattern string) bool {
	for _, rt := range r.routes {
		if rt.Pattern == pattern {
			return true
		}
	}
	return false
}

// Routes lists every registered route, sorted by pattern.
func (r *Router) Routes() []Route {
	out := slices.Clone(r.routes)
	slices.SortFunc(out, func(a, b Route) int { return strings.Compare(a.Pattern, b.Pattern) })
	return out
}

// String lists the routes and their rules, one per line.
func (r *Router) String() string {
	var b strings.Builder
	for _, rt := range r.Routes() {
		fmt.Fprintf(&b, "%-50s %s\n", rt.Pattern, rt.Rule)
	}
	return b.String()
}
