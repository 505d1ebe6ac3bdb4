#!/usr/bin/env bash
# npm run start:distributed — the distributed mode on this machine (docs/distributed.md):
#   1. the Kafka broker of infra/kafka (unless KAFKA_BROKERS names one already), 2. a check that
#   PostgreSQL answers, 3. a token key pair under data/distributed (once), 4. the declaration,
#   review and certification services as three processes on ports 3001, 3002, 3003, each
#   waited for on /health. Ctrl-C stops the services, and the broker if this script started it.
#
# Environment (optional): DECLARATION_PORT REVIEW_PORT CERTIFICATION_PORT, DATABASE_URL,
# DATABASE_SCHEMA, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, DISTRIBUTED_DATA_DIR (default data/distributed),
# AUTH_PUBLIC_KEY (then no key pair is made), FAKE_NOW / CLOCK_OFFSET_DAYS (demos only).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
say() { printf '[distributed] %s\n' "$*"; }
fail() { printf '[distributed] ERROR: %s\n' "$*" >&2; exit 1; }

data_dir="${DISTRIBUTED_DATA_DIR:-data/distributed}"
kafka_work="${KAFKA_WORK_DIR:-$root/infra/kafka/.work}"
export EVENT_STORE=postgres
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export DATABASE_SCHEMA="${DATABASE_SCHEMA:-event_store}"
declare -A ports=([declaration]="${DECLARATION_PORT:-3001}" [review]="${REVIEW_PORT:-3002}" [certification]="${CERTIFICATION_PORT:-3003}")
services=(declaration review certification)
pids=()
started_broker=false

stop_all() {
  trap - EXIT INT TERM
  if ((${#pids[@]} > 0)); then
    say "stopping the services"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  if $started_broker; then
    say "stopping the Kafka broker this script started"
    bash infra/kafka/stop.sh || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# 1. Kafka
if [[ -n "${KAFKA_BROKERS:-}" ]]; then
  say "using the Kafka broker(s) at $KAFKA_BROKERS"
else
  running=false
  if [[ -f "$kafka_work/kafka.pid" ]] && kill -0 "$(cat "$kafka_work/kafka.pid")" 2>/dev/null; then running=true; fi
  bash infra/kafka/start.sh || fail "the Kafka broker did not start (see above, and docs/kafka.md)"
  $running || started_broker=true
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT:-19092}"
fi

# 2. PostgreSQL
node -e '
  const { Client } = require("pg");
  const c = new Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 3000 });
  c.connect().then(() => c.query("SELECT 1")).then(() => c.end(), (e) => { console.error(e.message); process.exit(1); });
' || fail "PostgreSQL does not answer at $DATABASE_URL (start it: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)"
say "PostgreSQL answers; event store schema $DATABASE_SCHEMA"

# 3. Tokens: the services verify with the public key; npm run tokens signs with the private one
if [[ -z "${AUTH_PUBLIC_KEY:-}" && "${AUTH_DEV_TOKENS:-}" != "true" ]]; then
  if [[ ! -f "$data_dir/dev-token-issuer.pub.pem" ]]; then
    say "creating the local token key pair in $data_dir"
    node tools/scripts/run-ts.js tools/cli/src/tokens.ts --data-dir "$data_dir" --role AUDITOR > /dev/null
  fi
  AUTH_PUBLIC_KEY="$(cat "$data_dir/dev-token-issuer.pub.pem")"
  export AUTH_PUBLIC_KEY
fi

# 4. The three services
for svc in "${services[@]}"; do
  PORT="${ports[$svc]}" KAFKA_CLIENT_ID="${KAFKA_CLIENT_ID:-bj-$svc}" DATA_DIR="$data_dir" \
    node --max-semi-space-size=64 tools/scripts/run-ts.js "apps/$svc/src/main.ts" > >(sed -u "s/^/[$svc] /") 2>&1 &
  pids+=($!)
done
for i in "${!services[@]}"; do
  svc="${services[$i]}"
  url="http://127.0.0.1:${ports[$svc]}/health"
  for _ in $(seq 1 120); do
    kill -0 "${pids[$i]}" 2>/dev/null || fail "the $svc service exited during start (see its output above)"
    if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url"; then continue 2; fi
    sleep 0.5
  done
  fail "the $svc service did not answer on $url within 60 s"
done

cat <<INFO

[distributed] ready: three service processes, one event store ($DATABASE_SCHEMA), Kafka at $KAFKA_BROKERS
  declaration    http://localhost:${ports[declaration]}/docs     /health   /health/messaging
  review         http://localhost:${ports[review]}/docs     /health   /health/messaging
  certification  http://localhost:${ports[certification]}/docs     /health   /health/messaging
  tokens         npm run -s tokens -- --data-dir $data_dir --user applicant-li-ming
  stop           Ctrl-C

INFO
set +e
wait -n "${pids[@]}"
code=$?
say "a service stopped (exit $code); stopping the others"
exit "$code"
