package logging

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestJSONAndRedaction(t *testing.T) {
	var buf bytes.Buffer
	log := New(&buf, "auto", "info")
	log.Info("login", "user", "truongban", "password", "Mật-khẩu-123", "api_token", "abc", "session_cookie", "zz")
	log.Debug("hidden at info level")
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("auto format on a buffer should be JSON: %v: %s", err, buf.String())
	}
	if rec["user"] != "truongban" {
		t.Errorf("ordinary attribute lost: %v", rec)
	}
	for _, k := range []string{"password", "api_token", "session_cookie"} {
		if rec[k] != "[redacted]" {
			t.Errorf("%s not redacted: %v", k, rec[k])
		}
	}
	if strings.Contains(buf.String(), "Mật-khẩu") || strings.Contains(buf.String(), "hidden") {
		t.Errorf("secret or debug line leaked: %s", buf.String())
	}
}

func TestTextFormat(t *testing.T) {
	var buf bytes.Buffer
	New(&buf, "text", "debug").Debug("xin chào", "n", 1)
	if !strings.Contains(buf.String(), "msg=\"xin chào\"") {
		t.Errorf("text output: %s", buf.String())
	}
}
