package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The seed-004 organisation as it was on each date: its name, and the body
// it was under (an empty parent: it did not exist).
var seed004Tree = []struct {
	date, name, parent string
}{
	{"01/06/1975", "Đảng bộ Cơ quan Dân chính Đảng tỉnh Lạng Sơn", "Tỉnh ủy Lạng Sơn"},
	{"01/01/1977", "Đảng bộ Chính dân Đảng tỉnh Cao Lạng", "Tỉnh ủy Cao Lạng"},
	{"01/01/1980", "", ""},
	{"01/01/1985", "Đảng bộ Các cơ quan tỉnh Lạng Sơn", "Tỉnh ủy Lạng Sơn"},
	{"01/01/2005", "Đảng bộ Khối cơ quan dân chính Đảng tỉnh", "Tỉnh ủy Lạng Sơn"},
	{"01/01/2011", "Đảng bộ Khối các cơ quan tỉnh", "Tỉnh ủy Lạng Sơn"},
}

// seed004Names are every name the organisation (and the Cao Lạng body it
// merged into) bore.
var seed004Names = []string{"Đảng bộ Cơ quan Dân chính Đảng xung quanh tỉnh Lạng Sơn", "Đảng bộ Cơ quan Dân chính Đảng tỉnh Lạng Sơn",
	"Đảng bộ Chính dân Đảng tỉnh Cao Lạng", "Đảng bộ Các cơ quan tỉnh Lạng Sơn", "Đảng bộ Khối cơ quan dân chính Đảng tỉnh",
	"Đảng bộ Khối các cơ quan tỉnh"}

// treeParent returns the name of the tree node a unit named name is under
// ("" for a root), and whether the tree shows the unit at all.
func treeParent(b *Browser, name string) (string, bool) {
	js := fmt.Sprintf(`(() => {
		const a = Array.from(document.querySelectorAll("ul.tree a")).find(a => a.textContent.trim() === %q);
		if (!a) return "\u0000";
		const li = a.closest("li").parentElement.closest("li");
		if (!li) return "";
		return li.querySelector("summary a").textContent.trim();
	})()`, name)
	parent := Eval[string](b, js)
	return parent, parent != "\x00"
}

// waitFor waits until the text of sel contains want (the page after a
// submission has loaded), failing the test after a few seconds.
func waitFor(b *Browser, sel, want string) {
	b.t.Helper()
	js := fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, sel)
	for range 50 {
		if strings.Contains(Eval[string](b, js), want) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.t.Fatalf("%s never showed %q (page %s)", sel, want, b.Location())
}

func noInlineScriptOrStyle(b *Browser) {
	b.t.Helper()
	html := b.HTML()
	if regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`).MatchString(html) || strings.Contains(html, ` style="`) || strings.Contains(html, "<style") {
		b.Errorf("inline script or style")
	}
}

