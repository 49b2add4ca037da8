#!/usr/bin/env bash
# Runs every fuzz target for DURATION each (default 1m) and prints its execs per second.
# Crashers the fuzzer finds are kept by Go under the package's testdata/fuzz/<Target>/,
# where plain `go test` runs them as regression cases from then on; they are listed at
# the end so they can be committed with their fix.
#
#   scripts/fuzz.sh [DURATION]          e.g. 10s, 10m
#   FUZZ_JOBS=2 scripts/fuzz.sh 10m      two targets at a time, one worker each
#   FUZZ_ONLY=FuzzPINFile scripts/fuzz.sh  only the targets whose name matches
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-1m}"
jobs="${FUZZ_JOBS:-1}"
only="${FUZZ_ONLY:-.}"
logdir="$(mktemp -d)"

# package target: every parser of untrusted input (README, "Fuzzing").
targets=(
	"./internal/webauthn FuzzParseCreationOptions"
	"./internal/webauthn FuzzParseRegistrationBody"
	"./internal/webauthn FuzzParseAttestationObject"
	"./internal/webauthn FuzzParseAuthData"
	"./internal/webauthn FuzzCredentialIDReadings"
	"./internal/webauthn FuzzURLBytes"
	"./internal/webauthn FuzzClientDataJSON"
	"./internal/graph FuzzParseMethodsPage"
	"./internal/graph FuzzGraphError"
	"./internal/graph FuzzMethodIDNamesItsCredential"
	"./internal/cli FuzzParseSubmitInput"
	"./internal/cli FuzzPINFile"
	"./internal/cli FuzzReadyFile"
	"./internal/textin FuzzDecode"
	"./internal/emulator FuzzParseSeed"
	"./internal/fido/virtual FuzzCommand"
	"./internal/roster FuzzRead"
	"./internal/roster FuzzCSVRecords"
	"./internal/inventory FuzzCSVCell"
	"./internal/pinout FuzzHandoverPath"
	"./internal/pinout FuzzPINLine"
)

parallel=1
[ "$jobs" -gt 1 ] || parallel="$(nproc)"
run() {
	local pkg="$1" name="$2"
	go test -run '^$' -fuzz "^${name}\$" -fuzztime "$duration" -parallel "$parallel" "$pkg" >"$logdir/$name.log" 2>&1
}

failed=0
pids=()
names=()
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	[[ "$name" =~ $only ]] || continue
	run "$pkg" "$name" &
	pids+=("$!")
	names+=("$name")
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
done
for i in "${!pids[@]}"; do
	if ! wait "${pids[$i]}"; then
		failed=1
		echo "entra-passkey: error: ${names[$i]} failed:" >&2
		tail -n 30 "$logdir/${names[$i]}.log" >&2
	fi
done

printf '%-34s %12s %12s\n' target execs execs/s
for name in "${names[@]}"; do
	# The fuzzer's last progress line: "fuzz: elapsed: 61s, execs: 123456 (2000/sec), ..."
	# The elapsed time is a Go duration: 3s, 1m0s, 10m1s.
	line="$(grep -E '^fuzz: elapsed: [0-9hms]+, execs: [0-9]+' "$logdir/$name.log" | tail -n 1 || true)"
	secs="$(awk '{ d = $3; sub(/,$/, "", d); t = 0
		if (match(d, /[0-9]+h/)) t += 3600 * substr(d, RSTART, RLENGTH - 1)
		if (match(d, /[0-9]+m/)) t += 60 * substr(d, RSTART, RLENGTH - 1)
		if (match(d, /[0-9]+s/)) t += substr(d, RSTART, RLENGTH - 1)
		print t }' <<<"$line")"
	execs="$(sed -E 's/.*execs: ([0-9]+).*/\1/' <<<"$line")"
	if [ -n "$line" ] && [ "${secs:-0}" -gt 0 ]; then
		printf '%-34s %12s %12s\n' "$name" "$execs" "$((execs / secs))"
	else
		printf '%-34s %12s %12s\n' "$name" "-" "-"
	fi
done
new="$(git status --porcelain -- '*/testdata/fuzz/*' | awk '{print $2}')"
if [ -n "$new" ]; then
	echo "entra-passkey: new fuzz cases (commit them with the fix):" >&2
	echo "$new" >&2
fi
rm -rf "$logdir"
exit "$failed"
