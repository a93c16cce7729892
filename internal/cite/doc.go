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
// Dates and issuers come from the words after a citation ("…, ngày
// 22/10/2010 của Bộ Chính trị", "(khóa XII), ngày …", "(18/02/2019)"), or
// from the clause that issues it: in "Ngày 27/9/1954, Liên khu ủy Việt Bắc
// đã ban hành Nghị quyết số 101-NQNS/LKVB" the date and the body go to the
// citation right after "ban hành" (and the items of its same-kind list);
// other citations listed after it as objects of the same verb get the body
// but not the date. A "của …" written after the last item of a list names
// the issuer of every item. A header "Số 125-QĐ/TU" over "Lạng Sơn, ngày
// 20 tháng 12 năm 2022" is dated by its place-date line.
//
// Relations are read only from tight patterns (see relate); a cue further
// from the citation, or a review ("sơ kết 5 năm thực hiện"), gives none. A
// relation names the other reference by its symbol, or as "<KindText> số
// <Number>" ("Quyết định số 14") when the text gives no symbol.
//
// Offsets are byte offsets in the caller's string; the text is never
// normalised into a copy, so NFD input and non-breaking spaces keep their
// positions. Output strings are NFC with spaces collapsed.
package cite
