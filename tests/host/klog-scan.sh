#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/klog-scan on made-up guest logs: a KCSAN data race whose access is
# in vnet.ko fails the log, one between two core-kernel accesses (vnet's
# frames deeper in the stacks) does not, and a WARN after it still does.
# Prints "ok - ..." or "not ok - ..." per check.
set -u
tree=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
race() {	# race TOP1 TOP2: a KCSAN report whose accesses are at TOP1, TOP2
	cat <<LOG
[   10.100000] ==================================================================
[   10.100000] BUG: KCSAN: data-race in ${1%%+*} / ${2%%+*}
[   10.100000]
[   10.100000] write to 0xffff888004a1c2d8 of 8 bytes by interrupt on cpu 1:
[   10.100000]  $1
[   10.100000]  vnet_port_rx+0x1a0/0x4c0 [vnet]
[   10.100000]
[   10.100000] read to 0xffff888004a1c2d8 of 8 bytes by task 412 on cpu 0:
[   10.100000]  $2
[   10.100000]  vnet_port_xmit+0x90/0x120 [vnet]
[   10.100000]
[   10.100000] value changed: 0x0000000000000001 -> 0x0000000000000002
[   10.100000]
[   10.100000] Reported by Kernel Concurrency Sanitizer on:
[   10.100000] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 6.1.0 #1
[   10.100000] ==================================================================
LOG
}
race "vnet_fdb_learn+0x64/0x210 [vnet]" "vnet_fdb_age+0x30/0x90 [vnet]" > "$work/ours"
race "dev_queue_xmit+0x12/0x40" "vnet_fdb_age+0x30/0x90 [vnet]" > "$work/second"
race "dev_queue_xmit+0x12/0x40" "netif_rx+0x22/0x80" > "$work/core"
{ cat "$work/core"; echo "[   11.0] WARNING: CPU: 1 PID: 7 at net/core/dev.c:1 x"; } > "$work/warn"

scan() {	# scan DESC WANT-STATUS FILE
	local got
	"$tree/scripts/klog-scan" "$3" > "$work/out" 2>&1
	got=$?
	if [ "$got" = "$2" ]; then
		echo "ok - klog-scan: $1"
	else
		echo "not ok - klog-scan: $1 (status $got, want $2)"
		sed 's/^/# /' "$work/out"
	fi
}
scan "a data race in vnet.ko fails the log" 1 "$work/ours"
scan "so does one whose second access only is in vnet.ko" 1 "$work/second"
scan "one between two core-kernel accesses does not" 0 "$work/core"
scan "a WARN after such a race still fails" 1 "$work/warn"
