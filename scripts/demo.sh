#!/usr/bin/env bash
# The offline demo: builds entra-passkey, starts the local Entra ID/Graph emulator (TLS,
# OAuth through MSAL), registers a passkey on a software test key for a demo user with
# `register`, lists the user's methods, runs the same as three piped stages, lists what
# the key holds joined to Entra, recovers a user onto a new key, runs a rollout that
# survives a SIGKILL, and shows each JSON document. No hardware, no tenant. Everything it makes stays in ./.demo/
# (removed first); the emulator it starts is stopped on exit.
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

step "start the local Graph emulator (demo tenant contoso.example)" "entra-passkey emulator --ready-file .demo/emulator.json &"
"$bin" emulator --ready-file "$demo/emulator.json" --quiet >"$demo/emulator.out" 2>"$demo/emulator.log" &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$demo/emulator.json" ] && break; sleep 0.1; done
[ -s "$demo/emulator.json" ] || { cat "$demo/emulator.log" >&2; exit 1; }
cat "$demo/emulator.json"

# Every Graph command below finds the emulator (its URL, CA and demo app) through this;
# TLS is verified against the emulator's own CA. Tokens are cached in .demo only.
export ENTRA_PASSKEY_EMULATOR="$demo/emulator.json"
export ENTRA_PASSKEY_CACHE_FILE="$demo/msal-cache.json"

# A random PIN, handed over in an environment variable named on the command line: never
# on argv, never printed.
ENTRA_PASSKEY_DEMO_PIN="$(od -An -N4 -tu4 /dev/urandom | tr -dc 0-9 | cut -c1-8)"
while [ "${#ENTRA_PASSKEY_DEMO_PIN}" -lt 8 ]; do ENTRA_PASSKEY_DEMO_PIN="${ENTRA_PASSKEY_DEMO_PIN}7"; done
export ENTRA_PASSKEY_DEMO_PIN
export ENTRA_PASSKEY_DEVICE="virtual:$demo/key.json"

step "create a software test key with a PIN (it tells its serial as a YubiKey does)" "entra-passkey virtual-key create .demo/key.json --pin-env ENTRA_PASSKEY_DEMO_PIN --serial 12345678"
"$bin" virtual-key create "$demo/key.json" --pin-env ENTRA_PASSKEY_DEMO_PIN --serial 12345678 | tee "$demo/virtual-key.json"

step "what the key reports (libfido2 getInfo, and its serial by YubiKey's vendor command)" "entra-passkey key-info"
"$bin" key-info | tee "$demo/key-info.json"

step "sign in (client credentials of the emulator's demo app, through MSAL)" "entra-passkey whoami"
"$bin" whoami | tee "$demo/whoami.json"

step "register a passkey for Adele in one command" "entra-passkey register adele@contoso.example --pin-env ENTRA_PASSKEY_DEMO_PIN"
"$bin" register adele@contoso.example --pin-env ENTRA_PASSKEY_DEMO_PIN --display-name "Adele demo key" | tee "$demo/register.json"

step "Adele's passkeys in Entra ID" "entra-passkey methods list adele@contoso.example"
"$bin" methods list adele@contoso.example | tee "$demo/methods-adele.json"

step "the same for Alex as three stages: get-options" "entra-passkey get-options alex@contoso.example > options.json"
"$bin" get-options alex@contoso.example | tee "$demo/options.json"

step "make-credential: the key creates the passkey" "entra-passkey make-credential --pin-env ENTRA_PASSKEY_DEMO_PIN < options.json > credential.json"
"$bin" make-credential --pin-env ENTRA_PASSKEY_DEMO_PIN < "$demo/options.json" | tee "$demo/credential.json"

step "verify it as Entra ID would, chained to the key's attestation root" "entra-passkey verify --options options.json --roots roots.pem < credential.json"
"$bin" virtual-key export-roots "$demo/key.json" --out "$demo/roots.pem" >/dev/null
"$bin" verify --options "$demo/options.json" --roots "$demo/roots.pem" < "$demo/credential.json" | tee "$demo/verification.json"

step "submit: POST it to Graph" "entra-passkey submit < credential.json"
"$bin" submit < "$demo/credential.json" | tee "$demo/submit.json"

step "Alex's passkeys in Entra ID" "entra-passkey methods list alex@contoso.example"
"$bin" methods list alex@contoso.example | tee "$demo/methods-alex.json"

step "which key is whose: the credentials on the key, each joined to its Entra method" "entra-passkey key credentials --pin-env ENTRA_PASSKEY_DEMO_PIN"
"$bin" key credentials --pin-env ENTRA_PASSKEY_DEMO_PIN | tee "$demo/key-credentials.json"

