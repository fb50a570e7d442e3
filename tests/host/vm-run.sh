#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The harness itself, on the host: scripts/vm-run returns when QEMU cannot
# start (it used to wait forever for a guest that never came), and a
# vm-run killed mid-run takes its QEMU with it. Prints "ok - ..." or
# "not ok - ..." per check, as tests/fuzz/run.sh does.
set -u
tree=$(cd "$(dirname "$0")/../.." && pwd)
vm_run=$tree/scripts/vm-run

# QEMU refuses the accelerator and exits at once.
start=$(date +%s)
VM_ACCEL=no-such-accel timeout 120 "$vm_run" -- true >/dev/null 2>&1
rc=$?
if [ $rc != 0 ] && [ $rc != 124 ]; then
	echo "ok - vm-run: a QEMU that cannot start fails the run ($rc, in $(($(date +%s) - start)) s)"
else
	echo "not ok - vm-run: a QEMU that cannot start fails the run (status $rc; 124: still waiting after 120 s)"
fi

# descendants PID: every process under PID.
descendants() {
	local c
	for c in $(ps -o pid= --ppid "$1"); do
		echo "$c"
		descendants "$c"
	done
}
VM_TIMEOUT=600 "$vm_run" -- sleep 300 >/dev/null 2>&1 &
vm=$!
qemu=
for _ in $(seq 300); do
	for p in $(descendants $vm); do
		[ "$(ps -o comm= -p "$p")" = qemu-system-x86 ] && qemu=$p
	done
	[ -n "$qemu" ] && break
	sleep 0.1
done
if [ -z "$qemu" ]; then
	echo "not ok - vm-run: killed, it leaves no QEMU behind (no QEMU started)"
	kill -KILL $vm 2>/dev/null
	exit 1
fi
sleep 3		# the guest boots meanwhile
# vm-run stops QEMU itself, at once (SIGTERM, SIGKILL 5 s later if need
# be); a QEMU left to find out alone that its vm-run went took seconds
# more (7 s here, up to VM_TIMEOUT when busy).
kill -TERM $vm
left=
for _ in $(seq 30); do
	kill -0 "$qemu" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$qemu" 2>/dev/null && left=1
wait $vm 2>/dev/null
if [ -z "$left" ]; then
	echo "ok - vm-run: killed, it leaves no QEMU behind"
else
	echo "not ok - vm-run: killed, it leaves no QEMU behind (QEMU $qemu still runs 3 s later)"
	kill -KILL "$qemu" 2>/dev/null
	exit 1
fi
