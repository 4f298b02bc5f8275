package mentoring

import (
	"context"
	"fmt"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/gh/gherr"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// AssignChecker tells whether GitHub would assign a login in a
// repository. GitHub answers an assignment of someone without access
// with 201 and leaves them out, and refuses them as reviewer with 422,
// so the welcome asks first.
type AssignChecker interface {
	CanBeAssigned(ctx context.Context, r program.Repo, login string) (bool, error)
}

// assignable tells whether the mentor can be assigned to the pull request
// (an issue only names them; no mentor: nothing to assign). A mentor who
// cannot is logged and counted, and the welcome names them without the
// assignment.
func (s *Service) assignable(ctx context.Context, gh GitHub, it program.Item, mentor string) (bool, error) {
	checker, ok := gh.(AssignChecker)
	if mentor == "" || it.Kind != program.KindPullRequest || !ok {
		return true, nil
	}
	can, err := checker.CanBeAssigned(ctx, it.Repo, mentor)
	if err != nil {
		return false, fmt.Errorf("check the mentor can be assigned: %w", err)
	}
	if !can {
		zerolog.Ctx(ctx).Warn().Str("mentor", mentor).
			Msg("The mentor cannot be assigned here (no access to the repository); the welcome names them without assigning them. " +
				"Give them at least read access, or take them off the roster")
		if s.Unassignable != nil {
			s.Unassignable()
		}
	}
	return can, nil
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
