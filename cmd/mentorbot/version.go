package main

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/mentorbot/mentorbot/app"
)

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintf(stdout, "mentorbot %s\ncommit %s\n%s %s/%s\n", app.Version(), app.Commit(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}
