#!/bin/bash
# RSS under sustained writes with eviction (see docs/PERFORMANCE.md, "RSS under eviction"):
# a server with maxmemory (100mb) and allkeys-lru takes redis-benchmark writes far past the limit
# (SETs of 100-byte values over 10M random keys, then HSET and LPUSH mixes) while a sampler reads
# INFO memory (used_memory, and for ours the heap in use and committed) and /proc/PID/status
# (VmRSS, VmHWM) every second. Runs redis-server 7.0.15 and our image, one after the other.
# After each phase, for ours, a full GC (jcmd GC.run) shows the live heap beside used_memory: how
# far the estimate that maxmemory enforces is from the heap the data really holds.
# Builds nothing: run `./mvnw -q -DskipTests package` first (the image).
#
# Usage: benchmarks/rss-under-eviction.sh [--quick] [--servers ours,redis] [--maxmemory 100mb]
#                                         [--set-requests N] [--mix-requests N] [--out DIR]
# Extra JVM flags for ours: REDIS_INTERNALS_JAVA_OPTS (as the launcher reads it), e.g. -Xmx256m.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
image="$root/server-app/target/redis-internals"

servers=ours,redis
maxmemory=100mb
set_requests=5000000
mix_requests=1000000
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) set_requests=500000; mix_requests=100000 ;;
    --servers) servers=$2; shift ;;
    --maxmemory) maxmemory=$2; shift ;;
    --set-requests) set_requests=$2; shift ;;
    --mix-requests) mix_requests=$2; shift ;;
    --out) out=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
out=${out:-$(mktemp -d /tmp/rss-under-eviction.XXXXXX)}
mkdir -p "$out"
# jcmd of a JDK >= 21 (the image has none) for the full GC after each phase
. "$here/find-jdk.sh"
jcmd="$(dirname "$RI_JAVA")/jcmd"
for tool in redis-benchmark redis-cli; do
  command -v $tool >/dev/null || { echo "$tool not found (Debian: redis-tools)" >&2; exit 1; }
done

free_port() {
  # a port nobody listens on (ss lists the listening ones)
  local p
  while :; do
    p=$(( 20000 + RANDOM % 20000 ))
    ss -ltn 2>/dev/null | awk '{print $4}' | grep -q ":$p\$" || { echo $p; return; }
  done
}

info_field() { # port field
  redis-cli -p "$1" info memory | tr -d '\r' | sed -n "s/^$2://p"
}

status_kb() { # pid field (VmRSS, VmHWM) in kB
  sed -n "s/^$2:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$1/status"
}

# Samples every second until the file $out/$name.stop exists:
# seconds,used_memory,rss_bytes,heap_used,heap_committed (heap columns: ours only, else 0).
sampler() { # name port pid
  local name=$1 port=$2 pid=$3 t0 now
  t0=$(date +%s)
  echo "seconds,used_memory,rss,heap_used,heap_committed" > "$out/$name.csv"
  while [ ! -e "$out/$name.stop" ]; do
    now=$(date +%s)
    local used rss heap_used heap_committed
    used=$(info_field "$port" used_memory)
    rss=$(status_kb "$pid" VmRSS 2>/dev/null || true)
    rss=$(( ${rss:-0} * 1024 ))
    if [ "$name" = ours ]; then
      heap_used=$(info_field "$port" allocator_allocated)
      heap_committed=$(info_field "$port" allocator_active)
    else
      heap_used=0; heap_committed=0
    fi
    echo "$((now - t0)),$used,$rss,$heap_used,$heap_committed" >> "$out/$name.csv"
    sleep 1
  done
}

# redis-benchmark -q's final line (it redraws progress with CRs), the command shortened
last_line() { tr '\r' '\n' | grep -v '^ *$' | tail -1 | sed 's/v\{100\}/<100 bytes>/'; }

# One load phase may not outlast this (a server that died, e.g. of an OutOfMemoryError under a heap
# too small, would otherwise keep redis-benchmark waiting).
bench() { timeout 900 redis-benchmark "$@" || echo "redis-benchmark failed or timed out ($?)"; }

# After a phase (ours): a full GC, then the heap in use (the live heap) and used_memory.
live_heap() { # name port pid
  [ "$1" = ours ] || return 0
  "$jcmd" "$3" GC.run >/dev/null 2>&1 || { echo "    (jcmd GC.run failed)"; return 0; }
  sleep 1
  local used heap
  used=$(info_field "$2" used_memory)
  heap=$(info_field "$2" allocator_allocated)
  awk -v u="${used:-0}" -v h="${heap:-0}" 'BEGIN {
    printf "    after a full GC: live heap %.1f MB, used_memory %.1f MB (heap/used_memory %.2f)\n",
      h / 1048576, u / 1048576, (u > 0 ? h / u : 0) }' | tee -a "$out/phases.txt"
}

