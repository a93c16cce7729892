// Package metrics exposes request counts and latencies per route, database
// pool figures and runtime figures in the Prometheus text format (0.0.4).
// The format is small and stable, and writing it here keeps the binary free
// of a large client library for the handful of series we need.
package metrics

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Buckets of the request-duration histogram, in seconds.
var Buckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// HTTP collects request figures. Route labels are ServeMux patterns, never
// raw paths, so the number of series stays bounded.
type HTTP struct {
	mu     sync.Mutex
	counts map[reqKey]uint64
	hists  map[histKey]*histogram
}

type reqKey struct{ route, method, code string }
type histKey struct{ route, method string }

type histogram struct {
	buckets []uint64 // cumulative at write time
	count   uint64
	sum     float64
}

// NewHTTP returns an empty collector.
func NewHTTP() *HTTP {
	return &HTTP{counts: map[reqKey]uint64{}, hists: map[histKey]*histogram{}}
}

// Observe records one finished request.
func (m *HTTP) Observe(route, method string, status int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	secs := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.counts[reqKey{route, method, strconv.Itoa(status)}]++
	h := m.hists[histKey{route, method}]
	if h == nil {
		h = &histogram{buckets: make([]uint64, len(Buckets))}
		m.hists[histKey{route, method}] = h
	}
	for i, b := range Buckets {
		if secs <= b {
			h.buckets[i]++
		}
	}
	h.count++
	h.sum += secs
}

// Gauge is one value sampled at scrape time.
type Gauge struct {
	Name, Help string
	Labels     map[string]string
	Value      float64
}

// Write prints every series in the text format, then the extra gauges.
func (m *HTTP) Write(w io.Writer, extra []Gauge) {
	m.mu.Lock()
	counts := make([]reqKey, 0, len(m.counts))
	for k := range m.counts {
		counts = append(counts, k)
	}
	sort.Slice(counts, func(i, j int) bool {
		a, b := counts[i], counts[j]
		return a.route+a.method+a.code < b.route+b.method+b.code
	})
	fmt.Fprintln(w, "# HELP noichinh_http_requests_total HTTP requests by route pattern, method and status.")
	fmt.Fprintln(w, "# TYPE noichinh_http_requests_total counter")
	for _, k := range counts {
		fmt.Fprintf(w, "noichinh_http_requests_total{route=%s,method=%s,code=%s} %d\n",
			quote(k.route), quote(k.method), quote(k.code), m.counts[k])
	}
	hkeys := make([]histKey, 0, len(m.hists))
	for k := range m.hists {
		hkeys = append(hkeys, k)
	}
	sort.Slice(hkeys, func(i, j int) bool { return hkeys[i].route+hkeys[i].method < hkeys[j].route+hkeys[j].method })
	fmt.Fprintln(w, "# HELP noichinh_http_request_duration_seconds Time to serve a request, by route pattern and method.")
	fmt.Fprintln(w, "# TYPE noichinh_http_request_duration_seconds histogram")
	for _, k := range hkeys {
		h := m.hists[k]
		labels := "route=" + quote(k.route) + ",method=" + quote(k.method)
		for i, b := range Buckets {
			fmt.Fprintf(w, "noichinh_http_request_duration_seconds_bucket{%s,le=%s} %d\n", labels, quote(formatFloat(b)), h.buckets[i])
		}
		fmt.Fprintf(w, "noichinh_http_request_duration_seconds_bucket{%s,le=\"+Inf\"} %d\n", labels, h.count)
		fmt.Fprintf(w, "noichinh_http_request_duration_seconds_sum{%s} %s\n", labels, formatFloat(h.sum))
		fmt.Fprintf(w, "noichinh_http_request_duration_seconds_count{%s} %d\n", labels, h.count)
	}
	m.mu.Unlock()
	writeGauges(w, append(extra, runtimeGauges()...))
}

func writeGauges(w io.Writer, gs []Gauge) {
	seen := map[string]bool{}
	for _, g := range gs {
		if !seen[g.Name] {
			seen[g.Name] = true
			fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n", g.Name, g.Help, g.Name)
		}
		fmt.Fprintf(w, "%s%s %s\n", g.Name, labelString(g.Labels), formatFloat(g.Value))
	}
}

var started = time.Now()

func runtimeGauges() []Gauge {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return []Gauge{
		{Name: "noichinh_goroutines", Help: "Goroutines running.", Value: float64(runtime.NumGoroutine())},
		{Name: "noichinh_heap_alloc_bytes", Help: "Bytes of allocated heap objects.", Value: float64(ms.HeapAlloc)},
		{Name: "noichinh_sys_bytes", Help: "Bytes obtained from the operating system.", Value: float64(ms.Sys)},
		{Name: "noichinh_start_time_seconds", Help: "Process start, Unix time.", Value: float64(started.Unix())},
	}
}

func labelString(l map[string]string) string {
	if len(l) == 0 {
		return ""
	}
	keys := make([]string, 0, len(l))
	for k := range l {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + quote(l[k])
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

func formatFloat(f float64) string {
	if math.IsInf(f, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
