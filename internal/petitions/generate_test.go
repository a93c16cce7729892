package petitions

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/generate"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/units"
)

// generated fills db with the platform, the units and n petitions.
func generated(t testing.TB, db *store.DB, svc *Service, scale generate.Scale, n int) *generate.Env {
	t.Helper()
	env := &generate.Env{DB: db, Scale: scale, Seed: 1}
	steps := []generate.Step{units.GenerateStep(), svc.generateStep(func(generate.Scale) int { return n })}
	if err := generate.Run(context.Background(), env, steps); err != nil {
		t.Fatalf("generate: %v", err)
	}
	return env
}

// Generated petitions are what the service would have stored: each row is
// the replay of its history, the numbering and sequences continue, and the
// service works on them as on any other.
func TestGenerate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newWorldService(t, db)
		indexes := indexDefinitions(t, db)
		env := generated(t, db, svc, generate.Province, 700)
		if after := indexDefinitions(t, db); after != indexes || !strings.Contains(after, "petitions_org_figures") {
			t.Fatalf("the indexes dropped for the load are not all back:\nbefore %s\nafter  %s", indexes, after)
		}
		org := env.Orgs[0]
		leader := &access.Actor{OrgID: org.ID, Role: access.Leader, Clearance: access.MostSecret, Username: "bench"}
		ctx := as(leader)
		var petitions, sessions, senders int
		_ = db.Read().QueryRow(`SELECT COUNT(*) FROM petitions`).Scan(&petitions)
		_ = db.Read().QueryRow(`SELECT COUNT(*) FROM reception_sessions`).Scan(&sessions)
		_ = db.Read().QueryRow(`SELECT COUNT(*) FROM petition_senders`).Scan(&senders)
		if petitions != 700 || sessions < 80 || senders < 500 {
			t.Fatalf("%d petitions, %d sessions, %d senders", petitions, sessions, senders)
		}
		page, err := svc.List(ctx, Filter{PerPage: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			row, err := getPetition(ctx, db.Read(), org.ID, it.ID, access.MostSecret)
			if err != nil {
				t.Fatal(err)
			}
			events, err := eventsOf(ctx, db.Read(), it.ID)
			if err != nil {
				t.Fatal(err)
			}
			if replayed, err := project(row, events); err != nil || !reflect.DeepEqual(replayed, row) {
				t.Fatalf("petition %s: stored state is not its history (%v):\n%+v\n%+v", row.RefCode, err, row, replayed)
			}
		}
		f, err := svc.Figures(ctx, civil.Range{From: date("2025-01-01"), To: date("2025-12-31")})
		if err != nil {
			t.Fatal(err)
		}
		if f.Petitions.Received.Value < 50 || f.Petitions.Resolved.Value == 0 || f.Reception.All.Sessions.Value < 12 {
			t.Errorf("2025 figures: received %d, resolved %d, sessions %d", f.Petitions.Received.Value,
				f.Petitions.Resolved.Value, f.Reception.All.Sessions.Value)
		}
		senderOf, err := svc.Reveal(ctx, page.Items[0].ID, "Kiểm tra dữ liệu sinh")
		if err != nil {
			t.Fatalf("reveal a generated sender: %v", err)
		}
		// New records continue the numbering and the identity sequences.
		spec := &access.Actor{UserID: env.Specialists[org.ID][0], OrgID: org.ID, Role: access.Specialist, Clearance: access.Secret}
		in := NewPetition{ReceivedOn: date("2026-03-02"), Channel: Post, Signer: SignerOne, Kind: Complaint,
			Senders: []Sender{{Name: "Lương Thị Hoa", Address: "Khối 5"}},
			Details: Details{Summary: "Khiếu nại mức bồi thường", Field: "compensation"}}
		svc.Today = func() civil.Date { return testToday }
		var last int
		_ = db.Read().QueryRow(`SELECT last FROM petition_counters WHERE org_id = $1 AND year = 2026`, org.ID).Scan(&last)
		p, err := svc.Create(as(spec), in)
		if err != nil {
			t.Fatal(err)
		}
		if last == 0 || p.RefCode != refCode(2026, last+1) {
			t.Errorf("new number %s after %d generated in 2026", p.RefCode, last)
		}
		if _, err := svc.RecordSession(as(spec), SessionInput{HeldOn: date("2026-03-05"), HostRole: HostSecretary, Kind: "periodic"}); err != nil {
			t.Fatal(err)
		}
		dups, err := svc.LikelyDuplicates(ctx, Draft{ReceivedOn: date("2026-02-20"), Senders: senderOf})
		if err != nil || len(dups) == 0 {
			t.Errorf("the generated sender's own petition is not a duplicate candidate: %v %v", dups, err)
		}
	})
}

// indexDefinitions lists the definitions of the petition tables' indexes.
func indexDefinitions(t *testing.T, db *store.DB) string {
	q := `SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name LIKE 'petition%' ORDER BY name`
	if db.Engine() == "postgres" {
		q = `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'petition%' ORDER BY indexname`
	}
	rows, err := db.Read().Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return strings.Join(out, "\n")
}

// At national scale the committees' petitions are interleaved, each
// committee numbering its own.
func TestGenerateNational(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newWorldService(t, db)
		env := generated(t, db, svc, generate.National, 34*5+3)
		rows, err := db.Read().Query(`SELECT org_id, COUNT(*), MIN(id), MAX(id), MIN(ref_code) FROM petitions GROUP BY org_id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		orgs := 0
		for rows.Next() {
			var org, n, lo, hi int64
			var first string
			if err := rows.Scan(&org, &n, &lo, &hi, &first); err != nil {
				t.Fatal(err)
			}
			orgs++
			if (n != 5 && n != 8) || hi-lo < 34*3 || first != "2019-00001" {
				t.Errorf("organisation %d: %d petitions, ids %d…%d, first %s", org, n, lo, hi, first)
			}
		}
		if orgs != len(env.Orgs) || orgs != 34 {
			t.Errorf("%d organisations with petitions", orgs)
		}
	})
}

// The bulk rebuild of the search index gives the entries the writes give.
func TestSearchSourceMatchesWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		mustCreate(t, w, w.denunciation("2026-03-02"))
		in := w.complaint("2026-03-03")
		in.SubjectName = ""
		mustCreate(t, w, in)
		entries := func() string {
			rows, err := db.Read().Query(`SELECT org_id, record_id, classification, title, body, url FROM search_index
				WHERE kind = 'petition' ORDER BY record_id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var out string
			for rows.Next() {
				var org, class int64
				var id, title, body, url string
				if err := rows.Scan(&org, &id, &class, &title, &body, &url); err != nil {
					t.Fatal(err)
				}
				out += fmt.Sprintln(org, id, class, title, body, url)
			}
			return out
		}
		written := entries()
		if _, err := search.Reindex(context.Background(), db, []search.Source{SearchSource()}); err != nil {
			t.Fatal(err)
		}
		if rebuilt := entries(); rebuilt != written || written == "" {
			t.Errorf("rebuilt entries differ:\n%s\nwritten:\n%s", rebuilt, written)
		}
	})
}
