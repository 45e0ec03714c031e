#!/bin/bash
# RDB persistence side by side with redis-server 7.0.15 (docs/PERFORMANCE.md "Persistence"):
# with N keys (SET key:<i>, 10-byte values, through redis-cli --pipe), SAVE time, BGSAVE time, the memory a BGSAVE costs
# (ours: RSS peak during it minus RSS before, the JVM's heap growth included; redis-server: the
# child's copy-on-write, INFO rdb_last_cow_size, plus the child's own RSS is shared pages), the
# p50/p99 latency of redis-benchmark SET clients during the BGSAVE against the same run without
# one (the run during it reports its own duration: it must end before the BGSAVE does), and the load time of the N-key file at startup (the server's "DB loaded from disk" line).
# Usage: benchmarks/persistence.sh [N] (default 1000000). Needs redis-server, redis-cli and
# redis-benchmark 7.0 on PATH and the jlink image (./mvnw package).
set -eu
N=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMAGE=$ROOT/server-app/target/redis-internals/bin/redis-internals
WORK=$(mktemp -d /tmp/persistence-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

start() { # name port -> pid
  local name=$1 port=$2 dir=$WORK/$1
  mkdir -p "$dir"
  if [ "$name" = redis ]; then
    redis-server --port "$port" --bind 127.0.0.1 --save "" --dir "$dir" --protected-mode no > "$dir/log" 2>&1 &
  else
    "$IMAGE" --port "$port" --bind 127.0.0.1 --save "" --dir "$dir" > "$dir/log" 2>&1 &
  fi
  echo $! > "$dir/pid"
  for _ in $(seq 1 600); do
    if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then return; fi
    sleep 0.1
  done
  echo "$name did not start" >&2; exit 1
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }
bench() { # port -> "p50 p99 rps" of SET on random keys among N
  redis-benchmark -p "$1" -t set -r "$N" -n "$2" -c 20 -d 10 --csv 2>/dev/null | awk -F'"' '/SET/ {print $10, $14, $4}'
}

# N keys "key:<i>" with 10-byte values, as RESP for redis-cli --pipe (the same bytes for both)
python3 -c "
import sys
out = sys.stdout.buffer
for i in range($N):
    k = b'key:%d' % i
    v = b'val:%06d' % (i % 1000000)
    v = v[:10].ljust(10, b'x')
    out.write(b'*3\r\n\$3\r\nSET\r\n\$%d\r\n%s\r\n\$10\r\n%s\r\n' % (len(k), k, v))
" > "$WORK/load.resp"

for name in redis ours; do
  port=$((7900 + RANDOM % 90))
  start "$name" "$port"
  pid=$(cat "$WORK/$name/pid")
  redis-cli -p "$port" --pipe < "$WORK/load.resp" > /dev/null
  [ "$(redis-cli -p "$port" dbsize)" = "$N" ] || { echo "$name: dbsize is not $N" >&2; exit 1; }
  t0=$(now_ms); redis-cli -p "$port" save > /dev/null; t1=$(now_ms)
  save_ms=$((t1 - t0))
  base=$(bench "$port" 200000)
  rss0=$(rss_kb "$pid")
  t0=$(now_ms)
  redis-cli -p "$port" bgsave > /dev/null
  (b0=$(now_ms); r=$(bench "$port" 50000); echo "$r bench_ms=$(( $(now_ms) - b0 ))" > "$WORK/during") &
  bpid=$!
  peak=$rss0
  while [ "$(redis-cli -p "$port" info persistence | tr -d '\r' | awk -F: '/rdb_bgsave_in_progress/ {print $2}')" = 1 ]; do
    r=$(rss_kb "$pid"); [ "$r" -gt "$peak" ] && peak=$r
    sleep 0.01
  done
  t1=$(now_ms)
  bg_ms=$((t1 - t0))
  wait $bpid
  during=$(cat "$WORK/during")
  cow=$(redis-cli -p "$port" info persistence | tr -d '\r' | awk -F: '/rdb_last_cow_size/ {print $2}')
  size=$(stat -c %s "$WORK/$name/dump.rdb")
  redis-cli -p "$port" shutdown nosave > /dev/null 2>&1 || true
  sleep 1
  start "$name" "$port"
  load=$(grep -o 'DB loaded from disk: [0-9.]* seconds' "$WORK/$name/log" | tail -1 | awk '{print $5}')
  redis-cli -p "$port" shutdown nosave > /dev/null 2>&1 || true
  sleep 1
  echo "$name keys=$N file_bytes=$size save_ms=$save_ms bgsave_ms=$bg_ms rss_before_kb=$rss0 rss_peak_during_kb=$peak cow_bytes=$cow load_s=$load"
  echo "$name SET p50/p99/rps without BGSAVE: $base ; during BGSAVE (started with it): $during"
done
