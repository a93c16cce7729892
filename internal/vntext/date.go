package vntext

import (
	"fmt"

	"noichinh/internal/civil"
)

// Date writes d as dd/mm/yyyy with zero padding ("05/03/2020"), the short
// form of Vietnamese tables and citations; "" for the zero date.
func Date(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// LongDate writes d in words. VI follows the administrative rule (Nghị định
// 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW): a day below 10 and the months 1 and
// 2 take a leading zero, so "ngày 05 tháng 3 năm 2020", "ngày 01 tháng 01 năm
// 2026", "ngày 20 tháng 12 năm 2026". EN "5 March 2020". "" for the zero date.
func LongDate(lang Lang, d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	if lang == EN {
		return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
	}
	// The padding keeps a figure from being extended after signing ("tháng 1"
	// into "tháng 11" or "tháng 12"); the rule pads no other month.
	month := fmt.Sprint(int(d.Month))
	if d.Month <= 2 {
		month = fmt.Sprintf("%02d", int(d.Month))
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", d.Day, month, d.Year)
}

// PlaceDate writes the place-and-date line under the national motto of a
// Party or state document: "Lạng Sơn, ngày 20 tháng 12 năm 2026". Without a
// place it is the date alone, capitalised as the start of a line; with the
// zero date it is the place alone.
func PlaceDate(place string, d civil.Date) string {
	place = Clean(place)
	date := LongDate(VI, d)
	switch {
	case date == "":
		return place
	case place == "":
		return "N" + date[1:] // "ngày" starts with an ASCII letter
	}
	return place + ", " + date
}
