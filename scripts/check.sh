#!/bin/bash
# Boot the guest, run every selftest there, and print TAP: the tests' lines,
# one more for the guest kernel log, the host-side userspace fuzzer's, the
# plan, and "N passed, N failed".
# Exits non-zero if anything failed. Arguments select tests (tests/run.sh).
set -u
tree=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp)
klog=$(mktemp)
trap 'rm -f "$out" "$klog"' EXIT

VM_KLOG=$klog "$tree/scripts/vm-run" -- tests/run.sh "$@" 2>&1 | tee "$out"
vmrc=${PIPESTATUS[0]}

n=$(($(grep -cE '^(not )?ok [0-9]+ ' "$out") + 1))
desc="guest kernel log clean (no oops, WARN, KASAN, lockdep report, leak or hang)"
if [ "$vmrc" != 124 ] && [ -s "$klog" ] && bad=$("$tree/scripts/klog-scan" "$klog"); then
	echo "ok $n - $desc" | tee -a "$out"
else
	echo "not ok $n - $desc" | tee -a "$out"
	[ "$vmrc" = 124 ] && echo "# the guest timed out"
	[ -s "$klog" ] || echo "# the guest left no kernel log"
	printf '%s\n' "${bad:-}" | sed '/^$/d; s/^/# /'
fi
# Host-side checks, numbered after the guest's.
while IFS= read -r line; do
	case $line in
	"ok - "*|"not ok - "*)
		n=$((n + 1))
		line=${line/ok - /ok $n - }
		;;
	esac
	echo "$line" | tee -a "$out"
done < <("$tree/tests/fuzz/run.sh")
echo "1..$n"
passed=$(grep -cE '^ok [0-9]+ ' "$out")
failed=$(grep -cE '^not ok [0-9]+ ' "$out")
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" = "$n" ]
