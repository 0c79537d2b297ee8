#!/usr/bin/env bash
# One command for the relay benchmark (issue 16, docs/performance.md): builds the WAR, starts an
# embedded PostgreSQL, a prepared-answer upstream and llmgate on Payara Micro, measures the same
# calls direct and through llmgate in one run, and prints the table (also kept in
# target/bench-report.md). Not part of `mvn verify`.
#
#   bench/run.sh                                  # the full run (4–6 minutes on 2 busy cores)
#   bench/run.sh -Dbench.warmup=200 -Dbench.slow=500 -o   # smaller and offline
#   bench/run.sh -Dllmgate.server.jvmOptions=-XX:StartFlightRecording=filename=target/llmgate.jfr,settings=profile
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f target/bench-report.md
mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RelayOverheadBenchmark "$@" \
  | grep -vE '^\[INFO\] (Download|Copying|Building|---|$)' || true
if [[ -f target/bench-report.md ]]; then
  echo; cat target/bench-report.md
else
  echo "the benchmark did not finish; see target/failsafe-reports and target/it-logs" >&2
  exit 1
fi
