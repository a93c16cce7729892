package vntext

import (
	"slices"
	"strings"
)

// Similarity returns the trigram similarity of a and b in [0, 1]: the
// Jaccard index of the trigram sets of their folded forms. It shows how alike
// two petitions or names are whatever their diacritics, case and punctuation.
//
// Trigrams are built as PostgreSQL's pg_trgm builds them (each word padded
// with two spaces before and one after), so on folded text the result agrees
// with pg_trgm's similarity(). Two texts without any word have similarity 0:
// there is nothing to call alike.
func Similarity(a, b string) float64 {
	ta := trigramCodes(Fold(a))
	tb := trigramCodes(Fold(b))
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(ta) && j < len(tb); {
		switch {
		case ta[i] < tb[j]:
			i++
		case ta[i] > tb[j]:
			j++
		default:
			common++
			i++
			j++
		}
	}
	return float64(common) / float64(len(ta)+len(tb)-common)
}

// Trigrams returns the distinct trigrams of folded text (the output of
// Fold), sorted: for "cat", "  c", " ca", "at ", "cat".
func Trigrams(folded string) []string {
	codes := trigramCodes(folded)
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = string([]byte{byte(c >> 16), byte(c >> 8), byte(c)})
	}
	return out
}

// trigramCodes returns the sorted distinct trigrams of folded text, each
// packed into a uint32 so that sets compare without allocating strings.
func trigramCodes(folded string) []uint32 {
	var codes []uint32
	for word := range strings.FieldsSeq(folded) {
		// Slide a 3-byte window over "  " + word + " " without building it.
		window := uint32(' ')<<8 | ' '
		for i := 0; i <= len(word); i++ {
			next := byte(' ')
			if i < len(word) {
				next = word[i]
			}
			window = (window<<8 | uint32(next)) & 0xFFFFFF
			codes = append(codes, window)
		}
	}
	slices.Sort(codes)
	return slices.Compact(codes)
}
