#!/usr/bin/env bash
# Speed of dbguard-scan, as a user runs it (java -jar, JVM start included). Not a test: run it by hand on a quiet
# machine and read the medians.
#   1. the PostgreSQL regression corpus (../shared/corpus/pg-regress, about 41,700 statements): target <= 5 s wall
#   2. a git repository of 10,000 generated migrations, --changed-since selecting the 10 changed in the last
#      commit: target <= 2 s wall
# Usage: guard-scan/bench/scan-speed.sh [runs]   (default 5 runs each; needs guard-scan/target/dbguard-scan.jar)
set -euo pipefail

runs=${1:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$root/guard-scan/target/dbguard-scan.jar
corpus=${DBGUARD_CORPUS:-$root/../shared/corpus/pg-regress}
[ -d "$corpus" ] || corpus=$root/../../shared/corpus/pg-regress   # from a worktree under /work/wt
[ -f "$jar" ] || { echo "scan-speed: $jar missing: ./mvnw -pl guard-scan -am package -DskipTests" >&2; exit 2; }
[ -d "$corpus" ] || { echo "scan-speed: corpus $corpus missing (set DBGUARD_CORPUS)" >&2; exit 2; }

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# wall seconds of one run of the scanner in directory $1 with the remaining arguments; its summary line to fd 3
timed() {
  local dir=$1; shift
  local start end
  start=$(date +%s.%N)
  (cd "$dir" && java -jar "$jar" --fail-on never "$@" 2>/dev/null | tail -1 >&3) || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

echo "machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== 1. pg-regress corpus: $(find "$corpus" -name '*.sql' | wc -l) files, $(du -sh "$corpus" | cut -f1)"
times=()
for i in $(seq "$runs"); do
  t=$(timed "$corpus" . 3>/tmp/scan-speed-summary)
  times+=("$t")
  echo "  run $i: ${t} s  ($(cat /tmp/scan-speed-summary))"
done
printf '%s\n' "${times[@]}" | median | xargs printf '  median: %s s (target <= 5 s)\n'

echo "== 2. 10,000 migrations in git, --changed-since selecting 10"
repo=$(mktemp -d /tmp/scan-speed-repo.XXXXXX)
trap 'rm -rf "$repo"' EXIT
mkdir -p "$repo/src/main/resources/db/migration"
for i in $(seq 1 10000); do
  printf 'CREATE TABLE t%05d (id bigint PRIMARY KEY, note text);\nUPDATE t%05d SET note = NULL WHERE id = 1;\n' "$i" "$i" \
    > "$repo/src/main/resources/db/migration/V${i}__table_$i.sql"
done
git -C "$repo" init -q && git -C "$repo" -c user.email=b@b -c user.name=bench add -A \
  && git -C "$repo" -c user.email=b@b -c user.name=bench commit -qm base
for i in $(seq 10001 10010); do
  printf 'ALTER TABLE t00001 DROP COLUMN c%05d;\n' "$i" > "$repo/src/main/resources/db/migration/V${i}__drop_$i.sql"
done
git -C "$repo" -c user.email=b@b -c user.name=bench add -A && git -C "$repo" -c user.email=b@b -c user.name=bench commit -qm change
times=()
for i in $(seq "$runs"); do
  t=$(timed "$repo" --changed-since HEAD~1 3>/tmp/scan-speed-summary)
  times+=("$t")
  echo "  run $i: ${t} s  ($(cat /tmp/scan-speed-summary))"
done
printf '%s\n' "${times[@]}" | median | xargs printf '  median: %s s (target <= 2 s)\n'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f /tmp/scan-speed-summary