load() { # port name pid
  local p=$1 value
  value=$(head -c 100 /dev/zero | tr '\0' v)
  echo "  SET -d 100 -r 10000000 -n $set_requests"
  bench -p "$p" -c 50 -P 16 -t set -d 100 -r 10000000 -n "$set_requests" -q | last_line
  live_heap "$2" "$p" "$3"
  echo "  HSET h:<1e5> f<rand> <100 bytes> -n $mix_requests"
  bench -p "$p" -c 50 -P 16 -r 100000 -n "$mix_requests" -q \
    hset h:__rand_int__ f__rand_int__ "$value" | last_line
  live_heap "$2" "$p" "$3"
  echo "  LPUSH l:<1e5> <100 bytes> -n $mix_requests"
  bench -p "$p" -c 50 -P 16 -r 100000 -n "$mix_requests" -q \
    lpush l:__rand_int__ "$value" | last_line
  live_heap "$2" "$p" "$3"
  echo "  SET again -n $set_requests"
  bench -p "$p" -c 50 -P 16 -t set -d 100 -r 10000000 -n "$set_requests" -q | last_line
  live_heap "$2" "$p" "$3"
}

run() { # name
  local name=$1 port pid
  port=$(free_port)
  local args=(--port "$port" --bind 127.0.0.1 --save "" --appendonly no
              --maxmemory "$maxmemory" --maxmemory-policy allkeys-lru)
  if [ "$name" = ours ]; then
    [ -x "$image/bin/redis-internals" ] || { echo "no image at $image: ./mvnw -q -DskipTests package" >&2; exit 1; }
    echo "ours: $image/bin/redis-internals, JVM flags:"
    "$image/bin/java" -XX:+PrintCommandLineFlags -version 2>&1 | head -1 | sed 's/^/  /'
    echo "  REDIS_INTERNALS_JAVA_OPTS=${REDIS_INTERNALS_JAVA_OPTS-}"
    "$image/bin/redis-internals" "${args[@]}" > "$out/$name.log" 2>&1 &
  else
    echo "redis: $(command -v redis-server) ($(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'))"
    redis-server "${args[@]}" > "$out/$name.log" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  rm -f "$out/$name.stop"
  sampler "$name" "$port" "$pid" &
  local spid=$!
  load "$port" "$name" "$pid"
  sleep 3 # a few idle samples after the load
  touch "$out/$name.stop"
  wait $spid || true
  local hwm
  hwm=$(status_kb "$pid" VmHWM 2>/dev/null || true)
  hwm=$(( ${hwm:-0} * 1024 ))
  local evicted
  evicted=$(timeout 10 redis-cli -p "$port" info stats | tr -d '\r' | sed -n 's/^evicted_keys://p')
  [ -n "$evicted" ] || { evicted=-1; echo "$name: the server no longer answers (see $out/$name.log)"; }
  timeout 10 redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  summarize "$name" "$hwm" "$evicted"
}

summarize() { # name vmhwm evicted
  local limit n steady
  limit=$(numfmt --from=iec "$(echo "$maxmemory" | tr a-z A-Z | sed 's/B$//')")
  # steady state: the median RSS of the second half of the samples
  n=$(( $(wc -l < "$out/$1.csv") - 1 ))
  steady=$(tail -n $(( n - n / 2 )) "$out/$1.csv" | cut -d, -f3 | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  awk -F, -v name="$1" -v hwm="$2" -v limit="$limit" -v evicted="$3" -v steady="$steady" '
    NR == 1 { next }
    { n++; if ($2 > maxused) maxused = $2; if ($5 > maxhc) maxhc = $5 }
    END {
      printf "%s: %d samples, evicted_keys %d\n", name, n, evicted
      printf "  used_memory peak %.1f MB (%.3fx maxmemory)\n", maxused / 1048576, maxused / limit
      printf "  RSS peak (VmHWM) %.1f MB = %.2fx maxmemory; steady (median of 2nd half) %.1f MB = %.2fx\n",
        hwm / 1048576, hwm / limit, steady / 1048576, steady / limit
      if (maxhc > 0) printf "  JVM heap committed peak %.1f MB\n", maxhc / 1048576
    }' "$out/$1.csv" | tee -a "$out/summary.txt"
}

echo "maxmemory $maxmemory allkeys-lru; samples in $out"
for s in ${servers//,/ }; do
  run "$s"
done
