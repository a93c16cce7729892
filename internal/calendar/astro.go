package calendar

import "math"

// The astronomy behind the lunar calendar, written from Jean Meeus,
// "Astronomical Algorithms" (2nd ed., 1998):
//
//   - new moons: chapter 49, the mean phase (49.1) with the periodic
//     corrections for the new moon and the fourteen planetary arguments
//     A1…A14 (accuracy: a few seconds of time);
//   - the sun's apparent longitude: chapter 25 "higher accuracy" method,
//     VSOP87 heliocentric longitude of the Earth (Appendix III, see
//     vsop87.go) turned geocentric, reduced to FK5, corrected for nutation
//     in longitude (chapter 22, the 0.5″ series) and aberration;
//   - ΔT = TT − UT: the polynomial expressions of Espenak and Meeus
//     (NASA, "Five Millennium Canon of Solar Eclipses", 2006).
//
// Times are Julian Ephemeris Days (JDE, Terrestrial Time) inside the
// formulas; they become civil days at UTC+7 only at the very end.

const (
	j2000         = 2451545.0 // JDE of 2000-01-01 12:00 TT
	synodicMonth  = 29.530588861
	vietnamOffset = 7.0 / 24 // the calendar is computed for 105°E, UTC+7
	degToRad      = math.Pi / 180
)

// deltaT returns TT − UT in seconds for a decimal year. Below 1900 (only the
// months before the supported range touch it) the 1900–1920 expression is
// used: the error is a fraction of a second.
func deltaT(y float64) float64 {
	switch {
	case y < 1920:
		t := y - 1900
		return -2.79 + 1.494119*t - 0.0598939*t*t + 0.0061966*t*t*t - 0.000197*t*t*t*t
	case y < 1941:
		t := y - 1920
		return 21.20 + 0.84493*t - 0.076100*t*t + 0.0020936*t*t*t
	case y < 1961:
		t := y - 1950
		return 29.07 + 0.407*t - t*t/233 + t*t*t/2547
	case y < 1986:
		t := y - 1975
		return 45.45 + 1.067*t - t*t/260 - t*t*t/718
	case y < 2005:
		t := y - 2000
		return 63.86 + 0.3345*t - 0.060374*t*t + 0.0017275*t*t*t + 0.000651814*t*t*t*t + 0.00002373599*t*t*t*t*t
	case y < 2050:
		t := y - 2000
		return 62.92 + 0.32217*t + 0.005589*t*t
	case y < 2150:
		u := (y - 1820) / 100
		return -20 + 32*u*u - 0.5628*(2150-y)
	default:
		u := (y - 1820) / 100
		return -20 + 32*u*u
	}
}

func decimalYear(jd float64) float64 { return 2000 + (jd-j2000)/365.25 }

