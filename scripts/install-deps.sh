#!/usr/bin/env bash
# Install the bench's Debian packages; say clearly which one can't be had.
#   install-deps.sh           what make check, demo, bench and bisect need
#   install-deps.sh ppc64le   also the powerpc boot (make check-ppc64le):
#                             QEMU's pseries machine, the cross compiler,
#                             and apt told of ppc64el packages for the
#                             guest's userland (scripts/fetch-ppc64le-userland.sh)
set -euo pipefail
pkgs=(linux-source-6.12 qemu-system-x86 ndctl daxctl busybox-static gcc make
	flex bison bc libelf-dev libssl-dev cpio ccache xz-utils kmod perl python3
	git file coreutils gzip gnuplot-nox sparse shellcheck)
foreign=
case ${1:-} in
'') ;;
ppc64le) pkgs+=(qemu-system-ppc gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross); foreign=ppc64el ;;
*) echo "deps: usage: install-deps.sh [ppc64le]" >&2; exit 1 ;;
esac
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ -n "$foreign" ] && ! dpkg --print-foreign-architectures | grep -qx "$foreign"; then
	[ "$(id -u)" = 0 ] || { echo "deps: need root to add the $foreign architecture to dpkg" >&2; exit 1; }
	echo "deps: adding the $foreign architecture (packages are only downloaded, never installed)"
	dpkg --add-architecture "$foreign"
	apt-get update -qq || { echo "deps: apt-get update failed" >&2; exit 1; }
fi
[ ${#missing[@]} -gt 0 ] || { echo "deps: all installed"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "deps: need root to install: ${missing[*]}" >&2; exit 1; }
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || { echo "deps: apt-get update failed" >&2; exit 1; }
for p in "${missing[@]}"; do
	apt-cache show "$p" >/dev/null 2>&1 || { echo "deps: package '$p' is not available from the configured apt sources" >&2; exit 1; }
done
apt-get install -y -qq "${missing[@]}" >/dev/null || { echo "deps: apt-get install ${missing[*]} failed" >&2; exit 1; }
echo "deps: installed ${missing[*]}"
