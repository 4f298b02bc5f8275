package deploy

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	dfparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

const (
	dockerfile   = "Dockerfile"
	dockerignore = "Dockerfile.dockerignore"
	runtimeImage = "gcr.io/distroless/static-debian12:nonroot"
	nonrootUID   = "65532"
)

// parseDockerfile reads the Dockerfile with BuildKit's own parser and
// instruction decoder (flags such as RUN --mount included), failing on any
// parser warning or lint finding these run.
func parseDockerfile(t *testing.T) ([]instructions.Stage, []instructions.ArgCommand) {
	t.Helper()
	res, err := dfparser.Parse(bytes.NewReader(readFile(t, dockerfile)))
	if err != nil {
		t.Fatalf("parse %s: %v", dockerfile, err)
	}
	for _, w := range res.Warnings {
		t.Errorf("%s: line %d: %s", dockerfile, w.Location.Start.Line, w.Short)
	}
	var findings []string
	lint := linter.New(&linter.Config{Warn: func(rule, _, _, msg string, loc []dfparser.Range) {
		line := 0
		if len(loc) > 0 {
			line = loc[0].Start.Line
		}
		findings = append(findings, fmt.Sprintf("line %d: %s: %s", line, rule, msg))
	}})
	stages, metaArgs, err := instructions.Parse(res.AST, lint)
	if err != nil {
		t.Fatalf("%s: %v", dockerfile, err)
	}
	for _, f := range findings {
		t.Errorf("%s: %s", dockerfile, f)
	}
	for _, n := range res.AST.Children {
		if kw, _, _ := strings.Cut(strings.TrimSpace(n.Original), " "); kw != strings.ToUpper(kw) {
			t.Errorf("%s: line %d: instruction %q is not upper case", dockerfile, n.StartLine, kw)
		}
	}
	return stages, metaArgs
}

// imageEntrypoint is the binary the image runs.
func imageEntrypoint(t *testing.T) string {
	t.Helper()
	stages, _ := parseDockerfile(t)
	for _, c := range slices.Backward(stages[len(stages)-1].Commands) {
		if e, ok := c.(*instructions.EntrypointCommand); ok && len(e.CmdLine) > 0 {
			return e.CmdLine[0]
		}
	}
	t.Fatal("no ENTRYPOINT in the final stage")
	return ""
}

