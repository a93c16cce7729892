package units

import (
	"errors"
	"testing"

	"noichinh/internal/civil"
)

var d = civil.MustParse

func TestDerive(t *testing.T) {
	est := Event{ID: 1, Kind: Established, EffectiveOn: d("1954-09-27"), Name: "A", UnitKind: KindPartyOrganization, ParentID: 7}
	tests := []struct {
		name   string
		events []Event
		want   []Version // compared on ValidFrom, ValidTo, Name, ParentID, Kind, EventID
		errKey string
	}{
		{"established only", []Event{est},
			[]Version{{ValidFrom: d("1954-09-27"), Name: "A", ParentID: 7, Kind: KindPartyOrganization, EventID: 1}}, ""},
		{"renamed, merged, re-established, renamed (seed 004 shape)", []Event{
			est,
			{ID: 2, Kind: Renamed, EffectiveOn: d("1960-08-01"), Name: "B"},
			{ID: 3, Kind: MergedInto, EffectiveOn: d("1975-12-27"), RelatedUnitID: 9},
			{ID: 4, Kind: ReEstablished, EffectiveOn: d("1984-05-14"), Name: "C", ParentID: 7},
			{ID: 5, Kind: Renamed, EffectiveOn: d("2003-10-10"), Name: "D"},
		}, []Version{
			{ValidFrom: d("1954-09-27"), ValidTo: d("1960-07-31"), Name: "A", ParentID: 7, Kind: KindPartyOrganization, EventID: 1},
			{ValidFrom: d("1960-08-01"), ValidTo: d("1975-12-26"), Name: "B", ParentID: 7, Kind: KindPartyOrganization, EventID: 2},
			{ValidFrom: d("1984-05-14"), ValidTo: d("2003-10-09"), Name: "C", ParentID: 7, Kind: KindPartyOrganization, EventID: 4},
			{ValidFrom: d("2003-10-10"), Name: "D", ParentID: 7, Kind: KindPartyOrganization, EventID: 5},
		}, ""},
		{"events out of order are sorted by date", []Event{
			{ID: 5, Kind: Moved, EffectiveOn: d("1970-01-01"), ParentID: 8},
			est,
		}, []Version{
			{ValidFrom: d("1954-09-27"), ValidTo: d("1969-12-31"), Name: "A", ParentID: 7, Kind: KindPartyOrganization, EventID: 1},
			{ValidFrom: d("1970-01-01"), Name: "A", ParentID: 8, Kind: KindPartyOrganization, EventID: 5},
		}, ""},
		{"unknown establishment date, then dissolved", []Event{
			{ID: 1, Kind: Established, Name: "Huyện X", UnitKind: KindDistrict},
			{ID: 2, Kind: Dissolved, EffectiveOn: d("2025-07-01")},
		}, []Version{{ValidTo: d("2025-06-30"), Name: "Huyện X", Kind: KindDistrict, EventID: 1}}, ""},
		{"change on the day the version began stays one version", []Event{
			est, {ID: 2, Kind: Renamed, EffectiveOn: d("1954-09-27"), Name: "A2"},
		}, []Version{{ValidFrom: d("1954-09-27"), Name: "A2", ParentID: 7, Kind: KindPartyOrganization, EventID: 1}}, ""},
		{"reclassified", []Event{est, {ID: 2, Kind: Reclassified, EffectiveOn: d("1990-01-01"), UnitKind: KindPartyCell}},
			[]Version{
				{ValidFrom: d("1954-09-27"), ValidTo: d("1989-12-31"), Name: "A", ParentID: 7, Kind: KindPartyOrganization, EventID: 1},
				{ValidFrom: d("1990-01-01"), Name: "A", ParentID: 7, Kind: KindPartyCell, EventID: 2},
			}, ""},
		{"reorganized changes nothing", []Event{est, {ID: 2, Kind: Reorganized, EffectiveOn: d("1998-04-27")}},
			[]Version{{ValidFrom: d("1954-09-27"), Name: "A", ParentID: 7, Kind: KindPartyOrganization, EventID: 1}}, ""},
		{"a correction replaces the event it names", []Event{
			est, {ID: 2, Kind: Renamed, EffectiveOn: d("1960-08-01"), Name: "Typo"},
			{ID: 3, Kind: Renamed, EffectiveOn: d("1960-08-01"), Name: "B", CorrectsID: 2},
		}, []Version{
			{ValidFrom: d("1954-09-27"), ValidTo: d("1960-07-31"), Name: "A", ParentID: 7, Kind: KindPartyOrganization, EventID: 1},
			{ValidFrom: d("1960-08-01"), Name: "B", ParentID: 7, Kind: KindPartyOrganization, EventID: 3},
		}, ""},
		{"a cancellation withdraws the event", []Event{
			est, {ID: 2, Kind: Dissolved, EffectiveOn: d("1960-08-01")}, {ID: 3, Kind: Cancelled, CorrectsID: 2},
		}, []Version{{ValidFrom: d("1954-09-27"), Name: "A", ParentID: 7, Kind: KindPartyOrganization, EventID: 1}}, ""},
		{"rename before establishment", []Event{est, {Kind: Renamed, EffectiveOn: d("1950-01-01"), Name: "X"}}, nil,
			"units.error.event_outside_life"},
		{"rename after dissolution", []Event{est, {ID: 2, Kind: Dissolved, EffectiveOn: d("1978-10-09")},
			{Kind: Renamed, EffectiveOn: d("1980-01-01"), Name: "X"}}, nil, "units.error.event_outside_life"},
		{"dissolved twice", []Event{est, {ID: 2, Kind: Dissolved, EffectiveOn: d("1978-10-09")},
			{Kind: Dissolved, EffectiveOn: d("1979-01-01")}}, nil, "units.error.event_outside_life"},
		{"established twice", []Event{est, {Kind: Established, EffectiveOn: d("1990-01-01"), Name: "X", UnitKind: KindDistrict}},
			nil, "units.error.already_alive"},
		{"established again after dissolution", []Event{est, {ID: 2, Kind: Dissolved, EffectiveOn: d("1978-10-09")},
			{Kind: Established, EffectiveOn: d("1990-01-01"), Name: "X", UnitKind: KindDistrict}}, nil, "units.error.already_established"},
		{"re-established while alive", []Event{est, {Kind: ReEstablished, EffectiveOn: d("1990-01-01")}}, nil, "units.error.already_alive"},
		{"re-established never existed", []Event{{Kind: ReEstablished, EffectiveOn: d("1990-01-01"), Name: "X", UnitKind: KindDistrict}},
			nil, "units.error.never_existed"},
		{"ends the day it starts", []Event{est, {Kind: Dissolved, EffectiveOn: d("1954-09-27")}}, nil, "units.error.same_day_as_start"},
		{"undated rename", []Event{est, {Kind: Renamed, Name: "X"}}, nil, "error.required"},
		{"no events before the first establishment", []Event{{Kind: Moved, EffectiveOn: d("1990-01-01")}}, nil,
			"units.error.event_outside_life"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Derive(tc.events)
			if tc.errKey != "" {
				var he *HistoryError
				if !errors.As(err, &he) || he.Key != tc.errKey {
					t.Fatalf("want error %s, got %v (versions %+v)", tc.errKey, err, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d versions %+v, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.ValidFrom != w.ValidFrom || g.ValidTo != w.ValidTo || g.Name != w.Name || g.ParentID != w.ParentID ||
					g.Kind != w.Kind || g.EventID != w.EventID {
					t.Errorf("version %d: got %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestReEstablishedKeepsPreviousNameWhenNoneGiven(t *testing.T) {
	got, err := Derive([]Event{
		{ID: 1, Kind: Established, EffectiveOn: d("1954-01-01"), Name: "A", ShortName: "a", UnitKind: KindWard},
		{ID: 2, Kind: Dissolved, EffectiveOn: d("1960-01-01")},
		{ID: 3, Kind: ReEstablished, EffectiveOn: d("1970-01-01")},
	})
	if err != nil || len(got) != 2 || got[1].Name != "A" || got[1].ShortName != "a" || got[1].Kind != KindWard {
		t.Fatalf("%+v %v", got, err)
	}
}

func TestSpan(t *testing.T) {
	open := civil.Date{}
	tests := []struct {
		a, b span
		want bool
	}{
		{span{d("2020-01-01"), d("2020-12-31")}, span{d("2020-12-31"), open}, true},
		{span{d("2020-01-01"), d("2020-12-30")}, span{d("2020-12-31"), open}, false},
		{span{open, open}, span{d("1900-01-01"), d("1900-01-01")}, true},
		{span{d("2021-01-01"), open}, span{open, d("2020-12-31")}, false},
		{span{d("2021-01-01"), open}, span{open, d("2021-01-01")}, true},
	}
	for i, tc := range tests {
		if got := tc.a.overlaps(tc.b); got != tc.want {
			t.Errorf("%d: %v overlaps %v = %v", i, tc.a, tc.b, got)
		}
		if got := tc.b.overlaps(tc.a); got != tc.want {
			t.Errorf("%d: symmetric %v", i, got)
		}
	}
	s := span{d("2020-01-01"), d("2020-12-31")}
	for day, want := range map[string]bool{"2019-12-31": false, "2020-01-01": true, "2020-12-31": true, "2021-01-01": false} {
		if s.contains(d(day)) != want {
			t.Errorf("contains %s", day)
		}
	}
}

func TestFindCycle(t *testing.T) {
	// 1 under 2 from 2000; 2 under 3; 3 under 1 only from 2010: a cycle from 2010.
	versions := map[int64][]Version{
		1: {{UnitID: 1, ValidFrom: d("2000-01-01"), ParentID: 2}},
		2: {{UnitID: 2, ParentID: 3}},
		3: {{UnitID: 3, ValidTo: d("2009-12-31")}, {UnitID: 3, ValidFrom: d("2010-01-01"), ParentID: 1}},
	}
	if at, ok := findCycle(versions, 1); !ok || at != d("2010-01-01") {
		t.Fatalf("want a cycle on 2010-01-01, got %v %v", at, ok)
	}
	versions[3] = versions[3][:1] // 3 ends in 2009: no cycle
	if at, ok := findCycle(versions, 1); ok {
		t.Fatalf("unexpected cycle on %v", at)
	}
	// A unit under itself.
	if _, ok := findCycle(map[int64][]Version{4: {{UnitID: 4, ParentID: 4}}}, 4); !ok {
		t.Fatal("self parent not found")
	}
}
