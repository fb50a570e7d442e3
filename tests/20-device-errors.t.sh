#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad input gets a clear error (the kernel's extack text) and changes
# nothing. Each case runs both through vnetctl and, where vnetctl would
# catch it first, straight at the kernel with tests/nlraw.py.
. "$(dirname "$0")/lib.sh"
require_module
on_exit vnet_flush

vnetctl device add e-sw type vswitch ageing 77
vnetctl device add e-rt type vrouter
vnetctl device add e-fw type vfirewall policy drop
before=$(vnet_state)
unchanged() { check_eq "$1: state unchanged" "$before" "$(vnet_state)"; }

check_err "unknown kind (vnetctl)" 'unknown device type "vbridge"' \
	vnetctl device add e-x type vbridge
unchanged "unknown kind"
check_err "unknown kind (kernel)" "error -34: integer out of range" $NLRAW DEV_NEW IFNAME=str:e-x KIND=u32:9
unchanged "unknown kind (kernel)"
check_err "unknown kind (ip)" "." ip link add e-x type vbridge
unchanged "unknown kind (ip)"

check_err "unknown parameter (vnetctl)" 'unknown parameter "colour"' \
	vnetctl device add e-x type vswitch colour blue
check_err "parameter of another kind (vnetctl)" 'unknown parameter "policy" for vswitch' \
	vnetctl device set e-sw policy accept
check_err "parameter of another kind (kernel, new)" 'parameter "policy" applies to vfirewall devices only' \
	$NLRAW DEV_NEW IFNAME=str:e-x KIND=u32:1 PARAMS.POLICY=u8:1
check_err "parameter of another kind (kernel, set)" 'parameter "ageing" applies to vswitch devices only' \
	$NLRAW DEV_SET IFNAME=str:e-rt PARAMS.AGEING=u32:5
check_err "parameter of another kind (ip)" "." ip link set e-rt type vrouter ageing 5
unchanged "parameters of another kind"

check_err "out-of-range ageing (vnetctl)" "expected a number from 0 to 1000000" \
	vnetctl device set e-sw ageing 1000001
check_err "out-of-range ageing (kernel)" "error -34" \
	$NLRAW DEV_SET IFNAME=str:e-sw PARAMS.AGEING=u32:1000001
check_err "out-of-range policy (kernel)" "error -34" \
	$NLRAW DEV_SET IFNAME=str:e-fw PARAMS.POLICY=u8:7
check_err "out-of-range ttl-check (kernel)" "error -34" \
	$NLRAW DEV_SET IFNAME=str:e-rt PARAMS.TTL_CHECK=u8:2
check_err "malformed ageing" 'invalid ageing "soon"' vnetctl device set e-sw ageing soon
check_err "negative ageing" 'invalid ageing "-1"' vnetctl device set e-sw ageing -1
check_err "malformed ttl-check" 'expected on or off' vnetctl device set e-rt ttl-check maybe
check_err "malformed policy" 'expected accept\|drop' vnetctl device set e-fw policy reject
check_err "mtu too small (vnetctl)" "invalid mtu" vnetctl device set e-sw mtu 10
check_err "mtu too small (kernel)" "error -34" $NLRAW DEV_SET IFNAME=str:e-sw MTU=u32:10
check_err "wrong attribute length (kernel)" "error -22: invalid attribute length" $NLRAW DEV_SET IFNAME=str:e-sw MTU=u8:1
check_err "a valid change beside a bad one is not applied" "error -34" \
	$NLRAW DEV_SET IFNAME=str:e-sw MTU=u32:1400 PARAMS.AGEING=u32:99999999
unchanged "out-of-range and malformed values"

check_err "duplicate name (vnetctl)" "a device with this name already exists" \
	vnetctl device add e-sw type vrouter
check_err "name of a non-vnet device" "a device with this name already exists" \
	vnetctl device add lo type vswitch
check_err "duplicate name (ip)" "File exists" ip link add e-sw type vswitch
unchanged "duplicate names"

check_err "name too long (vnetctl)" "too long" vnetctl device add abcdefghijklmnop type vswitch
check_err "name too long (kernel)" "device name too long" \
	$NLRAW DEV_NEW IFNAME=str:abcdefghijklmnop KIND=u32:1
check_err "invalid name (kernel)" "invalid device name" \
	$NLRAW DEV_NEW IFNAME=str:a/b KIND=u32:1
unchanged "bad names"

check_err "missing kind (vnetctl)" "expected" vnetctl device add e-x
check_err "missing kind (kernel)" "the device kind is required" $NLRAW DEV_NEW IFNAME=str:e-x
check_err "missing name (kernel)" "the device name is required" $NLRAW DEV_NEW KIND=u32:1
check_err "set without a device (kernel)" "name or index is required" $NLRAW DEV_SET MTU=u32:1400
check_err "read-only attribute (kernel)" "error -22" \
	$NLRAW DEV_SET IFNAME=str:e-sw ADDRESS=hex:020000000001
check_err "kind cannot change (kernel)" "kind of a device cannot be changed" \
	$NLRAW DEV_SET IFNAME=str:e-sw KIND=u32:2
check_err "unknown attribute (kernel, strict)" "error -22" \
	$NLRAW DEV_SET IFNAME=str:e-sw 200=u32:1
check_err "unknown command (kernel)" "error -95" $NLRAW 99
unchanged "missing and unknown attributes"

check_err "delete a missing device (vnetctl)" "no such device" vnetctl device del e-none
check_err "delete a non-vnet device" "not a vnet device" vnetctl device del lo
check_err "set on a missing device" "no such device" vnetctl device set e-none ageing 5
check_err "start a missing device" "no such device" vnetctl device start e-none
check_err "name and index disagree (kernel)" "do not match" \
	$NLRAW DEV_DEL IFNAME=str:e-sw IFINDEX=u32:1
unchanged "missing devices"
check "lo still exists" ip link show lo

check_err "unknown object" "unknown object" vnetctl bogus show
check_err "unknown command" "unknown command" vnetctl device frobnicate
check_err "unknown option" "unknown option" vnetctl -Z device show
vnetctl device bogus >/dev/null 2>&1
check_eq "usage errors exit 2" 2 $?
vnetctl device del e-none >/dev/null 2>&1
check_eq "kernel errors exit 1" 1 $?
