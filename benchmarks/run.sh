#!/usr/bin/env bash
# Builds the benchmarks and runs them all; the report goes to benchmarks/target/benchmark-report.md.
#   benchmarks/run.sh            full run, about 15 minutes on 2 cores
#   benchmarks/run.sh --quick    short runs for development, about 5 minutes
# PostgreSQL: DBGUARD_TEST_POSTGRES_URL (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres),
# else a Testcontainers container, else embedded PostgreSQL. The shared SQL corpus for the short-statement search:
# DBGUARD_CORPUS, else a shared/corpus directory beside a parent of the working directory (optional).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests
exec java -jar benchmarks/target/benchmarks.jar "$@"
