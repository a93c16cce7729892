// Package documents is the registry of directive documents: the Party and
// state documents the Committee advises, cites and implements, with their
// symbols and numbering (RULES.md §3), status, attachments and the relations
// between them (implements, amends, replaces, guides, based on). It turns a
// pasted text into references (through the cite package), matches them to
// registered documents and registers the unknown ones in one step, and gives
// the period figures of the documents the Committee advised.
//
// Layering: Service methods check permissions, validate and run one
// transaction each; the SQL lives in the store*.go files; kinds, symbol keys,
// numbering sequences, status derivation, content sniffing and text
// extraction are pure functions.
package documents
