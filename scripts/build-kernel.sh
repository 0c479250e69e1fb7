#!/usr/bin/env bash
# Build build/<name>/src into build/<name>/out<suffix> (O=), from tinyconfig
# plus config fragments, with ccache.  Prints progress; on a second run with
# nothing changed, make has nothing to do.
#   build-kernel.sh NAME [FRAGMENT...]
# Default fragments: config/bench.config, plus config/series.config (options
# the series adds) for the patched kernel.  A NAME ending in -ppc64le
# (make-tree.sh's base-ppc64le, patched-ppc64le) is built for powerpc
# with Debian's cross compiler, from config/ppc64le.config, as a vmlinux.
set -euo pipefail

name=${1:?usage: build-kernel.sh base|fixes|patched|base-ppc64le|patched-ppc64le [fragment...]}; shift
top=$(cd "$(dirname "$0")/.." && pwd)
frags=()
for f in "$@"; do
	[ -f "$f" ] || { echo "build-kernel: no config fragment $f" >&2; exit 1; }
	frags+=("$(realpath "$f")")
done
arch=() cross='' target=bzImage image=arch/x86/boot/bzImage
case $name in
*-ppc64le)
	cross=powerpc64le-linux-gnu-
	command -v ${cross}gcc >/dev/null || { echo "build-kernel: no ${cross}gcc (run 'make deps-ppc64le')" >&2; exit 1; }
	arch=(ARCH=powerpc "CROSS_COMPILE=$cross") target=vmlinux image=vmlinux
	[ ${#frags[@]} -gt 0 ] || frags=("$top/config/ppc64le.config") ;;
esac
if [ ${#frags[@]} = 0 ]; then
	frags=("$top/config/bench.config")
	[ "$name" != patched ] || frags+=("$top/config/series.config")
fi
suffix=${OUT_SUFFIX:-}
src=$top/build/$name/src
out=$top/build/$name/out$suffix
[ -d "$src/.git" ] || { echo "build-kernel: no tree at $src (run 'make tree')" >&2; exit 1; }
mkdir -p "$out"

# Identical relative layout for every tree, so ccache hits across them.
export CCACHE_BASEDIR=$top/build CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime
export KBUILD_BUILD_TIMESTAMP="2024-01-01" KBUILD_BUILD_USER=bench KBUILD_BUILD_HOST=bench
ccache=; ! command -v ccache >/dev/null || ccache="ccache "
hostcc=${ccache}gcc cc=${ccache}${cross}gcc
kmake() { make -s -C "$src" O="$out" "${arch[@]}" CC="$cc" HOSTCC="$hostcc" "$@"; }

# fragments_hold: .config has what the fragments ask for, the last word on
# each option winning (as in merge_config.sh): "CONFIG_X=v" must be in
# .config as it is, "# CONFIG_X is not set" (or =n) must leave X unset.
# Prints each option that does not hold.
fragments_hold() {
	local line opt missing=0
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=n) line="# ${line%=n} is not set" ;&
		"# CONFIG_"*" is not set")
			opt=${line#"# "}; opt=${opt%% *}
			! grep -q "^$opt=" "$out/.config" && continue ;;
		CONFIG_*=*) grep -qx "$line" "$out/.config" && continue ;;
		*) continue ;;
		esac
		echo "$line"; missing=1
	done < <(cat "${frags[@]}" | awk '
		/^CONFIG_[A-Za-z0-9_]+=/ { o = $0; sub(/=.*/, "", o) }
		/^# CONFIG_[A-Za-z0-9_]+ is not set$/ { o = $2 }
		o != "" { if (!(o in last)) order[++n] = o; last[o] = $0; o = "" }
		END { for (i = 1; i <= n; i++) print last[order[i]] }')
	return $missing
}

# Regenerate .config when a fragment changed, or when .config no longer
# holds what they ask for (a make in the tree that ran syncconfig against
# a Kconfig without one of the options drops it, silently).
cfgsum=$(cat "${frags[@]}" | sha256sum | cut -d' ' -f1)
if [ ! -f "$out/.config" ] || [ "$(cat "$out/config.sum" 2>/dev/null)" != "$cfgsum" ] ||
	! fragments_hold >/dev/null; then
	echo "build-kernel: configuring $name (tinyconfig + $(for f in "${frags[@]}"; do basename "$f"; done | tr '\n' ' '))"
	kmake tinyconfig >/dev/null
	(cd "$out" && "$src/scripts/kconfig/merge_config.sh" -m -O "$out" .config "${frags[@]}" >/dev/null)
	kmake olddefconfig >/dev/null
	# A missing option makes a test skip or pass without running: stop.
	if ! missing=$(fragments_hold); then
		echo "$missing" | sed 's/^/build-kernel: error: /; s/$/ did not stick/' >&2
		echo "build-kernel: check the dependencies of the options above in $out/.config" >&2
		exit 1
	fi
	echo "$cfgsum" >"$out/config.sum"
fi

jobs=$(nproc)
# With module support, "modules" too: its Module.symvers is what the
# bench's own modules (guest/mkmodules.sh) link against.
! grep -qx 'CONFIG_MODULES=y' "$out/.config" || target+=" modules"
echo "build-kernel: building $name ($(kmake kernelversion)) with $jobs jobs in ${out#"$top"/}"
start=$(date +%s)
# Progress: a line every 100 build steps, with the elapsed time.
if ! make -C "$src" O="$out" "${arch[@]}" CC="$cc" HOSTCC="$hostcc" -j"$jobs" $target 2>&1 | awk -v s="$start" '
	/warning:|error:|Error / { print; fflush(); next }
	/^  [A-Z]/ { n++; if (n % 100 == 0) { printf "build-kernel:   %s: %d steps, %ds\n", name, n, systime() - s; fflush() } }' name="$name"; then
	echo "build-kernel: $name build failed" >&2
	exit 1
fi
kmake kernelversion >"$out/kernelversion"
echo "build-kernel: $name done in $(( $(date +%s) - start ))s: ${out#"$top"/}/$image"
