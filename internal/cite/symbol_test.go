package cite

import (
	"errors"
	"testing"
)

func TestParseSymbol(t *testing.T) {
	tests := []struct {
		in   string
		want Symbol
		text string // canonical form
	}{
		{"48-CT/TW", Symbol{Number: "48", KindCode: "CT", IssuerCode: "TW", Form: FormParty}, "48-CT/TW"},
		{"11-QĐi/TW", Symbol{Number: "11", KindCode: "QĐi", IssuerCode: "TW", Form: FormParty}, "11-QĐi/TW"},
		{"11-QĐI/TW", Symbol{Number: "11", KindCode: "QĐi", IssuerCode: "TW", Form: FormParty}, "11-QĐi/TW"},
		{"38-CTR/TU", Symbol{Number: "38", KindCode: "CTr", IssuerCode: "TU", Form: FormParty}, "38-CTr/TU"},
		{"04-CT/TU", Symbol{Number: "04", KindCode: "CT", IssuerCode: "TU", Form: FormParty}, "04-CT/TU"},
		{"101-NQNS/LKVB", Symbol{Number: "101", KindCode: "NQNS", IssuerCode: "LKVB", Form: FormParty}, "101-NQNS/LKVB"},
		{"410-NQ/TĐB", Symbol{Number: "410", KindCode: "NQ", IssuerCode: "TĐB", Form: FormParty}, "410-NQ/TĐB"},
		{"05-QC/BNCTU-CAT", Symbol{Number: "05", KindCode: "QC", IssuerCode: "BNCTU-CAT", Form: FormParty}, "05-QC/BNCTU-CAT"},
		{"12-BC/BNCTU", Symbol{Number: "12", KindCode: "BC", IssuerCode: "BNCTU", Form: FormParty}, "12-BC/BNCTU"},
		{"521/QĐ-TTg", Symbol{Number: "521", KindCode: "QĐ", IssuerCode: "TTg", Form: FormState}, "521/QĐ-TTg"},
		{"521/QĐ-TTG", Symbol{Number: "521", KindCode: "QĐ", IssuerCode: "TTg", Form: FormState}, "521/QĐ-TTg"},
		{"412/QĐ-UBND", Symbol{Number: "412", KindCode: "QĐ", IssuerCode: "UBND", Form: FormState}, "412/QĐ-UBND"},
		{"336/NQ-TUCL", Symbol{Number: "336", KindCode: "NQ", IssuerCode: "TUCL", Form: FormState}, "336/NQ-TUCL"},
		{"1672/NQ-UBTVQH15", Symbol{Number: "1672", KindCode: "NQ", IssuerCode: "UBTVQH15", Form: FormState}, "1672/NQ-UBTVQH15"},
		{"1234/UBND-NC", Symbol{Number: "1234", IssuerCode: "UBND-NC", Form: FormState}, "1234/UBND-NC"},
		{"30/2020/NĐ-CP", Symbol{Number: "30", Year: 2020, KindCode: "NĐ", IssuerCode: "CP", Form: FormNormative}, "30/2020/NĐ-CP"},
		{"04/2021/TT-TTCP", Symbol{Number: "04", Year: 2021, KindCode: "TT", IssuerCode: "TTCP", Form: FormNormative}, "04/2021/TT-TTCP"},
		{"01/2017/TTLT-BCA-BQP", Symbol{Number: "01", Year: 2017, KindCode: "TTLT", IssuerCode: "BCA-BQP", Form: FormNormative}, "01/2017/TTLT-BCA-BQP"},
		{"25/2018/QH14", Symbol{Number: "25", Year: 2018, IssuerCode: "QH14", Form: FormNormative}, "25/2018/QH14"},
		{"08/NQ/TC/CL", Symbol{Number: "08", KindCode: "NQ", IssuerCode: "TC/CL", Form: FormSlashed}, "08/NQ/TC/CL"},
		{"64-CP", Symbol{Number: "64", IssuerCode: "CP", Form: FormShort}, "64-CP"},
		{"48–CT/TW", Symbol{Number: "48", KindCode: "CT", IssuerCode: "TW", Form: FormParty}, "48-CT/TW"}, // en dash
		{" 48-CT/TW ", Symbol{Number: "48", KindCode: "CT", IssuerCode: "TW", Form: FormParty}, "48-CT/TW"},
		{"48-CT/TW", Symbol{Number: "48", KindCode: "CT", IssuerCode: "TW", Form: FormParty}, "48-CT/TW"},
	}
	for _, tt := range tests {
		got, err := ParseSymbol(tt.in)
		if err != nil {
			t.Errorf("ParseSymbol(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseSymbol(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if s := got.String(); s != tt.text {
			t.Errorf("ParseSymbol(%q).String() = %q, want %q", tt.in, s, tt.text)
		}
		// The canonical form reads back to the same symbol.
		if again, err := ParseSymbol(got.String()); err != nil || again != got {
			t.Errorf("round trip of %q: %+v, %v", got.String(), again, err)
		}
	}
}

func TestParseSymbolRejects(t *testing.T) {
	for _, in := range []string{
		"", "48", "22/10/2010", "5-3-2021", "12/3", "2/3", "19/5", "2015-2020", "15-20",
		"0913-123-456", "1A", "1A/2B", "CT/TW", "-CT/TW", "48-/TW", "48-CT/", "48--CT/TW",
		"48-CT//TW", "1234567-CT/TW", "48-C T/TW", "48-CT/TW.", "12/2020", "12/2020/", "48-12/TW",
	} {
		if sym, err := ParseSymbol(in); err == nil {
			t.Errorf("ParseSymbol(%q) = %+v, want an error", in, sym)
		} else if !errors.Is(err, errNotSymbol) {
			t.Errorf("ParseSymbol(%q): unexpected error %v", in, err)
		}
	}
}

func TestKindOfSymbol(t *testing.T) {
	tests := []struct {
		in   string
		kind string
		ok   bool
	}{
		{"48-CT/TW", KindDirective, true},
		{"15-TT/TU", KindInstruction, true}, // Party thông tri
		{"04/2021/TT-TTCP", KindCircular, true},
		{"30/2020/NĐ-CP", KindDecree, true},
		{"12-QĐi/TU", KindRegulation, true},
		{"25/2018/QH14", "", false},
		{"1234/UBND-NC", "", false},
		{"101-NQNS/LKVB", "", false}, // old code: the kind word tells
	}
	for _, tt := range tests {
		sym, err := ParseSymbol(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		k, ok := kindOfSymbol(sym)
		if ok != tt.ok || k.kind != tt.kind {
			t.Errorf("kindOfSymbol(%q) = %q, %v; want %q, %v", tt.in, k.kind, ok, tt.kind, tt.ok)
		}
	}
}
