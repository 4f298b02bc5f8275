package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"

	"github.com/mentorbot/mentorbot"
	"github.com/mentorbot/mentorbot/app"
	"github.com/mentorbot/mentorbot/app/setup"
)

// defaultSetupListen is where the setup page is served.
const defaultSetupListen = "127.0.0.1:8090"

// runSetup registers the GitHub App through GitHub's manifest flow and
// writes its credentials into the configuration file.
func runSetup(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("setup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configFile := fs.String("config", app.DefaultConfigFile, "configuration file to write the credentials into (created if absent)")
	org := fs.String("org", "", "register the app for this organization instead of your account")
	listen := fs.String("listen", defaultSetupListen, "address of the local setup page")
	publicURL := fs.String("public-url", "", "where GitHub reaches the service (default: server.public_url); webhooks go to URL/api/github/hook")
	noBrowser := fs.Bool("no-browser", false, "print the setup page's address instead of opening a browser")
	force := fs.Bool("force", false, "replace the credentials of an app the file already has")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: mentorbot setup [--config FILE] [--org ORG] [--listen ADDR] [--public-url URL] [--no-browser] [--force]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	cfg, err := app.LoadConfig(*configFile, true) // setup creates the file
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	public := *publicURL
	if public == "" {
		public = cfg.Server.PublicURL
	}
	if public == "" {
		return fail(stderr, exitUsage, usageError{errors.New("setup needs --public-url (or server.public_url): the address GitHub sends webhooks to, such as https://mentorbot.example.org")})
	}
	file, err := setup.ReadConfigFile(*configFile)
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	if id := file.AppID(); id != 0 && !*force {
		return fail(stderr, exitFailure, fmt.Errorf("%s already has the credentials of app %d; pass --force to register a new app and replace them", *configFile, id))
	}
	if err := file.CheckWritable(); err != nil {
		return fail(stderr, exitFailure, err)
	}

	flow, err := setup.Start(*listen, setup.Options{
		Manifest: mentorbot.Manifest, WebURL: cfg.Github.WebURL, APIURL: cfg.Github.V3APIURL, Org: *org,
		PublicURL: public, UserAgent: "mentorbot/" + app.Version(),
		Save: func(c setup.Credentials) error {
			recordSetup(file, cfg, *publicURL, c)
			return file.Write()
		},
	})
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	where := "your account"
	if *org != "" {
		where = "the organization " + *org
	}
	fmt.Fprintf(stdout, "Open %s and press the button to register mentorbot on %s for %s.\n", flow.URL(), cfg.Github.WebURL, where)
	if !*noBrowser {
		openBrowser(flow.URL())
	}
	c, err := flow.Wait(ctx)
	if err != nil {
		return fail(stderr, exitFailure, err)
	}
	checked, err := app.LoadConfig(*configFile, false)
	if err == nil {
		err = checked.RequireApp()
	}
	if err != nil {
		return fail(stderr, exitFailure, fmt.Errorf("the credentials were written, but the file does not load: %w", err))
	}
	printNextSteps(stdout, *configFile, c, checked)
	return exitOK
}

// recordSetup puts the credentials into the file, and the addresses the
// app was registered with where the file does not say them yet.
func recordSetup(file *setup.ConfigFile, cfg *app.Config, publicFlag string, c setup.Credentials) {
	if publicFlag != "" {
		file.SetString(publicFlag, "server", "public_url")
	}
	for _, u := range []struct{ key, value, fallback string }{
		{"web_url", cfg.Github.WebURL, app.DefaultWebURL},
		{"v3_api_url", cfg.Github.V3APIURL, app.DefaultV3APIURL},
		{"v4_api_url", cfg.Github.V4APIURL, app.DefaultV4APIURL},
	} {
		if _, ok := file.Lookup("github", u.key); !ok && u.value != u.fallback {
			file.SetString(u.value, "github", u.key)
		}
	}
	file.SetCredentials(c)
}

func printNextSteps(w io.Writer, path string, c setup.Credentials, cfg *app.Config) {
	fmt.Fprintf(w, "Registered the GitHub App %q (ID %d, %s).\n", c.Name, c.AppID, c.HTMLURL)
	fmt.Fprintf(w, "Wrote its ID, webhook secret, private key, OAuth client and a new session key to %s (mode 0600); keep that file private.\n", path)
	for _, env := range []string{"GITHUB_APP_INTEGRATION_ID", "GITHUB_APP_WEBHOOK_SECRET", "GITHUB_APP_PRIVATE_KEY", "GITHUB_OAUTH_CLIENT_ID", "GITHUB_OAUTH_CLIENT_SECRET", "MENTORBOT_SESSION_KEY"} {
		if _, set := os.LookupEnv(env); set {
			fmt.Fprintf(w, "Note: %s is set in this environment and wins over the file; unset it to use the new app.\n", env)
		}
	}
	fmt.Fprintln(w, "Next:")
	fmt.Fprintf(w, "  1. Install the app on the repositories it should serve: %s\n", c.InstallURL())
	fmt.Fprintf(w, "  2. Start the service so that GitHub reaches it at %s: mentorbot serve --config %s\n", cfg.Server.PublicURL, path)
	fmt.Fprintln(w, "  3. Add .github/mentorship.yml to a repository (mentorbot check validates it).")
}

// openBrowser tries to show url; the address is printed either way.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if cmd.Start() == nil {
		go cmd.Wait() // reap it; its outcome does not matter
	}
}
