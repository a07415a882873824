# What deploy/redis.sh and deploy/tansu.sh share: their arguments, pid file and stop (sourced).
# Set `name` (redis, tansu) first; `daemon_args "$@"` then sets cmd, port and dir, and the pid
# file is "$dir/$name.pid".

daemon_args() {
    cmd="${1:-}"
    [[ -n "$cmd" ]] && shift
    port=""
    dir="$PWD/.run/$name"
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --port) port="$2"; shift 2 ;;
            --dir) dir="$2"; shift 2 ;;
            *) echo "$name.sh: unknown argument $1" >&2; exit 2 ;;
        esac
    done
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

alive() { [[ -f "$dir/$name.pid" ]] && kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null; }

# TERM, and KILL if it is still there after 10 s.
stop_daemon() {
    if ! alive; then echo "$name.sh: not running in $dir" >&2; return 0; fi
    local pid
    pid="$(cat "$dir/$name.pid")"
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
    rm -f "$dir/$name.pid"
    echo "$name.sh: stopped (pid $pid)" >&2
}

daemon_usage() {
    echo "usage: $name.sh start [--port N] [--dir D] | stop [--dir D] | status [--dir D]" >&2
    exit 2
}
