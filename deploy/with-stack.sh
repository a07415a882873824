#!/usr/bin/env bash
# Run a command against a fresh Apache Kafka and Redis on free loopback ports, then stop both.
#   deploy/with-stack.sh [--service-env] CMD [ARGS...]
# Exports CLAIMWATCH_TEST_KAFKA_BOOTSTRAP, CLAIMWATCH_TEST_KAFKA_VERSION,
# CLAIMWATCH_TEST_KAFKA_LOG, CLAIMWATCH_TEST_REDIS_URL, CLAIMWATCH_TEST_REDIS_DIR; with
# --service-env also CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS and CLAIMWATCH_REDIS__URL (for
# `claimwatch bench`; tests keep them unset so Settings defaults stay testable).
# Free ports and a private run dir, because several people run this at once on one machine.
# The brokers are stopped on exit, failure, Ctrl-C or SIGTERM; logs are kept when CMD fails.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
service_env=0
if [[ "${1:-}" == --service-env ]]; then service_env=1; shift; fi
[[ $# -gt 0 ]] || { echo "usage: with-stack.sh [--service-env] CMD [ARGS...]" >&2; exit 2; }

run="$(mktemp -d "${TMPDIR:-/tmp}/claimwatch-stack.XXXXXX")"
status=1
child=""
cleanup() {
    trap - EXIT INT TERM
    if [[ -n "$child" ]] && kill -0 "$child" 2>/dev/null; then
        kill -TERM "$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
    fi
    "$here/kafka.sh" stop --dir "$run/kafka" || true
    "$here/redis.sh" stop --dir "$run/redis" || true
    if [[ $status -eq 0 ]]; then
        rm -rf "$run"
    else
        echo "with-stack.sh: broker logs kept in $run" >&2
    fi
}
trap cleanup EXIT
trap 'status=130; exit 130' INT
trap 'status=143; exit 143' TERM

started=$SECONDS
CLAIMWATCH_TEST_KAFKA_BOOTSTRAP="$("$here/kafka.sh" start --dir "$run/kafka")"
CLAIMWATCH_TEST_REDIS_URL="$("$here/redis.sh" start --dir "$run/redis")"
echo "with-stack.sh: Kafka and Redis up in $((SECONDS - started))s" >&2
export CLAIMWATCH_TEST_KAFKA_BOOTSTRAP CLAIMWATCH_TEST_REDIS_URL
export CLAIMWATCH_TEST_KAFKA_VERSION="$(cat "$run/kafka/version")"
export CLAIMWATCH_TEST_KAFKA_LOG="$run/kafka/logs/server.log"
export CLAIMWATCH_TEST_REDIS_DIR="$run/redis"
if [[ $service_env -eq 1 ]]; then
    export CLAIMWATCH_KAFKA__BOOTSTRAP_SERVERS="$CLAIMWATCH_TEST_KAFKA_BOOTSTRAP"
    export CLAIMWATCH_REDIS__URL="$CLAIMWATCH_TEST_REDIS_URL"
fi

# In the background and waited for, because bash runs no trap while a foreground child runs:
# a SIGTERM (a CI time-out) must reach CMD and still stop the brokers. `<&0` keeps stdin.
# Bash starts background jobs with SIGINT ignored; the exec wrapper restores the default so
# that Ctrl-C reaches pytest as KeyboardInterrupt (and it prints what it ran).
interrupted=""
trap 'interrupted=130; kill -INT "$child" 2>/dev/null || true' INT
trap 'interrupted=143; kill -TERM "$child" 2>/dev/null || true' TERM
set +e
python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$@" <&0 &
child=$!
wait "$child"
status=$?
while kill -0 "$child" 2>/dev/null; do
    wait "$child"
    status=$?
done
set -e
[[ -z "$interrupted" ]] || status=$interrupted
exit $status
