package figures

// Claims counts what happened to claims on starter tasks in the period.
type Claims struct {
	// Recorded is false while the store keeps no claims at all: the
	// figures are then unknown, not zero.
	Recorded  bool
	Claimed   int // claims made in the period
	Completed int // claims completed by a merged pull request in the period
	Expired   int // claims that expired in the period
	Released  int // claims given up (/unclaim) in the period
	Open      int // claims held now
}

// ClaimsOf counts the claim events of scope s in period p.
func ClaimsOf(d Data, s Scope, p Period) Claims {
	c := Claims{Recorded: recorded(d.ClaimOwners, s)}
	for _, cl := range d.Claims {
		if !s.Includes(cl.Repo) {
			continue
		}
		if p.Contains(cl.ClaimedAt) {
			c.Claimed++
		}
		if cl.State == ClaimActive {
			c.Open++
			continue
		}
		if !p.Contains(cl.EndedAt) {
			continue
		}
		switch cl.State {
		case ClaimCompleted:
			c.Completed++
		case ClaimExpired:
			c.Expired++
		case ClaimReleased:
			c.Released++
		}
	}
	return c
}
