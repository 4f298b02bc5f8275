package app

import (
	"runtime/debug"
)

// Set at build time with -ldflags "-X github.com/mentorbot/mentorbot/app.version=…".
var (
	version = ""
	commit  = ""
)

// Version is the release, or the module version Go recorded, or "dev".
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// Commit is the VCS revision the binary was built from, when known.
func Commit() string {
	if commit != "" {
		return commit
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				return s.Value
			}
		}
	}
	return "unknown"
}
