#!/usr/bin/env bash
# gRPC evaluation throughput with authentication off vs a Bearer token (the grpc-java load client in
# src/test/java/dev/flagpost/bench/GrpcLoad.java; loopback only, bounded runs).
#   auth off: flipt.evaluation.EvaluationService/Boolean on a server with exclude.evaluation: true
#   Bearer:   the same call on a server without the exclusion
# One server runs at a time (no other JVM competes for the two cores); each side is measured twice,
# alternating servers, after a warm-up.
#
# Usage: bench/grpc-evaluation.sh [seconds, default 15] [threads, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-15}
THREADS=${2:-16}
OUT=bench/results
mkdir -p "$OUT"
[ -f target/flagpost.jar ] && [ -d target/test-classes/dev/flagpost/bench ] || mvn -q -DskipTests package
CP_FILE=target/bench.classpath
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="target/test-classes:target/classes:$(cat "$CP_FILE")"

TOKEN=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_')
TMP=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$TMP"' EXIT

start() { # name http_port grpc_port exclude_evaluation
  cat > "$TMP/$1.yaml" <<YAML
authentication:
  required: true
  exclude:
    evaluation: $4
  methods:
    token:
      enabled: true
      bootstrap:
        token: "\${env:BENCH_TOKEN}"
YAML
  BENCH_TOKEN=$TOKEN FLAGPOST_CONFIG=$TMP/$1.yaml FLAGPOST_HTTP_PORT=$2 FLAGPOST_GRPC_PORT=$3 FLAGPOST_HTTP_HOST=127.0.0.1 \
    FLAGPOST_DATA_DIR=$TMP/data-$1-$RANDOM WLP_JAR_EXTRACT_DIR=$TMP/wlp-$1-$RANDOM java -Xmx512m -jar target/flagpost.jar > "$OUT/grpc-$1.log" 2>&1 &
  PIDS+=($!)
}
ready() { # http_port
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"key":"bench","name":"Bench","type":"BOOLEAN_FLAG_TYPE","enabled":true}' "http://127.0.0.1:$1/api/v1/namespaces/default/flags"
  curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"rank":1,"threshold":{"percentage":50,"value":false}}' "http://127.0.0.1:$1/api/v1/namespaces/default/flags/bench/rollouts"
}
load() { java -cp "$CP" dev.flagpost.bench.GrpcLoad "$@"; }

only() { # name http_port grpc_port exclude_evaluation
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; PIDS=()
  start "$@"; ready "$2"
}
off=(); on=()
for round in 1 2; do
  only open 18281 19281 true
  load 19281 10 "$THREADS" >/dev/null   # warm-up
  off+=("$(load 19281 "$SECONDS_PER_RUN" "$THREADS")")
  only required 18282 19282 false
  load 19282 10 "$THREADS" "$TOKEN" >/dev/null
  on+=("$(load 19282 "$SECONDS_PER_RUN" "$THREADS" "$TOKEN")")
done
rps() { awk '{print $2}' <<< "$1"; }
p99() { awk '{print $4}' <<< "$1"; }
off_mean=$(echo "($(rps "${off[0]}") + $(rps "${off[1]}")) / 2" | bc -l)
on_mean=$(echo "($(rps "${on[0]}") + $(rps "${on[1]}")) / 2" | bc -l)
printf '\n%-40s %12s %8s %10s\n' "run" "requests/s" "ratio" "p99"
printf '%-40s %12.0f %8s %10s\n' "gRPC Boolean, auth off" "$off_mean" "1.00" "$(p99 "${off[1]}")"
printf '%-40s %12.0f %8.2f %10s\n' "gRPC Boolean, Bearer" "$on_mean" "$(echo "$on_mean / $off_mean" | bc -l)" "$(p99 "${on[1]}")"
