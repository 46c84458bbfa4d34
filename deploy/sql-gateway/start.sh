#!/usr/bin/env bash
# Starts Flink's SQL Gateway with the project's tables in every session (README.md beside this file).
#   FLINK_HOME=/opt/flink deploy/sql-gateway/start.sh -Drecstream.kafka.bootstrap-servers=broker:9092 [-Dkey=value ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
: "${FLINK_HOME:?set FLINK_HOME to the Flink 2.2 distribution of the cluster the gateway submits queries to}"
export FLINK_CONF_DIR="${FLINK_CONF_DIR:-$FLINK_HOME/conf}"
job_jar="${RECSTREAM_JOB_JAR:-$(ls "$root"/job/target/recstream-job-*-flink.jar)}"
launcher_jar="$(ls "$here"/target/recstream-sql-gateway-*.jar)"
flink_gateway_jar="$(ls "$FLINK_HOME"/opt/flink-sql-gateway-*.jar)"

# Later -D options win: the defaults first, then the caller's.
exec java ${JAVA_OPTS:-} -Dlog4j.configurationFile="$FLINK_CONF_DIR/log4j-console.properties" \
  -cp "$FLINK_HOME/lib/*:$flink_gateway_jar:$job_jar:$launcher_jar" \
  io.recstream.sqlgateway.RecStreamSqlGateway \
  -Dsql-gateway.endpoint.rest.address=localhost \
  -Dsql-gateway.endpoint.rest.port=8083 \
  -Dexecution.runtime-mode=batch \
  -Drecstream.sql-gateway.scripts="$root/deploy/sql/tables.sql;$root/deploy/sql/experiments.sql" \
  "$@"
