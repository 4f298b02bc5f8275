package claims

import (
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// For the external tests, which run the service against the emulator.
const EffectComment = effectComment

func EffectOn(it program.Item, login string) store.ClaimEffect { return effectOn(it, login) }

func HeldText(login string, holder store.Claim, position int, free []store.StarterTask) string {
	return heldText(login, holder, position, free)
}
