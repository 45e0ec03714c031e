#!/bin/sh
# Interleaved A/B runs against redis-server (docs/PERFORMANCE.md, "The adaptive spin").
# side-by-side.sh runs each server in turn for a whole test; on a host whose speed drifts by
# +-15% from one minute to the next that spread hides a 5% difference. Here redis-server and two
# of our configurations run at once (idle while not measured), each round sends the same short
# test to each in turn, and the result is the median of the per-round ratios to redis-server.
# Builds nothing: run `./mvnw -q -DskipTests package` first (it produces the jlink image).
#
# Usage: benchmarks/interleaved.sh [-t get] [-c 50] [-P 1] [-n 100000] [-r 15]
#                                  [-a "--epoll-spin 0"] [-b "--epoll-spin auto"] [-s "--appendonly yes"]
#   -a/-b: our two configurations (image arguments); -s: settings given to all three servers.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
image="$here/../server-app/target/redis-internals/bin/redis-internals"
test=get clients=50 pipeline=1 requests=100000 rounds=15
a="--epoll-spin 0" b="--epoll-spin auto" shared=""
while getopts t:c:P:n:r:a:b:s: opt; do
  case $opt in
    t) test=$OPTARG ;; c) clients=$OPTARG ;; P) pipeline=$OPTARG ;; n) requests=$OPTARG ;;
    r) rounds=$OPTARG ;; a) a=$OPTARG ;; b) b=$OPTARG ;; s) shared=$OPTARG ;;
    *) sed -n 2,12p "$0"; exit 2 ;;
  esac
done
[ -x "$image" ] || { echo "no image at $image: build first" >&2; exit 1; }
command -v redis-server > /dev/null || { echo "redis-server not on PATH (apt install redis-server)" >&2; exit 1; }

work=$(mktemp -d)
base=$(( 20000 + $$ % 20000 ))
pr=$base pa=$((base + 1)) pb=$((base + 2))
cleanup() {
  for p in $pr $pa $pb; do redis-cli -p "$p" shutdown nosave > /dev/null 2>&1 || true; done
  sleep 1; rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/r" "$work/a" "$work/b"
# shellcheck disable=SC2086 # the settings are word lists
redis-server --port $pr --dir "$work/r" --save "" $shared > "$work/r.log" 2>&1 &
"$image" --port $pa --dir "$work/a" --save "" $shared $a > "$work/a.log" 2>&1 &
"$image" --port $pb --dir "$work/b" --save "" $shared $b > "$work/b.log" 2>&1 &
for p in $pr $pa $pb; do
  i=0; until redis-cli -p $p ping > /dev/null 2>&1; do i=$((i + 1)); [ $i -lt 100 ] || exit 1; sleep 0.1; done
done

rate() { # port -> requests per second of one run
  redis-benchmark -p "$1" -t "$test" -c "$clients" -P "$pipeline" -n "$requests" -r 1000000 -q \
    | tr '\r' '\n' | grep -i "^$test:" | tail -1 | awk '{print $2}'
}
for p in $pr $pa $pb; do rate $p > /dev/null; done # warm-up (JIT)
echo "test=$test -c $clients -P $pipeline -n $requests, $rounds rounds; a=[$a] b=[$b] shared=[$shared]"
i=0
while [ $i -lt "$rounds" ]; do
  echo "$(rate $pr) $(rate $pa) $(rate $pb)" | tee -a "$work/rates"
  i=$((i + 1))
done
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "median req/s: redis $(awk '{print $1}' "$work/rates" | median)" \
  "a $(awk '{print $2}' "$work/rates" | median) b $(awk '{print $3}' "$work/rates" | median)"
echo "median of per-round ratios: a/redis $(awk '{printf "%.3f\n", $2 / $1}' "$work/rates" | median)" \
  "b/redis $(awk '{printf "%.3f\n", $3 / $1}' "$work/rates" | median)" \
  "b/a $(awk '{printf "%.3f\n", $3 / $2}' "$work/rates" | median)"
