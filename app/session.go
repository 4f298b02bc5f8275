package app

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// cookieSigner signs cookie values with HMAC-SHA256 under the session
// key. The cookie's name is part of what is signed, so one cookie's value
// is no good under another name.
type cookieSigner struct{ key []byte }

var errBadCookie = errors.New("cookie: bad signature or expired")

// signedValue is what a signed cookie carries: the data and its expiry.
type signedValue struct {
	Exp  int64           `json:"exp"`
	Data json.RawMessage `json:"d"`
}

func (s cookieSigner) mac(name, payload string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(name))
	m.Write([]byte{0})
	m.Write([]byte(payload))
	return m.Sum(nil)
}

// encode signs v for the cookie name, valid until exp.
func (s cookieSigner) encode(name string, v any, exp time.Time) (string, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	raw, err := json.Marshal(signedValue{Exp: exp.Unix(), Data: data})
	if err != nil {
		return "", err
	}
	payload := base64.RawURLEncoding.EncodeToString(raw)
	return payload + "." + base64.RawURLEncoding.EncodeToString(s.mac(name, payload)), nil
}

// decode checks the signature and the expiry, then reads the value into v.
func (s cookieSigner) decode(name, value string, now time.Time, v any) error {
	payload, sig, ok := strings.Cut(value, ".")
	if !ok {
		return errBadCookie
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, s.mac(name, payload)) {
		return errBadCookie
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return errBadCookie
	}
	var sv signedValue
	if err := json.Unmarshal(raw, &sv); err != nil || now.Unix() >= sv.Exp {
		return errBadCookie
	}
	return json.Unmarshal(sv.Data, v)
}
