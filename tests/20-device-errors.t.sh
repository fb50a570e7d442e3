#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad input gets a clear error (the kernel's extack text) and changes
# nothing. Each case runs both through vnetctl and, where vnetctl would
# catch it first, straight at the kernel with tests/ynl_raw.py.
. "$(dirname "$0")/lib.sh"
require_module
plan 110
on_exit vnet_flush

vnetctl device add e-sw type vswitch ageing 77
vnetctl device add e-rt type vrouter
vnetctl device add e-fw type vfirewall policy drop
before=$(vnet_state)
unchanged() { check_eq "$1: state unchanged" "$before" "$(vnet_state)"; }
# made DEV KIND CMD...: CMD, the right request of a refused one's shape,
# makes DEV, a KIND (the road open); DEV is deleted again, leaving the
# state as it was for the next "unchanged".
made() {
	local dev=$1 kind=$2 got
	shift 2
	"$@" || return 1
	got=$(jfield "$dev" type)
	vnetctl device del "$dev" || return 1
	[ "$got" = "$kind" ] || { echo "$dev is a \"$got\", not a $kind"; return 1; }
}

check_err "unknown kind (vnetctl)" 'unknown device type "vbridge"' \
	vnetctl device add e-x type vbridge
check "a known kind is made (vnetctl)" made e-x vfirewall vnetctl device add e-x type vfirewall
unchanged "unknown kind"
check_err "unknown kind (kernel)" "error -34: integer out of range" ynl --do dev-new --json '{"ifname": "e-x", "kind": 9}'
check "the last kind, 3, is made (kernel)" made e-x vfirewall ynl --do dev-new --json '{"ifname": "e-x", "kind": 3}'
unchanged "unknown kind (kernel)"
check_err "unknown kind (ip)" "Unknown device type|Operation not supported" ip link add e-x type vbridge
check "a known kind is made (ip)" made e-x vrouter ip link add e-x type vrouter
unchanged "unknown kind (ip)"

check_err "unknown parameter (vnetctl)" 'unknown parameter "colour"' \
	vnetctl device add e-x type vswitch colour blue
check "a known parameter is taken (vnetctl)" made e-x vswitch vnetctl device add e-x type vswitch ageing 5
check_err "parameter of another kind (vnetctl)" 'unknown parameter "policy" for vswitch' \
	vnetctl device set e-sw policy accept
# The controls below set what the device has already: nothing changes.
check "policy is taken by a vfirewall (vnetctl)" vnetctl device set e-fw policy drop
check_err "parameter of another kind (kernel, new)" 'parameter "policy" applies to vfirewall devices only' \
	ynl --do dev-new --json '{"ifname": "e-x", "kind": 1, "params": {"policy": 1}}'
check "the same policy is taken by a new vfirewall (kernel, new)" \
	made e-x vfirewall ynl --do dev-new --json '{"ifname": "e-x", "kind": 3, "params": {"policy": 1}}'
check_err "parameter of another kind (kernel, set)" 'parameter "ageing" applies to vswitch devices only' \
	ynl --do dev-set --json '{"ifname": "e-rt", "params": {"ageing": 5}}'
check "ageing is taken by a vswitch (kernel, set)" ynl --do dev-set --json '{"ifname": "e-sw", "params": {"ageing": 77}}'
check_err "parameter of another kind (ip)" 'unknown parameter "ageing"' ip link set e-rt type vrouter ageing 5
check "ageing is taken by a vswitch (ip)" ip link set e-sw type vswitch ageing 77
unchanged "parameters of another kind"

check_err "out-of-range ageing (vnetctl)" "expected a number from 0 to 1000000" \
	vnetctl device set e-sw ageing 1000001
check_err "out-of-range ageing (kernel)" "error -34" \
	ynl --do dev-set --json '{"ifname": "e-sw", "params": {"ageing": 1000001}}'
check "the largest ageing, 1000000, is taken (kernel)" \
	ynl --do dev-set --json '{"ifname": "e-sw", "params": {"ageing": 1000000}}'
check_eq "and shown" 1000000 "$(jfield e-sw ageing)"
check_err "out-of-range policy (kernel)" "error -34" \
	ynl --do dev-set --json '{"ifname": "e-fw", "params": {"policy": 7}}'
check "the last policy, 1 (drop), is taken (kernel)" ynl --do dev-set --json '{"ifname": "e-fw", "params": {"policy": 1}}'
check_err "out-of-range ttl-check (kernel)" "error -34" \
	ynl --do dev-set --json '{"ifname": "e-rt", "params": {"ttl-check": 2}}'
