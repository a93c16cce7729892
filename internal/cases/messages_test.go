package cases

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"noichinh/internal/i18n"
)

// Every message key the package uses, and a label for every value of every
// enum the pages show, are in the catalog in both languages.
func TestMessagesExist(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	keyPattern := regexp.MustCompile(`"((?:cases|error)\.[a-z_.]+)"`)
	found := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyPattern.FindAllStringSubmatch(string(src), -1) {
			found++
			if key := m[1]; !strings.HasSuffix(key, ".") && !i18n.Has(key) {
				t.Errorf("%s: message %q is not in the catalog", name, key)
			}
		}
	}
	if found < 30 {
		t.Errorf("only %d message keys found in the sources", found)
	}
	var labels []string
	for _, k := range Kinds {
		labels = append(labels, "cases.kind."+string(k))
	}
	for _, g := range Groups {
		if c := Category(g); c.Valid() {
			labels = append(labels, "cases.category."+string(c))
		} else {
			labels = append(labels, "cases.group."+string(g))
		}
	}
	for _, f := range Fields {
		labels = append(labels, "cases.field."+string(f))
	}
	for _, l := range []string{string(Monitored), string(Directed), OnAnyList, OnNoList} {
		labels = append(labels, "cases.level."+l)
	}
	for _, c := range OffenceClasses {
		labels = append(labels, "cases.offence."+string(c))
	}
	for _, f := range Flags {
		labels = append(labels, "cases.flag."+string(f))
	}
	for _, s := range Stages {
		labels = append(labels, "cases.stage."+string(s))
	}
	for _, k := range append(EventKinds, Opened, Retracted) {
		labels = append(labels, "cases.event."+string(k))
	}
	for _, d := range []DeadlineStatus{Running, Paused, NoRule, NeedsClass} {
		labels = append(labels, "cases.deadline."+string(d))
	}
	for _, key := range labels {
		if !i18n.Has(key) {
			t.Errorf("no label %q", key)
		}
	}
}
