#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The vrouter's IPv6: 25-vrouter-forwarding's checks over IPv6, with
# neighbour discovery, link-local addresses and next hops, and the errors
# a router owes (hop limit, no route, packet too big, address unreachable).
#
#   h1 2001:db8:1::2   h2 2001:db8:2::2   h3 2001:db8:3::2 (MTU 1280)
#        |                  |                  |
#        p1 ::1 ----------- p2 ::1 ----------- p3 ::1         -- vr
. "$(dirname "$0")/lib.sh"
require_module
plan 74
on_exit vnet_flush
vr=v6-vr
add_device $vr vrouter
for i in 1 2 3; do
	add_router_host h$i $vr p$i 2001:db8:$i::2/64 2001:db8:$i::1 || exit 1
done
ns() { local v=h$1; echo "${!v}"; }
n() { local ns; ns=$(ns "$1"); shift; ip netns exec "$ns" "$@"; }
ip link set p3 mtu 1280
n 3 ip link set eth0 mtu 1280
p1_mac=$(ip -j link show p1 | jq -r '.[0].address')

check_eq "the IPv6 addresses are listed with their ports" \
	"2001:db8:1::1/64 p1 2001:db8:2::1/64 p2 2001:db8:3::1/64 p3" \
	"$(vnetctl -j addr show $vr | jq -r '[.[] | "\(.address)/\(.prefixlen) \(.port)"] | join(" ")')"
check_eq "each address brings a connected and a local route" \
	"2001:db8:1::/64 connected p1|2001:db8:1::1/128 local p1|2001:db8:2::/64 connected p2|2001:db8:2::1/128 local p2|2001:db8:3::/64 connected p3|2001:db8:3::1/128 local p3" \
	"$(vnetctl -j route show $vr | jq -r '[.[] | "\(.dst) \(.type) \(.port)"] | join("|")')"

check "h1 pings the router's address on its port" n 1 ping -c 1 -W 2 2001:db8:1::1
check "h1 pings the router's address on another port" n 1 ping -c 1 -W 2 2001:db8:3::1
for pair in "1 2" "1 3" "2 3" "3 1"; do
	set -- $pair
	check "h$1 pings h$2 across the router" n $1 ping -c 2 -W 2 2001:db8:$2::2
done
check_eq "the reply crossed one hop: hop limit 64 arrives as 63" "63" \
	"$(n 1 ping -c 1 -W 2 2001:db8:2::2 | sed -n 's/.*ttl=\([0-9]*\).*/\1/p')"
check_eq "the router's own echo reply has hop limit 64" "64" \
	"$(n 1 ping -c 1 -W 2 2001:db8:1::1 | sed -n 's/.*ttl=\([0-9]*\).*/\1/p')"
check_eq "the router resolved h2 by solicitation" "$(host_mac "$(ns 2)" eth0) reachable" \
	"$(vnetctl -j neigh show $vr | jq -r '.[] | select(.address == "2001:db8:2::2") | "\(.mac) \(.state)"')"
check_eq "h1 resolved its gateway to p1's MAC" "$p1_mac" \
	"$(n 1 ip -j -6 neigh show 2001:db8:1::1 | jq -r '.[0].lladdr')"
h1_learned() {
	vnetctl -j neigh show $vr |
		jq -e '.[] | select(.address == "2001:db8:1::2" and .state == "reachable")' >/dev/null
}
check "the router learned h1 from its solicitation" busywait 2000 h1_learned
ll1=$(ll_of "$p1_mac")
check "h1 pings p1's link-local address $ll1" n 1 ping -c 1 -W 2 "$ll1%eth0"
check_err "p1's link-local address is not p2's: h2 gets no answer" "." \
	n 2 ping -c 1 -W 1 "$ll1%eth0"

# Hop limit 1: time exceeded from the router, counted.
ttl0=$(port_stat $vr p1 drop_ttl)
out=$(n 1 ping -c 1 -W 2 -t 1 2001:db8:2::2)
check "ping -t 1 gets time exceeded from 2001:db8:1::1" \
	grep -q "From 2001:db8:1::1 .*Time exceeded: Hop limit" <<<"$out"
