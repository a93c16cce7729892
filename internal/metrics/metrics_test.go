package metrics

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestExposition(t *testing.T) {
	m := NewHTTP()
	m.Observe("GET /cases/{id}", "GET", 200, 30*time.Millisecond)
	m.Observe("GET /cases/{id}", "GET", 200, 3*time.Second)
	m.Observe("GET /cases/{id}", "GET", 404, time.Millisecond)
	var buf bytes.Buffer
	m.Write(&buf, []Gauge{{Name: "noichinh_db_open_connections", Help: "Open connections.", Labels: map[string]string{"pool": "writer"}, Value: 1}})
	out := buf.String()
	for _, want := range []string{
		`noichinh_http_requests_total{route="GET /cases/{id}",method="GET",code="200"} 2`,
		`noichinh_http_requests_total{route="GET /cases/{id}",method="GET",code="404"} 1`,
		`noichinh_http_request_duration_seconds_bucket{route="GET /cases/{id}",method="GET",le="0.05"} 2`,
		`noichinh_http_request_duration_seconds_bucket{route="GET /cases/{id}",method="GET",le="2.5"} 2`,
		`noichinh_http_request_duration_seconds_bucket{route="GET /cases/{id}",method="GET",le="+Inf"} 3`,
		`noichinh_http_request_duration_seconds_count{route="GET /cases/{id}",method="GET"} 3`,
		`noichinh_db_open_connections{pool="writer"} 1`,
		"# TYPE noichinh_goroutines gauge",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}
