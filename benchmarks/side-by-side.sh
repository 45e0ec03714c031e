#!/bin/sh
# Side-by-side load test of redis-server 7.0.15 and our image (see docs/PERFORMANCE.md).
# Builds nothing: run `./mvnw -q -DskipTests package` first (it produces the jlink image).
# Usage: benchmarks/side-by-side.sh [--quick] [--rounds N] [--configs epoll,epoll-nio,blocking] [S1 ... S8]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find-jdk.sh"
# A single-file source program: the JDK compiles it in memory, no build step needed.
exec "$RI_JAVA" -Dri.root="$here/.." "$here/src/main/java/io/redisinternals/benchmarks/SideBySide.java" "$@"
