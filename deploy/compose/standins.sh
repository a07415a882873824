# Stand-ins for the images docker-compose.yml names, built here because no image registry is
# reachable: Debian root filesystems (debootstrap from the mirror apt uses) plus Debian packages,
# Kafka's jars from Maven, and a wheelhouse built on the host for the app image's `pip install`.
# shellcheck shell=bash
HERE_STANDINS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# A Debian root filesystem with PACKAGES, as a tarball cached by its package list.
rootfs_tarball() {
    local name="$1"; shift
    local key tar work base="$CACHE/rootfs/base-$DEBIAN_SUITE"
    key="$(printf '%s\n' "$DEBIAN_SUITE" "$@" | sha256sum | cut -c1-12)"
    tar="$CACHE/rootfs/$name-$key.tar"
    if [[ -f "$tar" ]]; then printf '%s\n' "$tar"; return 0; fi
    work="$CACHE/rootfs/$name-$key.work"
    ( flock 9
      if [[ ! -f "$base/.complete" ]]; then
          log "debootstrap $DEBIAN_SUITE (minbase), once"
          rm -rf "$base"
          debootstrap --variant=minbase "$DEBIAN_SUITE" "$base" "$(debian_mirror)" \
              >"$CACHE/rootfs/debootstrap.log" 2>&1 \
              || { tail -n 20 "$CACHE/rootfs/debootstrap.log" >&2; exit 1; }
          touch "$base/.complete"
      fi
    ) 9>"$CACHE/rootfs/.base.lock" || die "debootstrap failed"
    log "root filesystem for $name: $*"
    rm -rf "$work" && cp -a "$base" "$work" && rm -f "$work/.complete"
    cp /etc/resolv.conf "$work/etc/resolv.conf"
    # No service may start inside the chroot (it would bind the host's ports).
    printf '#!/bin/sh\nexit 101\n' >"$work/usr/sbin/policy-rc.d"
    chmod +x "$work/usr/sbin/policy-rc.d"
    mount -t proc proc "$work/proc"
    local rc=0
    { chroot "$work" apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive chroot "$work" apt-get install -y -qq \
            --no-install-recommends "$@" \
        && chroot "$work" apt-get clean; } >"$CACHE/rootfs/$name.log" 2>&1 || rc=$?
    umount "$work/proc"
    [[ $rc -eq 0 ]] || { tail -n 20 "$CACHE/rootfs/$name.log" >&2; die "apt-get in the $name root failed"; }
    rm -rf "$work/usr/sbin/policy-rc.d" "$work/var/lib/apt/lists/"* "$work/etc/resolv.conf"
    : >"$work/etc/resolv.conf"
    tar -C "$work" -cf "$tar.tmp" . && mv "$tar.tmp" "$tar"
    rm -rf "$work"
    printf '%s\n' "$tar"
}

image_label() { "$DOCKER" image inspect -f '{{index .Config.Labels "claimwatch.standin"}}' "$1" 2>/dev/null || true; }

# Import a root filesystem and finish it with a Dockerfile; skipped when TAG already carries KEY.
build_standin() {
    local tag="$1" key="$2" tar="$3" context="$4"
    if [[ "$(image_label "$tag")" == "$key" ]]; then return 0; fi
    log "image $tag (stand-in)"
    "$DOCKER" import "$tar" "claimwatch-standin/root:$key" >/dev/null
    sed -i "s|^FROM debian-root\$|FROM claimwatch-standin/root:$key|" "$context/Dockerfile"
    printf 'LABEL claimwatch.standin=%s\n' "$key" >>"$context/Dockerfile"
    DOCKER_BUILDKIT=0 "$DOCKER" build -q -t "$tag" "$context" >/dev/null
    "$DOCKER" rmi "claimwatch-standin/root:$key" >/dev/null 2>&1 || true
}

