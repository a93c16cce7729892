package units

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/search"
)

// The organisation module's entries in the global search: units under every
// name they ever bore, and people. Units and people carry no classification
// (reference data); the composition root registers the kinds.
var (
	SearchKind       = search.Kind{Name: "unit", Label: "units.search.kind_unit", Perm: access.OrgRead}
	PersonSearchKind = search.Kind{Name: "person", Label: "units.search.kind_person", Perm: access.OrgRead}
)

// unitSearchText is a unit's searchable text: the names it bore, oldest
// first, then its code, issuer code and administrative code. It must stay
// what unitSearchSQL computes for a bulk rebuild.
func unitSearchText(u Unit, versions []Version) string {
	var names []string
	for _, v := range versions {
		if v.Name != "" && !contains(names, v.Name) {
			names = append(names, v.Name)
		}
	}
	if len(names) == 0 {
		names = []string{u.Name}
	}
	codes := u.Code
	for _, c := range []string{u.IssuerCode, u.AdminCode} {
		if c != "" {
			codes += " · " + c
		}
	}
	return strings.Join(names, " · ") + "\n" + codes
}

// putUnitSearch keeps a unit's search entry in step, inside the
// transaction that changes it.
func putUnitSearch(ctx context.Context, tx *sql.Tx, u Unit, versions []Version) error {
	id := strconv.FormatInt(u.ID, 10)
	return search.Put(ctx, tx, search.Doc{OrgID: u.OrgID, Kind: SearchKind.Name, RecordID: id,
		Title: u.Name, Body: unitSearchText(u, versions), URL: "/units/" + id})
}

// putPersonSearch keeps a person's search entry in step.
func putPersonSearch(ctx context.Context, tx *sql.Tx, p Person) error {
	id := strconv.FormatInt(p.ID, 10)
	return search.Put(ctx, tx, search.Doc{OrgID: p.OrgID, Kind: PersonSearchKind.Name, RecordID: id,
		Title: p.FullName, Body: p.Note, URL: "/people/" + id})
}

// SearchSources give the search index every unit and person, for a rebuild
// in bulk (after generating data or restoring a backup): the same entries
// the service's writes keep day to day. Names are aggregated in the order of
// their first version (versions are stored oldest first).
func SearchSources() []search.Source {
	return []search.Source{
		{Kind: SearchKind.Name, Query: `SELECT u.org_id, CAST(u.id AS TEXT), 0, u.name,
			COALESCE((SELECT string_agg(x.name, ' · ' ORDER BY x.first_id)
				FROM (SELECT v.name AS name, MIN(v.id) AS first_id FROM unit_versions v
					WHERE v.unit_id = u.id AND v.org_id = u.org_id AND v.name <> '' GROUP BY v.name) x), u.name)
			|| '` + "\n" + `' || u.code
			|| CASE WHEN u.issuer_code <> '' THEN ' · ' || u.issuer_code ELSE '' END
			|| CASE WHEN u.admin_code <> '' THEN ' · ' || u.admin_code ELSE '' END,
			'/units/' || CAST(u.id AS TEXT)
			FROM units u ORDER BY u.id`},
		{Kind: PersonSearchKind.Name, Query: `SELECT p.org_id, CAST(p.id AS TEXT), 0, p.full_name, p.note,
			'/people/' || CAST(p.id AS TEXT) FROM people p ORDER BY p.id`},
	}
}
