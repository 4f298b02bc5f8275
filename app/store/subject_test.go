package store

import "testing"

func TestSubject(t *testing.T) {
	for name, tc := range map[string]struct {
		payload string
		inst    int64
		item    string
	}{
		"pull request":       {`{"action":"opened","number":7,"pull_request":{"number":7},"repository":{"full_name":"o/r"},"installation":{"id":42}}`, 42, "o/r#7"},
		"issue comment":      {`{"issue":{"number":7},"repository":{"full_name":"o/r"},"installation":{"id":42}}`, 42, "o/r#7"},
		"discussion":         {`{"discussion":{"number":3},"repository":{"full_name":"o/r"}}`, 0, "o/r#3"},
		"repository event":   {`{"ref":"main","repository":{"full_name":"o/r"},"installation":{"id":1}}`, 1, "o/r#0"},
		"installation event": {`{"action":"created","installation":{"id":9}}`, 9, ""},
		"null pull request":  {`{"pull_request":null,"repository":{"full_name":"o/r"}}`, 0, "o/r#0"},
		"not json":           {`zen=hi`, 0, ""},
	} {
		inst, item := Subject([]byte(tc.payload))
		if inst != tc.inst || item != tc.item {
			t.Errorf("%s: got (%d, %q), want (%d, %q)", name, inst, item, tc.inst, tc.item)
		}
	}
}

// BenchmarkSubject reads the subject of a 25 KB pull_request payload, the
// work EnqueueDeliveries adds to each delivery.
//
//	go test -run '^$' -bench BenchmarkSubject ./app/store
func BenchmarkSubject(b *testing.B) {
	pad := make([]byte, 25000)
	for i := range pad {
		pad[i] = 'x'
	}
	payload := []byte(`{"action":"opened","number":7,"pull_request":{"number":7,"body":"` + string(pad) +
		`"},"repository":{"full_name":"o/r"},"installation":{"id":42}}`)
	b.SetBytes(int64(len(payload)))
	for b.Loop() {
		Subject(payload)
	}
}