check "ttl-check 1 is taken (kernel)" ynl --do dev-set --json '{"ifname": "e-rt", "params": {"ttl-check": 1}}'
check_err "malformed ageing" 'invalid ageing "soon"' vnetctl device set e-sw ageing soon
check_err "negative ageing" 'invalid ageing "-1"' vnetctl device set e-sw ageing -1
check "ageing 77 is taken again (vnetctl)" vnetctl device set e-sw ageing 77
check_err "malformed ttl-check" 'expected on or off' vnetctl device set e-rt ttl-check maybe
check "ttl-check on is taken (vnetctl)" vnetctl device set e-rt ttl-check on
check_err "malformed policy" 'expected accept\|drop' vnetctl device set e-fw policy reject
check "policy drop is taken (vnetctl)" vnetctl device set e-fw policy drop
check_err "mtu too small (vnetctl)" "invalid mtu" vnetctl device set e-sw mtu 10
check_err "mtu too small (kernel)" "error -34" ynl --do dev-set --json '{"ifname": "e-sw", "mtu": 10}'
check_err "wrong attribute length (kernel)" "error -22: invalid attribute length" $YNL_RAW dev-set ifname=e-sw mtu=u8:1
check "the smallest mtu, 68, as a u32, is taken (kernel)" ynl --do dev-set --json '{"ifname": "e-sw", "mtu": 68}'
check_eq "and shown" 68 "$(jfield e-sw mtu)"
check "mtu 1500 is taken again (vnetctl)" vnetctl device set e-sw mtu 1500
check_err "a valid change beside a bad one is not applied" "error -34" \
	ynl --do dev-set --json '{"ifname": "e-sw", "mtu": 1400, "params": {"ageing": 99999999}}'
unchanged "out-of-range and malformed values"
check "alone, that valid change is applied" ynl --do dev-set --json '{"ifname": "e-sw", "mtu": 1400}'
check_eq "mtu 1400 shown" 1400 "$(jfield e-sw mtu)"
vnetctl device set e-sw mtu 1500

check_err "duplicate name (vnetctl)" "a device with this name already exists" \
	vnetctl device add e-sw type vrouter
check_err "name of a non-vnet device" "a device with this name already exists" \
	vnetctl device add lo type vswitch
check "a free name is taken (vnetctl)" made e-x vrouter vnetctl device add e-x type vrouter
check_err "duplicate name (ip)" "File exists" ip link add e-sw type vswitch
check "a free name is taken (ip)" made e-x vswitch ip link add e-x type vswitch
unchanged "duplicate names"

check_err "name too long (vnetctl)" "too long" vnetctl device add abcdefghijklmnop type vswitch
check "15 characters are taken (vnetctl)" \
	made abcdefghijklmno vswitch vnetctl device add abcdefghijklmno type vswitch
check_err "name too long (kernel)" "failed policy validation" \
	ynl --do dev-new --json '{"ifname": "abcdefghijklmnop", "kind": 1}'
check_err "a name too long to be a device's, in any request (kernel)" "failed policy validation" \
	ynl --do dev-get --json '{"ifname": "abcdefghijklmnop"}'
check_err "a name of 15 that is no device's is merely unknown (kernel)" "no such device" \
	ynl --do dev-get --json '{"ifname": "abcdefghijklmnx"}'
check_err "invalid name (kernel)" "invalid device name" \
	ynl --do dev-new --json '{"ifname": "a/b", "kind": 1}'
check "15 characters are taken (kernel)" \
	made abcdefghijklmno vswitch ynl --do dev-new --json '{"ifname": "abcdefghijklmno", "kind": 1}'
unchanged "bad names"

check_err "missing kind (vnetctl)" "expected" vnetctl device add e-x
check_err "missing kind (kernel)" "the device kind is required" ynl --do dev-new --json '{"ifname": "e-x"}'
check_err "missing name (kernel)" "the device name is required" ynl --do dev-new --json '{"kind": 1}'
check "with both, the device is made (kernel)" made e-x vswitch ynl --do dev-new --json '{"ifname": "e-x", "kind": 1}'
check_err "set without a device (kernel)" "name or index is required" ynl --do dev-set --json '{"mtu": 1400}'
check_err "read-only attribute (kernel)" "error -22" \
	ynl --do dev-set --json '{"ifname": "e-sw", "address": "020000000001"}'
check_err "kind cannot change (kernel)" "kind of a device cannot be changed" \
	ynl --do dev-set --json '{"ifname": "e-sw", "kind": 2}'
check_err "unknown attribute (kernel, strict)" "error -22" \
	$YNL_RAW dev-set ifname=e-sw 200=u32:1
check "a set naming the device, with none of those, is taken (kernel)" \
	ynl --do dev-set --json '{"ifname": "e-sw", "mtu": 1500}'
check_err "unknown command (kernel)" "error -95" $YNL_RAW 99
check "a known command is answered (kernel)" ynl --do dev-get --json '{"ifname": "e-sw"}'
# Each command takes only what its request lists in the spec (a policy of
# its own, generated), not any attribute of the family.
check_err "a port in a device set (kernel, the command's own policy)" \
	"error -22: Unsupported attribute" ynl --do dev-set --json '{"ifname": "e-sw", "port": {"name": "p1"}}'
