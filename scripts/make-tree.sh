#!/usr/bin/env bash
# Create build/<name>/src: the pristine base as a git repo (one commit,
# tagged "base"), with patches/series applied on top by git am when
# <name> is "patched", and only the fixes at the head of the series (the
# leading patches that carry a Fixes: tag) when it is "fixes": base as a
# stable kernel would be with them.  base-ppc64le and patched-ppc64le are
# base and patched with config/ppc64le-tcg.patch on top, the one change the
# bench makes for QEMU's pseries machine (see that patch).  Re-running
# only redoes work when the tarball or the series changed.
set -euo pipefail

name=${1:?usage: make-tree.sh base|fixes|patched|base-ppc64le|patched-ppc64le}
top=$(cd "$(dirname "$0")/.." && pwd)
tarball=${BASE_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
# BUILD_DIR and PATCHES_DIR move the trees and the series (host tests).
build=${BUILD_DIR:-$top/build} patches=${PATCHES_DIR:-$top/patches}
src=$build/$name/src
stamp=$build/$name/tree.stamp

die() { echo "make-tree: $*" >&2; exit 1; }
[ -f "$tarball" ] || die "base tarball $tarball not found (run 'make deps')"

series_files() {
	case $name in
	patched) { grep -v '^\s*\(#\|$\)' "$patches/series" 2>/dev/null || true; } | sed "s|^|$patches/|" ;;
	fixes) name=patched series_files | while read -r p; do
		grep -q '^Fixes: ' "$p" 2>/dev/null || break
		echo "$p"
	done ;;
	*-ppc64le) name=${name%-ppc64le} series_files; echo "$top/config/ppc64le-tcg.patch" ;;
	esac
}

# tree_id: what the tree is made from, tarball identity plus the series
# content (for base, the tarball alone); its tree.stamp holds it.
tree_id() { { stat -c '%n %s %Y' "$tarball"; series_files | xargs -r cat; } | sha256sum | cut -d' ' -f1; }
want=$(tree_id)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$src/.git" ]; then
	echo "make-tree: $name tree up to date"
	exit 0
fi

# The base commit of the base tree, if that tree was made from this tarball:
# the other trees are cloned from it (objects hardlinked) instead of
# extracting and hashing the whole tarball again.
base_of_tarball() {
	local b=$build/base
	[ "$name" != base ] && [ -f "$b/tree.stamp" ] &&
		[ "$(cat "$b/tree.stamp")" = "$(name=base tree_id)" ] &&
		git -C "$b/src" rev-parse -q --verify base >/dev/null 2>&1
}
if { [ ! -d "$src/.git" ] || ! git -C "$src" rev-parse -q --verify base >/dev/null; } && base_of_tarball; then
	echo "make-tree: cloning build/base/src into build/$name/src"
	rm -rf "$src" && mkdir -p "$(dirname "$src")"
	git clone -q --no-checkout "$build/base/src" "$src"
	git -C "$src" checkout -q -B work base
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

# patch_ids: the stable patch-id of every commit on top of base, or of
# every patch file named on stdin.
patch_ids() {
	if [ "${1:-}" = tree ]; then
		git -C "$src" log -p --no-merges --format='commit %H' base..HEAD | git -C "$src" patch-id --stable
	else
		while read -r p; do git -C "$src" patch-id --stable <"$p"; done
	fi | cut -d' ' -f1 | sort -u
}
ids=$build/$name/applied.ids
# Work done in the tree and not exported would be lost by the reset below:
# refuse, and say how to keep or drop it.
if [ -d "$src/.git" ] && git -C "$src" rev-parse -q --verify base >/dev/null; then
	dirty=$(git -C "$src" status --porcelain --untracked-files=no)
	known=$( { series_files | patch_ids; cat "$ids" 2>/dev/null || true; } | sort -u)
	lost=$(comm -23 <(patch_ids tree) <(echo "$known") | wc -l)
	if [ -n "$dirty" ] || [ "$lost" -gt 0 ]; then
		echo "make-tree: build/$name/src holds work that patches/ does not:" >&2
		[ -z "$dirty" ] || echo "make-tree:   uncommitted changes to $(echo "$dirty" | wc -l) files" >&2
		[ "$lost" = 0 ] || echo "make-tree:   $lost commits on top of base that were never exported" >&2
		echo "make-tree: keep them with 'make export' (commit first), or drop them with" >&2
		echo "make-tree: 'git -C build/$name/src reset --hard base', then run this again" >&2
		exit 1
	fi
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
		am -q --keep-cr "$p" >"$build/$name/am.log" 2>&1; then
		cat "$build/$name/am.log" >&2
		git -C "$src" am --abort >/dev/null 2>&1 || true
		die "patch $n ($(basename "$p")) does not apply onto the base (see above)"
	fi
done < <(series_files)

patch_ids tree >"$ids"
echo "$want" >"$stamp"
echo "make-tree: $name tree ready ($n patches on base $(make -s -C "$src" kernelversion 2>/dev/null || echo "of unknown version"))"
