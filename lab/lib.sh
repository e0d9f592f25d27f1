# Shared by the lab scripts (sourced, not run). Paths are derived from this file's location so
# nothing machine-specific is committed.
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_STATE="$LAB_DIR/.state"
LAB_CACHE="$LAB_DIR/.cache"
LAB_LIB="$LAB_CACHE/lib"
ROCKETMQ_VERSION=4.8.0
LAB_ROCKETMQ_IMAGE="docker.io/apacherocketmq/rocketmq:${ROCKETMQ_VERSION}-alpine"
LAB_ROCKETMQ_IMAGE_EXACT="docker.io/apacherocketmq/rocketmq:${ROCKETMQ_VERSION}"
LAB_CONSOLE_IMAGE="docker.io/styletang/rocketmq-console-ng:1.0.0"
# Every RocketMQ version the lab has an image of: the seed's 4.8.0 (tags above; its jars in
# lab/.cache/lib, which the probe and console use) and the releases without the 4.8.0 CVEs.
LAB_VERSIONS="4.8.0 4.9.7 5.3.3"
# The JDK 17 flags RocketMQ 4.x needs (see README.md): Netty 4.0 reflects into java.nio internals.
LAB_JAVA_OPENS="--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED"

lab_log() { printf '[lab %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
lab_die() { printf 'LAB ERROR: %s\n' "$*" >&2; exit 1; }

# The lab's name servers, from lab.env when the lab is up.
lab_namesrv() {
  if [ -f "$LAB_STATE/lab.env" ]; then
    # shellcheck disable=SC1091
    (. "$LAB_STATE/lab.env" && printf '%s' "$LAB_NAMESRV")
  fi
}

# The jar directory of one version (lab/.cache/lib for 4.8.0, lib-<version> for the others).
lab_lib() {
  if [ "$1" = "$ROCKETMQ_VERSION" ]; then printf '%s' "$LAB_LIB"; else printf '%s' "$LAB_CACHE/lib-$1"; fi
}

# The tags one version's image is built under: the official image's name for the new releases.
lab_image_tags() {
  if [ "$1" = "$ROCKETMQ_VERSION" ]; then
    printf '%s %s' "$LAB_ROCKETMQ_IMAGE" "$LAB_ROCKETMQ_IMAGE_EXACT"
  else
    printf '%s' "docker.io/apache/rocketmq:$1"
  fi
}

# lab_need_lib [VERSION]: die unless that version's jars (default 4.8.0) are in lab/.cache.
lab_need_lib() {
  local lib
  lib=$(lab_lib "${1:-$ROCKETMQ_VERSION}")
  [ -d "$lib" ] && compgen -G "$lib/rocketmq-tools-*.jar" >/dev/null ||
    lab_die "RocketMQ ${1:-$ROCKETMQ_VERSION} jars missing in lab/.cache/${lib##*/}: run 'bash lab/install-deps.sh' first"
}

# Field mode closes the RocketMQ ports to this machine: the admin tools then run in host A's network
# namespace (as an operator would run them on a cluster host). Replaces the shell with "$@".
lab_exec_tool() {
  local field=0
  [ -f "$LAB_STATE/lab.env" ] && field=$(. "$LAB_STATE/lab.env" && echo "${LAB_FIELD:-0}")
  if [ "$field" = 1 ]; then exec nsenter --net=/run/netns/rmqlab-A "$@"; fi
  exec "$@"
}
