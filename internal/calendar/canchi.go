package calendar

import "noichinh/internal/civil"

// Can-chi (the sexagenary cycle): ten heavenly stems and twelve earthly
// branches name years, months and days. Vietnamese uses Mão (cat) where
// Chinese has the rabbit; the names below are the Vietnamese ones.
var (
	stems    = [10]string{"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"}
	branches = [12]string{"Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"}
)

func mod(a, n int) int { return ((a % n) + n) % n }

// YearName returns the can-chi name of a lunar year: 2026 → "Bính Ngọ".
// Year 4 (and every 60th year from it) is Giáp Tý.
func YearName(lunarYear int) string {
	return stems[mod(lunarYear+6, 10)] + " " + branches[mod(lunarYear+8, 12)]
}

// MonthName returns the can-chi name of a lunar month: month 1 is always a
// Dần month, and its stem follows from the year's stem. A leap month takes
// the name of the month it repeats.
func MonthName(lunarYear, month int) string {
	return stems[mod(lunarYear*12+month+3, 10)] + " " + branches[mod(month+1, 12)]
}

// DayName returns the can-chi name of a day; the day cycle runs unbroken
// (2000-01-01 was a Mậu Ngọ day).
func DayName(d civil.Date) string {
	j := jdnOf(d)
	return stems[mod(j+9, 10)] + " " + branches[mod(j+1, 12)]
}
