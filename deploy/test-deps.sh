#!/usr/bin/env bash
# Debian packages the test suite needs on a fresh machine; idempotent, apt only when one is missing.
#   redis-server (integration tests), chromium + chromium-driver (browser tests drive
#   /usr/bin/chromium through Playwright), Java 17 + Maven (deploy/kafka.sh).
set -euo pipefail

wanted=(redis-server chromium chromium-driver)
command -v java >/dev/null || wanted+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || wanted+=(maven)

missing=()
for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ "$(id -u)" != 0 ]]; then
    echo "test-deps.sh: missing Debian packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2
    exit 1
fi
echo "test-deps.sh: installing ${missing[*]}" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
