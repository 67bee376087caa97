#!/usr/bin/env bash
# Evaluation over HTTP/JSON and over gRPC, against a trivial JAX-RS GET, on ONE server, with ONE load
# tool (h2load: HTTP/1.1 for JSON, h2c for gRPC), so that the ratios compare the server and not two
# clients. Loopback only, bounded: 8 scenarios x ROUNDS x SECONDS, plus warm-up.
#
#   get            GET  /auth/v1/method                       (trivial JAX-RS, public)
#   http-boolean   POST /evaluate/v1/boolean                  (Bearer)
#   http-variant   POST /evaluate/v1/variant                  (a flag with 3 rules, constraints)
#   http-batch10   POST /evaluate/v1/batch                    (10 evaluations)
#   grpc-*         the same three on Flipt's gRPC port (9000: the application's Netty server)
#   liberty-grpc   gRPC Boolean on the HTTP port (Liberty's servlet transport)
#
# Prints requests/s and p99 (from h2load's per-request log) per round, then the median of the
# rounds and each scenario's ratio to `get` and gRPC's ratio to HTTP.
#
# Usage: bench/grpc-vs-http.sh [seconds per run, default 10] [rounds, default 3] [connections, default 16]
#   WARMUP=seconds per scenario before the rounds (default 15)
# Needs the bench jar (target/bench/flagpost.jar, built when missing; see lib.sh) and h2load (Debian
# nghttp2-client, installed if missing).
. "$(dirname "$0")/lib.sh"
SECS=${1:-10}
ROUNDS=${2:-3}
BENCH_CONNECTIONS=${3:-16}
CONN=$BENCH_CONNECTIONS
WARMUP=${WARMUP:-15}
bench_build
bench_need h2load

BENCH_TOKEN=$(bench_token)
TOKEN=$BENCH_TOKEN
TMP=$BENCH_TMP
HTTP=18681
GRPC=18691
FLAGPOST_GRPC_PORT=$GRPC bench_only grpc-vs-http $HTTP "$(bench_config grpc-vs-http false)"

api() { bench_api $HTTP "$1" "$2"; }
id() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
api /flags '{"key":"bench","name":"Bench","type":"BOOLEAN_FLAG_TYPE","enabled":true}' >/dev/null
api /flags/bench/rollouts '{"rank":1,"threshold":{"percentage":50,"value":false}}' >/dev/null
api /flags '{"key":"colour","name":"Colour","enabled":true}' >/dev/null
red=$(api /flags/colour/variants '{"key":"red"}' | id); blue=$(api /flags/colour/variants '{"key":"blue"}' | id)
for s in eu:region:eu us:region:us pro:plan:pro; do
  IFS=: read -r key prop value <<< "$s"
  api /segments "{\"key\":\"$key\",\"name\":\"$key\"}" >/dev/null
  api "/segments/$key/constraints" "{\"type\":\"STRING_COMPARISON_TYPE\",\"property\":\"$prop\",\"operator\":\"eq\",\"value\":\"$value\"}" >/dev/null
done
rank=1
for key in eu us pro; do
  rule=$(api /flags/colour/rules "{\"segmentKey\":\"$key\",\"rank\":$rank}" | id); rank=$((rank + 1))
  api "/flags/colour/rules/$rule/distributions" "{\"variantId\":\"$red\",\"rollout\":40}" >/dev/null
  api "/flags/colour/rules/$rule/distributions" "{\"variantId\":\"$blue\",\"rollout\":60}" >/dev/null
done

# Request bodies: JSON, and the same requests as gRPC frames (protobuf written by hand: strings and
# string maps only, so a few lines of Python suffice).
python3 - "$TMP" <<'PY'
import json, sys
out = sys.argv[1]
def varint(n):
    b = bytearray()
    while True:
        byte = n & 0x7F; n >>= 7
        b.append(byte | (0x80 if n else 0))
        if not n: return bytes(b)
def field(num, payload):
    return varint((num << 3) | 2) + varint(len(payload)) + payload
def request(flag, entity, context):
    msg = field(2, b"default") + field(3, flag.encode()) + field(4, entity.encode())
    for k, v in context.items():
        msg += field(5, field(1, k.encode()) + field(2, v.encode()))
    return msg
def frame(msg):
    return b"\x00" + len(msg).to_bytes(4, "big") + msg
ctx = {"plan": "pro", "region": "us"}
one = {"namespaceKey": "default", "entityId": "user-42", "context": ctx}
open(f"{out}/boolean.json", "w").write(json.dumps(dict(one, flagKey="bench")))
open(f"{out}/variant.json", "w").write(json.dumps(dict(one, flagKey="colour")))
batch = [dict(one, flagKey="colour" if i % 2 else "bench", entityId=f"user-{i}") for i in range(10)]
open(f"{out}/batch.json", "w").write(json.dumps({"requests": batch}))
open(f"{out}/boolean.grpc", "wb").write(frame(request("bench", "user-42", ctx)))
open(f"{out}/variant.grpc", "wb").write(frame(request("colour", "user-42", ctx)))
open(f"{out}/batch.grpc", "wb").write(frame(b"".join(field(2, request(r["flagKey"], r["entityId"], ctx)) for r in batch)))
PY

