#!/usr/bin/env bash
# Host tests of the bench's own plumbing, each on a throwaway copy: make's
# knob check, the scenario header check, mkmodules.sh's refusals,
# make-tree's refusal to reset a tree over work that was never exported,
# and check.sh's verdicts on a script that dies without a FAIL line and on
# a scenario that must fail on base (a fake boot-scenario.sh stands in for
# the guest).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { echo "PASS bench-test: $1"; passed=$((passed + 1)); }
ko() { echo "FAIL bench-test: $1: $2"; failed=$((failed + 1)); }
# expect NAME WANT_RC PATTERN CMD...: CMD exits WANT_RC and prints a line
# matching PATTERN (stdout and stderr).
expect() {
	local name=$1 want=$2 pat=$3 out rc=0; shift 3
	out=$("$@" 2>&1) || rc=$?
	if [ "$rc" = "$want" ] && echo "$out" | grep -Eq -- "$pat"; then ok "$name"
	else ko "$name" "exit $rc (want $want), output: $(echo "$out" | tail -3 | tr '\n' ' ')"; fi
}

# Knobs.
expect "a misspelled knob is an error" 2 "unknown knob\(s\): SCENARIOZ" make -C "$top" -n help SCENARIOZ=smoke
expect "SCENARIO= outside make shell is an error" 2 "SCENARIO= and KERNEL= are for make shell" \
	make -C "$top" -n help SCENARIO=smoke
expect "known knobs pass" 0 "^sed -n" make -C "$top" -n help PMEM=1T ROUNDS=5

# Scenario headers.
printf '# pmem: 8G\n# timout: 900\necho body\n' >"$tmp/typo.sh"
expect "a misspelled header key is an error" 2 "unknown header key 'timout'" \
	"$top/tests/scenario-header.sh" "$tmp/typo.sh" pmem
printf '# pmem: 8G\n# timeout: 900\n# not a key: prose below the header\n' >"$tmp/good.sh"
expect "a header of known keys reads" 0 "^900$" "$top/tests/scenario-header.sh" "$tmp/good.sh" timeout

# Bench modules: a kernel without module support, or a module that is not
# there, is an error before anything boots.
mkdir -p "$tmp/kout"
echo '# CONFIG_MODULES is not set' >"$tmp/kout/.config"
: >"$tmp/initrd"
expect "a module for a kernel without modules is an error" 1 "has no module support" \
	"$top/guest/mkmodules.sh" "$tmp/kout" test "$tmp/initrd" lookup_bench
echo 'CONFIG_MODULES=y' >"$tmp/kout/.config"
expect "an unknown module is an error" 1 "no module nosuch" \
	"$top/guest/mkmodules.sh" "$tmp/kout" test "$tmp/initrd" nosuch

# make-tree on a tiny base: a series applied, then work in the tree.
mkdir -p "$tmp/linux-source-6.12" "$tmp/patches" "$tmp/scratch"
echo one >"$tmp/linux-source-6.12/a.txt"
tar -C "$tmp" -cJf "$tmp/base.tar.xz" linux-source-6.12
g() { git -C "$tmp/scratch" -c user.name=t -c user.email=t@t "$@"; }
cp "$tmp/linux-source-6.12/a.txt" "$tmp/scratch/" && g init -q && g add a.txt && g commit -qm base
echo two >>"$tmp/scratch/a.txt" && g commit -qam "first" && echo three >>"$tmp/scratch/a.txt" && g commit -qam "second"
g format-patch -q -o "$tmp/patches" HEAD~2..HEAD
(cd "$tmp/patches" && ls 0001-*.patch) >"$tmp/patches/series"
mt() { BUILD_DIR=$tmp/build PATCHES_DIR=$tmp/patches BASE_TARBALL=$tmp/base.tar.xz "$top/scripts/make-tree.sh" patched; }
expect "make-tree applies the series" 0 "patched tree ready \(1 patches" mt
t() { git -C "$tmp/build/patched/src" -c user.name=t -c user.email=t@t "$@"; }
echo work >"$tmp/build/patched/src/b.txt"; t add -f b.txt; t commit -qm "not exported"
(cd "$tmp/patches" && ls 000[12]-*.patch) >"$tmp/patches/series"
expect "make-tree refuses to reset over a commit never exported" 1 "1 commits on top of base that were never exported" mt
expect "... and leaves it there" 0 "not exported" t log -1 --format=%s
t reset -q --hard HEAD~1
expect "make-tree goes on once the work is dropped" 0 "patched tree ready \(2 patches" mt
echo edit >>"$tmp/build/patched/src/a.txt"
(cd "$tmp/patches" && ls 0001-*.patch) >"$tmp/patches/series"
expect "make-tree refuses to reset over uncommitted changes" 1 "uncommitted changes to 1 files" mt
t checkout -q a.txt
expect "a series that went back is no work of the tree's" 0 "patched tree ready \(1 patches" mt
# The trees after the first are clones of the base tree, same base commit.
mtb() { BUILD_DIR=$tmp/build2 PATCHES_DIR=$tmp/patches BASE_TARBALL=$tmp/base.tar.xz "$top/scripts/make-tree.sh" "$1"; }
expect "make-tree extracts the base tree" 0 "extracting .*build/base/src" mtb base
expect "... and clones it for the patched tree" 0 "cloning build/base/src" mtb patched
expect "... on the same base commit" 0 "^$(git -C "$tmp/build2/base/src" rev-parse base)\$" \
	git -C "$tmp/build2/patched/src" rev-parse base
