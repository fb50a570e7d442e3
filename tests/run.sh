#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the selftests (tests/*.t.sh in name order, or the NAMEs given) in this
# guest and number their TAP lines; the caller adds the plan and summary.
# A test file that exits non-zero without reporting a failure adds one.
#
# Each test file declares its plan ("plan N" in lib.sh: how many checks it
# runs, SKIPs included); a file that runs another number of checks, or
# declares none, gets a failing line of its own, so a loop that ran zero
# times, or a branch that left checks out unsaid, cannot pass unseen.
#
# run.sh --queue: guests running at once share the work instead. The
# directory $VNET_VM_SHARE/todo holds a file RANK.NAME per test not yet
# taken; each guest takes the first one it can move to taken/ (a rename on
# the host: only one guest gets it) and runs it, until none is left. Each
# test's TAP goes to out/NAME there, for the caller to put in order, and a
# line of progress to stdout.
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
queue=
if [ "${1:-}" = --queue ]; then
	queue=${VNET_VM_SHARE:?run.sh --queue needs vm-run VM_SHARE}
	shift
elif [ $# -gt 0 ]; then
	files=()
	for t in "$@"; do files+=("$TESTS_DIR/${t%.t.sh}.t.sh"); done
else
	files=("$TESTS_DIR"/*.t.sh)
fi
# The next test's file, or nothing when the queue is empty.
take() {
	local t
	for t in $(ls "$queue/todo"); do
		if mv "$queue/todo/$t" "$queue/taken/$t" 2>/dev/null; then
			echo "$TESTS_DIR/${t#*.}.t.sh"
			return
		fi
	done
}
# Each test's time limit: TEST_TIMEOUT, or the test's own "# timeout:
# SECONDS" line, or ten minutes; four times that on a debug kernel (KASAN,
# kmemleak, lockdep), which is several times slower.
slower=1
[ -e /sys/kernel/debug/kmemleak ] && slower=4
time_limit() {
	local own
	own=$(sed -n 's/^# timeout: \([0-9][0-9]*\)$/\1/p' "$1" | head -n 1)
	echo $((${TEST_TIMEOUT:-${own:-600}} * slower))
}
# settle NAME: wait until the veth ends the test's namespaces held in this
# one are gone (a kernel worker frees a deleted namespace later), so that
# the next test finds their names free; say what is still left after 60 s.
settle() {
	local left t
	for ((t = 0; t < 600; t++)); do
		left=$(ip -o link show type veth 2>/dev/null)
		[ -z "$left" ] && return
		sleep 0.1
	done
	echo "# left behind by $1: $(awk -F': ' '{ printf "%s ", $2 }' <<< "$left")"
}
n=0
[ -n "$queue" ] || echo "TAP version 13"
i=0
while :; do
	if [ -n "$queue" ]; then
		f=$(take)
	else
		f=${files[i]:-}
		i=$((i + 1))
	fi
	[ -n "$f" ] || break
	name=$(basename "$f" .t.sh)
	if [ -n "$queue" ]; then
		exec 3>"$queue/out/$name"
	else
		exec 3>&1
	fi
	echo "# $name" >&3
	started=$(date +%s)
	failed=0
	planned=
	ran=0
	while IFS= read -r line; do
		case $line in
		"__rc="*)
			rc=${line#__rc=}
			if [ "$rc" != 0 ] && [ $failed = 0 ]; then
				n=$((n + 1))
				failed=1
				echo "not ok $n - $name: exited with status $rc" >&3
			fi
			;;
		"__plan="*)
			planned=${line#__plan=}
			;;
		"ok - "*|"not ok - "*)
			n=$((n + 1))
			ran=$((ran + 1))
			[[ $line == "not ok"* ]] && failed=1
			echo "${line/ok - /ok $n - $name: }" >&3
			;;
		*) echo "$line" >&3 ;;
		esac
	# timeout(1) runs the test in a process group of its own: whatever the
	# test left running is killed with it, so nothing holds the pipe open.
	done < <(timeout "$(time_limit "$f")" bash "$f" 2>&1 &
		 tpid=$!
		 wait $tpid
		 rc=$?
		 kill -KILL -- -$tpid 2>/dev/null
		 echo "__rc=$rc")
	if [ -z "$planned" ]; then
		n=$((n + 1))
		failed=1
		echo "not ok $n - $name: declares no plan (plan N in lib.sh)" >&3
	elif [ "$planned" != "$ran" ]; then
		n=$((n + 1))
		failed=1
		echo "not ok $n - $name: planned $planned checks, ran $ran" >&3
	fi
	settle "$name" >&3
	# make coverage VNET_GCOV_PER_TEST=1: this test's counters apart (the
	# module's, kept after an unload), then zeroed for the next.
	if [ "${VNET_GCOV_PER_TEST:-}" = 1 ] && [ -n "${VNET_VM_OUT:-}" ] &&
		[ -w /sys/kernel/debug/gcov/reset ]; then
		"$TESTS_DIR/../scripts/gcov-save" "$VNET_VM_OUT/gcov-per-test/$name"
		echo 1 > /sys/kernel/debug/gcov/reset
	fi
	secs=$(($(date +%s) - started))
	echo "# $name: $secs s" >&3
	exec 3>&-
	if [ -n "$queue" ]; then
		[ $failed = 0 ] && echo "# $name: ok, $secs s" ||
			echo "# $name: FAILED, $secs s"
	fi
done
