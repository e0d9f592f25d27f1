#!/bin/sh
# Starts the broker JVM as a child of this shell: `sh runbroker.sh [-Dprop=...] MAIN_CLASS ARGS`
# (see runserver.sh for why it is our own). MAX_HEAP_SIZE default 256m; JAVA_OPT_EXT last.
: "${ROCKETMQ_HOME:?ROCKETMQ_HOME is not set}"
heap=${MAX_HEAP_SIZE:-256m}
OPENS="--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED"
# shellcheck disable=SC2086
java -server -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -XX:MaxDirectMemorySize=256m -XX:MaxMetaspaceSize=128m \
  $OPENS -Dtls.server.mode=disabled -Drocketmq.home.dir="$ROCKETMQ_HOME" $JAVA_OPT_EXT \
  -cp "$ROCKETMQ_HOME/conf:$ROCKETMQ_HOME/lib/*" "$@"