// A specialist walks seed 004's seventy years: the tree before and after
// the 1975 merger into the Cao Lạng body, the 1978 dissolution and the 1984
// re-establishment, the 2003 and 2010 names; the organisation's page with
// its secretaries on two days; and an event dated before 1954, refused
// beside its field with nothing changed.
func TestSpecialistWalksTheSeed004History(t *testing.T) {
	s := StartServer(t)
	b := NewBrowser(t, s)
	b.SignIn("chuyenvien1")
	b.Click(`nav.modules a[href="/units"]`)
	if got := b.Text("main h1"); got != "Đơn vị, nhân sự" {
		t.Fatalf("the units page heading is %q", got)
	}
	noInlineScriptOrStyle(b)
	for _, step := range seed004Tree {
		b.Fill("#f-as_of", step.date)
		b.Click(`main form.filters button[type=submit]`)
		waitFor(b, "#h-counts", step.date)
		if !strings.Contains(b.Location(), "as_of=") || !strings.Contains(b.Text("main h2"), step.date) {
			t.Fatalf("tree for %s: at %s, heading %q", step.date, b.Location(), b.Text("main h2"))
		}
		for _, name := range seed004Names {
			parent, shown := treeParent(b, name)
			switch {
			case name == step.name && !shown:
				b.Errorf("on %s the tree lacks %s", step.date, name)
			case name == step.name && parent != step.parent:
				b.Errorf("on %s %s is under %q, want %q", step.date, name, parent, step.parent)
			case name != step.name && shown:
				b.Errorf("on %s the tree shows %s", step.date, name)
			}
		}
	}

	// The organisation's page, from the 2011 tree.
	b.ClickLink("Đảng bộ Khối các cơ quan tỉnh")
	if got := b.Text("main h1"); got != "Đảng bộ Khối các cơ quan tỉnh" {
		t.Fatalf("unit page heading %q", got)
	}
	timeline := b.Text("#history")
	for _, want := range []string{"Sáp nhập vào", "Đảng bộ Chính dân Đảng tỉnh Cao Lạng", "Tái lập", "56-NQ/TU", "474-QĐ/TU", "1479-QĐ/TU"} {
		if !strings.Contains(timeline, want) {
			b.Errorf("the history lacks %q", want)
		}
	}
	for _, day := range []struct{ date, secretary, decision string }{
		{"13/10/2005", "Hoàng Trung Tuyến", "1013-QĐ/TU"},
		{"16/07/2020", "Nguyễn Hoàng Tùng", "Đại hội lần thứ XIV"},
	} {
		b.Fill("#f-as_of", day.date)
		b.Click(`main form.filters button[type=submit]`)
		waitFor(b, "#h-people", day.date)
		row := Eval[string](b, `(Array.from(document.querySelectorAll("#people tbody tr")).find(tr => tr.cells[0].textContent.trim() === "Bí thư") || {}).textContent || ""`)
		if !strings.Contains(row, day.secretary) || !strings.Contains(row, day.decision) {
			b.Errorf("secretary on %s: %q", day.date, row)
		}
	}
	terms := b.Text("#terms")
	for _, name := range []string{"Hoàng Thanh Sơn", "Dương Quốc Tiến", "Hoàng Trung Tuyến", "Vũ Văn An", "Nguyễn Hoàng Tùng"} {
		if !strings.Contains(terms, name) {
			b.Errorf("posts over time lack %s", name)
		}
	}
	noInlineScriptOrStyle(b)

	// An event dated before the organisation existed: refused beside the date, nothing recorded.
	events := Eval[int](b, `document.querySelectorAll("ol.timeline > li").length`)
	page := b.Location()
	b.Do("open the event form", chromedp.Click(chromedp.CSS("#form-event > summary")))
	Eval[bool](b, `(document.querySelector("#f-kind").value = "renamed") === "renamed"`)
	b.Fill("#f-effective_on", "01/01/1950")
	b.Fill("#f-name", "Đảng bộ thử nghiệm")
	b.Click("#form-event button[type=submit]")
	waitFor(b, ".form-errors", "Chưa lưu được")
	if got := b.Text("#e-effective_on"); !strings.Contains(got, "Ngày 01/01/1950 nằm ngoài thời gian tồn tại của đơn vị") {
		b.Errorf("error beside the date: %q", got)
	}
	if got := Eval[string](b, `document.querySelector("#f-name").value`); got != "Đảng bộ thử nghiệm" {
		b.Errorf("the name typed was not kept: %q", got)
	}
	if !b.Has(".form-errors") || !b.Has(`#f-effective_on[aria-invalid="true"]`) {
		b.Errorf("the refused form is not marked")
	}
	b.Go(strings.SplitN(page, "?", 2)[0])
	if n := Eval[int](b, `document.querySelectorAll("ol.timeline > li").length`); n != events {
		b.Errorf("a refused event changed the history: %d events, was %d", n, events)
	}
	if strings.Contains(b.Text("main"), "Đảng bộ thử nghiệm") {
		b.Errorf("the refused name was recorded")
	}
}

// On a phone the tree page fits the screen's width and its date field is
// at hand.
func TestUnitTreeOnAPhone(t *testing.T) {
	s := StartServer(t)
	b := NewBrowser(t, s)
	b.Do("phone viewport", chromedp.EmulateViewport(390, 844))
	b.SignIn("chuyenvien1")
	b.Go("/units?as_of=1977-01-01")
	if overflow := Eval[int](b, `document.documentElement.scrollWidth - window.innerWidth`); overflow > 0 {
		b.Errorf("the tree page is %dpx wider than the phone", overflow)
	}
	if !Eval[bool](b, `(() => { const r = document.querySelector("#f-as_of").getBoundingClientRect(); return r.width > 100 && r.right <= window.innerWidth; })()`) {
		b.Errorf("the date field is not usable on a phone")
	}
	if _, shown := treeParent(b, "Đảng bộ Chính dân Đảng tỉnh Cao Lạng"); !shown {
		b.Errorf("the 1977 tree lacks the Cao Lạng body on a phone")
	}
	b.ClickLink("Đảng bộ Chính dân Đảng tỉnh Cao Lạng")
	b.ClickLink("Đảng bộ Khối các cơ quan tỉnh")
	if overflow := Eval[int](b, `document.documentElement.scrollWidth - window.innerWidth`); overflow > 0 {
		b.Errorf("a unit page is %dpx wider than the phone: %s", overflow, Eval[string](b, `Array.from(document.querySelectorAll("main *")).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + "." + e.className + "#" + e.id + " " + Math.round(e.getBoundingClientRect().right)).join(" | ")`))
	}
}
