package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/civil"
	"noichinh/internal/i18n"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

//go:embed templates static
var shellFiles embed.FS

// Page is what every template receives: the request's language, who is
// signed in, the navigation, flash messages, the form being edited and the
// page's own data.
type Page struct {
	Title string
	// TitleKey, when set, is translated into Title in the request's language.
	TitleKey string
	Lang     i18n.Lang
	Actor    *access.Actor
	User     *accounts.User
	OrgName  string
	Nav      []NavGroup
	Flashes  []Flash
	Demo     bool
	Unread   int
	Path     string
	Query    url.Values
	Form     *Form
	Data     any
	// Bare pages (sign-in, setup, errors without a session) have no navigation.
	Bare bool
	// Charts loads the vendored chart library.
	Charts bool
	// Status is the HTTP status to answer with (200 when zero).
	Status int
	// RequestID lets a user quote a failed request to the administrator.
	RequestID string
}

// Flash is a one-time message shown on the next page.
type Flash struct {
	Kind string // ok, error, info
	Text string
}

// T translates key with params given as name, value pairs.
func (p *Page) T(key string, kv ...any) string {
	var params map[string]any
	if len(kv) > 1 {
		params = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			params[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	return i18n.T(p.Lang, key, params)
}

// Can reports whether the signed-in user has a permission.
func (p *Page) Can(perm string) bool { return p.Actor.Can(access.Permission(perm)) }

// Int formats a count in the page's language: 6.500 or 6,500.
func (p *Page) Int(n any) string { return vntext.Int(vntext.Lang(p.Lang), toInt64(n)) }

// Money formats đồng for prose: 4,5 tỷ đồng.
func (p *Page) Money(vnd any) string { return vntext.Money(vntext.Lang(p.Lang), toInt64(vnd)) }

// Area formats square metres.
func (p *Page) Area(m2 float64) string { return vntext.Area(vntext.Lang(p.Lang), m2) }

// Percent formats a percentage (92.5 → 92,5%).
func (p *Page) Percent(f float64) string { return vntext.Percent(vntext.Lang(p.Lang), f, 1) }

// LongDate is "ngày 05 tháng 3 năm 2020" or "5 March 2020".
func (p *Page) LongDate(d civil.Date) string { return vntext.LongDate(vntext.Lang(p.Lang), d) }

// Classification is the label of a secrecy level.
func (p *Page) Classification(c any) string {
	return p.T("classification." + access.Classification(toInt64(c)).Code())
}

// QueryWith returns the current query string with key set to value (and the
// page reset when another parameter changes), for sort links and filters.
func (p *Page) QueryWith(kv ...string) string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = append([]string(nil), v...)
	}
	resetPage := true
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			q.Del(kv[i])
		} else {
			q.Set(kv[i], kv[i+1])
		}
		if kv[i] == "page" {
			resetPage = false
		}
	}
	if resetPage {
		q.Del("page")
	}
	if len(q) == 0 {
		return p.Path
	}
	return p.Path + "?" + q.Encode()
}

func toInt64(v any) int64 {
	switch n := v.(type) {
	case int:
		return int64(n)
	case int64:
		return n
	case int32:
		return int64(n)
	case access.Classification:
		return int64(n)
	case float64:
		return int64(n)
	}
	return 0
}

// funcs are the template functions that do not depend on the request.
var funcs = template.FuncMap{
	"date": func(d civil.Date) string { return vntext.Date(d) },
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
	"add":   func(a, b int) int { return a + b },
	"join":  strings.Join,
	"itoa":  func(n int64) string { return strconv.FormatInt(n, 10) },
	"str":   func(v any) string { return fmt.Sprint(v) },
	"int64": toInt64,
	// localTime shows a moment in Vietnam's time zone.
	"localTime": func(t time.Time) string { return t.In(civil.Zone).Format("02/01/2006 15:04:05") },
	// sortDir is the direction a column link asks for: ascending, or
	// the reverse when the column is already sorted ascending.
	"sortDir": func(current, key, dir string) string {
		if current == key && dir != "desc" {
			return "desc"
		}
		return "asc"
	},
	"assetVersion": func() string { return assetVersion },
	"tokenScopes": func() [][2]string {
		return [][2]string{{"read", "account.tokens.scope_read"}, {"write", "account.tokens.scope_write"}}
	},
	"dataURI": func(mime string, b []byte) template.URL {
		return template.URL("data:" + mime + ";base64," + encodeBase64(b))
	},
	"json": func(v any) (template.JS, error) { return jsonJS(v) },
}

// templates holds one template set per page: the shell's layout and
// partials plus the page file, so pages can define the same block names.
type templates struct {
	mu    sync.Mutex
	pages map[string]*template.Template
	extra []fs.FS
}

