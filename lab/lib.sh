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

lab_need_lib() {
  [ -d "$LAB_LIB" ] && compgen -G "$LAB_LIB/rocketmq-tools-*.jar" >/dev/null ||
    lab_die "RocketMQ jars missing in lab/.cache/lib: run 'bash lab/install-deps.sh' first"
}
