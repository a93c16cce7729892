package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// runCiteCLI runs "noichinh cite" in-process with stdin as standard input.
func runCiteCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cliEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		getenv: func(string) string { return "" }}
	code = runMain(context.Background(), env, append([]string{"cite"}, args...))
	return code, out.String(), errb.String()
}

func TestCiteStdin(t *testing.T) {
	text := "Kế hoạch số 102-KH/TU, ngày 10/4/2019 của Tỉnh ủy về thực hiện Chỉ thị số 27-CT/TW của Bộ Chính trị.\n" +
		"Thực hiện Quyết định số 14 <của> Ban Bí thư."
	code, out, errs := runCiteCLI(t, text)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := []string{
		`{"file":"-","start":0,"end":27,"kind":"plan","kind_code":"KH","number":"102","symbol":"102-KH/TU","issuer_code":"TU","issued":"2019-04-10","issuer":"Tỉnh ủy","summary":"thực hiện Chỉ thị số 27-CT/TW","relations":[{"type":"implements","symbol":"27-CT/TW"}]}`,
		`{"file":"-","start":82,"end":107,"kind":"directive","kind_code":"CT","number":"27","symbol":"27-CT/TW","issuer_code":"TW","issued":"","issuer":"Bộ Chính trị","summary":"","relations":[]}`,
		`{"file":"-","start":147,"end":170,"kind":"decision","kind_code":"QĐ","number":"14","symbol":"","issuer_code":"","issued":"","issuer":"","summary":"","relations":[]}`,
	}
	if !reflect.DeepEqual(lines, want) {
		t.Fatalf("output:\n%s\nwant:\n%s", out, strings.Join(want, "\n"))
	}
	// The offsets are byte offsets of the input.
	for _, line := range lines {
		var rec struct{ Start, End int }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		if span := text[rec.Start:rec.End]; !strings.HasSuffix(span, "102-KH/TU") && !strings.HasSuffix(span, "27-CT/TW") && span != "Quyết định số 14" {
			t.Errorf("span %q", span)
		}
	}
}

func TestCiteFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	empty := filepath.Join(dir, "empty.txt")
	writeFile(t, a, "Chỉ thị số 48-CT/TW, ngày 22/10/2010 của Bộ Chính trị.")
	writeFile(t, b, "Không có trích dẫn, chỉ có 4,5 tỷ đồng.\nNghị định 30/2020/NĐ-CP.")
	writeFile(t, empty, "")
	code, out, errs := runCiteCLI(t, "Chỉ thị số 1-CT/TU", a, empty, "-", b)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var files, symbols []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if len(rec) != 12 {
			t.Errorf("line has %d keys, want 12: %s", len(rec), line)
		}
		files = append(files, rec["file"].(string))
		symbols = append(symbols, rec["symbol"].(string))
	}
	if want := []string{a, "-", b}; !reflect.DeepEqual(files, want) {
		t.Errorf("files %q, want %q", files, want)
	}
	if want := []string{"48-CT/TW", "1-CT/TU", "30/2020/NĐ-CP"}; !reflect.DeepEqual(symbols, want) {
		t.Errorf("symbols %q, want %q", symbols, want)
	}
}

func TestCiteErrorsPrintNothing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	bad := filepath.Join(dir, "bad.txt")
	writeFile(t, good, "Chỉ thị số 48-CT/TW của Bộ Chính trị.")
	writeFile(t, bad, "Quyết định số 12\xff-QĐ/TU")
	missing := filepath.Join(dir, "missing.txt")
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		err   string
	}{
		{"invalid UTF-8 in a later file", "", []string{good, bad}, 1, "noichinh cite: " + bad + ": invalid UTF-8 at byte offset 23\n"},
		{"invalid UTF-8 on stdin", "ok \xe1\xbb", nil, 1, "noichinh cite: -: invalid UTF-8 at byte offset 3\n"},
		{"missing file", "", []string{good, missing}, 1, "noichinh cite: " + missing + ": no such file or directory\n"},
		{"unknown flag", "", []string{"-x"}, 2, "noichinh cite: flag provided but not defined: -x\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCiteCLI(t, tt.stdin, tt.args...)
			if code != tt.code || out != "" || errs != tt.err {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, no output, stderr %q", code, out, errs, tt.code, tt.err)
			}
		})
	}
}

func TestCiteHelp(t *testing.T) {
	code, out, _ := runCiteCLI(t, "", "-h")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"usage: noichinh cite [FILE…]", "standard input", "issuer_code", "relations", "valid UTF-8", "exit status 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