// AddTemplates registers a module's templates (files under
// templates/<module>/*.html in fsys, named "<module>/<file>" without .html).
// Call it before Handler.
func (a *App) AddTemplates(fsys fs.FS) { a.tmpl.extra = append(a.tmpl.extra, fsys) }

func (t *templates) load() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pages != nil {
		return nil
	}
	base, err := template.New("").Funcs(funcs).ParseFS(shellFiles, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return fmt.Errorf("web: shell templates: %w", err)
	}
	pages := map[string]*template.Template{}
	sources := append([]fs.FS{shellFiles}, t.extra...)
	for _, fsys := range sources {
		files, err := fs.Glob(fsys, "templates/*/*.html")
		if err != nil {
			return err
		}
		for _, f := range files {
			dir := path.Base(path.Dir(f))
			if dir == "partials" {
				continue
			}
			name := dir + "/" + strings.TrimSuffix(path.Base(f), ".html")
			if _, dup := pages[name]; dup {
				return fmt.Errorf("web: template %s defined twice", name)
			}
			clone, err := base.Clone()
			if err != nil {
				return err
			}
			if _, err := clone.ParseFS(fsys, f); err != nil {
				return fmt.Errorf("web: template %s: %w", name, err)
			}
			pages[name] = clone
		}
	}
	t.pages = pages
	return nil
}

func (t *templates) get(name string) (*template.Template, error) {
	if err := t.load(); err != nil {
		return nil, err
	}
	tpl, ok := t.pages[name]
	if !ok {
		return nil, fmt.Errorf("web: no template %q", name)
	}
	return tpl, nil
}

// Render writes the page name ("cases/list") with p. It renders into a
// buffer first, so a template error becomes a clean 500 page rather than
// half a page.
func (a *App) Render(w http.ResponseWriter, r *http.Request, name string, p *Page) {
	a.fillPage(r, p)
	tpl, err := a.tmpl.get(name)
	if err != nil {
		a.log.Error("render", "template", name, "err", err)
		a.renderError(w, r, http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := tpl.ExecuteTemplate(&buf, "layout", p); err != nil {
		a.log.Error("render", "template", name, "err", err)
		a.renderError(w, r, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if p.Status != 0 {
		w.WriteHeader(p.Status)
	}
	_, _ = buf.WriteTo(w)
}

// renderError writes an error page in the user's language, without internals.
func (a *App) renderError(w http.ResponseWriter, r *http.Request, status int) {
	if wantsJSON(r) {
		writeJSON(w, status, apiError{Error: http.StatusText(status)})
		return
	}
	if status == http.StatusUnauthorized && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	p := &Page{Status: status, Data: status}
	p.Title = i18n.T(a.lang(r), "error."+strconv.Itoa(status)+".title", nil)
	tpl, err := a.tmpl.get("shell/error")
	if err != nil {
		a.log.Error("render error page", "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintln(w, http.StatusText(status))
		return
	}
	a.fillPage(r, p)
	var buf bytes.Buffer
	if err := tpl.ExecuteTemplate(&buf, "layout", p); err != nil {
		a.log.Error("render error page", "err", err)
		buf.Reset()
		buf.WriteString(http.StatusText(status))
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// Form is a form being edited: the values typed (kept on error) and the
// field errors to show beside each field.
type Form struct {
	Values url.Values
	Errors validate.Errors
	lang   i18n.Lang
}

// NewForm wraps the request's posted values with the errors of err (if any).
func (a *App) NewForm(r *http.Request, err error) *Form {
	f := &Form{Values: url.Values{}, lang: a.lang(r)}
	if r.Method == http.MethodPost || r.Method == http.MethodPut {
		_ = r.ParseForm()
		f.Values = r.PostForm
	}
	if errs, ok := validate.As(err); ok {
		f.Errors = errs
	}
	return f
}

// Get is a field's value.
func (f *Form) Get(name string) string {
	if f == nil {
		return ""
	}
	return f.Values.Get(name)
}

// Has reports whether a multi-value field holds value (checkboxes).
func (f *Form) Has(name, value string) bool {
	if f == nil {
		return false
	}
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// ErrorsFor returns the messages to show beside a field.
func (f *Form) ErrorsFor(name string) []string {
	if f == nil {
		return nil
	}
	return f.Errors.For(f.lang, name)
}

// General returns messages not tied to a field.
func (f *Form) General() []string { return f.ErrorsFor("") }

// Invalid reports whether the form has errors.
func (f *Form) Invalid() bool { return f != nil && len(f.Errors) > 0 }
