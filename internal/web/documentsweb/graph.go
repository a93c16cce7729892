package documentsweb

import (
	"cmp"
	"fmt"
	"slices"

	"noichinh/internal/civil"
	"noichinh/internal/documents"
)

// The relation graph is drawn server-side as an inline SVG in layers: the
// document in the middle column, what it implements (amends, replaces,
// guides, is based on) in the columns to its left, what implements it in
// the columns to its right, each a relation further away. Nodes are links;
// documents only named by relations are drawn dashed, with a button that
// opens the registration form pre-filled from the relation.

// Geometry of the drawing, in SVG user units (pixels at scale 1).
const (
	nodeW        = 188
	nodeH        = 62
	colGap       = 96
	rowGap       = 16
	margin       = 10
	maxPerColumn = 10  // more nodes in a column are counted, not drawn
	bow          = 44  // how far a bow between nodes of one column reaches out
	bowRoom      = 110 // the room it and its label need outside the outermost column
	titleRunes   = 24
	summaryRunes = 30
)

// graphView is the laid-out graph.
type graphView struct {
	Width, Height int
	Nodes         []nodeView
	Edges         []edgeView
	More          []moreView
	Pending       []nodeView // unregistered documents, for the list under the drawing
}

type nodeView struct {
	Key        string
	X, Y       int
	Title      string // shortened to fit
	FullTitle  string
	Summary    string // shortened to fit
	Full       string // title and summary, for the tooltip
	Kind       string
	Status     documents.Status
	Issued     civil.Date
	Secret     bool
	Root       bool
	Registered bool
	URL        string // the document's page, or the registration form
	Column     int
}

// Geometry helpers for the template.
func (n nodeView) W() int       { return nodeW }
func (n nodeView) H() int       { return nodeH }
func (n nodeView) TX() int      { return n.X + 10 }
func (n nodeView) Line1() int   { return n.Y + 20 }
func (n nodeView) Line2() int   { return n.Y + 37 }
func (n nodeView) Line3() int   { return n.Y + 53 }
func (n nodeView) BtnX() int    { return n.X + nodeW - 78 }
func (n nodeView) BtnY() int    { return n.Y + nodeH - 24 }
func (n nodeView) BtnTX() int   { return n.X + nodeW - 41 }
func (n nodeView) BtnTY() int   { return n.Y + nodeH - 11 }
func (n nodeView) right() int   { return n.X + nodeW }
func (n nodeView) middle() int  { return n.Y + nodeH/2 }
func (m moreView) TextX() int   { return m.X + nodeW/2 }
func (g graphView) Empty() bool { return len(g.Edges) == 0 }

type edgeView struct {
	D      string // SVG path
	LX, LY int    // label position
	Anchor string // text-anchor of the label
	Type   string
	Source string
}

type moreView struct {
	X, Y int
	N    int
}

