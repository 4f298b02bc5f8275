package store

// HoursReminder is the kind of the one reminder comment written on a
// session's announcement shortly before it starts (an HoursPost like the
// announcement and the recap, keyed the same way).
const HoursReminder = "reminder"
