#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A vrouter routing between two VLANs of one trunk (router on a stick):
# ports on VLAN devices it owns ("port add RT dev TRUNK vlan VID"), made
# with the port and deleted with it or with the router; then the same
# through patches into the VLAN-aware switch, its side an access port.
#
#   h10 10.53.10.1 (access 10) -+
#                               +- vl-sw == trunk 10,20 == vl-rt
#   h20 10.53.20.1 (access 20) -+   sw-trunk   rt-trunk(.10 .254, .20 .254)
. "$(dirname "$0")/lib.sh"
require_module
plan 27
on_exit vnet_flush
sw=vl-sw
rt=vl-rt
add_device $sw vswitch vlan-filtering on || exit 1
add_host h10 $sw p10 10.53.10.1/24 || exit 1
add_host h20 $sw p20 10.53.20.1/24 || exit 1
vnetctl port set $sw p10 vlan access 10
vnetctl port set $sw p20 vlan access 20
ip -n "$h10" route add default via 10.53.10.254
ip -n "$h20" route add default via 10.53.20.254
ip link add sw-trunk type veth peer name rt-trunk || exit 1
on_exit "ip link del sw-trunk 2>/dev/null"
for d in sw-trunk rt-trunk; do
	sysctl -q -w "net.ipv6.conf.$d.disable_ipv6=1"
	ip link set $d up
done
vnetctl port add $sw dev sw-trunk vlan trunk 10,20
add_device $rt vrouter || exit 1
# A VLAN device made from here has IPv6 off, as the rest.
sysctl -q -w net.ipv6.conf.default.disable_ipv6=1
on_exit "sysctl -q -w net.ipv6.conf.default.disable_ipv6=0"
ping_20() { ip netns exec "$h10" ping -c 1 -W 1 10.53.20.1 >/dev/null 2>&1; }
no_ping_20() { ! ping_20; }
gone() { ! ip link show "$1" >/dev/null 2>&1; }
port_json() { vnetctl -j port show $rt | jq -c ".[] | select(.name == \"$1\") | .$2"; }

check "a port on VLAN 10 of the trunk" vnetctl port add $rt dev rt-trunk vlan 10
check "and on VLAN 20" vnetctl port add $rt dev rt-trunk vlan 20
check_eq "its VLAN device is rt-trunk.10, VLAN 10 of rt-trunk" "10 rt-trunk" \
	"$(ip -j -d link show rt-trunk.10 | jq -r '.[0] | "\(.linkinfo.info_data.id) \(.link)"')"
check_eq "the port owns it" true "$(port_json rt-trunk.10 owns_lower)"
check "port show says so" grep -q "rt-trunk.20.* owns-lower" <<<"$(vnetctl port show $rt)"
vnetctl addr add $rt 10.53.10.254/24 port rt-trunk.10
vnetctl addr add $rt 10.53.20.254/24 port rt-trunk.20
check "h10 reaches h20 through the router on the trunk" ping_20
check "both crossed the trunk tagged: the router's ports counted them" \
	test "$(port_stat $rt rt-trunk.10 rx_packets)" -gt 0 -a \
	"$(port_stat $rt rt-trunk.20 tx_packets)" -gt 0
check "deleting the port deletes its VLAN device" \
	sh -c "vnetctl port del $rt rt-trunk.20 && ! ip link show rt-trunk.20 2>/dev/null"
check "and VLAN 20 is cut off" no_ping_20

# Refusals leave nothing behind.
check_err "a VLAN device name in use is refused" "exists" \
	vnetctl port add $rt dev rt-trunk vlan 30 name rt-trunk.10
check_eq "and the port of that name is untouched" true "$(port_json rt-trunk.10 owns_lower)"
check_err "a port that cannot be added deletes the device made for it" \
	"no-such-rt|[Nn]o such" vnetctl port add no-such-rt dev rt-trunk vlan 30
