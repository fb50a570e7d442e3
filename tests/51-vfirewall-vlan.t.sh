#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A vfirewall on a trunk: without vlan-aware every tagged frame goes by
# other-policy; with it a frame in one 802.1Q tag is judged by the IP
# packet it carries, a rule may match its VLAN (0: untagged), a reject
# answers in it, and connections are tracked per VLAN: the same addresses
# and ports in two VLANs, as two tenants' subnets would be, are two
# connections. 802.1ad frames still go by other-policy.
#
#   a  eth0 10.51.0.1 -- p1 [vf] p2 -- b  eth0 10.51.0.2
#      (VLAN 10 in a10, 20 in a20: 10.51.1.1)   (10 in b10, 20 in b20:
#      (802.1ad 40: 10.51.40.1)                  10.51.1.2; 40: 10.51.40.2;
#                                                30: 10.51.30.2)
#   the host: vf.30 10.51.30.254 on the vfirewall itself
. "$(dirname "$0")/lib.sh"
require_module
plan 24
on_exit vnet_flush
fw=vf
add_device $fw vfirewall other-policy drop || exit 1
add_host a $fw p1 10.51.0.1/24 || exit 1
add_host b $fw p2 10.51.0.2/24 || exit 1
S=$TESTS_DIR/sockets.py
rule_packets() { vnetctl -j rule show $fw | jq -r ".[] | select(.index == $1) | .packets"; }

# vlan_ns VAR HOST DEV VID ADDR: namespace VAR holds HOST's VLAN device
# DEV of VLAN VID, with ADDR: the same address in two VLANs, each in a
# namespace of its own.
vlan_ns() {
	local var=$1 ns
	setup_ns "$var" || return 1
	ns=${!var}
	ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip -n "$2" link add link eth0 name "$3" type vlan id "$4" &&
		ip -n "$2" link set "$3" netns "$ns" &&
		ip -n "$ns" addr add "$5/24" dev "$3" &&
		ip -n "$ns" link set "$3" up
}
vlan_ns a10 "$a" v10 10 10.51.1.1 && vlan_ns a20 "$a" v20 20 10.51.1.1 &&
	vlan_ns b10 "$b" v10 10 10.51.1.2 && vlan_ns b20 "$b" v20 20 10.51.1.2 ||
	exit 1
for side in "$a 1" "$b 2"; do
	read -r ns n <<<"$side"
	ip -n "$ns" link add link eth0 name s40 type vlan proto 802.1ad id 40
	ip -n "$ns" addr add "10.51.40.$n/24" dev s40
	ip -n "$ns" link set s40 up
done
ip -n "$b" link add link eth0 name eth0.30 type vlan id 30
ip -n "$b" addr add 10.51.30.2/24 dev eth0.30
ip -n "$b" link set eth0.30 up
ip link add link $fw name $fw.30 type vlan id 30
sysctl -q -w "net.ipv6.conf.$fw/30.disable_ipv6=1"
ip addr add 10.51.30.254/24 dev $fw.30
ip link set $fw.30 up
on_exit "ip link del $fw.30"
ping1() { ip netns exec "$1" ping -c 1 -W 1 "$2" >/dev/null 2>&1; }
no_ping1() { ! ping1 "$@"; }
no_ping_host() { ! ping -c 1 -W 1 "$1" >/dev/null 2>&1; }

# Policy accept, other-policy drop: tagged IP is judged as IP only when
# the device is vlan-aware.
check "untagged IPv4 passes (policy accept)" ping1 "$a" 10.51.0.2
check "without vlan-aware, IPv4 in VLAN 10 goes by other-policy (drop)" \
	no_ping1 "$a10" 10.51.1.2
check "and so does the host's, its tag in line" no_ping_host 10.51.30.2
check "vlan-aware on" vnetctl device set $fw vlan-aware on
# The resolutions those started would still be waiting for their next try.
ip -n "$a10" neigh flush all
ip neigh flush dev $fw.30
check "IPv4 in 802.1Q VLAN 10 is judged as IPv4, not by other-policy" \
	ping1 "$a10" 10.51.1.2
check "and in VLAN 20" ping1 "$a20" 10.51.1.2
other=$(dev_stat $fw drop_other)
check "IPv4 in an 802.1ad tag goes by other-policy (drop)" \
	no_ping1 "$a" 10.51.40.2
check "and is counted in drop_other" test "$(dev_stat $fw drop_other)" -gt "$other"
check "the host's VLAN device (the tag in line) is judged as IPv4" \
	ping -c 1 -W 1 10.51.30.2

# Rules on a VLAN.
vnetctl rule add $fw vlan 10 proto icmp action drop
check_eq "rule show prints the VLAN" "proto icmp vlan 10 action drop" \
	"$(vnetctl rule show $fw | sed -n 's/^1: //; s/  #.*//p')"
check_eq "and JSON has it" 10 "$(vnetctl -j rule show $fw | jq '.[0].vlan')"
check "a rule on VLAN 10 drops VLAN 10's ping" no_ping1 "$a10" 10.51.1.2
check_eq "and counts it" 1 "$(rule_packets 1)"
check "VLAN 20's passes" ping1 "$a20" 10.51.1.2
check "untagged passes" ping1 "$a" 10.51.0.2
vnetctl rule add $fw index 1 vlan 30 proto icmp action drop
check "a rule on VLAN 30 drops the host's ping in it" no_ping_host 10.51.30.2
vnetctl rule add $fw vlan 0 proto icmp action drop
check "a rule on VLAN 0 drops untagged pings" no_ping1 "$a" 10.51.0.2
check "and not tagged ones" ping1 "$a20" 10.51.1.2
vnetctl rule del $fw 3
vnetctl rule add $fw vlan 20 proto tcp dport 9 action reject
check_eq "a reject in VLAN 20 is answered in VLAN 20: the connect is refused" \
	refused "$(ip netns exec "$a20" "$S" tcp-get 10.51.1.2 9 3)"
check_err "a rule's VLAN 4095 is refused" "expected 0-4094" \
	vnetctl rule add $fw vlan 4095 action drop

# Connections per VLAN: only what p1 opens may pass, its replies with it.
# echo_in NS PORT: a UDP echo server in NS until echo_stop.
echo_in() {
	ip netns exec "$1" timeout 60 "$S" udp-echo "$2" &
	echo=$!
	busywait 10000 listening "$1" udp "$2"
}
echo_stop() {
	kill "$echo" 2>/dev/null
	wait "$echo" 2>/dev/null || true
}
vnetctl rule flush $fw
vnetctl rule add $fw in p1 action accept
vnetctl device set $fw policy drop
echo_in "$b10" 53
check_eq "UDP from VLAN 10 inside gets its answer" ping \
	"$(ip netns exec "$a10" "$S" udp-ask 10.51.1.2 53 3 5353)"
echo_stop
check "conn show has the connection in VLAN 10" jq -e '
	[.[] | select(.proto == "udp" and .sport == 5353 and .dport == 53)]
	| length == 1 and .[0].vlan == 10' <<<"$(vnetctl -j conn show $fw)"
# The connection's reply, sent in VLAN 20 from the same addresses and
# ports, is no reply of it: new from outside, dropped by the policy.
echo_in "$a20" 5353
check_eq "its reply's tuple from VLAN 20 is not its reply: dropped" timeout \
	"$(ip netns exec "$b20" "$S" udp-ask 10.51.1.1 5353 2 53)"
echo_stop
echo_in "$a10" 5353
check_eq "the same from VLAN 10 is, and passes" ping \
	"$(ip netns exec "$b10" "$S" udp-ask 10.51.1.1 5353 3 53)"
echo_stop
