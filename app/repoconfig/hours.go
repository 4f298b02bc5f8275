package repoconfig

import "strconv"

// WorkingHours are the mentor's working hours as parsed times of day; the
// defaults when Hours is not two valid, different times (Parse reports
// those).
func (m Mentor) WorkingHours() (start, end TimeOfDay) {
	if len(m.Hours) == 2 {
		s, err1 := ParseTimeOfDay(m.Hours[0])
		e, err2 := ParseTimeOfDay(m.Hours[1])
		if err1 == nil && err2 == nil && s != e {
			return s, e
		}
	}
	s, _ := ParseTimeOfDay(DefaultHours[0])
	e, _ := ParseTimeOfDay(DefaultHours[1])
	return s, e
}

// hours checks a mentor's `hours`: a start and an end, HH:MM local time.
func (v *validator) hours(p string, hours []string) {
	if len(hours) != 2 {
		v.add(p, "working hours need a start and an end, not "+strconv.Itoa(len(hours))+" times",
			"write the mentor's local working hours, e.g. "+code(`hours: ["09:00", "18:00"]`))
		return
	}
	var parsed [2]TimeOfDay
	ok := true
	for j, s := range hours {
		t, err := ParseTimeOfDay(s)
		if err != nil {
			v.add(p+"["+strconv.Itoa(j)+"]", code(s)+" is not a 24-hour HH:MM time", localTimeHint(s))
			ok = false
		}
		parsed[j] = t
	}
	if ok && parsed[0] == parsed[1] {
		v.add(p+"[1]", "the working hours start and end at "+code(hours[0]),
			"give the end of the working day, e.g. "+code(`hours: ["`+hours[0]+`", "18:00"]`)+"; an end before the start spans midnight")
	}
}

func localTimeHint(s string) string {
	if m := shortClock.FindStringSubmatch(s); m != nil {
		return "write two digits for the hour: " + code("0"+m[1]+":"+m[2])
	}
	return "write the time on the mentor's local 24-hour clock, e.g. " + code("18:00") + " for 6 pm; the zone comes from " + code("timezone")
}