func commandsOf[T instructions.Command](s instructions.Stage) []T {
	var out []T
	for _, c := range s.Commands {
		if v, ok := c.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

func TestDockerfileStages(t *testing.T) {
	stages, metaArgs := parseDockerfile(t)
	if len(stages) != 2 {
		t.Fatalf("%d stages, want 2 (build, runtime)", len(stages))
	}
	build, final := stages[0], stages[1]
	goVersion := ""
	for _, a := range metaArgs {
		for _, kv := range a.Args {
			if kv.Key == "GO_VERSION" && kv.Value != nil {
				goVersion = *kv.Value
			}
		}
	}
	if build.Name != "build" || build.BaseName != "golang:${GO_VERSION}" || !strings.HasPrefix(goVersion, "1.26") {
		t.Errorf("build stage: FROM %s AS %s with GO_VERSION %q; want golang:${GO_VERSION} AS build, GO_VERSION 1.26", build.BaseName, build.Name, goVersion)
	}
	if build.Platform != "$BUILDPLATFORM" {
		t.Errorf("build stage platform %q, want $BUILDPLATFORM (cross-compile, no emulation)", build.Platform)
	}
	if final.BaseName != runtimeImage {
		t.Errorf("final stage FROM %s, want %s", final.BaseName, runtimeImage)
	}
}

// TestDockerfileBuild checks the go build: static, trimmed, stamped with a
// version the app really has, its caches mounted.
func TestDockerfileBuild(t *testing.T) {
	stages, _ := parseDockerfile(t)
	var goBuild *instructions.RunCommand
	for _, r := range commandsOf[*instructions.RunCommand](stages[0]) {
		if strings.Contains(strings.Join(r.CmdLine, " "), "go build") {
			goBuild = r
		}
	}
	if goBuild == nil {
		t.Fatal("no RUN with go build in the build stage")
	}
	line := strings.Join(goBuild.CmdLine, " ")
	for _, want := range []string{"CGO_ENABLED=0", "-trimpath", `-ldflags "-s -w `, "./cmd/mentorbot", "GOOS=$TARGETOS", "GOARCH=$TARGETARCH"} {
		if !strings.Contains(line, want) {
			t.Errorf("go build lacks %q: %s", want, line)
		}
	}
	// Mounts are read when the command is expanded; the words hold no
	// variables, so the identity will do.
	if err := goBuild.Expand(func(word string) (string, error) { return word, nil }); err != nil {
		t.Fatalf("RUN --mount: %v", err)
	}
	var targets []string
	for _, m := range instructions.GetMounts(goBuild) {
		if m.Type == instructions.MountTypeCache {
			targets = append(targets, m.Target)
		}
	}
	slices.Sort(targets)
	if !slices.Equal(targets, []string{"/go/pkg/mod", "/root/.cache/go-build"}) {
		t.Errorf("go build cache mounts %v, want the module and build caches", targets)
	}

	stamped := regexp.MustCompile(`-X github\.com/mentorbot/mentorbot/app\.(\w+)=`).FindAllStringSubmatch(line, -1)
	vars := appStringVars(t)
	if len(stamped) == 0 {
		t.Error("go build does not stamp app.version")
	}
	for _, m := range stamped {
		if !slices.Contains(vars, m[1]) {
			t.Errorf("-X app.%s: the app package has no string variable %s (it has %v); the stamp would be silently ignored", m[1], m[1], vars)
		}
	}
}

// appStringVars lists the app package's package-level string variables,
// the ones -ldflags -X can set.
func appStringVars(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join("..", "app", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("app sources: %v", err)
	}
	var vars []string
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					isString := false
					if id, ok := vs.Type.(*ast.Ident); ok && id.Name == "string" {
						isString = true
					}
					if vs.Type == nil && i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							isString = true
						}
					}
					if isString {
						vars = append(vars, n.Name)
					}
				}
			}
		}
	}
	return vars
}

