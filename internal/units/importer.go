package units

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/civil"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// ImportKind names what a CSV file holds (columns: refdata/README.md).
type ImportKind string

const (
	ImportUnits      ImportKind = "units"
	ImportSuccessors ImportKind = "successors"
)

// ImportResult counts what an import did. Rows already present with the
// same content are skipped, so importing a file twice changes nothing.
type ImportResult struct {
	Kind    ImportKind
	Rows    int
	Created int
	Skipped int
}

var importColumns = map[ImportKind][]string{
	ImportUnits: {"code", "kind", "name", "short_name", "name_en", "issuer_code", "admin_code", "parent_code",
		"valid_from", "established_by", "established_on", "established_issuer",
		"valid_to", "ended_by", "ended_on", "ended_issuer", "note"},
	ImportSuccessors: {"from_code", "to_code", "effective_on", "basis", "note"},
}

var requiredColumns = map[ImportKind][]string{
	ImportUnits:      {"code", "kind", "name"},
	ImportSuccessors: {"from_code", "to_code"},
}

// Import reads a CSV file of reference data into the actor's organisation,
// all or nothing: every row is checked first, and any problem is reported
// row by row (field "rows[<line>].<column>", line as a spreadsheet numbers
// it, the header being line 1) with nothing written.
func (s *Service) Import(ctx context.Context, r io.Reader, kind ImportKind) (ImportResult, error) {
	actor, err := access.Check(ctx, access.SettingsAdmin)
	if err != nil {
		return ImportResult{}, err
	}
	if _, ok := importColumns[kind]; !ok {
		return ImportResult{}, fmt.Errorf("units: unknown import kind %q", kind)
	}
	rows, err := readCSV(r, kind)
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Kind: kind, Rows: len(rows)}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		switch kind {
		case ImportUnits:
			res.Created, res.Skipped, err = importUnits(ctx, tx, actor, rows)
		default:
			res.Created, res.Skipped, err = importSuccessors(ctx, tx, actor, rows)
		}
		if err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: "units.import", Entity: "units_import", EntityID: kind,
			Summary: fmt.Sprintf("Nhập dữ liệu %s: %d dòng, tạo %d, bỏ qua %d", kind, res.Rows, res.Created, res.Skipped),
			After:   res})
		return err
	})
	if err != nil {
		return ImportResult{Kind: kind, Rows: len(rows)}, err
	}
	return res, nil
}

// csvRow is one data row: its line number and its cells by column name.
type csvRow struct {
	line  int
	cells map[string]string
}

func (r csvRow) get(col string) string { return r.cells[col] }

func rowField(line int, col string) string { return fmt.Sprintf("rows[%d].%s", line, col) }

