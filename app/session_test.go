package app

import (
	"testing"
	"time"
)

func TestCookieSigner(t *testing.T) {
	s := cookieSigner{key: []byte("a-session-key-of-at-least-32-characters")}
	now := time.Now()
	v, err := s.encode(sessionCookie, "a-random-session-id", now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var got string
	if err := s.decode(sessionCookie, v, now, &got); err != nil || got != "a-random-session-id" {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	for name, c := range map[string]struct {
		signer     cookieSigner
		cookieName string
		value      string
		at         time.Time
	}{
		"expired":             {s, sessionCookie, v, now.Add(time.Hour)},
		"another key":         {cookieSigner{key: []byte("another-session-key-of-32-characters!!")}, sessionCookie, v, now},
		"another cookie's":    {s, flowCookie, v, now},
		"no signature":        {s, sessionCookie, v[:len(v)-44], now},
		"signature cut short": {s, sessionCookie, v[:len(v)-2], now},
		"payload edited":      {s, sessionCookie, "x" + v[1:], now},
		"empty":               {s, sessionCookie, "", now},
		"only a dot":          {s, sessionCookie, ".", now},
	} {
		var sd string
		if err := c.signer.decode(c.cookieName, c.value, c.at, &sd); err == nil {
			t.Errorf("%s: accepted as %+v", name, sd)
		}
	}
}
