#!/usr/bin/env bash
# The closing lines of a test run from its PASS/FAIL/SKIP lines:
#   summary.sh RESULTS START_EPOCH
# prints the elapsed time, the failures again and "N passed, N failed,
# N skipped"; exits 1 on any failure or when nothing passed.
set -euo pipefail
results=$1 start=$2
top=$(cd "$(dirname "$0")/.." && pwd)
p=$(grep -c '^PASS ' "$results" || true); f=$(grep -c '^FAIL ' "$results" || true); k=$(grep -c '^SKIP ' "$results" || true)
echo "== $(( $(date +%s) - start ))s; results in ${results#"$top"/}"
[ "$f" = 0 ] || grep '^FAIL ' "$results" | sed 's/^/  /'
echo "$p passed, $f failed, $k skipped"
[ "$f" = 0 ] && [ "$p" -gt 0 ]
