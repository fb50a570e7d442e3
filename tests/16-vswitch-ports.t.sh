#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Port management: ip link master/nomaster, removal under traffic, a lower
# device deleted while attached, and bad input that changes nothing.
. "$(dirname "$0")/lib.sh"
require_module
plan 58
on_exit vnet_flush
on_exit "ip link del pa; ip link del pb; ip link del pc; ip link del pd; ip link del pe"
sw=pt-sw
vnetctl device add $sw type vswitch
vnetctl device add pt-other type vswitch
vnetctl device add pt-rt type vrouter
vnetctl device start $sw
add_host ha $sw pa 10.1.0.1/24 || exit 1
add_host hb $sw pb 10.1.0.2/24 || exit 1
ip link add pc type veth peer name pc-peer
ip link add pd type dummy
ip link add pe type veth peer name pe-peer

# ip(8) master/nomaster go through ndo_add_slave/ndo_del_slave.
check "ip link set master" ip link set pc master $sw
check_eq "the port appears" "pc" "$(vnetctl -j port show $sw | jq -r '.[] | select(.name == "pc") | .lower')"
check "ip link set nomaster" ip link set pc nomaster
check_eq "the port is gone" "" "$(vnetctl -j port show $sw | jq -r '.[] | select(.name == "pc") | .name')"
check "a dummy device can be a port" vnetctl port add $sw dev pd name dummy-port
check_eq "ports can be named" "pd" "$(vnetctl -j port show $sw | jq -r '.[] | select(.name == "dummy-port") | .lower')"
check "ports are deleted by name" vnetctl port del $sw dummy-port

before=$(vnetctl -j port show $sw; vnetctl -j fdb show $sw)
unchanged() { check_eq "$1: ports and fdb unchanged" "$before" "$(vnetctl -j port show $sw; vnetctl -j fdb show $sw)"; }
check_err "a port twice" "already a port" vnetctl port add $sw dev pa
check_err "a port of two devices" "already a port" vnetctl port add pt-other dev pa
check_err "loopback" "loopback device cannot be a port" vnetctl port add $sw dev lo
check_err "the device itself" "cannot be a port of itself" vnetctl port add $sw dev $sw
modprobe -q tun 2>/dev/null
ip tuntap add pt-tun mode tun
on_exit "ip link del pt-tun"
check_err "a non-Ethernet device (tun)" "only Ethernet devices" vnetctl port add $sw dev pt-tun
check_err "another vnet device" "cannot be an endpoint" vnetctl port add $sw dev pt-other
check_err "a missing lower device" "no such network device" vnetctl port add $sw dev nope0
check_err "a port name taken" "port of this name" vnetctl port add $sw dev pe name pa
check_err "port add without dev" "expected \"dev IFNAME\"" vnetctl port add $sw name x
check_err "unknown port parameter" "unknown port parameter" vnetctl port set $sw pa colour red
check_err "bad flag value" "expected on or off" vnetctl port set $sw pa learning maybe
check_err "set a missing port" "no such port" vnetctl port set $sw nope learning off
check_err "del a missing port" "no such port" vnetctl port del $sw nope
check_err "ports of a missing device" "no such device" vnetctl port show nope-sw
check_err "fdb add to a missing port" "no such port" vnetctl fdb add $sw 02:00:00:00:00:01 port nope
check_err "fdb add of a malformed MAC" "invalid MAC address" vnetctl fdb add $sw 02:00:00:00:01 port pa
check_err "fdb add of a multicast MAC" "unicast" vnetctl fdb add $sw 01:00:5e:00:00:01 port pa
check_err "fdb add of a zero MAC (kernel)" "unicast" \
	ynl --do fdb-new --json "{\"ifname\": \"$sw\", \"fdb\": {\"mac\": \"000000000000\", \"port\": 1}}"
check_err "fdb of a vrouter" "only vswitch and vfirewall devices" vnetctl fdb show pt-rt
check_err "fdb del of a missing entry" "no such forwarding entry" vnetctl fdb del $sw 02:00:00:00:00:77
check_err "the index of a new port is not chosen (kernel)" "cannot be chosen" \
	ynl --do port-new --json "{\"ifname\": \"$sw\", \"port\": {\"lower-ifname\": \"pe\", \"index\": 9}}"
check_err "the endpoint of a port cannot change (kernel)" "cannot be changed" \
	ynl --do port-set --json "{\"ifname\": \"$sw\", \"port\": {\"name\": \"pa\", \"lower-ifname\": \"pe\"}}"
