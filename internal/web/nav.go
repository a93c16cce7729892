package web

import (
	"net/http"
	"slices"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/notify"
	"noichinh/internal/reqinfo"
)

// NavItem is one entry of the module navigation.
type NavItem struct {
	Group  string            // i18n key of the group
	Key    string            // i18n key of the label
	Path   string            // where it leads; the item is current under this path
	Perm   access.Permission // shown only to users with it
	Order  int
	Coming bool // the module is not built yet: the page says so
	// Current is set per request.
	Current bool
}

// NavGroup is a titled group of items, as shown.
type NavGroup struct {
	Key   string
	Items []NavItem
}

var navGroupOrder = []string{"nav.group.work", "nav.group.organisation", "nav.group.reports", "nav.group.admin"}

// AddNav adds a module's entry to the navigation (replacing a "coming"
// entry with the same path).
func (a *App) AddNav(item NavItem) {
	a.nav = slices.DeleteFunc(a.nav, func(n NavItem) bool { return n.Path == item.Path })
	a.nav = append(a.nav, item)
}

// defaultNav is the navigation of the shell, with the modules that are not
// built yet marked as coming.
func defaultNav() []NavItem {
	return []NavItem{
		{Group: "nav.group.work", Key: "nav.home", Path: "/", Perm: access.Self, Order: 0},
		{Group: "nav.group.work", Key: "nav.cases", Path: "/cases", Perm: access.CasesRead, Order: 10, Coming: true},
		{Group: "nav.group.work", Key: "nav.reception", Path: "/reception", Perm: access.PetitionsRead, Order: 20, Coming: true},
		{Group: "nav.group.work", Key: "nav.petitions", Path: "/petitions", Perm: access.PetitionsRead, Order: 30, Coming: true},
		{Group: "nav.group.work", Key: "nav.inspections", Path: "/inspections", Perm: access.CasesRead, Order: 40, Coming: true},
		{Group: "nav.group.work", Key: "nav.tasks", Path: "/tasks", Perm: access.CasesRead, Order: 50, Coming: true},
		{Group: "nav.group.work", Key: "nav.documents", Path: "/documents", Perm: access.DocsRead, Order: 60, Coming: true},
		{Group: "nav.group.work", Key: "nav.commune_reports", Path: "/commune-reports", Perm: access.CommuneReportSend, Order: 70, Coming: true},
		{Group: "nav.group.organisation", Key: "nav.units", Path: "/units", Perm: access.OrgRead, Order: 10, Coming: true},
		{Group: "nav.group.organisation", Key: "nav.party", Path: "/party", Perm: access.OrgRead, Order: 30, Coming: true},
		{Group: "nav.group.reports", Key: "nav.reports", Path: "/reports", Perm: access.ReportsRead, Order: 10, Coming: true},
		{Group: "nav.group.admin", Key: "nav.users", Path: "/admin/users", Perm: access.UsersAdmin, Order: 10},
		{Group: "nav.group.admin", Key: "nav.audit", Path: "/admin/audit", Perm: access.AuditRead, Order: 20},
		{Group: "nav.group.admin", Key: "nav.security", Path: "/admin/security", Perm: access.SettingsAdmin, Order: 40},
		{Group: "nav.group.admin", Key: "nav.calendar", Path: "/admin/calendar", Perm: access.SettingsAdmin, Order: 30, Coming: true},
	}
}

// navFor builds the navigation a user sees on path.
func (a *App) navFor(actor *access.Actor, path string) []NavGroup {
	if actor == nil {
		return nil
	}
	var best string // the longest matching path is current
	for _, it := range a.nav {
		if actor.Can(it.Perm) && underPath(path, it.Path) && len(it.Path) > len(best) {
			best = it.Path
		}
	}
	groups := map[string][]NavItem{}
	for _, it := range a.nav {
		if !actor.Can(it.Perm) {
			continue
		}
		it.Current = it.Path == best
		groups[it.Group] = append(groups[it.Group], it)
	}
	var out []NavGroup
	for _, g := range navGroupOrder {
		items := groups[g]
		if len(items) == 0 {
			continue
		}
		slices.SortFunc(items, func(x, y NavItem) int { return x.Order - y.Order })
		out = append(out, NavGroup{Key: g, Items: items})
	}
	return out
}

func underPath(path, prefix string) bool {
	if prefix == "/" {
		return path == "/"
	}
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// fillPage completes a page with what every page shows.
func (a *App) fillPage(r *http.Request, p *Page) {
	p.Lang = a.lang(r)
	if p.TitleKey != "" {
		p.Title = p.T(p.TitleKey)
	}
	p.Actor = access.FromContext(r.Context())
	p.User = userFrom(r.Context())
	p.Path = r.URL.Path
	p.Query = r.URL.Query()
	p.Demo = a.demo
	p.RequestID = reqinfo.From(r.Context()).RequestID
	if p.Form != nil {
		p.Form.lang = p.Lang
	}
	if p.User == nil {
		p.Bare = true
		return
	}
	p.Nav = a.navFor(p.Actor, r.URL.Path)
	if m, ok := p.User.In(p.Actor.OrgID); ok {
		p.OrgName = m.OrgName
	}
	p.Flashes = a.popFlashes(r)
	if n, err := notify.Unread(r.Context(), a.db.Read(), p.Actor.OrgID, p.Actor.UserID); err == nil {
		p.Unread = n
	}
}

// comingPage answers a module that is not built yet.
func (a *App) comingPage(item NavItem) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := &Page{Data: item}
		p.Title = (&Page{Lang: a.lang(r)}).T(item.Key)
		a.Render(w, r, "shell/coming", p)
	}
}
