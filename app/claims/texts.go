package claims

import (
	"fmt"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/store"
	"github.com/mentorbot/mentorbot/app/textsafe"
)

// The texts of the feature. A person is mentioned (notified) only where
// they are meant to be: the one a comment answers or concerns, and a
// newly paired mentor. Everyone else is named in code.

func day(t time.Time) string { return t.UTC().Format("2 January 2006") }

// moment writes a deadline as people need it: hour, zone and day, with a
// link that shows it in the reader's own time zone.
func moment(t time.Time, what string) string {
	return fmt.Sprintf("%s ([in your time zone](%s))", t.UTC().Format("15:04 UTC on 2 January 2006"), schedule.ConverterURL(t, what))
}

func claimedText(login string, number, days int, mentorLogin string, waiting bool, explanation string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Thanks, %s! This issue is yours now, and it is assigned to you.\n\n", textsafe.Mention(login))
	switch {
	case mentorLogin != "":
		fmt.Fprintf(&b, "**Your mentor** is %s, who is glad to help: ask anything right here.\n\n", textsafe.Mention(mentorLogin))
	case waiting:
		b.WriteString("**Your mentor:** every mentor is busy right now; the first one who frees up is paired with you and says hello here. The issue stays yours meanwhile.\n\n")
	}
	b.WriteString("**Next steps**\n\n")
	b.WriteString("1. Read the issue, and ask here if anything is unclear.\n")
	fmt.Fprintf(&b, "2. Open a pull request with `Fixes #%d` in its description, so it is linked to this issue (a draft is fine).\n", number)
	fmt.Fprintf(&b, "3. The claim lasts %s without activity; a comment here or your pull request keeps it. Plans changed? `/unclaim` frees the issue for someone else.\n", plural(days, "day", "days"))
	if explanation != "" {
		b.WriteString("\n")
		b.WriteString(explanation)
	}
	return b.String()
}

func alreadyYoursText(login string, since time.Time) string {
	return fmt.Sprintf("%s, this issue is already yours (claimed on %s). Nothing changed; happy hacking!", textsafe.Mention(login), day(since))
}

func heldText(login string, holder store.Claim, position int, free []store.StarterTask) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Sorry %s, this issue is already claimed by %s (since %s). ", textsafe.Mention(login), textsafe.Code(holder.Login), day(holder.ClaimedAt))
	fmt.Fprintf(&b, "You are on its waiting list now, %s: if it is released, it is offered to the people in line in turn. `/unclaim` takes you off the list.", placeText(position))
	writeFree(&b, free)
	return b.String()
}

func reservedText(login string, offer store.Waiter, position int, free []store.StarterTask) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Sorry %s, this issue was released and is being offered to %s, who was next in line, until %s. ",
		textsafe.Mention(login), textsafe.Code(offer.Login), moment(offer.OfferedAt.Add(OfferHold), "Claim offer ends"))
	fmt.Fprintf(&b, "You are on its waiting list, %s. `/unclaim` takes you off the list.", placeText(position))
	writeFree(&b, free)
	return b.String()
}

func placeText(position int) string {
	if position == 1 {
		return "first in line"
	}
	return fmt.Sprintf("number %d in line", position)
}

// writeFree suggests other free starter tasks of the repository.
func writeFree(b *strings.Builder, free []store.StarterTask) {
	if len(free) == 0 {
		return
	}
	b.WriteString("\n\nMeanwhile, these starter tasks are free:\n")
	for _, t := range free {
		fmt.Fprintf(b, "- #%d %s\n", t.Number, textsafe.Inline(t.Title, 80))
	}
}

func limitText(login string, max int, open []store.Claim, repo string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Sorry %s, you already hold %s, the most one person can hold at a time here:\n\n",
		textsafe.Mention(login), plural(len(open), "open claim", "open claims"))
	for _, c := range open {
		ref := fmt.Sprintf("#%d", c.Number)
		if c.Repo != repo {
			ref = fmt.Sprintf("%s#%d", c.Repo, c.Number)
		}
		fmt.Fprintf(&b, "- %s (claimed on %s)\n", ref, day(c.ClaimedAt))
	}
	fmt.Fprintf(&b, "\nFinish one of them, or `/unclaim` it, and then claim this one (the limit is %d).", max)
	return b.String()
}

func notOpenText(login string) string {
	return fmt.Sprintf("Sorry %s, this issue cannot be claimed right now: it is closed or no longer a good first issue.", textsafe.Mention(login))
}

func refusedText(login, why string) string {
	return fmt.Sprintf("Sorry %s, %s.", textsafe.Mention(login), why)
}

func releasedText(login string) string {
	return fmt.Sprintf("Done, %s: the issue is released and no longer assigned to you. Thank you for your interest; you are welcome back any time.", textsafe.Mention(login))
}

