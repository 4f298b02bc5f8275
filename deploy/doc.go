// Package deploy holds mentorbot's deployment files (container image,
// Kubernetes manifests, compose file, systemd unit, example configuration)
// and, in its tests only, the checks that keep them valid and in step with
// the service configuration. It has no code of its own.
package deploy
