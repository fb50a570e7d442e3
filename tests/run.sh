#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the selftests (tests/*.t.sh in name order, or the NAMEs given) in this
# guest and number their TAP lines; the caller adds the plan and summary.
# A test file that exits non-zero without reporting a failure adds one.
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
if [ $# -gt 0 ]; then
	files=()
	for t in "$@"; do files+=("$TESTS_DIR/${t%.t.sh}.t.sh"); done
else
	files=("$TESTS_DIR"/*.t.sh)
fi
# A debug kernel (KASAN, kmemleak, lockdep) is several times slower.
timeout=${TEST_TIMEOUT:-600}
[ -e /sys/kernel/debug/kmemleak ] && timeout=$((timeout * 4))
n=0
echo "TAP version 13"
for f in "${files[@]}"; do
	name=$(basename "$f" .t.sh)
	echo "# $name"
	started=$(date +%s)
	failed=0
	while IFS= read -r line; do
		case $line in
		"__rc="*)
			rc=${line#__rc=}
			if [ "$rc" != 0 ] && [ $failed = 0 ]; then
				n=$((n + 1))
				echo "not ok $n - $name: exited with status $rc"
			fi
			;;
		"ok - "*|"not ok - "*)
			n=$((n + 1))
			[[ $line == "not ok"* ]] && failed=1
			echo "${line/ok - /ok $n - $name: }"
			;;
		*) echo "$line" ;;
		esac
	# timeout(1) runs the test in a process group of its own: whatever the
	# test left running is killed with it, so nothing holds the pipe open.
	done < <(timeout "$timeout" bash "$f" 2>&1 &
		 tpid=$!
		 wait $tpid
		 rc=$?
		 kill -KILL -- -$tpid 2>/dev/null
		 echo "__rc=$rc")
	echo "# $name: $(($(date +%s) - started)) s"
done