// layoutGraph places a graph's nodes in columns and draws its edges.
func layoutGraph(g documents.Graph) graphView {
	var v graphView
	index := map[string]int{}
	for i, n := range g.Nodes {
		index[n.Key] = i
	}
	if _, ok := index[g.Root]; !ok {
		return v
	}
	// Columns: a relation's target is one column left of its holder.
	col := map[string]int{g.Root: 0}
	queue := []string{g.Root}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		for _, e := range g.Edges {
			var other string
			var c int
			switch k {
			case e.From:
				other, c = e.To, col[k]-1
			case e.To:
				other, c = e.From, col[k]+1
			default:
				continue
			}
			if _, seen := col[other]; !seen {
				if _, known := index[other]; known {
					col[other] = c
					queue = append(queue, other)
				}
			}
		}
	}
	minCol, maxCol := 0, 0
	columns := map[int][]string{}
	for k, c := range col {
		columns[c] = append(columns[c], k)
		minCol, maxCol = min(minCol, c), max(maxCol, c)
	}
	neighbours := map[string][]string{}
	for _, e := range g.Edges {
		neighbours[e.From] = append(neighbours[e.From], e.To)
		neighbours[e.To] = append(neighbours[e.To], e.From)
	}
	row := map[string]int{}
	byDate := func(a, b string) int {
		na, nb := g.Nodes[index[a]], g.Nodes[index[b]]
		return cmp.Or(nodeDate(na).Compare(nodeDate(nb)), cmp.Compare(a, b))
	}
	// Order each column by where its neighbours nearer the root sit, so
	// that edges cross as little as they can; the root's column first.
	order := func(c, nearer int) {
		ks := columns[c]
		bary := map[string]float64{}
		for _, k := range ks {
			sum, n := 0.0, 0
			for _, o := range neighbours[k] {
				if oc, ok := col[o]; ok && oc == nearer {
					if r, ok := row[o]; ok {
						sum += float64(r)
						n++
					}
				}
			}
			bary[k] = 1e9
			if n > 0 {
				bary[k] = sum / float64(n)
			}
		}
		slices.SortFunc(ks, func(a, b string) int {
			if c == 0 {
				if a == g.Root {
					return -1
				}
				if b == g.Root {
					return 1
				}
			}
			return cmp.Or(cmp.Compare(bary[a], bary[b]), byDate(a, b))
		})
		for i, k := range ks {
			row[k] = i
		}
	}
	order(0, 0)
	for c := -1; c >= minCol; c-- {
		order(c, c+1)
	}
	for c := 1; c <= maxCol; c++ {
		order(c, c-1)
	}
	rows := 0
	for _, ks := range columns {
		rows = max(rows, min(len(ks), maxPerColumn))
	}
	moreRow := 0
	for _, ks := range columns {
		if len(ks) > maxPerColumn {
			moreRow = 1
		}
	}
	ncols := maxCol - minCol + 1
	// Bows between nodes of the outermost columns need room outside them.
	var bowLeft, bowRight int
	for _, e := range g.Edges {
		if c, ok := col[e.From]; ok && c == col[e.To] {
			if c < 0 && c == minCol {
				bowLeft = bowRoom
			}
			if c >= 0 && c == maxCol {
				bowRight = bowRoom
			}
		}
	}
	v.Width = 2*margin + bowLeft + bowRight + ncols*nodeW + (ncols-1)*colGap
	v.Height = 2*margin + (rows+moreRow)*(nodeH+rowGap) - rowGap
	placed := map[string]nodeView{}
	for c := minCol; c <= maxCol; c++ {
		ks := columns[c]
		shown := min(len(ks), maxPerColumn)
		x := margin + bowLeft + (c-minCol)*(nodeW+colGap)
		top := margin + (rows-shown)*(nodeH+rowGap)/2
		for i, k := range ks[:shown] {
			nv := nodeOf(g.Nodes[index[k]], k == g.Root)
			nv.X, nv.Y, nv.Column = x, top+i*(nodeH+rowGap), c
			placed[k] = nv
			v.Nodes = append(v.Nodes, nv)
		}
		if len(ks) > shown {
			v.More = append(v.More, moreView{X: x, Y: top + shown*(nodeH+rowGap) + nodeH/2, N: len(ks) - shown})
		}
	}
	for _, n := range g.Nodes {
		if !n.Registered {
			v.Pending = append(v.Pending, nodeOf(n, false))
		}
	}
	degree := map[string]int{}
	for _, e := range g.Edges {
		degree[e.From]++
		degree[e.To]++
	}
	// Labels must not cover the nodes, nor each other.
	var taken []box
	for _, n := range v.Nodes {
		taken = append(taken, box{float64(n.X), float64(n.Y), float64(n.X + nodeW), float64(n.Y + nodeH)})
	}
	for _, e := range g.Edges {
		from, ok1 := placed[e.From]
		to, ok2 := placed[e.To]
		if !ok1 || !ok2 {
			continue
		}
		v.Edges = append(v.Edges, edgeOf(from, to, e, degree, &taken))
	}
	return v
}

func nodeDate(n documents.GraphNode) civil.Date {
	if n.Registered {
		return n.Document.IssuedOn
	}
	return n.Target.Issued
}

