"""Run a single-node Apache Kafka (KRaft) on loopback from Maven jars: no Docker, stdlib only."""

from __future__ import annotations

import argparse
import base64
import fcntl
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import uuid
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent
VERSION_FILE = DEPLOY_DIR / "kafka-version"
CACHE_ROOT = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "claimwatch"
# log4j-core and the slf4j binding are not runtime deps of kafka_2.13's pom (the
# distribution tarball adds them), so without these the broker would log nothing.
LOG4J_VERSION = "2.25.5"

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.claimwatch</groupId>
  <artifactId>kafka-broker-libs</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId>
      <version>{kafka}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId>
      <version>{log4j}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId>
      <version>{log4j}</version>
    </dependency>
  </dependencies>
</project>
"""

LOG4J2 = """status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = {log}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.state.name = state.change.logger
logger.state.level = WARN
"""

SERVER_PROPERTIES = """process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:{controller_port}
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs={data}
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# A single test broker: let the first consumer-group join finish at once.
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
"""


def log(msg: str) -> None:
    sys.stderr.write(f"kafka.sh: {msg}\n")


def pinned_version() -> str:
    return VERSION_FILE.read_text().strip()


def resolve_libs(version: str) -> Path:
    """Jars of kafka_2.13 and its runtime deps, fetched once with mvn and cached."""
    home = CACHE_ROOT / "kafka" / version
    home.mkdir(parents=True, exist_ok=True)
    # Several test runs may start at once on a fresh machine: one resolves, the others wait.
    with open(home / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _resolve_locked(version, home)


def _resolve_locked(version: str, home: Path) -> Path:
    libs = home / "libs"
    done = home / ".complete"
    if done.exists():
        return libs
    if shutil.which("mvn") is None:
        raise SystemExit(
            "kafka.sh: mvn not found: install Maven and Java 17 (apt-get install maven)"
        )
    (home / "pom.xml").write_text(POM.format(kafka=version, log4j=LOG4J_VERSION))
    shutil.rmtree(libs, ignore_errors=True)
    log(f"resolving org.apache.kafka:kafka_2.13:{version} with mvn into {libs}")
    started = time.monotonic()
    cmd = [
        "mvn",
        "-B",
        "-q",
        "-f",
        str(home / "pom.xml"),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={libs}",
        "-DincludeScope=runtime",
    ]
    with open(home / "mvn.log", "w") as out:
        rc = subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT)
    if rc != 0:
        raise SystemExit(f"kafka.sh: mvn failed (rc={rc}); see {home / 'mvn.log'}")
    done.write_text(f"{time.monotonic() - started:.1f}s\n")
    log(f"resolved in {time.monotonic() - started:.1f}s")
    return libs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _request(sock: socket.socket, api_key: int, version: int, body: bytes) -> bytes:
    client = b"claimwatch-probe"
    header = struct.pack(">hhih", api_key, version, 7, len(client)) + client
    payload = header + body
    sock.sendall(struct.pack(">i", len(payload)) + payload)
    size = struct.unpack(">i", _read(sock, 4))[0]
    return _read(sock, size)


def _read(sock: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("broker closed the connection")
        buf += chunk
    return buf


def probe(bootstrap: str, timeout: float = 2.0) -> int:
    """ApiVersions then Metadata over the Kafka protocol; returns the number of live brokers."""
    host, port = bootstrap.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.settimeout(timeout)
        resp = _request(sock, 18, 0, b"")  # ApiVersions v0
        error = struct.unpack(">h", resp[4:6])[0]
        if error != 0:
            raise ConnectionError(f"ApiVersions error {error}")
        resp = _request(sock, 3, 0, struct.pack(">i", 0))  # Metadata v0, all topics
        return int(struct.unpack(">i", resp[4:8])[0])


def wait_answering(bootstrap: str, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if probe(bootstrap) >= 1:
                return 0
        except (OSError, struct.error):
            pass
        if time.monotonic() >= deadline:
            log(f"nothing answers the Kafka protocol on {bootstrap}")
            return 1
        time.sleep(0.1)


def cluster_id() -> str:
    # Kafka's Uuid.toString: url-safe base64 of the 16 bytes, no padding. Like Kafka's own
    # Uuid.randomUuid, never start with "-": the storage tool would read it as an option.
    while True:
        cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cid.startswith("-"):
            return cid


def java_cmd(libs: Path, run: Path, main: str) -> list[str]:
    heap = os.environ.get("CLAIMWATCH_KAFKA_HEAP", "-Xms256m -Xmx768m").split()
    return [
        "java",
        *heap,
        "-XX:+UseG1GC",
        "-Djava.awt.headless=true",
        f"-Dlog4j2.configurationFile={run / 'log4j2.properties'}",
        f"-Dkafka.logs.dir={run / 'logs'}",
        "-cp",
        f"{libs}/*",
        main,
    ]


class PortTakenError(Exception):
    """Another process bound the free port we picked before the broker did."""


def start(
    version: str, port: int | None, run: Path, timeout: float, keep_data: bool = False
) -> str:
    pid_file = run / "kafka.pid"
    if pid_file.exists() and _alive(int(pid_file.read_text())):
        raise SystemExit(f"kafka.sh: already running in {run} (pid {pid_file.read_text().strip()})")
    if shutil.which("java") is None:
        raise SystemExit(
            "kafka.sh: java not found: Kafka 4.x needs Java 17+ (apt-get install "
            "openjdk-17-jre-headless), or use deploy/tansu.sh"
        )
    libs = resolve_libs(version)
    if keep_data and (run / "data" / "meta.properties").exists():
        # A restart over the same log dirs (fault tests): same ports, no format, data kept.
        bootstrap = (run / "bootstrap").read_text().strip()
        try:
            return _launch(version, libs, bootstrap, run, timeout)
        except PortTakenError:
            raise SystemExit(f"kafka.sh: {bootstrap} was taken while the broker was down") from None
    # A free port can be taken between our check and the broker's bind (people run the suite
    # side by side here): pick new ports and try again when we chose them ourselves.
    attempts = 1 if port else 3
    for attempt in range(1, attempts + 1):
        try:
            return _start_once(version, libs, port or free_port(), run, timeout)
        except PortTakenError:
            log(f"a port was taken before the broker bound it (attempt {attempt}/{attempts})")
    if port:
        raise SystemExit(f"kafka.sh: port {port} (or the controller's) is in use; choose another")
    raise SystemExit(f"kafka.sh: could not bind free ports; see {run / 'logs'}")


def _start_once(version: str, libs: Path, port: int, run: Path, timeout: float) -> str:
    controller_port = free_port()
    shutil.rmtree(run / "data", ignore_errors=True)
    (run / "logs").mkdir(parents=True, exist_ok=True)
    server_log = run / "logs" / "server.log"
    (run / "log4j2.properties").write_text(LOG4J2.format(log=server_log))
    props = run / "server.properties"
    props.write_text(
        SERVER_PROPERTIES.format(port=port, controller_port=controller_port, data=run / "data")
    )
    fmt = [
        *java_cmd(libs, run, "kafka.tools.StorageTool"),
        "format",
        "-t",
        cluster_id(),
        "-c",
        str(props),
        "--standalone",
    ]
    with open(run / "logs" / "format.log", "w") as out:
        if subprocess.call(fmt, stdout=out, stderr=subprocess.STDOUT) != 0:
            raise SystemExit(f"kafka.sh: storage format failed; see {run / 'logs' / 'format.log'}")
    return _launch(version, libs, f"127.0.0.1:{port}", run, timeout)


def _launch(version: str, libs: Path, bootstrap: str, run: Path, timeout: float) -> str:
    pid_file = run / "kafka.pid"
    props = run / "server.properties"
    server_log = run / "logs" / "server.log"
    server_log.unlink(missing_ok=True)
    started = time.monotonic()
    with open(run / "logs" / "kafka.out", "w") as out:
        proc = subprocess.Popen(
            [*java_cmd(libs, run, "kafka.Kafka"), str(props)],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    pid_file.write_text(f"{proc.pid}\n")
    deadline = started + timeout
    while True:
        if proc.poll() is not None:
            pid_file.unlink(missing_ok=True)
            logs = "".join(f.read_text() for f in (run / "logs").glob("*") if f.is_file())
            if "Address already in use" in logs:
                raise PortTakenError(bootstrap)
            raise SystemExit(f"kafka.sh: broker exited with {proc.returncode}; see {run / 'logs'}")
        # Our own log must say it started: a probe alone could reach someone else's broker
        # that grabbed the port in the meantime.
        if _logged_started(server_log):
            try:
                if probe(bootstrap) >= 1:
                    break
            except (OSError, struct.error):
                pass
        if time.monotonic() > deadline:
            stop(run)
            raise SystemExit(f"kafka.sh: broker did not answer within {timeout:.0f}s")
        time.sleep(0.2)
    (run / "bootstrap").write_text(bootstrap + "\n")
    (run / "version").write_text(version + "\n")
    log(
        f"Apache Kafka {version} answering on {bootstrap} after "
        f"{time.monotonic() - started:.1f}s (pid {proc.pid}, logs {run / 'logs'})"
    )
    return bootstrap


def _logged_started(server_log: Path) -> bool:
    try:
        return "Kafka Server started" in server_log.read_text()
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of ours still answers kill(0); treat it as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def stop(run: Path, timeout: float = 30.0) -> None:
    """SIGTERM the broker's process group (a controlled shutdown), then SIGKILL if it hangs."""
    pid_file = run / "kafka.pid"
    if not pid_file.exists():
        log(f"not running in {run}")
        return
    pid = int(pid_file.read_text())
    if _alive(pid):
        os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _alive(pid):
            log(f"pid {pid} ignored SIGTERM for {timeout:.0f}s; killing")
            os.killpg(pid, signal.SIGKILL)
    pid_file.unlink(missing_ok=True)
    log(f"stopped (pid {pid})")