expect "... with the series applied" 0 "^two$" tail -1 "$tmp/build2/patched/src/a.txt"

# check.sh on a copy of the bench whose boots are a fake.
mkdir -p "$tmp/bench/tests/scenarios" "$tmp/bench/tests/multiboot" "$tmp/bench/build/logs"
cp "$top/tests/check.sh" "$top/tests/scenario-header.sh" "$top/tests/summary.sh" "$tmp/bench/tests/"
for t in judge-test accel-test ktap-parser bench-test oracles-test lint-series lint-bench; do
	printf '#!/bin/sh\necho "PASS %s: fake"\n' "$t" >"$tmp/bench/tests/$t.sh"
done
cat >"$tmp/bench/tests/boot-scenario.sh" <<'FAKE'
#!/bin/sh
# $1 kernel, $2 scenario: behave as the scenario's name says.
case $2 in
dies) echo "boot-scenario: bad size '64g'" >&2; exit 3 ;;
bug) if [ "$1" = base ]; then echo "PASS $2[$1]: a"; echo "FAIL $2[$1]: the bug"; fi
	echo "PASS $2[$1]: finished (1s)"; echo "PASS $2[$1]: console clean"; [ "$1" != base ] ;;
warnbug) [ "$1" = base ] && echo "FAIL $2[$1]: console clean: kernel reported a problem"
	echo "PASS $2[$1]: finished (1s)"; [ "$1" != base ] ;;
hangbug) echo "FAIL $2[$1]: the bug"; echo "FAIL $2[$1]: guest hung"; exit 1 ;;
nobug) echo "PASS $2[$1]: a"; echo "PASS $2[$1]: finished (1s)"; echo "PASS $2[$1]: console clean" ;;
esac
FAKE
chmod +x "$tmp/bench/tests/"*.sh
printf '# kernel: patched\n' >"$tmp/bench/tests/scenarios/dies.sh"
printf '# kernel: base fixes\n# expect-fail: base\n' >"$tmp/bench/tests/scenarios/bug.sh"
printf '# kernel: base\n# expect-fail: base\n' >"$tmp/bench/tests/scenarios/nobug.sh"
printf '# kernel: base\n# expect-fail: base\n' >"$tmp/bench/tests/scenarios/warnbug.sh"
printf '# kernel: base\n# expect-fail: base\n' >"$tmp/bench/tests/scenarios/hangbug.sh"
ck() { SCENARIOS="$1" ACCEL=tcg "$tmp/bench/tests/check.sh"; }
expect "a script that dies without a FAIL line is a FAIL" 1 "^FAIL dies\[patched\]: exited 3 without a verdict" ck dies
expect "... and the summary counts it" 1 "^[0-9]+ passed, 1 failed" ck dies
expect "a scenario that fails on base as it must passes" 0 "^PASS bug\[base\]: fails without the fix, as it must \(1 checks failed\)" ck bug
expect "... its FAIL lines become XFAIL" 0 "^XFAIL bug\[base\]: the bug" ck bug
expect "a bug that is a kernel warning on base passes" 0 "^PASS warnbug\[base\]: fails without the fix, as it must" ck warnbug
expect "... the warning an XFAIL" 0 "^XFAIL warnbug\[base\]: console clean" ck warnbug
expect "a scenario that fails on base and does not finish fails" 1 "^FAIL hangbug\[base\]: must fail on its checks without the fix and finish" ck hangbug
expect "a scenario that must fail on base and passes there fails" 1 "^FAIL nobug\[base\]: must fail on its checks without the fix" ck nobug

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
