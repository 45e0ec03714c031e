#!/bin/bash
# The pause an AOF rewrite causes, side by side with redis-server 7.0.15 (docs/PERFORMANCE.md
# "Persistence"): N keys (SET key:<i>, 10-byte values, through redis-cli --pipe) with
# appendonly yes, then one redis-benchmark PING client (one request at a time, so its max latency
# is the longest stall another client sees) alone, and again with a BGREWRITEAOF sent 1 s into
# the run; the rewrite's wall time is BGREWRITEAOF to aof_rewrite_in_progress:0 (polled every
# 20 ms). Usage: benchmarks/aof-rewrite.sh [N] [preamble yes|no] [image]; the image defaults to
# this tree's jlink image (./mvnw package), another tree's image measures an older version.
set -eu
N=${1:-1000000}
PREAMBLE=${2:-yes}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMAGE=${3:-$ROOT/server-app/target/redis-internals/bin/redis-internals}
PINGS=${PINGS:-150000}
WORK=$(mktemp -d /tmp/aof-rewrite-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

start() { # name port
  local name=$1 port=$2 dir=$WORK/$1
  mkdir -p "$dir"
  local args=(--port "$port" --bind 127.0.0.1 --save "" --dir "$dir" --appendonly yes --aof-use-rdb-preamble "$PREAMBLE"
    --auto-aof-rewrite-percentage 0)
  if [ "$name" = redis ]; then
    redis-server "${args[@]}" --protected-mode no > "$dir/log" 2>&1 &
  else
    "$IMAGE" "${args[@]}" > "$dir/log" 2>&1 &
  fi
  echo $! > "$dir/pid"
  for _ in $(seq 1 600); do
    if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then return; fi
    sleep 0.1
  done
  echo "$name did not start" >&2; exit 1
}
now_ms() { date +%s%3N; }
pings() { # port -> "p50 p99 max" of one PING client
  redis-benchmark -p "$1" -t ping_mbulk -n "$PINGS" -c 1 --csv 2>/dev/null | awk -F'"' '/PING/ {print $10, $14, $16}'
}

python3 -c "
import sys
out = sys.stdout.buffer
for i in range($N):
    k = b'key:%d' % i
    v = (b'val:%06d' % (i % 1000000))[:10].ljust(10, b'x')
    out.write(b'*3\r\n\$3\r\nSET\r\n\$%d\r\n%s\r\n\$10\r\n%s\r\n' % (len(k), k, v))
" > "$WORK/load.resp"

for name in redis ours; do
  port=$((7800 + RANDOM % 90))
  start "$name" "$port"
  redis-cli -p "$port" --pipe < "$WORK/load.resp" > /dev/null
  [ "$(redis-cli -p "$port" dbsize)" = "$N" ] || { echo "$name: dbsize is not $N" >&2; exit 1; }
  redis-cli -p "$port" bgrewriteaof > /dev/null # a first rewrite, so both start from a base of the dataset (and a warm JIT)
  while redis-cli -p "$port" info persistence | grep -q 'aof_rewrite_in_progress:1'; do sleep 0.05; done
  alone=$(pings "$port")
  pings "$port" > "$WORK/during" &
  bench=$!
  sleep 1
  t0=$(now_ms)
  redis-cli -p "$port" bgrewriteaof > /dev/null
  while redis-cli -p "$port" info persistence | grep -q 'aof_rewrite_in_progress:1'; do sleep 0.02; done
  t1=$(now_ms)
  wait "$bench"
  echo "$name N=$N preamble=$PREAMBLE: rewrite ${t1}-${t0} = $((t1 - t0)) ms; PING p50 p99 max (ms) alone: $alone; during: $(cat "$WORK/during")"
  redis-cli -p "$port" shutdown nosave > /dev/null 2>&1 || true
  wait "$(cat "$WORK/$name/pid")" 2>/dev/null || true
done
