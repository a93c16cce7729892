package unitsweb

import (
	"net/http"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/units"
	"noichinh/internal/web"
)

// homeBlock lists the localities and units the signed-in staff member
// follows today.
func (p *Pages) homeBlock(r *http.Request) (web.HomeBlock, error) {
	actor := access.FromContext(r.Context())
	b := web.HomeBlock{Title: "units.home.title", Link: "/assignments?user=" + itoa(actor.UserID), Empty: "units.home.empty"}
	list, err := p.svc.ListAssignments(r.Context(), units.AssignmentFilter{On: civil.Today(), UserID: actor.UserID, Role: units.Follows})
	if err != nil {
		return b, err
	}
	for _, a := range list {
		b.Items = append(b.Items, web.HomeItem{Text: a.UnitName, Link: "/units/" + itoa(a.UnitID)})
	}
	return b, nil
}
