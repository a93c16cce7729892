// Package units is the organisation module: every body the Committee deals
// with (Party committees and boards, its own departments, steering
// committees, procedural and state agencies, communes, wards, former
// districts, central bodies, foreign partners) with its history, the people
// who held posts in them, the staff who follow each locality, and the
// members of the steering committees.
//
// History is kept as append-only events (unit_events: established, renamed,
// moved, reclassified, merged_into, split_from, dissolved, re_established,
// reorganized), each dated and naming its deciding document. The dated
// versions of a unit (unit_versions: name, short name, kind and parent for a
// period) are derived from the events by the pure function Derive, in the
// same transaction that records an event, and the units row keeps the
// current state for lists. Every question "as of a date" (AsOf, Tree,
// HolderOn, PeopleIn, FollowersOn, SteeringOn) reads versions and periods,
// never the current row, so old records keep pointing at the bodies as they
// were (RULES.md §6: the district level ended on 01/7/2025).
//
// Every write keeps the global search in step in its transaction: a unit is
// found under every name it ever bore and its codes, a person by name
// (search.go; SearchSources rebuild the entries in bulk).
//
// Layering: service methods (service.go, people.go, assignments.go,
// steering.go, importer.go) check permissions and validate; store_*.go hold
// the SQL; history.go and rules.go are pure.
package units
