# Stand-in for apache/kafka:<deploy/kafka-version>: Debian's Java 17, Kafka's jars from Maven,
# the scripts the compose file calls, and the official image's entrypoint behaviour.
FROM debian-root
RUN useradd --create-home --uid 1000 --shell /bin/bash appuser
COPY libs /opt/kafka/libs
COPY kafka-tool.sh /opt/kafka/bin/kafka-tool.sh
COPY kafka-run.sh /etc/kafka/docker/run
RUN set -e; cd /opt/kafka/bin; \
    for tool in kafka-server-start kafka-storage kafka-broker-api-versions kafka-topics \
        kafka-consumer-groups kafka-metadata-quorum kafka-configs kafka-console-consumer \
        kafka-get-offsets; do ln -s kafka-tool.sh "$tool.sh"; done; \
    mkdir -p /var/lib/kafka/data /opt/kafka/config; \
    chown -R appuser /var/lib/kafka/data /opt/kafka/config
ENV PATH=/opt/kafka/bin:$PATH
# Class-data archives of Kafka's classes for quicker JVM starts (see kafka-cds.sh).
COPY kafka-cds.sh /tmp/kafka-cds.sh
RUN /tmp/kafka-cds.sh && rm /tmp/kafka-cds.sh
USER appuser
EXPOSE 9092
CMD ["/etc/kafka/docker/run"]