def status(run: Path) -> int:
    pid_file = run / "kafka.pid"
    boot = run / "bootstrap"
    if not pid_file.exists() or not _alive(int(pid_file.read_text())) or not boot.exists():
        sys.stdout.write("stopped\n")
        return 1
    bootstrap = boot.read_text().strip()
    try:
        brokers = probe(bootstrap)
    except OSError as exc:
        sys.stdout.write(f"not answering on {bootstrap}: {exc}\n")
        return 1
    sys.stdout.write(
        f"running {bootstrap} ({brokers} broker, pid {pid_file.read_text().strip()})\n"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kafka.sh", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    default_dir = Path.cwd() / ".run" / "kafka"
    p_start = sub.add_parser("start", help="start a broker; prints its bootstrap address")
    p_start.add_argument("--port", type=int, default=None, help="default: a free port")
    p_start.add_argument("--version", default=None, help="default: deploy/kafka-version")
    p_start.add_argument("--timeout", type=float, default=90.0)
    p_start.add_argument(
        "--keep-data",
        action="store_true",
        help="restart over the data of an earlier start in --dir",
    )
    p_resolve = sub.add_parser("resolve", help="fetch the jars only; prints the libs dir")
    p_resolve.add_argument("--version", default=None)
    p_probe = sub.add_parser("probe", help="exit 0 when BOOTSTRAP answers the Kafka protocol")
    p_probe.add_argument("bootstrap")
    p_probe.add_argument("--timeout", type=float, default=0.0, help="keep trying this long")
    p_stop = sub.add_parser("stop")
    p_status = sub.add_parser("status")
    for p in (p_start, p_stop, p_status):
        p.add_argument("--dir", type=Path, default=default_dir, help="run dir (data, logs, pid)")
    args = parser.parse_args(argv)
    if args.cmd == "resolve":
        sys.stdout.write(f"{resolve_libs(args.version or pinned_version())}\n")
        return 0
    if args.cmd == "probe":
        return wait_answering(args.bootstrap, args.timeout)
    run = args.dir.resolve()
    if args.cmd == "start":
        run.mkdir(parents=True, exist_ok=True)
        sys.stdout.write(
            start(args.version or pinned_version(), args.port, run, args.timeout, args.keep_data)
            + "\n"
        )
        return 0
    if args.cmd == "stop":
        stop(run)
        return 0
    return status(run)


if __name__ == "__main__":
    sys.exit(main())
