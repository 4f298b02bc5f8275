package schedule

import "time"

// Next is the first moment after now at which Due lists an action it does
// not list at now: the next announcement time or the end of the next
// session (its recap), whichever comes first. The scheduler need not look
// at the plan again before then. An invalid plan has the zero time.
func (p Plan) Next(now time.Time) time.Time {
	sc, err := p.compile()
	if err != nil {
		return time.Time{}
	}
	now = now.UTC()
	i := sc.firstEndingAfter(now)
	next := sc.at(i).End
	if r := sc.at(i).Start.Add(-sc.remind); sc.remind > 0 && r.After(now) && r.Before(next) {
		next = r // the reminder shortly before the start
	}
	for ; ; i++ {
		s := sc.at(i)
		announceAt := s.Start.Add(-sc.announce)
		if sc.announce == 0 {
			announceAt = s.Start.Truncate(24 * time.Hour) // as Due has it
		}
		if announceAt.After(now) {
			if announceAt.Before(next) {
				next = announceAt
			}
			return next
		}
	}
}
