#!/usr/bin/env bash
# load.sh measures mentorbot's durable webhook intake on this machine and
# compares it with a stock go-githubapp server (in-memory
# QueueAsyncScheduler): (a) as many deliveries as 64 senders get
# acknowledged in DURATION, (b) RATE/s open loop, with resident memory.
# Everything runs on loopback, in a temporary folder removed at the end.
#
#   cmd/loadgen/load.sh                      # EVENT=pull_request, the default
#   EVENT=installation_repositories cmd/loadgen/load.sh
#   WORKERS_RUN=1 cmd/loadgen/load.sh        # also a run with handlers on
#   BASELINE=inproc cmd/loadgen/load.sh      # baseline inside the load generator
#
# Settings (environment): EVENT, FALLBACK_EVENT (used when EVENT is not
# stored; "" to keep EVENT anyway), DURATION (10s), RATE (1000),
# CONCURRENCY (64), SIZE (25000 bytes), WORKERS_RUN (0), WORKERS (4, for
# that run), BASELINE (process | inproc), BASELINE_QUEUE (100),
# BASELINE_WORKERS (10), BASELINE_WORK (0: no-op handler; e.g. 20ms),
# WAIT_IDLE (0: seconds to wait before each run for the CPUs to be quiet),
# MENTORBOT_BIN (a binary to measure instead of building ./cmd/mentorbot).
set -euo pipefail

EVENT=${EVENT:-pull_request}
FALLBACK_EVENT=${FALLBACK_EVENT-installation_repositories}
DURATION=${DURATION:-10s}
RATE=${RATE:-1000}
CONCURRENCY=${CONCURRENCY:-64}
SIZE=${SIZE:-25000}
WORKERS_RUN=${WORKERS_RUN:-0}
WORKERS=${WORKERS:-4}
BASELINE=${BASELINE:-process}
BASELINE_QUEUE=${BASELINE_QUEUE:-100}
BASELINE_WORKERS=${BASELINE_WORKERS:-10}
BASELINE_WORK=${BASELINE_WORK:-0}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mentorbot-load.XXXXXX")
SERVER_PID=""
SECRET="load-$RANDOM-$RANDOM-$RANDOM"

say() { printf '%s\n' "$*" >&2; }
die() { say "load.sh: $*"; exit 1; }

