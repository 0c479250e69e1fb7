#!/usr/bin/env bash
# Build the bench's test modules (guest/modules/NAME) against one kernel's
# build directory and print the path of an initramfs that is INITRD (the
# shared one) followed by a cpio archive holding them in
# /lib/bench-modules/ (the kernel unpacks both).  A module must match the
# kernel it loads into (base and patched share a release string and have
# no modversions to tell them apart), so each kernel build directory gets
# its own, in build/modules/LABEL-<hash of KERNEL_OUT>/, rebuilt when the
# module's source or the kernel changed (make decides).  Prints only the
# path on stdout; errors on stderr.
#   mkmodules.sh KERNEL_OUT LABEL INITRD NAME...
set -euo pipefail

usage="usage: mkmodules.sh KERNEL_OUT LABEL INITRD NAME..."
kout=${1:?$usage} label=${2:?$usage} base=${3:?$usage}
shift 3
top=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "mkmodules: $*" >&2; exit 1; }
[ $# -gt 0 ] || die "no module named"
grep -qx 'CONFIG_MODULES=y' "$kout/.config" 2>/dev/null ||
	die "the kernel in ${kout#"$top"/} has no module support (CONFIG_MODULES): $* can't load"
[ -f "$base" ] || die "no initramfs $base (run 'make initramfs')"
for m in "$@"; do
	[ -f "$top/guest/modules/$m/Makefile" ] || die "no module $m (guest/modules/$m)"
done

dir=$top/build/modules/$label-$(realpath "$kout" | sha256sum | cut -c1-12)
# A powerpc kernel (make kernels-ppc64le) takes its cross compiler.
arch=()
! grep -qx 'CONFIG_PPC64=y' "$kout/.config" || arch=(ARCH=powerpc CROSS_COMPILE=powerpc64le-linux-gnu-)
stage=$dir/stage/lib/bench-modules
rm -rf "$dir/stage"
mkdir -p "$stage"
for m in "$@"; do
	src=$top/guest/modules/$m
	# Kbuild of 6.12 writes into M=: build a copy, not the source.
	mkdir -p "$dir/$m"
	cp -p "$src"/* "$dir/$m/"
	make -s -C "$kout" "${arch[@]}" M="$dir/$m" W=1 modules >"$dir/$m.log" 2>&1 ||
		die "building $m against ${kout#"$top"/}: $(tail -5 "$dir/$m.log" | tr '\n' ' ')"
	! grep -q 'warning:' "$dir/$m.log" || die "building $m: $(grep -m3 'warning:' "$dir/$m.log" | tr '\n' ' ')"
	cp "$dir/$m/$m.ko" "$stage/"
done
(cd "$dir/stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -n) >"$dir/modules.cpio.gz"
cat "$base" "$dir/modules.cpio.gz" >"$dir/initramfs.cpio.gz"
echo "$dir/initramfs.cpio.gz"
