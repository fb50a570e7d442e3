#!/bin/sh
# Print the kernel build directory vnet builds against. With KERNEL (6.1,
# 6.12: a Debian 12 kernel series), the newest linux-headers-KERNEL.*-amd64
# installed; without it, the running kernel's when it exists, else 6.1's
# (Debian 12's default, the guest's kernel).
set -eu
if [ -z "${KERNEL:-}" ]; then
	run=/lib/modules/$(uname -r)/build
	if [ -d "$run" ]; then
		echo "$run"
		exit 0
	fi
fi
series=${KERNEL:-6.1}
newest=$(ls -d /usr/src/linux-headers-"$series".*-amd64 2>/dev/null | sort -V | tail -n 1)
if [ -z "$newest" ]; then
	echo "kdir: no linux-headers-$series for amd64 found; run 'make deps'" >&2
	exit 1
fi
echo "$newest"
