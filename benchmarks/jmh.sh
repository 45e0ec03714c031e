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
# JMH 1.37 reads fields with sun.misc.Unsafe; JDK 24+ warns about it in the host and in every
# forked JVM unless allowed (the option does not exist before 23). Prepend, because a benchmark's
# @Fork(jvmArgsAppend) (KeyTableBenchmark's heap size) must stay in force.
if [ "$RI_JAVA_FEATURE" -ge 24 ]; then
  exec "$RI_JAVA" --sun-misc-unsafe-memory-access=allow -jar "$jar" \
    -jvmArgsPrepend --sun-misc-unsafe-memory-access=allow "$@"
fi
exec "$RI_JAVA" -jar "$jar" "$@"
