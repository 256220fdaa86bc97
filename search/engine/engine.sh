#!/usr/bin/env bash
# Start or stop a real single-node search engine on 127.0.0.1.
#
#   search/engine/engine.sh start [opensearch|elasticsearch7]   build if needed, start, wait healthy
#   search/engine/engine.sh stop  [opensearch|elasticsearch7]   stop cleanly (SIGTERM, then wait)
#   search/engine/engine.sh url   [opensearch|elasticsearch7]   print the engine's URL
#   search/engine/engine.sh status [opensearch|elasticsearch7]  exit 0 when it is running
#
# Ports: OpenSearch 9201, Elasticsearch 7.10 9202 (override with ENGINE_PORT).
# Java: OpenSearch 3 needs Java 21+ (OPENSEARCH_JAVA_HOME, default the Temurin 25 JDK);
# Elasticsearch 7.10 runs on Java 17 (ES7_JAVA_HOME). Data lives in a temporary directory that
# the engine deletes on shutdown; pid and log files in ENGINE_RUN_DIR (default /tmp/jipp-engine).
set -euo pipefail

action=${1:?usage: engine.sh start|stop|url [opensearch|elasticsearch7]}
kind=${2:-opensearch}
here=$(cd "$(dirname "$0")" && pwd)
run_dir=${ENGINE_RUN_DIR:-/tmp/jipp-engine}
heap=${ENGINE_HEAP:-512m}

case "$kind" in
  opensearch)
    port=${ENGINE_PORT:-9201}
    java_home=${OPENSEARCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
    ;;
  elasticsearch7)
    port=${ENGINE_PORT:-9202}
    java_home=${ES7_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
    ;;
  *)
    echo "engine.sh: unknown engine '$kind' (opensearch or elasticsearch7)" >&2
    exit 2
    ;;
esac
url="http://127.0.0.1:$port"
pid_file="$run_dir/$kind.pid"
log_file="$run_dir/$kind.log"

healthy() {
  curl -fsS --max-time 2 "$url/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

running() {
  [[ -f $pid_file ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

start() {
  mkdir -p "$run_dir"
  if [[ ! -x $java_home/bin/java ]]; then
    echo "engine: no Java at $java_home (OpenSearch 3 needs Java 21+, Elasticsearch 7.10 Java 17);" \
      "set OPENSEARCH_JAVA_HOME or ES7_JAVA_HOME" >&2
    return 1
  fi
  command -v mvn >/dev/null || { echo "engine: Maven (mvn) is needed to fetch the engine" >&2; return 1; }
  if running; then
    echo "engine: $kind already running (pid $(cat "$pid_file")) at $url"
    return 0
  fi
  local target="$here/target/$kind"
  if [[ ! -f $target/classpath.txt || ! -d $target/classes || $here/pom.xml -nt $target/classpath.txt ]]; then
    echo "engine: building the $kind launcher with Maven"
    (cd "$here" && JAVA_HOME=$java_home mvn -q -B "-P$kind" compile dependency:build-classpath \
      "-Dmdep.outputFile=target/$kind/classpath.txt")
  fi
  local data_dir
  data_dir=$(mktemp -d "${TMPDIR:-/tmp}/jipp-$kind-XXXXXX")
  nohup "$java_home/bin/java" "-Xms$heap" "-Xmx$heap" -XX:+UseSerialGC \
    -Dlog4j2.disable.jmx=true -Djava.awt.headless=true \
    -cp "$target/classes:$(cat "$target/classpath.txt")" jipp.engine.EngineMain "$port" "$data_dir" \
    >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  echo "engine: starting $kind (pid $!) at $url, log $log_file"
  for _ in $(seq 1 120); do
    if healthy; then
      echo "engine: $kind healthy at $url"
      return 0
    fi
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "engine: $kind exited during start; last log lines:" >&2
      tail -n 30 "$log_file" >&2
      rm -f "$pid_file"
      return 1
    fi
    sleep 1
  done
  echo "engine: $kind not healthy after 120 s; stopping it" >&2
  stop
  return 1
}

stop() {
  if [[ ! -f $pid_file ]]; then
    echo "engine: $kind not running"
    return 0
  fi
  local pid
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "engine: $kind did not stop within 30 s; killing pid $pid" >&2
      kill -KILL "$pid"
    fi
  fi
  rm -f "$pid_file"
  echo "engine: $kind stopped"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  url) echo "$url" ;;
  status) running ;;
  *)
    echo "engine.sh: unknown action '$action'" >&2
    exit 2
    ;;
esac
