package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"unicode/utf8"

	"noichinh/internal/cite"
)

func init() {
	register(&command{
		name:    "cite",
		summary: "list the documents cited in Vietnamese text, one JSON object per line",
		run:     runCite,
	})
}

const citeHelp = `Finds every document cited in Vietnamese text (Nghị quyết, Quyết định, Quy
định, Chỉ thị, Kết luận, Kế hoạch, Nghị định, Luật, …) and prints one JSON
object per citation, in order, reading each FILE or, without one, standard
input ("-" also names standard input).

Each object has the keys:
  file         the file name, "-" for standard input
  start, end   byte offsets of the citation (kind word through symbol)
  kind         resolution, decision, regulation, directive, conclusion,
               program, plan, guidance, notice, rules, official_letter,
               report, submission, scheme, circular, decree, law, …
  kind_code    NQ, QĐ, QĐi, CT, KL, CTr, KH, HD, TB, QC, CV, NĐ, TT, L, …
  number       "48"
  symbol       canonical symbol, "48-CT/TW"; "" when the text gives a number only
  issuer_code  "TW"
  issued       issue date YYYY-MM-DD, "" when the text does not say
  issuer       "Bộ Chính trị", "" when the text does not say
  summary      the subject ("về …"), "" when none
  relations    [{"type": "implements"|"amends"|"replaces"|"guides"|"based_on",
               "symbol": the other document's symbol, or "<kind> số <number>"}]

Every input is read and checked before anything is printed: a missing file
or input that is not valid UTF-8 is an error (exit status 1, the file and the
byte offset on standard error) and nothing is printed.`

// citeRecord is the JSON line for one citation; the field order is the
// documented key order.
type citeRecord struct {
	File       string         `json:"file"`
	Start      int            `json:"start"`
	End        int            `json:"end"`
	Kind       string         `json:"kind"`
	KindCode   string         `json:"kind_code"`
	Number     string         `json:"number"`
	Symbol     string         `json:"symbol"`
	IssuerCode string         `json:"issuer_code"`
	Issued     string         `json:"issued"`
	Issuer     string         `json:"issuer"`
	Summary    string         `json:"summary"`
	Relations  []citeRelation `json:"relations"`
}

type citeRelation struct {
	Type   string `json:"type"`
	Symbol string `json:"symbol"`
}

func runCite(ctx context.Context, env *cliEnv, args []string) error {
	fl := newFlags(env, "cite", "[FILE…]", citeHelp)
	if err := fl.parse(args); err != nil {
		return err
	}
	names := fl.Args()
	if len(names) == 0 {
		names = []string{"-"}
	}
	// Read and check every input first: a failure must not leave half an
	// output behind.
	texts := make([]string, len(names))
	for i, name := range names {
		text, err := readCiteInput(env, name)
		if err != nil {
			return err
		}
		if !utf8.ValidString(text) {
			return fmt.Errorf("%s: invalid UTF-8 at byte offset %d", name, invalidUTF8Offset(text))
		}
		texts[i] = text
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	for i, text := range texts {
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, r := range cite.Find(text) {
			rec := citeRecord{
				File: names[i], Start: r.Start, End: r.End,
				Kind: r.Kind, KindCode: r.KindCode, Number: r.Number,
				Symbol: r.Symbol, IssuerCode: r.IssuerCode,
				Issuer: r.Issuer, Summary: r.Summary,
				Relations: make([]citeRelation, 0, len(r.Relations)),
			}
			if !r.Issued.IsZero() {
				rec.Issued = r.Issued.String()
			}
			for _, x := range r.Relations {
				rec.Relations = append(rec.Relations, citeRelation{x.Type, x.Symbol})
			}
			if err := enc.Encode(rec); err != nil {
				return err
			}
		}
	}
	_, err := env.stdout.Write(out.Bytes())
	return err
}

// readCiteInput reads a named file, or standard input for "-".
func readCiteInput(env *cliEnv, name string) (string, error) {
	if name == "-" {
		b, err := io.ReadAll(env.stdin)
		if err != nil {
			return "", fmt.Errorf("-: reading standard input: %w", err)
		}
		return string(b), nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // "no such file or directory", without repeating the name
		}
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return string(b), nil
}

// invalidUTF8Offset returns the offset of the first byte that is not part
// of a valid UTF-8 sequence.
func invalidUTF8Offset(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(s)
}
