#!/usr/bin/env bash
# Measures what the authentication chain costs on every request (wrk, loopback only, bounded runs).
#
#   probe:      GET /evaluate/v1/_probe (auth off via exclude.evaluation) vs GET /api/v1/_probe with a
#               Bearer token, on the same server, token cache on; then again with the cache off.
#   evaluation: POST /evaluate/v1/boolean with auth off (exclude.evaluation) vs with a Bearer token
#               (a second server without the exclusion), with p99 latencies.
# One server runs at a time; the evaluation pair runs on two servers, alternately, twice each.
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

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$TMP"' EXIT

start() { # name port exclude_evaluation cache_ttl
  BENCH_TOKEN=$TOKEN FLAGPOST_CONFIG=$(config "$3") FLAGPOST_HTTP_PORT=$2 FLAGPOST_GRPC_PORT=$(($2 + 1000)) FLAGPOST_HTTP_HOST=127.0.0.1 \
    FLAGPOST_AUTH_CACHE_TTL=$4 FLAGPOST_DATA_DIR=$TMP/data-$1-$RANDOM WLP_JAR_EXTRACT_DIR=$TMP/wlp-$1-$RANDOM \
    java -Xmx512m -jar "$JAR" > "$OUT/$1.log" 2>&1 &
  PIDS+=($!)
}

ready() { # port
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null || { echo "server on $1 did not start; see $OUT/" >&2; exit 1; }
  # A boolean flag with a 50% threshold rollout to evaluate.
  curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"key":"bench","name":"Bench","type":"BOOLEAN_FLAG_TYPE","enabled":true}' "http://127.0.0.1:$1/api/v1/namespaces/default/flags"
  curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"rank":1,"threshold":{"percentage":50,"value":false}}' "http://127.0.0.1:$1/api/v1/namespaces/default/flags/bench/rollouts"
}

# name -> "url|header|script"
declare -A RUNS=(
  [probe-off]="http://127.0.0.1:18181/evaluate/v1/_probe||"
  [probe-bearer-cached]="http://127.0.0.1:18181/api/v1/_probe|Authorization: Bearer $TOKEN|"
  [probe-off-2]="http://127.0.0.1:18183/evaluate/v1/_probe||"
  [probe-bearer-uncached]="http://127.0.0.1:18183/api/v1/_probe|Authorization: Bearer $TOKEN|"
  [eval-off]="http://127.0.0.1:18181/evaluate/v1/boolean||$TMP/boolean.lua"
  [eval-bearer]="http://127.0.0.1:18182/evaluate/v1/boolean|Authorization: Bearer $TOKEN|$TMP/boolean.lua"
)
ORDER=(probe-off probe-bearer-cached probe-off-2 probe-bearer-uncached eval-off eval-bearer)

wrk_args() { # name
  IFS='|' read -r url header script <<< "${RUNS[$1]}"
  local args=(-t2 -c"$CONNECTIONS" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  [ -n "$script" ] && args+=(-s "$script")
  echo "${args[@]@Q} ${url@Q}"
}
run() { # name duration output
  eval "wrk -d$2 $(wrk_args "$1")" > "$3"
}

# One server at a time, so that no other JVM competes for the two cores. Within a server, every
# pair is measured back to back, twice, after a JIT warm-up, and the means are compared.
declare -A RPS
measure() { # names...
  for name in "$@"; do run "$name" "${WARMUP:-10s}" /dev/null; done   # JIT warm-up (WARMUP=30s for steadier numbers)
  for round in 1 2; do
    for name in "$@"; do
      run "$name" "$DURATION" "$OUT/$name-$round.txt"
      RPS[$name]="${RPS[$name]:-0} + $(awk '/Requests\/sec/ {print $2}' "$OUT/$name-$round.txt")"
    done
  done
}
only() { # name port exclude cache_ttl
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; PIDS=()
  start "$@"; ready "$2"
}
only open 18181 true 10s;      measure probe-off probe-bearer-cached eval-off
only required 18182 false 10s; measure eval-bearer
only open 18181 true 10s;      measure eval-off
only required 18182 false 10s; measure eval-bearer
only uncached 18183 true 0s;   measure probe-off-2 probe-bearer-uncached

mean() { echo "(${RPS[$1]}) / $(grep -o '+' <<< "${RPS[$1]}" | wc -l)" | bc -l; }
p99() { awk '$1 == "99%" {print $2}' "$OUT/$1-2.txt"; }
ratio() { echo "$(mean "$1") / $(mean "$2")" | bc -l; }
probe_off=$(mean probe-off); probe_cached=$(mean probe-bearer-cached)
probe_off2=$(mean probe-off-2); probe_uncached=$(mean probe-bearer-uncached)
eval_off=$(mean eval-off); eval_on=$(mean eval-bearer)

printf '\n%-36s %12s %8s %10s\n' "run" "requests/s" "ratio" "p99"
printf '%-36s %12.0f %8s %10s\n' "probe, auth off" "$probe_off" "1.00" "$(p99 probe-off)"
printf '%-36s %12.0f %8.2f %10s\n' "probe, Bearer, cache on" "$probe_cached" "$(ratio probe-bearer-cached probe-off)" "$(p99 probe-bearer-cached)"
printf '%-36s %12.0f %8s %10s\n' "probe, auth off (2nd server)" "$probe_off2" "1.00" "$(p99 probe-off-2)"
printf '%-36s %12.0f %8.2f %10s\n' "probe, Bearer, cache off (database)" "$probe_uncached" "$(ratio probe-bearer-uncached probe-off-2)" "$(p99 probe-bearer-uncached)"
printf '%-36s %12.0f %8s %10s\n' "evaluate/v1/boolean, auth off" "$eval_off" "1.00" "$(p99 eval-off)"
printf '%-36s %12.0f %8.2f %10s\n' "evaluate/v1/boolean, Bearer" "$eval_on" "$(ratio eval-bearer eval-off)" "$(p99 eval-bearer)"
