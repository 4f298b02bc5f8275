package schedule_test

import (
	"reflect"
	"testing"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

func TestExtractActionItems(t *testing.T) {
	cases := []struct {
		name     string
		comments []schedule.CommentText
		want     []schedule.ActionItem
	}{
		{"list markers and states", []schedule.CommentText{{Author: "ana", Body: "Notes:\r\n- [ ] Write docs\r\n* [x] Fix CI\n+ [X] Tag release\n1. [ ] Numbered\n2) [ ]   Spaced   out  \n  - [ ] Nested item\n"}},
			[]schedule.ActionItem{
				{Text: "Write docs", Author: "ana"},
				{Text: "Fix CI", Author: "ana", Done: true},
				{Text: "Tag release", Author: "ana", Done: true},
				{Text: "Numbered", Author: "ana"},
				{Text: "Spaced out", Author: "ana"},
				{Text: "Nested item", Author: "ana"},
			}},
		{"not task items", []schedule.CommentText{{Author: "ana", Body: "- plain item\n- [ ]\n- [ ]    \n-[ ] no space\n- [y] odd box\n[ ] no marker\n- [ ]no space after box"}},
			nil},
		{"quotes are skipped", []schedule.CommentText{{Author: "ben", Body: "> - [ ] quoted\n>> * [x] deeper\n   > - [ ] indented quote\n- [ ] mine"}},
			[]schedule.ActionItem{{Text: "mine", Author: "ben"}}},
		{"fenced code is skipped", []schedule.CommentText{{Author: "cy", Body: "```md\n- [ ] in backticks\n~~~\n- [ ] still in\n```\n- [ ] after\n~~~~\n- [ ] tilde\n```\n~~~~\n  ```\n  - [ ] indented fence\n  ```\n- [ ] last"}},
			[]schedule.ActionItem{{Text: "after", Author: "cy"}, {Text: "last", Author: "cy"}}},
		{"unclosed fence swallows the rest", []schedule.CommentText{{Author: "cy", Body: "```\n- [ ] never"}, {Author: "dee", Body: "- [ ] next comment"}},
			[]schedule.ActionItem{{Text: "next comment", Author: "dee"}}},
		{"html comments are skipped", []schedule.CommentText{{Author: "dee", Body: "<!-- bot marker\n- [ ] hidden\n-->\n<!-- - [ ] one line -->\n- [ ] shown"}},
			[]schedule.ActionItem{{Text: "shown", Author: "dee"}}},
		{"duplicates merge, done wins", []schedule.CommentText{
			{Author: "ana", Body: "- [ ] Share   slides"},
			{Author: "ben", Body: "- [x] share slides\n- [ ] Book room"},
		}, []schedule.ActionItem{{Text: "Share slides", Author: "ana", Done: true}, {Text: "Book room", Author: "ben"}}},
		{"no comments", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := schedule.ExtractActionItems(tc.comments); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
