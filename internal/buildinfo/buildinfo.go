// Package buildinfo names the build: the version is set at link time
// (-ldflags "-X noichinh/internal/buildinfo.Version=v1.2.3") and falls back to
// the VCS revision Go records, so a running server can always say what it is.
package buildinfo

import (
	"runtime"
	"runtime/debug"
)

// Version is overridden at link time for releases.
var Version = "dev"

// String is a one-line description: version, revision, Go version.
func String() string {
	rev := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " " + s.Value[:12]
			}
		}
	}
	return "noichinh " + Version + rev + " (" + runtime.Version() + ")"
}
