#!/bin/sh
# Runs the JMH microbenchmarks on a JDK >= 21 (the `java` on PATH may be older).
# Build first:  ./mvnw -q -pl benchmarks -am package -DskipTests
# Usage:        benchmarks/jmh.sh [JMH options]      e.g.  benchmarks/jmh.sh -prof gc EngineBenchmark
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find-jdk.sh"
jar="$here/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "jmh.sh: $jar missing; run: ./mvnw -q -pl benchmarks -am package -DskipTests" >&2
  exit 1
fi
exec "$RI_JAVA" -jar "$jar" "$@"
