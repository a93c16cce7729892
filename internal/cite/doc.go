// Package cite finds the documents cited in Vietnamese text: Party and state
// directives, resolutions, decisions, plans and the rest, with their number,
// symbol, issue date, issuer, subject and the relations between them
// ("38-CTr/TU implements 05-KL/TW"). It is pure: no I/O, no global state.
//
// What counts as a citation:
//
//   - a kind word, "số" and a number or symbol: "Quyết định số 1045-QĐ/TU",
//     "Quyết định số 14" (a number alone needs "số": "Báo cáo 6 tháng" is
//     no citation);
//   - a kind word right before a symbol: "Chỉ thị 48-CT/TW";
//   - a symbol alone whose kind code is known: "48-CT/TW", "30/2020/NĐ-CP";
//     a law-style symbol ("25/2018/QH14") alone has kind "document", since
//     laws and National Assembly resolutions share that layout;
//   - the items of a same-kind list: "các Chỉ thị số 04-CT/TU, 05-CT/TU và
//     06-CT/TU". A list of bare numbers ending with a symbol takes the
//     symbol's pattern: "Nghị quyết số 01, 02 và 03-NQ/TU" cites 01-NQ/TU,
//     02-NQ/TU and 03-NQ/TU; bare numbers not closed by a symbol are items
//     only when the list visibly ends ("Quyết định số 14, 15 và 16 của …").
//
// Laws carry no kind code in their symbols; this package uses L for a law
// (Luật), BL for a code (Bộ luật) and PL for an ordinance (Pháp lệnh), and
// gives the law's name as its Summary. The Party "quy định" is QĐi, the
// state one QyĐ; the Party "thông tri" and the state "thông tư" share TT
// and are told apart by the symbol's layout.
//
// A relation names the other reference by its symbol, or as "<KindText> số
// <Number>" ("Quyết định số 14") when the text gives no symbol.
//
// Offsets are byte offsets in the caller's string; the text is never
// normalised into a copy, so NFD input and non-breaking spaces keep their
// positions. Output strings are NFC with spaces collapsed.
package cite
