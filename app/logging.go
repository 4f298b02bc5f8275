package app

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rs/zerolog"
)

func init() {
	// Durations in logs are text with their unit ("1.5s", "41h35m13s"),
	// not a bare number of milliseconds such as 149713240.836416. Every
	// logger of the process (ours, go-githubapp's, the demo's) shares it.
	zerolog.DurationFieldFormat = zerolog.DurationFormatString
}

func parseLevel(s string) (zerolog.Level, error) {
	l, err := zerolog.ParseLevel(strings.ToLower(s))
	if err != nil || s == "" {
		return zerolog.NoLevel, fmt.Errorf("%q is not one of trace, debug, info, warn, error", s)
	}
	return l, nil
}

// NewLogger builds the service's logger: JSON lines, or console text when
// asked (or when the output is a terminal and nothing was said).
func NewLogger(cfg LoggingConfig, w io.Writer) zerolog.Logger {
	level, err := parseLevel(cfg.Level)
	if err != nil {
		level = zerolog.InfoLevel
	}
	useJSON := true
	if cfg.JSON != nil {
		useJSON = *cfg.JSON
	} else if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			useJSON = false
		}
	}
	if !useJSON {
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: "15:04:05"}
	}
	return zerolog.New(w).Level(level).With().Timestamp().Logger()
}
