package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/mentorbot/mentorbot"

// The pure rule packages take values and return values: no HTTP, no
// database, no store and no GitHub client, directly or through another
// package of the module.
var purePackages = []string{
	"app/mentoring/selection",
	"app/mentoring/newcomer",
	"app/gatherings/schedule",
	"app/repoconfig",
	"app/commands",
	"app/figures",
	"app/program",
	"app/textsafe",
}

// forbiddenInPure are imports a pure package may not reach.
var forbiddenInPure = []string{
	"net/http",
	"database/sql",
	"modernc.org/sqlite",
	"github.com/jackc/pgx",
	"github.com/google/go-github",
	"github.com/shurcooL/githubv4",
	"github.com/palantir/go-githubapp",
	module + "/app/store",
	module + "/app/gh",
	module + "/app/queue",
}

func TestPurePackagesStayPure(t *testing.T) {
	root := filepath.Join("..")
	for _, pkg := range purePackages {
		seen := map[string]string{} // import -> the module package that imports it
		var walk func(p string)
		walk = func(p string) {
			for _, imp := range imports(t, filepath.Join(root, p)) {
				if _, ok := seen[imp]; ok {
					continue
				}
				seen[imp] = p
				if rest, ok := strings.CutPrefix(imp, module+"/"); ok {
					walk(rest)
				}
			}
		}
		walk(pkg)
		var bad []string
		for imp, by := range seen {
			for _, f := range forbiddenInPure {
				if imp == f || strings.HasPrefix(imp, f+"/") {
					bad = append(bad, imp+" (imported by "+by+")")
				}
			}
		}
		sort.Strings(bad)
		for _, b := range bad {
			t.Errorf("pure package %s reaches %s", pkg, b)
		}
	}
}

// Handlers decode, filter and hand over; the composition root builds the
// services they hand over to.
func TestHandlersBuildNoService(t *testing.T) {
	dir := filepath.Join("..", "handlers")
	for _, f := range goFiles(t, dir) {
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if sel, ok := n.Type.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Service" || sel.Sel.Name == "Installations") {
					t.Errorf("%s: handlers build a %s.%s", fset.Position(n.Pos()), sel.X, sel.Sel.Name)
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok && (x.Name == "appconfig" || sel.Sel.Name == "NewInstallations") {
						t.Errorf("%s: handlers call %s.%s", fset.Position(n.Pos()), x.Name, sel.Sel.Name)
					}
				}
			}
			return true
		})
	}
}

func imports(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, f := range goFiles(t, dir) {
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range file.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out = append(out, p)
		}
	}
	return out
}

// goFiles are a folder's non-test Go files.
func goFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			out = append(out, filepath.Join(dir, n))
		}
	}
	if len(out) == 0 {
		t.Fatalf("no Go files in %s", dir)
	}
	return out
}
