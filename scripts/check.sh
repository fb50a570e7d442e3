#!/bin/bash
# Boot the guest, run every selftest there, and print TAP: the tests' lines,
# one more for the guest kernel log, the host-side unit tests' and userspace
# fuzzer's (and, for the whole suite, the harness's own: tests/host) unless
# CHECK_HOST=0, the plan, and
# "N passed, N failed, N skipped".
# Exits non-zero if anything failed. Arguments select tests (tests/run.sh).
#
# CHECK_JOBS=N boots N guests at once that share the tests out between them
# (tests/run.sh --queue), slowest first as tests/slow-first lists them, and
# prints their TAP in name order once all are done. Each guest then has one
# vCPU unless VM_SMP says otherwise: two 2-vCPU guests on a 2-core host ran
# each test twice as slowly as one guest alone (a vCPU waiting on a lock or
# an IPI whose holder is off the host CPU), two 1-vCPU guests 1.3 times.
# CHECK_APART="TESTS" holds those tests back until the shared guests are
# done, then runs them in one more guest of CHECK_APART_SMP vCPUs (default
# 2): make check-debug's full-size fuzzers need two vCPUs there.
set -u
tree=$(cd "$(dirname "$0")/.." && pwd)
jobs=${CHECK_JOBS:-1}
# A guest's whole-run limit. The suite takes 20 to 25 minutes in one guest
# and longer on a busy host; the per-test limits (tests/run.sh) stop a hung
# test well before this does.
export VM_TIMEOUT=${VM_TIMEOUT:-3600}
# The kernel's YNL tools (extracted once from linux-source-6.12), for the
# test that drives the module through the spec with them.
VNET_YNL=$("$tree/scripts/regen.sh" --ynl) || VNET_YNL=
export VNET_YNL
work=$(mktemp -d)
out=$work/tap
trap 'rm -rf "$work"' EXIT

klogs=()
vmrc=0
# A guest must stop cleanly too (a module that did not load, a timeout, a
# crash); tests/run.sh itself ends with 0. Adds a not-ok line if it did not.
guest_status() {	# WHO STATUS
	[ "$2" = 0 ] && return
	local n=$(($(grep -cE '^(not )?ok [0-9]+ ' "$out") + 1))
	echo "not ok $n - $1 stopped with status $2" | tee -a "$out"
}
if [ "$jobs" -le 1 ]; then
	klogs=("$work/klog")
	VM_KLOG=$work/klog "$tree/scripts/vm-run" -- tests/run.sh "$@" 2>&1 | tee "$out"
	vmrc=${PIPESTATUS[0]}
	guest_status "the guest" "$vmrc"
