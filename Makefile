# Convenience targets; the scripts are the source of truth (they need no make).
.PHONY: demo test build bench fuzz

demo:
	./scripts/demo.sh

test:
	./scripts/test.sh

build:
	go build -o bin/entra-passkey ./cmd/entra-passkey

bench:
	go test -run='^$$' -bench=. -benchmem ./internal/webauthn/ ./internal/graph/
	go test -run='^$$' -bench=MakeCredentialProcess -benchtime=100x ./cmd/entra-passkey/
	go test -run='^$$' -bench=RegisterProcess -benchtime=30x ./cmd/entra-passkey/

fuzz:
	./scripts/fuzz.sh 1m