AUTH="authorization: Bearer $TOKEN"
declare -A CMD=(
  [get]="--h1 http://127.0.0.1:$HTTP/auth/v1/method"
  [http-boolean]="--h1 -H content-type:application/json -d $TMP/boolean.json http://127.0.0.1:$HTTP/evaluate/v1/boolean"
  [http-variant]="--h1 -H content-type:application/json -d $TMP/variant.json http://127.0.0.1:$HTTP/evaluate/v1/variant"
  [http-batch10]="--h1 -H content-type:application/json -d $TMP/batch.json http://127.0.0.1:$HTTP/evaluate/v1/batch"
  [grpc-boolean]="-m1 -H content-type:application/grpc -H te:trailers -d $TMP/boolean.grpc http://127.0.0.1:$GRPC/flipt.evaluation.EvaluationService/Boolean"
  [grpc-variant]="-m1 -H content-type:application/grpc -H te:trailers -d $TMP/variant.grpc http://127.0.0.1:$GRPC/flipt.evaluation.EvaluationService/Variant"
  [grpc-batch10]="-m1 -H content-type:application/grpc -H te:trailers -d $TMP/batch.grpc http://127.0.0.1:$GRPC/flipt.evaluation.EvaluationService/Batch"
  [liberty-grpc]="-m1 -H content-type:application/grpc -H te:trailers -d $TMP/boolean.grpc http://127.0.0.1:$HTTP/flipt.evaluation.EvaluationService/Boolean"
)
# Each gRPC scenario next to its HTTP twin, `get` next to HTTP boolean. Liberty's own transport runs its
# rounds after all the others: a trivial GET measured right after it ran at half its rate, which
# flattered every ratio to it.
ORDER=(get http-boolean grpc-boolean http-variant grpc-variant http-batch10 grpc-batch10 liberty-grpc)
# SCENARIOS="get http-batch10" runs a subset (the ratio columns need `get`, and gRPC's its HTTP twin).
[ -n "${SCENARIOS:-}" ] && read -r -a ORDER <<< "$SCENARIOS"

# Every answer must be a success: HTTP 200, and for gRPC a grpc-status of 0 (h2load cannot see trailers).
for name in grpc-boolean grpc-variant grpc-batch10; do
  [[ " ${ORDER[*]} " == *" $name "* ]] || continue
  read -r -a args <<< "${CMD[$name]}"
  url=${args[-1]}; body=${args[-2]}
  status=$(curl -s --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' -H "$AUTH" --data-binary "@$body" -D - -o /dev/null "$url" | tr -d '\r' | awk -F': ' '/^grpc-status/ {print $2}')
  [ "$status" = "0" ] || { echo "$name: grpc-status '$status', not 0" >&2; exit 1; }
done

run() { # name seconds -> "rps p99ms"
  read -r -a args <<< "${CMD[$1]}"
  bench_h2load "$1" "$2" -H "$AUTH" "${args[@]}"
}

PAIRED=() REVERSED=() LAST=()
for name in "${ORDER[@]}"; do [ "$name" = liberty-grpc ] && LAST+=("$name") || PAIRED+=("$name"); done
for ((i = ${#PAIRED[@]} - 1; i >= 0; i--)); do REVERSED+=("${PAIRED[$i]}"); done
echo "warm-up ($WARMUP s each)..." >&2
for name in "${LAST[@]}" "${PAIRED[@]}"; do run "$name" "$WARMUP" >/dev/null; done
declare -A RPS P99
# Even rounds run in reverse (A B B A ...): a machine that speeds up or slows down during a round then
# favours neither side of a ratio, where a fixed order favours whichever runs first.
rounds() { # prints "round scenario..." per line: the paired rounds, then Liberty's transport's
  local round
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 0 ]; then echo "$round ${REVERSED[*]}"; else echo "$round ${PAIRED[*]}"; fi
  done
  [ ${#LAST[@]} = 0 ] || for round in $(seq 1 "$ROUNDS"); do echo "$round ${LAST[*]}"; done
}
while read -r round names <&3; do
  for name in $names; do
    res=$(run "$name" "$SECS") || exit 1
    read -r rps p99 <<< "$res"
    RPS[$name]+="$rps "; P99[$name]+="$p99 "
    bench_record grpc-vs-http "$name" "$round" "$rps" "$p99"
    printf 'round %d  %-14s %10.0f req/s  p99 %7s ms\n' "$round" "$name" "$rps" "$p99"
  done
done 3< <(rounds)
bench_stop_all
median() { bench_median "$1"; }
spread() { bench_spread "$1"; }
get=$(median "${RPS[get]}")
printf '\n%-14s %12s %14s %10s %9s %9s\n' scenario "median req/s" "spread" "p99 ms" "vs get" "vs http"
for name in "${ORDER[@]}"; do
  m=$(median "${RPS[$name]}"); vs_http="-"
  case $name in grpc-*) [ -n "${RPS[http-${name#grpc-}]:-}" ] && vs_http=$(echo "$m / $(median "${RPS[http-${name#grpc-}]}")" | bc -l | xargs printf '%.2f') ;; esac
  printf '%-14s %12.0f %14s %10s %9.2f %9s\n' "$name" "$m" "$(spread "${RPS[$name]}")" "$(median "${P99[$name]}")" \
    "$(echo "$m / $get" | bc -l)" "$vs_http"
done
echo "(2 cores, loopback, $CONN connections, ${SECS}s x $ROUNDS rounds, $(date -u +%F))"