check_eq "drop_ttl counted it on p1" "$((ttl0 + 1))" "$(port_stat $vr p1 drop_ttl)"
out=$(n 1 traceroute -6 -n -q 1 -w 2 -m 3 2001:db8:2::2 2>&1)
check_eq "traceroute: the router, then h2" "2001:db8:1::1 2001:db8:2::2" \
	"$(awk '$1 ~ /^[0-9]+$/ { printf "%s%s", sep, $2; sep=" " }' <<<"$out")"

# No route: unreachable, no route, counted.
nr0=$(dev_stat $vr drop_no_route)
out=$(n 1 ping -c 1 -W 2 2001:db8:99::1)
check "a missing route gets no route from 2001:db8:1::1" \
	grep -q "From 2001:db8:1::1 .*Destination unreachable: No route" <<<"$out"
check_eq "drop_no_route counted it" "$((nr0 + 1))" "$(dev_stat $vr drop_no_route)"

# Too big for the 1280 port: packet too big with the MTU, and the sender
# then fits its packets (routers never fragment IPv6).
mtu0=$(port_stat $vr p1 drop_mtu)
out=$(n 1 ping -c 1 -W 2 -s 1400 2001:db8:3::2)
check "a 1448-byte ping into the 1280 port gets packet too big (mtu=1280)" \
	grep -q "From 2001:db8:1::1 .*Packet too big: mtu=1280" <<<"$out"
check_eq "drop_mtu counted it on p1, once" "$((mtu0 + 1))" "$(port_stat $vr p1 drop_mtu)"
check_eq "the router made no fragment" "0" "$(port_stat $vr p3 fragments)"
check "h1 then fragments at the source, and the ping crosses" \
	n 1 ping -c 2 -W 2 -s 1400 2001:db8:3::2

# A next hop that never answers: its queue holds 64 packets while it is
# solicited, the rest are dropped as queue full; after three unanswered
# solicitations it fails, its queue is dropped, and the sender is told
# the address is unreachable.
neigh6() { vnetctl -j neigh show $vr | jq -r ".[] | select(.address == \"$1\") | $2"; }
neigh6_failed() { [ "$(neigh6 2001:db8:2::99 .state)" = failed ]; }
qf0=$(port_stat $vr p2 drop_queue_full)
nf0=$(port_stat $vr p2 drop_neigh_failed)
h1_mac=$(host_mac "$(ns 1)" eth0)
n 1 python3 -c 'import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW); s.bind(("eth0", 0))
f = bytes.fromhex(sys.argv[1])
for _ in range(100): s.send(f)' \
	"$(frame udp6 "$h1_mac" "$p1_mac" 2001:db8:1::2 2001:db8:2::99 4000 4001)"
check_eq "while it is solicited, 2001:db8:2::99 is incomplete with 64 queued" \
	"incomplete 64" "$(neigh6 2001:db8:2::99 '"\(.state) \(.queued)"')"
check "the other 36 were dropped as queue full" \
	busywait 2000 port_stat_is $vr p2 drop_queue_full $((qf0 + 36))
check "after three unanswered solicitations it is failed" busywait 10000 neigh6_failed
check_eq "its 64 queued packets were dropped and counted" "$((nf0 + 64))" \
	"$(port_stat $vr p2 drop_neigh_failed)"
out=$(n 1 ping -c 1 -W 2 2001:db8:2::99)
check "a packet for the failed neighbour gets address unreachable" \
	grep -q "From 2001:db8:1::1 .*Destination unreachable: Address unreachable" <<<"$out"

# Static routes: through a global gateway, and through a link-local one
# named with its port.
n 2 ip addr add 2001:db8:77::1/128 dev lo
n 2 ip addr add 2001:db8:78::1/128 dev lo
n 2 sysctl -q -w net.ipv6.conf.all.forwarding=0
vnetctl route add $vr 2001:db8:77::/64 via 2001:db8:2::2
check "a route via a global gateway: h1 pings 2001:db8:77::1" \
	n 1 ping -c 2 -W 2 2001:db8:77::1
h2_ll=$(n 2 ip -j -6 addr show dev eth0 |
	jq -r '.[0].addr_info[] | select(.scope == "link") | .local')
vnetctl route add $vr 2001:db8:78::/64 via "$h2_ll" port p2
check "a route via h2's link-local $h2_ll port p2: h1 pings 2001:db8:78::1" \
	n 1 ping -c 2 -W 2 2001:db8:78::1
