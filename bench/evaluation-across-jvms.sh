#!/usr/bin/env bash
# POST /evaluate/v1/boolean with auth off vs a Bearer token, when the two sides need two servers
# (the exclusion is per server): N fresh JVMs per side, alternated, each warmed up before measuring,
# so that per-JVM JIT luck averages out. Prints one line per JVM ("off|on <req/s> <p99>") and the
# medians. Loopback only, bounded runs; the token is a throwaway bench value.
#
# Usage: bench/evaluation-across-jvms.sh [jvms per side, default 4] [warm-up, default 30s] [measure, default 15s]
. "$(dirname "$0")/lib.sh"
N=${1:-4}
WARM=${2:-30s}
MEASURE=${3:-15s}
bench_build
bench_need wrk
BENCH_TOKEN=$(bench_token)
LUA=$(bench_boolean_lua)

side() { # exclude_evaluation port use_bearer -> RESULT="<req/s> <p99>"
  local url h=()
  bench_only "jvms-$1" "$2" "$(bench_config "jvms-$1" "$1")"
  bench_seed_boolean "$2"
  url=http://127.0.0.1:$2/evaluate/v1/boolean
  [ -n "$3" ] && h=(-H "Authorization: Bearer $BENCH_TOKEN")
  bench_wrk "$url" "$WARM" "$BENCH_TMP/warm.txt" -s "$LUA" "${h[@]}" >/dev/null
  bench_wrk "$url" "$MEASURE" "$BENCH_TMP/measure.txt" -s "$LUA" "${h[@]}" >/dev/null
  RESULT=$(awk '/Requests\/sec/ {r=$2} $1 == "99%" {p=$2} END {print r, p}' "$BENCH_TMP/measure.txt")
  bench_stop_all
}
off=(); on=()
for _ in $(seq 1 "$N"); do
  side true 18301 ""; echo "off $RESULT"; off+=("${RESULT%% *}")
  side false 18302 bearer; echo "on  $RESULT"; on+=("${RESULT%% *}")
done
m_off=$(bench_median "${off[*]}"); m_on=$(bench_median "${on[*]}")
printf 'median req/s: auth off %.0f, Bearer %.0f, ratio %.2f\n' "$m_off" "$m_on" "$(echo "$m_on / $m_off" | bc -l)"
