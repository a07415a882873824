#!/usr/bin/env bash
# `make compose-test`: the project's own docker-compose.yml, unchanged, under a real Docker engine.
#   1. installs what is missing (Debian's docker.io and debootstrap; the compose v2 plugin built
#      from its Go module), starts dockerd in a network namespace of its own, and builds stand-ins
#      for the images the file names (no registry is reachable): everything cached in
#      ~/.cache/claimwatch/compose (CLAIMWATCH_COMPOSE_CACHE), dockerd's data-root included;
#   2. `up --wait`, the seeds replayed from the host through ingest (`claimwatch replay --ingest`),
#      alerts read back; restarts of kafka and redis, then of everything (alerts, subscriptions
#      and pending deliveries survive); `--scale worker=2` and a second replay (nothing twice);
#   3. the `ha` profile (deploy/ha.env) as a second project: three brokers, one killed in the
#      middle of a replay (nothing lost, nothing twice);
#   4. `down -v`, dockerd stopped, the namespace removed, on every exit path.
# Every check prints `ok: ...` or `CHECK FAILED: ...`; the seconds of each phase come last.
# Needs root (apt-get, namespaces, dockerd); runs without a terminal (CI).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=compose/lib.sh
source "$here/compose/lib.sh"
# shellcheck source=compose/engine.sh
source "$here/compose/engine.sh"
# shellcheck source=compose/standins.sh
source "$here/compose/standins.sh"
# shellcheck source=compose/scenario.sh
source "$here/compose/scenario.sh"
# shellcheck source=compose/ha.sh
source "$here/compose/ha.sh"

[[ "$(id -u)" == 0 ]] || die "compose-test needs root (apt-get, network namespaces, dockerd)"
PY="$ROOT_DIR/.venv/bin/python"
[[ -x "$PY" ]] || die "no .venv: run \`make install\` first (make compose-test does)"
mkdir -p "$CACHE/rootfs"
# One run at a time on a machine: they share the daemon's data-root.
exec 8>"$CACHE/.lock"
flock -w 1800 8 || die "another compose-test still runs after 30 minutes"

PROJECTS=()
status=1
cleanup() {
    trap - EXIT INT TERM
    set +e
    if [[ -n "${DOCKERD_PID:-}" ]]; then
        for project in "${PROJECTS[@]}"; do
            [[ -n "$project" ]] || continue
            if [[ $status -ne 0 ]]; then
                log "logs of $project (last 15 lines each) before it goes"
                compose_in "$project" logs --no-color --tail 15 2>&1 | sed 's/^/    /' >&2
            fi
            compose_in "$project" down -v --remove-orphans --timeout 10 >/dev/null 2>&1
        done
    fi
    stop_dockerd
    local left
    left="$(pgrep -f "$RUN_DIR" 2>/dev/null | tr '\n' ' ')"
    if [[ -n "${NETNS:-}" && -e "/var/run/netns/$NETNS" ]] || [[ -n "$left" ]]; then
        log "error: something was left running (namespace $NETNS, pids: ${left:-none})"
        status=1
    else
        log "down -v done, dockerd stopped, namespace removed: nothing left running"
    fi
    log "compose-test: $([[ $status -eq 0 ]] && echo passed || echo FAILED) in $((SECONDS - T0))s"
    exit $status
}
trap cleanup EXIT
trap 'status=130; exit 130' INT
trap 'status=143; exit 143' TERM

install_packages
build_compose_plugin &
plugin_job=$!
start_dockerd
log "dockerd $("$DOCKER" version -f '{{.Server.Version}}') in network namespace $NETNS"
: >"$RUN_DIR/phases" && : >"$RUN_DIR/failed"
# What `claimwatch simulate` (the offline twin) decides for the seeds and for the `ha` corpus,
# worked out while the engine gets ready (CPU the image builds leave idle).
started=$SECONDS
checks corpus "$RUN_DIR/ha-corpus.jsonl" --count 66 --tag ha >/dev/null
checks twin "$RUN_DIR/twin-seeds.jsonl" "$ROOT_DIR/seeds" >"$RUN_DIR/expected-seeds" &
twin_seeds=$!
checks twin "$RUN_DIR/twin-ha.jsonl" "$RUN_DIR/ha-corpus.jsonl" >"$RUN_DIR/expected-ha" &
twin_ha=$!
build_standins
wait "$plugin_job" || die "the compose plugin did not build"
log "$("$DOCKER" compose version)"
phase "setup: engine, compose plugin, stand-in images" "$T0"
started=$SECONDS
compose_in claimwatch build >"$RUN_DIR/build.log" 2>&1 \
    || { tail -n 30 "$RUN_DIR/build.log" >&2; die "compose build failed"; }
log "compose build (the app image, once for both projects' three app services) in $((SECONDS - started))s"
phase "setup: compose build" "$started"
started=$SECONDS
wait "$twin_seeds" && wait "$twin_ha" || die "claimwatch simulate failed"
EXPECTED_SEEDS="$(cat "$RUN_DIR/expected-seeds")" HA_EXPECTED="$(cat "$RUN_DIR/expected-ha")"
phase "setup: claimwatch simulate (wait beyond the build)" "$started"
setup_done=$SECONDS

# One project after the other: run at once on this 2-core machine, they took 364 s together
# (every start-up competing for the CPU), against 286 s in a row. Only the `ha` brokers start
# early, while the single node scales out and replays again (run_single_node calls this).
PROJECTS=(claimwatch claimwatch-ha)
EARLY_PID=""
start_next_brokers() {
    compose_in claimwatch-ha up -d --no-deps kafka kafka-2 kafka-3 redis \
        >"$RUN_DIR/early.log" 2>&1 &
    EARLY_PID=$!
}
run_single_node
[[ -z "$EARLY_PID" ]] || wait "$EARLY_PID" || { cat "$RUN_DIR/early.log" >&2; die "the ha brokers did not start"; }
run_high_availability
PROJECTS=()
# Images a code change left behind (untagged), so the cache does not grow with every run.
"$DOCKER" image prune -f >/dev/null 2>&1 || true
phase_table
log "setup $((setup_done - T0))s, scenarios $((SECONDS - setup_done))s"
if [[ -s "$RUN_DIR/failed" ]]; then
    log "$(wc -l <"$RUN_DIR/failed") check(s) failed:"
    sed 's/^/    /' "$RUN_DIR/failed" >&2
    exit 1
fi
status=0