func releasedForText(holder, by string) string {
	return fmt.Sprintf("%s, your claim on this issue was released by %s, a maintainer, and the issue is no longer assigned to you. Thank you for your interest; if this is a surprise, please ask here.",
		textsafe.Mention(holder), textsafe.Code(by))
}

func leftLineText(login string) string {
	return fmt.Sprintf("OK %s, you are off the waiting list for this issue.", textsafe.Mention(login))
}

func notHolderText(login string, holder store.Claim) string {
	return fmt.Sprintf("Sorry %s, this issue is claimed by %s; only they or a maintainer can release it. `/claim` puts you on its waiting list.",
		textsafe.Mention(login), textsafe.Code(holder.Login))
}

func nothingText(login string) string {
	return fmt.Sprintf("%s, nobody holds a claim on this issue, so there is nothing to release.", textsafe.Mention(login))
}

func offerText(login string, until time.Time) string {
	return fmt.Sprintf("Good news, %s: this issue is free again and you are next in line. Comment `/claim` by %s to take it; after that it passes to the next person in line, or to anyone.",
		textsafe.Mention(login), moment(until, "Claim offer ends"))
}

// lapsedText says, once, that an offer was not taken up in time: to the
// person it was made to, without blame, and where the issue goes now.
func lapsedText(login string, next bool) string {
	if next {
		return fmt.Sprintf("%s, the offer to claim this issue has lapsed, so it has passed to the next person in line. "+
			"No problem at all: you are welcome to `/claim` another starter task whenever you like.", textsafe.Mention(login))
	}
	return fmt.Sprintf("%s, the offer to claim this issue has lapsed, so it is open to anyone again, you included: "+
		"`/claim` takes it if you still want it.", textsafe.Mention(login))
}

func reminderText(c store.Claim, t Timing, mentorLogin string) string {
	var b strings.Builder
	if since := day(t.Start); since != day(c.ClaimedAt) {
		fmt.Fprintf(&b, "Hi %s! Just checking in: you claimed this issue on %s, and there has been no activity since %s. Are you still on it?\n\n",
			textsafe.Mention(c.Login), day(c.ClaimedAt), since)
	} else {
		fmt.Fprintf(&b, "Hi %s! Just checking in: you claimed this issue on %s, and there has been no activity since. Are you still on it?\n\n",
			textsafe.Mention(c.Login), day(c.ClaimedAt))
	}
	fmt.Fprintf(&b, "A comment here or a pull request with `Fixes #%d` keeps it yours. If plans changed, that is fine: `/unclaim` lets someone else take it. ", c.Number)
	fmt.Fprintf(&b, "Otherwise the claim is released at %s.", moment(t.ReleaseAt(), "Claim released"))
	if mentorLogin != "" {
		fmt.Fprintf(&b, " Stuck? Your mentor %s is glad to help.", textsafe.Code(mentorLogin))
	}
	return b.String()
}

func expiredText(c store.Claim, days int) string {
	return fmt.Sprintf("Hi %s, this issue has been released because it saw no activity for %s. Thank you for your interest! "+
		"If you would still like to work on it, `/claim` it again while it is free, or pick another starter task any time.",
		textsafe.Mention(c.Login), plural(days, "day", "days"))
}

func hintText(login string, holder *store.Claim) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Hi %s, glad you would like to help! To take this issue, comment `/claim` on a line of its own: "+
		"it is then assigned to you and a mentor is paired with you.", textsafe.Mention(login))
	if holder != nil {
		fmt.Fprintf(&b, " Right now it is claimed by %s (since %s); `/claim` puts you on its waiting list, and you are offered the issue if it is released.",
			textsafe.Code(holder.Login), day(holder.ClaimedAt))
	}
	return b.String()
}

func completedText(login string, pr int, mentorLogin string, next []Issue) string {
	var b strings.Builder
	fmt.Fprintf(&b, "🎉 %s, your pull request #%d completed this starter task. Thank you!", textsafe.Mention(login), pr)
	if mentorLogin != "" {
		fmt.Fprintf(&b, " And thanks to %s for mentoring.", textsafe.Code(mentorLogin))
	}
	b.WriteString("\n\n")
	if len(next) == 0 {
		b.WriteString("Whenever you are ready for a next step, the open issues are waiting for you. We hope to see you again soon!")
		return b.String()
	}
	b.WriteString("Ready for a next step? These open issues could use you:\n\n")
	for _, is := range next {
		fmt.Fprintf(&b, "- [%s](%s) (#%d)\n", textsafe.LinkText(is.Title, 100), is.URL, is.Number)
	}
	b.WriteString("\nAsk on one to have it assigned to you. We hope to see you again soon!")
	return b.String()
}

func outdatedGuide(guide string) string {
	return "> [!NOTE]\n> This issue is no longer labelled as a good first issue, so it cannot be claimed and the guide below no longer applies.\n\n" +
		"<details>\n<summary>Former guide</summary>\n\n" + guide + "\n\n</details>"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
