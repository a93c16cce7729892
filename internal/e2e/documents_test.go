package e2e

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"noichinh/internal/civil"
	"noichinh/internal/vntext"
)

// inlineCode finds inline script (other than JSON data blocks) or style.
var inlineCode = regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]|\sstyle="|<style`)

func checkNoInlineCode(b *Browser) {
	b.t.Helper()
	// JSON data blocks are not code; Chart.js styles its canvases through
	// the DOM, which the policy allows.
	html := regexp.MustCompile(`(?s)<script type="application/json"[^>]*>.*?</script>|<canvas[^>]*>`).ReplaceAllString(b.HTML(), "")
	if inlineCode.MatchString(html) {
		b.Errorf("inline script or style on %s", b.Location())
	}
}

// docxOf builds a minimal Word document whose paragraphs are lines.
func docxOf(t *testing.T, lines ...string) []byte {
	t.Helper()
	var body strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&body, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, xmlText.Replace(l))
	}
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body.String() + `</w:body></w:document>`,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// A specialist pastes a paragraph that cites two registered documents and
// one that is not, sees the citations highlighted and the unknown one
// pre-filled with its issuer and date, registers it with its relation in one
// step, and finds the relation and the graph on the new document's page;
// then reads the same citations from an uploaded .docx, and is told clearly
// that a PDF cannot be read.
func TestDocumentsPasteATextWorkflow(t *testing.T) {
	s := StartServer(t)
	b := NewBrowser(t, s)
	b.SignIn("chuyenvien1")

	// A plan of the standing board issued a few days ago (the demo's dates
	// are relative to the day it is loaded, and an issue date cannot be in
	// the future).
	issued := civil.Today().AddDays(-10)
	date := fmt.Sprintf("%d/%d/%d", issued.Day, int(issued.Month), issued.Year)
	text := "Thực hiện Chỉ thị số 48-CT/TW, ngày 22/10/2010 của Bộ Chính trị và Kết luận số 05-KL/TW, ngày 15/7/2016 " +
		"của Ban Bí thư, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 215-KH/TU, ngày " + date +
		" của Ban Thường vụ Tỉnh ủy về thực hiện Chỉ thị số 48-CT/TW; các cơ quan, đơn vị triển khai nghiêm túc."

	b.Go("/documents")
	b.ClickLink("Đọc văn bản, tìm trích dẫn")
	if got := b.Text("main h1"); got != "Đọc văn bản, tìm trích dẫn" {
		b.Errorf("analyze page heading %q", got)
	}
	b.Do("paste the text", chromedp.SetValue(chromedp.CSS(`#f-text`), text))
	b.Click("main form.analyze-form button[type=submit]")

	// The citations are highlighted: the registered ones link to their
	// documents, the unknown one is marked and anchored to its draft.
	known := Eval[[]string](b, `Array.from(document.querySelectorAll(".analyzed-text mark.ref.known")).map(m => m.textContent)`)
	unknown := Eval[[]string](b, `Array.from(document.querySelectorAll(".analyzed-text mark.ref.unknown")).map(m => m.textContent)`)
	if len(known) != 3 || !strings.Contains(strings.Join(known, "|"), "48-CT/TW") || !strings.Contains(strings.Join(known, "|"), "05-KL/TW") {
		b.Errorf("registered citations highlighted: %q", known)
	}
	if len(unknown) != 1 || !strings.Contains(unknown[0], "215-KH/TU") {
		b.t.Fatalf("unknown citations highlighted: %q", unknown)
	}
	if href := Eval[string](b, `document.querySelector(".analyzed-text mark.ref.known").closest("a").getAttribute("href")`); !strings.HasPrefix(href, "/documents/") {
		b.Errorf("a registered citation links to %q", href)
	}
	// The unknown plan is chosen for registration, pre-filled from the text.
	idx := Eval[string](b, `document.querySelector("li.found-doc.unknown input[name=pick]").value`)
	pre := "d" + idx + "."
	value := func(name string) string {
		return Eval[string](b, fmt.Sprintf(`document.querySelector('[name="%s"]').value`, pre+name))
	}
	selected := func(name string) string {
		return Eval[string](b, fmt.Sprintf(`(s => s.options[s.selectedIndex].text)(document.querySelector('[name="%s"]'))`, pre+name))
	}
	if !Eval[bool](b, `document.querySelector("li.found-doc.unknown input[name=pick]").checked`) {
		b.Errorf("the unknown document is not chosen for registration")
	}
	if got := value("symbol"); got != "215-KH/TU" {
		b.Errorf("draft symbol %q", got)
	}
	if got := value("kind"); got != "plan" {
		b.Errorf("draft kind %q", got)
	}
	if got := selected("issuer_unit_id"); got != "Ban Thường vụ Tỉnh ủy Lạng Sơn" {
		b.Errorf("draft issuer %q", got)
	}
	if got, want := value("issued_on"), vntext.Date(issued); got != want {
		b.Errorf("draft issue date %q, want %q", got, want)
	}
	if got := value("summary"); got != "thực hiện Chỉ thị số 48-CT/TW" {
		b.Errorf("draft summary %q", got)
	}
	rels := b.Text("ul.found-rels")
	if !strings.Contains(rels, "215-KH/TU") || !strings.Contains(rels, "48-CT/TW") {
		b.Errorf("relations found: %s", rels)
	}
	if !Eval[bool](b, `Array.from(document.querySelectorAll("ul.found-rels li")).some(li => li.textContent.includes("215-KH/TU") && li.textContent.includes("48-CT/TW") && li.querySelector("input[name=rel]").checked && li.querySelector("select").value === "implements")`) {
		b.Errorf("the relation 215-KH/TU implements 48-CT/TW is not offered")
	}
	checkNoInlineCode(b)

	// One submit registers the plan and its relations.
	b.Do("mark as advised", chromedp.Click(chromedp.CSS(fmt.Sprintf(`[name="%sadvised_by_committee"]`, pre))))
	b.Click("main form.found .sticky-actions button[type=submit]")
	if flash := b.Text(".flash.ok"); !strings.Contains(flash, "Đã đăng ký 1 văn bản") || !strings.Contains(flash, "215-KH/TU") {
		b.t.Fatalf("after registering: %q", flash)
	}
	if got := b.Text("main h1"); !strings.Contains(got, "215-KH/TU") {
		b.t.Fatalf("the new document's page: %q", got)
	}
	newDoc := b.Location()
	facts := b.Text("dl.facts")
	for _, want := range []string{"Kế hoạch", "Ban Thường vụ Tỉnh ủy Lạng Sơn", vntext.Date(issued), "thực hiện Chỉ thị số 48-CT/TW"} {
		if !strings.Contains(facts, want) {
			b.Errorf("the new document's facts lack %q: %s", want, facts)
		}
	}
	relations := b.Text("#relations table")
	if !strings.Contains(relations, "Văn bản này thực hiện") || !strings.Contains(relations, "48-CT/TW") {
		b.Errorf("the relation is not on the page: %s", relations)
	}
	// The graph: the plan in the middle, what it implements to its left, as links.
	if !b.Has(`#graph svg a.node.root`) {
		b.Errorf("no graph with the document as its root")
	}
	target48 := Eval[string](b, `Array.from(document.querySelectorAll("#relations a")).find(a => a.textContent === "48-CT/TW").getAttribute("href")`)
	if !b.Has(fmt.Sprintf(`#graph svg a.node[href="%s"]`, target48)) {
		b.Errorf("the graph has no node for 48-CT/TW (%s)", target48)
	}
	rootX := Eval[float64](b, `+document.querySelector("#graph a.node.root rect").getAttribute("x")`)
	x48 := Eval[float64](b, fmt.Sprintf(`+document.querySelector('#graph a.node[href="%s"] rect').getAttribute("x")`, target48))
	if x48 >= rootX {
		b.Errorf("what the plan implements is drawn right of it (%v ≥ %v)", x48, rootX)
	}
	if n := Eval[int](b, `document.querySelectorAll("#graph svg path.edge").length`); n < 2 {
		b.Errorf("graph edges: %d", n)
	}
	checkNoInlineCode(b)

	// The document it implements shows it as implementing it.
	b.Go(target48)
	if rel := b.Text("#relations table"); !strings.Contains(rel, "215-KH/TU") || !strings.Contains(rel, "được thực hiện bởi") {
		b.Errorf("48-CT/TW does not show the plan: %s", rel)
	}

	// A relation to a document not registered is drawn dashed with a
	// button that opens the registration form pre-filled.
	b.Go(newDoc)
	b.Do("open the relation form", chromedp.Click(chromedp.CSS(`details.addrel summary`)))
	b.Do("relation type", chromedp.SetValue(chromedp.CSS(`#f-type`), "based_on"))
	b.Fill(`[name="target.symbol"]`, "1045-QĐ/TU")
	b.Fill(`[name="target.issued"]`, "27/5/2013")
	b.Click(`details.addrel button[type=submit]`)
	if flash := b.Text(".flash.ok"); !strings.Contains(flash, "Đã thêm quan hệ") {
		b.Errorf("adding a relation: %q", flash)
	}
	b.Do("open the relation form", chromedp.Click(chromedp.CSS(`details.addrel summary`)))
	b.Do("relation type", chromedp.SetValue(chromedp.CSS(`#f-type`), "based_on"))
	earlier := issued.AddDays(-30)
	b.Fill(`[name="target.symbol"]`, "77-QĐ/TU")
	b.Fill(`[name="target.issued"]`, vntext.Date(earlier))
	b.Click(`details.addrel button[type=submit]`)
	if !b.Has(`#graph svg g.node.unreg a.regbtn`) {
		b.t.Fatalf("no dashed node with a registration button")
	}
	b.Click(`#graph ul.pending a.button`)
	if !strings.HasPrefix(b.Location(), "/documents/new?") {
		b.t.Fatalf("the registration button went to %s", b.Location())
	}
	if got := Eval[string](b, `document.querySelector("#f-symbol").value + " " + document.querySelector("#f-issued_on").value + " " + document.querySelector("#f-kind").value`); got != "77-QĐ/TU "+vntext.Date(earlier)+" decision" {
		b.Errorf("the registration form is pre-filled with %q", got)
	}
	b.Do("issuer", chromedp.SetValue(chromedp.CSS(`#f-issuer_unit_id`), Eval[string](b,
		`Array.from(document.querySelectorAll("#f-issuer_unit_id option")).find(o => o.text === "Ban Thường vụ Tỉnh ủy Lạng Sơn").value`)))
	b.Do("summary", chromedp.SetValue(chromedp.CSS("#f-summary"), "một quyết định chưa có trong sổ"))
	b.Click("main form.docform .actions button[type=submit]")
	if got := b.Text("main h1"); !strings.Contains(got, "77-QĐ/TU") {
		b.t.Fatalf("after registering from the graph: %q (%s)", got, b.Text("main"))
	}
	b.Go(newDoc)
	if b.Has(`#graph svg g.node.unreg`) {
		b.Errorf("the registered document is still drawn unregistered")
	}

	// The same citations from an uploaded .docx: now all registered.
	dir := t.TempDir()
	docx := filepath.Join(dir, "bao-cao.docx")
	if err := os.WriteFile(docx, docxOf(t, "BÁO CÁO", text, "Nơi nhận: như trên."), 0o600); err != nil {
		t.Fatal(err)
	}
	b.Go("/documents/analyze")
	b.Do("choose the .docx", chromedp.SetUploadFiles(chromedp.CSS(`#f-file`), []string{docx}))
	b.Click("main form.analyze-form button[type=submit]")
	if got := b.Text(".analyze-result-name"); !strings.Contains(got, "bao-cao.docx") {
		b.Errorf("the result does not name the file: %q", got)
	}
	known = Eval[[]string](b, `Array.from(document.querySelectorAll(".analyzed-text mark.ref.known")).map(m => m.textContent)`)
	if len(known) != 4 || b.Has(".analyzed-text mark.ref.unknown") {
		b.Errorf("citations of the .docx: known %q, unknown present %v", known, b.Has(".analyzed-text mark.ref.unknown"))
	}
	if !strings.Contains(b.Text(".analyzed-text"), "Nơi nhận: như trên.") {
		b.Errorf("the .docx text is not shown")
	}

	// A PDF is refused beside the file field.
	pdf := filepath.Join(dir, "bao-cao.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n%âãÏÓ\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	b.Go("/documents/analyze")
	b.Do("choose the .pdf", chromedp.SetUploadFiles(chromedp.CSS(`#f-file`), []string{pdf}))
	b.Click("main form.analyze-form button[type=submit]")
	if got := b.Text("#e-file"); !strings.Contains(got, ".txt") || !strings.Contains(got, ".docx") {
		b.Errorf("a PDF is not refused clearly: %q", got)
	}

	// The other pages carry no inline code either; the figures draw their
	// charts, and the plan marked advised is counted in its year.
	for _, path := range []string{"/documents", "/documents?advised=1&field=anticorruption", "/documents/new?kind=plan",
		newDoc + "/edit", "/documents/figures?from=" + vntext.Date(civil.New(issued.Year, 1, 1)) + "&to=" + vntext.Date(issued)} {
		b.Go(path)
		checkNoInlineCode(b)
	}
	if !Eval[bool](b, `Array.from(document.querySelectorAll("canvas[data-chart]")).every(c => c.dataset.drawn === "1")`) {
		b.Errorf("the figures' charts are not drawn")
	}
	b.Go(Eval[string](b, `Array.from(document.querySelectorAll("table.figures tr")).find(tr => tr.cells[0].textContent === "Kế hoạch").querySelector("a").getAttribute("href")`))
	if !strings.Contains(b.Text("main table"), "215-KH/TU") {
		b.Errorf("the advised plan is not behind its figure: %s", b.Text("main"))
	}
}