stop_server() {
	if [[ -n "$SERVER_PID" ]]; then
		kill -TERM "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
		SERVER_PID=""
	fi
}
cleanup() {
	stop_server
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v curl >/dev/null || die "curl is needed to wait for /readyz"

loud() {
	say ""
	say "################################################################################"
	for line in "$@"; do say "## $line"; done
	say "################################################################################"
	say ""
}

# wait_ready URL: until it answers 200, for at most 15 s, while the server lives.
wait_ready() {
	for _ in $(seq 150); do
		curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
		kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP"/*.log >&2 || true; die "the server exited before it was ready"; }
		sleep 0.1
	done
	die "no answer from $1 within 15 s"
}

if [[ -n "${MENTORBOT_BIN:-}" ]]; then
	say "Using the mentorbot binary $MENTORBOT_BIN; building the load generator into $TMP ..."
	cp "$MENTORBOT_BIN" "$TMP/mentorbot"
else
	say "Building mentorbot (CGO_ENABLED=0) and the load generator into $TMP ..."
	(cd "$ROOT" && CGO_ENABLED=0 go build -o "$TMP/mentorbot" ./cmd/mentorbot)
fi
(cd "$ROOT" && go build -o "$TMP/loadgen" ./cmd/loadgen)
LOADGEN="$TMP/loadgen"

if command -v openssl >/dev/null; then
	openssl genrsa -traditional 2048 >"$TMP/key.pem" 2>/dev/null || openssl genrsa 2048 >"$TMP/key.pem" 2>/dev/null
else
	"$LOADGEN" -genkey >"$TMP/key.pem"
fi

PORT=$("$LOADGEN" -freeport)
DEAD_PORT=$("$LOADGEN" -freeport) # nothing listens here: no handler reaches any GitHub
HOOK="http://127.0.0.1:$PORT/api/github/hook"

# start_mentorbot NAME WORKERS: a fresh store, the credentials in the environment.
start_mentorbot() {
	mkdir -p "$TMP/$1"
	(
		cd "$TMP/$1"
		export GITHUB_APP_INTEGRATION_ID=1
		export GITHUB_APP_WEBHOOK_SECRET="$SECRET"
		GITHUB_APP_PRIVATE_KEY=$(cat "$TMP/key.pem")
		export GITHUB_APP_PRIVATE_KEY
		export GITHUB_WEB_URL="http://127.0.0.1:$DEAD_PORT"
		export GITHUB_V3_API_URL="http://127.0.0.1:$DEAD_PORT/api/v3/"
		export GITHUB_V4_API_URL="http://127.0.0.1:$DEAD_PORT/api/graphql"
		export MENTORBOT_ADDRESS=127.0.0.1
		export MENTORBOT_PORT="$PORT"
		export MENTORBOT_DATABASE_URL="sqlite://$TMP/$1/mentorbot.db"
		export MENTORBOT_LOG_LEVEL=warn
		export MENTORBOT_WORKERS="$2"
		exec "$TMP/mentorbot" serve
	) >"$TMP/$1.log" 2>&1 &
	SERVER_PID=$!
	wait_ready "http://127.0.0.1:$PORT/readyz"
}

start_baseline() {
	"$LOADGEN" -serve-baseline "127.0.0.1:$PORT" -secret "$SECRET" -event "$EVENT" \
		-baseline-queue "$BASELINE_QUEUE" -baseline-workers "$BASELINE_WORKERS" -baseline-work "$BASELINE_WORK" \
		>"$TMP/baseline.log" 2>&1 &
	SERVER_PID=$!
	wait_ready "http://127.0.0.1:$PORT/readyz"
}

# load NAME EXTRA-FLAGS...: one run, its JSON kept for the table.
RESULTS=()
load() {
	local name=$1
	shift
	wait_idle
	say "Running $name ..."
	"$LOADGEN" -event "$EVENT" -size "$SIZE" -duration "$DURATION" -concurrency "$CONCURRENCY" \
		-secret "$SECRET" -label "$name" -json "$@" >"$TMP/$name.json" ||
		say "load.sh: $name: the load generator failed"
	RESULTS+=("$TMP/$name.json")
	if grep -q '"202":' "$TMP/$name.json"; then
		loud "$name: the target answered 202 Accepted: it does not handle '$EVENT' and stored nothing." \
			"This figure is NOT of a durable intake."
	fi
	if grep -q '"warnings"' "$TMP/$name.json"; then
		sed -n '/"warnings"/,/]/p' "$TMP/$name.json" | sed '1d;$d' >&2
	fi
}

# probe: one delivery of EVENT; is it stored (200) or merely accepted (202)?
probe() {
	"$LOADGEN" -url "$HOOK" -event "$EVENT" -size "$SIZE" -secret "$SECRET" -requests 1 -json >"$TMP/probe.json"
	! grep -q '"202":' "$TMP/probe.json"
}

# busy_percent: how busy the CPUs were over the last second.
busy_percent() {
	local a b
	a=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
	sleep 1
	b=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
	awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%d\n", 100 * (y[1] - x[1]) / (y[2] - x[2] + 0.0001) }'
}

# wait_idle: with WAIT_IDLE=N, wait up to N seconds for the CPUs to be
# at most 10% busy, so that other work does not blur the run.
wait_idle() {
	local end=$((SECONDS + ${WAIT_IDLE:-0}))
	while [[ $SECONDS -lt $end ]]; do
		[[ $(busy_percent) -le 10 ]] && return 0
	done
}

busy0=$(busy_percent)
say "Machine: $(nproc) cores, $busy0% busy in the second before the runs."
if [[ $busy0 -gt 20 ]]; then
	loud "The CPUs were $busy0% busy before the runs: other work shares these cores; the figures will be low and noisy." \
		"The 'other CPU' column shows, in cores, what other processes took during each run (WAIT_IDLE=N waits for a quiet moment)."
fi

# 1. mentorbot, intake only: nothing is handled, so the figure is the intake's.
start_mentorbot probe 0
if ! probe; then
	if [[ -n "$FALLBACK_EVENT" && "$FALLBACK_EVENT" != "$EVENT" ]]; then
		loud "mentorbot answers 202 to '$EVENT': it does not handle that event yet and stores nothing." \
			"Measuring with '$FALLBACK_EVENT' instead, which it stores (set FALLBACK_EVENT= to keep '$EVENT')."
		EVENT=$FALLBACK_EVENT
		probe || loud "mentorbot answers 202 to '$EVENT' too: NONE of these figures is of a durable intake."
	else
		loud "mentorbot answers 202 to '$EVENT': it stores nothing; these figures are NOT of a durable intake."
	fi
fi
stop_server

mentorbot_runs() { # PREFIX WORKERS
	start_mentorbot "$1-max" "$2"
	load "$1-max" -url "$HOOK" -pid "$SERVER_PID" -metrics "http://127.0.0.1:$PORT/metrics"
	stop_server
	rm -rf "${TMP:?}/$1-max"
	start_mentorbot "$1-$RATE" "$2"
	load "$1-$RATE" -url "$HOOK" -rate "$RATE" -pid "$SERVER_PID" -metrics "http://127.0.0.1:$PORT/metrics"
	stop_server
	rm -rf "${TMP:?}/$1-$RATE"
}
mentorbot_runs mentorbot-w0 0
if [[ "$WORKERS_RUN" == 1 ]]; then
	mentorbot_runs "mentorbot-w$WORKERS" "$WORKERS"
fi

# 2. The baseline: go-githubapp's dispatcher and in-memory queue.
base_flags=(-baseline-queue "$BASELINE_QUEUE" -baseline-workers "$BASELINE_WORKERS" -baseline-work "$BASELINE_WORK")
if [[ "$BASELINE" == inproc ]]; then
	load baseline-max -baseline "${base_flags[@]}"
	load "baseline-$RATE" -baseline -rate "$RATE" "${base_flags[@]}"
else
	start_baseline
	load baseline-max -url "$HOOK" -pid "$SERVER_PID"
	stop_server
	start_baseline
	load "baseline-$RATE" -url "$HOOK" -rate "$RATE" -pid "$SERVER_PID"
	stop_server
fi

echo
echo "event $EVENT, ${SIZE}-byte payloads, $DURATION per run, $(nproc) cores shared with the load generator"
echo "baseline: go-githubapp QueueAsyncScheduler($BASELINE_QUEUE, $BASELINE_WORKERS), handler work $BASELINE_WORK, run as: $BASELINE"
"$LOADGEN" -table "${RESULTS[@]}"
echo "targets: >= 4000 2xx/s with no 503 (max); p99 < 2 ms at 1000/s; peak RSS < 60 MB"
