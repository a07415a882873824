# The Docker engine for compose-test: Debian packages, the compose v2 plugin, and dockerd in a
# network namespace of its own (containers reach only each other; nothing binds the host's ports).
# shellcheck shell=bash

install_packages() {
    local wanted=(docker.io debootstrap iproute2 util-linux) missing=() pkg
    command -v mvn >/dev/null || wanted+=(maven)
    command -v java >/dev/null || wanted+=(openjdk-17-jre-headless)
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    [[ "$(id -u)" == 0 ]] || die "missing Debian packages: ${missing[*]} (run as root)"
    log "installing ${missing[*]}"
    apt-get update -qq
    # No daemon is started by the package: dockerd runs only inside our namespace.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >"$CACHE/apt.log" 2>&1 || { rm -f /usr/sbin/policy-rc.d; tail -n 20 "$CACHE/apt.log"; die "apt-get failed"; }
    rm -f /usr/sbin/policy-rc.d
}

# Compose v2 from the Go module at a pinned version. `go install` refuses the module (its go.mod
# has `exclude` directives), so build from the downloaded module's own directory.
build_compose_plugin() {
    local plugin="$DOCKER_CONFIG/cli-plugins/docker-compose" stamp="$CACHE/compose-$COMPOSE_VERSION.built"
    if [[ -x "$plugin" && -f "$stamp" ]]; then return 0; fi
    # The Go toolchain of this machine kind lives in /usr/local/go (not always on PATH).
    command -v go >/dev/null || PATH="$PATH:/usr/local/go/bin"
    command -v go >/dev/null || die "go not found: the compose plugin is built from its Go module"
    log "building docker compose $COMPOSE_VERSION from its Go module (a few minutes, once)"
    export GOPATH="$CACHE/go" GOMODCACHE="$CACHE/go/mod" GOCACHE="$CACHE/go/build" GOFLAGS=-mod=mod
    local dir src="$CACHE/go/src/compose-$COMPOSE_VERSION"
    dir="$(go mod download -json "github.com/docker/compose/v5@$COMPOSE_VERSION" \
        | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [[ -d "$dir" ]] || die "go mod download gave no module directory"
    rm -rf "$src" && mkdir -p "$(dirname "$src")" && cp -r "$dir" "$src" && chmod -R u+w "$src"
    mkdir -p "$(dirname "$plugin")"
    (cd "$src" && CGO_ENABLED=0 go build -trimpath \
        -ldflags "-s -w -X github.com/docker/compose/v5/internal.Version=$COMPOSE_VERSION" \
        -o "$plugin.tmp" ./cmd) >"$CACHE/compose-build.log" 2>&1 \
        || { tail -n 20 "$CACHE/compose-build.log"; die "building docker compose failed"; }
    mv "$plugin.tmp" "$plugin"
    rm -rf "$src"
    touch "$stamp"
}

# dockerd under `nsenter --net` (not `ip netns exec`, which remounts /sys and then fails with
# "Devices cgroup isn't mounted"). Its socket is a file, so the host's CLI reaches it as usual.
start_dockerd() {
    NETNS="claimwatch-compose-$$"
    RUN_DIR="$(mktemp -d /tmp/cw-compose.XXXXXX)"
    ip netns add "$NETNS"
    NETNS_PATH="/var/run/netns/$NETNS"
    nsenter --net="$NETNS_PATH" ip link set lo up
    mkdir -p "$DATA_ROOT"
    export DOCKER_HOST="unix://$RUN_DIR/docker.sock"
    nsenter --net="$NETNS_PATH" dockerd --storage-driver=overlay2 \
        --data-root "$DATA_ROOT" --exec-root "$RUN_DIR/exec" --pidfile "$RUN_DIR/docker.pid" \
        --host "$DOCKER_HOST" >"$RUN_DIR/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    local i
    for i in $(seq 1 120); do
        "$DOCKER" version >/dev/null 2>&1 && return 0
        kill -0 "$DOCKERD_PID" 2>/dev/null || { tail -n 20 "$RUN_DIR/dockerd.log"; die "dockerd exited"; }
        sleep 0.5
    done
    tail -n 20 "$RUN_DIR/dockerd.log"; die "dockerd did not answer in 60 s"
}

# In the namespace: reach a published port (e.g. 127.0.0.1:8001) as a host process would.
in_netns() { nsenter --net="$NETNS_PATH" "$@"; }

stop_dockerd() {
    if [[ -n "${DOCKERD_PID:-}" ]] && kill -0 "$DOCKERD_PID" 2>/dev/null; then
        # Containers first (dockerd would stop them too, but a hung one must not keep it up).
        local running
        running="$("$DOCKER" ps -q 2>/dev/null || true)"
        [[ -z "$running" ]] || "$DOCKER" kill $running >/dev/null 2>&1 || true
        kill -TERM "$DOCKERD_PID" 2>/dev/null || true
        local i
        for i in $(seq 1 60); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$DOCKERD_PID" 2>/dev/null || true
        wait "$DOCKERD_PID" 2>/dev/null || true
    fi
    DOCKERD_PID=""
    # The managed containerd and its shims live in the namespace too: nothing of ours may outlive it.
    if [[ -n "${NETNS:-}" ]] && [[ -e "/var/run/netns/$NETNS" ]]; then
        local pids
        pids="$(ip netns pids "$NETNS" 2>/dev/null || true)"
        [[ -z "$pids" ]] || { kill -TERM $pids 2>/dev/null || true; sleep 1; kill -KILL $pids 2>/dev/null || true; }
        ip netns delete "$NETNS" 2>/dev/null || true
    fi
    if [[ -n "${RUN_DIR:-}" ]]; then
        grep -qs " $RUN_DIR/" /proc/mounts && awk -v d="$RUN_DIR/" 'index($2, d) == 1 {print $2}' /proc/mounts \
            | sort -r | xargs -r -n1 umount -l 2>/dev/null
        rm -rf "$RUN_DIR"
    fi
}
