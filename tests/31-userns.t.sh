#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# An unprivileged user in a user namespace of its own, with its own network
# namespace, drives the family there; in the initial namespace it cannot.
. "$(dirname "$0")/lib.sh"
require_module
plan 5
on_exit vnet_flush
bin=$(mktemp -d)
on_exit rm -rf "$bin"
cp "$TOP/userspace/vnetctl/vnetctl" "$bin/"
chmod 755 "$bin" "$bin/vnetctl"
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
if ! as_nobody unshare -r -n true 2>/dev/null; then
	skip_rest "unprivileged user namespaces are disabled here" \
		"in its own namespaces nobody creates devices, ports, addresses, routes" \
		"in the initial namespace nobody is refused" \
		"nor can it modify a device of the initial namespace" \
		"which kept its ageing, while root's own set of it takes effect" \
		"nothing of the user's reached the initial namespace"
	exit 0
fi
inside=$(as_nobody unshare -r -n sh -c "
	$bin/vnetctl device add u-sw type vswitch &&
	$bin/vnetctl device start u-sw &&
	$bin/vnetctl device add u-vr type vrouter &&
	ip link add u-p type dummy && ip link set u-p up &&
	$bin/vnetctl port add u-vr dev u-p &&
	$bin/vnetctl addr add u-vr 10.77.0.1/24 port u-p &&
	$bin/vnetctl route add u-vr 10.78.0.0/16 via 10.77.0.2 &&
	$bin/vnetctl -j route show u-vr | jq -r '.[] | .dst' | tr '\n' ' ' &&
	$bin/vnetctl device del u-sw" 2>&1)
check_eq "in its own namespaces nobody creates devices, ports, addresses, routes" \
	"10.77.0.0/24 10.77.0.1/32 10.78.0.0/16 " "$inside"
check_err "in the initial namespace nobody is refused" "Operation not permitted" \
	as_nobody "$bin/vnetctl" device add u-sw type vswitch
vnetctl device add u-root type vswitch
check_err "nor can it modify a device of the initial namespace" "Operation not permitted" \
	as_nobody "$bin/vnetctl" device set u-root ageing 5
# The control: the same set, by root, is not refused.
check_eq "which kept its ageing, while root's own set of it takes effect" "300 5" \
	"$(jfield u-root ageing) $(vnetctl device set u-root ageing 5 && jfield u-root ageing)"
check_eq "nothing of the user's reached the initial namespace" "u-root" "$(vnet_names | tr '\n' ' ' | sed 's/ $//')"