check_eq "route show lists it" "2001:db8:78::/64 via $h2_ll port p2 static" \
	"$(vnetctl route show $vr | grep '^2001:db8:78::/64')"
check_eq "the link-local neighbour is on p2" "p2 reachable" \
	"$(vnetctl -j neigh show $vr | jq -r ".[] | select(.address == \"$h2_ll\") | \"\(.port) \(.state)\"")"
check_eq "route get finds the longest prefix" "2001:db8:2::/64 port p2 connected" \
	"$(vnetctl route get $vr 2001:db8:2::77)"
vnetctl route add $vr ::/0 via 2001:db8:3::2
check_eq "a default route takes what nothing else does" "::/0 via 2001:db8:3::2 port p3 static" \
	"$(vnetctl route get $vr 2001:db8:abcd::1)"

# What is refused, with the kernel's reason.
check_err "a link-local gateway needs its port" "link-local gateway needs its port" \
	vnetctl route add $vr 2001:db8:79::/64 via fe80::1
check_err "host bits past the prefix length are refused" "bits set past its length" \
	vnetctl route add $vr 2001:db8:79::1/64 port p2
check_err "a gateway on no connected subnet is refused" "not on any connected subnet" \
	vnetctl route add $vr 2001:db8:79::/64 via 2001:db8:55::1
check_err "a link-local address is the port's own" "link-local addresses are the ports' own" \
	vnetctl addr add $vr fe80::1/64 port p1
check_err "a multicast address is refused" "must be a unicast address" \
	vnetctl addr add $vr ff02::5/64 port p1
check_err "an overlapping subnet is refused" "overlaps the subnet" \
	vnetctl addr add $vr 2001:db8:1::7/48 port p2
check_err "the subnet-router anycast address is refused" "subnet-router anycast" \
	vnetctl addr add $vr 2001:db8:5::/64 port p2
# The same through raw netlink, past vnetctl's own checks.
check_err "raw: an IPv6 prefix length of 129" "out of range|ERANGE" \
	ynl --do route-new --json "{\"ifname\": \"$vr\", \"route\": {\"dst6\": \"20010db8007900000000000000000000\", \"prefixlen\": 129, \"port-name\": \"p2\"}}"
check_err "raw: an IPv6 address of 15 bytes" "size out of range" \
	ynl --do route-new --json "{\"ifname\": \"$vr\", \"route\": {\"dst6\": \"20010db80079000000000000000000\", \"prefixlen\": 64, \"port-name\": \"p2\"}}"
check_err "raw: an IPv6 prefix with an IPv4 gateway" "different families" \
	ynl --do route-new --json "{\"ifname\": \"$vr\", \"route\": {\"dst6\": \"20010db8007900000000000000000000\", \"prefixlen\": 64, \"gateway\": $(ip4 10.1.0.5)}}"
check_err "raw: an IPv4 and an IPv6 address in one request" "one only" \
	ynl --do addr-new --json "{\"ifname\": \"$vr\", \"addr\": {\"address\": $(ip4 10.1.0.1), \"address6\": \"20010db8007900000000000000000001\", \"prefixlen\": 64, \"port-name\": \"p2\"}}"
check_err "raw: a link-local neighbour without its port" "named with its port" \
	ynl --do neigh-new --json "{\"ifname\": \"$vr\", \"neigh\": {\"address6\": \"fe800000000000000000000000000001\", \"mac\": \"020000000001\"}}"
check_eq "nothing was added by the refused requests: 6 routes of addresses, 3 static" "9" \
	"$(vnetctl -j route show $vr | jq '[.[] | select(.dst | contains(":"))] | length')"

# A malformed IPv6 header is dropped and counted, never forwarded.
bad0=$(port_stat $vr p1 drop_bad_header)
send_frame "$(ns 1)" "$(frame udp6-len "$h1_mac" "$p1_mac" 2001:db8:1::2 2001:db8:2::2 999)"
check "a payload length past the frame is a bad header" \
	busywait 2000 port_stat_is $vr p1 drop_bad_header $((bad0 + 1))

