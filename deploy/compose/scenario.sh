# What compose-test does with the running engine: the checks a user of docker-compose.yml relies on.
# shellcheck shell=bash

# Secrets for this run only, never printed. The stack's webhook receivers may be inside the
# compose network only when named: `ingest` stands in for one that is down (it answers 404).
REDIS_PASSWORD="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
CLAIMWATCH_API_KEY="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
CLAIMWATCH_WEBHOOK_ALLOW_HOSTS='["ingest"]'
export REDIS_PASSWORD CLAIMWATCH_API_KEY CLAIMWATCH_WEBHOOK_ALLOW_HOSTS
# Each project publishes on a loopback address of its own in the namespace (CLAIMWATCH_BIND,
# the file's own knob): the single node on 127.0.0.1, the `ha` one on .2, so a project left
# over from a failed step can never answer for the next.
bind_of() { [[ "$1" == *-ha ]] && echo 127.0.0.2 || echo 127.0.0.1; }

# `docker compose` on the project's own file; a developer's .env stays out (an empty env file),
# deploy/ha.env comes in for the `ha` project. deploy/compose/health.yml, layered on top, only
# asks the file's own healthchecks more often (see there).
compose_in() {
    local project="$1"; shift
    local env_files=(--env-file "$RUN_DIR/empty.env")
    [[ "$project" != *-ha ]] || env_files+=(--env-file "$ROOT_DIR/deploy/ha.env")
    [[ -f "$RUN_DIR/empty.env" ]] || : >"$RUN_DIR/empty.env"
    CLAIMWATCH_BIND="$(bind_of "$project")" "$DOCKER" compose -p "$project" \
        -f "$ROOT_DIR/docker-compose.yml" -f "$ROOT_DIR/deploy/compose/health.yml" \
        --project-directory "$ROOT_DIR" "${env_files[@]}" "$@"
}

# A check that fails is reported and the run goes on, so one run shows every finding; the
# run still fails at the end (deploy/compose-test.sh reads $RUN_DIR/failed). Broken
# infrastructure stops it at once (die).
fail_check() { log "CHECK FAILED: $*"; printf '%s\n' "$*" >>"$RUN_DIR/failed"; }
pass_check() { log "ok: $*"; }

# Host-side commands in the namespace, where the stack's ports are published on its loopback.
checks() { in_netns "$PY" "$ROOT_DIR/deploy/compose/checks.py" "$@"; }
alerts_url() { echo "http://$(bind_of "$1"):8001"; }
replay_seeds() {
    local project="$1"; shift
    in_netns "$ROOT_DIR/.venv/bin/claimwatch" replay --ingest "http://$(bind_of "$project"):8000" \
        --no-progress "$@"
}

up_wait() {
    local project="$1"; shift
    local started=$SECONDS
    compose_in "$project" up -d --wait --wait-timeout 300 "$@" >"$RUN_DIR/up-$project.log" 2>&1 \
        || { tail -n 30 "$RUN_DIR/up-$project.log" >&2; die "$project: up --wait failed"; }
    log "$project: up --wait: every healthcheck green in $((SECONDS - started))s"
    compose_in "$project" ps --all --format '{{.Name}}: {{.State}} ({{.Health}})' \
        | sed 's/^/    /' >&2
}

# Delivery ids not yet delivered nor dead, from Redis itself.
pending_deliveries() {
    compose_in "$1" exec -T redis sh -c 'for k in $(redis-cli --scan --pattern "claimwatch:delivery:*"); do
        case "$k" in *:enqueued) ;; *) printf "%s " "$k"; redis-cli GET "$k";; esac; done' \
        | awk '!/"status":"(delivered|dead)"/ {print $1}' | sort
}

# The broker whose container runs Kafka's tools for the checks (the `ha` run moves it off the
# broker it kills).
TOOLS_BROKER=kafka
# Partition assignment and lag of the pipeline's consumer groups, as Kafka's own tool reports
# them (one JVM for both groups): GROUP TOPIC PARTITION CURRENT END LAG CONSUMER HOST CLIENT.
describe_groups() {
    local project="$1"; shift
    local args=() group
    for group in "$@"; do args+=(--group "$group"); done
    compose_in "$project" exec -T "$TOOLS_BROKER" kafka-consumer-groups.sh --bootstrap-server localhost:9092 \
        --describe "${args[@]}" 2>/dev/null | awk 'NF >= 8 && $1 ~ /^claimwatch-/'
}

