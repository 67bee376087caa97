#!/usr/bin/env bash
# Every HTTP/gRPC benchmark in one bounded run, then docs/performance.md with the machine, the date,
# medians of several rounds with their spread, ratios checked against issue 14's goals, and PNG plots
# (XChart, bench/plot/Plot.java) of throughput and p99 per scenario in docs/performance/.
#
#   grpc-vs-http  bench/grpc-vs-http.sh   trivial GET vs HTTP/JSON evaluation vs gRPC (h2load)
#   anchors       bench/anchors.sh        no-auth ceiling, cached/uncached Bearer, JWT, Keycloak 26
#                                         introspection, Liberty mpJwt-2.1
#   warm-up       bench/warm-up.sh        a fresh server's first minute of load, with the JVM's default
#                                         compiler threads and with -XX:CICompilerCount=4
#   jmh           bench/jmh.sh smoke      only with --jmh, and only if the budget still allows it
#
# bench/auth-chain.sh is not part of it: its probe pair is what the anchors step measures in more
# paired rounds, and its evaluation pair (auth off vs Bearer) needs two servers, whose difference
# here is larger than the pair's (run-all once printed 2.77 for it). Run it alone when needed.
#
# Loopback only; one server at a time (each script stops its server before starting the next, and
# kills what it started on exit); every step runs under `timeout`, and the whole run, build included,
# is bounded by BUDGET seconds (default 1200: 20 minutes). A step that fails or runs out of time is
# reported as such in docs/performance.md, and the others still run.
#
# Usage: bench/run-all.sh [--jmh] [--quick]
#   --quick   2 s rounds, 2 rounds, short warm-ups (checks the pipeline in a few minutes; the
#             document then says so)
#   SECS, ROUNDS, WARMUP, ANCHOR_WARMUP, CONNECTIONS override the defaults (4 s, 3 rounds, 4 s, 15 s,
#   16); BUDGET seconds.
#   DOC=docs/performance.md and DOC_DIR=docs/performance (where the PNGs, CSV and tables go).
. "$(dirname "$0")/lib.sh"
STARTED=$(date +%s)
BUDGET=${BUDGET:-1200}
JMH=0; QUICK=0
for arg in "$@"; do
  case $arg in --jmh) JMH=1 ;; --quick) QUICK=1 ;; *) echo "usage: bench/run-all.sh [--jmh] [--quick]" >&2; exit 2 ;; esac
done
if [ "$QUICK" = 1 ]; then SECS=${SECS:-2}; ROUNDS=${ROUNDS:-2}; WARMUP=${WARMUP:-2}; ANCHOR_WARMUP=${ANCHOR_WARMUP:-2}; fi
SECS=${SECS:-4}; ROUNDS=${ROUNDS:-3}; WARMUP=${WARMUP:-4}; CONNECTIONS=${CONNECTIONS:-16}
DOC=${DOC:-docs/performance.md}
DOC_DIR=${DOC_DIR:-docs/performance}
CSV=$BENCH_OUT/rounds.csv
rm -f "$CSV"
export BENCH_CSV=$CSV BENCH_JAR

left() { echo $((BUDGET - ($(date +%s) - STARTED))); }
load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START=$(load)

bench_build
bench_need wrk h2load
# XChart from Maven Central, for the plots: resolved before any server runs.
PLOT_CP=$BENCH_TMP/plot.classpath
mvn -B -q -f bench/plot/pom.xml dependency:build-classpath -Dmdep.outputFile="$PLOT_CP" >&2

