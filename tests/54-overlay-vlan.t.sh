#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VLANs across hosts, each on a VNI of its own (device set SW vlan VID vni
# N, the bridge's vlan_tunnel): two hosts (namespaces on an underlay
# bridge) with a VLAN-aware vswitch each, VLANs 10 and 20 mapped to their
# own VNIs. Each VLAN reaches its own across, and only its own; what the
# underlay carries is in the VLAN's VNI; a VLAN crosses in one VNI only
# (the switch's own tunnel port stays out of VLANs with a vni); the
# mappings change and go cleanly, up to 64 of them, and bad requests are
# refused with nothing changed.
#
#   a10 10.0.10.1 (access 10) -+- [A 192.0.2.1] -+- ov-ul -+- [B 192.0.2.2] -+- b10 10.0.10.2
#   a20 10.0.10.3 (access 20) -+                                              +- b20 10.0.10.4
. "$(dirname "$0")/lib.sh"
require_module
plan 49

ul_bridge vv-ul || exit 1

# add_ul_host VAR N: host N on the underlay, 192.0.2.N, network blue
# towards the other host, and its switch sw.
add_ul_host() {
	ul_host "$1" vv-ul "$2" &&
		on "${!1}" network add blue underlay eth0 local "192.0.2.$2" &&
		on "${!1}" network host add blue "192.0.2.$((3 - $2))" &&
		on "${!1}" device add sw type vswitch network blue
}

# add_container VAR HOST PORT VID ADDR: a namespace on an access port of
# VLAN VID of the host's switch.
add_container() {
	ul_container "$1" "$2" "$3" "$5/24" &&
		on "$2" port add sw dev "$3" vlan access "$4"
}

add_ul_host A 1 && add_ul_host B 2 || exit 1
check_err "a VLAN's vni needs vlan-filtering on" "needs vlan-filtering on" \
	on "$A" device set sw vlan 10 vni 1010
check_err "nor with vlan-filtering turned on in the same request" "turned on first" \
	on "$A" device set sw vlan-filtering on vlan 10 vni 1010
check_eq "and makes no VXLAN device" "gone" \
	"$(ip -n "$A" link show vnetvx1010 >/dev/null 2>&1 && echo left || echo gone)"
for h in "$A" "$B"; do
	on "$h" device set sw vlan-filtering on &&
		on "$h" device set sw vlan 10 vni 1010 &&
		on "$h" device set sw vlan 20 vni 1020 &&
		on "$h" device start sw || exit 1
done
add_container a10 "$A" pa10 10 10.0.10.1 &&
	add_container a20 "$A" pa20 20 10.0.10.3 &&
	add_container b10 "$B" pb10 10 10.0.10.2 &&
	add_container b20 "$B" pb20 20 10.0.10.4 || exit 1

check_eq "device show lists each VLAN's vni, in VLAN order" \
	"vlan 10 vni 1010 vlan 20 vni 1020" \
	"$(on "$A" device show sw | grep -o 'vlan [0-9]* vni [0-9]*' | xargs)"
check_eq "and in JSON" '[{"vlan":10,"vni":1010},{"vlan":20,"vni":1020}]' \
	"$(on "$A" -j device show sw | jq -c '.[0].vlan_vnis')"
check_eq "each VLAN's VXLAN device is a tunnel port, an access port of its VLAN" \
	"vnetvx1010 access 10 vnetvx1020 access 20" \
	"$(on "$A" -j port show sw | jq -r '.[] | select(.tunnel) | "\(.name) \(.vlan.mode) \(.vlan.vid)"' | sort | xargs)"
check_eq "with its VNI, flooding to the other host" "1010 192.0.2.2" \
	"$(ip -n "$A" -d -j link show vnetvx1010 | jq -r '.[0].linkinfo.info_data.id') \
$(ip netns exec "$A" bridge fdb show dev vnetvx1010 | awk '/^00:00:00:00:00:00/ { print $3 }')"

