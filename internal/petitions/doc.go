// Package petitions is citizen reception (tiếp công dân) and petition
// handling (xử lý đơn thư) for a Ban Nội chính: reception sessions and their
// visits, petitions with their classification, processing, forwarding,
// replies and outcomes, legal deadlines from the versioned limit table,
// duplicate detection, protected sender identities, due lists, reminders and
// the period figures of the standard petition table.
//
// A petition's history is the append-only petition_events; its current
// state (the petitions row and its petition_deadlines) is derived from those
// events by project, a pure function, in the same transaction that appends
// them. Every write is audited, every edit is checked against the version
// the user read, and every query is scoped to the actor's organisation and
// clearance.
//
// Senders' identities (name, address, phone, ID number, handwriting notes)
// are sealed with envelope encryption the moment they arrive and are never
// shown, searched, exported or audited in clear; see identity.go.
package petitions