check_err "an mtu past the last attribute a device get takes (kernel)" \
	"error -22: Unknown attribute type" ynl --do dev-get --json '{"ifname": "e-sw", "mtu": 1500}'
check_err "a port's reported-only counter in a port set (kernel)" \
	"error -22: Attribute failed policy validation" \
	ynl --do port-set --json '{"ifname": "e-sw", "port": {"name": "p1", "learned": 1}}'
# Every member a nest only reports, in a request that would otherwise be
# taken (or reach its handler): refused by the policy step, before it.
reported_only=(	# each: the member, then the request (op, JSON) carrying it
	port.address port-set '{"ifname": "e-sw", "port": {"name": "p1", "address": "020000000001"}}'
	fdb.static fdb-new '{"ifname": "e-sw", "fdb": {"mac": "020000000002", "static": 1}}'
	fdb.age fdb-new '{"ifname": "e-sw", "fdb": {"mac": "020000000002", "age": 1}}'
	route.type route-new "{\"ifname\": \"e-rt\", \"route\": {\"dst\": $(ip4 10.9.0.0), \"prefixlen\": 16, \"type\": 3}}"
	neigh.state neigh-new "{\"ifname\": \"e-rt\", \"neigh\": {\"address\": $(ip4 10.9.0.1), \"state\": 5}}"
	neigh.age neigh-new "{\"ifname\": \"e-rt\", \"neigh\": {\"address\": $(ip4 10.9.0.1), \"age\": 1}}"
	neigh.queued neigh-new "{\"ifname\": \"e-rt\", \"neigh\": {\"address\": $(ip4 10.9.0.1), \"queued\": 1}}"
	rule.packets rule-new '{"ifname": "e-fw", "rule": {"action": 0, "packets": 1}}'
	rule.bytes rule-new '{"ifname": "e-fw", "rule": {"action": 0, "bytes": 1}}'
	rule.packets rule-replace '{"ifname": "e-fw", "rule": [{"action": 0}, {"action": 1, "packets": 1}]}'
	network.devices net-set '{"network": {"name": "default", "devices": 1}}'
	network.policers net-set '{"network": {"name": "default", "policers": 1}}'
	network.devices dev-new '{"ifname": "e-y", "kind": 1, "network": {"name": "default", "devices": 1}}'
	policer.ports policer-set '{"network": {"name": "default"}, "policer": {"name": "pol", "ports": 1}}'
	policer.passed-packets policer-set '{"network": {"name": "default"}, "policer": {"name": "pol", "passed-packets": 1}}'
	policer.passed-bytes policer-set '{"network": {"name": "default"}, "policer": {"name": "pol", "passed-bytes": 1}}'
	policer.dropped-packets policer-set '{"network": {"name": "default"}, "policer": {"name": "pol", "dropped-packets": 1}}'
	policer.dropped-bytes policer-set '{"network": {"name": "default"}, "policer": {"name": "pol", "dropped-bytes": 1}}'
)
set -- "${reported_only[@]}"
while [ $# -ge 3 ]; do
	check_err "reported only, refused (kernel): $1" \
		"error -22: Attribute failed policy validation" ynl --do "$2" --json "$3"
	shift 3
done
# The road open: the last rule replace without the counter is taken.
check "a rule replace of two rules is taken (kernel)" \
	ynl --do rule-replace --json '{"ifname": "e-fw", "rule": [{"action": 0}, {"action": 1}]}'
vnetctl rule flush e-fw
unchanged "missing and unknown attributes"

check_err "delete a missing device (vnetctl)" "no such device" vnetctl device del e-none
check_err "delete a non-vnet device" "not a vnet device" vnetctl device del lo
check_err "set on a missing device" "no such device" vnetctl device set e-none ageing 5
check_err "start a missing device" "no such device" vnetctl device start e-none
check_err "name and index disagree (kernel)" "do not match" \
	ynl --do dev-del --json '{"ifname": "e-sw", "ifindex": 1}'
unchanged "missing devices"
check "lo still exists" ip link show lo
# The same requests on a device that exists.
vnetctl device add e-x type vswitch
check "set on a device that exists" vnetctl device set e-x ageing 5
check "start a device that exists" vnetctl device start e-x
check "a name and its own index delete that device (kernel)" \
	ynl --do dev-del --json "{\"ifname\": \"e-x\", \"ifindex\": $(jfield e-x ifindex)}"
unchanged "a device made and deleted"

check_err "unknown object" "unknown object" vnetctl bogus show
check_err "unknown command" "unknown command" vnetctl device frobnicate
check_err "unknown option" "unknown option" vnetctl -Z device show
vnetctl -j device show e-sw >/dev/null 2>&1
check_eq "a known object, command and option: exit 0" 0 $?
vnetctl device bogus >/dev/null 2>&1
check_eq "usage errors exit 2" 2 $?
vnetctl device del e-none >/dev/null 2>&1
check_eq "kernel errors exit 1" 1 $?