// readCSV parses the file, checking the header. Lines starting with # are
// comments; a UTF-8 byte order mark (spreadsheets write one) is ignored.
func readCSV(r io.Reader, kind ImportKind) ([]csvRow, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	var errs validate.Errors
	if errors.Is(err, io.EOF) {
		errs.Add("file", "units.error.import_empty", nil)
		return nil, errs
	}
	if err != nil {
		errs.Add("file", "units.error.import_unreadable", map[string]any{"error": err.Error()})
		return nil, errs
	}
	known := importColumns[kind]
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		header[i] = h
		if !contains(known, h) {
			errs.Add("file", "units.error.import_unknown_column", map[string]any{"column": h})
		}
	}
	for _, c := range requiredColumns[kind] {
		if !contains(header, c) {
			errs.Add("file", "units.error.import_missing_column", map[string]any{"column": c})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var rows []csvRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			errs.Add(rowField(line, "file"), "units.error.import_unreadable", map[string]any{"error": err.Error(), "line": line})
			return nil, errs
		}
		if len(rec) > len(header) {
			errs.Add(rowField(line, "file"), "units.error.import_extra_cells", map[string]any{"line": line})
			continue
		}
		row := csvRow{line: line, cells: map[string]string{}}
		for i, v := range rec {
			row.cells[header[i]] = strings.TrimSpace(v)
		}
		rows = append(rows, row)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(rows) == 0 {
		errs.Add("file", "units.error.import_empty", nil)
		return nil, errs
	}
	return rows, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parseCell reads an optional date in ISO or Vietnamese form.
func parseCell(errs *validate.Errors, row csvRow, col string) civil.Date {
	s := row.get(col)
	if s == "" {
		return civil.Date{}
	}
	if d, err := civil.Parse(s); err == nil {
		return d
	}
	d, err := vntext.ParseDate(s)
	if err != nil {
		errs.Add(rowField(row.line, col), "error.invalid_date", map[string]any{"line": row.line})
	}
	return d
}

// unitRow is a parsed row of a units file.
type unitRow struct {
	line       int
	in         UnitInput
	parentCode string
	issuers    map[string]string // column -> unit code ("established_issuer" -> "standing-board")
}

// importUnits creates the units of rows that do not exist yet, parents and
// issuers before the units that name them.
func importUnits(ctx context.Context, tx *sql.Tx, actor *access.Actor, rows []csvRow) (created, skipped int, err error) {
	var errs validate.Errors
	existing, err := listAllUnits(ctx, tx, actor.OrgID)
	if err != nil {
		return 0, 0, err
	}
	byCode := make(map[string]Unit, len(existing))
	for _, u := range existing {
		byCode[u.Code] = u
	}
	inFile := map[string]*unitRow{}
	failed := map[string]bool{} // codes of rows that cannot be created: their dependents cannot either
	var todo []*unitRow
	for _, row := range rows {
		n := len(errs)
		ur := parseUnitRow(&errs, row)
		if other, dup := inFile[ur.in.Code]; dup && ur.in.Code != "" {
			errs.Add(rowField(row.line, "code"), "units.error.duplicate_code_in_file",
				map[string]any{"code": ur.in.Code, "line": other.line})
			continue
		}
		inFile[ur.in.Code] = ur
		if u, ok := byCode[ur.in.Code]; ok {
			if u.Kind == ur.in.Kind && vntext.Key(u.Name) == vntext.Key(ur.in.Name) {
				skipped++
			} else {
				errs.Add(rowField(row.line, "code"), "units.error.exists_different", map[string]any{"code": ur.in.Code, "name": u.Name})
			}
			continue
		}
		// References: to a unit in the database, or to a row of this file.
		for _, ref := range ur.refs() {
			if _, ok := byCode[ref.code]; !ok && inFile[ref.code] == nil && !anyRowHasCode(rows, ref.code) {
				errs.Add(rowField(ur.line, ref.column), ref.unknownKey, map[string]any{"code": ref.code})
			}
		}
		if len(errs) > n {
			failed[ur.in.Code] = true
			continue
		}
		todo = append(todo, ur)
	}
	order, cyclic := orderRows(todo)
	for _, ur := range cyclic {
		errs.Add(rowField(ur.line, "parent_code"), "units.error.cycle", nil)
		failed[ur.in.Code] = true
	}
	// Rows that passed are created even when others failed, so that the
	// errors that only the database can find (a parent that did not exist
	// yet on that date) are reported in the same pass; any error rolls back.
	for _, ur := range order {
		if ref, ok := firstFailedRef(ur, failed); ok {
			errs.Add(rowField(ur.line, ref.column), "units.error.import_depends_on_failed", map[string]any{"code": ref.code, "line": ur.line})
			failed[ur.in.Code] = true
			continue
		}
		ur.in.ParentID = byCode[ur.parentCode].ID
		ur.in.Established.IssuerID = byCode[ur.issuers["established_issuer"]].ID
		ur.in.Ended.IssuerID = byCode[ur.issuers["ended_issuer"]].ID
		u, err := createUnit(ctx, tx, actor, ur.in)
		var fieldErrs validate.Errors
		if errors.As(err, &fieldErrs) {
			for _, fe := range fieldErrs {
				errs.Add(rowField(ur.line, unitColumnOf(fe.Field)), fe.Key, withLine(fe.Params, ur.line))
			}
			failed[ur.in.Code] = true
			continue
		}
		if err != nil {
			return 0, 0, fmt.Errorf("line %d: %w", ur.line, err)
		}
		byCode[u.Code] = u
		created++
		if _, err := audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "unit", EntityID: u.ID,
			Summary: "Nhập đơn vị " + u.Name, After: u}); err != nil {
			return 0, 0, err
		}
	}
	if len(errs) > 0 {
		return 0, 0, errs
	}
	return created, skipped, nil
}

func anyRowHasCode(rows []csvRow, code string) bool {
	for _, r := range rows {
		if r.get("code") == code {
			return true
		}
	}
	return false
}

func firstFailedRef(ur *unitRow, failed map[string]bool) (rowRef, bool) {
	for _, ref := range ur.refs() {
		if failed[ref.code] {
			return ref, true
		}
	}
	return rowRef{}, false
}

func withLine(params map[string]any, line int) map[string]any {
	out := map[string]any{"line": line}
	for k, v := range params {
		out[k] = v
	}
	return out
}

// unitColumnOf maps an input field of createUnit to the file's column.
func unitColumnOf(field string) string {
	switch field {
	case "parent_id":
		return "parent_code"
	case "established_issuer_id":
		return "established_issuer"
	case "ended_issuer_id":
		return "ended_issuer"
	case "established_symbol":
		return "established_by"
	case "ended_symbol":
		return "ended_by"
	case "effective_on":
		return "valid_from"
	}
	return field
}

