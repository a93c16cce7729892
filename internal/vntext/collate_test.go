package vntext

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// assertAscending checks that every element of order sorts strictly before
// the next one, in both directions of Compare.
func assertAscending(t *testing.T, order []string) {
	t.Helper()
	for i := 0; i+1 < len(order); i++ {
		a, b := order[i], order[i+1]
		if Compare(a, b) >= 0 || Compare(b, a) <= 0 {
			t.Errorf("want %q < %q; Compare = %d, reverse %d", a, b, Compare(a, b), Compare(b, a))
		}
	}
}

func TestCompareAlphabet(t *testing.T) {
	assertAscending(t, strings.Fields("a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y"))
}

func TestCompareTones(t *testing.T) {
	// CLDR order of the tones: none, huyền, hỏi, ngã, sắc, nặng.
	assertAscending(t, []string{"a", "à", "ả", "ã", "á", "ạ"})
	assertAscending(t, []string{"ma", "mà", "mả", "mã", "má", "mạ", "mác"})
}

func TestCompareWords(t *testing.T) {
	assertAscending(t, []string{"Dũng", "Đức", "Em"})                         // byte order would put Em before Đức
	assertAscending(t, []string{"bình", "Cao"})                               // letter before case
	assertAscending(t, []string{"an", "anh", "ăn", "ân"})                     // ă and â are letters of their own
	assertAscending(t, []string{"Hoa", "hòa", "hoàn", "Hùng", "Hưng", "Hữu"}) // tones after letters
	assertAscending(t, []string{"a", "A"})                                    // case breaks ties only
}

func TestCompareEqual(t *testing.T) {
	for _, pair := range [][2]string{
		{"hoà", "hòa"},
		{"Tỉnh uỷ", "Tỉnh ủy"},
		{"Nguye\u0302\u0303n", "Nguyễn"},
		{"", ""},
	} {
		if c := Compare(pair[0], pair[1]); c != 0 {
			t.Errorf("Compare(%q, %q) = %d, want 0", pair[0], pair[1], c)
		}
	}
}

func TestSortStrings(t *testing.T) {
	names := []string{"Vũ", "Đặng", "Âu", "Bùi", "An", "Ân", "Dương", "Ông", "Ưng", "Ơn", "Uông", "Ôn", "Ăn", "Đàm", "Cao"}
	want := []string{"An", "Ăn", "Ân", "Âu", "Bùi", "Cao", "Dương", "Đàm", "Đặng", "Ôn", "Ông", "Ơn", "Uông", "Ưng", "Vũ"}
	SortStrings(names)
	if !slices.Equal(names, want) {
		t.Errorf("SortStrings = %q\nwant          %q", names, want)
	}
}

func TestSortFunc(t *testing.T) {
	type person struct {
		name string
		id   int
	}
	people := []person{{"Trần Văn Bình", 1}, {"Đỗ Thị Hòa", 2}, {"Đinh Văn An", 3}, {"Bế Văn Đàn", 4}, {"Đỗ Thị Hoà", 5}, {"đỗ thị hòa", 6}}
	SortFunc(people, func(p person) string { return p.name })
	var got []int
	for _, p := range people {
		got = append(got, p.id)
	}
	// Đinh < Đỗ (i < o); lower case before upper case when nothing else
	// differs; the two tone placements of Đỗ Thị Hòa tie in collation and
	// are then ordered by their bytes ("Hoà" < "Hòa"), whatever the input order.
	if want := []int{4, 3, 6, 5, 2, 1}; !slices.Equal(got, want) {
		t.Errorf("SortFunc order = %v, want %v", got, want)
	}
}

func TestSortIsDeterministicAndAgreesWithCompare(t *testing.T) {
	words := seedWords(t)
	if len(words) > 400 {
		words = words[:400]
	}
	words = append(words, "hoà", "hòa", "Hòa", "HOÀ", "Nguye\u0302\u0303n", "Nguyễn")
	first := slices.Clone(words)
	SortStrings(first)
	for i := 0; i+1 < len(first); i++ {
		if Compare(first[i], first[i+1]) > 0 {
			t.Fatalf("sorted list has %q before %q", first[i], first[i+1])
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		again := slices.Clone(words)
		rng.Shuffle(len(again), func(i, j int) { again[i], again[j] = again[j], again[i] })
		SortStrings(again)
		if !slices.Equal(again, first) {
			t.Fatal("sorting a shuffled copy gave a different order")
		}
	}
}

func TestCollationIsSafeForConcurrentUse(t *testing.T) {
	// Meaningful under the race detector (go test -race).
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				names := []string{"Đức", "Dũng", fmt.Sprint("Em", g, i), "ủy", "uỷ"}
				SortStrings(names)
				if Compare("Dũng", "Đức") >= 0 || names[0] != "Dũng" {
					t.Errorf("wrong order under concurrency: %q", names)
					return
				}
			}
		})
	}
	wg.Wait()
}

var benchNames = []string{"Nguyễn Văn Đức", "Nguyễn Văn Dũng"}

func BenchmarkCompare(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Compare(benchNames[0], benchNames[1])
	}
}

// BenchmarkCompareParallel weighs the collator pool used by Compare against
// the alternative, one collator behind a mutex.
func BenchmarkCompareParallel(b *testing.B) {
	b.Run("pool", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				_ = Compare(benchNames[0], benchNames[1])
			}
		})
	})
	b.Run("mutex", func(b *testing.B) {
		var mu sync.Mutex
		c := collate.New(language.Vietnamese)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				mu.Lock()
				_ = c.CompareString(Canonical(benchNames[0]), Canonical(benchNames[1]))
				mu.Unlock()
			}
		})
	})
}

func BenchmarkSortStrings1000(b *testing.B) {
	words := seedWords(b)[:1000]
	b.ReportAllocs()
	for b.Loop() {
		SortStrings(slices.Clone(words))
	}
}
