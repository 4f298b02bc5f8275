package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// paddingField is the string field added to reach the asked size.
const paddingField = "_loadgen_padding"

// defaultPayloadPath is the example payload sent for an event:
// pull_request/opened for pull_request, else the first example on file.
func defaultPayloadPath(root, event string) (string, error) {
	if event == "pull_request" {
		return filepath.Join(root, "testdata", "webhooks", "pull_request", "opened.payload.json"), nil
	}
	matches, err := filepath.Glob(filepath.Join(root, "testdata", "webhooks", event, "*.payload.json"))
	if err != nil || len(matches) == 0 {
		return "", fmt.Errorf("no example payload for %q under %s; pass -payload FILE", event, filepath.Join(root, "testdata", "webhooks"))
	}
	sort.Strings(matches)
	return matches[0], nil
}

// readPayload reads a JSON object from a file and sizes it (see sizePayload).
func readPayload(path string, size int) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read payload: %w", err)
	}
	out, err := sizePayload(raw, size)
	if err != nil {
		return nil, fmt.Errorf("payload %s: %w", path, err)
	}
	return out, nil
}

// sizePayload compacts a JSON object, as GitHub sends it, and, when size
// is positive, pads it to exactly size bytes with a long string field.
// A compacted object already larger than size is an error: cutting fields
// would change what the target sees.
func sizePayload(raw []byte, size int) ([]byte, error) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return nil, fmt.Errorf("not valid JSON: %w", err)
	}
	b := buf.Bytes()
	if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
		return nil, fmt.Errorf("not a JSON object")
	}
	if size <= 0 || size == len(b) {
		return b, nil
	}
	if size < len(b) {
		return nil, fmt.Errorf("%d bytes once compacted; -size must be at least that (or 0 to send it as is)", len(b))
	}
	sep := ","
	if len(bytes.TrimSpace(b[1:len(b)-1])) == 0 {
		sep = ""
	}
	head := sep + `"` + paddingField + `":"`
	gap := size - len(b)
	var out bytes.Buffer
	out.Grow(size)
	out.Write(b[:len(b)-1])
	if gap >= len(head)+1 {
		out.WriteString(head)
		out.WriteString(strings.Repeat("x", gap-len(head)-1))
		out.WriteString(`"`)
	} else {
		out.WriteString(strings.Repeat(" ", gap)) // too small a gap for a field: JSON whitespace
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}
