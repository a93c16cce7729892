package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"noichinh/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// run executes a command in-process with its own streams and environment.
func run(t *testing.T, environ map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cliEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		getenv: func(k string) string { return environ[k] }}
	code = runMain(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func TestHelpListsEveryCommand(t *testing.T) {
	code, out, _ := run(t, nil, "help")
	if code != 0 {
		t.Fatalf("help exit %d", code)
	}
	for name := range commands {
		if !strings.Contains(out, "  "+name+" ") {
			t.Errorf("help does not list %s:\n%s", name, out)
		}
	}
	for name := range commands {
		code, out, _ := run(t, nil, name, "-h")
		if code != 0 || !strings.Contains(out, "usage: noichinh "+name) {
			t.Errorf("%s -h: exit %d, output %q", name, code, out)
		}
	}
}

func TestUsageErrorsExit2WithOneLine(t *testing.T) {
	cases := []struct {
		name    string
		environ map[string]string
		args    []string
		want    string
	}{
		{"unknown command", nil, []string{"frobnicate"}, "unknown command"},
		{"unknown flag", nil, []string{"migrate", "-bogus"}, "flag provided but not defined: -bogus"},
		{"malformed NOICHINH_DB", map[string]string{"NOICHINH_DB": "mysql://x@y/z"}, []string{"migrate"}, "must be empty (SQLite) or a postgres:// URL"},
		{"postgres URL without database", map[string]string{"NOICHINH_DB": "postgres://u:pw@db.local"}, []string{"migrate"}, "names no database"},
		{"bad log level", nil, []string{"migrate", "-log-level", "loud"}, "log level"},
		{"backup without file", nil, []string{"backup"}, "exactly one archive file"},
		{"audit without verify", nil, []string{"audit"}, "verify"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			environ := map[string]string{"NOICHINH_DATA": t.TempDir()}
			for k, v := range tc.environ {
				environ[k] = v
			}
			code, _, stderr := run(t, environ, tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q should be one line containing %q", stderr, tc.want)
			}
			if strings.Contains(stderr, ":pw@") {
				t.Errorf("password leaked: %s", stderr)
			}
		})
	}
}

func TestUnreachableDatabaseNamesHost(t *testing.T) {
	code, _, stderr := run(t, map[string]string{"NOICHINH_DATA": t.TempDir(),
		"NOICHINH_DB": "postgres://noichinh:TopSecret1@127.0.0.1:9/noichinh?connect_timeout=2"}, "migrate")
	if code != 1 || !strings.Contains(stderr, "127.0.0.1:9") || strings.Contains(stderr, "TopSecret1") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestUnwritableDataFolderReportedFirst(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o600)
	code, _, stderr := run(t, map[string]string{"NOICHINH_DATA": filepath.Join(file, "data")}, "migrate")
	if code != 1 || !strings.Contains(stderr, "data folder") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestMigrateDemoAuditBackupRestore(t *testing.T) {
	data := t.TempDir()
	environ := map[string]string{"NOICHINH_DATA": data, "NOICHINH_LOG_LEVEL": "warn"}
	if code, out, stderr := run(t, environ, "migrate"); code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %d %s %s", code, out, stderr)
	}
	if code, out, stderr := run(t, environ, "demo"); code != 0 || !strings.Contains(out, "Lạng Sơn") {
		t.Fatalf("demo: %d %s %s", code, out, stderr)
	}
	if code, _, stderr := run(t, environ, "demo"); code != 1 || !strings.Contains(stderr, "already holds data") {
		t.Fatalf("second demo: %d %s", code, stderr)
	}
	if code, out, stderr := run(t, environ, "audit", "verify"); code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("audit verify: %d %s %s", code, out, stderr)
	}
	archive := filepath.Join(t.TempDir(), "backup.tar.gz")
	if code, out, stderr := run(t, environ, "backup", "-include-keys", archive); code != 0 || !strings.Contains(out, "backup written") {
		t.Fatalf("backup: %d %s %s", code, out, stderr)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	code, out, stderr := run(t, map[string]string{"NOICHINH_DATA": restored}, "restore", archive)
	if code != 0 || !strings.Contains(out, "audit log intact") {
		t.Fatalf("restore: %d %s %s", code, out, stderr)
	}
	if code, _, stderr := run(t, map[string]string{"NOICHINH_DATA": restored}, "restore", archive); code != 1 || !strings.Contains(stderr, "not empty") {
		t.Fatalf("restore over data: %d %s", code, stderr)
	}
}
