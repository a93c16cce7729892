// Package vntext handles Vietnamese text for every other package: input
// normalisation (Clean, CleanText), one spelling per word (Canonical, Key),
// search folding (Fold, Similarity), Vietnamese collation (Compare,
// SortStrings, SortFunc) and the way numbers, money and dates are written in
// Vietnamese reports (Int, Decimal, Money, LongDate, ParseDate, ...).
//
// The package is pure: no I/O and no global state other than read-only tables
// and a pool of collators, so every function is safe for concurrent use.
//
// Which function to use:
//
//   - store what a person typed in a one-line field: Clean; in a text area: CleanText;
//   - decide whether two names are the same (uniqueness, duplicates): Key;
//   - fill a search column or fold a query: Fold;
//   - show a list in Vietnamese order: SortStrings or SortFunc;
//   - print a figure in report prose: Int, Decimal, Percent, Money, Area, LongDate.
package vntext
