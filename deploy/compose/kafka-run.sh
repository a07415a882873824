#!/bin/bash
# The official apache/kafka entrypoint's contract: every KAFKA_* variable becomes a line of
# server.properties (prefix dropped, lower case, `___` -> `-`, `__` -> `_`, `_` -> `.`), the
# storage is formatted with CLUSTER_ID on first start, then the broker runs in the foreground.
set -euo pipefail

# server.properties from the environment, on stdout.
properties() {
    local name value key
    while IFS='=' read -r name value; do
        case "$name" in
            KAFKA_VERSION | KAFKA_HEAP_OPTS | KAFKA_OPTS | KAFKA_LOG4J_OPTS | KAFKA_JMX_OPTS | \
                KAFKA_JVM_PERFORMANCE_OPTS | KAFKA_GC_LOG_OPTS | KAFKA_LOG4J_ROOT_LOGLEVEL | \
                KAFKA_LOG4J_LOGGERS | KAFKA_TOOLS_LOG4J_LOGLEVEL) continue ;;
            KAFKA_*) ;;
            *) continue ;;
        esac
        key="${name#KAFKA_}"
        key="${key,,}"
        key="${key//___/-}"
        key="${key//__/@}"
        key="${key//_/.}"
        printf '%s=%s\n' "${key//@/_}" "$value"
    done < <(env | sort)
}

# `--print-properties`: only show what would be written (tests/unit/test_compose_standins.py).
if [[ "${1:-}" == --print-properties ]]; then properties; exit 0; fi
: "${CLUSTER_ID:?CLUSTER_ID is required}"
props=/opt/kafka/config/server.properties
properties >"$props"
kafka-storage.sh format --cluster-id "$CLUSTER_ID" -c "$props" --ignore-formatted
exec kafka-server-start.sh "$props"
