// Package cases follows the criminal cases and matters (vụ án, vụ việc) the
// Committee watches: watch lists (monitored by the Committee, directed by
// the Standing Board or steering committee), procedural stages with their
// statutory deadlines, urging, meetings with the procedural agencies,
// suspects and defendants counts, damage and recovered assets, and the
// period figures the reports quote (RULES.md §2).
//
// History is the source of truth. Every fact is an event in case_events
// (append-only, enforced by triggers) with the legal date it took effect
// and the moment it was recorded; a correction is a new event naming the
// one it replaces, a retraction withdraws one. The state columns of cases
// (watch level, stage, deadline, totals) are Fold of the events, recomputed
// in the transaction that writes an event, so lists read them directly.
// Period figures are computed from the events by effective date (see
// figures.go and docs/figures-cases.md), optionally as recorded at a past
// moment, so a report can be reproduced.
//
// Layout: types.go and event.go (the vocabulary), fold.go (pure history
// rules), deadline.go (limits through the calendar engine), input.go
// (validation), service.go (permissions, transactions, audit), list.go,
// figures.go (pure figures), figures_store.go, narrative.go (report prose),
// remind.go (reminders job), search.go (text for the search index),
// store.go (SQL), demo.go and demo_data.go (seed-modelled demo), generate.go
// (national-scale synthetic data).
package cases
