#!/usr/bin/env bash
# Runs llmgate on Payara Micro in the foreground (Ctrl-C / SIGTERM stops it).
# With no LLMGATE_DB_URL it starts an embedded PostgreSQL whose data lives in $LLMGATE_DATA_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

export LLMGATE_HTTP_PORT="${LLMGATE_HTTP_PORT:-8080}"
export LLMGATE_DATA_DIR="${LLMGATE_DATA_DIR:-$HOME/.llmgate}"
mkdir -p "$LLMGATE_DATA_DIR"

if [[ ! -f target/llmgate.war || ! -f target/payara-micro.jar || ! -d target/embedded-db ]]; then
  echo "Building llmgate (first run)..."
  mvn -q -DskipTests package
fi

children=()
stop() {
  for pid in "${children[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'exit 130' INT TERM

if [[ -z "${LLMGATE_DB_URL:-}" ]]; then
  db_port="${LLMGATE_EMBEDDED_DB_PORT:-54329}"
  db_log="$LLMGATE_DATA_DIR/embedded-db.log"
  echo "No LLMGATE_DB_URL: starting the embedded PostgreSQL (data in $LLMGATE_DATA_DIR/postgres, port $db_port)"
  java -cp "target/embedded-db/*" payara/EmbeddedDatabase.java "$LLMGATE_DATA_DIR" "$db_port" >"$db_log" 2>&1 &
  children+=($!)
  for _ in $(seq 1 300); do
    if grep -q '^LLMGATE_DB_URL=' "$db_log"; then break; fi
    if ! kill -0 "${children[0]}" 2>/dev/null; then echo "Embedded database failed:"; cat "$db_log"; exit 1; fi
    sleep 0.2
  done
  export LLMGATE_DB_URL="$(grep '^LLMGATE_DB_URL=' "$db_log" | head -1 | cut -d= -f2-)"
  export LLMGATE_DB_USER=postgres LLMGATE_DB_PASSWORD=postgres
fi

java ${LLMGATE_JAVA_OPTS:-} -jar target/payara-micro.jar \
  --nocluster \
  --port "$LLMGATE_HTTP_PORT" \
  --contextroot llmgate \
  --rootdir "$LLMGATE_DATA_DIR/payara" \
  --deploy target/llmgate.war &
children+=($!)
wait "${children[-1]}"