declare -A STATUS
LOADS=()
step() { # name cap-seconds command...: under timeout(min(cap, budget left - 60 s kill grace - 90 s for the report))
  local name=$1 cap=$2 t rc=0
  shift 2
  t=$(( $(left) - 150 )); [ "$t" -gt "$cap" ] && t=$cap
  if [ "$t" -lt 30 ]; then STATUS[$name]="not run: the ${BUDGET}s budget was used up"; echo "$name: skipped (budget)" >&2; return 0; fi
  echo "== $name (at most ${t}s; $(left)s of the budget left) ==" >&2
  LOADS+=("$name: $(load)")
  timeout -k 60 "$t" "$@" > "$BENCH_OUT/run-all-$name.txt" 2>&1 || rc=$?
  case $rc in
    0) STATUS[$name]="ok" ;;
    124|137) STATUS[$name]="**stopped by its ${t}s time limit** (rounds measured until then are included)" ;;
    *) STATUS[$name]="**failed** (exit $rc; see bench/results/run-all-$name.txt)" ;;
  esac
  echo "$name: ${STATUS[$name]}" >&2
  tail -25 "$BENCH_OUT/run-all-$name.txt" >&2
}

# grpc-vs-http: 3 s x 5 paired rounds: its p99 goals compare two tails that move by 2x from round to round here.
# Its warm-up is 8 s per scenario (64 s of load before the first round): a fresh server here needs
# 15-45 s of load to reach its steady rate (the warm-up step), and with 4 s each the first rounds
# were still compiling.
GV_SECS=3; GV_ROUNDS=5; GV_WARMUP=8; [ "$QUICK" = 1 ] && GV_SECS=$SECS && GV_ROUNDS=$ROUNDS && GV_WARMUP=$WARMUP
step grpc-vs-http 300 env WARMUP="$GV_WARMUP" bash bench/grpc-vs-http.sh "$GV_SECS" "$GV_ROUNDS" "$CONNECTIONS"
# The anchors step warms every server up alike and longer (ANCHOR_WARMUP, default 15 s): Keycloak
# and Liberty JIT-compile for a while, and a short warm-up would favour whichever side warms faster.
# Flagpost's own anchor goals are ratios near 1: many short paired rounds (2 s x 14) for those; the
# median of 10 still moved by +-2 % between runs, as much as the Bearer goal's margin.
# Then two 5 s rounds per scenario with the server's CPU profiled: the gate's own share of a request,
# which moves far less than the ratios (14 rounds, not 16, leave the time for it within the budget).
FP_SECS=2; FP_ROUNDS=14; PR_SECS=5; PR_ROUNDS=2; [ "$QUICK" = 1 ] && FP_SECS=$SECS && FP_ROUNDS=$ROUNDS && PR_SECS=$SECS && PR_ROUNDS=1
rm -f "$BENCH_OUT/gate-cost.md"
step anchors 660 env WARMUP="${ANCHOR_WARMUP:-15}" FLAGPOST_SECS="$FP_SECS" FLAGPOST_ROUNDS="$FP_ROUNDS" \
  PROFILE_SECS="$PR_SECS" PROFILE_ROUNDS="$PR_ROUNDS" bash bench/anchors.sh "$SECS" "$ROUNDS" "$CONNECTIONS"
step warm-up 200 bash -c 'BENCH_CSV= JAVA_OPTS= bash bench/warm-up.sh 5 10 && echo && BENCH_CSV= JAVA_OPTS=-XX:CICompilerCount=4 bash bench/warm-up.sh 5 10'
if [ "$JMH" = 1 ]; then
  if [ "$(left)" -gt 420 ]; then step jmh 330 bash bench/jmh.sh smoke; else STATUS[jmh]="not run: under 7 minutes of the budget left"; fi
fi
LOAD_END=$(load)

