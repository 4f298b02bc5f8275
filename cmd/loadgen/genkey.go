package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
)

// writeKey writes a fresh 2048-bit RSA key in PKCS #1 PEM form, the kind
// GitHub hands out for an App, for a throwaway test configuration.
func writeKey(w io.Writer) error {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return fmt.Errorf("generate key: %w", err)
	}
	if err := pem.Encode(w, &pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}); err != nil {
		return fmt.Errorf("write key: %w", err)
	}
	return nil
}
