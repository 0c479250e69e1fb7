#!/usr/bin/env bash
# Tests of tests/accel.sh's decision with a fake QEMU and a fake /dev/kvm:
# a kernel that prints under KVM gives kvm; a KVM that opens but never runs
# the guest (QEMU silent), a QEMU that aborts, a /dev/kvm missing or not
# writable, and no kernel to probe with give tcg with the reason on stderr,
# within the probe's time limit.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

# The fake QEMU: FAKE=print writes a kernel banner to the -serial file and
# idles like a booted guest; FAKE=silent idles and prints nothing (KVM that
# never runs a vCPU); FAKE=abort fails at once, as QEMU does on an MSR it
# can't set.
cat >"$tmp/qemu" <<'FAKE'
#!/usr/bin/env bash
serial=
for a in "$@"; do case $a in file:*) serial=${a#file:} ;; esac; done
case $FAKE in
print) echo "Linux version 6.12.118 (fake)" >"$serial"; exec sleep 60 ;;
silent) exec sleep 60 ;;
abort) echo "qemu-system-x86_64: error: failed to set MSR 0x345 to 0x2000" >&2; exit 1 ;;
esac
FAKE
chmod +x "$tmp/qemu"
: >"$tmp/kvm" && chmod 600 "$tmp/kvm"
: >"$tmp/bzImage"

# case NAME FAKE KVM_DEV KERNEL WANT STDERR_PATTERN
case_() {
	local name=$1 out err s0=$SECONDS
	out=$(FAKE=$2 QEMU=$tmp/qemu KVM_DEV=$3 ACCEL='' ACCEL_PROBE_TIMEOUT=2 \
		"$top/tests/accel.sh" "$4" 2>"$tmp/err") || out="exit $?"
	err=$(cat "$tmp/err")
	if [ "$out" = "$5" ] && echo "$err" | grep -Eq -- "$6" && [ $((SECONDS - s0)) -le 5 ]; then
		echo "PASS accel-test: $name"; passed=$((passed + 1))
	else
		echo "FAIL accel-test: $name: printed '$out' (want '$5'), stderr '$err' (want /$6/), $((SECONDS - s0))s"
		failed=$((failed + 1))
	fi
}
case_ "a kernel that prints under KVM: kvm" print "$tmp/kvm" "$tmp/bzImage" kvm '^$'
case_ "KVM opens but the guest never runs: tcg, says why" silent "$tmp/kvm" "$tmp/bzImage" tcg \
	'opens, but the kernel printed nothing under KVM in 2s'
case_ "QEMU aborts under KVM: tcg with its error" abort "$tmp/kvm" "$tmp/bzImage" tcg \
	'exit 1.*failed to set MSR'
case_ "no /dev/kvm: tcg" print "$tmp/nokvm" "$tmp/bzImage" tcg "no $tmp/nokvm"
chmod 400 "$tmp/kvm"
if [ "$(id -u)" != 0 ]; then
	case_ "/dev/kvm not writable: tcg" print "$tmp/kvm" "$tmp/bzImage" tcg 'not readable and writable'
fi
chmod 600 "$tmp/kvm"
case_ "no kernel to probe with: tcg" print "$tmp/kvm" "$tmp/missing" tcg 'no kernel to probe'
out=$(ACCEL=bogus "$top/tests/accel.sh" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 2 ] && echo "$out" | grep -q "must be kvm or tcg"; then
	echo "PASS accel-test: a misspelled ACCEL is an error"; passed=$((passed + 1))
else
	echo "FAIL accel-test: a misspelled ACCEL is an error: exit $rc, '$out'"; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
