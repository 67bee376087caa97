#!/usr/bin/env bash
# How soon a freshly started server reaches steady throughput: from the first request on, HTTP
# boolean evaluation (Bearer) at 16 connections in back-to-back slices, on a server that answered
# nothing before but its readiness probe and the seeding of one flag. Loopback only, one server.
#
# Prints each slice's requests/s and p99, the steady rate (median of the last 3 slices) and the time
# from the first request until a slice first reaches 90 % of it and every later slice stays there.
#
# Usage: bench/warm-up.sh [slice seconds, default 5] [slices, default 14]
#   JAVA_OPTS: extra JVM options for the server (to compare, e.g. -XX:TieredStopAtLevel=1)
#   JAVA: the java command (default: java on the PATH)
. "$(dirname "$0")/lib.sh"
SLICE=${1:-5}
SLICES=${2:-14}
bench_build
bench_need h2load

BENCH_TOKEN=$(bench_token)
HTTP=$(bench_port 18741)
bench_stop_all
BENCH_LOG="$BENCH_OUT/warm-up.log"
BENCH_TOKEN=$BENCH_TOKEN FLAGPOST_CONFIG=$(bench_config warm-up false) FLAGPOST_HTTP_PORT=$HTTP FLAGPOST_GRPC_PORT=$((HTTP + 1000)) \
  FLAGPOST_HTTP_HOST=127.0.0.1 FLAGPOST_DATA_DIR=$BENCH_TMP/data-warm-up WLP_JAR_EXTRACT_DIR=$BENCH_TMP/wlp-warm-up \
  bench_spawn "${JAVA:-java}" -Xmx512m ${JAVA_OPTS:-} -jar "$BENCH_JAR"
bench_ready "$HTTP"
bench_seed_boolean "$HTTP"
python3 -c 'import json; print(json.dumps({"namespaceKey": "default", "flagKey": "bench", "entityId": "user-42", "context": {"plan": "pro"}}))' \
  > "$BENCH_TMP/boolean.json"

RATES=()
for i in $(seq 1 "$SLICES"); do
  read -r rps p99 <<< "$(bench_h2load "warm-up-$i" "$SLICE" --h1 -H "authorization: Bearer $BENCH_TOKEN" \
    -H content-type:application/json -d "$BENCH_TMP/boolean.json" "http://127.0.0.1:$HTTP/evaluate/v1/boolean")"
  RATES+=("$rps")
  bench_record warm-up "slice-$i" 1 "$rps" "$p99"
  printf 'slice %2d  %3d-%3d s  %8.0f req/s  p99 %7s ms\n' "$i" $(((i - 1) * SLICE)) $((i * SLICE)) "$rps" "$p99"
done
bench_stop_all

steady=$(bench_median "${RATES[*]: -3}")
at=""
for ((i = ${#RATES[@]} - 1; i >= 0; i--)); do
  awk -v r="${RATES[$i]}" -v s="$steady" 'BEGIN { exit !(r >= 0.9 * s) }' || break
  at=$((i * SLICE))
done
printf '\nsteady %.0f req/s (median of the last 3 slices); within 10 %% of it from %s s after the first request on\n' \
  "$steady" "${at:-never}"
first=""
for i in "${!RATES[@]}"; do
  awk -v r="${RATES[$i]}" -v s="$steady" 'BEGIN { exit !(r >= 0.9 * s) }' && { first=$(((i + 1) * SLICE)); break; }
done
echo "first slice at 90 % of it ends ${first:-never} s after the first request"
echo "(2 cores, loopback, ${BENCH_CONNECTIONS:-16} connections, ${SLICE}s slices, $("${JAVA:-java}" -version 2>&1 | head -1), JAVA_OPTS='${JAVA_OPTS:-}', $(date -u +%F))"
