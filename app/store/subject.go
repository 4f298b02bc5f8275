package store

import (
	"encoding/json"
	"strconv"
)

// subject is the part of a payload that says what a delivery is about.
type subject struct {
	Installation struct {
		ID int64 `json:"id"`
	} `json:"installation"`
	Repository struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
	PullRequest *struct{ Number int } `json:"pull_request"`
	Issue       *struct{ Number int } `json:"issue"`
	Discussion  *struct{ Number int } `json:"discussion"`
	Number      int                   `json:"number"`
}

// Subject reads from a payload the installation it came through and the
// item it is about ("owner/repo#12"; "owner/repo#0" for the repository
// itself; "" for none). The queue takes turns among installations and
// handles one item's deliveries one at a time, in order.
func Subject(payload []byte) (installation int64, item string) {
	var s subject
	if json.Unmarshal(payload, &s) != nil {
		return 0, ""
	}
	if s.Repository.FullName == "" {
		return s.Installation.ID, ""
	}
	n := s.Number
	for _, o := range []*struct{ Number int }{s.PullRequest, s.Issue, s.Discussion} {
		if o != nil {
			n = max(n, o.Number)
		}
	}
	return s.Installation.ID, s.Repository.FullName + "#" + strconv.Itoa(n)
}
