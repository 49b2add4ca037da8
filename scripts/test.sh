#!/usr/bin/env bash
# Runs every test that needs no hardware and no tenant: vet, the race-enabled suite
# (real libfido2 driving the software key, the Graph emulator over TLS), and the
# no-cgo build. Hardware and live-tenant tests stay skipped unless opted in (README).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh --with-node

echo "== go vet" >&2
go vet ./...
echo "== import rules (docs/architecture.md)" >&2
./scripts/check-imports.sh
echo "== staticcheck" >&2
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
echo "== gofmt" >&2
unformatted="$(gofmt -l cmd internal)"
if [ -n "$unformatted" ]; then
	echo "entra-passkey: error: not gofmt-ed: $unformatted" >&2
	exit 1
fi
echo "== PowerShell module checks" >&2
./powershell/check.sh
echo "== other systems: windows (both backends, run under Wine), linux/arm64, darwin (scripts/cross.sh)" >&2
./scripts/cross.sh
echo "== CGO_ENABLED=0 build and tests (libfido2 tests skip)" >&2
CGO_ENABLED=0 go build ./...
CGO_ENABLED=0 go test -count=1 ./... >/dev/null
echo "== go test -race (libfido2 + software key)" >&2
go test -race -count=1 ./...
echo "== every fuzz target briefly (scripts/fuzz.sh; longer runs: scripts/fuzz.sh 10m)" >&2
./scripts/fuzz.sh "${FUZZ_TIME:-3s}"
