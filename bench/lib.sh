# Shared by the bench scripts (source it: `. "$(dirname "$0")/lib.sh"`): the jar, throwaway tokens and
# configs, starting one server at a time and killing it, readiness, the flags the scenarios evaluate,
# wrk and h2load runs parsed into "requests/s p99-ms", medians and spreads, and the CSV that
# bench/run-all.sh turns into docs/performance.md. Loopback only; everything a run makes lives in
# $BENCH_TMP (removed on exit) or $BENCH_OUT (logs, results).
#
# Environment:
#   BENCH_JAR      the runnable jar (default target/bench/flagpost.jar: `mvn -Pbench package`, the
#                  production jar plus the probe servlet; built when missing)
#   BENCH_REBUILD  1: build the jar even if it exists
#   BENCH_CSV      when set, every measured round is appended to it (see bench_record)
#   BENCH_ROUND_PAUSE seconds to pause between runs (default 0)
#   BENCH_JVM_OPTS JVM options for Flagpost servers (default -XX:CICompilerCount=4, which
#                  docs/deploy-war.md recommends on small machines; set it empty for the JVM's defaults)
#   BENCH_PIN      1: servers on the last CPU, wrk and h2load on the others (taskset), so that a
#                  server's own work, not the sharing of cores with the load tool, sets its rate

set -euo pipefail
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$BENCH_ROOT"
BENCH_JAR=${BENCH_JAR:-target/bench/flagpost.jar}
BENCH_OUT=${BENCH_OUT:-bench/results}
mkdir -p "$BENCH_OUT"
BENCH_TMP=$(mktemp -d)
BENCH_PIDS=()

# Kills every process group this script started (servers are started with setsid), then the temp dir.
bench_cleanup() {
  local p
  for p in "${BENCH_PIDS[@]}"; do bench_kill "$p"; done
  BENCH_PIDS=()
  rm -rf "$BENCH_TMP"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

bench_kill() { # pid: its process group (kc.sh forks java), then the pid itself; waits until gone
  local pid=$1 i
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Stops every server this script started: one server at a time, none competes for the cores.
bench_stop_all() {
  local p
  for p in "${BENCH_PIDS[@]}"; do bench_kill "$p"; done
  BENCH_PIDS=()
}

# taskset prefixes for BENCH_PIN=1 (empty otherwise): the server's CPU and the load tool's CPUs.
# Children inherit the affinity (kc.sh's java, Liberty's server script's java).
BENCH_SERVER_CPUS=(); BENCH_LOAD_CPUS=()
if [ "${BENCH_PIN:-0}" = 1 ]; then
  BENCH_LAST_CPU=$(($(nproc) - 1))
  [ "$BENCH_LAST_CPU" -ge 1 ] || { echo "BENCH_PIN=1 needs at least 2 CPUs" >&2; exit 2; }
  BENCH_SERVER_CPUS=(taskset -c "$BENCH_LAST_CPU"); BENCH_LOAD_CPUS=(taskset -c "0-$((BENCH_LAST_CPU - 1))")
fi

# Runs "$@" in its own process group, in the background, output to $BENCH_LOG; sets BENCH_PID.
bench_spawn() {
  setsid "${BENCH_SERVER_CPUS[@]}" "$@" > "$BENCH_LOG" 2>&1 < /dev/null &
  BENCH_PID=$!
  BENCH_PIDS+=("$BENCH_PID")
}

bench_build() {
  if [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -f "$BENCH_JAR" ]; then
    echo "building $BENCH_JAR (mvn -Pbench package)..." >&2
    mvn -B -q -Pbench -DskipTests package >&2
  fi
}

bench_need() { # wrk | h2load: installed from Debian when missing
  local pkg
  for tool in "$@"; do
    command -v "$tool" >/dev/null && continue
    case $tool in h2load) pkg=nghttp2-client ;; *) pkg=$tool ;; esac
    apt-get install -y -qq "$pkg" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$pkg" >/dev/null; }
  done
}

# The first port from `preferred` on (and, with a step, preferred+step too) on which nothing listens,
# so that a server of someone else's on the shared machine does not make a run fail.
bench_port() { # preferred [step]
  local p=$1 tries
  for tries in $(seq 1 100); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null \
       && { [ -z "${2:-}" ] || ! (exec 3<>"/dev/tcp/127.0.0.1/$((p + $2))") 2>/dev/null; }; then
      echo "$p"; return 0
    fi
    p=$((p + 2))
  done
  echo "no free port from $1 on" >&2; return 1
}

bench_token() { head -c 32 /dev/urandom | base64 | tr '+/' '-_'; }   # this run only, never stored

# A config with the token method (bootstrap token from $BENCH_TOKEN) and optional extra YAML under
# authentication.methods (indented by the caller). Prints the file's path.
bench_config() { # name exclude_evaluation [extra methods yaml]
  cat > "$BENCH_TMP/config-$1.yaml" <<YAML
authentication:
  required: true
  exclude:
    evaluation: $2
  methods:
    token:
      enabled: true
      bootstrap:
        token: "\${env:BENCH_TOKEN}"
${3:-}
YAML
  echo "$BENCH_TMP/config-$1.yaml"
}

