package store

import "fmt"

// Dialect covers the few places where SQLite and PostgreSQL SQL really
// differ. Everything else is written once: $N placeholders, RETURNING,
// ON CONFLICT, TRUE/FALSE, CURRENT_TIMESTAMP.
type Dialect interface {
	// Name is "sqlite" or "postgres".
	Name() string
	// Month is an expression giving 'YYYY-MM' for a date column (ISO text on
	// SQLite, DATE on PostgreSQL), for grouping figures by month.
	Month(col string) string
	// Year is an expression giving the year of a date column as an integer.
	Year(col string) string
	// CaseInsensitiveLike is "col LIKE param" ignoring ASCII case. Search on
	// Vietnamese text uses folded columns instead (see the search package).
	CaseInsensitiveLike(col, param string) string
	// Greatest is the larger of two values.
	Greatest(a, b string) string
}

type sqliteDialect struct{}

func (sqliteDialect) Name() string            { return "sqlite" }
func (sqliteDialect) Month(col string) string { return fmt.Sprintf("substr(%s, 1, 7)", col) }
func (sqliteDialect) Year(col string) string {
	return fmt.Sprintf("CAST(substr(%s, 1, 4) AS INTEGER)", col)
}
func (sqliteDialect) CaseInsensitiveLike(col, param string) string {
	return fmt.Sprintf("%s LIKE %s", col, param) // SQLite's LIKE ignores ASCII case
}
func (sqliteDialect) Greatest(a, b string) string { return fmt.Sprintf("max(%s, %s)", a, b) }

type postgresDialect struct{}

func (postgresDialect) Name() string { return "postgres" }
func (postgresDialect) Month(col string) string {
	return fmt.Sprintf("to_char(%s, 'YYYY-MM')", col)
}
func (postgresDialect) Year(col string) string {
	return fmt.Sprintf("CAST(extract(year FROM %s) AS INTEGER)", col)
}
func (postgresDialect) CaseInsensitiveLike(col, param string) string {
	return fmt.Sprintf("%s ILIKE %s", col, param)
}
func (postgresDialect) Greatest(a, b string) string { return fmt.Sprintf("GREATEST(%s, %s)", a, b) }
