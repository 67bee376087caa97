#!/usr/bin/env bash
# Flagpost's authentication against anchors, in one run on this machine (issue 14 item 4): wrk,
# loopback only, one server at a time (each is stopped before the next starts), several rounds.
#
#   flagpost (token cache on, exclude.evaluation: true; GET on the probe servlet in each section)
#     noauth           GET /evaluate/v1/_probe              the no-auth ceiling (excluded section)
#     noauth-jwt-bytes GET /evaluate/v1/_probe    JWT <RS256>     the same ceiling with the JWT's header bytes
#                      (ignored there): what Liberty and the load generator spend on ~700 header bytes
#     bearer-cached    GET /api/v1/_probe    Bearer <token>  the token check, token cache on
#     jwt              GET /api/v1/_probe    JWT <RS256>     the JWT method (its verified-token cache)
#   flagpost-uncached (FLAGPOST_AUTH_CACHE_TTL=0: every request looks the token up in the database)
#     noauth           GET /evaluate/v1/_probe
#     bearer-uncached  GET /api/v1/_probe    Bearer <token>
#     self-uncached    GET /auth/v1/self     Bearer <token>  what the token is (the introspection's job)
#   keycloak (Keycloak 26, the distribution the build unpacks, start-dev, in-memory database)
#     introspect       POST /realms/bench/protocol/openid-connect/token/introspect (RFC 7662),
#                      client credentials (Basic), a client-credentials access token (whose audience
#                      names the client: Keycloak 26 introspects only tokens meant for the caller)
#   mpjwt (a second Liberty server: the same Open Liberty, mpJwt-2.1 + restfulWS-3.1, app in bench/anchors/mpjwt)
#     open             GET /open   @PermitAll, no token: that server's ceiling
#     check            GET /check  @RolesAllowed, Bearer <the same RS256 JWT>
#
# The RSA key pair, the JWT, the token and the Keycloak client secret are made for this run in a
# temporary folder and deleted with it. Prints per-round lines, then medians (spread min-max) and p99.
#
# Usage: bench/anchors.sh [seconds per run, default 5] [rounds, default 3] [connections, default 16]
#   WARMUP=seconds per scenario before the rounds, every server alike (default 15); ANCHOR_WARMUP
#   overrides it for Keycloak and mpJwt
#   FLAGPOST_SECS / FLAGPOST_ROUNDS: seconds and rounds for Flagpost's own scenarios (default: as
#   above). Its goals are ratios near 1 (0.9, 0.95): on a shared machine many short paired rounds
#   (run-all: 2 s x 10) judge them far better than a few long ones (one 8 s x 5 run measured
#   no-auth anywhere between 25k and 34k req/s)
#   PROFILE_ROUNDS (default 0: none) / PROFILE_SECS (default 8): after Flagpost's rounds, that many
#   rounds per scenario with the server's CPU profiled (async-profiler, fetched from Maven Central),
#   for the gate's own µs per request and its share of the server's CPU (bench/results/gate-cost.md)
#   SKIP_FLAGPOST=1 / SKIP_KEYCLOAK=1 / SKIP_MPJWT=1
#   KEYCLOAK_JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64: Keycloak 26 needs Java 21+)
# Needs the bench jar (built when missing: mvn -Pbench package, which also installs Liberty into
# target/bench/liberty/wlp) and wrk. Keycloak is unpacked into target/bench on first use.
. "$(dirname "$0")/lib.sh"
SECS=${1:-5}
ROUNDS=${2:-3}
BENCH_CONNECTIONS=${3:-16}
WARMUP=${WARMUP:-15}
GROUP=anchors
bench_build
bench_need wrk
BENCH_TOKEN=$(bench_token)
FP=$(bench_port 18801 1000)   # Flagpost HTTP (gRPC on +1000)
KC=$(bench_port 18791 1)      # Keycloak HTTP (management on +1)
MP=$(bench_port 18781)        # mpJwt Liberty

