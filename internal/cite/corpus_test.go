package cite

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// The corpus (testdata/corpus.jsonl) holds sentences in the style of Party
// and state documents, each annotated by hand with what a careful reader
// finds: for every citation its name (the canonical symbol, or "<kind> số
// <number>"), kind, issue date, issuer and relations ("implements
// 05-KL/TW"). A case with no citation is a negative: addresses, money,
// counts, dates, article numbers. "nfd": true runs the text in NFD.
//
// The first 240 cases were written alongside the code. The last 65 were
// written afterwards as a held-out batch and measured once before any
// change: precision and recall 0.962, relation accuracy 0.769, issuers
// 66/76. The fixes that followed are general (dates before a verb without
// a body, conference names without "của", issuers shared across lists);
// the cases still missed are left annotated as a reader expects them.

type corpusCase struct {
	Text string      `json:"text"`
	NFD  bool        `json:"nfd"`
	Want []corpusRef `json:"want"`
}

type corpusRef struct {
	Ref    string   `json:"ref"`
	Kind   string   `json:"kind"`
	Issued string   `json:"issued"`
	Issuer string   `json:"issuer"`
	Rel    []string `json:"rel"`
}

func (r corpusRef) key() string { return r.Ref + "|" + r.Kind + "|" + r.Issued }

func loadCorpus(t testing.TB) []corpusCase {
	f, err := os.Open("testdata/corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []corpusCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		var c corpusCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("corpus line %d: %v", line, err)
		}
		if c.NFD {
			c.Text = norm.NFD.String(c.Text)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func toCorpusRef(r Reference) corpusRef {
	c := corpusRef{Ref: r.Name(), Kind: r.Kind, Issuer: r.Issuer}
	if !r.Issued.IsZero() {
		c.Issued = r.Issued.String()
	}
	for _, x := range r.Relations {
		c.Rel = append(c.Rel, x.Type+" "+x.Symbol)
	}
	return c
}

// corpusScore counts matches between what Find returns and the annotations.
type corpusScore struct {
	found, expected, matched          int // citations, by name+kind+date
	relFound, relExpected, relMatched int // relations of matched citations
	issuerChecked, issuerRight        int
	negatives, negativesWithCitations int
	misses                            []string
}

func scoreCorpus(cases []corpusCase) corpusScore {
	var s corpusScore
	for n, c := range cases {
		got := Find(c.Text)
		s.found += len(got)
		s.expected += len(c.Want)
		if len(c.Want) == 0 {
			s.negatives++
			if len(got) > 0 {
				s.negativesWithCitations++
			}
		}
		used := make([]bool, len(got))
		for _, w := range c.Want {
			s.relExpected += len(w.Rel)
			k := slices.IndexFunc(got, func(r Reference) bool { return toCorpusRef(r).key() == w.key() })
			for k >= 0 && used[k] {
				next := slices.IndexFunc(got[k+1:], func(r Reference) bool { return toCorpusRef(r).key() == w.key() })
				if next < 0 {
					k = -1
					break
				}
				k += 1 + next
			}
			if k < 0 {
				s.misses = append(s.misses, fmt.Sprintf("case %d: missed %s in %q", n+1, w.key(), c.Text))
				continue
			}
			used[k] = true
			s.matched++
			g := toCorpusRef(got[k])
			s.issuerChecked++
			if g.Issuer == w.Issuer {
				s.issuerRight++
			} else {
				s.misses = append(s.misses, fmt.Sprintf("case %d: %s issuer %q, want %q", n+1, w.Ref, g.Issuer, w.Issuer))
			}
			s.relFound += len(g.Rel)
			for _, rel := range g.Rel {
				if slices.Contains(w.Rel, rel) {
					s.relMatched++
				} else {
					s.misses = append(s.misses, fmt.Sprintf("case %d: %s has extra relation %q", n+1, w.Ref, rel))
				}
			}
			for _, rel := range w.Rel {
				if !slices.Contains(g.Rel, rel) {
					s.misses = append(s.misses, fmt.Sprintf("case %d: %s lacks relation %q", n+1, w.Ref, rel))
				}
			}
		}
		for k, r := range got {
			if !used[k] {
				g := toCorpusRef(r)
				s.relFound += len(g.Rel)
				s.misses = append(s.misses, fmt.Sprintf("case %d: unexpected %s at %d %q", n+1, g.key(), r.Start, c.Text[r.Start:r.End]))
			}
		}
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestCorpus measures precision and recall of citations (name, kind and
// date must all be right), the accuracy of relations and of issuers.
func TestCorpus(t *testing.T) {
	cases := loadCorpus(t)
	if len(cases) < 200 {
		t.Fatalf("corpus has %d cases, want at least 200", len(cases))
	}
	s := scoreCorpus(cases)
	if s.negatives < 60 {
		t.Errorf("corpus has %d negative cases, want at least 60", s.negatives)
	}
	precision, recall := ratio(s.matched, s.found), ratio(s.matched, s.expected)
	relPrecision, relRecall := ratio(s.relMatched, s.relFound), ratio(s.relMatched, s.relExpected)
	// Relation accuracy: right relations over all relations either side has
	// (a missing and an extra relation both count against it).
	relAccuracy := ratio(s.relMatched, s.relFound+s.relExpected-s.relMatched)
	issuerAccuracy := ratio(s.issuerRight, s.issuerChecked)
	t.Logf("%d cases (%d negative), %d citations expected, %d found, %d right",
		len(cases), s.negatives, s.expected, s.found, s.matched)
	t.Logf("precision %.4f, recall %.4f", precision, recall)
	t.Logf("relations: %d expected, %d found, %d right: precision %.4f, recall %.4f, accuracy %.4f",
		s.relExpected, s.relFound, s.relMatched, relPrecision, relRecall, relAccuracy)
	t.Logf("issuer accuracy %.4f (%d/%d); negatives with a citation: %d",
		issuerAccuracy, s.issuerRight, s.issuerChecked, s.negativesWithCitations)
	if testing.Verbose() || precision < 0.98 || recall < 0.98 || relAccuracy < 0.95 || issuerAccuracy < 0.9 {
		t.Logf("differences:\n%s", strings.Join(s.misses, "\n"))
	}
	if precision < 0.98 || recall < 0.98 {
		t.Errorf("precision %.4f, recall %.4f: want both ≥ 0.98", precision, recall)
	}
	if relAccuracy < 0.95 {
		t.Errorf("relation accuracy %.4f: want ≥ 0.95", relAccuracy)
	}
	if issuerAccuracy < 0.9 {
		t.Errorf("issuer accuracy %.4f: want ≥ 0.90", issuerAccuracy)
	}
}
