#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad input to a vrouter: refused requests with a clear message and no
# change; malformed packets dropped and counted, with forwarding intact.
. "$(dirname "$0")/lib.sh"
require_module
plan 52
on_exit vnet_flush
vr=err-vr
vnetctl device add $vr type vrouter
vnetctl device start $vr
add_router_host h1 $vr p1 10.1.0.2/24 10.1.0.1 || exit 1
add_router_host h2 $vr p2 10.2.0.2/24 10.2.0.1 || exit 1
vnetctl device add err-sw type vswitch
state() { vnetctl -j addr show $vr; vnetctl -j route show $vr; }
before=$(state)

check_err "a duplicate address" "already has this address" \
	vnetctl addr add $vr 10.1.0.1/24 port p2
check_err "an address overlapping another port's subnet" "overlaps the subnet" \
	vnetctl addr add $vr 10.1.0.9/16 port p2
check_err "an address inside another subnet" "overlaps the subnet" \
	vnetctl addr add $vr 10.2.0.200/28 port p1
check_err "the network address of its subnet" "network or broadcast address" \
	vnetctl addr add $vr 10.3.0.0/24 port p1
check_err "the broadcast address of its subnet" "network or broadcast address" \
	vnetctl addr add $vr 10.3.0.255/24 port p1
check_err "a multicast address" "must be a unicast address" \
	vnetctl addr add $vr 224.1.1.1/24 port p1
check_err "an address on no port" "no such port" \
	vnetctl addr add $vr 10.3.0.1/24 port nope
check_err "an address without a port" "port is required" \
	vnetctl addr add $vr 10.3.0.1/24
check_err "a malformed address" "invalid address" \
	vnetctl addr add $vr 10.3.0.300/24 port p1
check_err "a prefix length past 32" "invalid address" \
	vnetctl addr add $vr 10.3.0.1/33 port p1
check_err "deleting an address the router does not have" "no such address" \
	vnetctl addr del $vr 10.5.0.1/24
check_err "an address on a vswitch" "only vrouter devices" \
	vnetctl addr add err-sw 10.3.0.1/24 port p1
# The road open: the right address is taken, and deleted.
check "a free address on p1 is taken" vnetctl addr add $vr 10.3.0.1/24 port p1
check "and deleted" vnetctl addr del $vr 10.3.0.1/24
check_err "a route via a gateway on no connected subnet" "not on any connected subnet" \
	vnetctl route add $vr 10.8.0.0/16 via 10.3.0.1
check_err "a route via the router's own address" "address of the router itself" \
	vnetctl route add $vr 10.8.0.0/16 via 10.1.0.1
check_err "a route via a gateway that is not on the given port" "not on a connected subnet of that port" \
	vnetctl route add $vr 10.8.0.0/16 via 10.1.0.5 port p2
check_err "a prefix with host bits set" "bits set past its length" \
	vnetctl route add $vr 10.8.1.0/16 via 10.1.0.5
check_err "a malformed prefix" "invalid prefix" vnetctl route add $vr 10.8/16 via 10.1.0.5
check_err "a route with neither gateway nor port" "expected via GW or port PORT" \
	vnetctl route add $vr 10.8.0.0/16
check_err "a route duplicating a connected one" "already exists" \
	vnetctl route add $vr 10.1.0.0/24 via 10.2.0.5
check_err "deleting a connected route" "go with their address" \
	vnetctl route del $vr 10.1.0.0/24
check_err "deleting a route that is not there" "no such route" \
	vnetctl route del $vr 10.9.0.0/16
# The road open: a route via a gateway on p1's subnet, out of p1.
check "a right route is taken" vnetctl route add $vr 10.8.0.0/16 via 10.1.0.5 port p1
check "and a static route is deleted" vnetctl route del $vr 10.8.0.0/16
check_err "an endpoint port named like the host port" "router's own port" \
	bash -c "ip link add host type dummy && vnetctl port add $vr dev host; rc=\$?; ip link del host; exit \$rc"
check "an endpoint port named otherwise is taken" \
	bash -c "ip link add host0 type dummy && vnetctl port add $vr dev host0 && vnetctl port del $vr host0; rc=\$?; ip link del host0; exit \$rc"
check_eq "nothing above changed the addresses or routes" "$before" "$(state)"
# The same through raw netlink, past vnetctl's own checks.
check_err "raw: a prefix length of 40" "error -34: an IPv4 prefix length is at most 32" \
	ynl --do route-new --json "{\"ifname\": \"$vr\", \"route\": {\"dst\": $(ip4 10.8.0.0), \"prefixlen\": 40, \"gateway\": $(ip4 10.1.0.5)}}"
