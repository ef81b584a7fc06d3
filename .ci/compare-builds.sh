#!/usr/bin/env bash
# Two builds of one commit must give byte-identical jars (project.build.outputTimestamp): compares every jar that
# both trees built under */target/ and, for a jar that differs, lists the entries whose content or time differ.
# Usage: .ci/compare-builds.sh FIRST_TREE SECOND_TREE
set -euo pipefail
first=$1
second=$2
compared=0
differ=0
while IFS= read -r jar; do
  other="$second/$jar"
  [ -f "$other" ] || continue
  compared=$((compared + 1))
  if ! cmp -s "$first/$jar" "$other"; then
    differ=$((differ + 1))
    echo "DIFFERENT: $jar" >&2
    diff <(unzip -lv "$first/$jar" | awk 'NR > 3 {print $5, $6, $7, $8}') \
         <(unzip -lv "$other" | awk 'NR > 3 {print $5, $6, $7, $8}') | head -20 >&2 || true
  fi
done < <(cd "$first" && find . -path '*/target/*' -prune -name '*.jar' -print | grep -v '/target/.*/' | sort)
echo "reproducible build: $compared jars compared, $differ different"
[ "$compared" -gt 0 ] && [ "$differ" -eq 0 ]
