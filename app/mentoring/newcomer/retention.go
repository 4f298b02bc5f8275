package newcomer

import "time"

// RetentionWindow is how soon after a first contribution a second one must
// come for the newcomer to count as retained.
const RetentionWindow = 90 * 24 * time.Hour

// Retained reports whether any of the later contributions came after first
// and no more than RetentionWindow after it (the boundary counts).
func Retained(first time.Time, later []time.Time) bool {
	for _, t := range later {
		if d := t.Sub(first); d > 0 && d <= RetentionWindow {
			return true
		}
	}
	return false
}
