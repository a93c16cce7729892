package vntext

import (
	"math"
	"testing"
)

func TestMoney(t *testing.T) {
	tests := []struct {
		vnd    int64
		vi, en string
	}{
		{0, "0 đồng", "VND 0"},
		{850_000, "850.000 đồng", "VND 850,000"},
		{999_999, "999.999 đồng", "VND 999,999"},
		{1_000_000, "1 triệu đồng", "VND 1 million"},
		{1_200_000, "1,2 triệu đồng", "VND 1.2 million"},
		{1_234_567, "1,23 triệu đồng", "VND 1.23 million"},
		{1_235_000, "1,24 triệu đồng", "VND 1.24 million"}, // half away from zero
		{950_000_000, "950 triệu đồng", "VND 950 million"},
		{999_994_999, "999,99 triệu đồng", "VND 999.99 million"},
		{999_995_000, "1 tỷ đồng", "VND 1 billion"}, // not "1.000 triệu"
		{4_500_000_000, "4,5 tỷ đồng", "VND 4.5 billion"},
		{12_345_000_000, "12,35 tỷ đồng", "VND 12.35 billion"},
		{12_344_999_999, "12,34 tỷ đồng", "VND 12.34 billion"},
		{1_250_000_000_000, "1.250 tỷ đồng", "VND 1,250 billion"},
		{-4_500_000_000, "-4,5 tỷ đồng", "VND -4.5 billion"},
		{-850_000, "-850.000 đồng", "VND -850,000"},
		{math.MaxInt64, "9.223.372.036,85 tỷ đồng", "VND 9,223,372,036.85 billion"},
		{math.MinInt64, "-9.223.372.036,85 tỷ đồng", "VND -9,223,372,036.85 billion"},
	}
	for _, tt := range tests {
		if got := Money(VI, tt.vnd); got != tt.vi {
			t.Errorf("Money(VI, %d) = %q, want %q", tt.vnd, got, tt.vi)
		}
		if got := Money(EN, tt.vnd); got != tt.en {
			t.Errorf("Money(EN, %d) = %q, want %q", tt.vnd, got, tt.en)
		}
	}
}

func TestMoneyFull(t *testing.T) {
	tests := []struct {
		lang Lang
		vnd  int64
		want string
	}{
		{VI, 4_500_000_000, "4.500.000.000 đồng"},
		{VI, 0, "0 đồng"},
		{VI, -850_000, "-850.000 đồng"},
		{EN, 4_500_000_000, "VND 4,500,000,000"},
	}
	for _, tt := range tests {
		if got := MoneyFull(tt.lang, tt.vnd); got != tt.want {
			t.Errorf("MoneyFull(%q, %d) = %q, want %q", tt.lang, tt.vnd, got, tt.want)
		}
	}
}