func nodeOf(n documents.GraphNode, root bool) nodeView {
	v := nodeView{Key: n.Key, Root: root, Registered: n.Registered}
	if n.Registered {
		d := n.Document
		v.FullTitle, v.Kind, v.Status, v.Issued = d.Title(), d.Kind, d.Status, d.IssuedOn
		v.Summary = shorten(d.Summary, summaryRunes)
		v.Full = joinNonEmpty(d.Title(), d.Summary)
		v.Secret = d.Classification > 0
		v.URL = docURL(d.ID)
	} else {
		t := n.Target
		v.FullTitle, v.Kind, v.Issued = t.Name(), t.Kind, t.Issued
		v.Full = joinNonEmpty(t.Name(), t.Summary)
		v.URL = newURL(n.Draft)
	}
	v.Title = shorten(v.FullTitle, titleRunes)
	return v
}

// labelW and labelH bound a relation's label ("sửa đổi, bổ sung").
const (
	labelW = 96
	labelH = 14
)

type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }

// edgeOf draws a relation from the node that holds it to its target as a
// curve between their facing sides; between two nodes of one column, as a
// bow on the column's outer side (away from the document). The label goes
// where it covers no node and no other label, trying first the end whose
// node has fewer relations, where labels crowd less.
func edgeOf(from, to nodeView, e documents.GraphEdge, degree map[string]int, taken *[]box) edgeView {
	var sx, ex, c1x, c2x float64
	sy, ey := float64(from.middle()), float64(to.middle())
	anchor, ts := "middle", []float64{0.5, 0.35, 0.65, 0.2, 0.8}
	switch {
	case to.Column < from.Column:
		sx, ex = float64(from.X), float64(to.right())
		mid := (sx - ex) / 2
		c1x, c2x = sx-mid, ex+mid
	case to.Column > from.Column:
		sx, ex = float64(from.right()), float64(to.X)
		mid := (ex - sx) / 2
		c1x, c2x = sx+mid, ex-mid
	case from.Column < 0: // same column, left of the document: bow to the left
		sx, ex = float64(from.X), float64(to.X)
		c1x, c2x = sx-bow, ex-bow
		anchor, ts = "end", []float64{0.5}
	default: // same column, right of it: bow to the right
		sx, ex = float64(from.right()), float64(to.right())
		c1x, c2x = sx+bow, ex+bow
		anchor, ts = "start", []float64{0.5}
	}
	if anchor == "middle" {
		switch df, dt := degree[e.From], degree[e.To]; {
		case df < dt:
			ts = []float64{0.25, 0.4, 0.15, 0.6, 0.75}
		case dt < df:
			ts = []float64{0.75, 0.6, 0.85, 0.4, 0.25}
		}
	}
	// A point of the cubic curve (sx,sy) (c1x,sy) (c2x,ey) (ex,ey) at t.
	at := func(t float64) (float64, float64) {
		u := 1 - t
		return u*u*u*sx + 3*u*u*t*c1x + 3*u*t*t*c2x + t*t*t*ex, u*u*u*sy + 3*u*u*t*sy + 3*u*t*t*ey + t*t*t*ey
	}
	labelBox := func(x, y float64) box {
		switch anchor {
		case "start":
			return box{x, y - labelH, x + labelW, y}
		case "end":
			return box{x - labelW, y - labelH, x, y}
		}
		return box{x - labelW/2, y - labelH, x + labelW/2, y}
	}
	lx, ly := at(ts[0])
	for _, t := range ts {
		x, y := at(t)
		b := labelBox(x, y-4)
		free := true
		for _, o := range *taken {
			if b.overlaps(o) {
				free = false
				break
			}
		}
		if free {
			lx, ly = x, y
			break
		}
	}
	switch anchor {
	case "start":
		lx += 4
	case "end":
		lx -= 4
	}
	*taken = append(*taken, labelBox(lx, ly-4))
	d := fmt.Sprintf("M%.0f,%.0f C%.0f,%.0f %.0f,%.0f %.0f,%.0f", sx, sy, c1x, sy, c2x, ey, ex, ey)
	return edgeView{D: d, LX: int(lx), LY: int(ly) - 4, Anchor: anchor, Type: e.Type, Source: e.Source}
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func joinNonEmpty(a, b string) string {
	if b == "" {
		return a
	}
	return a + ": " + b
}