// TestDockerfileRuntime checks the final stage: non-root, the state
// volume, the port, the listen address and a healthcheck that needs no
// shell.
func TestDockerfileRuntime(t *testing.T) {
	stages, _ := parseDockerfile(t)
	final := stages[len(stages)-1]
	entry := imageEntrypoint(t)

	users := commandsOf[*instructions.UserCommand](final)
	if len(users) == 0 || !slices.Contains([]string{"nonroot", "nonroot:nonroot", nonrootUID, nonrootUID + ":" + nonrootUID}, users[len(users)-1].User) {
		t.Errorf("USER %v, want nonroot (uid %s)", users, nonrootUID)
	}

	hcs := commandsOf[*instructions.HealthCheckCommand](final)
	if len(hcs) != 1 {
		t.Fatalf("%d HEALTHCHECK instructions, want 1", len(hcs))
	}
	h := hcs[0].Health
	if !slices.Equal(h.Test, []string{"CMD", entry, "healthcheck"}) {
		t.Errorf("HEALTHCHECK %v, want [CMD %s healthcheck]: distroless has no shell or curl", h.Test, entry)
	}
	if h.Timeout < 3*time.Second || h.Interval < h.Timeout || h.StartPeriod < 30*time.Second {
		t.Errorf("HEALTHCHECK timings interval %v timeout %v start-period %v: want timeout >= 3s (the probe's own), interval >= timeout, start period >= 30s (migrations)", h.Interval, h.Timeout, h.StartPeriod)
	}

	ents := commandsOf[*instructions.EntrypointCommand](final)
	cmds := commandsOf[*instructions.CmdCommand](final)
	if len(ents) != 1 || ents[0].PrependShell || len(ents[0].CmdLine) != 1 {
		t.Errorf("ENTRYPOINT %v: want the exec form with the binary alone", ents)
	}
	if len(cmds) != 1 || cmds[0].PrependShell || !slices.Equal(cmds[0].CmdLine, []string{"serve"}) {
		t.Errorf("CMD %v: want [\"serve\"]", cmds)
	}

	copied := map[string]string{} // destination -> --chown
	for _, c := range commandsOf[*instructions.CopyCommand](final) {
		if c.From != "build" {
			t.Errorf("COPY %v: the final stage copies from the build stage only", c.SourcePaths)
		}
		copied[c.DestPath] = c.Chown
	}
	if _, ok := copied[entry]; !ok {
		t.Errorf("the entrypoint %s is not copied from the build stage (copies: %v)", entry, copied)
	}
	if owner := copied[stateDir]; owner != nonrootUID+":"+nonrootUID {
		t.Errorf("%s is owned by %q, want %s:%s so the non-root user can write the database", stateDir, owner, nonrootUID, nonrootUID)
	}

	var workdir string
	for _, w := range commandsOf[*instructions.WorkdirCommand](final) {
		workdir = w.Path
	}
	var volumes, ports []string
	for _, v := range commandsOf[*instructions.VolumeCommand](final) {
		volumes = append(volumes, v.Volumes...)
	}
	for _, e := range commandsOf[*instructions.ExposeCommand](final) {
		ports = append(ports, e.Ports...)
	}
	if workdir != stateDir || !slices.Contains(volumes, stateDir) {
		t.Errorf("WORKDIR %q, VOLUME %v: want both %s (the default sqlite://mentorbot.db lands there)", workdir, volumes, stateDir)
	}

	env := map[string]string{}
	for _, e := range commandsOf[*instructions.EnvCommand](final) {
		for _, kv := range e.Env {
			env[kv.Key] = kv.Value
		}
	}
	checkEnvNames(t, "the image's ENV", slices.Collect(maps.Keys(env)))
	cfg, err := loadConfigFromEnv(t, env)
	if err != nil {
		t.Fatalf("the image's ENV: %v", err)
	}
	if cfg.Server.Address != "0.0.0.0" {
		t.Errorf("the image listens on %s; want 0.0.0.0", cfg.Server.Address)
	}
	if !slices.Contains(ports, fmt.Sprint(cfg.Server.Port)) {
		t.Errorf("EXPOSE %v does not include the port %d", ports, cfg.Server.Port)
	}
}

// TestDockerignore runs BuildKit's pattern matcher over the repository:
// everything `go build ./cmd/mentorbot` reads (sources and embedded files,
// go.mod, go.sum) reaches the build, and local databases, configurations
// and keys never do.
func TestDockerignore(t *testing.T) {
	patterns, err := ignorefile.ReadAll(bytes.NewReader(readFile(t, dockerignore)))
	if err != nil {
		t.Fatal(err)
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	excluded := func(path string) bool {
		t.Helper()
		ok, err := pm.MatchesOrParentMatches(path)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}

	needed := []string{"go.mod", "go.sum"}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.Dir}}|{{join .GoFiles \",\"}}|{{join .EmbedFiles \",\"}}", "./cmd/mentorbot")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for line := range strings.Lines(string(out)) {
		parts := strings.Split(strings.TrimSpace(line), "|")
		rel, err := filepath.Rel(root, parts[0])
		if err != nil || strings.HasPrefix(rel, "..") {
			continue // the standard library and modules come from elsewhere
		}
		for _, list := range parts[1:] {
			for f := range strings.SplitSeq(list, ",") {
				if f != "" {
					needed = append(needed, filepath.ToSlash(filepath.Join(rel, f)))
				}
			}
		}
	}
	if len(needed) < 10 {
		t.Fatalf("go list found only %v", needed)
	}
	for _, f := range needed {
		if excluded(f) {
			t.Errorf("%s is needed by the build but %s leaves it out", f, dockerignore)
		}
	}
	for _, f := range []string{".git/config", "mentorbot.db", "mentorbot.db-wal", "store/x.db", "deploy/.env", ".env",
		"mentorbot.yml", "mentorbot.private-key.pem", "keys/app.pem", "mentorbot", "app/app_test.go", "testdata/webhooks/x.json"} {
		if !excluded(f) {
			t.Errorf("%s would be sent to the builder; %s should leave it out", f, dockerignore)
		}
	}
}
