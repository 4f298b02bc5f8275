package textsafe

import "testing"

func TestCode(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "go test ./...", "`go test ./...`"},
		{"one backtick inside", "a`b", "``a`b``"},
		{"run of backticks inside", "a```b`c", "````a```b`c````"},
		{"starts with backtick", "`a", "`` `a ``"},
		{"ends with backtick", "a`", "`` a` ``"},
		{"spaces both sides kept", " a ", "`  a  `"},
		{"space one side", " a", "` a`"},
		{"only spaces", "  ", "`  `"},
		{"empty", "", "` `"},
		{"blank with tab", " \t ", "`   `"},
		{"line breaks become spaces", "a\r\nb\nc\rd", "`a b c d`"},
		{"mention stays literal", "@bob", "`@bob`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Code(tt.in); got != tt.want {
				t.Errorf("Code(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
