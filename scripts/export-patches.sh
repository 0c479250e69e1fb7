#!/usr/bin/env bash
# Regenerate patches/ (cover letter, numbered patches, series) from the
# commits on top of "base" in build/patched/src.  The cover letter's own
# subject and text are carried over from the existing patches/0000 file
# (through the branch description); shortlog and diffstat are regenerated.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
src=$top/build/patched/src
cover=$top/patches/0000-cover-letter.patch
[ -d "$src/.git" ] || { echo "export: no tree at $src (run 'make tree')" >&2; exit 1; }
# Debian's .gitignore ignores every top-level entry ("/*"), so a new file
# such as mm/foo.c is silently left out of a commit unless added with -f.
lost=$(git -C "$src" ls-files --others --ignored --exclude-standard)
if [ -n "$lost" ]; then
	echo "export: files in build/patched/src that no commit holds (Debian's" >&2
	echo "export: .gitignore hides them; 'git add -f' and amend, or delete):" >&2
	echo "$lost" | sed 's/^/    /' >&2
	exit 1
fi
n=$(git -C "$src" rev-list --count base..HEAD)
branch=$(git -C "$src" symbolic-ref --short HEAD)

if [ -f "$cover" ]; then
	# Subject without the [PATCH 0/N] prefix, then the body up to the shortlog.
	desc=$(awk '
		/^Subject: / && !s { sub(/^Subject: (\[[^]]*\] )?/, ""); subj = $0; s = 1; next }
		s == 1 && /^ / { subj = subj $0; next }
		s == 1 && /^$/ { print subj; print ""; s = 2; next }
		s == 2 && /^[^ ].* \([0-9]+\):$/ { exit }
		s == 2 { print }' "$cover")
	old_date=$(grep -m1 '^Date: ' "$cover")
	# The series version ("[PATCH v2 00/14]") is carried over too.
	version=$(sed -n 's/^Subject: \[PATCH v\([0-9]*\) .*/\1/p' "$cover" | head -1)
	git -C "$src" config "branch.$branch.description" "$desc"
fi

rm -f "$top"/patches/*.patch
if [ "$n" -gt 0 ]; then
	# The cover letter is from the series' author, not whoever exports it.
	author=$(git -C "$src" log -1 --reverse --format='%an' base..HEAD)
	email=$(git -C "$src" log -1 --reverse --format='%ae' base..HEAD)
	git -C "$src" -c user.name="$author" -c user.email="$email" \
		format-patch -q --cover-letter --cover-from-description=subject \
		--subject-prefix="PATCH${version:+ v$version}" \
		--no-signature --zero-commit --base=base -o "$top/patches" base..HEAD
	# Keep the cover letter's date, so an unchanged series exports unchanged.
	[ -z "${old_date:-}" ] || sed -i "0,/^Date: .*/s//$old_date/" "$cover"
fi
(cd "$top/patches" && for p in [0-9][0-9][0-9][0-9]-*.patch; do [ "$p" = 0000-cover-letter.patch ] || [ ! -f "$p" ] || echo "$p"; done) >"$top/patches/series"
echo "export: $n patches written to patches/"
