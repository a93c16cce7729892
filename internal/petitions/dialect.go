package petitions

import (
	"encoding/json"
	"fmt"

	"noichinh/internal/config"
	"noichinh/internal/vntext"
)

// The two places where this module's SQL differs between the engines
// (store.Dialect has no full-text or array operations yet).

// textMatch is a condition that p.search_text contains the folded text
// bound to param: an FTS5 trigram index on SQLite, a pg_trgm GIN index
// behind LIKE on PostgreSQL. Both need three characters to use the index;
// shorter text falls back to a scan of the organisation's rows.
func textMatch(engine config.Engine, param int, folded string) (string, any) {
	if engine == config.SQLite && len(folded) >= 3 {
		return fmt.Sprintf(`p.id IN (SELECT rowid FROM petitions_fts WHERE petitions_fts MATCH $%d)`, param),
			`"` + folded + `"` // folded text holds only a-z, 0-9 and spaces: safe inside a phrase
	}
	return fmt.Sprintf(`p.search_text LIKE $%d`, param), "%" + folded + "%"
}

// idIn is a condition that col is one of ids, bound as one JSON array
// parameter so that a drill-down of thousands of records needs no
// thousands of placeholders.
func idIn(engine config.Engine, col string, param int, ids []int64) (string, any) {
	b, _ := json.Marshal(ids)
	if engine == config.Postgres {
		return fmt.Sprintf(`%s IN (SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST($%d AS json)))`, col, param), string(b)
	}
	return fmt.Sprintf(`%s IN (SELECT value FROM json_each($%d))`, col, param), string(b)
}

// fold is the search form of user text.
func fold(s string) string { return vntext.Fold(s) }
