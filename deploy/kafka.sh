#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft) on loopback, jars from Maven, no Docker.
#   deploy/kafka.sh start [--port N] [--dir D] [--version V] [--keep-data]   prints the bootstrap
#     address; --keep-data restarts over the data an earlier start left in D
#   deploy/kafka.sh stop [--dir D]  |  status [--dir D]  |  resolve [--version V]
# Needs java (17+) and mvn; the jars are cached in ~/.cache/claimwatch/kafka/<version>/.
set -euo pipefail
exec python3 "$(dirname "$0")/kafka.py" "$@"