dumpf=$(mktemp)
on_exit "rm -f $dumpf"
tcpdump -i vv-ul -e -nn -l 'udp dst port 4789' > "$dumpf" 2>/dev/null &
dump=$!
on_exit "kill $dump"
sleep 1	# tcpdump listens
check "VLAN 10 on host A reaches VLAN 10 on host B" \
	ip netns exec "$a10" ping -c 2 -i 0.2 -W 2 10.0.10.2
check "and VLAN 20 its own" ip netns exec "$a20" ping -c 2 -i 0.2 -W 2 10.0.10.4
sleep 0.5
kill "$dump"
wait "$dump" 2>/dev/null
check "the underlay carries VLAN 10 in vni 1010" grep -q "VXLAN.*vni 1010" "$dumpf"
check "and VLAN 20 in vni 1020" grep -q "VXLAN.*vni 1020" "$dumpf"
check_eq "untagged in both: no 802.1Q tag inside" "0" \
	"$(grep -c "802.1Q" "$dumpf")"
check_eq "A learned B's VLAN 10 station against VLAN 10's tunnel port" \
	"vnetvx1010 10" \
	"$(on "$A" -j fdb show sw | jq -r --arg m "$(host_mac "$b10" eth0)" '.[] | select(.mac == $m) | "\(.port) \(.vlan)"')"
check_err "VLAN 10 does not reach VLAN 20 across" "." \
	ip netns exec "$a10" ping -c 1 -W 1 10.0.10.4

# A VLAN crosses in one VNI: the switch's own tunnel port (VLAN 1's at
# first) is never in a VLAN with a vni of its own.
for h in "$A" "$B"; do
	on "$h" device set sw vni 100 || exit 1
done
check_err "VLAN 1 has no vni while the switch's tunnel port is in it" \
	"take it out of its VLANs first" on "$A" device set sw vlan 1 vni 1001
check_err "the switch's tunnel port does not join a VLAN with a vni" \
	"set its vni none first" on "$A" port set sw vnetvx100 vlan trunk 10
check "it may join VLAN 30, which has none" \
	on "$A" port set sw vnetvx100 vlan trunk 30
check_err "which then has no vni of its own" "take it out of its VLANs first" \
	on "$A" device set sw vlan 30 vni 1030
check_eq "and no VXLAN device was made" "gone gone" \
	"$(for d in vnetvx1001 vnetvx1030; do ip -n "$A" link show $d >/dev/null 2>&1 && echo left || echo gone; done | xargs)"
check "A's VLAN 10 still reaches B" \
	ip netns exec "$a10" ping -c 1 -W 2 10.0.10.2

# Bad requests: refused, with nothing changed.
before=$(on "$A" -j device show sw | jq -c '.[0] | del(.stats)')
check_err "a vni another VLAN carries is refused" "carried by a vswitch" \
	on "$A" device set sw vlan 40 vni 1020
check_err "so is the switch's own" "carried by a vswitch" \
	on "$A" device set sw vlan 40 vni 100
check_err "and a VLAN's as the switch's vni" "carried by a vswitch" \
	on "$A" device set sw vni 1010
check_err "ending a vni a VLAN does not have is refused" "the VLAN has no vni" \
	on "$A" device set sw vlan 40 vni none
check_err "vlan-filtering stays on while VLANs have vnis" "set them none first" \
	on "$A" device set sw vlan-filtering off
check_err "a VLAN's tunnel port keeps its VLAN" "set the VLAN's vni instead" \
	on "$A" port set sw vnetvx1010 vlan access 20
check_err "and is not deleted alone" "goes with its vni" \
	on "$A" port del sw vnetvx1010
check_err "a vrouter's VLANs have no vnis" "VLANs are a vswitch's" \
	on "$A" device add rt type vrouter network blue vlan 10 vni 3000
check_err "a VLAN past 4094 is refused" "invalid VLAN" \
	on "$A" device set sw vlan 4095 vni 3000
check_eq "and none of it changed the switch" "$before" \
	"$(on "$A" -j device show sw | jq -c '.[0] | del(.stats)')"

# A new vni replaces the VLAN's; none ends it; device add takes one.
for h in "$A" "$B"; do
	on "$h" device set sw vlan 10 vni 1011 || exit 1
