package petitions

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/i18n"
	"noichinh/internal/search"
)

// SearchKind is the petitions' entry in the global search; the composition
// root registers it (search.Register).
var SearchKind = search.Kind{Name: "petition", Label: "petitions.search.kind", Perm: access.PetitionsRead}

// SearchDoc is what the global search indexes for a petition: a title and a
// text, both without any sender identity (identities are sealed and never
// leave the service in clear; the person complained of is not protected and
// is searchable). The search index must apply the petition's classification
// to its results, as every list does.
func SearchDoc(p Petition) (title, text string) {
	title = i18n.T(i18n.VI, "petitions.search.title", map[string]any{"ref": p.RefCode, "summary": p.Summary})
	subject := strings.TrimSpace(p.SubjectName + " " + p.SubjectPosition)
	return title, p.Summary + "\n" + subject + "\n" + p.Content
}

// SearchSource gives the search index every petition, for a rebuild in bulk
// (after generating data or restoring a backup): the same entries as
// putSearch writes day to day.
func SearchSource() search.Source {
	return search.Source{Kind: SearchKind.Name, Query: `SELECT org_id, CAST(id AS TEXT), classification,
		'Đơn số ' || ref_code || ': ' || summary,
		summary || '` + "\n" + `' || TRIM(subject_name || ' ' || subject_position) || '` + "\n" + `' || content,
		'/petitions/' || CAST(id AS TEXT)
		FROM petitions ORDER BY id`}
}

// putSearch keeps the petition's search entry in step, inside the
// transaction that changes it.
func putSearch(ctx context.Context, tx *sql.Tx, p Petition) error {
	title, text := SearchDoc(p)
	return search.Put(ctx, tx, search.Doc{OrgID: p.OrgID, Kind: SearchKind.Name, RecordID: strconv.FormatInt(p.ID, 10),
		Classification: p.Classification, Title: title, Body: text, URL: "/petitions/" + strconv.FormatInt(p.ID, 10)})
}
