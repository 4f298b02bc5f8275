package repoconfig

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// MaxFileSize is the largest configuration file Parse reads.
const MaxFileSize = 1 << 20

// Parse reads a mentorship.yml: strictly (unknown keys, duplicate keys and
// wrong kinds of value are problems), then validates it and fills the
// defaults of absent keys. An empty file gives Default(). On failure the
// error is Problems holding every problem found, ordered by position, and
// the Config is nil.
func Parse(data []byte) (*Config, error) {
	if len(data) > MaxFileSize {
		return nil, Problems{{Line: 1, Message: fmt.Sprintf("the file is larger than %d bytes", MaxFileSize),
			Hint: "a mentorship configuration is a few hundred lines at most; remove what is not configuration"}}
	}
	root, second, err := readDocument(data)
	if err != nil {
		return nil, Problems{syntaxProblem(data, err)}
	}
	d := newDecoder()
	if second != nil {
		d.add(second, "", "the file holds more than one YAML document",
			"remove the "+code("---")+" line and everything after it, or merge the documents")
	}
	c := &Config{}
	if root != nil {
		d.decode(root, reflect.ValueOf(c).Elem(), "")
	}
	if d.budget < 0 { // a hostile file: do not spend more on it
		return nil, d.result()
	}
	applyDefaults(c, d.given)
	v := &validator{d: d, c: c, lines: strings.Split(string(data), "\n")}
	v.run()
	if len(d.problems) > 0 {
		return nil, d.result()
	}
	return c, nil
}

// readDocument reads the first YAML document of data: its root node (nil
// when empty) and, when another non-empty document follows, that one.
func readDocument(data []byte) (root, second *yaml.Node, err error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, nil, err
	case len(next.Content) > 0 && next.Content[0].ShortTag() != "!!null":
		second = &next
	}
	if len(doc.Content) > 0 {
		root = doc.Content[0]
	}
	return root, second, nil
}

var yamlLineError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxProblem turns a YAML parser error into a Problem. The line is where
// parsing actually fails, found by re-parsing prefixes of the file: the
// parser's own line is often where the enclosing block starts, or missing.
func syntaxProblem(data []byte, err error) Problem {
	msg := oneLine(err.Error())
	line := locateError(data, err.Error())
	if m := yamlLineError.FindStringSubmatch(msg); m != nil {
		if line == 0 {
			line, _ = strconv.Atoi(m[1])
		}
		msg = m[2]
	}
	msg = strings.ReplaceAll(strings.TrimPrefix(msg, "yaml: "), "`", "'") // keep code spans in MarkdownProblems balanced
	lines := strings.Split(string(data), "\n")
	text := ""
	if line >= 1 && line <= len(lines) {
		text = lines[line-1]
	}
	col := 0
	if i := strings.IndexAny(text, "\t@`"); i >= 0 && strings.Contains(msg, "cannot start any token") {
		col = i + 1
	}
	return Problem{Line: line, Column: col, Message: "YAML syntax error: " + msg, Hint: syntaxHint(msg, text)}
}

// locateError finds the first line at which the YAML prefix of data fails
// with the message want; 0 when it cannot tell. Bounded to small files.
func locateError(data []byte, want string) int {
	const maxBytes, maxLines = 32 << 10, 500
	if len(data) > maxBytes {
		return 0
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	end := 0
	for i := 0; i < len(lines) && i < maxLines; i++ {
		end += len(lines[i])
		if err := firstYAMLError(data[:end]); err != nil && err.Error() == want {
			return i + 1
		}
	}
	return 0
}

func firstYAMLError(data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// syntaxHint suggests a fix for a YAML parser message on a line of text.
func syntaxHint(msg, text string) string {
	trimmed := strings.TrimLeft(text, " ")
	switch {
	case strings.Contains(text, "\t"):
		return "indent with spaces; YAML does not allow tabs"
	case strings.Contains(msg, "cannot start any token") && strings.Contains(text, "@"):
		return "a value cannot start with @ in YAML; write logins without it (" + code("login: octocat") + ") or put the value in quotes"
	case strings.Contains(msg, "cannot start any token"):
		return "put the value in quotes"
	case strings.Contains(msg, "mapping values are not allowed"):
		return "a value contains " + code(": ") + "; put it in quotes, or check the indentation of this line"
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-'"):
		return "check the indentation: keys of one section must start in the same column"
	case strings.Contains(msg, "did not find expected ',' or ']'"):
		return "close the list with " + code("]") + " and separate items with commas"
	case strings.Contains(msg, "did not find expected ',' or '}'"):
		return "close the mapping with " + code("}") + " and separate entries with commas"
	case strings.Contains(msg, "quoted scalar"), strings.Contains(msg, "end of stream"):
		return "close the quotes on this value"
	case strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "-"):
		return "check the indentation of this list item against the ones around it"
	default:
		return "check the indentation and quoting on this line and the one before it"
	}
}