# Starts Flagpost from $BENCH_JAR (gRPC on http_port + 1000 unless FLAGPOST_GRPC_PORT is set).
bench_start() { # name http_port config [cache_ttl, default 10s]
  BENCH_LOG="$BENCH_OUT/$1.log"
  BENCH_TOKEN=$BENCH_TOKEN FLAGPOST_CONFIG=$3 FLAGPOST_HTTP_PORT=$2 FLAGPOST_GRPC_PORT=${FLAGPOST_GRPC_PORT:-$(($2 + 1000))} \
    FLAGPOST_HTTP_HOST=127.0.0.1 FLAGPOST_AUTH_CACHE_TTL=${4:-10s} \
    FLAGPOST_DATA_DIR=$BENCH_TMP/data-$1-$RANDOM WLP_JAR_EXTRACT_DIR=$BENCH_TMP/wlp-$1-$RANDOM \
    bench_spawn java -Xmx512m ${BENCH_JVM_OPTS--XX:CICompilerCount=4} -jar "$BENCH_JAR"
}

bench_wait_url() { # url [seconds, default 240]: until it answers 2xx, or fail (also when the last spawned process died)
  local i
  for i in $(seq 1 "${2:-240}"); do
    curl -fs -o /dev/null "$1" 2>/dev/null && return 0
    if [ -n "${BENCH_PID:-}" ] && ! kill -0 "$BENCH_PID" 2>/dev/null; then
      echo "the server for $1 exited; see $BENCH_LOG:" >&2; tail -20 "$BENCH_LOG" >&2; return 1
    fi
    sleep 1
  done
  echo "$1 did not answer within ${2:-240}s; see $BENCH_OUT/" >&2
  return 1
}

bench_ready() { bench_wait_url "http://127.0.0.1:$1/health/ready" "${2:-240}"; }

# Stops whatever runs, then starts one Flagpost and waits for it.
bench_only() { # name http_port config [cache_ttl]
  bench_stop_all
  bench_start "$@"
  bench_ready "$2"
}

bench_api() { # port path json: POST to the default namespace's management API with the bootstrap token
  curl -fs -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/json' -d "$3" \
    "http://127.0.0.1:$1/api/v1/namespaces/default$2"
}

# The boolean flag "bench" with a 50% threshold rollout.
bench_seed_boolean() { # port
  bench_api "$1" /flags '{"key":"bench","name":"Bench","type":"BOOLEAN_FLAG_TYPE","enabled":true}' >/dev/null
  bench_api "$1" /flags/bench/rollouts '{"rank":1,"threshold":{"percentage":50,"value":false}}' >/dev/null
}

bench_boolean_lua() { # -> path of a wrk script posting one boolean evaluation
  cat > "$BENCH_TMP/boolean.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"namespaceKey":"default","flagKey":"bench","entityId":"user-42","context":{"plan":"pro"}}'
wrk.headers["Content-Type"] = "application/json"
LUA
  echo "$BENCH_TMP/boolean.lua"
}

# wrk's latency ("812.00us", "5.12ms", "1.02s") in milliseconds.
bench_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

# One wrk run; its full output goes to $3 when given. Prints "requests/s p99-ms".
# Fails when any response was not 2xx/3xx (wrk's "Non-2xx or 3xx responses") or a socket error occurred.
bench_wrk() { # url seconds [output] [wrk args...]
  local url=$1 secs=$2 out=${3:-$BENCH_TMP/wrk.out}
  shift 3 || shift $#
  case $secs in *[a-z]) ;; *) secs=${secs}s ;; esac   # wrk's durations: 10s, 1m, ...
  "${BENCH_LOAD_CPUS[@]}" wrk -t2 -c"${BENCH_CONNECTIONS:-16}" -d"$secs" --latency "$@" "$url" > "$out" 2>&1
  if grep -q "Non-2xx or 3xx responses" "$out"; then
    echo "wrk $url: non-2xx answers:" >&2; cat "$out" >&2; return 1
  fi
  awk '/Requests\/sec/ {r=$2} $1 == "99%" {p=$2} END {print r, p}' "$out" | { read -r r p; echo "$r $(bench_ms "$p")"; }
}

