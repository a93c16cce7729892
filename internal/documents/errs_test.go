package documents

import (
	"fmt"
	"strings"

	"noichinh/internal/validate"
)

func errorMentions(err error, s string) bool { return err != nil && strings.Contains(err.Error(), s) }

func errorHasParam(err error, name string, v any) bool {
	errs, ok := validate.As(err)
	if !ok {
		return false
	}
	for _, e := range errs {
		if fmt.Sprint(e.Params[name]) == fmt.Sprint(v) {
			return true
		}
	}
	return false
}

func itoa(n int64) string { return fmt.Sprint(n) }
