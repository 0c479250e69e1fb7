#!/usr/bin/env bash
# Series lint: checkpatch --strict on every patch in patches/series.
# Prints PASS/FAIL lines; exits 1 on any finding.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cp=$top/build/base/src/scripts/checkpatch.pl
[ -f "$cp" ] || { echo "FAIL lint: no checkpatch.pl (run 'make tree')"; exit 1; }
failed=0 n=0
while read -r p; do
	case "$p" in ''|'#'*) continue ;; esac
	n=$((n + 1))
	# An absolute path: checkpatch checks a file that "git ls-files" lists
	# under the given name as a source file, not as a patch, and the
	# patches are tracked here (its blank context lines then read as
	# trailing whitespace).
	# UNKNOWN_COMMIT_ID: the base is a tarball, so checkpatch has no
	# history to find a Fixes: commit in (the ids are checked against
	# upstream when a Fixes: tag is written).
	# From build/: checkpatch leaves a .checkpatch-camelcase.git.* cache
	# in its working directory.
	# A checkpatch that fails and says nothing fails the lint too.
	rc=0
	out=$(cd "$top/build" && perl "$cp" --strict --no-tree --quiet --no-summary \
		--ignore UNKNOWN_COMMIT_ID "$top/patches/$p" 2>&1) || rc=$?
	[ "$rc" = 0 ] || [ -n "$out" ] || out="checkpatch exited $rc without a word"
	if [ -z "$out" ]; then
		echo "PASS lint: checkpatch --strict $p"
	else
		echo "FAIL lint: checkpatch --strict $p:"
		echo "$out" | head -30 | sed 's/^/    | /'
		failed=1
	fi
done <"$top/patches/series"
[ $n -gt 0 ] || echo "SKIP lint: the series is empty"
exit $failed
