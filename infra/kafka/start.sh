#!/usr/bin/env bash
# Starts a single-node Apache Kafka broker (KRaft: one process is both broker and controller) on
# 127.0.0.1 for development and CI, and waits until it answers. Idempotent: if the broker of this
# work dir is already running and answering, it only says so. See docs/kafka.md.
#
#   bash infra/kafka/start.sh            # PLAINTEXT 127.0.0.1:19092, CONTROLLER 127.0.0.1:19093
#
# Environment (all optional):
#   KAFKA_PORT              client listener port (default 19092)
#   KAFKA_CONTROLLER_PORT   KRaft controller listener port (default 19093)
#   KAFKA_WORK_DIR          jars, config, data and logs (default infra/kafka/.work, git-ignored)
#   KAFKA_HEAP_OPTS         JVM heap (default "-Xms256m -Xmx512m")
#   KAFKA_START_TIMEOUT_S   how long to wait for the broker to answer (default 90)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${KAFKA_PORT:-19092}"
controller_port="${KAFKA_CONTROLLER_PORT:-19093}"
work="${KAFKA_WORK_DIR:-$here/.work}"
heap="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
timeout_s="${KAFKA_START_TIMEOUT_S:-90}"
jars="$work/jars"
data="$work/data"
logs="$work/logs"
pid_file="$work/kafka.pid"
config="$work/server.properties"

say() { printf '[kafka] %s\n' "$*"; }
fail() { printf '[kafka] ERROR: %s\n' "$*" >&2; exit 1; }

command -v java >/dev/null || fail "java not found (Java 17 is needed)"
command -v mvn >/dev/null || fail "mvn not found (Maven resolves the broker's jars from Maven Central)"
command -v node >/dev/null || fail "node not found (the readiness check uses kafkajs)"

# wait_ready PID [--warm-up]
wait_ready() {
  node "$here/wait-ready.js" --brokers "127.0.0.1:$port" --timeout-ms "$((timeout_s * 1000))" --pid "$1" "${@:2}"
}

# True when the pid is alive and is a Kafka broker (a recycled pid of another program is not ours).
is_broker() { kill -0 "$1" 2>/dev/null && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

mkdir -p "$work"

# 1. Already running?
if [[ -f "$pid_file" ]]; then
  pid="$(cat "$pid_file")"
  if is_broker "$pid"; then
    say "already running (pid $pid); checking that it answers on 127.0.0.1:$port"
    wait_ready "$pid"
    exit 0
  fi
  say "removing stale pid file (pid $pid is not a running broker)"
  rm -f "$pid_file"
fi
for p in "$port" "$controller_port"; do
  port_in_use "$p" && fail "port $p on 127.0.0.1 is taken by another process; set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
done

# 2. Resolve the broker's jars from Maven Central once; again only when pom.xml changes.
pom_sum="$(sha256sum "$here/pom.xml" | cut -d' ' -f1)"
if [[ ! -f "$jars/.resolved" || "$(cat "$jars/.resolved")" != "$pom_sum" ]]; then
  say "resolving Kafka jars with Maven into $jars"
  rm -rf "$jars"
  if ! mvn -q -B -Dstyle.color=never -f "$here/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$jars" -DincludeScope=runtime > "$work/mvn.log" 2>&1; then
    cat "$work/mvn.log" >&2
    fail "mvn could not resolve the broker's jars (is Maven Central reachable?); see $work/mvn.log"
  fi
  echo "$pom_sum" > "$jars/.resolved"
fi

# 3. Configuration (rewritten every start, so port changes take effect).
mkdir -p "$data" "$logs"
cat > "$config" <<PROPS
# Written by infra/kafka/start.sh: single-node KRaft broker for development and CI. Do not edit.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$data
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
group.initial.rebalance.delay.ms=0
log.retention.hours=24
log.segment.bytes=16777216
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
PROPS

cat > "$work/log4j.properties" <<PROPS
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$logs/server.log
log4j.appender.file.MaxFileSize=10MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
PROPS

java_opts=(-server $heap -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
  "-Dlog4j.configuration=file:$work/log4j.properties" "-Dkafka.logs.dir=$logs")

# 4. Format the storage once (KRaft needs a cluster id and the metadata log).
if [[ ! -f "$data/meta.properties" ]]; then
  cluster_id="$(java -cp "$jars/*" "${java_opts[@]}" kafka.tools.StorageTool random-uuid | tail -n1)"
  say "formatting storage in $data (cluster id $cluster_id)"
  java -cp "$jars/*" "${java_opts[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$config" \
    >> "$logs/format.log" 2>&1 || fail "storage format failed; see $logs/format.log"
fi

# 5. Start in the background and wait until it answers.
say "starting Kafka broker on 127.0.0.1:$port (controller 127.0.0.1:$controller_port)"
nohup java -cp "$jars/*" "${java_opts[@]}" kafka.Kafka "$config" > "$logs/broker.out" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$pid_file"
if ! wait_ready "$pid" --warm-up; then
  say "last lines of $logs/broker.out and server.log:"
  tail -n 20 "$logs/broker.out" >&2 || true
  tail -n 40 "$logs/server.log" >&2 || true
  kill "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  fail "broker did not answer within ${timeout_s}s"
fi
say "ready (pid $pid); brokers: 127.0.0.1:$port"
