package documents

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"noichinh/internal/vntext"
)

// MaxAttachmentSize is the largest attachment accepted, in bytes.
const MaxAttachmentSize = 25 << 20

// Media types of the files documents accept, recognised by content.
const (
	TypePDF  = "application/pdf"
	TypeDOC  = "application/msword"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	TypeODT  = "application/vnd.oasis.opendocument.text"
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
	TypeText = "text/plain; charset=utf-8"
)

// extensions lists the file name extensions each type may carry, the usual first.
var extensions = map[string][]string{
	TypePDF:  {".pdf"},
	TypeDOC:  {".doc"},
	TypeDOCX: {".docx"},
	TypeXLSX: {".xlsx"},
	TypeODT:  {".odt"},
	TypeJPEG: {".jpg", ".jpeg"},
	TypePNG:  {".png"},
	TypeText: {".txt"},
}

// sniff returns the media type of a file from its content, or "" when it is
// none of the accepted types. The name's extension only tells a Word 97
// document from other files of the same container format.
func sniff(data []byte, name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return TypePDF
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return TypeJPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		// The OLE2 container also holds .xls, .ppt and .msg files; only a
		// file named .doc is taken for a Word document.
		if ext == ".doc" {
			return TypeDOC
		}
		return ""
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return sniffZip(data)
	case isPlainText(data):
		return TypeText
	}
	return ""
}

// sniffZip tells DOCX, XLSX and ODT apart by the parts they must contain.
func sniffZip(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return TypeDOCX
		case "xl/workbook.xml":
			return TypeXLSX
		case "mimetype":
			rc, err := f.Open()
			if err != nil {
				return ""
			}
			b, _ := io.ReadAll(io.LimitReader(rc, 100))
			rc.Close()
			if string(b) == TypeODT {
				return TypeODT
			}
		}
	}
	return ""
}

// isPlainText reports whether data is UTF-8 text (an optional byte-order
// mark, no control characters but tab, line and page breaks).
func isPlainText(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if len(data) == 0 || !utf8.Valid(data) {
		return false
	}
	for _, r := range string(data) {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' && r != '\f' {
			return false
		}
	}
	return true
}

// extensionMismatch reports whether a name's extension is that of another
// accepted type than the content's ("scan.pdf" holding a PNG): a file that
// is not what its name says is refused rather than renamed.
func extensionMismatch(name, mediaType string) bool {
	ext := strings.ToLower(path.Ext(name))
	if ext == "" || slices.Contains(extensions[mediaType], ext) {
		return false
	}
	for _, exts := range extensions {
		if slices.Contains(exts, ext) {
			return true
		}
	}
	return false
}

// cleanFileName makes an uploaded file's name safe to store and to offer for
// download: no folders, no characters file systems refuse, no control
// characters, at most 150 characters, and the extension of its content type.
func cleanFileName(name, mediaType string) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	name = vntext.Clean(strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"|?*`, r) || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, name))
	name = strings.Trim(name, ". ")
	ext := strings.ToLower(path.Ext(name))
	base := strings.TrimSpace(strings.TrimSuffix(name, path.Ext(name)))
	if allowed := extensions[mediaType]; len(allowed) > 0 && !slices.Contains(allowed, ext) {
		// No extension, or one of no accepted type ("scan.jfif"): keep it
		// in the name and add the content's own.
		base, ext = strings.TrimSpace(name), allowed[0]
	}
	if base == "" {
		base = "tep-dinh-kem"
	}
	if r := []rune(base); len(r) > 150-len(ext) {
		base = strings.TrimSpace(string(r[:150-len(ext)]))
	}
	return base + ext
}
