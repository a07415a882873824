#!/usr/bin/env bash
# Redis on loopback with AOF persistence, for tests and local runs.
#   deploy/redis.sh start [--port N] [--dir D]   prints the redis:// URL (default: a free port)
#   deploy/redis.sh stop [--dir D]  |  status [--dir D]
# Uses redis-server from PATH; installs Debian's redis-server when missing and run as root.
set -euo pipefail

name=redis
# shellcheck source=deploy/local-daemon.sh
source "$(dirname "$0")/local-daemon.sh"
daemon_args "$@"

ensure_redis() {
    command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return 0
    if [[ "$(id -u)" != 0 ]]; then
        echo "redis.sh: redis-server not found; install it (apt-get install redis-server) or run as root" >&2
        exit 1
    fi
    echo "redis.sh: installing Debian's redis-server" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
}

case "$cmd" in
    start)
        ensure_redis
        mkdir -p "$dir"
        dir="$(cd "$dir" && pwd)"
        if alive; then echo "redis.sh: already running in $dir" >&2; exit 1; fi
        port="${port:-$(free_port)}"
        # AOF on (fsync every second, redis' default trade-off); RDB snapshots off so that
        # the AOF is the one persistence mechanism to reason about.
        redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes \
            --appendonly yes --appendfsync everysec --save "" --dir "$dir" \
            --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
        for _ in $(seq 100); do
            if [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG ]]; then
                echo "$port" > "$dir/port"
                echo "redis.sh: redis $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') answering on 127.0.0.1:$port (logs $dir/redis.log)" >&2
                echo "redis://127.0.0.1:$port/0"
                exit 0
            fi
            sleep 0.1
        done
        echo "redis.sh: redis-server did not answer PING; see $dir/redis.log" >&2
        exit 1
        ;;
    stop) stop_daemon ;;
    status)
        if alive && redis-cli -p "$(cat "$dir/port")" ping >/dev/null 2>&1; then
            echo "running redis://127.0.0.1:$(cat "$dir/port")/0 (pid $(cat "$dir/redis.pid"))"
        else
            echo stopped; exit 1
        fi
        ;;
    *) daemon_usage ;;
esac
