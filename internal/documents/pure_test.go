package documents

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/civil"
	"noichinh/internal/i18n"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

func TestSymbolKey(t *testing.T) {
	same := [][]string{
		{"08-QĐi/TU", "8-QĐI/TU", "08 - QĐi/TU", "08-qđi/tu"},
		{"30/2020/NĐ-CP", "30/2020/nđ-cp"},
		{"521/QĐ-TTg", "521/QĐ-TTG"},
	}
	for _, group := range same {
		for _, s := range group[1:] {
			if SymbolKey(s) != SymbolKey(group[0]) {
				t.Errorf("SymbolKey(%q) = %q, want %q", s, SymbolKey(s), SymbolKey(group[0]))
			}
		}
	}
	different := [][2]string{{"08-QĐi/TU", "08-QĐ/TU"}, {"48-CT/TW", "48-CT/TU"}, {"01-KH/TU", "10-KH/TU"}}
	for _, p := range different {
		if SymbolKey(p[0]) == SymbolKey(p[1]) {
			t.Errorf("SymbolKey(%q) = SymbolKey(%q)", p[0], p[1])
		}
	}
}

func TestIssuerLevel(t *testing.T) {
	for code, want := range map[string]string{"TW": LevelCentral, "VPTW": LevelCentral, "UBKTTW": LevelCentral,
		"TU": LevelProvincial, "BNCTU": LevelProvincial, "tu": LevelProvincial, "TTg": "", "ĐU": "", "TUCL": "", "BNCTU-CAT": ""} {
		if got := IssuerLevel(code); got != want {
			t.Errorf("IssuerLevel(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestSequenceKeys(t *testing.T) {
	parse := func(s string) cite.Symbol {
		sym, err := cite.ParseSymbol(s)
		if err != nil {
			t.Fatal(err)
		}
		return sym
	}
	seq := func(symbol string, issued string) sequence {
		var on civil.Date
		if issued != "" {
			on = d(issued)
		}
		return sequenceOf(parse(symbol), true, "", "", 0, on)
	}
	tests := []struct {
		name       string
		a, b       sequence
		termA      int64
		termB      int64
		sameNumber bool
	}{
		{"same party number, same term", seq("01-CT/TU", "2016-01-10"), seq("1-CT/TU", "2019-01-10"), 5, 5, true},
		{"same party number, next term", seq("01-CT/TU", "2016-01-10"), seq("01-CT/TU", "2021-01-10"), 5, 6, false},
		{"other kind", seq("01-CT/TU", "2016-01-10"), seq("01-KH/TU", "2016-01-10"), 5, 5, false},
		{"other issuer", seq("01-CT/TU", "2016-01-10"), seq("01-CT/BNCTU", "2016-01-10"), 5, 5, false},
		{"state, same year", seq("521/QĐ-TTg", "2005-06-13"), seq("521/QĐ-TTg", "2005-12-01"), 0, 0, true},
		{"state, next year", seq("521/QĐ-TTg", "2005-06-13"), seq("521/QĐ-TTg", "2006-06-13"), 0, 0, false},
		{"normative year from symbol", seq("30/2020/NĐ-CP", ""), seq("30/2020/NĐ-CP", "2020-03-08"), 0, 0, true},
	}
	for _, tt := range tests {
		ka, kb := tt.a.key(tt.termA), tt.b.key(tt.termB)
		if ka == "" || kb == "" {
			t.Errorf("%s: empty key %q %q", tt.name, ka, kb)
		}
		if (ka == kb) != tt.sameNumber {
			t.Errorf("%s: keys %q and %q", tt.name, ka, kb)
		}
	}
	if k := seq("01-CT/TU", "2016-01-10").key(0); k != "" {
		t.Errorf("a Party number without its term has key %q", k)
	}
	if k := seq("521/QĐ-TTg", "").key(0); k != "" {
		t.Errorf("a state number without its year has key %q", k)
	}
	old := seq("08/NQ/TC/CL", "1976-03-04")
	if old.Scheme != NumberingNone || old.key(0) == "" || old.key(0) == seq("08/NQ/TC/CL", "1977-01-01").key(0) {
		t.Errorf("old layout: %+v %q", old, old.key(0))
	}
	noSymbol := sequenceOf(cite.Symbol{}, false, cite.KindDecision, "14", 7, d("1978-02-20"))
	if noSymbol.key(0) == "" || sequenceOf(cite.Symbol{}, false, cite.KindDecision, "14", 0, d("1978-02-20")).key(0) != "" {
		t.Error("a document known by number alone is identified by kind, number, issuer and date")
	}
}

func TestDeriveStatus(t *testing.T) {
	var zero civil.Date
	tests := []struct {
		name  string
		facts statusFacts
		want  Status
		since civil.Date
	}{
		{"nothing", statusFacts{}, InForce, zero},
		{"amended", statusFacts{AmendedBy: []civil.Date{d("2020-01-02"), d("2019-05-06")}}, Amended, d("2019-05-06")},
		{"replaced wins over amended", statusFacts{AmendedBy: []civil.Date{d("2019-05-06")}, ReplacedBy: []civil.Date{zero, d("2021-01-01")}}, Replaced, d("2021-01-01")},
		{"replaced, date unknown", statusFacts{ReplacedBy: []civil.Date{zero}}, Replaced, zero},
		{"declared expired", statusFacts{Declared: Expired, DeclaredOn: d("2020-12-31"), AmendedBy: []civil.Date{d("2019-05-06")}}, Expired, d("2020-12-31")},
		{"replaced wins over expired", statusFacts{Declared: Expired, DeclaredOn: d("2020-12-31"), ReplacedBy: []civil.Date{d("2021-01-01")}}, Replaced, d("2021-01-01")},
		{"declared in force again", statusFacts{Declared: InForce, DeclaredOn: d("2022-01-01")}, InForce, d("2022-01-01")},
	}
	for _, tt := range tests {
		st, since := deriveStatus(tt.facts)
		if st != tt.want || since != tt.since {
			t.Errorf("%s: %s since %v, want %s since %v", tt.name, st, since, tt.want, tt.since)
		}
	}
}

func TestResolves(t *testing.T) {
	var zero civil.Date
	tests := []struct {
		given, citing, issued civil.Date
		want                  bool
	}{
		{zero, zero, zero, true},
		{zero, d("2016-12-22"), d("2016-07-15"), true},
		{zero, d("2016-12-22"), d("2021-07-15"), false}, // a text cannot cite what did not exist yet
		{d("2016-07-15"), zero, d("2016-07-15"), true},
		{d("2016-07-15"), zero, d("2021-07-15"), false}, // the same symbol of another term
		{d("2016-07-15"), zero, zero, true},
	}
	for _, tt := range tests {
		if got := resolves(tt.given, tt.citing, tt.issued); got != tt.want {
			t.Errorf("resolves(%v, %v, %v) = %v", tt.given, tt.citing, tt.issued, got)
		}
	}
}

func TestCheckInput(t *testing.T) {
	today := d("2026-11-22")
	tests := []struct {
		name  string
		in    Input
		field string
		key   string
	}{
		{"kind required", Input{Symbol: "48-CT/TW"}, "kind", "error.required"},
		{"unknown kind", Input{Symbol: "48-CT/TW", Kind: "memo"}, "kind", "documents.error.unknown_kind"},
		{"invalid symbol", Input{Symbol: "CT/48", Kind: cite.KindDirective}, "symbol", "documents.error.invalid_symbol"},
		{"kind mismatch", Input{Symbol: "48-NQ/TW", Kind: cite.KindDirective}, "kind", "documents.error.kind_mismatch"},
		{"number mismatch", Input{Symbol: "48-CT/TW", Number: "49", Kind: cite.KindDirective}, "number", "documents.error.number_mismatch"},
		{"year mismatch", Input{Symbol: "30/2020/NĐ-CP", Kind: cite.KindDecree, IssuedOn: d("2021-03-08")}, "issued_on", "documents.error.year_mismatch"},
		{"future", Input{Symbol: "48-CT/TW", Kind: cite.KindDirective, IssuedOn: d("2026-11-23")}, "issued_on", "documents.error.issued_in_future"},
		{"number required", Input{Kind: cite.KindDecision}, "number", "error.required"},
		{"number digits", Input{Kind: cite.KindDecision, Number: "14a"}, "number", "documents.error.invalid_number"},
		{"unknown field", Input{Kind: cite.KindDecision, Number: "14", Fields: []Field{"sports"}}, "fields", "documents.error.unknown_field"},
		{"clearance", Input{Kind: cite.KindDecision, Number: "14", Classification: access.TopSecret}, "classification", "error.classification_above_clearance"},
		{"bad classification", Input{Kind: cite.KindDecision, Number: "14", Classification: 7}, "classification", "error.invalid_choice"},
		{"auto number with symbol", Input{Kind: cite.KindPlan, Symbol: "01-KH/BNCTU", AutoNumber: true, IssuedOn: today}, "symbol", "documents.error.auto_number_given"},
		{"auto number without date", Input{Kind: cite.KindPlan, AutoNumber: true}, "issued_on", "error.required"},
		{"summary too long", Input{Kind: cite.KindDecision, Number: "14", Summary: strings.Repeat("a", maxSummaryLen+1)}, "summary", "error.too_long"},
	}
	for _, tt := range tests {
		_, errs := checkInput(tt.in, access.Secret, today)
		if !slices.ContainsFunc(errs, func(fe validate.FieldError) bool { return fe.Field == tt.field && fe.Key == tt.key }) {
			t.Errorf("%s: want %s %s, got %+v", tt.name, tt.field, tt.key, errs)
		}
	}
	c, errs := checkInput(Input{Symbol: " 08\u00a0-\u00a0qđi/TU ", Kind: cite.KindRegulation, IssuedOn: d("2018-12-25"),
		Fields: []Field{JudicialReform, InternalAffairs, JudicialReform}, Summary: "  chức  năng "}, access.Normal, today)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if c.Symbol != "08-QĐi/TU" || c.Number != "08" || c.Summary != "chức năng" ||
		!slices.Equal(c.Fields, []Field{InternalAffairs, JudicialReform}) {
		t.Errorf("normalised: %+v", c.Input)
	}
}

func TestSniffAndFileNames(t *testing.T) {
	docx := makeDOCX(t, "Xin chào")
	tests := []struct {
		name string
		data []byte
		file string
		want string
	}{
		{"pdf", []byte("%PDF-1.7\n..."), "a.pdf", TypePDF},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10}, "a.jpg", TypeJPEG},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "a.png", TypePNG},
		{"doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0}, "a.DOC", TypeDOC},
		{"ole that is not .doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0}, "a.xls", ""},
		{"docx", docx, "a.docx", TypeDOCX},
		{"xlsx", makeZip(t, map[string]string{"[Content_Types].xml": "x", "xl/workbook.xml": "<workbook/>"}), "a.xlsx", TypeXLSX},
		{"odt", makeZip(t, map[string]string{"mimetype": TypeODT, "content.xml": "x"}), "a.odt", TypeODT},
		{"other zip", makeZip(t, map[string]string{"a.txt": "x"}), "a.zip", ""},
		{"text", []byte("Chỉ thị số 48-CT/TW\n"), "a.txt", TypeText},
		{"executable", []byte("\x7fELF\x02\x01\x01\x00"), "a.txt", ""},
		{"latin-1 text", []byte("Ch\xe9"), "a.txt", ""},
	}
	for _, tt := range tests {
		if got := sniff(tt.data, tt.file); got != tt.want {
			t.Errorf("%s: sniff = %q, want %q", tt.name, got, tt.want)
		}
	}
	names := []struct{ in, media, want string }{
		{`C:\Users\cv\Documents\Báo cáo 6 tháng.pdf`, TypePDF, "Báo cáo 6 tháng.pdf"},
		{"../../etc/passwd", TypeText, "passwd.txt"},
		{"scan", TypeJPEG, "scan.jpg"},
		{"ảnh.JPEG", TypeJPEG, "ảnh.jpeg"},
		{"a<b>:c|d?.pdf", TypePDF, "a b c d.pdf"},
		{"...", TypePDF, "tep-dinh-kem.pdf"},
		{strings.Repeat("dài ", 100) + ".pdf", TypePDF, strings.TrimSpace(strings.Repeat("dài ", 100)[:0]) + ""},
	}
	for _, n := range names[:len(names)-1] {
		if got := cleanFileName(n.in, n.media); got != n.want {
			t.Errorf("cleanFileName(%q) = %q, want %q", n.in, got, n.want)
		}
	}
	if got := cleanFileName(names[len(names)-1].in, TypePDF); len([]rune(got)) > 150 || !strings.HasSuffix(got, ".pdf") {
		t.Errorf("long name: %q (%d)", got, len([]rune(got)))
	}
	if !extensionMismatch("scan.pdf", TypePNG) || extensionMismatch("scan.png", TypePNG) || extensionMismatch("scan.jfif", TypeJPEG) {
		t.Error("extensionMismatch")
	}
}

func makeZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// makeDOCX builds a minimal real Word document whose paragraphs are lines.
func makeDOCX(t testing.TB, lines ...string) []byte {
	t.Helper()
	var body strings.Builder
	for _, l := range lines {
		body.WriteString(`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>`)
		for i, part := range strings.Split(l, "\t") {
			if i > 0 {
				body.WriteString(`<w:r><w:tab/></w:r>`)
			}
			body.WriteString(`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + xmlEscape(part) + `</w:t></w:r>`)
		}
		body.WriteString(`</w:p>`)
	}
	return makeZip(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body.String() + `<w:sectPr/></w:body></w:document>`,
	})
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func TestExtractText(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seeds", "000_f1b89aaad398ff2a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(string(seed), "\n", 2)[0]
	utf16le := func(s string, bom []byte, order binary.AppendByteOrder) []byte {
		out := append([]byte{}, bom...)
		for _, u := range utf16.Encode([]rune(s)) {
			out = order.AppendUint16(out, u)
		}
		return out
	}
	tests := []struct {
		name string
		data []byte
		want string
		key  string
	}{
		{"docx paragraphs and tabs", makeDOCX(t, first, "Kế hoạch số 100-KH/TU\tngày 22/3/2019", "Ba & bốn"),
			first + "\nKế hoạch số 100-KH/TU\tngày 22/3/2019\nBa & bốn", ""},
		{"utf-8", []byte("Chỉ thị số 48-CT/TW"), "Chỉ thị số 48-CT/TW", ""},
		{"utf-8 with BOM", []byte("\xEF\xBB\xBFChỉ thị"), "Chỉ thị", ""},
		{"utf-16le", utf16le("Quyết định số 1045-QĐ/TU", []byte{0xFF, 0xFE}, binary.LittleEndian), "Quyết định số 1045-QĐ/TU", ""},
		{"utf-16be", utf16le("Quy định", []byte{0xFE, 0xFF}, binary.BigEndian), "Quy định", ""},
		{"odd utf-16", []byte{0xFF, 0xFE, 0x41}, "", "documents.error.text_not_utf8"},
		{"windows-1258", []byte("Ch\xf2 th\xf2"), "", "documents.error.text_not_utf8"},
		{"binary", []byte("\x00\x01\x02abc"), "", "documents.error.text_type_refused"},
		{"zip without a document", makeZip(t, map[string]string{"a.txt": "x"}), "", "documents.error.docx_unreadable"},
		{"empty", nil, "", "documents.error.file_empty"},
	}
	for _, tt := range tests {
		got, err := ExtractText("f", tt.data)
		if tt.key != "" {
			errs, ok := validate.As(err)
			if !ok || len(errs) != 1 || errs[0].Key != tt.key || errs[0].Field != "file" {
				t.Errorf("%s: want %s, got %v", tt.name, tt.key, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	// The name decides before the content: only .txt and .docx are read.
	for name, ok := range map[string]bool{"a.txt": true, "A.DOCX": true, "noext": true, "báo cáo.pdf": false,
		"x.doc": false, "dir.v2/plan.xlsx": false, `C:\tmp\ghi chú.TXT`: true} {
		_, err := ExtractText(name, []byte("Chỉ thị số 48-CT/TW"))
		if refused := err != nil; refused == ok {
			t.Errorf("%s: accepted %v, want %v (%v)", name, !refused, ok, err)
		}
	}
	// The text of a real DOCX is what cite reads.
	text, err := ExtractText("seed.docx", makeDOCX(t, strings.Split(string(seed), "\n")...))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(cite.Find(text)), len(cite.Find(string(seed))); got != want {
		t.Errorf("citations in the DOCX: %d, in the text: %d", got, want)
	}
}

func TestIssuerMatcher(t *testing.T) {
	units := []unit{
		{ID: 1, Name: "Tỉnh ủy Lạng Sơn", IssuerCode: "TU"},
		{ID: 2, Name: "Ban Thường vụ Tỉnh ủy", IssuerCode: "TU"},
		{ID: 3, Name: "Ban Chấp hành Đảng bộ tỉnh Lạng Sơn", IssuerCode: "TU"},
		{ID: 4, Name: "Bộ Chính trị", IssuerCode: "TW"},
		{ID: 5, Name: "Ban Bí thư Trung ương Đảng", IssuerCode: "TW"},
		{ID: 6, Name: "Tỉnh ủy Cao Lạng", IssuerCode: "TUCL", ValidFrom: d("1975-12-27"), ValidTo: d("1978-12-29")},
		{ID: 7, Name: "Thủ tướng Chính phủ", IssuerCode: "TTg"},
		{ID: 8, Name: "Liên khu ủy Việt Bắc", IssuerCode: "LKVB"},
	}
	for i := range units {
		units[i].NameKey = vntext.Key(units[i].Name)
	}
	m := newIssuerMatcher(units, "Lạng Sơn")
	tests := []struct {
		name, code string
		on         string
		want       int64
	}{
		{"Ban Thường vụ Tỉnh uỷ Lạng Sơn", "TU", "2013-05-27", 2},
		{"Ban Thường vụ Tỉnh ủy", "TU", "2018-12-25", 2},
		{"Tỉnh ủy", "TU", "2012-12-24", 1},
		{"Tỉnh ủy Lạng Sơn", "TU", "2019-03-22", 1},
		{"Ban Chấp hành Đảng bộ tỉnh", "TU", "2016-12-22", 3},
		{"Bộ Chính trị", "TW", "2010-10-22", 4},
		{"Ban Bí thư", "TW", "2019-01-22", 5},
		{"Ban Bí thư Trung ương Đảng", "TW", "2016-07-15", 5},
		{"Tỉnh ủy Cao Lạng", "", "1976-03-04", 6},
		{"Tỉnh ủy Cao Lạng", "", "1985-01-01", 0}, // dissolved by then
		{"Thủ tướng Chính phủ", "TTg", "2005-06-13", 7},
		{"", "TTg", "2005-06-13", 7}, // by issuer code alone
		{"", "TU", "2016-01-29", 0},  // several bodies share TU
		{"Sở Xây dựng", "", "2016-01-29", 0},
	}
	for _, tt := range tests {
		if got := m.match(tt.name, tt.code, d(tt.on)); got != tt.want {
			t.Errorf("match(%q, %q, %s) = %d, want %d", tt.name, tt.code, tt.on, got, tt.want)
		}
	}
}

func TestAdvisedFigures(t *testing.T) {
	rows := []advisedRow{
		{ID: 1, Kind: cite.KindPlan, Fields: []Field{Anticorruption}},
		{ID: 2, Kind: cite.KindDirective, Fields: []Field{InternalAffairs, JudicialReform}},
		{ID: 3, Kind: cite.KindPlan},
	}
	f := advisedFigures(civil.Range{From: d("2020-01-01"), To: d("2020-06-30")}, rows)
	if f.Total.Count != 3 || !slices.Equal(f.Total.DocumentIDs, []int64{1, 2, 3}) {
		t.Errorf("total %+v", f.Total)
	}
	want := map[Field][]int64{InternalAffairs: {2}, Anticorruption: {1}, JudicialReform: {2}}
	if len(f.ByField) != len(Fields) {
		t.Fatalf("by field %+v", f.ByField)
	}
	for _, ff := range f.ByField {
		if !slices.Equal(ff.DocumentIDs, want[ff.Field]) || ff.Count != len(want[ff.Field]) || ff.Filter.Field != ff.Field {
			t.Errorf("%s: %+v", ff.Field, ff.Figure)
		}
	}
	if len(f.ByKind) != 2 || f.ByKind[0].Kind != cite.KindDirective || f.ByKind[1].Count != 2 || f.ByKind[1].Filter.Kind != cite.KindPlan {
		t.Errorf("by kind %+v", f.ByKind)
	}
}

// TestMessagesExist checks every message key this package uses is in the catalog.
func TestMessagesExist(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	keyPattern := regexp.MustCompile(`"((?:documents|error)\.[a-z0-9_.]*[a-z0-9])"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyPattern.FindAllStringSubmatch(string(b), -1) {
			if !i18n.Has(m[1]) {
				t.Errorf("%s: message %s is not in the catalog", f, m[1])
			}
		}
	}
	for _, k := range Kinds() {
		if !i18n.Has("documents.kind." + k) {
			t.Errorf("no label for kind %s", k)
		}
	}
	for _, f := range Fields {
		if !i18n.Has("documents.field." + string(f)) {
			t.Errorf("no label for field %s", f)
		}
	}
	for _, s := range Statuses {
		if !i18n.Has("documents.status." + string(s)) {
			t.Errorf("no label for status %s", s)
		}
	}
	for _, r := range RelationTypes {
		if !i18n.Has("documents.relation."+r) || !i18n.Has("documents.relation_inverse."+r) {
			t.Errorf("no label for relation %s", r)
		}
	}
	if len(kindCodes) != len(kindOrder) {
		t.Errorf("%d kinds with codes, %d in display order", len(kindCodes), len(kindOrder))
	}
}
