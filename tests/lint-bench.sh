#!/usr/bin/env bash
# Run shellcheck over the bench: the host scripts as bash, the guest's scripts
# (init, helpers, scenarios) as POSIX sh, which busybox runs.  Guest
# scenarios use variables and helpers that guest/lib.sh defines (SC2154)
# and split helpers' word lists on purpose (SC2046); QEMU's arguments
# have commas (SC2054).  One PASS or FAIL line per file.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
command -v shellcheck >/dev/null || { echo "FAIL lint-bench: shellcheck not installed (run 'make deps')"; exit 1; }
passed=0 failed=0
lint() {
	local f=$1 out; shift
	if out=$(shellcheck -S warning "$@" "$f" 2>&1); then
		passed=$((passed + 1))
	else
		echo "FAIL lint-bench: $f:"; echo "$out" | grep -E '^In |SC[0-9]+' | head -20 | sed 's/^/    | /'
		failed=$((failed + 1))
	fi
}
for f in tests/*.sh tests/multiboot/*.sh scripts/*.sh .ci/run; do
	lint "$f" -s bash -e SC2054
done
for f in guest/init guest/lib.sh guest/memmap.sh guest/mkinitramfs.sh tests/scenarios/*.sh; do
	case $f in guest/mkinitramfs.sh) lint "$f" -s bash ;; *) lint "$f" -s sh -e SC2154,SC2046,SC1090,SC1091 ;; esac
done
echo "PASS lint-bench: shellcheck clean on $passed files"
[ "$failed" = 0 ] || echo "FAIL lint-bench: $failed files with warnings"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