unchanged "bad port and fdb input"
check_eq "pe is still free" "" "$(ip -j link show pe | jq -r '.[0].master // empty')"
# Controls: the refused requests made right are taken, and undone.
check "control: a known port parameter and value" vnetctl port set $sw pa learning on
check "control: PORT_SET of a setting, not the endpoint (kernel)" \
	ynl --do port-set --json "{\"ifname\": \"$sw\", \"port\": {\"name\": \"pa\", \"learning\": 1}}"
check "control: fdb add of a unicast MAC to a port that exists" \
	vnetctl fdb add $sw 02:00:00:00:00:01 port pa
check "control: fdb del of an entry that exists" vnetctl fdb del $sw 02:00:00:00:00:01
# Port 1 is pa, the first port added.
check "control: FDB_NEW of a unicast MAC to port 1 (kernel)" \
	ynl --do fdb-new --json "{\"ifname\": \"$sw\", \"fdb\": {\"mac\": \"020000000002\", \"port\": 1}}"
check_eq "the kernel's entry is on pa" "pa" "$(fdb_port $sw 02:00:00:00:00:02)"
vnetctl fdb del $sw 02:00:00:00:00:02
check "control: pe under a free name" vnetctl port add $sw dev pe name pe-free
vnetctl port del $sw pe-free
check "control: PORT_NEW of pe without an index (kernel)" \
	ynl --do port-new --json "{\"ifname\": \"$sw\", \"port\": {\"lower-ifname\": \"pe\"}}"
vnetctl port del $sw pe
unchanged "the controls undone"

# ip link set master on a port of another switch moves it, as for a bridge.
check "ip link set master moves a port" ip link set pa master pt-other
check_eq "pa is on pt-other now" "pa" "$(vnetctl -j port show pt-other | jq -r '.[].name')"
check_eq "and off the first switch" "" "$(vnetctl -j port show $sw | jq -r '.[] | select(.name == "pa") | .name')"
check "and back" ip link set pa master $sw

# Removing a port while traffic flows through it.
ip netns exec "$ha" ping -i 0.02 -W 1 10.1.0.2 >/dev/null 2>&1 &
pinger=$!
on_exit "kill $pinger"
# hb answers through pb: its MAC is learned there.
mb=$(host_mac "$hb" eth0)
hb_on_pb() { [ "$(fdb_port $sw "$mb")" = pb ]; }
busywait 5000 hb_on_pb
check_eq "before: hb's MAC is learned on pb" "pb" "$(fdb_port $sw "$mb")"
check "port removed under traffic" vnetctl port del $sw pb
sleep 0.5
check_eq "its fdb entries went with it" "" \
	"$(vnetctl -j fdb show $sw | jq -r '.[] | select(.port == "pb") | .mac')"
check "and added back under traffic" vnetctl port add $sw dev pb
busywait 5000 ip netns exec "$hb" ping -c 1 -W 1 10.1.0.1 >/dev/null
check_eq "traffic flows again" 0 $?
# The lower device deleted while attached (and while traffic flows).
check "lower device deleted while attached" ip link del pb
check_eq "its port is gone" "" "$(vnetctl -j port show $sw | jq -r '.[] | select(.name == "pb") | .name')"
kill $pinger 2>/dev/null
wait $pinger 2>/dev/null
check_eq "the lower device is really gone" 1 "$(ip link show pb >/dev/null 2>&1; echo $?)"

# Deleting the switch releases its lower devices.
vnetctl port add pt-other dev pe
check_eq "before: pe's master is pt-other" "pt-other" \
	"$(ip -j link show pe | jq -r '.[0].master // empty')"
check "delete a switch with ports" vnetctl device del pt-other
check_eq "its lower device has no master any more" "" \
	"$(ip -j link show pe | jq -r '.[0].master // empty')"
check "and can join another switch" vnetctl port add $sw dev pe

# The monitor announces port events.
mon=$(mktemp)
vnetctl monitor > "$mon" &
m=$!
on_exit "kill $m; rm -f $mon"
sleep 0.5
vnetctl port set $sw pe flood off
vnetctl port del $sw pe
busywait 5000 grep -q '^del port' "$mon"
check "monitor: port change" grep -q '^change port .*pe.*flood off' "$mon"
check "monitor: port del" grep -q '^del port .*pe' "$mon"
