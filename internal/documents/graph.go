package documents

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"noichinh/internal/access"
	"noichinh/internal/validate"
)

// MaxGraphDepth bounds how far Graph follows relations from its document.
const MaxGraphDepth = 5

// Graph is the neighbourhood of a document in the relation graph, both ways:
// what it implements, amends, replaces… and what implements, amends,
// replaces… it, to a depth. Documents above the actor's clearance are left
// out with their relations.
type Graph struct {
	Root  string // key of the document's node
	Nodes []GraphNode
	Edges []GraphEdge
}

// GraphNode is a document in a graph: registered, or named by relations only.
type GraphNode struct {
	Key   string // "doc:42", or "ref:<symbol key>" for an unregistered document
	Depth int    // relations between it and the root
	// Document is set for a registered document; Registered false means the
	// node is only named by relations, and Draft pre-fills its registration.
	Registered bool
	Document   Document
	Target     Target
	Draft      Input
}

// GraphEdge is a relation, from the node that holds it to its target.
type GraphEdge struct {
	RelationID int64
	From, To   string
	Type       string
	Source     string
}

func docKey(id int64) string { return fmt.Sprintf("doc:%d", id) }

// Graph returns the relations around a document up to depth (1 to
// MaxGraphDepth), following them in both directions from registered
// documents. Unregistered targets end a path.
func (s *Service) Graph(ctx context.Context, id int64, depth int) (Graph, error) {
	actor, err := access.Check(ctx, access.DocsRead)
	if err != nil {
		return Graph{}, err
	}
	if depth < 1 || depth > MaxGraphDepth {
		return Graph{}, validate.Errors{{Field: "depth", Key: "documents.error.graph_depth", Params: map[string]any{"max": MaxGraphDepth}}}
	}
	var g Graph
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		root, err := visibleRecord(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		g, err = s.walk(ctx, tx, actor, root, depth)
		return err
	})
	return g, err
}

func (s *Service) walk(ctx context.Context, tx *sql.Tx, actor *access.Actor, root record, depth int) (Graph, error) {
	g := Graph{Root: docKey(root.ID)}
	nodes := map[string]int{} // key → index in g.Nodes
	addDoc := func(r record, d int) {
		k := docKey(r.ID)
		if _, ok := nodes[k]; !ok {
			nodes[k] = len(g.Nodes)
			g.Nodes = append(g.Nodes, GraphNode{Key: k, Depth: d, Registered: true, Document: r.Document})
		}
	}
	addDoc(root, 0)
	edges := map[int64]bool{}
	frontier := []int64{root.ID}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		rels, err := relationsTouching(ctx, tx, actor.OrgID, frontier)
		if err != nil {
			return g, err
		}
		var ids []int64
		for _, r := range rels {
			ids = append(ids, r.FromID)
			if r.ToID != 0 {
				ids = append(ids, r.ToID)
			}
		}
		recs, err := recordsByID(ctx, tx, actor.OrgID, actor.Clearance, dedupe(ids))
		if err != nil {
			return g, err
		}
		byID := make(map[int64]record, len(recs))
		for _, r := range recs {
			byID[r.ID] = r
		}
		var next []int64
		for _, r := range rels {
			if edges[r.ID] {
				continue
			}
			from, ok := byID[r.FromID]
			if !ok {
				continue // above clearance
			}
			e := GraphEdge{RelationID: r.ID, From: docKey(r.FromID), Type: r.Type, Source: r.Source}
			if r.ToID != 0 {
				to, ok := byID[r.ToID]
				if !ok {
					continue
				}
				e.To = docKey(to.ID)
				for _, n := range []record{from, to} {
					if _, seen := nodes[docKey(n.ID)]; !seen {
						addDoc(n, d)
						next = append(next, n.ID)
					}
				}
			} else {
				addDoc(from, d)
				e.To = "ref:" + r.targetKey
				if _, seen := nodes[e.To]; !seen {
					nodes[e.To] = len(g.Nodes)
					g.Nodes = append(g.Nodes, GraphNode{Key: e.To, Depth: d, Target: r.Target, Draft: draftOfTarget(r.Target)})
				}
			}
			edges[r.ID] = true
			g.Edges = append(g.Edges, e)
		}
		frontier = next
	}
	slices.SortFunc(g.Edges, func(a, b GraphEdge) int { return cmp.Compare(a.RelationID, b.RelationID) })
	return g, s.fillIssuers(ctx, tx, actor, g.Nodes)
}

// fillIssuers resolves the issuer named in each unregistered node's draft to
// a unit, so that registering it is one click.
func (s *Service) fillIssuers(ctx context.Context, tx *sql.Tx, actor *access.Actor, nodes []GraphNode) error {
	var m *issuerMatcher
	for i := range nodes {
		n := &nodes[i]
		if n.Registered {
			continue
		}
		if m == nil {
			org, err := loadOrg(ctx, tx, actor.OrgID)
			if err != nil {
				return err
			}
			units, err := orgUnits(ctx, tx, actor.OrgID)
			if err != nil {
				return err
			}
			matcher := newIssuerMatcher(units, org.Place)
			m = &matcher
		}
		n.Draft.IssuerUnitID = m.match(n.Draft.IssuerName, symbolIssuer(n.Draft.Symbol), n.Draft.IssuedOn)
	}
	return nil
}

// draftOfTarget pre-fills the registration of a document a relation names.
func draftOfTarget(t Target) Input {
	return Input{Symbol: t.Symbol, Kind: t.Kind, Number: numberIfNoSymbol(t), IssuedOn: t.Issued,
		IssuerName: t.Issuer, Summary: t.Summary}
}

func numberIfNoSymbol(t Target) string {
	if t.Symbol != "" {
		return ""
	}
	return t.Number
}
