package units

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"noichinh/internal/i18n"
)

// Every enum value has a label, and every message key the code uses exists.
func TestLabelsAndMessages(t *testing.T) {
	var keys []string
	for _, k := range Kinds {
		keys = append(keys, "units.kind."+string(k))
	}
	for _, k := range EventKinds {
		keys = append(keys, "units.event."+string(k))
	}
	for _, k := range Titles {
		keys = append(keys, "units.title."+string(k))
	}
	for _, h := range append(append([]How{}, startHows...), endHows...) {
		keys = append(keys, "units.how."+string(h))
	}
	for _, r := range SteeringRoles {
		keys = append(keys, "units.steering_role."+string(r))
	}
	for _, r := range []AssignmentRole{Follows, AttendsMeetings} {
		keys = append(keys, "units.assignment_role."+string(r))
	}
	for _, p := range []Precision{Day, Month, Year} {
		keys = append(keys, "units.precision."+string(p))
	}
	for _, k := range []CongressKind{ByCongress, ByDesignation} {
		keys = append(keys, "units.congress_kind."+string(k))
	}
	files, _ := filepath.Glob("*.go")
	used := regexp.MustCompile(`"((?:units\.error|error)\.[a-z_]+)"`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllSubmatch(b, -1) {
			keys = append(keys, string(m[1]))
		}
	}
	for _, k := range keys {
		if !i18n.Has(k) {
			t.Errorf("no message %s", k)
		}
	}
}

func TestTitles(t *testing.T) {
	single := map[Title]bool{Secretary: true, ActingSecretary: true, StandingDeputySecretary: true, Head: true,
		InspectionChair: true, Chair: true}
	for _, ti := range Titles {
		if ti.SingleHolder() != single[ti] {
			t.Errorf("%s single holder: %v", ti, ti.SingleHolder())
		}
	}
	if !Appointed.ValidStart() || Appointed.ValidEnd() || !Retired.ValidEnd() || Retired.ValidStart() || !How("").ValidStart() {
		t.Error("start and end ways")
	}
	if !KindCommune.IsLocality() || KindProvince.IsLocality() || !KindProceduralAgency.IsAgency() || KindDepartment.IsAgency() {
		t.Error("locality and agency kinds")
	}
}
