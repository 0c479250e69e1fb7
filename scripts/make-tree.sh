#!/usr/bin/env bash
# Create build/<name>/src: the pristine base as a git repo (one commit,
# tagged "base"), with patches/series applied on top by git am when
# <name> is "patched".  Re-running only redoes work when the tarball or the
# series changed.
set -euo pipefail

name=${1:?usage: make-tree.sh base|patched}
top=$(cd "$(dirname "$0")/.." && pwd)
tarball=${BASE_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
src=$top/build/$name/src
stamp=$top/build/$name/tree.stamp

die() { echo "make-tree: $*" >&2; exit 1; }
[ -f "$tarball" ] || die "base tarball $tarball not found (run 'make deps')"

series_files() {
	[ "$name" = patched ] || return 0
	{ grep -v '^\s*\(#\|$\)' "$top/patches/series" 2>/dev/null || true; } | sed "s|^|$top/patches/|"
}

# What the tree is made from: tarball identity plus the series content.
want=$( { stat -c '%n %s %Y' "$tarball"; series_files | xargs -r cat; } | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$src/.git" ]; then
	echo "make-tree: $name tree up to date"
	exit 0
fi

if [ ! -d "$src/.git" ] || ! git -C "$src" rev-parse -q --verify base >/dev/null; then
	echo "make-tree: extracting $tarball into build/$name/src"
	rm -rf "$src" && mkdir -p "$src"
	tar -C "$src" --strip-components=1 -xf "$tarball"
	git -C "$src" init -q
	git -C "$src" add -f -A
	# A fixed date makes the base commit, and so the patches' base-commit
	# line, the same on every machine.
	GIT_AUTHOR_DATE=2024-11-17T00:00:00Z GIT_COMMITTER_DATE=2024-11-17T00:00:00Z \
	git -C "$src" -c user.name=bench -c user.email=bench@localhost \
		commit -q -m "base: $(basename "$tarball")"
	git -C "$src" tag base
fi

git -C "$src" am --abort >/dev/null 2>&1 || true
# Keep untracked build products out of the way: reset tracked files only.
git -C "$src" checkout -q -B work base
git -C "$src" reset -q --hard base

n=0
while read -r p; do
	[ -n "$p" ] || continue
	[ -f "$p" ] || die "series lists $(basename "$p") but patches/ has no such file"
	n=$((n + 1))
	if ! git -C "$src" -c user.name=bench -c user.email=bench@localhost \
		am -q --keep-cr "$p" >"$top/build/$name/am.log" 2>&1; then
		cat "$top/build/$name/am.log" >&2
		git -C "$src" am --abort >/dev/null 2>&1 || true
		die "patch $n ($(basename "$p")) does not apply onto the base (see above)"
	fi
done < <(series_files)

echo "$want" >"$stamp"
echo "make-tree: $name tree ready ($n patches on base $(make -s -C "$src" kernelversion))"