# --- RS256 key pair and a JWT signed with it (openssl; nothing committed) --------------------------
ISSUER=https://bench.flagpost.invalid
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$BENCH_TMP/jwt-key.pem" 2>/dev/null
openssl pkey -in "$BENCH_TMP/jwt-key.pem" -pubout -out "$BENCH_TMP/jwt-pub.pem"
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
payload=$(printf '{"iss":"%s","aud":"flagpost","sub":"bench-user","upn":"bench-user","groups":["bench"],"iat":%d,"exp":%d,"jti":"%s"}' \
  "$ISSUER" "$now" "$((now + 3600))" "$(bench_token)" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$BENCH_TMP/jwt-key.pem" -binary | b64url)
JWT="$header.$payload.$signature"

JWT_METHOD="    jwt:
      enabled: true
      public_key_file: $BENCH_TMP/jwt-pub.pem
      validate_claims:
        issuer: $ISSUER
        audiences: [flagpost]"

# --- scenarios: name -> "url|header|wrk script" ---------------------------------------------------
declare -A RUNS
declare -A RPS P99
# Sets the caller's url and args (wrk's -H and -s) from a scenario's RUNS entry.
scenario() { # name
  local header script
  IFS='|' read -r url header script <<< "${RUNS[$1]}"
  args=()
  [ -z "$header" ] || args+=(-H "$header")
  [ -z "$script" ] || args+=(-s "$script")
}
measure() { # server scenario...: warm-up, then ROUNDS interleaved rounds, every other one in reverse order
  local server=$1 name url args r p round res
  shift
  for name in "$@"; do
    scenario "$name"
    bench_wrk "$url" "$WARMUP" "$BENCH_TMP/warm.txt" "${args[@]}" >/dev/null
  done
  local order=("$@") reversed=() i
  for ((i = $# - 1; i >= 0; i--)); do reversed+=("${order[$i]}"); done
  for round in $(seq 1 "$ROUNDS"); do
    # Even rounds run the scenarios in reverse (A B B A ...): a machine that speeds up or slows down
    # during a round then favours neither side of a ratio, where a fixed order favours the first.
    [ $((round % 2)) = 0 ] && set -- "${reversed[@]}" || set -- "${order[@]}"
    for name in "$@"; do
      scenario "$name"
      res=$(bench_wrk "$url" "$SECS" "$BENCH_OUT/anchors-$server-$name-$round.txt" "${args[@]}") || exit 1
      read -r r p <<< "$res"
      RPS[$server/$name]+="$r "; P99[$server/$name]+="$p "
      bench_record "$GROUP" "$server/$name" "$round" "$r" "$p"
      printf 'round %d  %-30s %10.0f req/s  p99 %8s ms\n' "$round" "$server/$name" "$r" "$p"
    done
  done
}
# The gate's own CPU per request, from the server's profile (bench_wrk_profiled), PROFILE_ROUNDS rounds
# of PROFILE_SECS per scenario on the server that was just measured (warm). Appends a row per scenario
# to $BENCH_OUT/gate-cost.md, which run-all puts into docs/performance.md.
declare -A GATE_US SERVER_US
rm -f "$BENCH_OUT/gate-cost.md"
profile_gate() { # server scenario...
  local server=$1 name url args res round s g
  shift
  [ "${PROFILE_ROUNDS:-0}" -gt 0 ] || return 0
  [ -f "$BENCH_OUT/gate-cost.md" ] || printf '%s\n' "| scenario | gate, µs/request (spread) | server CPU, µs/request (spread) | gate's share |" \
    "| --- | ---: | ---: | ---: |" > "$BENCH_OUT/gate-cost.md"
  for round in $(seq 1 "$PROFILE_ROUNDS"); do
    for name in "$@"; do
      scenario "$name"
      res=$(bench_wrk_profiled "$BENCH_PID" "$url" "${PROFILE_SECS:-8}" "${args[@]}") || exit 1
      read -r s g <<< "$res"
      SERVER_US[$server/$name]+="$s "; GATE_US[$server/$name]+="$g "
      printf 'profile %d  %-30s server %7s µs/request, gate %6s µs/request\n' "$round" "$server/$name" "$s" "$g"
    done
  done
  for name in "$@"; do
    s=$(bench_median "${SERVER_US[$server/$name]}"); g=$(bench_median "${GATE_US[$server/$name]}")
    printf '| %s | %.2f (%s) | %.1f (%s) | %.1f %% |\n' "$server/$name" "$g" "$(spread2 "${GATE_US[$server/$name]}")" \
      "$s" "$(spread2 "${SERVER_US[$server/$name]}" 1)" "$(awk -v g="$g" -v s="$s" 'BEGIN { print 100 * g / s }')" >> "$BENCH_OUT/gate-cost.md"
  done
}
spread2() { tr ' ' '\n' <<< "$1" | grep -v '^$' | sort -n | awk -v d="${2:-2}" 'NR==1{lo=$1} {hi=$1} END {printf "%.*f-%.*f", d, lo, d, hi}'; }

check() { # expected-statuscheck() { # expected-status curl args...: one request must answer as expected before it is measured
  local want=$1 got
  shift
  got=$(curl -s -o "$BENCH_TMP/check.out" -w '%{http_code}' "$@")
  [ "$got" = "$want" ] || { echo "expected $want, got $got from curl $*:" >&2; cat "$BENCH_TMP/check.out" >&2; exit 1; }
}

# --- Flagpost, token cache on ----------------------------------------------------------------------
BASE=http://127.0.0.1:$FP
RUNS[noauth]="$BASE/evaluate/v1/_probe||"
RUNS[bearer-cached]="$BASE/api/v1/_probe|Authorization: Bearer $BENCH_TOKEN|"
RUNS[jwt]="$BASE/api/v1/_probe|Authorization: JWT $JWT|"
RUNS[noauth-jwt-bytes]="$BASE/evaluate/v1/_probe|Authorization: JWT $JWT|"
RUNS[bearer-uncached]="$BASE/api/v1/_probe|Authorization: Bearer $BENCH_TOKEN|"
RUNS[self-uncached]="$BASE/auth/v1/self|Authorization: Bearer $BENCH_TOKEN|"
if [ "${SKIP_FLAGPOST:-0}" != 1 ]; then
echo "flagpost (token cache on)..." >&2
bench_only flagpost $FP "$(bench_config anchors true "$JWT_METHOD")" 10s
check 200 "$BASE/api/v1/_probe" -H "Authorization: JWT $JWT"
check 401 "$BASE/api/v1/_probe"
check 200 "$BASE/evaluate/v1/_probe"
check 200 "$BASE/evaluate/v1/_probe" -H "Authorization: JWT $JWT"
SECS=${FLAGPOST_SECS:-$SECS} ROUNDS=${FLAGPOST_ROUNDS:-$ROUNDS} measure flagpost noauth bearer-cached jwt noauth-jwt-bytes
profile_gate flagpost noauth bearer-cached jwt

echo "flagpost (token cache off)..." >&2
bench_only flagpost-uncached $FP "$(bench_config anchors-uncached true)" 0s
check 200 "$BASE/auth/v1/self" -H "Authorization: Bearer $BENCH_TOKEN"
SECS=${FLAGPOST_SECS:-$SECS} ROUNDS=${FLAGPOST_ROUNDS:-$ROUNDS} measure flagpost-uncached noauth bearer-uncached self-uncached
profile_gate flagpost-uncached bearer-uncached
bench_stop_all
fi

# --- Keycloak 26: RFC 7662 introspection ------------------------------------------------------------
if [ "${SKIP_KEYCLOAK:-0}" != 1 ]; then
  KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml)
  KC_HOME=target/bench/keycloak-$KC_VERSION
  [ -f "$KC_HOME/bin/kc.sh" ] || mvn -B -q -Pbench dependency:unpack@keycloak -Dkeycloak.skip=false >&2
  KC_JAVA=${KEYCLOAK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
  [ -x "$KC_JAVA/bin/java" ] || { echo "Keycloak needs Java 21+: set KEYCLOAK_JAVA_HOME (no $KC_JAVA/bin/java)" >&2; exit 1; }
  SECRET=$(bench_token)
  rm -rf "$KC_HOME/data"; mkdir -p "$KC_HOME/data/import"
  cat > "$KC_HOME/data/import/bench-realm.json" <<JSON
{"realm": "bench", "enabled": true,
 "clients": [{"clientId": "bench-rs", "enabled": true, "publicClient": false, "secret": "$SECRET",
              "clientAuthenticatorType": "client-secret", "serviceAccountsEnabled": true,
              "standardFlowEnabled": false, "directAccessGrantsEnabled": false,
              "protocolMappers": [{"name": "audience", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
                                   "config": {"included.client.audience": "bench-rs", "access.token.claim": "true",
                                              "introspection.token.claim": "true"}}]}]}
JSON
  echo "keycloak $KC_VERSION (start-dev; a first start re-augments, up to a few minutes)..." >&2
  BENCH_LOG="$BENCH_OUT/anchors-keycloak.log"
  JAVA_HOME=$KC_JAVA JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" KC_HTTP_MANAGEMENT_PORT=$((KC + 1)) \
    bench_spawn /bin/sh "$KC_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=$KC --db=dev-mem --import-realm
  bench_wait_url "http://127.0.0.1:$KC/realms/bench/.well-known/openid-configuration" 300
  rm -f "$KC_HOME/data/import/bench-realm.json"
  KC_REALM=http://127.0.0.1:$KC/realms/bench/protocol/openid-connect
  ACCESS=$(curl -fs -u "bench-rs:$SECRET" -d grant_type=client_credentials "$KC_REALM/token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  active=$(curl -fs -u "bench-rs:$SECRET" --data-urlencode "token=$ACCESS" "$KC_REALM/token/introspect" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["active"])')
  [ "$active" = True ] || { echo "Keycloak introspection did not say active: $active" >&2; exit 1; }
  BASIC=$(printf 'bench-rs:%s' "$SECRET" | base64 -w0)
  cat > "$BENCH_TMP/introspect.lua" <<LUA
wrk.method = "POST"
wrk.body = "token=$ACCESS"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $BASIC"
LUA
  RUNS[introspect]="$KC_REALM/token/introspect||$BENCH_TMP/introspect.lua"
  WARMUP=${ANCHOR_WARMUP:-$WARMUP} measure keycloak introspect
  bench_stop_all
  rm -rf "$KC_HOME/data"
fi

# --- Liberty's mpJwt-2.1: the same RS256 token ------------------------------------------------------
if [ "${SKIP_MPJWT:-0}" != 1 ]; then
  WLP=target/bench/liberty/wlp
  [ -x "$WLP/bin/server" ] || BENCH_REBUILD=1 bench_build
  API=$WLP/dev/api
  CP=$(ls "$API"/spec/io.openliberty.jakarta.restfulWS.3.1_*.jar "$API"/spec/io.openliberty.jakarta.annotation.2.1_*.jar \
          "$API"/spec/io.openliberty.jakarta.cdi.4.0_*.jar "$API"/stable/io.openliberty.org.eclipse.microprofile.jwt.2.1_*.jar | tr '\n' ':')   # CDI's jar has jakarta.inject
  MPJWT=bench/anchors/mpjwt
  mkdir -p "$BENCH_TMP/mpjwt/WEB-INF/classes"
  javac --release 17 -nowarn -cp "$CP" -d "$BENCH_TMP/mpjwt/WEB-INF/classes" $(find "$MPJWT/src" -name '*.java') 2>&1 \
    | grep -v '^Note:' >&2 || true
  [ -f "$BENCH_TMP/mpjwt/WEB-INF/classes/bench/mpjwt/CheckResource.class" ] || { echo "mpJwt app did not compile" >&2; exit 1; }
  export WLP_USER_DIR=$BENCH_TMP/wlp-usr     # the server lives in the temp folder, not in target/
  "$WLP/bin/server" create mpjwtbench >/dev/null
  cp "$MPJWT/server.xml" "$WLP_USER_DIR/servers/mpjwtbench/server.xml"
  (cd "$BENCH_TMP/mpjwt" && jar cf "$WLP_USER_DIR/servers/mpjwtbench/apps/mpjwt-bench.war" WEB-INF)
  echo "mpJwt Liberty server..." >&2
  BENCH_LOG="$BENCH_OUT/anchors-mpjwt.log"
  MP_JWT_VERIFY_PUBLICKEY_LOCATION=$BENCH_TMP/jwt-pub.pem MP_JWT_VERIFY_ISSUER=$ISSUER MP_JWT_VERIFY_AUDIENCES=flagpost \
    bench_http_port=$MP JVM_ARGS="-Xmx512m" bench_spawn "$WLP/bin/server" run mpjwtbench
  bench_wait_url "http://127.0.0.1:$MP/open" 180
  check 200 "http://127.0.0.1:$MP/check" -H "Authorization: Bearer $JWT"
  check 401 "http://127.0.0.1:$MP/check"
  RUNS[open]="http://127.0.0.1:$MP/open||"
  RUNS[check]="http://127.0.0.1:$MP/check|Authorization: Bearer $JWT|"
  WARMUP=${ANCHOR_WARMUP:-$WARMUP} measure mpjwt open check
  bench_stop_all
fi

# --- summary: medians of the rounds, ratios, goals ----------------------------------------------------
med() { bench_median "${RPS[$1]:-}"; }
printf '\n%-30s %12s %16s %10s\n' scenario "median req/s" "spread" "p99 ms"
for key in flagpost/noauth flagpost/bearer-cached flagpost/jwt flagpost/noauth-jwt-bytes flagpost-uncached/noauth flagpost-uncached/bearer-uncached \
           flagpost-uncached/self-uncached keycloak/introspect mpjwt/open mpjwt/check; do
  [ -n "${RPS[$key]:-}" ] || continue
  printf '%-30s %12.0f %16s %10s\n' "$key" "$(med "$key")" "$(bench_spread "${RPS[$key]}")" "$(bench_median "${P99[$key]}")"
done
goal() { # label numerator denominator goal
  [ -n "${RPS[$2]:-}" ] && [ -n "${RPS[$3]:-}" ] || return 0
  local r; r=$(bench_ratio "$(med "$2")" "$(med "$3")")
  printf '%-52s %6s  goal >= %-5s %s\n' "$1" "$r" "$4" "$(awk -v r="$r" -v g="$4" 'BEGIN { print (r >= g) ? "met" : "NOT met" }')"
}
echo
goal "Bearer, cached / no-auth" flagpost/bearer-cached flagpost/noauth 0.95
goal "Bearer, uncached / no-auth" flagpost-uncached/bearer-uncached flagpost-uncached/noauth 0.7
goal "JWT RS256 / no-auth" flagpost/jwt flagpost/noauth 0.9
goal "JWT RS256 / no-auth sending the same header bytes" flagpost/jwt flagpost/noauth-jwt-bytes 0.9
goal "Bearer, cached / Keycloak introspection" flagpost/bearer-cached keycloak/introspect 1
goal "Bearer, uncached / Keycloak introspection" flagpost-uncached/bearer-uncached keycloak/introspect 1
goal "/auth/v1/self, uncached / Keycloak introspection" flagpost-uncached/self-uncached keycloak/introspect 1
goal "JWT RS256 / mpJwt-2.1 (same token)" flagpost/jwt mpjwt/check 1
[ -f "$BENCH_OUT/gate-cost.md" ] && { echo; echo "the gate's own CPU, from the server's profile ($PROFILE_ROUNDS x ${PROFILE_SECS:-8} s):"; cat "$BENCH_OUT/gate-cost.md"; }
echo "(loopback, $BENCH_CONNECTIONS connections, ${SECS}s x $ROUNDS rounds (Flagpost: ${FLAGPOST_SECS:-$SECS}s x ${FLAGPOST_ROUNDS:-$ROUNDS}) after ${WARMUP}s warm-up, $(date -u +%F))"