# Until the pipeline's topics are read to their end by both groups (the changelogs are read
# without commits and left out); a partition without a committed offset counts unless empty.
# The last report stays in $RUN_DIR/groups-PROJECT (its end offsets tell how many records).
wait_no_lag() {
    local project="$1" deadline=$((SECONDS + 180)) lag
    while ((SECONDS < deadline)); do
        describe_groups "$project" claimwatch-stream claimwatch-alerts >"$RUN_DIR/groups-$project"
        lag="$(awk <"$RUN_DIR/groups-$project" '
            $2 != "articles" && $2 != "claims" && $2 != "alerts" {next}
            {seen[$1] = 1}
            $6 ~ /^[0-9]+$/ {s += $6; next}
            $5 != "0" {s += 1000}
            END {print (length(seen) == 2 ? s + 0 : -1)}')"
        [[ $lag -eq 0 ]] && return 0
        sleep 1
    done
    fail_check "$project: the consumer groups still lag after 180 s; the worker's last warnings:"
    compose_in "$project" logs --no-color worker 2>&1 | sed 's/^[^|]*| //' \
        | "$PY" "$ROOT_DIR/deploy/compose/checks.py" warnings >&2 || true
    return 1
}

# The stored alerts beside `claimwatch simulate`'s decisions (checks.py twin, then compare).
# Always: no report the twin places lost or stored twice, and no alert that holds none of the
# twin's acts. With `ids` (a paced replay, which reaches the worker in the twin's order), also
# every act one alert, as many alerts as the twin's, and the very same alert ids. After a
# broker kill (`acts`) a partition's reports may reach the worker a minute late, past the
# reorder window, and the decision on a report that late depends on what it was compared
# with: an act may keep a later report's id or be split in two. That is reported on the line
# (a finding for the stream, README "Found by it"), not failed; losing a report is.
same_alerts_as_simulate() {
    local project="$1" what="$2" decisions="$3" mode="$4" found
    found="$(checks compare "$(alerts_url "$project")" "$decisions")" || { fail_check "$what: compare failed"; return; }
    "$PY" - "$what" "$found" "$mode" "$((SECONDS - T0))" <<'PY' || printf '%s\n' "$what: the stored alerts differ from simulate's" >>"$RUN_DIR/failed"
import json, sys
what, found, mode, at = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], int(sys.argv[4])
keys = ["lost_reports", "reports_twice", "alerts_of_no_act"]
keys += ["acts_split", "acts_merged", "missing_alerts", "extra_alerts"] if mode == "ids" else []
bad = {k: found[k] for k in keys if found[k]}
if mode == "ids" and found["stored"] != found["expected"]:
    bad["count"] = [f"{found['stored']} stored, {found['expected']} expected"]
if mode == "ids":
    acts = "every act one alert"
else:
    split, merged = len(found["acts_split"]), len(found["acts_merged"])
    acts = (f"{split} acts split and {merged} merged by late reports (finding, not failed), "
            f"{len(found['extra_alerts'])} alerts under another first report's id")
line = (f"{what}: {found['stored']} alerts stored, claimwatch simulate raises {found['expected']}; "
        f"{found['reports']} reports, {len(found['lost_reports'])} lost, "
        f"{len(found['reports_twice'])} stored twice; {acts}")
