// Package i18n is noichinh's message catalog: every visible text is a key
// with a Vietnamese and an English message. Modules keep their keys in
// messages/<module>.json; a test fails when a key lacks a language, when a
// template uses an unknown key, or when the two languages name different
// parameters.
//
// File format: {"key": {"vi": "Hạn {date}", "en": "Due {date}"}, …}.
// Parameters are written {name} and filled from a map; a literal brace is {{.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Lang is a UI language.
type Lang string

const (
	VI Lang = "vi" // default
	EN Lang = "en"
)

// Langs lists the UI languages, default first.
var Langs = []Lang{VI, EN}

// Parse returns the language named s, or VI.
func Parse(s string) Lang {
	if strings.HasPrefix(strings.ToLower(s), "en") {
		return EN
	}
	return VI
}

//go:embed messages/*.json
var files embed.FS

// Message is one key's texts.
type Message struct {
	VI string `json:"vi"`
	EN string `json:"en"`
}

var (
	loadOnce sync.Once
	catalog  map[string]Message
	loadErr  error
)

func load() {
	catalog = map[string]Message{}
	names, err := fs.Glob(files, "messages/*.json")
	if err != nil {
		loadErr = err
		return
	}
	for _, name := range names {
		b, err := files.ReadFile(name)
		if err != nil {
			loadErr = err
			return
		}
		var m map[string]Message
		if err := json.Unmarshal(b, &m); err != nil {
			loadErr = fmt.Errorf("i18n: %s: %w", name, err)
			return
		}
		for k, v := range m {
			if _, dup := catalog[k]; dup {
				loadErr = fmt.Errorf("i18n: key %q defined twice (again in %s)", k, name)
				return
			}
			catalog[k] = v
		}
	}
}

// Catalog returns every message by key (for tests and tools).
func Catalog() (map[string]Message, error) {
	loadOnce.Do(load)
	return maps.Clone(catalog), loadErr
}

// Has reports whether key exists.
func Has(key string) bool {
	loadOnce.Do(load)
	_, ok := catalog[key]
	return ok
}

// T returns the message key in lang with params filled in. An unknown key
// is returned as itself (visible in the page, and caught by the catalog test).
func T(lang Lang, key string, params map[string]any) string {
	loadOnce.Do(load)
	m, ok := catalog[key]
	if !ok {
		return key
	}
	text := m.VI
	if lang == EN && m.EN != "" {
		text = m.EN
	}
	if len(params) == 0 || !strings.Contains(text, "{") {
		return strings.ReplaceAll(text, "{{", "{")
	}
	return fill(text, params)
}

var paramPattern = regexp.MustCompile(`\{\{|\{([a-z_][a-z0-9_]*)\}`)

func fill(text string, params map[string]any) string {
	return paramPattern.ReplaceAllStringFunc(text, func(m string) string {
		if m == "{{" {
			return "{"
		}
		name := m[1 : len(m)-1]
		if v, ok := params[name]; ok {
			return fmt.Sprint(v)
		}
		return m
	})
}

// Params lists the parameter names used by a message text, sorted.
func Params(text string) []string {
	var out []string
	for _, m := range paramPattern.FindAllStringSubmatch(text, -1) {
		if m[1] != "" && !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}