// newMoonJDE returns the instant (JDE) of new moon number k, counted from the
// new moon of 2000-01-06 (k = 0). Meeus chapter 49.
func newMoonJDE(k float64) float64 {
	t := k / 1236.85
	t2, t3, t4 := t*t, t*t*t, t*t*t*t
	jde := 2451550.09766 + synodicMonth*k + 0.00015437*t2 - 0.000000150*t3 + 0.00000000073*t4

	e := 1 - 0.002516*t - 0.0000074*t2
	m := degToRad * (2.5534 + 29.10535670*k - 0.0000014*t2 - 0.00000011*t3)
	mp := degToRad * (201.5643 + 385.81693528*k + 0.0107582*t2 + 0.00001238*t3 - 0.000000058*t4)
	f := degToRad * (160.7108 + 390.67050284*k - 0.0016118*t2 - 0.00000227*t3 + 0.000000011*t4)
	om := degToRad * (124.7746 - 1.56375588*k + 0.0020672*t2 + 0.00000215*t3)

	jde += -0.40720*math.Sin(mp) +
		0.17241*e*math.Sin(m) +
		0.01608*math.Sin(2*mp) +
		0.01039*math.Sin(2*f) +
		0.00739*e*math.Sin(mp-m) -
		0.00514*e*math.Sin(mp+m) +
		0.00208*e*e*math.Sin(2*m) -
		0.00111*math.Sin(mp-2*f) -
		0.00057*math.Sin(mp+2*f) +
		0.00056*e*math.Sin(2*mp+m) -
		0.00042*math.Sin(3*mp) +
		0.00042*e*math.Sin(m+2*f) +
		0.00038*e*math.Sin(m-2*f) -
		0.00024*e*math.Sin(2*mp-m) -
		0.00017*math.Sin(om) -
		0.00007*math.Sin(mp+2*m) +
		0.00004*math.Sin(2*mp-2*f) +
		0.00004*math.Sin(3*m) +
		0.00003*math.Sin(mp+m-2*f) +
		0.00003*math.Sin(2*mp+2*f) -
		0.00003*math.Sin(mp+m+2*f) +
		0.00003*math.Sin(mp-m+2*f) -
		0.00002*math.Sin(mp-m-2*f) -
		0.00002*math.Sin(3*mp+m) +
		0.00002*math.Sin(4*mp)

	// Planetary arguments A1…A14 (degrees) and their coefficients (days).
	planetary := [14][3]float64{
		{299.77, 0.107408, 0.000325},
		{251.88, 0.016321, 0.000165},
		{251.83, 26.651886, 0.000164},
		{349.42, 36.412478, 0.000126},
		{84.66, 18.206239, 0.000110},
		{141.74, 53.303771, 0.000062},
		{207.14, 2.453732, 0.000060},
		{154.84, 7.306860, 0.000056},
		{34.52, 27.261239, 0.000047},
		{207.19, 0.121824, 0.000042},
		{291.34, 1.844379, 0.000040},
		{161.72, 24.198154, 0.000037},
		{239.56, 25.513099, 0.000035},
		{331.55, 3.592518, 0.000023},
	}
	for i, p := range planetary {
		arg := p[0] + p[1]*k
		if i == 0 {
			arg -= 0.009173 * t2
		}
		jde += p[2] * math.Sin(degToRad*arg)
	}
	return jde
}

// newMoonDay returns the JDN of the civil day, at UTC+7, that contains new
// moon number k: that day is the first day of a lunar month.
func newMoonDay(k int) int {
	jde := newMoonJDE(float64(k))
	ut := jde - deltaT(decimalYear(jde))/86400
	return int(math.Floor(ut + vietnamOffset + 0.5))
}

// nearestNewMoon returns the number k of the new moon nearest to day j.
func nearestNewMoon(j int) int {
	return int(math.Round((float64(j) - 2451550.09766) / synodicMonth))
}

// sunLongitude returns the sun's apparent geocentric longitude, in degrees
// in [0, 360), at the instant jde.
func sunLongitude(jde float64) float64 {
	tau := (jde - j2000) / 365250
	l := vsopSum(earthL, tau)
	r := vsopSum(earthR, tau)

	theta := l/degToRad + 180 // geocentric longitude, degrees
	theta -= 0.09033 / 3600   // to the FK5 system

	// Nutation in longitude, Meeus 22 (low-accuracy series, 0.5″).
	t := tau * 10
	omega := degToRad * (125.04452 - 1934.136261*t)
	lSun := degToRad * (280.4665 + 36000.7698*t)
	lMoon := degToRad * (218.3165 + 481267.8813*t)
	dPsi := -17.20*math.Sin(omega) - 1.32*math.Sin(2*lSun) - 0.23*math.Sin(2*lMoon) + 0.21*math.Sin(2*omega)

	lambda := theta + dPsi/3600 - 20.4898/(3600*r)
	lambda = math.Mod(lambda, 360)
	if lambda < 0 {
		lambda += 360
	}
	return lambda
}

func vsopSum(series [][]vsopTerm, tau float64) float64 {
	sum, power := 0.0, 1.0
	for _, terms := range series {
		s := 0.0
		for _, term := range terms {
			s += term.a * math.Cos(term.b+term.c*tau)
		}
		sum += s * power
		power *= tau
	}
	return sum / 1e8
}

// sunSectorAtDayStart returns which 30° sector of ecliptic longitude the sun
// is in at 00:00 (UTC+7) of day j: 0 for [0°, 30°), …, 9 for [270°, 300°).
// A lunar month contains a major solar term (trung khí, a multiple of 30°)
// exactly when the sector at its first day differs from the sector at the
// first day of the next month.
func sunSectorAtDayStart(j int) int {
	ut := float64(j) - 0.5 - vietnamOffset
	jde := ut + deltaT(decimalYear(ut))/86400
	return int(sunLongitude(jde) / 30)
}
