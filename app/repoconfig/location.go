package repoconfig

// Where the configuration lives: in the repository, or else in the owner's
// .github repository as an owner-wide default.
const (
	Path      = ".github/mentorship.yml"
	OwnerRepo = ".github"
	OwnerPath = "mentorship.yml"
)
