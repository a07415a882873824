# What compose-test does with the running engine: the checks a user of docker-compose.yml relies on.
# shellcheck shell=bash

# Secrets for this run only, never printed. The stack's webhook receivers may be inside the
# compose network only when named: `ingest` stands in for one that is down (it answers 404).
REDIS_PASSWORD="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
CLAIMWATCH_API_KEY="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
CLAIMWATCH_WEBHOOK_ALLOW_HOSTS='["ingest"]'
export REDIS_PASSWORD CLAIMWATCH_API_KEY CLAIMWATCH_WEBHOOK_ALLOW_HOSTS
ALERTS_URL=http://127.0.0.1:8001
INGEST_URL=http://127.0.0.1:8000

# `docker compose` on the project's own file; a developer's .env stays out (an empty env file),
# deploy/ha.env comes in for the `ha` project.
compose_in() {
    local project="$1"; shift
    local env_files=(--env-file "$RUN_DIR/empty.env")
    [[ "$project" != *-ha ]] || env_files+=(--env-file "$ROOT_DIR/deploy/ha.env")
    : >"$RUN_DIR/empty.env"
    "$DOCKER" compose -p "$project" -f "$ROOT_DIR/docker-compose.yml" \
        --project-directory "$ROOT_DIR" "${env_files[@]}" "$@"
}

# A check that fails is reported and the run goes on, so one run shows every finding; the
# run still fails at the end. Broken infrastructure stops it at once (die).
FAILED_CHECKS=()
fail_check() { log "CHECK FAILED: $*"; FAILED_CHECKS+=("$*"); }

# Host-side commands in the namespace, where the stack's ports are published on 127.0.0.1.
checks() { in_netns "$PY" "$ROOT_DIR/deploy/compose/checks.py" "$@"; }
replay_seeds() {
    in_netns "$ROOT_DIR/.venv/bin/claimwatch" replay --ingest "$INGEST_URL" --no-progress "$@"
}

up_wait() {
    local project="$1"; shift
    local started=$SECONDS
    compose_in "$project" up -d --wait --wait-timeout 300 "$@" >"$RUN_DIR/up.log" 2>&1 \
        || { tail -n 30 "$RUN_DIR/up.log" >&2; die "up --wait failed"; }
    log "up --wait: every healthcheck green in $((SECONDS - started))s"
    compose_in "$project" ps --all --format '{{.Name}}: {{.State}} ({{.Health}})' \
        | sed 's/^/    /' >&2
}

# Delivery ids not yet delivered nor dead, from Redis itself.
pending_deliveries() {
    compose_in "$1" exec -T redis sh -c 'for k in $(redis-cli --scan --pattern "claimwatch:delivery:*"); do
        case "$k" in *:enqueued) ;; *) printf "%s " "$k"; redis-cli GET "$k";; esac; done' \
        | awk '!/"status":"(delivered|dead)"/ {print $1}' | sort
}

# Partition assignment and lag of a consumer group, as Kafka's own tool reports them.
describe_group() {
    compose_in "$1" exec -T kafka kafka-consumer-groups.sh --bootstrap-server localhost:9092 \
        --describe --group "$2" 2>/dev/null | awk 'NF >= 8 && $1 == "'"$2"'"'
}

