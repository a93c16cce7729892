//go:build unix

package cite

import (
	"syscall"
	"time"
)

// cpuTime is the processor time (user and system) used by the process so
// far: benchmarks report throughput per CPU second too, since wall time
// says little on a shared machine.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