# The host port: the host routes into the router over IPv6 too.
sysctl -q -w net.ipv6.conf.$vr.disable_ipv6=0
ip addr add 2001:db8:9::1/64 dev $vr nodad
vnetctl addr add $vr 2001:db8:9::2/64 port host
ip route add 2001:db8:1::/64 via 2001:db8:9::2
check "the host pings the router on the host port" ping -c 1 -W 2 2001:db8:9::2
check "the host routes into the router: it pings h1" ping -c 2 -W 2 2001:db8:1::2

# Router advertisements: a host with no address configures one by SLAAC
# from p4's prefix, takes p4's link-local address as its default router
# and p4's MTU, and reaches across.
setup_ns h4 || exit 1
ip link add p4 type veth peer name eth0 netns "$h4" || exit 1
HOST_PORTS+=(p4)
sysctl -q -w net.ipv6.conf.p4.disable_ipv6=1
ip netns exec "$h4" sysctl -q -w net.ipv6.conf.eth0.router_solicitations=0
ip link set p4 mtu 1400 up
ip -n "$h4" link set eth0 up
vnetctl port add $vr dev p4
vnetctl addr add $vr 2001:db8:4::1/64 port p4
p4_ll=$(ll_of "$(ip -j link show p4 | jq -r '.[0].address')")
h4_eui=$(ll_of "$(host_mac "$h4" eth0)")
vnetctl port set $vr p4 ra on ra-interval 1800 ra-lifetime 1800
check_eq "port show reports the advertisements" "true 1800 1800" \
	"$(vnetctl -j port show $vr | jq -r '.[] | select(.name == "p4") | "\(.ra) \(.ra_interval) \(.ra_lifetime)"')"
# The SLAAC address, in the form ip prints (RFC 5952, as Python's).
h4_addr=$(python3 -c 'import ipaddress, sys; print(ipaddress.ip_address("2001:db8:4::" + sys.argv[1][6:]))' "$h4_eui")
h4_slaac() {
	ip -n "$h4" -j -6 addr show dev eth0 |
		jq -e ".[0].addr_info[] | select(.local == \"$h4_addr\" and .prefixlen == 64)" >/dev/null
}
check "h4 makes $h4_addr/64 from the advertised prefix" busywait 10000 h4_slaac
check_eq "h4's default route goes via p4's link-local address" "$p4_ll" \
	"$(ip -n "$h4" -j -6 route show default | jq -r '.[0].gateway')"
check_eq "h4 takes the advertised MTU" "1400" \
	"$(ip netns exec "$h4" sysctl -n net.ipv6.conf.eth0.mtu)"
check "h4 reaches h1 across the router" busywait 5000 \
	ip netns exec "$h4" ping -c 1 -W 1 2001:db8:1::2
# Solicitations are answered within half a second, 3 s at least after
# the last advertisement: one solicitation, sent before the wait starts,
# is answered within 3.5 s (the wait allows for a slow guest, and stays
# short of the 12 s at least between the initial periodic ones). A flood
# of them for 4 s gets one answer at once, one 3 s later and, for those
# of its last half second, one 3 s after that; the next periodic one is
# 12 s or more after the last.
# Its python may start slowly (seconds, in a debug kernel's guest), so
# the flood may be shorter and get fewer. h4 counts what it receives.
h4_mac=$(host_mac "$h4" eth0)
rs=$(frame rs6 "$h4_mac" "$h4_eui")
ras_in() {
	ip netns exec "$h4" awk '$1 == "Icmp6InRouterAdvertisements" { print $2 }' /proc/net/snmp6
}
ras_got() { [ "$(ras_in)" -gt "$ras0" ]; }
ras0=$(ras_in)
send_frame "$h4" "$rs"
check "a router solicitation is answered on p4" busywait 5000 ras_got
ras0=$(ras_in)
stream_frame "$h4" "$rs" 4 &
wait
sleep 4
ras=$(($(ras_in) - ras0))
check "a 4 s flood of solicitations gets 1 to 3 advertisements ($ras)" \
	test "$ras" -ge 1 -a "$ras" -le 3
add_device v6-sw vswitch
ip link add p4sw type dummy
HOST_PORTS+=(p4sw)
vnetctl port add v6-sw dev p4sw
check_err "ra on a vswitch's port is refused" "a vrouter port's" \
	vnetctl port set v6-sw p4sw ra on
check_err "a lifetime below the interval is refused" "at least ra-interval" \
	vnetctl port set $vr p4 ra-interval 600 ra-lifetime 100
