// Package textsafe makes user-written text safe for the bot to repeat in its
// own comments: quoted text cannot notify people or teams, cannot hide or
// break the bot's markup (HTML comments, <details> blocks, code spans) and,
// where asked, fits on one line.
//
// The mention rule follows GitHub's mention filter: "@name" and "@org/team"
// notify when the "@" begins the text or follows a character that is not an
// ASCII letter or digit. A zero-width joiner (U+200D) placed right after the
// "@" keeps the text visually unchanged and notifies no one.
package textsafe
