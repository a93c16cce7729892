package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// shot saves a screenshot of the whole page as a PNG into the folder
// NOICHINH_E2E_SHOTS names, for a person to look at; nothing otherwise.
func shot(b *Browser, name string) {
	b.t.Helper()
	dir := os.Getenv("NOICHINH_E2E_SHOTS")
	if dir == "" {
		return
	}
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	_ = os.MkdirAll(dir, 0o755)
	_ = os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}

// figure is the number shown for a figure of the figures page.
func figure(b *Browser, key string) string {
	b.t.Helper()
	return b.Text(`[data-fig="` + key + `"]`)
}

// A specialist checks the seeds' figures on the figures page, follows a
// number to the cases behind it, records an urging on a case and finds it
// on the timeline, is refused (in Vietnamese, beside the field) taking off
// a list a case that is not on one, and opens the due list.
func TestCasesSpecialistWorkflow(t *testing.T) {
	s := StartServer(t)
	b := NewBrowser(t, s)
	b.SignIn("chuyenvien1")

	// Seed 001: the first half of 2020.
	b.Go("/cases")
	b.ClickLink("Số liệu vụ án, vụ việc")
	b.Fill("#f-from", "01/01/2020")
	b.Fill("#f-to", "30/06/2020")
	b.Click("main form.periodform button[type=submit]")
	for key, want := range map[string]string{
		"watch.directed.corruption.followed":                        "4",
		"watch.directed.corruption.carried_over":                    "2",
		"watch_involving_leaders.any.economic.followed":             "5",
		"watch_involving_leaders.directed.economic.followed":        "2",
		"watch_involving_leaders.directed.economic.removed":         "1",
		"watch_involving_leaders.any.economic.at_end":               "4",
		"watch_involving_leaders.directed.internal_affairs.removed": "1",
	} {
		if got := figure(b, key); got != want {
			b.Errorf("2020-01-01…2020-06-30 %s = %q, want %s", key, got, want)
		}
	}
	narrative := Eval[string](b, `document.querySelector("#narrative").value`)
	for _, want := range []string{"5 vụ án kinh tế liên quan đến cán bộ lãnh đạo, quản lý",
		"4 vụ án tham nhũng (trong đó 2 vụ án năm 2019 chuyển sang)"} {
		if !strings.Contains(narrative, want) {
			b.Errorf("the report paragraph lacks %q:\n%s", want, narrative)
		}
	}
	if !Eval[bool](b, `!!document.querySelector('canvas[data-chart="chart-watch"][data-drawn]')`) {
		b.Errorf("the chart is not drawn")
	}
	checkNoInlineCode(b)
	shot(b, "cases-figures-2020h1")

	// The 4 corruption cases directed: the number opens their list.
	b.Click(`[data-fig="watch.directed.corruption.followed"] a`)
	if !strings.HasPrefix(b.Location(), "/cases?") {
		b.t.Fatalf("the figure's link led to %s", b.Location())
	}
	if rows := Eval[int](b, `document.querySelectorAll("table.caselist tbody tr").length`); rows != 4 {
		b.Errorf("the list behind the figure has %d rows, want 4", rows)
	}
	if note := b.Text(".flash.info"); !strings.Contains(note, "01/01/2020") || !strings.Contains(note, "Tham nhũng") {
		b.Errorf("the list does not say which figure it shows: %q", note)
	}
	if total := b.Text("main p.muted:last-of-type"); !strings.Contains(total, "4") {
		b.Errorf("total: %q", total)
	}
	checkNoInlineCode(b)
	shot(b, "cases-list-figure")

	// Seed 000: since the Committee was founded, typed the Vietnamese way.
	b.Go("/cases/figures?from=01/06/2013&to=30/06/2020")
	for key, want := range map[string]string{
		"watch.monitored.all.added": "17", "watch.monitored.corruption.added": "4",
		"watch.monitored.internal_affairs.added": "13", "watch.directed.all.added": "7",
		"watch.directed.corruption.added": "4", "watch.directed.internal_affairs.added": "3",
		"wrongful_convictions": "0",
	} {
		if got := figure(b, key); got != want {
			b.Errorf("2013-06-01…2020-06-30 %s = %q, want %s", key, got, want)
		}
	}

	// A case of mine on a list: record an urging, see it on the timeline.
	b.Go("/cases?assignee=me&level=any")
	shot(b, "cases-list-mine")
	b.Click("table.caselist tbody tr:first-child td.ref a")
	caseURL := b.Location()
	b.Click(`#record a[href*="record=urged"]`)
	if h := b.Text("#record h2"); !strings.Contains(h, "Đôn đốc") {
		b.t.Fatalf("urging form heading %q", h)
	}
	b.Fill("#f-document_symbol", "215-CV/BNCTU")
	b.Do("note", chromedp.SetValue(chromedp.CSS("#f-note"), "Đề nghị Cơ quan Cảnh sát điều tra khẩn trương kết thúc điều tra."))
	b.Click("#record form button[type=submit]")
	if flash := b.Text(".flash.ok"); !strings.Contains(flash, "Đôn đốc") {
		b.Errorf("after recording the urging: %q", flash)
	}
	if tl := b.Text("#timeline"); !strings.Contains(tl, "215-CV/BNCTU") || !strings.Contains(tl, "khẩn trương kết thúc điều tra") {
		b.Errorf("the urging is not on the timeline: %s", tl)
	}
	if who := b.Text("#timeline li:last-child .muted"); !strings.Contains(who, "chuyenvien1") {
		b.Errorf("the timeline does not say who entered the urging: %q", who)
	}
	checkNoInlineCode(b)
	shot(b, "cases-show")

	// A case of mine taken off its list: taking it off again is refused
	// beside the field, in Vietnamese, and nothing changes.
	b.Go("/cases?assignee=me&level=none")
	b.Click("table.caselist tbody tr:first-child td.ref a")
	offURL := b.Location()
	before := Eval[int](b, `document.querySelectorAll("#timeline li").length`)
	b.Click(`#record a[href*="record=watch_removed"]`)
	b.Fill("#f-document_symbol", "99-TB/BNCTU")
	b.Fill("#f-reason", "Đã xét xử xong.")
	b.Click("#record form button[type=submit]")
	if got := b.Text("#e-kind"); got != "Vụ việc không nằm trong diện theo dõi nào vào ngày này." {
		b.Errorf("taking off a case on no list: %q", got)
	}
	if got := Eval[string](b, `document.querySelector("#f-document_symbol").value`); got != "99-TB/BNCTU" {
		b.Errorf("the symbol typed is not kept: %q", got)
	}
	shot(b, "cases-refused")
	b.Go(offURL)
	if after := Eval[int](b, `document.querySelectorAll("#timeline li").length`); after != before {
		b.Errorf("the refused entry changed the timeline: %d events, was %d", after, before)
	}
	if caseURL == offURL {
		b.Errorf("the same case is on a list and on none")
	}

	// The due list: my overdue and due-soon cases.
	b.Go("/")
	b.ClickLink("Vụ án, vụ việc đến hạn")
	if h := b.Text("main h1"); h != "Hồ sơ đến hạn, quá hạn" {
		b.Errorf("due page heading %q", h)
	}
	if n := Eval[int](b, `document.querySelectorAll("#overdue tbody tr, #soon tbody tr").length`); n == 0 {
		b.Errorf("the due lists are empty")
	}
	checkNoInlineCode(b)
	shot(b, "cases-due")

	// On a phone the pages fit the screen (tables scroll inside their frame).
	b.Do("phone viewport", chromedp.EmulateViewport(390, 844))
	for _, path := range []string{"/cases", caseURL, "/cases/figures?from=01/01/2020&to=30/06/2020", "/cases/due"} {
		b.Go(path)
		if overflow := Eval[int](b, `document.documentElement.scrollWidth - window.innerWidth`); overflow > 0 {
			b.Errorf("%s is %dpx wider than a phone", path, overflow)
		}
	}
	b.Go(caseURL)
	shot(b, "cases-show-phone")
	b.Go("/cases")
	shot(b, "cases-list-phone")
}
