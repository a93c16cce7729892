//go:build !unix

package cite

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
