#!/usr/bin/env bash
# One-JVM microbenchmarks of the authentication path (JMH, SampleTime: mean and percentiles), on the
# real components: the gate without a credential, with a cached Bearer token, with an uncached one
# (H2 and PostgreSQL), with JWTs (RS256/ES256 on the JDK's and BouncyCastle's providers, EdDSA), with
# the session cookie and CSRF token; token lookup with 10^3..10^6 stored tokens; and token lookups
# while the cleanup deletes 10^6 expired rows (a standalone harness: CleanupUnderLoad).
# Not part of `mvn verify`: the sources are in bench/jmh/src and compile only with -Pjmh.
#
# Usage:
#   bench/jmh.sh                  everything, bounded (about 9 minutes on 2 cores)
#   bench/jmh.sh smoke [regex]    the same pipeline with 1 s iterations and small tables; regex picks
#                                 runs by name (gate, uncached-bearer, token-lookup-h2,
#                                 token-lookup-postgresql, jwt-verify, jwt-verify-eddsa, jwt-cached,
#                                 ed25519-primitive, cleanup-under-load)
#   bench/jmh.sh full [regex]     everything, or the runs matching regex
#   bench/jmh.sh jmh <args>       JMH's own command line, e.g. bench/jmh.sh jmh GateBenchmark -f1 -wi 1 -i 1 -r 1s
# Results (suite): bench/results/jmh.json (JMH JSON), cleanup.json, summary.txt.
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth, database test); each benchmark uses its own schema, dropped after.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-full}
OUT=bench/results

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  cluster=$(pg_lsclusters -h | awk '{print $1; exit}')
  pg_ctlcluster --skip-systemctl-redirect "$cluster" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi

mvn -B -q -Pjmh -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/jmh/jmh.classpath -Dmdep.includeScope=test
CP="target/jmh/test-classes:target/jmh/classes:$(cat target/jmh/jmh.classpath)"
# Forks inherit these JVM options; WARNING keeps Hibernate's and the cleaner's INFO lines out of the output.
JAVA=(java -Djava.util.logging.config.file=src/test/resources/logging.properties -cp "$CP")

case "$MODE" in
  jmh)   shift; exec "${JAVA[@]}" org.openjdk.jmh.Main "$@" ;;
  smoke) exec timeout 600 "${JAVA[@]}" dev.flagpost.bench.Suite smoke "$OUT" "${2:-.*}" ;;
  full)  exec timeout 720 "${JAVA[@]}" dev.flagpost.bench.Suite full "$OUT" "${2:-.*}" ;;
  *)     echo "usage: bench/jmh.sh [full|smoke [regex]|jmh <JMH args>]" >&2; exit 2 ;;
esac
