#!/usr/bin/env bash
# new-files-maintained.sh PATCH [TREE]: exit 0 if every file PATCH adds
# belongs to a MAINTAINERS section other than THE REST in TREE (default:
# build/patched/src, which has the whole series), printing each file and
# its sections; exit 1 naming the first file that has none.  This answers
# checkpatch's "added, moved or deleted file(s), does MAINTAINERS need
# updating?" for tests/lint-series.sh.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
patch=$1 tree=${2:-$top/build/patched/src}
[ -f "$tree/scripts/get_maintainer.pl" ] || { echo "new-files-maintained: no get_maintainer.pl in $tree" >&2; exit 2; }
one=$(mktemp)
trap 'rm -f "$one"' EXIT
while read -r f; do
	# A patch of this one file: get_maintainer.pl reads a file's path from
	# it whether or not the tree has the file.
	printf 'diff --git a/%s b/%s\nnew file mode 100644\n--- /dev/null\n+++ b/%s\n@@ -0,0 +1 @@\n+x\n' \
		"$f" "$f" "$f" >"$one"
	sections=$(cd "$tree" && perl scripts/get_maintainer.pl --no-git --no-git-fallback --sections "$one" 2>/dev/null |
		grep -vE '^[A-Z]:|^$' | grep -vx 'THE REST' | paste -sd';') || true
	[ -n "$sections" ] || { echo "$f: in no MAINTAINERS section"; exit 1; }
	echo "$f: $sections"
done < <(awk '/^diff --git /{ f = $4; sub(/^b\//, "", f) } /^new file mode/{ print f }' "$patch")
