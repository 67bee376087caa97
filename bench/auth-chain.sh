#!/usr/bin/env bash
# Measures what the authentication chain costs on every request (wrk, loopback only, bounded runs).
#
#   probe:      GET /evaluate/v1/_probe (auth off via exclude.evaluation) vs GET /api/v1/_probe with a
#               Bearer token, on the same server, token cache on; then again with the cache off.
#   evaluation: POST /evaluate/v1/boolean with auth off (exclude.evaluation) vs with a Bearer token
#               (two servers run one after the other, same flag), with p99 latencies.
#
# Usage: bench/auth-chain.sh [duration, default 20s] [connections, default 16]
# Needs target/flagpost.jar (mvn -DskipTests package) and wrk (installed from Debian if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20s}
CONNECTIONS=${2:-16}
JAR=target/flagpost.jar
OUT=bench/results
mkdir -p "$OUT"

[ -f "$JAR" ] || mvn -q -DskipTests package
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

# A throwaway token for this run only (never committed).
TOKEN=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_')
TMP=$(mktemp -d)
config() { # exclude_evaluation
  cat > "$TMP/config-$1.yaml" <<YAML
authentication:
  required: true
  exclude:
    evaluation: $1
  methods:
    token:
      enabled: true
      bootstrap:
        token: "\${env:BENCH_TOKEN}"
YAML
  echo "$TMP/config-$1.yaml"
}
cat > "$TMP/boolean.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"namespaceKey":"default","flagKey":"bench","entityId":"user-42","context":{"plan":"pro"}}'
wrk.headers["Content-Type"] = "application/json"
LUA

PID=
stop() { [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; PID=; }
trap 'stop; rm -rf "$TMP"' EXIT

start() { # name port exclude_evaluation cache_ttl
  stop
  BENCH_TOKEN=$TOKEN FLAGPOST_CONFIG=$(config "$3") FLAGPOST_HTTP_PORT=$2 FLAGPOST_HTTP_HOST=127.0.0.1 \
    FLAGPOST_AUTH_CACHE_TTL=$4 FLAGPOST_DATA_DIR=$TMP/data-$1 WLP_JAR_EXTRACT_DIR=$TMP/wlp-$1 \
    java -Xmx512m -jar "$JAR" > "$OUT/$1.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$2/health/ready" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://127.0.0.1:$2/health/ready" >/dev/null || { echo "server $1 did not start; see $OUT/$1.log" >&2; exit 1; }
  # A boolean flag with a 50% threshold rollout to evaluate.
  curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"key":"bench","name":"Bench","type":"BOOLEAN_FLAG_TYPE","enabled":true}' "http://127.0.0.1:$2/api/v1/namespaces/default/flags"
  curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"rank":1,"threshold":{"percentage":50,"value":false}}' "http://127.0.0.1:$2/api/v1/namespaces/default/flags/bench/rollouts"
}

run() { # label url [header] [script]
  local args=(-t2 -c"$CONNECTIONS" --latency)
  [ -n "${3:-}" ] && args+=(-H "$3")
  [ -n "${4:-}" ] && args+=(-s "$4")
  wrk "${args[@]}" -d5s "$2" >/dev/null   # warm-up
  wrk "${args[@]}" -d"$DURATION" "$2" > "$OUT/$1.txt"
  awk '/Requests\/sec/ {print $2}' "$OUT/$1.txt"
}
p99() { awk '$1 == "99%" {print $2}' "$OUT/$1.txt"; }
ratio() { echo "$1 / $2" | bc -l; }

start open 18181 true 10s
probe_off=$(run probe-off http://127.0.0.1:18181/evaluate/v1/_probe)
probe_cached=$(run probe-bearer-cached http://127.0.0.1:18181/api/v1/_probe "Authorization: Bearer $TOKEN")
eval_off=$(run eval-off http://127.0.0.1:18181/evaluate/v1/boolean "" "$TMP/boolean.lua")

start required 18182 false 10s
eval_on=$(run eval-bearer http://127.0.0.1:18182/evaluate/v1/boolean "Authorization: Bearer $TOKEN" "$TMP/boolean.lua")

start uncached 18183 true 0s
probe_off2=$(run probe-off-2 http://127.0.0.1:18183/evaluate/v1/_probe)
probe_uncached=$(run probe-bearer-uncached http://127.0.0.1:18183/api/v1/_probe "Authorization: Bearer $TOKEN")
stop

printf '\n%-36s %12s %8s %10s\n' "run" "requests/s" "ratio" "p99"
printf '%-36s %12.0f %8s %10s\n' "probe, auth off" "$probe_off" "1.00" "$(p99 probe-off)"
printf '%-36s %12.0f %8.2f %10s\n' "probe, Bearer, cache on" "$probe_cached" "$(ratio "$probe_cached" "$probe_off")" "$(p99 probe-bearer-cached)"
printf '%-36s %12.0f %8s %10s\n' "probe, auth off (2nd server)" "$probe_off2" "1.00" "$(p99 probe-off-2)"
printf '%-36s %12.0f %8.2f %10s\n' "probe, Bearer, cache off (database)" "$probe_uncached" "$(ratio "$probe_uncached" "$probe_off2")" "$(p99 probe-bearer-uncached)"
printf '%-36s %12.0f %8s %10s\n' "evaluate/v1/boolean, auth off" "$eval_off" "1.00" "$(p99 eval-off)"
printf '%-36s %12.0f %8.2f %10s\n' "evaluate/v1/boolean, Bearer" "$eval_on" "$(ratio "$eval_on" "$eval_off")" "$(p99 eval-bearer)"