# The app's dependencies as wheels, so the image's `pip install` needs no index.
wheelhouse() {
    local key dir
    key="$(cat "$ROOT_DIR/pyproject.toml" | sha256sum | cut -c1-12)"
    dir="$CACHE/wheels/$key"
    if [[ ! -f "$dir/.complete" ]]; then
        log "wheels of the app's dependencies (pip wheel on the host)"
        rm -rf "$dir" && mkdir -p "$dir"
        "$ROOT_DIR/.venv/bin/python" - "$ROOT_DIR/pyproject.toml" >"$dir/requirements.txt" <<'PY'
import sys, tomllib
print("\n".join(tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]))
PY
        "$ROOT_DIR/.venv/bin/pip" wheel -q --wheel-dir "$dir" -r "$dir/requirements.txt" \
            "setuptools>=68" wheel >"$CACHE/wheels/pip.log" 2>&1 \
            || { tail -n 20 "$CACHE/wheels/pip.log" >&2; die "pip wheel failed"; }
        touch "$dir/.complete"
    fi
    printf '%s\n' "$dir"
}

# Kafka's jars (the broker, its tools for the healthcheck's scripts, log4j) from Maven.
kafka_libs() {
    local home="$CACHE/kafka-$KAFKA_VERSION"
    if [[ ! -f "$home/.complete" ]]; then
        log "Kafka $KAFKA_VERSION jars from Maven"
        rm -rf "$home" && mkdir -p "$home"
        sed "s/@KAFKA@/$KAFKA_VERSION/" "$HERE_STANDINS/kafka-pom.xml" >"$home/pom.xml"
        mvn -B -q -f "$home/pom.xml" dependency:copy-dependencies -DoutputDirectory="$home/libs" \
            -DincludeScope=runtime >"$home/mvn.log" 2>&1 \
            || { tail -n 20 "$home/mvn.log" >&2; die "mvn failed"; }
        touch "$home/.complete"
    fi
    printf '%s\n' "$home/libs"
}

build_standins() {
    local py_tar redis_tar kafka_tar wheels libs ctx key
    # Three root filesystems at once: mostly downloads and dpkg, little CPU.
    rootfs_tarball python python3 python3-pip python3-venv python-is-python3 passwd \
        ca-certificates >"$RUN_DIR/py.tar" &
    local p1=$!
    rootfs_tarball redis redis-server passwd >"$RUN_DIR/redis.tar" &
    local p2=$!
    rootfs_tarball kafka openjdk-17-jre-headless passwd >"$RUN_DIR/kafka.tar" &
    local p3=$!
    wheels="$(wheelhouse)"
    libs="$(kafka_libs)"
    wait $p1 && wait $p2 && wait $p3 || die "a root filesystem failed"
    py_tar="$(cat "$RUN_DIR/py.tar")"; redis_tar="$(cat "$RUN_DIR/redis.tar")"
    kafka_tar="$(cat "$RUN_DIR/kafka.tar")"

    ctx="$RUN_DIR/ctx-python" && mkdir -p "$ctx"
    cp -al "$wheels" "$ctx/wheels" 2>/dev/null || cp -a "$wheels" "$ctx/wheels"
    cp "$HERE_STANDINS/python.Dockerfile" "$ctx/Dockerfile"
    key="$(basename "$py_tar" .tar)-$(basename "$wheels")-$(sha256sum <"$HERE_STANDINS/python.Dockerfile" | cut -c1-8)"
    build_standin python:3.11-slim "$key" "$py_tar" "$ctx"

    ctx="$RUN_DIR/ctx-redis" && mkdir -p "$ctx"
    cp "$HERE_STANDINS/redis.Dockerfile" "$ctx/Dockerfile"
    cp "$HERE_STANDINS/redis-entrypoint.sh" "$ctx/"
    key="$(basename "$redis_tar" .tar)-$(cat "$HERE_STANDINS"/redis.* | sha256sum | cut -c1-8)"
    build_standin redis:7.0 "$key" "$redis_tar" "$ctx"

    ctx="$RUN_DIR/ctx-kafka" && mkdir -p "$ctx"
    cp -al "$libs" "$ctx/libs" 2>/dev/null || cp -a "$libs" "$ctx/libs"
    cp "$HERE_STANDINS/kafka.Dockerfile" "$ctx/Dockerfile"
    cp "$HERE_STANDINS/kafka-run.sh" "$HERE_STANDINS/kafka-tool.sh" "$HERE_STANDINS/kafka-cds.sh" "$ctx/"
    key="$(basename "$kafka_tar" .tar)-$KAFKA_VERSION-$(cat "$HERE_STANDINS"/kafka* | sha256sum | cut -c1-8)"
    build_standin "apache/kafka:$KAFKA_VERSION" "$key" "$kafka_tar" "$ctx"
}
