#!/usr/bin/env bash
# Build build/initramfs.cpio.gz: static busybox, Debian's ndctl/daxctl with
# the shared libraries they need, our static test programs, the kselftest
# the series adds (from build/patched/src, also the source of pmem-pattern),
# gup_test from the same tree's mm selftests, the guest init and every
# scenario under tests/scenarios.  Rebuilt only when an input changed.
# GUEST_ARCH=ppc64le builds build/initramfs-ppc64le.cpio.gz instead, from
# Debian's ppc64el packages (scripts/fetch-ppc64le-userland.sh) and the
# cross compiler.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "mkinitramfs: $*" >&2; exit 1; }
bins=()
case ${GUEST_ARCH:-x86_64} in
x86_64)
	out=$top/build/initramfs.cpio.gz stage=$top/build/initramfs uapi=$top/build/uapi
	cc=gcc kmake=() root=
	busybox=$(command -v busybox) || die "busybox not found (run 'make deps')"
	file -L "$busybox" 2>/dev/null | grep -q 'statically linked' || [ -f /bin/busybox ] || die "need busybox-static"
	for b in ndctl daxctl; do
		p=$(command -v "$b") || die "$b not found (run 'make deps')"
		bins+=("$p")
	done ;;
ppc64le)
	out=$top/build/initramfs-ppc64le.cpio.gz stage=$top/build/initramfs-ppc64le uapi=$top/build/uapi-ppc64le
	cc=powerpc64le-linux-gnu-gcc kmake=(ARCH=powerpc) root=$top/build/ppc64le/root
	command -v $cc >/dev/null || die "no $cc (run 'make deps-ppc64le')"
	[ -f "$root/.packages" ] || die "no ppc64el userland in ${root#"$top"/} (run scripts/fetch-ppc64le-userland.sh)"
	busybox=$root/bin/busybox bins=("$root/usr/bin/ndctl" "$root/usr/bin/daxctl") ;;
*) die "GUEST_ARCH=${GUEST_ARCH}: x86_64 or ppc64le" ;;
esac
selftests=$top/build/patched/src/tools/testing/selftests
kst=$selftests/nvdimm_memmap
[ -f "$kst/pmem_pattern.c" ] || die "no $kst in the patched tree (run 'make tree')"
mmst=$selftests/mm
extra=${INITRAMFS_EXTRA:-}    # more static programs (e.g. selftests), space separated

inputs=$( { ls -l "$busybox" "${bins[@]}"; [ -z "$root" ] || cat "$root/.packages"; cat "$top"/guest/init "$top"/guest/lib.sh "$top"/guest/memmap.sh "$top"/guest/ktap.awk \
	"$top"/guest/tools/*.c "$kst"/* "$selftests/kselftest/ktap_helpers.sh" \
	"$mmst"/gup_test.c "$mmst"/vm_util.[ch] "$selftests/../../../mm/gup_test.h" \
	"$top"/tests/scenarios/*.sh "$0"; for e in $extra; do cat "$e"; done; } | sha256sum | cut -d' ' -f1)
if [ -f "$out" ] && [ "$(cat "$out.sum" 2>/dev/null)" = "$inputs" ]; then
	echo "mkinitramfs: up to date"
	exit 0
fi

rm -rf "$stage"
mkdir -p "$stage"/{bin,sbin,etc,proc,sys,dev,tmp,run,mnt,root,bench/scenarios,usr/bin,lib64} \
	"$stage"/kselftest/{kselftest,nvdimm_memmap}
cp "$busybox" "$stage/bin/busybox"
for t in "$top"/guest/tools/*.c; do
	$cc -static -O2 -Wall -Wextra -Werror -o "$stage/bin/$(basename "$t" .c)" "$t"
done
# The series' kselftest, laid out as kselftest's install target does.
$cc -static -O2 -Wall -Werror -o "$stage/bin/pmem-pattern" "$kst/pmem_pattern.c"
cp "$stage/bin/pmem-pattern" "$stage/kselftest/nvdimm_memmap/pmem_pattern"
cp "$kst/nvdimm_memmap.sh" "$stage/kselftest/nvdimm_memmap/"
cp "$selftests/kselftest/ktap_helpers.sh" "$stage/kselftest/kselftest/"
# gup_test needs the tree's UAPI headers (installed once, no .config needed).
if [ ! -f "$uapi/include/linux/fs.h" ] || [ "$uapi/include/linux/fs.h" -ot "$selftests/../../../include/uapi/linux/fs.h" ]; then
	echo "mkinitramfs: installing UAPI headers from the patched tree"
	make -s -C "$top/build/patched/src" O="$uapi-build" "${kmake[@]}" headers_install INSTALL_HDR_PATH="$uapi" >/dev/null
fi
$cc -static -O2 -w -I "$selftests/../../.." -isystem "$uapi/include" \
	-o "$stage/bin/gup_test" "$mmst/gup_test.c" "$mmst/vm_util.c" || die "gup_test did not build"
for e in $extra; do cp "$e" "$stage/bin/"; done
# ppc64el: every library of the fetched packages, and the loader's link.
if [ -n "$root" ]; then
	cp -a "$root/lib" "$root/lib64" "$stage/"
	mkdir -p "$stage/usr/lib" && cp -a "$root/usr/lib/powerpc64le-linux-gnu" "$stage/usr/lib/"
fi
for b in "${bins[@]}"; do
	cp "$b" "$stage/bin/"
	[ -z "$root" ] || continue
	# Copy each shared library (and the loader) at its own path.
	ldd "$b" | awk '/=>/ { print $3 } /ld-linux/ { print $1 }' | while read -r lib; do
		[ -f "$lib" ] || continue
		mkdir -p "$stage$(dirname "$lib")"
		cp -L "$lib" "$stage$lib"
	done
done
# /lib and /lib64 as on Debian (merged /usr is not needed in the guest).
cp "$top/guest/init" "$stage/init"
cp "$top/guest/lib.sh" "$top/guest/memmap.sh" "$stage/bench/"
cp "$top/guest/ktap.awk" "$stage/bench/ktap.awk"
cp "$top"/tests/scenarios/*.sh "$stage/bench/scenarios/"
chmod +x "$stage/init"
(cd "$stage" && find . -print0 | cpio --null -o -H newc --quiet | gzip -1) >"$out.tmp"
mv "$out.tmp" "$out"
echo "$inputs" >"$out.sum"
echo "mkinitramfs: $(du -h "$out" | cut -f1) ${out#"$top"/}"
