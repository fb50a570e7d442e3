#!/bin/sh
# Print the kernel build directory vnet builds against: the running kernel's
# when it exists, else the newest Debian linux-headers-*-amd64 installed.
set -eu
run=/lib/modules/$(uname -r)/build
if [ -d "$run" ]; then
	echo "$run"
	exit 0
fi
newest=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
if [ -z "$newest" ]; then
	echo "kdir: no kernel headers found; run 'make deps'" >&2
	exit 1
fi
echo "$newest"
