package documentsweb

import (
	"fmt"
	"strings"
	"testing"

	"noichinh/internal/civil"
	"noichinh/internal/documents"
)

func regNode(id int64, symbol string, depth int) documents.GraphNode {
	return documents.GraphNode{Key: fmt.Sprintf("doc:%d", id), Depth: depth, Registered: true,
		Document: documents.Document{ID: id, Symbol: symbol, Kind: "plan", Status: documents.InForce,
			IssuedOn: civil.New(2020, 1, int(id)), Summary: strings.Repeat("về công tác nội chính ", 3)}}
}

// The layout puts what a document implements to its left, what implements
// it to its right, a relation further per column; nodes link to their pages,
// unregistered ones to the pre-filled registration form.
func TestLayoutGraph(t *testing.T) {
	g := documents.Graph{Root: "doc:1", Nodes: []documents.GraphNode{
		regNode(1, "05-KL/TW", 0),
		regNode(2, "48-CT/TW", 1),  // 1 implements 2
		regNode(3, "38-CTr/TU", 1), // 3 implements 1
		regNode(4, "12-KH/TU", 2),  // 4 implements 3
		regNode(5, "13-KH/TU", 2),  // 5 implements 3 and 4
		{Key: "ref:9 ct/tw", Depth: 1, Target: documents.Target{Symbol: "09-CT/TW", Kind: "directive",
			Issued: civil.New(2011, 12, 1)}, Draft: documents.Input{Symbol: "09-CT/TW", Kind: "directive",
			IssuedOn: civil.New(2011, 12, 1), IssuerUnitID: 7}},
	}, Edges: []documents.GraphEdge{
		{RelationID: 1, From: "doc:1", To: "doc:2", Type: "implements"},
		{RelationID: 2, From: "doc:3", To: "doc:1", Type: "implements"},
		{RelationID: 3, From: "doc:4", To: "doc:3", Type: "implements"},
		{RelationID: 4, From: "doc:5", To: "doc:3", Type: "guides"},
		{RelationID: 5, From: "doc:5", To: "doc:4", Type: "amends"},
		{RelationID: 6, From: "doc:1", To: "ref:9 ct/tw", Type: "based_on"},
	}}
	v := layoutGraph(g)
	x := map[string]int{}
	for _, n := range v.Nodes {
		x[n.Key] = n.X
		if n.X < 0 || n.Y < 0 || n.X+nodeW > v.Width || n.Y+nodeH > v.Height {
			t.Errorf("%s is outside the drawing: %+v in %dx%d", n.Key, n, v.Width, v.Height)
		}
	}
	if !(x["doc:2"] < x["doc:1"] && x["doc:1"] < x["doc:3"] && x["doc:3"] < x["doc:4"] && x["doc:4"] == x["doc:5"]) {
		t.Errorf("columns: %v", x)
	}
	if x["ref:9 ct/tw"] != x["doc:2"] {
		t.Errorf("the unregistered target is not left of the document: %v", x)
	}
	if len(v.Edges) != 6 || len(v.Pending) != 1 {
		t.Fatalf("edges %d, pending %d", len(v.Edges), len(v.Pending))
	}
	for _, n := range v.Nodes {
		switch {
		case n.Key == "doc:1" && (!n.Root || n.URL != "/documents/1"):
			t.Errorf("root node: %+v", n)
		case n.Key == "ref:9 ct/tw" && (n.Registered || !strings.HasPrefix(n.URL, "/documents/new?") ||
			!strings.Contains(n.URL, "issuer_unit_id=7") || !strings.Contains(n.URL, "issued_on=01%2F12%2F2011")):
			t.Errorf("unregistered node: %+v", n)
		case len([]rune(n.Summary)) > summaryRunes:
			t.Errorf("summary not shortened: %q", n.Summary)
		}
	}
	// 13-KH/TU amends 12-KH/TU in the same column: a bow on the outer side,
	// with room for it in the drawing.
	bow := v.Edges[4]
	if bow.Anchor != "start" || bow.LX <= x["doc:5"]+nodeW || bow.LX >= v.Width {
		t.Errorf("same-column edge: %+v (width %d)", bow, v.Width)
	}

	// A column with more nodes than fit is counted, not drawn.
	big := documents.Graph{Root: "doc:1", Nodes: []documents.GraphNode{regNode(1, "48-CT/TW", 0)}}
	for i := int64(2); i <= maxPerColumn+4; i++ {
		big.Nodes = append(big.Nodes, regNode(i, fmt.Sprintf("%d-KH/TU", i), 1))
		big.Edges = append(big.Edges, documents.GraphEdge{RelationID: i, From: fmt.Sprintf("doc:%d", i), To: "doc:1", Type: "implements"})
	}
	v = layoutGraph(big)
	if len(v.Nodes) != maxPerColumn+1 || len(v.More) != 1 || v.More[0].N != 3 || len(v.Edges) != maxPerColumn {
		t.Errorf("big column: %d nodes, more %+v, %d edges", len(v.Nodes), v.More, len(v.Edges))
	}
	// Alone, a document has nothing to draw.
	if !layoutGraph(documents.Graph{Root: "doc:1", Nodes: []documents.GraphNode{regNode(1, "x", 0)}}).Empty() {
		t.Errorf("a graph without relations is not empty")
	}
}
