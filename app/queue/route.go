package queue

import (
	"encoding/json"
	"hash/fnv"
	"strconv"

	"github.com/mentorbot/mentorbot/app/store"
)

// subject is the part of a payload that says what a delivery is about.
type subject struct {
	Repository struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
	PullRequest struct{ Number int } `json:"pull_request"`
	Issue       struct{ Number int } `json:"issue"`
	Discussion  struct{ Number int } `json:"discussion"`
	Number      int                  `json:"number"`
}

// route picks the worker for a delivery: the same repository item always
// gets the same worker; deliveries about no item spread by their ID.
func route(d store.Delivery, workers int) int {
	if workers <= 1 {
		return 0
	}
	key := d.ID
	var s subject
	if json.Unmarshal(d.Payload, &s) == nil && s.Repository.FullName != "" {
		n := max(s.PullRequest.Number, s.Issue.Number, s.Discussion.Number, s.Number)
		key = s.Repository.FullName + "#" + strconv.Itoa(n)
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % uint32(workers))
}
