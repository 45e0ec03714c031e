# Sourced by jmh.sh and side-by-side.sh: sets RI_JAVA to a `java` >= 21, with the selection
# logic of ./mvnw: $JAVA_HOME if it is >= 21, else the newest JDK >= 21 under /usr/lib/jvm
# (or $MVNW_JDK_SEARCH_PATH). Also sets RI_JAVA_FEATURE (21, 25 ...).
ri_java_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'; }
RI_JAVA=""
if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  v=$(ri_java_feature "$JAVA_HOME"); [ "${v:-0}" -ge 21 ] && RI_JAVA="$JAVA_HOME/bin/java" && RI_JAVA_FEATURE=$v
fi
if [ -z "$RI_JAVA" ]; then
  ri_best_v=0
  for d in ${MVNW_JDK_SEARCH_PATH:-/usr/lib/jvm}/*; do
    [ -x "$d/bin/java" ] || continue
    v=$(ri_java_feature "$d"); v=${v:-0}
    if [ "$v" -ge 21 ] && [ "$v" -gt "$ri_best_v" ]; then RI_JAVA="$d/bin/java"; ri_best_v=$v; RI_JAVA_FEATURE=$v; fi
  done
fi
if [ -z "$RI_JAVA" ]; then
  echo "no JDK >= 21 found (set JAVA_HOME or install one under /usr/lib/jvm)" >&2
  exit 1
fi