wait_no_lag() {
    local project="$1" deadline=$((SECONDS + 180)) group lag
    while ((SECONDS < deadline)); do
        lag=0
        for group in claimwatch-stream claimwatch-alerts; do
            # The pipeline's topics (not the changelogs, read without commits); a partition without a
            # committed offset counts as lag unless it is empty.
            lag=$((lag + $(describe_group "$project" "$group" | awk '
                $2 != "articles" && $2 != "claims" && $2 != "alerts" {next}
                $6 ~ /^[0-9]+$/ {s += $6; next}
                $5 != "0" {s += 1000}
                END {print s + 0}')))
        done
        [[ $lag -eq 0 ]] && return 0
        sleep 3
    done
    fail_check "$project: the consumer groups still lag after 180 s; the worker's last warnings:"
    compose_in "$project" logs --no-color worker 2>&1 | grep -E '"(WARNING|ERROR)"' | tail -n 4 \
        | cut -c1-300 | sed 's/^/    /' >&2
    return 1
}

snapshot_survives() {
    local what="$1" before="$2" after pend
    after="$(checks snapshot "$ALERTS_URL")"
    pend="$(pending_deliveries claimwatch)"
    if [[ "$after" != "$before" ]]; then
        show_diff "$before" "$after"
        fail_check "after $what the alerts or subscriptions differ"
        return
    fi
    [[ "$pend" == "$PENDING" ]] || { fail_check "after $what the pending deliveries differ"; return; }
    log "after $what: $(jq_len alerts "$after") alerts, $(jq_len subscriptions "$after") subscription(s), $(wc -w <<<"$PENDING") pending deliveries: all still there"
}
show_diff() { diff <(tr ',' '\n' <<<"$1") <(tr ',' '\n' <<<"$2") | sed 's/^/    /' >&2 || true; }
jq_len() { "$PY" -c 'import json,sys; print(len(json.loads(sys.argv[2])[sys.argv[1]]))' "$1" "$2"; }

run_single_node() {
    local project=claimwatch expected snap started
    PROJECTS+=("$project")
    started=$SECONDS
    compose_in "$project" build >"$RUN_DIR/build.log" 2>&1 \
        || { tail -n 30 "$RUN_DIR/build.log" >&2; die "compose build failed"; }
    log "compose build (the app image, once for three services) in $((SECONDS - started))s"
    up_wait "$project"

    checks subscribe "$ALERTS_URL" --webhook http://ingest:8000/webhook-down --actor Russia >/dev/null
    expected="$(checks expected "$ROOT_DIR/seeds")"
    # Paced, so that the stream sees the articles in the order `simulate` reads them: a batch
    # spreads over four partitions, and novelty depends on which report of an act comes first.
    replay_seeds --rate 4 "$ROOT_DIR/seeds" | sed 's/^/    replay: /' >&2
    local count
    if count="$(checks wait-alerts "$ALERTS_URL" --expect "$expected" --timeout 240)"; then
        log "$count alerts (claimwatch simulate raises $expected for the same seeds)"
    else
        fail_check "$count alerts stored; the offline twin (claimwatch simulate) raises $expected"
    fi
    snap="$(checks snapshot "$ALERTS_URL")"
    PENDING="$(pending_deliveries "$project")"
    [[ -n "$PENDING" ]] || die "no pending delivery to carry over the restarts"

    started=$SECONDS
    compose_in "$project" restart kafka redis >/dev/null 2>&1
    up_wait "$project"
    snapshot_survives "restart of kafka and redis ($((SECONDS - started))s)" "$snap"
    started=$SECONDS
    compose_in "$project" restart >/dev/null 2>&1
    up_wait "$project"
    snapshot_survives "restart of everything ($((SECONDS - started))s)" "$snap"

    started=$SECONDS
    up_wait "$project" --scale worker=2
    local deadline=$((SECONDS + 180)) hosts=0
    while ((SECONDS < deadline)); do
        hosts="$(describe_group "$project" claimwatch-stream | awk '$2 == "articles" && $7 != "-" {print $8}' | sort -u | wc -l)"
        [[ $hosts -ge 2 ]] && break
        sleep 3
    done
    [[ $hosts -ge 2 ]] || die "after --scale worker=2, $hosts worker(s) hold partitions of articles"
    # Who holds what, by container name (the tool reports each member's address).
    local names
    names="$("$DOCKER" inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}} {{.Name}}' \
        $(compose_in "$project" ps -q worker))"
    describe_group "$project" claimwatch-stream | awk -v names="$names" '
        BEGIN { n = split(names, f, /[ \n]/); for (i = 1; i < n; i += 2) who["/" f[i]] = substr(f[i + 1], 2) }
        $2 == "articles" || $2 == "claims" { held[who[$8]] = held[who[$8]] " " $2 "[" $3 "]" }
        END { for (w in held) print "    " w " holds" held[w] }' | sort >&2
    log "--scale worker=2: both workers hold partitions ($((SECONDS - started))s)"
    # The second replay the way the README gives it, from a container on the compose network.
    compose_in "$project" run --rm -T ingest claimwatch replay --ingest http://ingest:8000 seeds \
        2>&1 | grep -v -e '^ *skipped .*README' -e 'Creating\|Created\|Starting\|Started\|Waiting\|Healthy\|Running' \
        | sed 's/^/    second replay (docker compose run): /' >&2
    wait_no_lag "$project" || true
    local again
    again="$(checks snapshot "$ALERTS_URL")"
    if [[ "$again" == "$snap" ]]; then
        log "second replay with 2 workers: still $count alerts, the same ids and sources: nothing raised twice"
    else
        show_diff "$snap" "$again"
        fail_check "the second replay with 2 workers changed the alerts (lines with > are new)"
    fi

    compose_in "$project" down -v --timeout 10 >/dev/null 2>&1
    PROJECTS=()
    log "down -v: containers, network and volumes of $project removed"
}

# The count of records on TOPIC whose key starts with PREFIX, and of distinct keys among them,
# read back by Kafka's own tool (the prefix keeps its closing report out of the count).
topic_records() {
    compose_in "$1" exec -T kafka kafka-console-consumer.sh --bootstrap-server localhost:9092 \
        --topic "$2" --from-beginning --property print.key=true --property print.value=false \
        --timeout-ms 6000 2>/dev/null \
        | awk -v p="$3" 'index($1, p) == 1 {n++; k[$1]} END {print n + 0, length(k) + 0}' \
        || true  # the tool exits non-zero when its timeout ends the read
}

run_high_availability() {
    local project=claimwatch-ha corpus="$RUN_DIR/ha-corpus.jsonl" n expected
    PROJECTS+=("$project")
    up_wait "$project"
    n="$(checks corpus "$corpus" --count 66 --tag ha)"
    expected="$(checks expected "$corpus")"
    # Six articles a second for 11 s, so the kill lands in the middle of the replay.
    replay_seeds --rate 6 "$corpus" >"$RUN_DIR/ha-replay.log" 2>&1 &
    local replay_pid=$!
    sleep 5
    compose_in "$project" kill -s KILL kafka-2 >/dev/null 2>&1
    log "killed kafka-2 (SIGKILL) in the middle of a replay of $n articles"
    wait "$replay_pid" || { cat "$RUN_DIR/ha-replay.log" >&2; die "the replay failed with a broker down"; }
    sed 's/^/    replay: /' "$RUN_DIR/ha-replay.log" >&2
    local described
    described="$(compose_in "$project" exec -T kafka kafka-topics.sh \
        --bootstrap-server localhost:9092 --describe --topic articles 2>/dev/null)"
    sed 's/^[[:space:]]*/    /; s/TopicId: [^[:space:]]*[[:space:]]*//; s/[[:space:]]*Elr:.*//' <<<"$described" >&2
    grep -q 'ReplicationFactor: 3' <<<"$described" || die "articles is not replicated three times"
    grep -q 'min.insync.replicas=2' <<<"$described" || die "articles' min.insync.replicas is not 2"
    # Every article processed and every alert stored, with kafka-2 still down.
    local processed=", every one processed"
    wait_no_lag "$project" || processed=", NOT all processed"
    local records distinct count
    read -r records distinct <<<"$(topic_records "$project" articles bench-ha-)"
    if [[ $distinct -eq $n ]]; then
        log "ha: all $n articles on articles with kafka-2 down$processed"
    else
        fail_check "ha: $distinct of $n articles reached the articles topic"
    fi
    # At least once: a batch whose answer came too late while the leaders moved is sent again
    # (same key); the stream treats a repeated article id as the same article.
    log "ha: $records records for $distinct articles ($((records - distinct)) written twice, same key)"
    count="$(checks wait-alerts "$ALERTS_URL" --expect 1 --timeout 60 --settle 3 --at-least)" \
        || fail_check "ha: no alert stored"
    log "ha: $count alerts stored (claimwatch simulate, one process in file order: $expected)"
    compose_in "$project" down -v --timeout 10 >/dev/null 2>&1
    PROJECTS=()
}
