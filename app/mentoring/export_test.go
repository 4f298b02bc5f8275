package mentoring

import (
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// The comment writers, the marker and the effects log, for the external
// tests that run them against the emulator through package gh (which
// imports this package).
var (
	UpsertComment = (*Service).upsertComment
	PostOnce      = (*Service).postOnce
	Marker        = marker
	ApplyEffects  = (*Service).applyEffects
)

const (
	EffectComment     = effectComment
	EffectAssign      = effectAssign
	EffectRetryBase   = effectRetryBase
	EffectRetryMax    = effectRetryMax
	MaxEffectAttempts = maxEffectAttempts
)

// Effects is the effects of one decision on it: each step is an action
// with its argument and body, in order.
func Effects(it program.Item, steps ...[3]string) []store.Effect {
	fx := newEffects(it)
	for _, s := range steps {
		fx.add(s[0], s[1], s[2])
	}
	return fx.list
}
