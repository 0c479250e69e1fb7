#!/usr/bin/env bash
# Fetch the ppc64le guest's userland as Debian ppc64el packages (not built
# here): busybox-static, ndctl, daxctl and the libraries they load, into
# build/ppc64le/debs, unpacked into build/ppc64le/root, from which
# guest/mkinitramfs.sh (GUEST_ARCH=ppc64le) takes them.  Needs the ppc64el
# architecture known to apt ('make deps-ppc64le' adds it).  Re-running
# does nothing when every package is there.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$top/build/ppc64le
die() { echo "fetch-ppc64le: $*" >&2; exit 1; }
pkgs=(busybox-static ndctl daxctl libndctl6 libdaxctl1 libcxl1 libkmod2 libjson-c5
	libuuid1 libudev1 libtracefs1 libtraceevent1 libiniparser1 libkeyutils1 libc6
	libgcc-s1 liblzma5 libssl3 libzstd1 libcap2)

dpkg --print-foreign-architectures | grep -qx ppc64el ||
	die "apt does not know ppc64el packages (run 'make deps-ppc64le')"
mkdir -p "$dir/debs"
stamp=$dir/root/.packages
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "${pkgs[*]}" ]; then
	echo "fetch-ppc64le: up to date"
	exit 0
fi
(cd "$dir/debs" && rm -f ./*.deb &&
	apt-get download -q "${pkgs[@]/%/:ppc64el}" >"$dir/download.log" 2>&1) ||
	{ tail -5 "$dir/download.log" >&2; die "apt-get download failed (see above)"; }
rm -rf "$dir/root"
for d in "$dir"/debs/*.deb; do dpkg-deb -x "$d" "$dir/root"; done
for b in bin/busybox usr/bin/ndctl usr/bin/daxctl lib/powerpc64le-linux-gnu/ld64.so.2; do
	[ -f "$dir/root/$b" ] || die "no $b in the unpacked packages"
done
echo "${pkgs[*]}" >"$stamp"
echo "fetch-ppc64le: ${#pkgs[@]} packages in ${dir#"$top"/}/root"