# One h2load run (-c connections, -D seconds, per-request log for p99). Prints "requests/s p99-ms".
# Fails unless every request succeeded with a 2xx.
bench_h2load() { # name seconds h2load args...
  local name=$1 secs=$2
  shift 2
  # h2load appends to an existing log: without this, each round's p99 would include the warm-up and every round before it.
  rm -f "$BENCH_TMP/$name.tsv"
  "${BENCH_LOAD_CPUS[@]}" h2load -c "${BENCH_CONNECTIONS:-16}" -D "$secs" --log-file="$BENCH_TMP/$name.tsv" "$@" > "$BENCH_TMP/$name.out" 2>&1
  grep -q " 0 failed, 0 errored" "$BENCH_TMP/$name.out" && grep -Eq "status codes: [0-9]+ 2xx, 0 3xx, 0 4xx, 0 5xx" "$BENCH_TMP/$name.out" \
    || { echo "$name had failures:" >&2; cat "$BENCH_TMP/$name.out" >&2; return 1; }
  # BENCH_LOGS=dir keeps every run's per-request log (start µs, status, duration µs) for a closer look.
  [ -n "${BENCH_LOGS:-}" ] && mkdir -p "$BENCH_LOGS" && cp "$BENCH_TMP/$name.tsv" "$BENCH_LOGS/$name-$(date +%s%N).tsv"
  local rps p99
  rps=$(awk '/^finished in/ {print $4}' "$BENCH_TMP/$name.out")
  p99=$(sort -n -k3 "$BENCH_TMP/$name.tsv" | awk '{v[NR]=$3} END {i=int(NR*0.99); if (i<1) i=1; printf "%.2f", v[i]/1000}')
  echo "$rps $p99"
}

# async-profiler (Maven Central, tools.profiler:async-profiler) for the server's CPU profile: fetched
# into target/bench once; prints the path of the agent library.
BENCH_ASPROF_VERSION=4.2
bench_profiler() {
  local arch dir
  case $(uname -m) in aarch64|arm64) arch=linux-arm64 ;; *) arch=linux-x64 ;; esac
  dir=target/bench/async-profiler-$BENCH_ASPROF_VERSION
  if [ ! -f "$dir/$arch/libasyncProfiler.so" ]; then
    mvn -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$BENCH_ASPROF_VERSION:jar:$arch" -DoutputDirectory="$dir" >&2
    (cd "$dir" && unzip -q -o "async-profiler-$BENCH_ASPROF_VERSION-$arch.jar" "$arch/*")
  fi
  echo "$BENCH_ROOT/$dir/$arch/libasyncProfiler.so"
}

# Loads the agent into a running JVM with these options. jcmd's parser would split them at '=' unless
# quoted, and it exits 0 whatever the agent answers: its "return code" line says.
bench_agent() { # pid library options
  jcmd "$1" JVMTI.agent_load "$2" "\"$3\"" | grep -q "return code: 0" || { echo "jcmd JVMTI.agent_load $3 failed in $1" >&2; return 1; }
}

# One wrk run while the server's CPU is profiled (async-profiler loaded into it with jcmd, every
# thread, 1 ms of CPU a sample). Prints "server-µs gate-µs": CPU per request of the whole server,
# and of GateFilter.doFilter without the rest of the filter chain it calls (the resource or probe
# behind it), i.e. the gate's own work: extracting the credential, resolving it, deciding.
# The µs follow the machine's speed like everything else; the gate's share of the server's CPU per
# request (gate / server) is what stays put between rounds and runs.
bench_wrk_profiled() { # pid url seconds [wrk args...]
  local pid=$1 url=$2 secs=$3 lib requests
  shift 3
  lib=$(bench_profiler)
  bench_agent "$pid" "$lib" "start,event=cpu,interval=1ms"
  bench_wrk "$url" "$secs" "$BENCH_TMP/profiled.txt" "$@" > /dev/null
  bench_agent "$pid" "$lib" "stop,collapsed,file=$BENCH_TMP/profile.collapsed"
  requests=$(awk '/requests in/ {print $1}' "$BENCH_TMP/profiled.txt")
  awk -v requests="$requests" '
    { n = $NF; total += n
      i = index($0, "dev/flagpost/authn/web/GateFilter.doFilter")
      if (i > 0 && index(substr($0, i), "FilterChain.doFilter") == 0) gate += n }
    END { printf "%.2f %.3f\n", total * 1000 / requests, gate * 1000 / requests }' "$BENCH_TMP/profile.collapsed"
}

# Appends one measured round to $BENCH_CSV (group,scenario,round,rps,p99_ms), when set.
bench_record() { # group scenario round rps p99_ms
  [ -n "${BENCH_CSV:-}" ] || return 0
  [ -s "$BENCH_CSV" ] || echo "group,scenario,round,rps,p99_ms" > "$BENCH_CSV"
  echo "$1,$2,$3,$4,$5" >> "$BENCH_CSV"
}

# Statistics over space-separated numbers.
bench_median() { tr ' ' '\n' <<< "$1" | grep -v '^$' | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
bench_spread() { tr ' ' '\n' <<< "$1" | grep -v '^$' | sort -n | awk 'NR==1{lo=$1} {hi=$1} END {printf "%.0f-%.0f", lo, hi}'; }
bench_mean() { tr ' ' '\n' <<< "$1" | grep -v '^$' | awk '{s+=$1} END {print s / NR}'; }
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
