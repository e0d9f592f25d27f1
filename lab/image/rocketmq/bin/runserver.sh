#!/bin/sh
# Starts a RocketMQ server JVM (name server, proxy) as a child of this shell: `sh runserver.sh
# [-Dprop=...] MAIN_CLASS ARGS`. Not the distribution's runserver.sh: its -Djava.ext.dirs and CMS
# flags do not start on JDK 17. MAX_HEAP_SIZE sizes the heap (default 128m); JAVA_OPT_EXT comes
# after every other JVM option, so an -Xmx there wins.
: "${ROCKETMQ_HOME:?ROCKETMQ_HOME is not set}"
heap=${MAX_HEAP_SIZE:-128m}
# RocketMQ 4.x's Netty 4.0 and the store's buffer cleaner reflect into JDK internals.
OPENS="--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED"
# -Dtls.server.mode=disabled: otherwise a harmless "Failed to create SSLContext" error is logged.
# shellcheck disable=SC2086 # word splitting of the option strings is intended
java -server -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -XX:MaxMetaspaceSize=128m $OPENS \
  -Dtls.server.mode=disabled -Drocketmq.home.dir="$ROCKETMQ_HOME" $JAVA_OPT_EXT \
  -cp "$ROCKETMQ_HOME/conf:$ROCKETMQ_HOME/lib/*" "$@"
