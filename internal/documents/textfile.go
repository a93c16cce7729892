package documents

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"noichinh/internal/validate"
)

// maxDocumentXML bounds the uncompressed main part of a DOCX read for its
// text, so a small crafted archive cannot expand without end.
const maxDocumentXML = 64 << 20

// ExtractText returns the text of an uploaded .txt or .docx file for the
// paste-a-text analysis. Text files must be UTF-8 (a UTF-8 byte-order mark is
// dropped; UTF-16 with a byte-order mark is converted); anything else is
// refused with a field error on "file", never guessed. A name whose
// extension is neither .txt nor .docx is refused whatever its content.
func ExtractText(fileName string, data []byte) (string, error) {
	fail := func(key string) (string, error) {
		return "", validate.Errors{{Field: "file", Key: key}}
	}
	switch {
	case !analyzableName(fileName):
		return fail("documents.error.text_type_refused")
	case len(data) == 0:
		return fail("documents.error.file_empty")
	case len(data) > MaxAttachmentSize:
		return "", validate.Errors{{Field: "file", Key: "documents.error.file_too_large",
			Params: map[string]any{"max": MaxAttachmentSize >> 20}}}
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		text, err := docxText(data)
		if err != nil {
			return fail("documents.error.docx_unreadable")
		}
		return text, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		text, ok := utf16Text(data)
		if !ok {
			return fail("documents.error.text_not_utf8")
		}
		return text, nil
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		return fail("documents.error.text_not_utf8")
	}
	if !isPlainText(data) {
		return fail("documents.error.text_type_refused")
	}
	return string(data), nil
}

// utf16Text decodes UTF-16 text with a byte-order mark.
func utf16Text(data []byte) (string, bool) {
	var order binary.ByteOrder = binary.LittleEndian
	if data[0] == 0xFE {
		order = binary.BigEndian
	}
	data = data[2:]
	if len(data)%2 != 0 {
		return "", false
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		units[i] = order.Uint16(data[2*i:])
	}
	text := string(utf16.Decode(units))
	if strings.ContainsRune(text, utf8.RuneError) {
		return "", false // unpaired surrogates: not text
	}
	return text, true
}

var errNoDocumentXML = errors.New("no word/document.xml")

// docxText reads the paragraphs of a DOCX (a zip whose word/document.xml
// holds the body), one line per paragraph; tabs and line breaks inside a
// paragraph are kept.
func docxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", err
		}
		defer rc.Close()
		return wordText(io.LimitReader(rc, maxDocumentXML))
	}
	return "", errNoDocumentXML
}

// wordText walks WordprocessingML: w:t holds text, w:tab and w:br/w:cr in a
// run are a tab and a line break (a w:tab elsewhere is a tab stop setting),
// and each w:p ends a line.
func wordText(r io.Reader) (string, error) {
	const ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	dec := xml.NewDecoder(r)
	var b strings.Builder
	inText, runs := false, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != ns {
				continue
			}
			switch t.Name.Local {
			case "r":
				runs++
			case "t":
				inText = true
			case "tab":
				if runs > 0 {
					b.WriteByte('\t')
				}
			case "br", "cr":
				if runs > 0 {
					b.WriteByte('\n')
				}
			}
		case xml.EndElement:
			if t.Name.Space != ns {
				continue
			}
			switch t.Name.Local {
			case "r":
				runs--
			case "t":
				inText = false
			case "p":
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
	}
	return strings.TrimRight(b.String(), "\n"), nil
}
