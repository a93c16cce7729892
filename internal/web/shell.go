package web

import (
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/i18n"
	"noichinh/internal/notify"
	"noichinh/internal/search"
)

// routeShell registers the platform's own pages.
func (a *App) routeShell() {
	r := a.router
	r.HandleFunc("GET /{$}", Need(access.Self), a.home)
	// Everything else is our own 404 page rather than the router's plain text.
	r.HandleFunc("/", Public, func(w http.ResponseWriter, r *http.Request) { a.renderError(w, r, http.StatusNotFound) })
	r.HandleFunc("GET /search", Need(access.Search), a.searchPage)
	r.HandleFunc("POST /lang", Public, a.setLang)
	r.HandleFunc("POST /org", SignedIn, a.switchOrg)
	r.HandleFunc("GET /notifications", Need(access.Self), a.notifications)
	r.HandleFunc("POST /notifications/read", Need(access.Self), a.markRead)
	a.routeAuth()
	a.routeAccount()
	a.routeAdmin()
	a.routeAPI()
}

// HomeWidget is a module's block on the home page: figures or a short list
// of what needs attention, built for the signed-in user.
type HomeWidget struct {
	Perm   access.Permission
	Render func(r *http.Request) (HomeBlock, error)
}

// HomeBlock is one block of the home page.
type HomeBlock struct {
	Title string // i18n key
	Link  string
	Items []HomeItem
	Empty string // i18n key shown when there are no items
}

// HomeItem is a line of a home block.
type HomeItem struct {
	Text  string
	Link  string
	Note  string
	Class string // "overdue", "soon"
}

// AddHomeWidget adds a module's block to the home page.
func (a *App) AddHomeWidget(w HomeWidget) { a.widgets = append(a.widgets, w) }

func (a *App) home(w http.ResponseWriter, r *http.Request) {
	actor := access.FromContext(r.Context())
	var blocks []HomeBlock
	for _, wd := range a.widgets {
		if !actor.Can(wd.Perm) {
			continue
		}
		b, err := wd.Render(r)
		if err != nil {
			a.Fail(w, r, err)
			return
		}
		blocks = append(blocks, b)
	}
	notes, err := notify.ForUser(r.Context(), a.db.Read(), actor.OrgID, actor.UserID, true, 5)
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	p := &Page{Data: map[string]any{"Blocks": blocks, "Notes": notes}}
	p.Title = i18n.T(a.lang(r), "nav.home", nil)
	a.Render(w, r, "shell/home", p)
}

func (a *App) searchPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	var results []search.Result
	if q != "" {
		var err error
		results, err = a.search.Search(r.Context(), q, 50)
		if err != nil {
			a.Fail(w, r, err)
			return
		}
	}
	p := &Page{Data: map[string]any{"Q": q, "Results": results}}
	p.Title = i18n.T(a.lang(r), "search.title", nil)
	a.Render(w, r, "shell/search", p)
}

// setLang remembers the chosen language: on the account when signed in, and
// in a cookie for the sign-in page.
func (a *App) setLang(w http.ResponseWriter, r *http.Request) {
	lang := string(i18n.Parse(r.PostFormValue("lang")))
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.tls})
	if access.FromContext(r.Context()) != nil {
		if err := a.accounts.SetLanguage(r.Context(), lang); err != nil {
			a.Fail(w, r, err)
			return
		}
	}
	http.Redirect(w, r, localPath(r.PostFormValue("next")), http.StatusSeeOther)
}

// switchOrg changes the organisation the user acts in (the switcher in the
// header), if they are a member of it.
func (a *App) switchOrg(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PostFormValue("org_id"), 10, 64)
	if err != nil || id <= 0 {
		a.renderError(w, r, http.StatusBadRequest)
		return
	}
	u := userFrom(r.Context())
	if _, ok := u.In(id); !ok {
		a.renderError(w, r, http.StatusForbidden)
		return
	}
	a.sessions.Put(r.Context(), keyOrg, id)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (a *App) notifications(w http.ResponseWriter, r *http.Request) {
	actor := access.FromContext(r.Context())
	list, err := notify.ForUser(r.Context(), a.db.Read(), actor.OrgID, actor.UserID, false, 200)
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	p := &Page{Data: list}
	p.Title = i18n.T(a.lang(r), "nav.notifications", nil)
	a.Render(w, r, "shell/notifications", p)
}

func (a *App) markRead(w http.ResponseWriter, r *http.Request) {
	actor := access.FromContext(r.Context())
	id, _ := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	err := a.db.Tx(r.Context(), func(tx *sql.Tx) error { return notify.MarkRead(r.Context(), tx, actor.OrgID, actor.UserID, id) })
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	next := localPath(r.PostFormValue("next"))
	if next == "/" {
		next = "/notifications"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// Message renders a notification in the page's language.
func (p *Page) Message(n notify.Notification) string {
	params := make(map[string]any, len(n.Params))
	for k, v := range n.Params {
		params[k] = v
	}
	return i18n.T(p.Lang, n.Message, params)
}

// Since formats how long ago t was.
func (p *Page) Since(t time.Time) string {
	d := time.Since(t)
	switch {
	case d < time.Minute:
		return p.T("time.just_now")
	case d < time.Hour:
		return p.T("time.minutes_ago", "n", int(d.Minutes()))
	case d < 24*time.Hour:
		return p.T("time.hours_ago", "n", int(d.Hours()))
	}
	return p.T("time.days_ago", "n", int(d.Hours()/24))
}
