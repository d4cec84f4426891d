#!/usr/bin/env bash
# A one-node Apache Kafka broker (KRaft: broker and controller in one JVM) on 127.0.0.1, for a local
# ledgerlearn cluster and the bench's cluster phase; the tests start their own (testing.KafkaBroker).
#
#   .ci/kafka-broker.sh start [DIR] [PORT]   # prints 127.0.0.1:PORT once the broker serves (default /tmp/ledgerlearn-kafka, 9092)
#   .ci/kafka-broker.sh stop  [DIR]
#
# The broker's jars are the org.apache.kafka:kafka_2.13 artifacts Maven resolves for the tests; their class path
# is written to target/kafka-broker.classpath by `mvn generate-test-resources`. The controller listens on PORT+1.
set -euo pipefail
cd "$(dirname "$0")/.."
command=${1:-}
dir=$(realpath -m "${2:-/tmp/ledgerlearn-kafka}")
port=${3:-9092}
case "$command" in
  start)
    if [ -f "$dir/broker.pid" ] && kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then
      echo "kafka-broker: already running (pid $(cat "$dir/broker.pid")) in $dir" >&2
      cat "$dir/bootstrap.servers"
      exit 0
    fi
    [ -s target/kafka-broker.classpath ] || mvn -B -q generate-test-resources
    classpath=$(cat target/kafka-broker.classpath)
    mkdir -p "$dir/data" "$dir/logs"
    rm -f "$dir/logs/ready.log"
    cat > "$dir/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$((port + 1))
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:$((port + 1))
log.dirs=$dir/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=2
file.delete.delay.ms=0
PROPERTIES
    java_flags=(-Xms256m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError
      "-Dlog4j2.configurationFile=$PWD/src/test/resources/ledgerlearn/testing/broker-log4j2.xml" "-Dkafka.logs.dir=$dir/logs")
    if [ ! -f "$dir/data/meta.properties" ]; then
      cluster_id=$(java -cp "$classpath" kafka.tools.StorageTool random-uuid)
      java "${java_flags[@]}" -cp "$classpath" kafka.tools.StorageTool format --cluster-id "$cluster_id" \
        --config "$dir/server.properties" --standalone >"$dir/logs/format.log"
    fi
    nohup java "${java_flags[@]}" -cp "$classpath" kafka.Kafka "$dir/server.properties" \
      >"$dir/logs/stdout.log" 2>"$dir/logs/stderr.log" </dev/null &
    echo $! >"$dir/broker.pid"
    for _ in $(seq 1 1200); do
      if grep -q "Kafka Server started" "$dir/logs/ready.log" 2>/dev/null; then
        echo "127.0.0.1:$port" | tee "$dir/bootstrap.servers"
        exit 0
      fi
      kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null || { echo "kafka-broker: the broker exited; see $dir/logs" >&2; tail -20 "$dir/logs/server.log" >&2 || true; exit 1; }
      sleep 0.1
    done
    echo "kafka-broker: not started within 120 s; see $dir/logs" >&2
    exit 1
    ;;
  stop)
    [ -f "$dir/broker.pid" ] || { echo "kafka-broker: none in $dir" >&2; exit 0; }
    pid=$(cat "$dir/broker.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do
      state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
      if [ -z "$state" ] || [[ "$state" == Z* ]]; then rm -f "$dir/broker.pid"; exit 0; fi
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/broker.pid"
    ;;
  *)
    echo "usage: .ci/kafka-broker.sh start|stop [DIR] [PORT]" >&2
    exit 2
    ;;
esac
