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
# Needs target/flagpost.jar (mvn -DskipTests package) and h2load (Debian nghttp2-client, installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
ROUNDS=${2:-3}
CONN=${3:-16}
OUT=bench/results
mkdir -p "$OUT"
[ -f target/flagpost.jar ] || mvn -q -DskipTests package
command -v h2load >/dev/null || { apt-get update -qq && apt-get install -y -qq nghttp2-client >/dev/null; }

TOKEN=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_')   # this run only, never stored
TMP=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"' EXIT
HTTP=18681
GRPC=18691
cat > "$TMP/config.yaml" <<YAML
authentication:
  required: true
  methods:
    token:
      enabled: true
      bootstrap:
        token: "\${env:BENCH_TOKEN}"
YAML
BENCH_TOKEN=$TOKEN FLAGPOST_CONFIG=$TMP/config.yaml FLAGPOST_HTTP_PORT=$HTTP FLAGPOST_GRPC_PORT=$GRPC FLAGPOST_HTTP_HOST=127.0.0.1 \
  FLAGPOST_DATA_DIR=$TMP/data WLP_JAR_EXTRACT_DIR=$TMP/wlp java -Xmx512m -jar target/flagpost.jar > "$OUT/grpc-vs-http.log" 2>&1 &
PID=$!
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$HTTP/health/ready" >/dev/null 2>&1 && break; sleep 1; done

api() { curl -fs -H "Authorization: Bearer $TOKEN" -d "$2" "http://127.0.0.1:$HTTP/api/v1/namespaces/default$1"; }
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
ORDER=(get http-boolean http-variant http-batch10 grpc-boolean grpc-variant grpc-batch10 liberty-grpc)

# Every answer must be a success: HTTP 200, and for gRPC a grpc-status of 0 (h2load cannot see trailers).
for name in grpc-boolean grpc-variant grpc-batch10; do
  read -r -a args <<< "${CMD[$name]}"
  url=${args[-1]}; body=${args[-2]}
  status=$(curl -s --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' -H "$AUTH" --data-binary "@$body" -D - -o /dev/null "$url" | tr -d '\r' | awk -F': ' '/^grpc-status/ {print $2}')
  [ "$status" = "0" ] || { echo "$name: grpc-status '$status', not 0" >&2; exit 1; }
done

run() { # name seconds -> "rps p99ms"
  read -r -a args <<< "${CMD[$1]}"
  h2load -c "$CONN" -D "$2" -H "$AUTH" --log-file="$TMP/$1.tsv" "${args[@]}" > "$TMP/$1.out" 2>&1
  grep -q " 0 failed, 0 errored" "$TMP/$1.out" && grep -Eq "status codes: [0-9]+ 2xx, 0 3xx, 0 4xx, 0 5xx" "$TMP/$1.out" \
    || { echo "$1 had failures:" >&2; cat "$TMP/$1.out" >&2; exit 1; }
  rps=$(awk '/^finished in/ {print $4}' "$TMP/$1.out")
  p99=$(sort -n -k3 "$TMP/$1.tsv" | awk '{v[NR]=$3} END {i=int(NR*0.99); if (i<1) i=1; printf "%.2f", v[i]/1000}')
  echo "$rps $p99"
}

echo "warm-up (15 s each)..." >&2
for name in "${ORDER[@]}"; do run "$name" 15 >/dev/null; done
declare -A RPS P99
for round in $(seq 1 "$ROUNDS"); do
  for name in "${ORDER[@]}"; do
    read -r rps p99 <<< "$(run "$name" "$SECS")"
    RPS[$name]+="$rps "; P99[$name]+="$p99 "
    printf 'round %d  %-14s %10.0f req/s  p99 %7s ms\n' "$round" "$name" "$rps" "$p99"
  done
done
median() { tr ' ' '\n' <<< "$1" | grep -v '^$' | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
spread() { tr ' ' '\n' <<< "$1" | grep -v '^$' | sort -n | awk 'NR==1{lo=$1} {hi=$1} END {printf "%.0f-%.0f", lo, hi}'; }
get=$(median "${RPS[get]}")
printf '\n%-14s %12s %14s %10s %9s %9s\n' scenario "median req/s" "spread" "p99 ms" "vs get" "vs http"
for name in "${ORDER[@]}"; do
  m=$(median "${RPS[$name]}"); vs_http="-"
  case $name in grpc-*) vs_http=$(echo "$m / $(median "${RPS[http-${name#grpc-}]}")" | bc -l | xargs printf '%.2f') ;; esac
  printf '%-14s %12.0f %14s %10s %9.2f %9s\n' "$name" "$m" "$(spread "${RPS[$name]}")" "$(median "${P99[$name]}")" \
    "$(echo "$m / $get" | bc -l)" "$vs_http"
done
echo "(2 cores, loopback, $CONN connections, ${SECS}s x $ROUNDS rounds, $(date -u +%F))"
