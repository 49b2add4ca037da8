#!/usr/bin/env bash
# The offline demo: registers a passkey on a software test key for a sample set of
# Graph creation options, with no hardware and no tenant, and shows each JSON stage.
# Everything it makes stays in ./.demo/ (removed first).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh

bin=./bin/entra-passkey
demo=./.demo
echo "== building $bin" >&2
go build -o "$bin" ./cmd/entra-passkey
rm -rf "$demo"
mkdir -m 700 "$demo"

step() { printf '\n== %s\n$ %s\n' "$1" "$2" >&2; }

# A random PIN, handed over in an environment variable named on the command line: never
# on argv, never printed.
ENTRA_PASSKEY_DEMO_PIN="$(od -An -N4 -tu4 /dev/urandom | tr -dc 0-9 | cut -c1-8)"
while [ "${#ENTRA_PASSKEY_DEMO_PIN}" -lt 8 ]; do ENTRA_PASSKEY_DEMO_PIN="${ENTRA_PASSKEY_DEMO_PIN}7"; done
export ENTRA_PASSKEY_DEMO_PIN
export ENTRA_PASSKEY_DEVICE="virtual:$demo/key.json"

step "create a software test key with a PIN" "entra-passkey virtual-key create $demo/key.json --pin-env ENTRA_PASSKEY_DEMO_PIN"
"$bin" virtual-key create "$demo/key.json" --pin-env ENTRA_PASSKEY_DEMO_PIN | tee "$demo/virtual-key.json"

step "what the key reports (libfido2 getInfo)" "entra-passkey key-info"
"$bin" key-info | tee "$demo/key-info.json"

# Graph's creation options as Graph sends them (examples/creation-options.json), with a
# challenge that expires in five minutes from now.
expires="$(date -u -d '+5 min' +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -v+5M +%Y-%m-%dT%H:%M:%SZ)"
sed "s/\"challengeTimeoutDateTime\": \"[^\"]*\"/\"challengeTimeoutDateTime\": \"$expires\"/" examples/creation-options.json > "$demo/options.json"

step "create the passkey on the key" "entra-passkey make-credential --pin-env ENTRA_PASSKEY_DEMO_PIN < options.json"
"$bin" make-credential --pin-env ENTRA_PASSKEY_DEMO_PIN < "$demo/options.json" | tee "$demo/credential.json"

step "check it as Entra ID would, chained to the key's attestation root" "entra-passkey verify --options options.json --roots roots.pem < credential.json"
"$bin" virtual-key export-roots "$demo/key.json" --out "$demo/roots.pem" >/dev/null
"$bin" verify --options "$demo/options.json" --roots "$demo/roots.pem" < "$demo/credential.json" | tee "$demo/verification.json"

# credential.json holds Graph's POST body fields (displayName, publicKeyCredential) at
# its top level, next to the user and the key: what `submit` will send.
printf '\nentra-passkey: demo done: every stage is in %s/\n' "$demo" >&2
