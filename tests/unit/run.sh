#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The host-side unit tests: libvnet's and vnetctl's, each built against
# userspace/'s sources and objects and run here, no guest needed. Prints
# the tests' TAP-style lines.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/unit
lib=$top/userspace/lib
ctl=$top/userspace/vnetctl
mkdir -p "$out"
status=0

# fake_kernel answers libvnet itself: its requests are completed, not sent.
if ! gcc -O2 -g -Wall -Wextra -Werror -I"$top/include/uapi" -I"$lib" \
	$(pkg-config --cflags libnl-genl-3.0) -o "$out/fake_kernel" \
	"$here/fake_kernel.c" "$lib/libvnet.a" \
	-Wl,--wrap=nl_send_auto,--wrap=genl_ctrl_resolve \
	$(pkg-config --libs libnl-genl-3.0) 2> "$out/fake_kernel.log"; then
	echo "not ok - libvnet: the fake-kernel test does not build"
	sed 's/^/# /' "$out/fake_kernel.log"
	status=1
# Sending to another netlink socket takes CAP_NET_ADMIN over the namespace.
elif [ "$(id -u)" = 0 ]; then
	"$out/fake_kernel" || status=1
else
	unshare -Urn "$out/fake_kernel" || status=1
fi

# vnetctl_print runs vnetctl's commands (all but main.c) on a made-up
# libvnet: each call that would reach the kernel is wrapped.
wraps=
for f in open errmsg dev_get dev_list port_list fdb_list addr_list \
	route_list route_get route6_get neigh_list rule_list conn_list nat_list \
	network_get network_list policer_list monitor; do
	wraps=$wraps${wraps:+,}--wrap=vnet_$f
done
if ! gcc -O2 -g -Wall -Wextra -Werror -std=gnu11 -I"$top/include/uapi" \
	-I"$lib" -I"$ctl" $(pkg-config --cflags libnl-genl-3.0 json-c) \
	-o "$out/vnetctl_print" "$here/vnetctl_print.c" \
	$(ls "$ctl"/*.c | grep -v '/main\.c$') "$lib/libvnet.a" \
	-Wl,"$wraps" $(pkg-config --libs libnl-genl-3.0 json-c) \
	2> "$out/vnetctl_print.log"; then
	echo "not ok - vnetctl: the printing test does not build"
	sed 's/^/# /' "$out/vnetctl_print.log"
	status=1
else
	"$out/vnetctl_print" "$here/vnetctl" || status=1
fi
# libvnet's counter names against the module's (ethtool -S), both named
# after the spec.
if ! gcc -O2 -g -Wall -Wextra -Werror -I"$top/include/uapi" -I"$lib" \
	-o "$out/stats_names" "$here/stats_names.c" "$lib/libvnet.a" \
	$(pkg-config --libs libnl-genl-3.0) 2> "$out/stats_names.log"; then
	echo "not ok - libvnet: the counter names test does not build"
	sed 's/^/# /' "$out/stats_names.log"
	status=1
else
	"$out/stats_names" || status=1
fi
exit $status
