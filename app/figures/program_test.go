package figures

import "testing"

func TestHoursOf(t *testing.T) {
	p := Last(now, 30*Day)
	d := Data{Now: now, HoursOwners: []string{"o"}, Posts: []Post{
		{Target: "o/community", Repo: "o/a", Kind: PostAnnouncement, Start: ago(10 * Day), PostedAt: ago(13 * Day)},
		{Target: "o/community", Repo: "o/a", Kind: PostRecap, Start: ago(10 * Day), PostedAt: ago(9 * Day), RSVPs: 5, PulseUp: 3, PulseDown: 1},
		{Target: "o/community", Repo: "o/a", Kind: PostAnnouncement, Start: now.Add(4 * Day), PostedAt: ago(1 * Day), URL: "later"},
		{Target: "o/community", Repo: "o/a", Kind: PostAnnouncement, Start: now.Add(2 * Day), PostedAt: ago(1 * Day), URL: "sooner"},
		{Target: "o/community", Repo: "o/a", Kind: PostRecap, Start: ago(50 * Day), PostedAt: ago(49 * Day), RSVPs: 9, PulseUp: 9},
		{Target: "o/community", Kind: PostRecap, Start: ago(3 * Day), PostedAt: ago(2 * Day), RSVPs: 2, PulseDown: 2},
	}}
	cases := []struct {
		name  string
		scope Scope
		want  Hours
		next  string
	}{
		{"owner", Scope{Owner: "o"}, Hours{Recorded: true, Announced: 3, RSVPs: 7, Recaps: 2, Satisfaction: Share{Part: 3, Whole: 6}}, "sooner"},
		{"repository that set them up", RepoScope("o/a"), Hours{Recorded: true, Announced: 3, RSVPs: 5, Recaps: 1, Satisfaction: Share{Part: 3, Whole: 4}}, "sooner"},
		{"repository holding the discussions", RepoScope("o/community"), Hours{Recorded: true, Announced: 3, RSVPs: 7, Recaps: 2, Satisfaction: Share{Part: 3, Whole: 6}}, "sooner"},
		{"another repository of the owner", RepoScope("o/b"), Hours{Recorded: true}, ""},
		{"another owner", Scope{Owner: "x"}, Hours{}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := HoursOf(d, c.scope, p)
			next := ""
			if got.Next != nil {
				next = got.Next.URL
			}
			got.Next = nil
			if got != c.want || next != c.next {
				t.Fatalf("got %+v next %q, want %+v next %q", got, next, c.want, c.next)
			}
		})
	}
}

func TestProgressionOf(t *testing.T) {
	p := Last(now, 30*Day)
	d := Data{ClaimOwners: []string{"o"}, Steps: []Step{
		{Repo: "o/a", Login: "ann", Step: StepStarterTask, At: ago(20 * Day)},
		{Repo: "o/b", Login: "Ann", Step: StepNextStep, At: ago(10 * Day)}, // next step in another repository counts
		{Repo: "o/a", Login: "bob", Step: StepStarterTask, At: ago(5 * Day)},
		{Repo: "o/a", Login: "cy", Step: StepNextStep, At: ago(25 * Day)}, // before the starter task: not a progression
		{Repo: "o/a", Login: "cy", Step: StepStarterTask, At: ago(15 * Day)},
		{Repo: "o/a", Login: "dee", Step: StepStarterTask, At: ago(45 * Day)}, // before the period
		{Repo: "o/a", Login: "dee", Step: StepNextStep, At: ago(40 * Day)},
		{Repo: "o/a", Login: "dee", Step: StepStarterTask, At: ago(3 * Day)},
		{Repo: "o/a", Login: "dee", Step: StepStarterTask, At: ago(2 * Day)},
		{Repo: "o/a", Login: "dee", Step: StepNextStep, At: ago(1 * Day)},
		{Repo: "p/a", Login: "ann", Step: StepNextStep, At: ago(1 * Day)}, // another owner
	}}
	cases := []struct {
		scope Scope
		want  Progression
	}{
		{Scope{Owner: "o"}, Progression{Recorded: true, Share: Share{Part: 2, Whole: 4}}},
		{RepoScope("o/b"), Progression{Recorded: true}},
		{Scope{Owner: "p"}, Progression{}},
	}
	for _, c := range cases {
		if got := ProgressionOf(d, c.scope, p); got != c.want {
			t.Errorf("%v: got %+v, want %+v", c.scope, got, c.want)
		}
	}
}
