#!/usr/bin/env bash
# Build the series patch by patch, as a bisect would, with the patched
# kernel's configuration, and boot every step (and base) on the
# bisect-step scenario: its KUnit suites, and a labelled region with
# namespaces that must bind, hold data and give their memmap back (a step
# that builds but fails to bind is a broken bisect as well).  Then compile
# every .c file the series touches with W=1 and sparse (C=1) at the base
# and at the top of the series and report the warnings the series adds.
# Too slow for make check (a cold ccache rebuilds most of the kernel at
# every patch that touches a widely included header, and every step boots
# for a minute or two under TCG): run it before submitting (make bisect).
#   scripts/build-series.sh
# Ends with "N passed, N failed"; exits 1 on any failure.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
patched=$top/build/patched
src=$top/build/bisect/src out=$top/build/bisect/out
[ -d "$patched/src/.git" ] || { echo "build-series: no tree at $patched/src (run 'make tree')" >&2; exit 1; }
[ -f "$patched/out/.config" ] || { echo "build-series: no $patched/out/.config (run 'make kernels')" >&2; exit 1; }
[ -f "$top/build/base/out/arch/x86/boot/bzImage" ] || { echo "build-series: no base kernel (run 'make kernels')" >&2; exit 1; }
command -v sparse >/dev/null || { echo "build-series: sparse is not installed (run 'make deps')" >&2; exit 1; }

# Same relative layout as base/ and patched/ (src + out), so ccache hits.
export CCACHE_BASEDIR=$top/build CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime
export KBUILD_BUILD_TIMESTAMP="2024-01-01" KBUILD_BUILD_USER=bench KBUILD_BUILD_HOST=bench
cc="ccache gcc"
kmake() { make -s -C "$src" O="$out" CC="$cc" HOSTCC="$cc" "$@"; }

if [ ! -d "$src/.git" ] && [ ! -f "$src/.git" ]; then
	mkdir -p "$top/build/bisect"
	git -C "$patched/src" worktree add -q --detach "$src" base
fi
mkdir -p "$out"
mapfile -t commits < <(git -C "$patched/src" rev-list --reverse base..HEAD)
pass=0 fail=0
result() {	# result OK|FAIL TEXT
	if [ "$1" = OK ]; then echo "PASS bisect: $2"; pass=$((pass + 1))
	else echo "FAIL bisect: $2"; fail=$((fail + 1)); fi
}

# boot_step N KERNEL CONFIG: boot KERNEL (a name or a bzImage, as
# boot-scenario.sh takes it) on bisect-step; the series' KUnit suites must
# run where CONFIG has them.
boot_step() {
	local n=$1 kernel=$2 args='' log start
	grep -q '^CONFIG_VMEMMAP_ALTMAP_KUNIT_TEST=y' "$3" && args=series-kunit
	grep -q '^CONFIG_NVDIMM_PFN_KUNIT_TEST=y' "$3" && args=${args:+$args,}pfn-kunit
	start=$(date +%s)
	if log=$(BENCH_ARGS=$args "$top/tests/boot-scenario.sh" "$kernel" bisect-step 2>&1); then
		result OK "$n boots and binds ($(grep -c '^PASS' <<<"$log") checks, $(( $(date +%s) - start ))s)"
	else
		grep -E '^FAIL|^ +log: ' <<<"$log" | head -9 | sed 's/^ */    | /'
		result FAIL "$n fails bisect-step"
	fi
}
echo "build-series: booting base on bisect-step"
boot_step base base "$top/build/base/out/.config"

i=0
for c in "${commits[@]}"; do
	i=$((i + 1))
	subject=$(git -C "$patched/src" log -1 --format=%s "$c")
	git -C "$src" checkout -q --detach "$c"
	# The final configuration; options a patch does not have yet drop out.
	cp "$patched/out/.config" "$out/.config"
	kmake olddefconfig >/dev/null
	start=$(date +%s)
	echo "build-series: [$i/${#commits[@]}] $subject"
	if make -C "$src" O="$out" CC="$cc" HOSTCC="$cc" -j"$(nproc)" bzImage >"$out/build.log" 2>&1; then
		result OK "patch $i builds ($(( $(date +%s) - start ))s): $subject"
		step=$top/build/bisect/boot/step-$(printf %02d "$i")
		mkdir -p "$step"
		cp "$out/arch/x86/boot/bzImage" "$step/bzImage"
		boot_step "patch $i" "$step/bzImage" "$out/.config"
	else
		grep -m5 -E 'error|Error' "$out/build.log" | sed 's/^/    | /'
		result FAIL "patch $i does not build: $subject"
	fi
done

# W=1 and sparse on the files the series touches, base against top.
mapfile -t files < <(git -C "$patched/src" diff --name-only --diff-filter=AM base HEAD -- '*.c')
objs=()
for f in "${files[@]}"; do
	case "$f" in tools/*) continue ;; esac
	objs+=("${f%.c}.o")
done
# warnings REV: the W=1/C=1 diagnostics of the touched objects at REV,
# without line numbers (they move when code is added above them).
warnings() {
	git -C "$src" checkout -q --detach "$1"
	cp "$patched/out/.config" "$out/.config"
	kmake olddefconfig >/dev/null
	local o
	for o in "${objs[@]}"; do
		[ -f "$src/${o%.o}.c" ] || continue
		rm -f "$out/$o"
		make -C "$src" O="$out" CC="$cc" HOSTCC="$cc" W=1 C=1 "$o" 2>&1 |
			grep -E 'warning:|error:' | sed -E 's/:[0-9]+:[0-9]+:/:/; s/:[0-9]+:/:/' || true
	done | sort -u
}
echo "build-series: W=1 and sparse on ${objs[*]}"
warnings base >"$out/warnings-base.txt"
warnings "${commits[-1]}" >"$out/warnings-series.txt"
added=$(comm -13 "$out/warnings-base.txt" "$out/warnings-series.txt")
if [ -z "$added" ]; then
	result OK "no W=1 or sparse warning added in ${#objs[@]} touched files ($(wc -l <"$out/warnings-base.txt") at base)"
else
	echo "$added" | sed 's/^/    | /'
	result FAIL "W=1 or sparse warnings added: $(echo "$added" | wc -l)"
fi
git -C "$src" checkout -q --detach "${commits[-1]}"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
