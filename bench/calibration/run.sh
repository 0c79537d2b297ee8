#!/usr/bin/env bash
# Client calibration (issue 16, docs/performance.md): opens 2,000 slow streams at once against the
# benchmark's upstream (BenchUpstream), round after round, with the JDK HTTP client as llmgate
# configures it, with Vert.x's and with Jetty's, and prints each round's first token and the CPU
# the process (client and upstream) spent per stream. Not part of `mvn verify`.
#
#   bench/calibration/run.sh                       # 8 rounds of each
#   CLIENTS=jdk,jetty bench/calibration/run.sh 4 -o  # 4 rounds of two of them, offline
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-8}"
shift || true
mvn -B -q test-compile "$@"
mvn -B -q -f bench/calibration/pom.xml dependency:build-classpath -Dmdep.outputFile=target/calibration-cp.txt "$@"
cp="target/test-classes:$(cat bench/calibration/target/calibration-cp.txt)"
mkdir -p target/calibration-classes
javac -d target/calibration-classes -cp "$cp" bench/calibration/ClientCalibration.java
java -Xmx2g -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
  -cp "target/calibration-classes:$cp" org.llmgate.system.ClientCalibration "$rounds" "${CLIENTS:-jdk,vertx,jetty}"
