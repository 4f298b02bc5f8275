// Package gatherings runs the program's gatherings (office hours, socials,
// mentorship circles) in GitHub Discussions: it announces each session
// ahead of time, reminds people shortly before it, writes its recap once it
// is over (with the program's figures from package figures), keeps the
// kudos, FAQ entries and action items that /kudos, /faq and /action record
// for the recap, and keeps the living FAQ discussion current. The rules and texts come from package schedule; this
// package adds the store, GitHub (through the GitHub interface) and the
// handling of setup problems.
//
// Every post is claimed in the store under its session's stable key before
// it is written and carries a hidden marker, so a session is announced and
// recapped once across retries, restarts and replicas, and a writer that
// stopped half-way is followed by one that finds the post instead of
// writing it again.
package gatherings
