package mentoring

import (
	"context"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gh/gherr"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// unassignable logs and counts a mentor GitHub left out of the
// assignees (no access to the repository): the welcome names them
// without the assignment, and no review is requested of them.
func (s *Service) unassignable(ctx context.Context, mentor string) {
	zerolog.Ctx(ctx).Warn().Str("mentor", mentor).
		Msg("The mentor cannot be assigned here (no access to the repository); the welcome names them without assigning them. " +
			"Give them at least read access, or take them off the roster")
	if s.Unassignable != nil {
		s.Unassignable()
	}
}

// unassignableNote tells maintainers why the mentor is not assigned.
func unassignableNote(it program.Item, mentor string) string {
	return "\n\n> [!NOTE]\n> For maintainers: the mentor " + textsafe.Code(mentor) + " has no access to " +
		textsafe.Code(it.Repo.FullName()) + ", so GitHub does not let them be assigned or asked for a review here. " +
		"Give them at least read access (for example through a team), or take them off the roster; " +
		"`mentorbot check --online` lists every mentor in this situation."
}

// skipDenied reports whether err is GitHub refusing a step for lack of a
// permission: the step is skipped (the client's transport has said once
// which permission to grant) and the steps that do not need it go on.
func skipDenied(ctx context.Context, err error, step string) bool {
	if !gherr.Is(err, gherr.Forbidden) {
		return false
	}
	zerolog.Ctx(ctx).Info().Err(err).Str("step", step).Msg("Step skipped: the installation lacks the permission it needs")
	return true
}
