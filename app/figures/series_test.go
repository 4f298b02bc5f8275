package figures

import "testing"

// A social's posts are stored under "owner/name#series": they count for
// the repository holding them, and no "#series" key appears.
func TestPartitionSeriesTarget(t *testing.T) {
	d := Data{Posts: []Post{
		{Target: "acme/community#social-friday", Repo: "acme/widgets", Kind: PostAnnouncement},
		{Target: "acme/community", Repo: "acme/widgets", Kind: PostAnnouncement},
	}}
	parts := Partition(d)
	if _, ok := parts["acme/community#social-friday"]; ok {
		t.Error("a series has a partition of its own")
	}
	if n := len(parts["acme/community"].Posts); n != 2 {
		t.Errorf("acme/community has %d posts, want 2", n)
	}
	if n := len(parts["acme/widgets"].Posts); n != 2 {
		t.Errorf("acme/widgets has %d posts, want 2", n)
	}
	if TargetRepo("acme/community#x") != "acme/community" || TargetRepo("acme/community") != "acme/community" {
		t.Error("TargetRepo")
	}
}
