package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/buildinfo"
	"noichinh/internal/i18n"
	"noichinh/internal/store"
	"noichinh/internal/validate"
)

// APIOp documents one JSON API operation for the OpenAPI document.
type APIOp struct {
	Method, Path string // "GET", "/api/v1/cases/{id}"
	Summary      string // English
	Perm         access.Permission
	Params       []APIParam
	// Response is an example response body, shown as the schema's example.
	Response any
}

// APIParam is a query or path parameter.
type APIParam struct {
	Name, In, Description string // In: "query" or "path"
	Required              bool
}

// HandleAPI registers a JSON API route and documents it.
func (a *App) HandleAPI(op APIOp, h http.HandlerFunc) {
	rule := Need(op.Perm)
	a.router.HandleFunc(op.Method+" "+op.Path, rule, h)
	a.apiOps = append(a.apiOps, op)
}

func (a *App) routeAPI() {
	a.router.HandleFunc("GET /api/v1/openapi.json", Public, a.openAPI)
	a.HandleAPI(APIOp{Method: "GET", Path: "/api/v1/me", Summary: "The signed-in user, their organisation, role and permissions",
		Perm: access.Self}, a.apiMe)
	a.HandleAPI(APIOp{Method: "GET", Path: "/api/v1/search", Summary: "Search every module the user may see",
		Perm: access.Search, Params: []APIParam{{Name: "q", In: "query", Description: "words to find, any accents", Required: true},
			{Name: "limit", In: "query", Description: "at most this many results (≤ 100)"}}}, a.apiSearch)
}

func (a *App) apiMe(w http.ResponseWriter, r *http.Request) {
	actor := access.FromContext(r.Context())
	u, err := a.accounts.Me(r.Context())
	if err != nil {
		a.APIFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"user": u, "org_id": actor.OrgID, "role": actor.Role, "clearance": actor.Clearance.Code(),
		"permissions": actor.Role.Permissions(),
	})
}

func (a *App) apiSearch(w http.ResponseWriter, r *http.Request) {
	results, err := a.search.Search(r.Context(), r.URL.Query().Get("q"), 50)
	if err != nil {
		a.APIFail(w, r, err)
		return
	}
	type hit struct {
		Kind    string `json:"kind"`
		Title   string `json:"title"`
		Snippet string `json:"snippet"`
		URL     string `json:"url"`
	}
	out := []hit{}
	for _, res := range results {
		out = append(out, hit{res.Kind.Name, string(res.Title), string(res.Snippet), res.URL})
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": out})
}

// APIFail answers a service error as JSON: field errors 422 with the
// messages in the user's language, conflict 409, not found 404, forbidden 403.
func (a *App) APIFail(w http.ResponseWriter, r *http.Request, err error) {
	if errs, ok := validate.As(err); ok {
		lang := a.lang(r)
		type field struct {
			Field   string `json:"field"`
			Code    string `json:"code"`
			Message string `json:"message"`
		}
		var out []field
		for _, e := range errs {
			out = append(out, field{e.Field, e.Key, i18n.T(lang, e.Key, e.Params)})
		}
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: "invalid input", Fields: out})
		return
	}
	if errors.Is(err, store.ErrConflict) {
		writeJSON(w, http.StatusConflict, apiError{Error: "the record was changed by someone else; reload it"})
		return
	}
	a.Fail(w, r, err)
}

// DecodeJSON reads a JSON request body (at most 1 MiB) into v.
func DecodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return validate.Errors{{Key: "error.invalid_json", Params: map[string]any{"detail": err.Error()}}}
	}
	return nil
}

// openAPI serves the OpenAPI 3.1 document of the JSON API, built from the
// registered operations.
func (a *App) openAPI(w http.ResponseWriter, r *http.Request) {
	paths := map[string]map[string]any{}
	ops := slices.Clone(a.apiOps)
	slices.SortFunc(ops, func(x, y APIOp) int { return strings.Compare(x.Path+x.Method, y.Path+y.Method) })
	for _, op := range ops {
		item := paths[op.Path]
		if item == nil {
			item = map[string]any{}
			paths[op.Path] = item
		}
		var params []map[string]any
		for _, p := range op.Params {
			params = append(params, map[string]any{"name": p.Name, "in": p.In, "required": p.Required || p.In == "path",
				"description": p.Description, "schema": map[string]string{"type": "string"}})
		}
		resp := map[string]any{"description": "OK"}
		if op.Response != nil {
			resp["content"] = map[string]any{"application/json": map[string]any{"example": op.Response}}
		}
		entry := map[string]any{
			"summary":     op.Summary,
			"description": "Needs permission " + string(op.Perm) + ".",
			"responses": map[string]any{"200": resp,
				"401": map[string]string{"description": "no valid session or token"},
				"403": map[string]string{"description": "the role lacks the permission"},
				"404": map[string]string{"description": "no such record, or not visible to the user"},
				"422": map[string]string{"description": "invalid input, with one message per field"}},
		}
		if len(params) > 0 {
			entry["parameters"] = params
		}
		item[strings.ToLower(op.Method)] = entry
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "noichinh API", "version": buildinfo.Version,
			"description": "JSON API of noichinh. Authenticate with an API token created on the account page: " +
				"Authorization: Bearer nc_…. Read-scope tokens may only GET. Every answer honours the user's " +
				"organisation, role and clearance, exactly as the web pages do."},
		"components": map[string]any{"securitySchemes": map[string]any{
			"token": map[string]string{"type": "http", "scheme": "bearer"}}},
		"security": []map[string][]string{{"token": {}}},
		"paths":    paths,
	})
}
