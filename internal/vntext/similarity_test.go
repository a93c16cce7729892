package vntext

import (
	"math"
	"slices"
	"testing"
)

func TestTrigrams(t *testing.T) {
	tests := []struct {
		folded string
		want   []string
	}{
		// The examples of the pg_trgm documentation.
		{"cat", []string{"  c", " ca", "at ", "cat"}},
		{"foo bar", []string{"  b", "  f", " ba", " fo", "ar ", "bar", "foo", "oo "}},
		{"a", []string{"  a", " a "}},
		{"", []string{}},
		{"aaa aaa", []string{"  a", " aa", "aa ", "aaa"}}, // duplicates counted once
	}
	for _, tt := range tests {
		if got := Trigrams(tt.folded); !slices.Equal(got, tt.want) {
			t.Errorf("Trigrams(%q) = %q, want %q", tt.folded, got, tt.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want float64
	}{
		// "word" has 5 trigrams, "two words" 10, 4 in common: 4 / (5 + 10 - 4).
		{"pg_trgm arithmetic", "word", "two words", 4.0 / 11},
		{"identical", "Đơn tố cáo", "Đơn tố cáo", 1},
		{"diacritics, case and punctuation ignored", "Đơn tố cáo ông Nguyễn Văn A.", "DON TO CAO ONG NGUYEN VAN A", 1},
		{"tone placement ignored", "Tỉnh uỷ", "tỉnh ủy", 1},
		{"word order ignored", "van a nguyen", "nguyen van a", 1},
		{"disjoint", "abc", "xyz", 0},
		{"one side empty", "", "abc", 0},
		{"both empty", "", "…", 0},
		// "cat" {"  c"," ca","cat","at "} and "cats" {"  c"," ca","cat","ats","ts "}: 3 / (4 + 5 - 3).
		{"near duplicate", "cat", "cats", 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Similarity(tt.a, tt.b)
			if math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("Similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if back := Similarity(tt.b, tt.a); back != got {
				t.Errorf("Similarity is not symmetric: %v and %v", got, back)
			}
		})
	}
}

func TestSimilarityRanksLikelyDuplicates(t *testing.T) {
	petition := "Đơn khiếu nại về việc thu hồi đất tại xã Tân Thanh, huyện Văn Lãng"
	resent := "Don khieu nai ve viec thu hoi dat tai xa Tan Thanh huyen Van Lang (lan 2)"
	other := "Đơn tố cáo cán bộ địa chính xã Hoàng Đồng nhận tiền"
	if s1, s2 := Similarity(petition, resent), Similarity(petition, other); s1 <= 0.6 || s2 >= 0.3 {
		t.Errorf("Similarity(resent) = %.2f, want > 0.6; Similarity(other) = %.2f, want < 0.3", s1, s2)
	}
}
