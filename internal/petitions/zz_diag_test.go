package petitions

import (
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"noichinh/internal/config"
	"noichinh/internal/generate"
)

func BenchmarkZZDiag(b *testing.B) {
	eng := config.Engine(os.Getenv("DIAG_ENGINE"))
	db, svc := benchDataNoMaint(b, eng, generate.Scale(os.Getenv("NOICHINH_BENCH_SCALE")))
	orgs := benchOrgs(b, db)
	r := rand.New(rand.NewPCG(7, 11))
	type res struct {
		d time.Duration
		f Filter
		o benchOrg
	}
	var all []res
	for range 200 {
		o := orgs[r.IntN(len(orgs))]
		f := o.randomFilter(r)
		if os.Getenv("DIAG_TEXT") != "" {
			f.Text = benchWords[r.IntN(len(benchWords))]
		}
		start := time.Now()
		if _, err := svc.List(as(o.leader), f); err != nil {
			b.Fatal(err)
		}
		all = append(all, res{time.Since(start), f, o})
	}
	slices.SortFunc(all, func(a, b res) int { return int(b.d - a.d) })
	for _, x := range all[:20] {
		where, args := svc.where(x.o.leader, x.f)
		plan := ""
		rows, _ := db.Read().Query(`EXPLAIN QUERY PLAN SELECT COUNT(*) FROM petitions p WHERE `+where, args...)
		for rows != nil && rows.Next() {
			var a, bb, c int
			var d string
			rows.Scan(&a, &bb, &c, &d)
			plan += d + "; "
		}
		if rows != nil {
			rows.Close()
		}
		b.Logf("%v text=%q kinds=%v st=%v field=%q loc=%d as=%d cx=%v from=%v due=%q sort=%q page=%d | %s", x.d, x.f.Text, x.f.Kinds, x.f.Statuses, x.f.Field, x.f.LocalityUnitID, x.f.AssignedTo, x.f.ComplexOnly, x.f.ReceivedFrom, x.f.Due, x.f.Sort, x.f.Page, plan)
	}
}
