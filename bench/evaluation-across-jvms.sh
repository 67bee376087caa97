#!/usr/bin/env bash
# POST /evaluate/v1/boolean with auth off vs a Bearer token, when the two sides need two servers
# (the exclusion is per server): N fresh JVMs per side, alternated, each warmed up before measuring,
# so that per-JVM JIT luck averages out. Prints one line per JVM ("off|on <req/s> <p99>") and the
# medians. Loopback only, bounded runs; the token is a throwaway bench value.
#
# Usage: bench/evaluation-across-jvms.sh [jvms per side, default 4] [warm-up, default 30s] [measure, default 15s]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-4}
WARM=${2:-30s}
MEASURE=${3:-15s}
[ -f target/flagpost.jar ] || mvn -q -DskipTests package
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
TOKEN=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_')
LUA=$(mktemp)
cat > "$LUA" <<'LUA'
wrk.method = "POST"
wrk.body = '{"namespaceKey":"default","flagKey":"bench","entityId":"user-42","context":{"plan":"pro"}}'
wrk.headers["Content-Type"] = "application/json"
LUA

side() { # exclude_evaluation port use_bearer
  local d pid url; d=$(mktemp -d)
  printf 'authentication:\n  required: true\n  exclude: {evaluation: %s}\n  methods: {token: {enabled: true, bootstrap: {token: "${env:BENCH_TOKEN}"}}}\n' "$1" > "$d/config.yaml"
  BENCH_TOKEN=$TOKEN FLAGPOST_CONFIG=$d/config.yaml WLP_JAR_EXTRACT_DIR=$d/wlp FLAGPOST_DATA_DIR=$d/data FLAGPOST_HTTP_HOST=127.0.0.1 \
    FLAGPOST_HTTP_PORT=$2 FLAGPOST_GRPC_PORT=$(($2 + 1000)) java -Xmx512m -jar target/flagpost.jar > "$d/out.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 180); do curl -fs "http://127.0.0.1:$2/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"key":"bench","name":"Bench","type":"BOOLEAN_FLAG_TYPE","enabled":true}' "http://127.0.0.1:$2/api/v1/namespaces/default/flags"
  url=http://127.0.0.1:$2/evaluate/v1/boolean
  local h=(); [ -n "$3" ] && h=(-H "Authorization: Bearer $TOKEN")
  wrk -t2 -c16 -d"$WARM" -s "$LUA" "${h[@]}" "$url" >/dev/null
  wrk -t2 -c16 -d"$MEASURE" --latency -s "$LUA" "${h[@]}" "$url" | awk '/Requests\/sec/ {r=$2} $1 == "99%" {p=$2} END {print r, p}'
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$d"
}
off=(); on=()
for _ in $(seq 1 "$N"); do
  r=$(side true 18301 ""); echo "off $r"; off+=("${r%% *}")
  r=$(side false 18302 bearer); echo "on  $r"; on+=("${r%% *}")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m_off=$(median "${off[@]}"); m_on=$(median "${on[@]}")
printf 'median req/s: auth off %.0f, Bearer %.0f, ratio %.2f\n' "$m_off" "$m_on" "$(echo "$m_on / $m_off" | bc -l)"
rm -f "$LUA"