# A deleted address's prefix is advertised at lifetimes 0: h4's address
# from it is deprecated at once.
vnetctl addr del $vr 2001:db8:4::1/64
h4_deprecated() {
	ip -n "$h4" -j -6 addr show dev eth0 |
		jq -e ".[0].addr_info[] | select(.local == \"$h4_addr\" and .preferred_life_time == 0)" >/dev/null
}
check "a deleted prefix is withdrawn: h4's address from it is deprecated" \
	busywait 3000 h4_deprecated
no_default() { [ -z "$(ip -n "$h4" -6 route show default)" ]; }
has_default() { [ -n "$(ip -n "$h4" -6 route show default)" ]; }
vnetctl port set $vr p4 ra off
check "ra off: a last advertisement of lifetime 0 takes h4's default route" \
	busywait 3000 no_default
vnetctl port set $vr p4 ra on
check "ra on again: h4 has its default route back" busywait 3000 has_default
vnetctl port del $vr p4
check "deleting an advertising port takes h4's default route" \
	busywait 3000 no_default

# Neighbour discovery takes nothing it did not ask for: solicitations
# from link-local sources for the router's address make no entry (the
# router answers each, to its sender; a table any sender could fill
# would be full), and an advertisement for an IPv4-mapped target is a bad
# header, never an IPv4 neighbour's.
na0=$(port_stat $vr p1 tx_packets)
for i in 10 11 12; do
	send_frame "$(ns 1)" "$(frame ns6 "02:00:00:00:aa:$i" "fe80::aa:$i" 2001:db8:1::1)"
done
p1_answered() { [ "$(port_stat $vr p1 tx_packets)" -ge $((na0 + 3)) ]; }
check "the router answers each solicitation" busywait 2000 p1_answered
check_eq "solicitations from unknown sources make no neighbour" "0" \
	"$(vnetctl -j neigh show $vr | jq '[.[] | select(.address | startswith("fe80::aa:"))] | length')"
bad0=$(port_stat $vr p1 drop_bad_header)
send_frame "$(ns 1)" "$(frame na6 "$h1_mac" "$p1_mac" fe80::aa:1 "$ll1" ::ffff:10.0.0.1)"
check "an advertisement for an IPv4-mapped target is a bad header" \
	busywait 2000 port_stat_is $vr p1 drop_bad_header $((bad0 + 1))
check_err "a route to IPv4-mapped addresses is refused" "are not routed" \
	vnetctl route add $vr ::ffff:0:0/96 port p2
check_err "a route to link-local addresses is refused" "are not routed" \
	vnetctl route add $vr fe80::/64 port p2

# Unicast in a multicast frame is not the router's to forward: the one
# to the router's MAC makes it solicit the destination, the other not.
send_frame "$(ns 1)" "$(frame udp6 "$h1_mac" 33:33:00:00:00:01 2001:db8:1::2 2001:db8:2::abce 4000 4001)"
send_frame "$(ns 1)" "$(frame udp6 "$h1_mac" "$p1_mac" 2001:db8:1::2 2001:db8:2::abcd 4000 4001)"
neigh_of() { vnetctl -j neigh show $vr | jq -r ".[] | select(.address == \"$1\") | .state"; }
abcd_seen() { [ -n "$(neigh_of 2001:db8:2::abcd)" ]; }
check "the frame to the router's MAC is routed: its next hop is solicited" \
	busywait 2000 abcd_seen
check_eq "the one in a multicast frame is not" "" "$(neigh_of 2001:db8:2::abce)"

# Deleting an address takes its routes and its subnet's neighbours.
vnetctl route del $vr ::/0 via 2001:db8:3::2
vnetctl addr del $vr 2001:db8:3::1/64
check_eq "p3 has no IPv6 route left" "0" \
	"$(vnetctl -j route show $vr | jq '[.[] | select(.port == "p3")] | length')"
check_eq "nor a neighbour on 2001:db8:3::/64" "0" \
	"$(vnetctl -j neigh show $vr | jq '[.[] | select(.address | startswith("2001:db8:3:"))] | length')"
check_err "h1 cannot reach h3 any more: no route" "No route" \
	n 1 ping -c 1 -W 1 2001:db8:3::2
