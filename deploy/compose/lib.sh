# Shared by deploy/compose-test.sh and the scripts beside this file: paths, pins and logging.
# shellcheck shell=bash
COMPOSE_VERSION="v5.6.0"           # github.com/docker/compose/v5, built from the Go module
DEBIAN_SUITE="bookworm"
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KAFKA_VERSION="$(cat "$ROOT_DIR/deploy/kafka-version")"
CACHE="${CLAIMWATCH_COMPOSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/claimwatch/compose}"
# The daemon's data (images, build cache) outlives a run: warm runs rebuild nothing.
DATA_ROOT="$CACHE/docker"
export DOCKER_CONFIG="$CACHE/docker-config"
# Debian's CLI matches Debian's daemon (a newer CLI on PATH may refuse its API version).
DOCKER=/usr/bin/docker

T0=${T0:-$SECONDS}
log() { printf '[%4ds] %s\n' "$((SECONDS - T0))" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The Debian mirror apt already uses here, read at run time (never written into the project).
debian_mirror() {
    local uri
    uri="$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' \
        | grep -v -- '-security' | head -n1)"
    [[ -n "$uri" ]] || uri="$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
        | awk '{print $2}' | grep -v -- '-security' | head -n1)"
    [[ -n "$uri" ]] || die "no Debian mirror found in /etc/apt/sources.list.d/"
    printf '%s\n' "$uri"
}

# Seconds per phase, appended to a file of the run (printed at the end by phase_table). Usage: start=$SECONDS ...; phase "what it did" "$start".
phase() { printf '%s\t%d\n' "$1" "$((SECONDS - $2))" >>"$RUN_DIR/phases"; }
phase_table() {
    [[ -s "$RUN_DIR/phases" ]] || return 0
    log "seconds per phase:"
    awk -F'\t' '{printf "    %5ds  %s\n", $2, $1}' "$RUN_DIR/phases" >&2
}