func parseUnitRow(errs *validate.Errors, row csvRow) *unitRow {
	ur := &unitRow{line: row.line, parentCode: row.get("parent_code"), issuers: map[string]string{}}
	ur.in = UnitInput{Code: row.get("code"), Kind: Kind(row.get("kind")), Name: row.get("name"),
		ShortName: row.get("short_name"), NameEN: row.get("name_en"), IssuerCode: row.get("issuer_code"),
		AdminCode: row.get("admin_code"), ValidFrom: parseCell(errs, row, "valid_from"),
		ValidTo: parseCell(errs, row, "valid_to"), Note: row.get("note"),
		Established: Decision{Symbol: row.get("established_by"), Date: parseCell(errs, row, "established_on")},
		Ended:       Decision{Symbol: row.get("ended_by"), Date: parseCell(errs, row, "ended_on")},
	}
	// An issuer is a unit code when it looks like one, otherwise the issuer's name.
	for col, d := range map[string]*Decision{"established_issuer": &ur.in.Established, "ended_issuer": &ur.in.Ended} {
		v := row.get(col)
		if codePattern.MatchString(v) {
			ur.issuers[col] = v
		} else {
			d.Issuer = v
		}
	}
	cleanUnitInput(&ur.in)
	for _, fe := range validateUnitInput(ur.in) {
		errs.Add(rowField(row.line, unitColumnOf(fe.Field)), fe.Key, withLine(fe.Params, row.line))
	}
	return ur
}

type rowRef struct {
	column, code, unknownKey string
}

func (ur *unitRow) refs() []rowRef {
	var out []rowRef
	if ur.parentCode != "" {
		out = append(out, rowRef{"parent_code", ur.parentCode, "units.error.unknown_parent"})
	}
	for _, col := range []string{"established_issuer", "ended_issuer"} {
		if c := ur.issuers[col]; c != "" {
			out = append(out, rowRef{col, c, "units.error.unknown_unit"})
		}
	}
	return out
}

// orderRows puts every row after the rows of this file it refers to;
// rows caught in a cycle of references are returned apart.
func orderRows(rows []*unitRow) (order, cyclic []*unitRow) {
	byCode := map[string]*unitRow{}
	for _, ur := range rows {
		byCode[ur.in.Code] = ur
	}
	const (
		visiting = 1
		done     = 2
	)
	state := map[*unitRow]int{}
	var visit func(ur *unitRow) bool
	visit = func(ur *unitRow) bool {
		switch state[ur] {
		case visiting:
			return false
		case done:
			return true
		}
		state[ur] = visiting
		for _, ref := range ur.refs() {
			if dep, ok := byCode[ref.code]; ok && dep != ur && !visit(dep) {
				return false
			}
		}
		state[ur] = done
		order = append(order, ur)
		return true
	}
	for _, ur := range rows {
		if state[ur] == 0 && !visit(ur) {
			cyclic = append(cyclic, ur)
		}
	}
	return order, cyclic
}

// importSuccessors records the mapping rows that are not there yet.
func importSuccessors(ctx context.Context, tx *sql.Tx, actor *access.Actor, rows []csvRow) (created, skipped int, err error) {
	var errs validate.Errors
	type pending struct {
		line int
		in   SuccessorInput
	}
	var todo []pending
	for _, row := range rows {
		var in SuccessorInput
		for col, id := range map[string]*int64{"from_code": &in.UnitID, "to_code": &in.SuccessorID} {
			code := row.get(col)
			if code == "" {
				errs.Add(rowField(row.line, col), "error.required", map[string]any{"line": row.line})
				continue
			}
			u, err := getUnitByCode(ctx, tx, actor.OrgID, code)
			if err != nil {
				errs.Add(rowField(row.line, col), "units.error.unknown_unit", map[string]any{"code": code, "line": row.line})
				continue
			}
			*id = u.ID
		}
		in.EffectiveOn = parseCell(&errs, row, "effective_on")
		in.Basis, in.Note = row.get("basis"), row.get("note")
		if in.UnitID != 0 && in.SuccessorID != 0 {
			for _, fe := range in.clean() {
				errs.Add(rowField(row.line, fe.Field), fe.Key, withLine(fe.Params, row.line))
			}
			todo = append(todo, pending{row.line, in})
		}
	}
	if len(errs) > 0 {
		return 0, 0, errs
	}
	for _, p := range todo {
		s, added, err := addSuccessor(ctx, tx, actor.OrgID, p.in)
		var fieldErrs validate.Errors
		if errors.As(err, &fieldErrs) {
			for _, fe := range fieldErrs {
				col := map[string]string{"unit_id": "from_code", "successor_id": "to_code"}[fe.Field]
				errs.Add(rowField(p.line, orString(col, fe.Field)), fe.Key, withLine(fe.Params, p.line))
			}
			continue
		}
		if err != nil {
			return 0, 0, err
		}
		if !added {
			skipped++
			continue
		}
		created++
		if _, err := audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "unit_successor", EntityID: s.UnitID,
			Summary: "Nhập đơn vị kế thừa " + s.SuccessorName, After: s}); err != nil {
			return 0, 0, err
		}
	}
	if len(errs) > 0 {
		return 0, 0, errs
	}
	return created, skipped, nil
}
