package gh

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// maxBody is GitHub's limit on an issue, comment or discussion body, in
// characters; a longer one is refused with 422.
const maxBody = 65536

// cutNote marks where a body too long for GitHub was cut.
const cutNote = "\n\n… (cut here: the rest is longer than GitHub allows in one comment)\n\n"

// fitBody keeps a body within GitHub's limit: the text is cut on a
// character boundary, said so, and a trailing hidden marker is kept, so
// the bot still finds what it posted.
func fitBody(body string) string {
	if utf8.RuneCountInString(body) <= maxBody {
		return body
	}
	marker := ""
	if i := strings.LastIndex(body, "<!-- mentorbot:"); i >= 0 && strings.HasSuffix(strings.TrimSpace(body), "-->") {
		body, marker = body[:i], body[i:]
	}
	keep := maxBody - utf8.RuneCountInString(cutNote) - utf8.RuneCountInString(marker)
	cut := 0
	for i := range body {
		if keep == 0 {
			cut = i
			break
		}
		keep--
	}
	return body[:cut] + cutNote + marker
}

// fitLabels leaves out the labels longer than GitHub allows; a label
// cannot be cut (it would be another label), so it is not added at all.
func fitLabels(ctx context.Context, labels []string) []string {
	out := labels[:0:0]
	for _, l := range labels {
		if utf8.RuneCountInString(l) > repoconfig.MaxLabelChars {
			zerolog.Ctx(ctx).Warn().Int("characters", utf8.RuneCountInString(l)).Int("limit", repoconfig.MaxLabelChars).
				Msg("A configured label is longer than GitHub allows; it is not added (mentorbot check reports it)")
			continue
		}
		out = append(out, l)
	}
	return out
}