adele_method=$(sed -e 's/.*"methods":\[{"id":"\([^"]*\)".*/\1/' "$demo/methods-adele.json")
"$bin" virtual-key create "$demo/replacement-key.json" --pin-env ENTRA_PASSKEY_DEMO_PIN >/dev/null
step "Adele lost that key: recover onto a new one (registered first), remove the lost method, revoke her sessions, a Temporary Access Pass to a 0600 file" \
	"entra-passkey recover adele@contoso.example --device virtual:.demo/replacement-key.json --lost \$METHOD --revoke-sessions --tap-out .demo/adele-tap.json --yes"
"$bin" recover adele@contoso.example --device "virtual:$demo/replacement-key.json" --pin-env ENTRA_PASSKEY_DEMO_PIN \
	--lost "$adele_method" --revoke-sessions --tap-out "$demo/adele-tap.json" --yes | tee "$demo/recover-adele.json"

step "prepare and register a fresh key for the help desk: random PIN to a 0600 file, minimum length 8, forced change" \
	"entra-passkey register helpdesk@contoso.example --device virtual:.demo/fresh-key.json --set-random-pin --pin-out .demo/helpdesk-pin.txt --min-pin-length 8 --force-pin-change --record .demo/records.jsonl"
"$bin" virtual-key create "$demo/fresh-key.json" >/dev/null
"$bin" register helpdesk@contoso.example --device "virtual:$demo/fresh-key.json" --set-random-pin --pin-out "$demo/helpdesk-pin.txt" \
	--min-pin-length 8 --force-pin-change --record "$demo/records.jsonl" | tee "$demo/register-prepared.json"

step "the prepared key: PIN set, minimum 8, change pending (the user picks their own PIN at first use)" "entra-passkey key-info --device virtual:.demo/fresh-key.json"
"$bin" key-info --device "virtual:$demo/fresh-key.json" | tee "$demo/key-info-prepared.json"

step "plan a rollout from the emulator's group (nested groups, the guest skipped): random PINs handed over in ./.demo/handover" \
	"entra-passkey bulk plan --store .demo/rollout.db --group 'Passkey rollout' --set-random-pin --pin-out-dir .demo/handover --pin-out-plain --min-pin-length 8 --force-pin-change"
mkdir -m 700 "$demo/handover"
"$bin" bulk plan --store "$demo/rollout.db" --group "Passkey rollout" --set-random-pin --pin-out-dir "$demo/handover" \
	--pin-out-plain --min-pin-length 8 --force-pin-change | tee "$demo/rollout-plan.json"

step "run the first task on a fresh key (its user is slow to touch it), and kill the station (SIGKILL) after the key took its random PIN" \
	"entra-passkey bulk run --store .demo/rollout.db --device virtual:.demo/rollout-key1.json --station demo-desk &; kill -9"
for i in 1 2 3; do "$bin" virtual-key create "$demo/rollout-key$i.json" >/dev/null; done
"$bin" virtual-key set "$demo/rollout-key1.json" --touch-delay 3s >/dev/null
"$bin" --log-format json bulk run --store "$demo/rollout.db" --device "virtual:$demo/rollout-key1.json" --station demo-desk \
	>/dev/null 2>"$demo/rollout-killed.log" &
station=$!
for _ in $(seq 300); do grep -q '"to":"prepared"' "$demo/rollout-killed.log" 2>/dev/null && break; sleep 0.02; done
kill -9 "$station" 2>/dev/null || true
wait "$station" 2>/dev/null || true
grep '"event":"task"' "$demo/rollout-killed.log" | tail -1 >&2
"$bin" bulk status --store "$demo/rollout.db" | tee "$demo/rollout-status-killed.json"

step "start the station again: it takes its task back (the PIN read back from the hand-over) and finishes it; then the other users on fresh keys" \
	"entra-passkey bulk run --store .demo/rollout.db --device virtual:.demo/rollout-key1.json --station demo-desk"
"$bin" virtual-key set "$demo/rollout-key1.json" --touch-delay 0s >/dev/null
"$bin" bulk run --store "$demo/rollout.db" --device "virtual:$demo/rollout-key1.json" --station demo-desk >/dev/null
for i in 2 3; do
	"$bin" bulk run --store "$demo/rollout.db" --device "virtual:$demo/rollout-key$i.json" --station demo-desk >/dev/null
done
"$bin" bulk status --store "$demo/rollout.db" | tee "$demo/rollout-status.json"

step "the rollout's inventory (one record per user; no PIN)" "entra-passkey bulk report --store .demo/rollout.db --format csv"
"$bin" bulk report --store "$demo/rollout.db" --format csv | tee "$demo/rollout-report.csv"

printf '\nentra-passkey: demo done: every stage is in %s/; the emulator is stopped\n' "$demo" >&2
