package units

import (
	"bytes"
	"context"
	"embed"
	"fmt"
)

//go:embed refdata/*.csv
var refdataFS embed.FS

// ReferenceFile is one embedded reference data file.
type ReferenceFile struct {
	Name string
	Kind ImportKind
}

// ReferenceFiles lists the embedded reference data (refdata/README.md) in
// load order: a file may name units of an earlier one.
var ReferenceFiles = []ReferenceFile{
	{"central.csv", ImportUnits},
	{"provincial.csv", ImportUnits},
	{"historical.csv", ImportUnits},
	{"agencies.csv", ImportUnits},
	{"localities.csv", ImportUnits},
	{"successors.csv", ImportSuccessors},
}

// ReferenceData returns an embedded file's content, for an administrator to
// download, complete and import again.
func ReferenceData(name string) ([]byte, error) {
	return refdataFS.ReadFile("refdata/" + name)
}

// LoadReferenceData imports every embedded file into the actor's
// organisation; files already imported are skipped row by row.
func (s *Service) LoadReferenceData(ctx context.Context) ([]ImportResult, error) {
	var out []ImportResult
	for _, f := range ReferenceFiles {
		b, err := ReferenceData(f.Name)
		if err != nil {
			return out, err
		}
		res, err := s.Import(ctx, bytes.NewReader(b), f.Kind)
		if err != nil {
			return out, fmt.Errorf("reference data %s: %w", f.Name, err)
		}
		out = append(out, res)
	}
	return out, nil
}
