package documents

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/i18n"
	"noichinh/internal/search"
)

// SearchKind is the documents' entry in the global search; the composition
// root registers it (search.Register).
var SearchKind = search.Kind{Name: "document", Label: "documents.search.kind", Perm: access.DocsRead}

// SearchText returns a document's searchable title and text: the title is
// what a result shows ("48-CT/TW: tăng cường sự lãnh đạo…"), the text what
// else a query may match (the issuing body, subject, notes and full text).
// issuerUnit is the name of the issuing unit, "" when there is none.
func SearchText(d Document, issuerUnit string) (title, text string) {
	title = d.Title()
	if d.Summary != "" {
		title += ": " + d.Summary
	}
	return title, issuerUnit + "\n" + d.IssuerName + "\n" + d.Summary + "\n" + d.Notes + "\n" + d.Body
}

// putSearch keeps the document's search entry in step, inside the
// transaction that changes it.
func putSearch(ctx context.Context, tx *sql.Tx, r record) error {
	title, text := SearchText(r.Document, r.issuerUnitName)
	id := strconv.FormatInt(r.ID, 10)
	return search.Put(ctx, tx, search.Doc{OrgID: r.OrgID, Kind: SearchKind.Name, RecordID: id,
		Classification: r.Classification, Title: title, Body: text, URL: "/documents/" + id})
}

// SearchSource gives the search index every document, for a rebuild in bulk
// (after generating data or restoring a backup): the same entries as
// putSearch writes day to day.
func SearchSource() search.Source {
	var labels strings.Builder
	labels.WriteString("CASE d.kind")
	for _, k := range kindOrder {
		labels.WriteString(" WHEN '" + k + "' THEN '" + i18n.T(i18n.VI, "documents.kind."+k, nil) + "'")
	}
	labels.WriteString(" ELSE d.kind END")
	return search.Source{Kind: SearchKind.Name, Query: `SELECT d.org_id, CAST(d.id AS TEXT), d.classification,
		CASE WHEN d.symbol <> '' THEN d.symbol ELSE ` + labels.String() + ` || ' số ' || d.number END
			|| CASE WHEN d.summary <> '' THEN ': ' || d.summary ELSE '' END,
		COALESCE(u.name, '') || '` + "\n" + `' || d.issuer_name || '` + "\n" + `' || d.summary || '` + "\n" +
		`' || d.notes || '` + "\n" + `' || d.body,
		'/documents/' || CAST(d.id AS TEXT)
		FROM documents d LEFT JOIN units u ON u.id = d.issuer_unit_id ORDER BY d.id`}
}
