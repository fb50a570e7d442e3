#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# libvnet's host-side unit tests: each builds against userspace/lib's
# objects and runs here, no guest needed. Prints the tests' TAP-style lines.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/unit
lib=$top/userspace/lib
mkdir -p "$out"

# fake_kernel answers libvnet itself: its requests are completed, not sent.
if ! gcc -O2 -g -Wall -Wextra -Werror -I"$top/include/uapi" -I"$lib" \
	$(pkg-config --cflags libnl-genl-3.0) -o "$out/fake_kernel" \
	"$here/fake_kernel.c" "$lib/libvnet.a" \
	-Wl,--wrap=nl_send_auto,--wrap=genl_ctrl_resolve \
	$(pkg-config --libs libnl-genl-3.0) 2> "$out/fake_kernel.log"; then
	echo "not ok - libvnet: the fake-kernel test does not build"
	sed 's/^/# /' "$out/fake_kernel.log"
	exit 1
fi
# Sending to another netlink socket takes CAP_NET_ADMIN over the namespace.
if [ "$(id -u)" = 0 ]; then
	"$out/fake_kernel"
else
	unshare -Urn "$out/fake_kernel"
fi
