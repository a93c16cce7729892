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
	parts := []string{p.Summary, p.SubjectName, p.SubjectPosition, p.Content}
	return title, strings.Join(nonEmpty(parts), "\n")
}

func nonEmpty(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// putSearch keeps the petition's search entry in step, inside the
// transaction that changes it.
func putSearch(ctx context.Context, tx *sql.Tx, p Petition) error {
	title, text := SearchDoc(p)
	return search.Put(ctx, tx, search.Doc{OrgID: p.OrgID, Kind: SearchKind.Name, RecordID: strconv.FormatInt(p.ID, 10),
		Classification: p.Classification, Title: title, Body: text, URL: "/petitions/" + strconv.FormatInt(p.ID, 10)})
}
