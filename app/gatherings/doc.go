// Package gatherings runs office hours in GitHub Discussions: it announces each
// session ahead of time, writes its recap once it is over, and keeps the
// kudos, FAQ entries and action items that /kudos, /faq and /action record
// for the recap. The rules and texts come from package schedule; this
// package adds the store, GitHub (through the GitHub interface) and the
// handling of setup problems.
//
// Every post is claimed in the store under its session's stable key before
// it is written and carries a hidden marker, so a session is announced and
// recapped once across retries, restarts and replicas, and a writer that
// stopped half-way is followed by one that finds the post instead of
// writing it again.
package gatherings
