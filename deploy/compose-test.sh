#!/usr/bin/env bash
# `make compose-test`: the project's own docker-compose.yml, unchanged, under a real Docker engine.
#   1. installs what is missing (Debian's docker.io and debootstrap; the compose v2 plugin built
#      from its Go module), starts dockerd in a network namespace of its own, and builds stand-ins
#      for the images the file names (no registry is reachable): everything cached in
#      ~/.cache/claimwatch/compose (CLAIMWATCH_COMPOSE_CACHE), dockerd's data-root included;
#   2. `up --wait`, the seeds replayed from the host through ingest (`claimwatch replay --ingest`),
#      alerts read back; restarts of kafka and redis, then of everything (alerts, subscriptions
#      and pending deliveries survive); `--scale worker=2` and a second replay (nothing twice);
#   3. the `ha` profile (deploy/ha.env): three brokers, one killed in the middle of a replay;
#   4. `down -v`, dockerd stopped, the namespace removed, on every exit path.
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
build_standins
wait "$plugin_job" || die "the compose plugin did not build"
log "$("$DOCKER" compose version)"
setup_done=$SECONDS

run_single_node
run_high_availability
# Images a code change left behind (untagged), so the cache does not grow with every run.
"$DOCKER" image prune -f >/dev/null 2>&1 || true
log "setup $((setup_done - T0))s, scenarios $((SECONDS - setup_done))s"
if [[ ${#FAILED_CHECKS[@]} -gt 0 ]]; then
    log "${#FAILED_CHECKS[@]} check(s) failed:"
    printf '    %s\n' "${FAILED_CHECKS[@]}" >&2
    exit 1
fi
status=0
