#!/usr/bin/env bash
# gRPC evaluation throughput with authentication off vs a Bearer token (the grpc-java load client in
# src/test/java/dev/flagpost/bench/GrpcLoad.java; loopback only, bounded runs).
#   auth off: flipt.evaluation.EvaluationService/Boolean on a server with exclude.evaluation: true
#   Bearer:   the same call on a server without the exclusion
# One server runs at a time (no other JVM competes for the two cores); each side is measured twice,
# alternating servers, after a warm-up.
#
# Usage: bench/grpc-evaluation.sh [seconds, default 15] [threads, default 16]
. "$(dirname "$0")/lib.sh"
SECONDS_PER_RUN=${1:-15}
THREADS=${2:-16}
bench_build
[ -d target/test-classes/dev/flagpost/bench ] || mvn -B -q -DskipTests test-compile
CP_FILE=target/bench.classpath
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="target/test-classes:target/classes:$(cat "$CP_FILE")"
BENCH_TOKEN=$(bench_token)
TOKEN=$BENCH_TOKEN

only() { # name http_port grpc_port exclude_evaluation
  FLAGPOST_GRPC_PORT=$3 bench_only "grpc-$1" "$2" "$(bench_config "grpc-$1" "$4")"
  bench_seed_boolean "$2"
}
load() { java -cp "$CP" dev.flagpost.bench.GrpcLoad "$@"; }

off=(); on=()
for round in 1 2; do
  only open 18281 19281 true
  load 19281 10 "$THREADS" >/dev/null   # warm-up
  off+=("$(load 19281 "$SECONDS_PER_RUN" "$THREADS")")
  only required 18282 19282 false
  load 19282 10 "$THREADS" "$TOKEN" >/dev/null
  on+=("$(load 19282 "$SECONDS_PER_RUN" "$THREADS" "$TOKEN")")
done
bench_stop_all
rps() { awk '{print $2}' <<< "$1"; }
p99() { awk '{print $4}' <<< "$1"; }
off_mean=$(echo "($(rps "${off[0]}") + $(rps "${off[1]}")) / 2" | bc -l)
on_mean=$(echo "($(rps "${on[0]}") + $(rps "${on[1]}")) / 2" | bc -l)
printf '\n%-40s %12s %8s %10s\n' "run" "requests/s" "ratio" "p99"
printf '%-40s %12.0f %8s %10s\n' "gRPC Boolean, auth off" "$off_mean" "1.00" "$(p99 "${off[1]}")"
printf '%-40s %12.0f %8.2f %10s\n' "gRPC Boolean, Bearer" "$on_mean" "$(echo "$on_mean / $off_mean" | bc -l)" "$(p99 "${on[1]}")"