check "(rt-trunk.30 is gone)" gone rt-trunk.30
check_err "LOWER.VID past 15 characters needs a name" "give the port a name" \
	vnetctl port add $rt dev rt-trunk-longer vlan 4094
check_err "the kernel owns VLAN devices only" "only a VLAN device" \
	ynl --do port-new --json "{\"ifname\": \"$rt\", \"port\": {\"lower-ifname\": \"rt-trunk\", \"owns-lower\": 1}}"

vnetctl port add $rt dev rt-trunk vlan 20
vnetctl addr add $rt 10.53.20.254/24 port rt-trunk.20
check "back on VLAN 20, h10 reaches h20 again" ping_20
# Only a port's own deletion and its router's delete what it owns: a
# lower that lets go of its port stays.
check "ip link set nomaster releases an owned port" \
	sh -c "ip link set rt-trunk.20 nomaster && ! vnetctl port show $rt | grep -q rt-trunk.20"
check "and its VLAN device stays" ip link show rt-trunk.20
ip link del rt-trunk.20
setup_ns away || exit 1
check "moving an owned VLAN device to another namespace releases its port" \
	sh -c "ip link set rt-trunk.10 netns $away && ! vnetctl port show $rt | grep -q rt-trunk.10"
check "and the device lives on there" ip -n "$away" link show rt-trunk.10
vnetctl port add $rt dev rt-trunk vlan 10
vnetctl port add $rt dev rt-trunk vlan 20
check "deleting the router deletes the VLAN devices its ports own" \
	sh -c "vnetctl device del $rt && ! ip link show rt-trunk.10 2>/dev/null && ! ip link show rt-trunk.20 2>/dev/null"

# The same through patches: the switch's sides access ports of 10 and 20.
add_device $rt vrouter || exit 1
vnetctl port add $sw peer $rt name sw-r10 peer-name r10 vlan access 10
vnetctl port add $sw peer $rt name sw-r20 peer-name r20 vlan access 20
vnetctl addr add $rt 10.53.10.254/24 port r10
vnetctl addr add $rt 10.53.20.254/24 port r20
ip -n "$h10" neigh flush all
ip -n "$h20" neigh flush all
check "through patches into VLANs 10 and 20, h10 reaches h20" ping_20
check_eq "the patch's switch side is an access port of VLAN 10" '"access"' \
	"$(vnetctl -j port show $sw | jq -c '.[] | select(.name == "sw-r10") | .vlan.mode')"

# A vfirewall port whose rule set cannot be rebuilt without it is held
# (its index kept) until a set without it is out. Here its own VLAN
# device's deletion takes another port (on a VLAN of that device) with
# it, whose rebuild succeeds and releases the held one: released once.
fw=vl-fw
add_device $fw vfirewall || exit 1
ip link add fw-trunk type dummy || exit 1
on_exit "ip link del fw-trunk 2>/dev/null"
ip link set fw-trunk up
vnetctl port add $fw dev fw-trunk vlan 10
ip link add link fw-trunk.10 name fw-t.10.20 type vlan id 20
ip link set fw-t.10.20 up
vnetctl port add $fw dev fw-t.10.20
vnetctl rule add $fw in fw-trunk.10 action accept
vnetctl rule add $fw in fw-t.10.20 action accept
echo 1 >/sys/module/vnet/parameters/fw_fail_commits
check "a held port whose VLAN device takes another port with it is deleted" \
	vnetctl port del $fw fw-trunk.10
echo 0 >/sys/module/vnet/parameters/fw_fail_commits
check_eq "both ports are gone" 0 "$(vnetctl -j port show $fw | jq length)"
check "and both VLAN devices" sh -c "! ip link show fw-trunk.10 2>/dev/null && ! ip link show fw-t.10.20 2>/dev/null"
check_eq "the rule set keeps its rules" 2 "$(vnetctl -j rule show $fw | jq length)"