print(f"[{at:4d}s] {'CHECK FAILED' if bad else 'ok'}: {line}", file=sys.stderr)
for key, items in bad.items():
    print(f"    {key}: {len(items)}: " + ", ".join(items[:6]), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

snapshot_survives() {
    local project="$1" what="$2" before="$3" after pend
    after="$(checks snapshot "$(alerts_url "$project")")"
    pend="$(pending_deliveries "$project")"
    if [[ "$after" != "$before" ]]; then
        show_diff "$before" "$after"
        fail_check "after $what the alerts or subscriptions differ"
        return
    fi
    [[ "$pend" == "$PENDING" ]] || { fail_check "after $what the pending deliveries differ"; return; }
    pass_check "after $what: $(jq_len alerts "$after") alerts, $(jq_len subscriptions "$after") subscription(s), $(wc -w <<<"$PENDING") pending deliveries: all still there"
}
show_diff() { diff <(tr ',' '\n' <<<"$1") <(tr ',' '\n' <<<"$2") | sed 's/^/    /' >&2 || true; }
jq_len() { "$PY" -c 'import json,sys; print(len(json.loads(sys.argv[2])[sys.argv[1]]))' "$1" "$2"; }

run_single_node() {
    local project=claimwatch url snap started count
    url="$(alerts_url "$project")"
    started=$SECONDS
    up_wait "$project"
    phase "single: up --wait" "$started"

    started=$SECONDS
    checks subscribe "$url" --webhook http://ingest:8000/webhook-down --actor Russia >/dev/null
    # Paced, so that the stream sees the articles in the order `simulate` reads them: a batch
    # spreads over four partitions, and novelty depends on which report of an act comes first.
    replay_seeds "$project" --rate 4 "$ROOT_DIR/seeds" 2>&1 | grep -v '^ *skipped .*README' \
        | sed 's/^/    replay: /' >&2
    count="$(checks wait-alerts "$url" --expect "$EXPECTED_SEEDS" --timeout 240 --settle 2)" || true
    log "$count alerts stored (claimwatch simulate raises $EXPECTED_SEEDS for the same seeds)"
    same_alerts_as_simulate "$project" "seeds replayed" "$RUN_DIR/twin-seeds.jsonl" ids
    snap="$(checks snapshot "$url")"
    PENDING="$(pending_deliveries "$project")"
    [[ -n "$PENDING" ]] || fail_check "no pending delivery to carry over the restarts"
    phase "single: replay of the seeds, alerts read back" "$started"

    started=$SECONDS
    compose_in "$project" restart kafka redis >/dev/null 2>&1
    up_wait "$project"
    snapshot_survives "$project" "restart of kafka and redis ($((SECONDS - started))s)" "$snap"
    phase "single: restart kafka and redis" "$started"
    started=$SECONDS
    compose_in "$project" restart >/dev/null 2>&1
    up_wait "$project"
    snapshot_survives "$project" "restart of everything ($((SECONDS - started))s)" "$snap"
    phase "single: restart everything" "$started"

    started=$SECONDS
    ! declare -F start_next_brokers >/dev/null || start_next_brokers
    up_wait "$project" --scale worker=2
    local deadline=$((SECONDS + 180)) hosts=0 described
    while ((SECONDS < deadline)); do
        described="$(describe_groups "$project" claimwatch-stream)"
        hosts="$(awk '$2 == "articles" && $7 != "-" {print $8}' <<<"$described" | sort -u | wc -l)"
        [[ $hosts -ge 2 ]] && break
        sleep 1
    done
    # Who holds what, by container name (the tool reports each member's address).
    local names
    names="$("$DOCKER" inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}} {{.Name}}' \
        $(compose_in "$project" ps -q worker))"
    awk -v names="$names" '
        BEGIN { n = split(names, f, /[ \n]/); for (i = 1; i < n; i += 2) who["/" f[i]] = substr(f[i + 1], 2) }
        $2 == "articles" || $2 == "claims" { held[who[$8]] = held[who[$8]] " " $2 "[" $3 "]" }
        END { for (w in held) print "    " w " holds" held[w] }' <<<"$described" | sort >&2
    if [[ $hosts -ge 2 ]]; then
        pass_check "--scale worker=2: both workers hold partitions of articles ($((SECONDS - started))s)"
    else
        fail_check "after --scale worker=2, $hosts worker(s) hold partitions of articles"
    fi
    phase "single: --scale worker=2, both hold partitions" "$started"
    started=$SECONDS
    # The second replay the way the README gives it, from a container on the compose network.
    compose_in "$project" run --rm -T ingest claimwatch replay --ingest http://ingest:8000 seeds \
        2>&1 | grep -v -e '^ *skipped .*README' -e 'Creating\|Created\|Starting\|Started\|Waiting\|Healthy\|Running' \
        | sed 's/^/    second replay (docker compose run): /' >&2
    wait_no_lag "$project" || true
    local again
    again="$(checks snapshot "$url")"
    if [[ "$again" == "$snap" ]]; then
        pass_check "second replay with 2 workers, every record read: still $count alerts, the same ids and source counts: nothing raised twice"
    else
        show_diff "$snap" "$again"
        fail_check "the second replay with 2 workers changed the alerts (lines with > are new)"
    fi
    phase "single: second replay with 2 workers" "$started"

    started=$SECONDS
    compose_in "$project" kill >/dev/null 2>&1  # its data goes with -v: no clean stop needed
    compose_in "$project" down -v >/dev/null 2>&1
    log "down -v: containers, network and volumes of $project removed"
    phase "single: down -v" "$started"
}
