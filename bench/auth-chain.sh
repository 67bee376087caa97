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
#   WARMUP=10s (JIT warm-up per scenario and server; WARMUP=30s for steadier numbers)
#   PASSES=1 measures the evaluation pair on one server each instead of two (3 server starts, not 5)
# bench/run-all.sh does not run it: bench/anchors.sh measures the probe pairs in more paired rounds.
# Needs the bench jar (target/bench/flagpost.jar: mvn -Pbench package, built when missing; see lib.sh)
# and wrk (installed from Debian if missing).
. "$(dirname "$0")/lib.sh"
DURATION=${1:-20s}
BENCH_CONNECTIONS=${2:-16}
OUT=$BENCH_OUT
bench_build
bench_need wrk
BENCH_TOKEN=$(bench_token)
TOKEN=$BENCH_TOKEN
LUA=$(bench_boolean_lua)

# name -> "url|header|script"
declare -A RUNS=(
  [probe-off]="http://127.0.0.1:18181/evaluate/v1/_probe||"
  [probe-bearer-cached]="http://127.0.0.1:18181/api/v1/_probe|Authorization: Bearer $TOKEN|"
  [probe-off-2]="http://127.0.0.1:18183/evaluate/v1/_probe||"
  [probe-bearer-uncached]="http://127.0.0.1:18183/api/v1/_probe|Authorization: Bearer $TOKEN|"
  [eval-off]="http://127.0.0.1:18181/evaluate/v1/boolean||$LUA"
  [eval-bearer]="http://127.0.0.1:18182/evaluate/v1/boolean|Authorization: Bearer $TOKEN|$LUA"
)

run() { # name duration output -> "requests/s p99-ms"
  local url header script args=()
  IFS='|' read -r url header script <<< "${RUNS[$1]}"
  [ -n "$header" ] && args+=(-H "$header")
  [ -n "$script" ] && args+=(-s "$script")
  bench_wrk "$url" "$2" "$3" "${args[@]}"
}

# One server at a time, so that no other JVM competes for the two cores. Within a server, every
# pair is measured back to back, twice, after a JIT warm-up, and the means are compared.
declare -A RPS ROUND
measure() { # names...
  local name round r p res
  for name in "$@"; do run "$name" "${WARMUP:-10s}" "$BENCH_TMP/warm.txt" >/dev/null; done
  for round in 1 2; do
    for name in "$@"; do
      res=$(run "$name" "$DURATION" "$OUT/$name-$round.txt") || exit 1
      read -r r p <<< "$res"
      RPS[$name]+="$r "
      ROUND[$name]=$((${ROUND[$name]:-0} + 1))
      bench_record auth-chain "$name" "${ROUND[$name]}" "$r" "$p"
    done
  done
}
warm() { # name times: extra JIT warm-up runs
  local i
  for i in $(seq 1 "$2"); do run "$1" "${WARMUP:-10s}" "$BENCH_TMP/warm.txt" >/dev/null; done
}
only() { # name port exclude cache_ttl
  bench_only "$1" "$2" "$(bench_config "$1" "$3")" "$4"
  bench_seed_boolean "$2"
}
only open 18181 true 10s;      measure probe-off probe-bearer-cached eval-off
# A server started for one scenario is colder than the open server, which has run three warm-ups
# and the probe rounds by now (throughput still doubles over the first ~50 s of load): warm it as long.
only required 18182 false 10s; warm eval-bearer 5; measure eval-bearer
if [ "${PASSES:-2}" -ge 2 ]; then
  only open 18181 true 10s;      measure eval-off
  only required 18182 false 10s; warm eval-bearer 5; measure eval-bearer
fi
only uncached 18183 true 0s;   measure probe-off-2 probe-bearer-uncached
bench_stop_all

mean() { bench_mean "${RPS[$1]}"; }
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
