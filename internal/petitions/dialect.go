package petitions

import (
	"encoding/json"
	"fmt"

	"noichinh/internal/config"
)

// The one place where this module's SQL differs between the engines
// (store.Dialect has no array operations yet).

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
