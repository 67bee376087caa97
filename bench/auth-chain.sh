#!/usr/bin/env bash
# Measures what the authentication chain costs on every request.
#
# One server runs with `required: true` and `exclude.evaluation: true`, so the same trivial
# endpoint is served twice by the same JVM: /evaluate/v1/_probe with authentication off, and
# /api/v1/_probe with a Bearer token. A second server repeats the token run with the token cache
# off (FLAGPOST_AUTH_CACHE_TTL=0), so every request reads the database.
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
CONFIG=$(mktemp -d)/config.yaml
cat > "$CONFIG" <<YAML
authentication:
  required: true
  exclude:
    evaluation: true
  methods:
    token:
      enabled: true
      bootstrap:
        token: "\${env:BENCH_TOKEN}"
YAML

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start() { # name port cache_ttl
  local dir; dir=$(mktemp -d)
  BENCH_TOKEN=$TOKEN FLAGPOST_CONFIG=$CONFIG FLAGPOST_HTTP_PORT=$2 FLAGPOST_HTTP_HOST=127.0.0.1 \
    FLAGPOST_AUTH_CACHE_TTL=$3 WLP_JAR_EXTRACT_DIR=$dir java -Xmx512m -jar "$JAR" > "$OUT/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$2/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "server $1 did not start; see $OUT/$1.log" >&2; exit 1
}

run() { # label url [header]
  local args=(-t2 -c"$CONNECTIONS" -d"$DURATION" --latency)
  [ -n "${3:-}" ] && args+=(-H "$3")
  wrk "${args[@]}" -d5s "$2" >/dev/null   # warm-up
  wrk "${args[@]}" "$2" > "$OUT/$1.txt"
  awk '/Requests\/sec/ {print $2}' "$OUT/$1.txt"
}

start cached 18181 10s
off=$(run auth-off http://127.0.0.1:18181/evaluate/v1/_probe)
cached=$(run bearer-cached http://127.0.0.1:18181/api/v1/_probe "Authorization: Bearer $TOKEN")
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

start uncached 18182 0s
off2=$(run auth-off-2 http://127.0.0.1:18182/evaluate/v1/_probe)
uncached=$(run bearer-uncached http://127.0.0.1:18182/api/v1/_probe "Authorization: Bearer $TOKEN")

printf '\n%-28s %12s %8s\n' "run" "requests/s" "ratio"
printf '%-28s %12.0f %8s\n' "auth off (server 1)" "$off" "1.00"
printf '%-28s %12.0f %8.2f\n' "Bearer, cache on" "$cached" "$(echo "$cached / $off" | bc -l)"
printf '%-28s %12.0f %8s\n' "auth off (server 2)" "$off2" "1.00"
printf '%-28s %12.0f %8.2f\n' "Bearer, cache off (DB)" "$uncached" "$(echo "$uncached / $off2" | bc -l)"
echo "p99 latencies:"; grep -H " 99%" "$OUT"/*.txt
