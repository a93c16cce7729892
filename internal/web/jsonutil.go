package web

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"net/http"
	"strings"
)

func encodeBase64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// jsonJS encodes v for a <script type="application/json"> block. The
// encoder escapes <, > and & so the text cannot close the script element.
func jsonJS(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	return template.JS(b), err
}

// apiError is the JSON body of every API error.
type apiError struct {
	Error  string `json:"error"`
	Fields any    `json:"fields,omitempty"`
}

// writeJSON writes v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"error":"encoding failed"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// WriteJSON is writeJSON for module API handlers.
func WriteJSON(w http.ResponseWriter, status int, v any) { writeJSON(w, status, v) }

// wantsJSON reports whether the request is for the JSON API.
func wantsJSON(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/")
}
