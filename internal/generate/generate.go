// Package generate fills a database with synthetic records of provincial or
// national size, deterministically from a seed, so every benchmark in every
// module measures the same data (`noichinh generate --scale province|national`).
// Each module contributes a Step; the platform's own step creates the
// organisations, users and units the others draw on.
package generate

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"

	"noichinh/internal/orgs"
	"noichinh/internal/store"
)

// Scale is the size of the generated data.
type Scale string

const (
	Province Scale = "province" // one committee: Lạng Sơn-like
	National Scale = "national" // 34 provincial committees under the central one
)

// Provinces is the number of provincial organisations at a scale.
func (s Scale) Provinces() int {
	if s == National {
		return 34
	}
	return 1
}

// Env is what generator steps share.
type Env struct {
	DB    *store.DB
	Scale Scale
	Seed  uint64
	Log   io.Writer
	// Central is the central organisation; Orgs the provincial ones.
	Central orgs.Org
	Orgs    []orgs.Org
	// Per provincial organisation id: its specialists' user ids, its
	// locality units' ids (communes, wards, former districts) and its
	// handling agencies' unit ids.
	Specialists map[int64][]int64
	Localities  map[int64][]int64
	Agencies    map[int64][]int64
}

// Rand returns a generator seeded from the run's seed and a stream name, so
// each step's data does not change when another step changes.
func (e *Env) Rand(stream string) *rand.Rand {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(stream); i++ {
		h ^= uint64(stream[i])
		h *= 1099511628211
	}
	return rand.New(rand.NewPCG(e.Seed, h))
}

// Logf reports progress.
func (e *Env) Logf(format string, a ...any) {
	if e.Log != nil {
		fmt.Fprintf(e.Log, format+"\n", a...)
	}
}

// Step generates one module's records.
type Step struct {
	Name string
	Run  func(ctx context.Context, env *Env) error
}

// Inserter writes rows in multi-row INSERT statements, many statements to a
// transaction, which is one to two orders of magnitude faster than row by
// row on both engines. Generated data is synthetic and not audited.
type Inserter struct {
	db      *store.DB
	table   string
	columns []string
	perStmt int // rows per statement
	perTx   int // rows per transaction
	rows    [][]any
	total   int64
}

// Statements stay near 1,000 parameters: SQLite's cost of binding grows
// faster than linearly with a statement's parameters (a 28,000-parameter
// statement was 20 times slower per row than 30-row statements).
const paramsPerStatement = 1000

// NewInserter prepares bulk inserts into table.
func NewInserter(db *store.DB, table string, columns ...string) *Inserter {
	per := max(1, paramsPerStatement/len(columns))
	return &Inserter{db: db, table: table, columns: columns, perStmt: per, perTx: max(per, 5000)}
}

// Add queues one row, writing a transaction's worth when enough are queued.
func (ins *Inserter) Add(ctx context.Context, values ...any) error {
	if len(values) != len(ins.columns) {
		return fmt.Errorf("generate: %s: %d values for %d columns", ins.table, len(values), len(ins.columns))
	}
	ins.rows = append(ins.rows, values)
	if len(ins.rows) >= ins.perTx {
		return ins.Flush(ctx)
	}
	return nil
}

// Flush writes queued rows in one transaction.
func (ins *Inserter) Flush(ctx context.Context) error {
	if len(ins.rows) == 0 {
		return nil
	}
	err := ins.db.Tx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(ins.rows); start += ins.perStmt {
			chunk := ins.rows[start:min(start+ins.perStmt, len(ins.rows))]
			if _, err := tx.ExecContext(ctx, ins.statement(len(chunk)), flatten(chunk)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("generate: insert into %s: %w", ins.table, err)
	}
	ins.total += int64(len(ins.rows))
	ins.rows = ins.rows[:0]
	return nil
}

func (ins *Inserter) statement(rows int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", ins.table, strings.Join(ins.columns, ", "))
	n := 0
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range ins.columns {
			if j > 0 {
				b.WriteString(", ")
			}
			n++
			fmt.Fprintf(&b, "$%d", n)
		}
		b.WriteByte(')')
	}
	return b.String()
}

func flatten(rows [][]any) []any {
	out := make([]any, 0, len(rows)*len(rows[0]))
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// Total is the number of rows written so far.
func (ins *Inserter) Total() int64 { return ins.total }

// Pick returns a random element.
func Pick[T any](r *rand.Rand, items []T) T { return items[r.IntN(len(items))] }
