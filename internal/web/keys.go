package web

import (
	"io/fs"
	"path"
	"regexp"
	"slices"

	"noichinh/internal/i18n"
)

// keyUses finds message keys written literally in templates: {{.T "key"}},
// {{$.T "key"}} and the "Label"/"Hint"/"Title" arguments of the partials.
var keyUses = regexp.MustCompile(`\.T "([a-z0-9_.]+)"|"(?:Label|Hint|Title|Empty)" "([a-z0-9_.]+)"`)

var templateComment = regexp.MustCompile(`(?s)\{\{/\*.*?\*/\}\}`)

// MissingKeys lists the message keys used by the templates in fsys that the
// catalog lacks. Each module's page package tests its templates with it.
func MissingKeys(fsys fs.FS) ([]string, error) {
	var missing []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".html" {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		for _, m := range keyUses.FindAllStringSubmatch(templateComment.ReplaceAllString(string(b), ""), -1) {
			key := m[1] + m[2]
			if key != "" && !i18n.Has(key) && !slices.Contains(missing, key) {
				missing = append(missing, p+": "+key)
			}
		}
		return nil
	})
	return missing, err
}
