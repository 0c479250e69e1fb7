#!/usr/bin/env bash
# Series lint: checkpatch --strict on every patch in patches/series.
# Prints PASS/FAIL lines; exits 1 on any finding.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cp=$top/build/base/src/scripts/checkpatch.pl
[ -f "$cp" ] || { echo "FAIL lint: no checkpatch.pl (run 'make tree')"; exit 1; }
failed=0 n=0
# drop_page_flag_camelcase: checkpatch's output without its "Avoid
# CamelCase" findings on __SetPageX/__ClearPageX, each a CHECK line, its
# FILE line, the quoted source and a blank line, nor the complaints of
# the CamelCase check looking for a tree that --no-tree says is not there.
drop_page_flag_camelcase() {
	awk '/^Use of uninitialized value \$root in concatenation/ || /^find: .*\/include.*: No such file or directory$/ { next }
	     /^CHECK: Avoid CamelCase: <__(Set|Clear)Page[A-Z][A-Za-z]*>$/ { skip = 1; next }
	     skip && /^$/ { skip = 0; next }
	     !skip'
}
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
	# The page flag helpers are made by macros, so checkpatch can't see
	# them defined and calls them CamelCase; it excuses SetPageX and
	# ClearPageX but not their non-atomic __SetPageX forms, which
	# memmap init uses (as mm/mm_init.c always has): drop those findings.
	# A checkpatch that fails and says nothing fails the lint too.
	rc=0
	raw=$(cd "$top/build" && perl "$cp" --strict --no-tree --quiet --no-summary \
		--ignore UNKNOWN_COMMIT_ID "$top/patches/$p" 2>&1) || rc=$?
	out=$(printf '%s\n' "$raw" | drop_page_flag_camelcase)
	[ "$rc" = 0 ] || [ -n "$raw" ] || out="checkpatch exited $rc without a word"
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