else
	if [ $# -gt 0 ]; then
		names=("${@%.t.sh}")
	else
		names=($(cd "$tree/tests" && ls *.t.sh | sed 's/\.t\.sh$//'))
	fi
	share=$work/share
	mkdir -p "$share/todo" "$share/taken" "$share/out"
	apart=()
	rank=0
	for t in $(grep -v '^#' "$tree/tests/slow-first") "${names[@]}"; do
		[[ " ${names[*]} " == *" $t "* ]] || continue
		if [[ " ${CHECK_APART:-} " == *" $t "* ]]; then
			[[ " ${apart[*]} " == *" $t "* ]] || apart+=("$t")
			continue
		fi
		ls "$share/todo" | grep -qx "[0-9]*\.$t" && continue
		: > "$share/todo/$(printf %03d $rank).$t"
		rank=$((rank + 1))
	done
	export VM_SMP=${VM_SMP:-1}
	guest() {	# NUMBER: boot guest NUMBER on the queue
		klogs+=("$work/klog$1")
		# A stray 0xff byte can open the second serial line's output.
		{
			VM_SHARE=$share VM_KLOG=$work/klog$1 \
				"$tree/scripts/vm-run" -- tests/run.sh --queue 2>&1
			echo $? > "$work/rc$1"
		} | LC_ALL=C sed -u "s/^\xff*/# guest $1: /" &
		pids+=($!)
	}
	# No guest boots for an empty queue (only tests held apart).
	[ "$rank" = 0 ] && jobs=0
	[ "$jobs" = 0 ] || echo "# $jobs guests share $rank tests; their progress:"
	pids=()
	for g in $(seq "$jobs"); do
		guest "$g"
	done
	for p in "${pids[@]}"; do
		wait "$p"
	done
	guests=$jobs
	if [ ${#apart[@]} -gt 0 ]; then
		guests=$((jobs + 1))
		echo "# then ${apart[*]} in a guest of ${CHECK_APART_SMP:-2} vCPUs:"
		for t in "${apart[@]}"; do
			: > "$share/todo/$(printf %03d $rank).$t"
			rank=$((rank + 1))
		done
		pids=()
		VM_SMP=${CHECK_APART_SMP:-2} guest "$guests"
		wait "${pids[0]}"
	fi
	echo "TAP version 13" | tee "$out"
	n=0
	for t in "${names[@]}"; do
		f=$share/out/$t
		if [ ! -s "$f" ]; then
			n=$((n + 1))
			echo "not ok $n - $t: not run (no guest was left to take it)"
			continue
		fi
		while IFS= read -r line; do
			case $line in
			"ok "[0-9]*|"not ok "[0-9]*)
				n=$((n + 1))
				sed -E "s/^(not )?ok [0-9]+ /\\1ok $n /" <<<"$line"
				;;
			*) echo "$line" ;;
			esac
		done < "$f"
		if ! tail -n 1 "$f" | grep -qE "^# $t: [0-9]+ s$"; then
			n=$((n + 1))
			echo "not ok $n - $t: its guest stopped before the test ended"
		fi
	done | tee -a "$out"
	# Every test ran to its end above; each guest must have stopped cleanly.
	for g in $(seq "$guests"); do
		rc=$(cat "$work/rc$g" 2>/dev/null || echo 1)
		[ "$rc" = 124 ] && vmrc=124
		guest_status "guest $g" "$rc"
	done
fi

n=$(($(grep -cE '^(not )?ok [0-9]+ ' "$out") + 1))
desc="guest kernel log clean (no oops, WARN, KASAN, lockdep report, leak or hang)"
bad=
clean=1
[ "$vmrc" = 124 ] && clean=0
for k in "${klogs[@]}"; do
	if [ ! -s "$k" ]; then
		clean=0
		bad="$bad${bad:+$'\n'}a guest left no kernel log"
	elif ! b=$("$tree/scripts/klog-scan" "$k"); then
		clean=0
		bad="$bad${bad:+$'\n'}$b"
	fi
done
if [ $clean = 1 ]; then
	echo "ok $n - $desc" | tee -a "$out"
else
	echo "not ok $n - $desc" | tee -a "$out"
	[ "$vmrc" = 124 ] && echo "# the guest timed out"
	printf '%s\n' "$bad" | sed '/^$/d; s/^/# /'
fi
# Host-side checks, numbered after the guest's. They run no code in the
# guest's kernel, so a run on another kernel (make check-debug, make
# coverage: CHECK_HOST=0) leaves them to make check rather than repeat them.
[ "${CHECK_HOST:-1}" = 0 ] ||
while IFS= read -r line; do
	case $line in
	"ok - "*|"not ok - "*)
		n=$((n + 1))
		line=${line/ok - /ok $n - }
		;;
	esac
	echo "$line" | tee -a "$out"
done < <("$tree/tests/unit/run.sh"
	"$tree/tests/fuzz/run.sh"
	# The harness's own checks (they boot guests, run make lint): with the
	# whole suite only.
	if [ $# = 0 ]; then
		for t in "$tree"/tests/host/*.sh; do
			[ "${t##*/}" = lib.sh ] || "$t"
		done
	fi)
echo "1..$n"
# A check that did not run is not a pass: skips are counted apart.
skipped=$(grep -cE '^ok [0-9]+ .*# SKIP' "$out")
passed=$(($(grep -cE '^ok [0-9]+ ' "$out") - skipped))
failed=$(grep -cE '^not ok [0-9]+ ' "$out")
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] && [ $((passed + skipped)) = "$n" ]
