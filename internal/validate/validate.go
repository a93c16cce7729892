// Package validate is the one way services report bad input: a list of
// field errors, each an i18n message key with parameters, so the UI shows
// each message beside its field in the user's language and the API returns
// them as JSON. A service validates everything before writing anything.
package validate

import (
	"errors"
	"strings"

	"noichinh/internal/i18n"
)

// FieldError is one problem with one input field. Field is the form/JSON
// field name ("received_on"); "" means the record as a whole.
type FieldError struct {
	Field  string         `json:"field"`
	Key    string         `json:"code"` // i18n key, e.g. "error.required"
	Params map[string]any `json:"params,omitempty"`
}

// Errors collects field errors; a nil or empty Errors is no error.
type Errors []FieldError

// Add records a problem.
func (e *Errors) Add(field, key string, params map[string]any) {
	*e = append(*e, FieldError{Field: field, Key: key, Params: params})
}

// Required adds error.required when value is blank.
func (e *Errors) Required(field, value string) {
	if strings.TrimSpace(value) == "" {
		e.Add(field, "error.required", nil)
	}
}

// MaxLen adds error.too_long when value has more than max characters.
func (e *Errors) MaxLen(field, value string, max int) {
	if len([]rune(value)) > max {
		e.Add(field, "error.too_long", map[string]any{"max": max})
	}
}

// Err returns e as an error, or nil when it is empty.
func (e Errors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// Error is the Vietnamese text of every problem, for logs and the CLI.
func (e Errors) Error() string {
	parts := make([]string, len(e))
	for i, fe := range e {
		msg := i18n.T(i18n.VI, fe.Key, fe.Params)
		if fe.Field != "" {
			msg = fe.Field + ": " + msg
		}
		parts[i] = msg
	}
	return strings.Join(parts, "; ")
}

// For returns the messages for one field in lang (for templates).
func (e Errors) For(lang i18n.Lang, field string) []string {
	var out []string
	for _, fe := range e {
		if fe.Field == field {
			out = append(out, i18n.T(lang, fe.Key, fe.Params))
		}
	}
	return out
}

// As extracts field errors from err, if it holds any.
func As(err error) (Errors, bool) {
	var e Errors
	ok := errors.As(err, &e)
	return e, ok
}