done
check_eq "a new vni replaces VLAN 10's VXLAN device" "gone present" \
	"$(ip -n "$A" link show vnetvx1010 >/dev/null 2>&1 && echo left || echo gone) \
$(ip -n "$A" link show vnetvx1011 >/dev/null 2>&1 && echo present || echo missing)"
check "and VLAN 10 crosses in it" \
	busywait 5000 ip netns exec "$a10" ping -c 1 -W 1 10.0.10.2
check_eq "device show still lists the VLANs in order (their ports are not)" \
	"vlan 10 vni 1011 vlan 20 vni 1020" \
	"$(on "$A" device show sw | grep -o 'vlan [0-9]* vni [0-9]*' | xargs)"
check "vni none ends VLAN 20's" on "$A" device set sw vlan 20 vni none
check_eq "its VXLAN device and mapping are gone" "gone [{\"vlan\":10,\"vni\":1011}]" \
	"$(ip -n "$A" link show vnetvx1020 >/dev/null 2>&1 && echo left || echo gone) \
$(on "$A" -j device show sw | jq -c '.[0].vlan_vnis')"
check_err "and VLAN 20 no longer crosses" "." \
	ip netns exec "$a20" ping -c 1 -W 1 10.0.10.4
check "device add takes a VLAN's vni" \
	on "$A" device add sw2 type vswitch network blue vlan-filtering on vlan 30 vni 1030
check_eq "with the underlay's MTU less VXLAN's" "1450 vnetvx1030 30" \
	"$(on "$A" -j device show sw2 | jq -r '.[0].mtu') \
$(on "$A" -j port show sw2 | jq -r '.[] | select(.tunnel) | "\(.name) \(.vlan.vid)"')"
# A request that gives the switch a vni and a VLAN one: not the same vni,
# nor VLAN 1, which the switch's new tunnel port is in; else both made.
check_err "one vni to the switch and to a VLAN in one request is refused" \
	"gives the vni to the device and to a VLAN" \
	on "$A" device set sw2 vni 3001 vlan 41 vni 3001
check_err "so is VLAN 1 beside the switch's new vni" "take it out of its VLANs first" \
	on "$A" device set sw2 vni 3001 vlan 1 vni 3002
check_eq "and neither made a VXLAN device" "gone gone" \
	"$(for d in vnetvx3001 vnetvx3002; do ip -n "$A" link show $d >/dev/null 2>&1 && echo left || echo gone; done | xargs)"
check "two vnis and VLAN 41 in one request" \
	on "$A" device set sw2 vni 3001 vlan 41 vni 3002
check_eq "make both" "3001 [{\"vlan\":30,\"vni\":1030},{\"vlan\":41,\"vni\":3002}]" \
	"$(on "$A" -j device show sw2 | jq -r '.[0] | "\(.vni) \(.vlan_vnis | tojson)"')"
on "$A" device set sw2 vni none && on "$A" device set sw2 vlan 41 vni none || exit 1
# Up to 64 VLANs of a switch have vnis; its deletion takes them in one
# batch, with a VLAN device stacked on one of them (and its port).
batch=$(mktemp)
on_exit "rm -f $batch"
for v in $(seq 100 162); do
	echo "device set sw2 vlan $v vni $((v + 2000))"
done > "$batch"
check "63 more VLANs of sw2 get vnis" on "$A" -b "$batch"
check_err "the 65th is refused" "as many VLANs with a vni as it can" \
	on "$A" device set sw2 vlan 163 vni 2163
check_eq "sw2 lists 64" "64" "$(on "$A" -j device show sw2 | jq '.[0].vlan_vnis | length')"
ip -n "$A" link add link vnetvx1030 name vx30.5 type vlan id 5
check "a VLAN device on a VLAN's VXLAN device is a port of sw2" \
	on "$A" port add sw2 dev vx30.5
check "device del takes every VXLAN device of the switch with it" \
	eval 'on "$A" device del sw && on "$A" device del sw2'
check_eq "none is left, nor the VLAN device on one" "" \
	"$(ip -n "$A" -j link show | jq -r '.[] | select(.ifname | test("^(vnetvx|vx30)")) | .ifname')"
