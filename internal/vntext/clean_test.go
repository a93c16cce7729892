package vntext

import "testing"

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only spaces", " \t\u00a0\u200b ", ""},
		{"already clean", "Ban Nội chính Tỉnh ủy", "Ban Nội chính Tỉnh ủy"},
		{"trim and collapse", "  Ban   Nội  chính ", "Ban Nội chính"},
		{"non-breaking spaces", "Quyết\u00a0định số\u202f1045-QĐ/TU", "Quyết định số 1045-QĐ/TU"},
		{"ideographic and en spaces", "a\u3000b\u2002c", "a b c"},
		{"zero width space splits words", "Nguyễn\u200bVăn", "Nguyễn Văn"},
		{"byte order mark", "\ufeffLạng Sơn", "Lạng Sơn"},
		{"line breaks and tabs", "Lạng\r\nSơn\tTỉnh\u2028ủy", "Lạng Sơn Tỉnh ủy"},
		{"decomposed to NFC", "Nguye\u0302\u0303n", "Nguyễn"},
		{"marks in unusual order", "Ho\u0323\u0302i", "Hội"},
		{"control characters removed", "Đức\x00\x07\x1b", "Đức"},
		{"delete and C1 controls removed", "a\x7fb\u0090c", "abc"},
		{"soft hyphen removed", "Nguy\u00adễn", "Nguyễn"},
		{"bidi override removed", "abc\u202edef\u202c", "abcdef"},
		{"word joiner removed", "48\u2060-CT/TW", "48-CT/TW"},
		{"emoji with joiner kept", "👨\u200d👩\u200d👧 gia đình", "👨\u200d👩\u200d👧 gia đình"},
		{"emoji flag tags kept", "\U0001F3F4\U000E0067\U000E0062\U000E007F", "\U0001F3F4\U000E0067\U000E0062\U000E007F"},
		{"invalid UTF-8 made visible", "a\xffb", "a\ufffdb"},
		{"tone placement untouched", "Tỉnh uỷ", "Tỉnh uỷ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only blank lines", "\n \r\n\t\n", ""},
		{"CRLF and CR", "dòng 1\r\ndòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3"},
		{"paragraphs kept", "Đoạn một.\n\n\nĐoạn hai.", "Đoạn một.\n\n\nĐoạn hai."},
		{"trailing spaces trimmed per line", "một  \t\nhai\u00a0\u00a0\nba ", "một\nhai\nba"},
		{"indentation kept", "      Ngay sau khi\n\tthành lập", "      Ngay sau khi\n\tthành lập"},
		{"inner spaces not collapsed", "a  b", "a  b"},
		{"unicode spaces become spaces", "a\u00a0b\u2009c", "a b c"},
		{"unicode line breaks", "a\u2028b\u2029c\u0085d\ve\ff", "a\nb\nc\nd\ne\nf"},
		{"leading and trailing blank lines dropped", "\n\n  \nNội dung\n\n", "Nội dung"},
		{"controls removed, tab kept", "a\x00\tb\x1bc", "a\tbc"},
		{"NFC", "Tie\u0302\u0301p công da\u0302n", "Tiếp công dân"},
		{"invalid UTF-8 made visible", "a\xc3", "a\ufffd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanText(tt.in); got != tt.want {
				t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanIsIdempotent(t *testing.T) {
	for _, in := range []string{" a\u00a0 b ", "x\r\n\r\ny  ", "\u200b\ufeffĐ", "a\xffb"} {
		if once := Clean(in); Clean(once) != once {
			t.Errorf("Clean not idempotent on %q: %q then %q", in, once, Clean(once))
		}
		if once := CleanText(in); CleanText(once) != once {
			t.Errorf("CleanText not idempotent on %q: %q then %q", in, once, CleanText(once))
		}
	}
}
