#!/bin/sh
# Console image entry: like the real image, options come from JAVA_OPTS (appended after our small
# default heap, so an -Xmx there wins). exec: the JVM is PID 1 and receives SIGTERM.
OPENS="--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED"
# shellcheck disable=SC2086
exec java -Xms64m -Xmx128m -XX:MaxMetaspaceSize=128m $OPENS -Drocketmq.client.logUseSlf4j=true \
  -Dlogback.configurationFile=/app/conf/logback_tools.xml $JAVA_OPTS \
  -cp "/app/classes:/app/lib/*" ConsoleStandIn