check_err "raw: a route without a prefix length" "prefix length is required" \
	ynl --do route-new --json "{\"ifname\": \"$vr\", \"route\": {\"dst\": $(ip4 10.8.0.0), \"gateway\": $(ip4 10.1.0.5)}}"
check_err "raw: a gateway of 0.0.0.0" "cannot be 0.0.0.0" \
	ynl --do route-new --json "{\"ifname\": \"$vr\", \"route\": {\"dst\": $(ip4 10.8.0.0), \"prefixlen\": 16, \"gateway\": $(ip4 0.0.0.0)}}"
check_err "raw: an address of prefix length 0" "out of range|ERANGE" \
	ynl --do addr-new --json "{\"ifname\": \"$vr\", \"addr\": {\"address\": $(ip4 10.3.0.1), \"prefixlen\": 0, \"port-name\": \"p1\"}}"
# The road open: the same requests, right, are taken (and undone).
check "raw: the route with a prefix length of 16 and a gateway is taken" \
	ynl --do route-new --json "{\"ifname\": \"$vr\", \"route\": {\"dst\": $(ip4 10.8.0.0), \"prefixlen\": 16, \"gateway\": $(ip4 10.1.0.5)}}"
vnetctl route del $vr 10.8.0.0/16
check "raw: the address with a prefix length of 24 is taken" \
	ynl --do addr-new --json "{\"ifname\": \"$vr\", \"addr\": {\"address\": $(ip4 10.3.0.1), \"prefixlen\": 24, \"port-name\": \"p1\"}}"
vnetctl addr del $vr 10.3.0.1/24
# The host port is index 0, as dumps report it: a request may name it so.
check "raw: an address on port index 0 is taken" \
	ynl --do addr-new --json "{\"ifname\": \"$vr\", \"addr\": {\"address\": $(ip4 10.3.0.1), \"prefixlen\": 24, \"port\": 0}}"
check_eq "on the host port, reported as index 0" "host 0" \
	"$(vnetctl -j addr show $vr | jq -r '.[] | select(.address == "10.3.0.1") | "\(.port) \(.port_index)"')"
vnetctl addr del $vr 10.3.0.1/24
check_err "raw: port index 99 is no port" "no such port" \
	ynl --do addr-new --json "{\"ifname\": \"$vr\", \"addr\": {\"address\": $(ip4 10.3.0.1), \"prefixlen\": 24, \"port\": 99}}"
check_eq "nor did the raw requests" "$before" "$(state)"

# Malformed packets from h1 at the router's MAC: dropped, counted, harmless.
mac=$(ip -j link show p1 | jq -r '.[0].address')
for kind in ip-truncated ip-bad-version ip-bad-ihl ip-ihl-past-end ip-totlen-past-end \
	    ip-totlen-short ip-bad-csum arp-truncated arp-bad-hln arp-bad-op; do
	b0=$(port_stat $vr p1 drop_bad_header)
	ip netns exec "$h1" python3 "$TESTS_DIR/badpkt.py" eth0 "$mac" 10.1.0.2 10.2.0.2 $kind 10
	check "$kind: 10 frames dropped as drop_bad_header" \
		busywait 3000 port_stat_is $vr p1 drop_bad_header $((b0 + 10))
done
m0=$(port_stat $vr p1 drop_not_routable)
ip netns exec "$h1" python3 "$TESTS_DIR/badpkt.py" eth0 "$mac" 10.1.0.2 10.2.0.2 ip-martian-dst 10
check "multicast destinations: 10 dropped as drop_not_routable" \
	busywait 3000 port_stat_is $vr p1 drop_not_routable $((m0 + 10))
# The road open: 10 well-formed echoes from the same sender, to the
# router's address, are each answered (to h1's MAC, no ARP involved), and
# none is counted as a bad header or not routable.
b0=$(port_stat $vr p1 drop_bad_header)
m0=$(port_stat $vr p1 drop_not_routable)
i0=$(port_stat $vr p1 icmp_sent)
ip netns exec "$h1" python3 "$TESTS_DIR/badpkt.py" eth0 "$mac" 10.1.0.2 10.1.0.1 good-echo 10
check "10 well-formed echoes to 10.1.0.1: 10 answered (icmp_sent)" \
	busywait 3000 port_stat_is $vr p1 icmp_sent $((i0 + 10))
check_eq "none of them dropped as drop_bad_header or drop_not_routable" "$b0 $m0" \
	"$(port_stat $vr p1 drop_bad_header) $(port_stat $vr p1 drop_not_routable)"
check "a well-formed echo through the same path still forwards" \
	ip netns exec "$h1" ping -c 2 -W 2 10.2.0.2
