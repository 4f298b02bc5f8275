// Package schedule holds the pure rules and texts of office hours: when
// the sessions are, which of them need an announcement or a recap at a given
// moment, who takes which facilitator role, and the Markdown of the
// announcement and recap discussions.
//
// Nothing here reads the clock, the network or a store: the caller passes
// "now", the mentors, the role history and already-neutralised user text, and
// dedupes its posts with each session's stable Key.
package schedule
