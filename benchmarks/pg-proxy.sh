#!/usr/bin/env bash
# pgbench through a direct connection, PgBouncer (session pooling) and dbguard-pg-proxy (production, block mode), in
# interleaved rounds, and the proxy's heap per idle connection; the report goes to
# benchmarks/target/pg-proxy-report.md. About 11 minutes on 2 cores (--quick: about 2).
#   benchmarks/pg-proxy.sh [--rounds N] [--seconds S] [--scale N] [--idle N] [--quick]
# PostgreSQL: DBGUARD_TEST_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres, trust
# authentication); the benchmark creates a database of its own there and drops it. PgBouncer is started by the
# benchmark itself, with its own configuration in a temporary directory, on a free port; a system-wide PgBouncer is
# never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pgbench >/dev/null || ! { command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ]; }; then
  echo "Installing pgbench and PgBouncer (postgresql-client, pgbouncer) ..."
  apt-get update -q
  # only the binary is used: where the package starts a system-wide PgBouncer (127.0.0.1:6432), the benchmark
  # neither uses nor changes it
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-client pgbouncer
fi
./mvnw -q -B -ntp -pl guard-pg-proxy,benchmarks -am package -DskipTests
exec java -cp benchmarks/target/benchmarks.jar dev.dbguard.benchmarks.PgProxyBenchmark "$@"
