package vntext

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// A *collate.Collator keeps scratch buffers and is not safe for concurrent
// use. A pool gives each goroutine its own without serialising them behind a
// mutex (see BenchmarkCompareParallel for the measurement).
var collators = sync.Pool{
	New: func() any { return collate.New(language.Vietnamese) },
}

// Compare orders a and b in Vietnamese alphabetical order (CLDR): a < ă < â
// < b < c < d < đ < e < ê ..., the tones after the letters in the order
// none, huyền, hỏi, ngã, sắc, nặng (a < à < ả < ã < á < ạ), and letter case
// only as a last resort ("bình" < "Cao"). Both spellings of a tone placement
// ("hoà", "hòa") compare equal. It returns -1, 0 or +1 and is safe for
// concurrent use.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(Canonical(a), Canonical(b))
}

// SortStrings sorts s in the order of Compare.
func SortStrings(s []string) {
	SortFunc(s, func(x string) string { return x })
}

// SortFunc sorts items in the order of Compare applied to key(item). Items
// whose keys collate equal are ordered by the bytes of their keys, so the
// result does not depend on the input order (a report lists the same rows in
// the same order every time); items with identical keys keep their order.
// key is called once per item.
func SortFunc[T any](items []T, key func(T) string) {
	type entry struct {
		item    T
		raw     string
		collKey []byte
	}
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	var buf collate.Buffer
	entries := make([]entry, len(items))
	for i, it := range items {
		raw := key(it)
		entries[i] = entry{item: it, raw: raw, collKey: c.KeyFromString(&buf, Canonical(raw))}
	}
	slices.SortStableFunc(entries, func(x, y entry) int {
		if n := bytes.Compare(x.collKey, y.collKey); n != 0 {
			return n
		}
		return strings.Compare(x.raw, y.raw)
	})
	for i := range entries {
		items[i] = entries[i].item
	}
}
