package cite

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchText builds about size bytes of text: the seed paragraphs and the
// corpus sentences, shuffled with a fixed seed and repeated.
func benchText(tb testing.TB, size int) string {
	var pieces []string
	files, _ := filepath.Glob("testdata/seeds/*.txt")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		for _, para := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(para) != "" {
				pieces = append(pieces, para)
			}
		}
	}
	for _, c := range loadCorpus(tb) {
		pieces = append(pieces, c.Text)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.Grow(size + 4096)
	for b.Len() < size {
		rng.Shuffle(len(pieces), func(i, j int) { pieces[i], pieces[j] = pieces[j], pieces[i] })
		for _, p := range pieces {
			b.WriteString(p)
			b.WriteString("\n")
			if b.Len() >= size {
				break
			}
		}
	}
	return b.String()
}

func benchmarkFind(b *testing.B, size int) {
	text := benchText(b, size)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	cpu0, haveCPU := cpuTime()
	for b.Loop() {
		n = len(Find(text))
	}
	b.ReportMetric(float64(n), "refs")
	// Throughput per second of processor time, garbage collection included,
	// which does not depend on what else the machine is running.
	if cpu1, ok := cpuTime(); haveCPU && ok && cpu1 > cpu0 {
		b.ReportMetric(float64(len(text))*float64(b.N)/1e6/(cpu1-cpu0).Seconds(), "MB/cpu-s")
	}
}

func BenchmarkFind1MB(b *testing.B)  { benchmarkFind(b, 1<<20) }
func BenchmarkFind10MB(b *testing.B) { benchmarkFind(b, 10<<20) }

func BenchmarkParseSymbol(b *testing.B) {
	for b.Loop() {
		for _, s := range []string{"48-CT/TW", "30/2020/NĐ-CP", "521/QĐ-TTg", "08/NQ/TC/CL"} {
			if _, err := ParseSymbol(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