# --- plots and tables ------------------------------------------------------------------------------
mkdir -p "$DOC_DIR"
rm -f "$DOC_DIR"/*.png
cp "$CSV" "$DOC_DIR/rounds.csv" 2>/dev/null || echo "group,scenario,round,rps,p99_ms" > "$DOC_DIR/rounds.csv"
RATIOS=(
  "anchors: Bearer, token cache on / no-auth|anchors/flagpost/bearer-cached|anchors/flagpost/noauth|0.95"
  "anchors: Bearer, cache off (database) / no-auth|anchors/flagpost-uncached/bearer-uncached|anchors/flagpost-uncached/noauth|0.7"
  "anchors: JWT RS256 (verified-token cache) / no-auth|anchors/flagpost/jwt|anchors/flagpost/noauth|0.9"
  "anchors: JWT RS256 / no-auth sending the same header bytes|anchors/flagpost/jwt|anchors/flagpost/noauth-jwt-bytes|0.9"
  "anchors: no-auth with the JWT's header bytes / no-auth (transport only)|anchors/flagpost/noauth-jwt-bytes|anchors/flagpost/noauth|"
  "anchors: Bearer, cache on / Keycloak introspection|anchors/flagpost/bearer-cached|anchors/keycloak/introspect|1"
  "anchors: Bearer, cache off / Keycloak introspection|anchors/flagpost-uncached/bearer-uncached|anchors/keycloak/introspect|1"
  "anchors: /auth/v1/self, cache off / Keycloak introspection|anchors/flagpost-uncached/self-uncached|anchors/keycloak/introspect|1"
  "anchors: JWT RS256 / mpJwt-2.1, same token|anchors/flagpost/jwt|anchors/mpjwt/check|1"
  "anchors: mpJwt-2.1 check / its own no-auth endpoint|anchors/mpjwt/check|anchors/mpjwt/open|"
  "grpc-vs-http: HTTP boolean / trivial GET|grpc-vs-http/http-boolean|grpc-vs-http/get|0.9"
  "grpc-vs-http: HTTP variant / trivial GET|grpc-vs-http/http-variant|grpc-vs-http/get|0.9"
  "grpc-vs-http: HTTP batch (10) / trivial GET|grpc-vs-http/http-batch10|grpc-vs-http/get|0.9"
  "grpc-vs-http: gRPC boolean / HTTP boolean|grpc-vs-http/grpc-boolean|grpc-vs-http/http-boolean|1"
  "grpc-vs-http: gRPC variant / HTTP variant|grpc-vs-http/grpc-variant|grpc-vs-http/http-variant|1"
  "grpc-vs-http: gRPC batch / HTTP batch|grpc-vs-http/grpc-batch10|grpc-vs-http/http-batch10|1"
  "grpc-vs-http: p99, HTTP boolean / trivial GET|grpc-vs-http/http-boolean|grpc-vs-http/get|1.5|p99"
  "grpc-vs-http: p99, gRPC boolean / HTTP boolean|grpc-vs-http/grpc-boolean|grpc-vs-http/http-boolean|1|p99"
)
java -cp "$(cat "$PLOT_CP")" bench/plot/Plot.java "$DOC_DIR/rounds.csv" "$DOC_DIR" "${RATIOS[@]}" 2>&1 | grep -v '^Note:' >&2 || true

# --- the machine -------------------------------------------------------------------------------------
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
jdk=$(java -version 2>&1 | head -2 | tail -1)
liberty=$(awk -F= '/productVersion/ {print $2}' target/bench/liberty/wlp/lib/versions/openliberty.properties 2>/dev/null || echo "?")
kc=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml)
kc_jdk=$("${KEYCLOAK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -version 2>&1 | head -1 || echo "?")
others=$(ps -eo pid=,comm= | awk '$2 == "java" {print $1}' | wc -l)
ELAPSED=$(( $(date +%s) - STARTED ))
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")

{
  echo "# Performance"
  echo
  echo "Written by \`bench/run-all.sh$([ "$QUICK" = 1 ] && echo " --quick")$([ "$JMH" = 1 ] && echo " --jmh")\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $commit) in ${ELAPSED} s; do not edit by hand, re-run it."
  echo "Every number below comes from this one run: loopback, one server at a time, ${CONNECTIONS} connections,"
  echo "Flagpost started as \`java -Xmx512m ${BENCH_JVM_OPTS--XX:CICompilerCount=4} -jar\` (see Warm-up),"
  echo "${SECS} s per round, ${ROUNDS} rounds per scenario (grpc-vs-http: ${GV_SECS} s x ${GV_ROUNDS} after ${GV_WARMUP} s per scenario; Flagpost's anchors: ${FP_SECS} s x ${FP_ROUNDS})"
  echo "after a ${WARMUP} s warm-up per scenario"
  echo "(anchors: ${ANCHOR_WARMUP:-15} s for every server alike); medians of the rounds, spread min–max."
  [ "$QUICK" = 1 ] && echo "**--quick run: too short to judge anything; it only checks the pipeline.**"
  echo
  echo "## Machine"
  echo
  echo "| | |"
  echo "| --- | --- |"
  echo "| CPU | $(nproc) cores, $cpu |"
  echo "| memory | $mem |"
  echo "| JDK (Flagpost, mpJwt Liberty, load clients) | $jdk |"
  echo "| Open Liberty | $liberty (Flagpost's runnable jar; the mpJwt anchor runs on the same installation) |"
  echo "| Keycloak | $kc (keycloak-quarkus-dist, start-dev, in-memory database), on $kc_jdk |"
  echo "| load tools | $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), h2load $(h2load --version 2>&1 | awk '{print $NF; exit}') |"
  echo "| load average (1/5/15 min) | at start $LOAD_START, at end $LOAD_END; per step: $(IFS=';'; echo "${LOADS[*]}") |"
  echo "| other JVMs on the machine at the end | $others |"
  echo
  echo "The machine is shared with other engineers' builds and servers, so it was not idle: absolute"
  echo "numbers move by ±20 % or more between runs. Ratios of scenarios measured on the same server, in"
  echo "the same rounds, are what can be compared; ratios across servers (Keycloak, mpJwt) less so."
  echo
  echo "## Steps"
  echo
  echo "| step | outcome |"
  echo "| --- | --- |"
  for s in grpc-vs-http anchors warm-up jmh; do [ -n "${STATUS[$s]:-}" ] && echo "| $s | ${STATUS[$s]} |"; done
  echo
  echo "## Goals (issue 14) and ratios"
  echo
  echo "Each ratio is taken round by round (round k of one scenario over round k of the other), then the"
  echo "median and range of those ratios are shown. A goal is met when the median reaches it (for"
  echo "requests/s at least the goal; for the p99 rows at most). Within a server the scenarios run in"
  echo "paired rounds, every other round in reverse order (A B, B A, ...), so that a machine speeding up"
  echo "or slowing down during a round favours neither side of a ratio."
  echo
  cat "$DOC_DIR/ratios.md" 2>/dev/null || echo "(no ratios: the plot step failed)"
  echo
  echo "## The gate's own share of a request (server CPU profile)"
  echo
  echo "The requests/s ratios above compare two rates that each move by ±15 % from one round to the next"
  echo "on this shared VM, and their medians by ±0.05 from one server start to the next: more than the"
  echo "whole cost of a cached token check. So the anchors step also profiles the warm server's CPU"
  echo "(async-profiler, 1 ms of CPU a sample, every thread; ${PR_ROUNDS} x ${PR_SECS} s per scenario) and"
  echo "counts the samples inside \`GateFilter.doFilter\` that are not the rest of the filter chain (the probe"
  echo "behind it): the gate's own work, from reading the route and the credential to the decision,"
  echo "divided by the requests wrk completed. Absolute µs follow the machine's speed like everything"
  echo "else; the share of the server's CPU per request is what stays put between runs."
  echo
  if [ -s "$BENCH_OUT/gate-cost.md" ]; then cat "$BENCH_OUT/gate-cost.md"; else echo "(not measured: see the anchors step)"; fi
  echo
  echo "## All scenarios"
  echo
  echo "- **anchors** (\`bench/anchors.sh\`): \`flagpost/*\` on one Flagpost server (token cache on, evaluation"
  echo "  section excluded): \`noauth\` = GET /evaluate/v1/_probe without a credential, \`bearer-cached\` = GET"
  echo "  /api/v1/_probe with a Bearer token, \`jwt\` = the same with \`Authorization: JWT\` and an RS256 token"
  echo "  (Flagpost's JWT method, PEM public key), \`noauth-jwt-bytes\` = \`noauth\` sending that same JWT header"
  echo "  (ignored in the excluded section: the cost of ~700 header bytes to Liberty's HTTP parser and to wrk,"
  echo "  which no authentication can avoid). \`flagpost-uncached/*\`: a second server with"
  echo "  FLAGPOST_AUTH_CACHE_TTL=0 (every request looks the token up in the embedded database), plus"
  echo "  \`self-uncached\` = GET /auth/v1/self (the token's own description, the introspection's job)."
  echo "  \`keycloak/introspect\`: RFC 7662 POST …/token/introspect with client credentials (Basic) for a"
  echo "  client-credentials access token. \`mpjwt/*\`: a second Liberty server with mpJwt-2.1 (bench/anchors/mpjwt),"
  echo "  \`check\` = @RolesAllowed JAX-RS GET with the same RS256 token as Bearer, \`open\` = @PermitAll, no token."
  echo "  The probe is a plain servlet (bench/probe, only in the -Pbench jar); mpJwt's endpoints are JAX-RS."
  echo "- **grpc-vs-http** (\`bench/grpc-vs-http.sh\`, h2load): GET /auth/v1/method vs evaluations over HTTP/JSON"
  echo "  and gRPC (port 9000: the application's Netty server; \`liberty-grpc\`: Liberty's transport on the HTTP port)."
  cat "$DOC_DIR/summary.md" 2>/dev/null
  echo
  echo "## Warm-up"
  echo
  echo "\`bench/warm-up.sh\`: a freshly started server (readiness probe and the seeding of one flag"
  echo "answered, nothing else), then HTTP boolean evaluation with a Bearer token at 16 connections in"
  echo "back-to-back 5 s slices from the first request; first with the JVM's default number of JIT"
  echo "compiler threads (2 on this machine), then with \`-XX:CICompilerCount=4\`."
  echo
  echo '```'
  grep -E "^(slice|steady|first|\\(|$)" "$BENCH_OUT/run-all-warm-up.txt" 2>/dev/null || echo "(the warm-up step did not run)"
  echo '```'
  echo
  echo "## Plots"
  echo
  echo "Bars: median of the rounds; triangles: the lowest and the highest round."
  echo
  for g in anchors grpc-vs-http; do
    [ -f "$DOC_DIR/$g-throughput.png" ] || continue
    echo "![$g throughput](performance/$g-throughput.png)"
    echo "![$g p99](performance/$g-p99.png)"
    echo
  done
  if [ -f "$BENCH_OUT/summary.txt" ] && [ "${STATUS[jmh]:-}" = ok ]; then
    echo "## JMH smoke (bench/jmh.sh smoke: 1 s iterations, small tables; checks the pipeline, not a measurement)"
    echo
    echo '```'
    cat "$BENCH_OUT/summary.txt"
    echo '```'
  fi
  echo
  echo "Raw rounds: [performance/rounds.csv](performance/rounds.csv). Re-run: \`bench/run-all.sh\` (about"
  echo "15–20 minutes; builds target/bench/flagpost.jar with \`mvn -Pbench package\` when missing, and"
  echo "unpacks Keycloak into target/bench on first use)."
} > "$DOC"
rm -f "$DOC_DIR/ratios.md" "$DOC_DIR/summary.md"
echo "wrote $DOC and $DOC_DIR/ in ${ELAPSED}s" >&2
