#!/usr/bin/env bash
# Runs llmgate on Payara Micro in the foreground (Ctrl-C / SIGTERM stops it gracefully: open chats
# finish, queued writes are flushed, then the embedded database stops).
# With no LLMGATE_DB_URL it starts an embedded PostgreSQL whose data lives in $LLMGATE_DATA_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

export LLMGATE_HTTP_PORT="${LLMGATE_HTTP_PORT:-8080}"
export LLMGATE_DATA_DIR="${LLMGATE_DATA_DIR:-$HOME/.llmgate}"
mkdir -p "$LLMGATE_DATA_DIR"
chmod 700 "$LLMGATE_DATA_DIR"

if [[ ! -f target/llmgate.war || ! -f target/payara-micro.jar || ! -d target/embedded-db ]]; then
  echo "Building llmgate (first run)..."
  mvn -q -DskipTests package
fi

children=()
# Stops the children newest first: Payara drains its open chats and flushes its writes while the
# database it writes to still runs, then the database stops.
stop() {
  for ((i = ${#children[@]} - 1; i >= 0; i--)); do
    kill -TERM "${children[i]}" 2>/dev/null || true
    wait "${children[i]}" 2>/dev/null || true
  done
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z "${LLMGATE_DB_URL:-}" ]]; then
  db_port="${LLMGATE_EMBEDDED_DB_PORT:-54329}"
  db_log="$LLMGATE_DATA_DIR/embedded-db.log"
  echo "No LLMGATE_DB_URL: starting the embedded PostgreSQL (data in $LLMGATE_DATA_DIR/postgres, 127.0.0.1:$db_port)"
  # a background child of a script ignores SIGINT, so a Ctrl-C reaches only this script, which then
  # stops the children in order (a Ctrl-C delivered to all at once would stop the database mid-drain)
  java -cp "target/embedded-db/*" payara/EmbeddedDatabase.java "$LLMGATE_DATA_DIR" "$db_port" >"$db_log" 2>&1 &
  children+=($!)
  for _ in $(seq 1 300); do
    if grep -q '^LLMGATE_DB_URL=' "$db_log"; then break; fi
    if ! kill -0 "${children[0]}" 2>/dev/null; then echo "Embedded database failed:"; cat "$db_log"; exit 1; fi
    sleep 0.2
  done
  export LLMGATE_DB_URL="$(grep '^LLMGATE_DB_URL=' "$db_log" | head -1 | cut -d= -f2-)"
  export LLMGATE_DB_USER=postgres
  LLMGATE_DB_PASSWORD="$(cat "$(grep '^LLMGATE_DB_PASSWORD_FILE=' "$db_log" | head -1 | cut -d= -f2-)")"
  export LLMGATE_DB_PASSWORD
fi

# One deployment per start: Payara Micro keeps what a --rootdir held (domain.xml, deployed
# applications) and redeploys it before --deploy deploys the WAR again, so every start-up bean ran
# twice and the app answered 404 in between. The root directory holds nothing of llmgate's own
# state (that is in PostgreSQL and $LLMGATE_DATA_DIR), so each start gets a fresh one.
payara_root="$LLMGATE_DATA_DIR/payara"
rm -rf "$payara_root"

# The JDK HttpClient finishes every call it starts with a task on the JDK's common pool; with 2
# cores or fewer that pool has one thread and the JDK starts a new thread per task instead, that
# is a thread per upstream call (issue 16). Two workers at least, unless LLMGATE_JAVA_OPTS says.
common_pool=()
if [[ "${LLMGATE_JAVA_OPTS:-}" != *ForkJoinPool.common.parallelism* ]]; then
  cores=$(nproc 2>/dev/null || echo 2)
  common_pool=("-Djava.util.concurrent.ForkJoinPool.common.parallelism=$(( cores > 3 ? cores - 1 : 2 ))")
fi

# A single instance opens no data-grid (Hazelcast, port 6900) port: --nohazelcast.
java ${LLMGATE_JAVA_OPTS:-} "${common_pool[@]}" -jar target/payara-micro.jar \
  --nohazelcast \
  --port "$LLMGATE_HTTP_PORT" \
  --contextroot llmgate \
  --rootdir "$payara_root" \
  --deploy target/llmgate.war &
children+=($!)
payara_pid=$!

# One line when llmgate can serve: MicroProfile Health readiness, at the root of the HTTP port.
ready_url="http://127.0.0.1:$LLMGATE_HTTP_PORT/health/ready"
if command -v curl >/dev/null; then
  (
    until curl -fsS -o /dev/null --max-time 2 "$ready_url" 2>/dev/null; do
      kill -0 "$payara_pid" 2>/dev/null || exit 0
      sleep 0.2
    done
    echo "llmgate is ready: http://localhost:$LLMGATE_HTTP_PORT/llmgate/ (readiness $ready_url)"
  ) &
fi
wait "$payara_pid"
