package app

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// checkPrivateKey makes sure the app's key is an RSA key in PEM form,
// without ever printing it.
func checkPrivateKey(pemText string) error {
	if strings.TrimSpace(pemText) == "" {
		return errors.New("missing: the GitHub App's private key (PEM) is required")
	}
	block, _ := pem.Decode([]byte(pemText))
	if block == nil {
		return errors.New("not a PEM-encoded RSA private key (paste the .pem file GitHub gave you)")
	}
	if _, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return nil
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return errors.New("the PEM block is not an RSA private key")
	}
	if _, ok := k.(interface{ Size() int }); !ok {
		return fmt.Errorf("the key is a %T, GitHub Apps use RSA", k)
	}
	return nil
}
