#!/bin/bash
# The Kafka scripts the stand-in image offers, each a main class on the Maven jars.
set -euo pipefail
case "$(basename "$0")" in
    kafka-server-start.sh) main=kafka.Kafka ;;
    kafka-storage.sh) main=kafka.tools.StorageTool ;;
    kafka-broker-api-versions.sh) main=org.apache.kafka.tools.BrokerApiVersionsCommand ;;
    kafka-topics.sh) main=org.apache.kafka.tools.TopicCommand ;;
    kafka-consumer-groups.sh) main=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
    kafka-metadata-quorum.sh) main=org.apache.kafka.tools.MetadataQuorumCommand ;;
    kafka-configs.sh) main=org.apache.kafka.tools.ConfigCommand ;;
    kafka-console-consumer.sh) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
    kafka-get-offsets.sh) main=org.apache.kafka.tools.GetOffsetShell ;;
    *) echo "kafka-tool.sh: unknown tool $0" >&2; exit 2 ;;
esac
level=WARN target=SYSTEM_ERR
# shellcheck disable=SC2206
jvm=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
if [[ $main == kafka.Kafka ]]; then
    level=INFO target=SYSTEM_OUT
    # shellcheck disable=SC2206
    jvm=(${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G} -XX:+UseG1GC)
fi
# The class-data archive made at image build (kafka-cds.sh), or, while it is made, the dump.
archive=/opt/kafka/tools.jsa
[[ $main != kafka.Kafka ]] || archive=/opt/kafka/broker.jsa
if [[ -n "${KAFKA_CDS_DUMP:-}" ]]; then
    jvm+=("-XX:ArchiveClassesAtExit=$KAFKA_CDS_DUMP" -Xlog:cds=off -Xlog:cds+dynamic=off)
elif [[ -f $archive ]]; then
    jvm+=("-XX:SharedArchiveFile=$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
fi
conf="$(mktemp /tmp/log4j2.XXXXXX.properties)"
cat >"$conf" <<LOG
status = warn
appender.out.type = Console
appender.out.name = out
appender.out.target = $target
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = $level
rootLogger.appenderRef.out.ref = out
logger.state.name = state.change.logger
logger.state.level = WARN
LOG
# shellcheck disable=SC2086
exec java "${jvm[@]}" ${KAFKA_OPTS:-} -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$conf" -cp '/opt/kafka/libs/*' "$main" "$@"
