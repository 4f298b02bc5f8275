package hooktest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
)

// Forge sends every request with the whole body and the headers asked,
// and reports each answer where it belongs.
func TestForge(t *testing.T) {
	var mu sync.Mutex
	got := map[string]int64{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if len(b) == 0 || b[0] != '{' || r.Header.Get("X-Hub-Signature-256") != WrongSignature || r.Header.Get("X-GitHub-Event") != "ping" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		mu.Lock()
		got[r.Header.Get("X-GitHub-Delivery")] = int64(len(b))
		mu.Unlock()
		if r.Header.Get("X-GitHub-Delivery") == "d-2" {
			w.WriteHeader(http.StatusAccepted)
			return
		}
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()
	answers := Forge(srv.URL, 4, 100_000, WrongSignature, func(i int) string { return fmt.Sprintf("d-%d", i) })
	if want := (Answers{401, 401, 202, 401}); !reflect.DeepEqual(answers, want) {
		t.Fatalf("answers %v, want %v", answers, want)
	}
	if !reflect.DeepEqual(answers.Accepted(), []int{2}) || !reflect.DeepEqual(answers.Count(), map[int]int{401: 3, 202: 1}) {
		t.Errorf("accepted %v, count %v", answers.Accepted(), answers.Count())
	}
	for id, n := range got {
		if n != 100_000 {
			t.Errorf("%s carried %d bytes, want 100000", id, n)
		}
	}
}

func TestMemoryKB(t *testing.T) {
	kB, err := MemoryKB(0, "VmRSS")
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	if kB <= 0 {
		t.Errorf("VmRSS = %d kB", kB)
	}
	if _, err := MemoryKB(0, "NoSuchLine"); err == nil {
		t.Error("a missing line was not an error")
	}
}
