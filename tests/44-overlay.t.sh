#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Networks across hosts over the kernel's VXLAN. Three hosts are
# namespaces on one underlay (a bridge here), each with vnet devices of its
# own; a vswitch with a vni on each is one segment, and containers
# (namespaces) on the hosts reach each other through it.
#
#   ca1 10.0.0.1 - [A 192.0.2.1] -+
#   cb1 10.0.0.2 - [B 192.0.2.2] -+- ov-ul (underlay bridge)
#   cc1 10.0.0.3 - [C 192.0.2.3] -+
#   and the same addresses again on network red, vni 200 (ca2, cb2).
. "$(dirname "$0")/lib.sh"
require_module
plan 61

ul_bridge ov-ul || exit 1

# add_ul_host VAR N: host N on the underlay, 192.0.2.N and 2001:db8:ff::N.
add_ul_host() { ul_host "$1" ov-ul "$2"; }

# add_container VAR HOST SWITCH PORT ADDR: a namespace on a port of a host's
# switch.
add_container() {
	ul_container "$1" "$2" "$4" "$5" && on "$2" port add "$3" dev "$4"
}

# add_segment HOST NET VNI SWITCH: the switch of NET on HOST, started.
add_segment() {
	on "$1" device add "$4" type vswitch network "$2" vni "$3" &&
		ip netns exec "$1" sysctl -q -w "net.ipv6.conf.$4.disable_ipv6=1" &&
		on "$1" device start "$4"
}

# add_ab_network NET PREFIX VNI SWITCH: network NET between hosts A and B
# alone, PREFIX1 and PREFIX2 their underlay addresses, with segment VNI.
add_ab_network() {
	local h ns n
	for h in "$A:1" "$B:2"; do
		ns=${h%:*} n=${h#*:}
		on "$ns" network add "$1" underlay eth0 local "$2$n"
		on "$ns" network host add "$1" "$2$((3 - n))"
		add_segment "$ns" "$1" "$3" "$4"
	done
}

add_ul_host A 1 && add_ul_host B 2 && add_ul_host C 3 || exit 1
# One batch file for every host, but for its local address.
batch=$(mktemp)
on_exit "rm -f $batch $batch.*"
cat > "$batch" <<'EOF'
network add blue
network host add blue 192.0.2.1
network host add blue 192.0.2.2
network host add blue 192.0.2.3
network set blue underlay eth0 local LOCAL
device add ov-sw type vswitch network blue vni 100
network start blue
EOF
for n in 1 2 3; do
	sed "s/LOCAL/192.0.2.$n/" "$batch" > "$batch.$n"
done
check_eq "the hosts' batch files differ in the local address alone" "1" \
	"$(diff "$batch.1" "$batch.3" | grep -c '^<')"
check "the same batch on each host brings the network up" \
	eval 'on "$A" -b "$batch.1" && on "$B" -b "$batch.2" && on "$C" -b "$batch.3"'
check_eq "network show: the underlay, local address, port, hosts, state" \
	"eth0 192.0.2.1 4789 192.0.2.1 192.0.2.2 192.0.2.3 up" \
	"$(on "$A" -j network show blue | jq -r '.[0] | "\(.underlay) \(.local) \(.port) \(.hosts | join(" ")) \(.state)"')"
check_eq "device show reports the vni" "100" \
	"$(on "$A" -j device show ov-sw | jq -r '.[0].vni')"
check_eq "its MTU is the underlay's less VXLAN's 50 bytes" "1450" \
	"$(on "$A" -j device show ov-sw | jq -r '.[0].mtu')"
check_eq "it has one tunnel port, bound to a VXLAN device with vni 100" \
	"vnetvx100 true 100 false" \
	"$(on "$A" -j port show ov-sw | jq -r '.[] | select(.tunnel) | .name') true \
$(ip -n "$A" -d -j link show vnetvx100 | jq -r '.[0].linkinfo.info_data | "\(.id) \(.learning)"')"
check_eq "the VXLAN device floods to the other two hosts" "192.0.2.2 192.0.2.3" \
	"$(ip netns exec "$A" bridge fdb show dev vnetvx100 | awk '/^00:00:00:00:00:00/ { print $3 }' | sort | xargs)"

add_container ca1 "$A" ov-sw pa1 10.0.0.1/24 &&
	add_container cb1 "$B" ov-sw pb1 10.0.0.2/24 &&
	add_container cc1 "$C" ov-sw pc1 10.0.0.3/24 || exit 1
dumpf=$(mktemp)
on_exit "rm -f $dumpf"
tcpdump -i ov-ul -nn -c 1 -l 'udp dst port 4789' > "$dumpf" 2>/dev/null &
dump=$!
sleep 1	# tcpdump listens
check "a container on host A pings one on host B" \
	ip netns exec "$ca1" ping -c 2 -i 0.2 -W 2 10.0.0.2
check "and one on host C" ip netns exec "$ca1" ping -c 2 -i 0.2 -W 2 10.0.0.3
check "and C's pings A's" ip netns exec "$cc1" ping -c 1 -W 2 10.0.0.1
wait $dump
check "the underlay carries it as UDP to 4789 with vni 100" \
	grep -q "VXLAN.*vni 100" "$dumpf"
check_eq "A's switch learned B's container against the tunnel port" \
	"vnetvx100" "$(on "$A" -j fdb show ov-sw | jq -r --arg m "$(host_mac "$cb1" eth0)" '.[] | select(.mac == $m) | .port')"
check "a 1400-byte DF ping crosses the 1500-byte underlay" \
	ip netns exec "$ca1" ping -c 1 -W 2 -M do -s 1372 10.0.0.2

# ARP suppression: once A's switch has seen B's container answer, it
# answers for it, and no ARP crosses the underlay again.
check "neigh-suppress on A's switch" on "$A" device set ov-sw neigh-suppress on
suppressed() { on "$A" -j stats ov-sw | jq -r '.[0].stats.neigh_suppressed'; }
# B's container knows A's for good: no ARP of its own crosses below.
ip -n "$cb1" neigh replace 10.0.0.1 dev eth0 nud permanent \
	lladdr "$(host_mac "$ca1" eth0)"
ip -n "$ca1" neigh flush all
check "A's container asks for B's across the underlay, and pings it" \
	ip netns exec "$ca1" ping -c 1 -W 2 10.0.0.2
ip -n "$ca1" neigh flush all
# C's container, which pinged A's, would confirm it by a unicast ARP 5 s
# on, and that would cross the underlay: it forgets it.
ip -n "$cc1" neigh flush all
sup=$(suppressed)
tcpdump -i ov-ul -nn -l 'udp dst port 4789' > "$dumpf" 2>/dev/null &
dump=$!
sleep 1	# tcpdump listens
check "asked again, A's switch answers: the ping goes on" \
	ip netns exec "$ca1" ping -c 1 -W 2 10.0.0.2
sleep 0.5	# the reply's capture
kill $dump
wait $dump
check_eq "A's switch answered the request itself" $((sup + 1)) "$(suppressed)"
check_eq "with B's container's MAC" "$(host_mac "$cb1" eth0)" \
	"$(ip -n "$ca1" -j neigh show 10.0.0.2 | jq -r '.[0].lladdr')"
# (Known unicast goes to every host: the VXLAN device does not learn.)
seen() { [ "$(grep -c "$1" "$dumpf")" -ge 1 ] && echo yes; }
check_eq "the underlay carried the echo request and reply, and no ARP" "yes yes 0" \
	"$(seen 'ICMP echo request') $(seen 'ICMP echo reply') $(grep -c ARP "$dumpf")"

# A second tenant, red, with the same addresses on segment 200 of its own.
add_ab_network red 192.0.2. 200 ov-red
add_container ca2 "$A" ov-red pa2 10.0.0.1/24 &&
	add_container cb2 "$B" ov-red pb2 10.0.0.2/24 || exit 1
check "red's container on A pings red's 10.0.0.2 on B" \
	ip netns exec "$ca2" ping -c 2 -i 0.2 -W 2 10.0.0.2
check_eq "the one it reached is red's" "$(host_mac "$cb2" eth0)" \
	"$(ip -n "$ca2" -j neigh show 10.0.0.2 | jq -r '.[0].lladdr')"
# A switch learns the source of every frame it gets: had one of red's
# crossed into blue, blue's switches would know red's containers.
learned() { on "$1" -j fdb show "$2" | jq -r '.[].mac' | grep -c "$3"; }
check_eq "blue's switches never saw red's containers" "0 0" \
	"$(learned "$B" ov-sw "$(host_mac "$ca2" eth0)") $(learned "$A" ov-sw "$(host_mac "$cb2" eth0)")"
check_eq "while red's learned them" "1 1" \
	"$(learned "$B" ov-red "$(host_mac "$ca2" eth0)") $(learned "$A" ov-red "$(host_mac "$cb2" eth0)")"

# A router on host A between two segments of blue (100 and a new 101 on
# A and B) and a host of its own: it routes across hosts, and answers for
# what does not fit a segment.
add_segment "$A" blue 101 ov-s2 && add_segment "$B" blue 101 ov-s2 || exit 1
on "$A" device add ov-rt type vrouter network blue
on "$A" port add ov-rt peer ov-sw name seg100 peer-name to-rt
on "$A" port add ov-rt peer ov-s2 name seg101 peer-name to-rt
on "$A" addr add ov-rt 10.0.0.254/24 port seg100
on "$A" addr add ov-rt 10.1.0.254/24 port seg101
setup_ns hl || exit 1
ip netns exec "$hl" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
	net.ipv6.conf.default.disable_ipv6=1
ip -n "$A" link add rt-hl type veth peer name eth0 netns "$hl"
ip -n "$A" link set rt-hl up
on "$A" port add ov-rt dev rt-hl
on "$A" addr add ov-rt 10.2.0.1/24 port rt-hl
ip -n "$hl" addr add 10.2.0.2/24 dev eth0
ip -n "$hl" link set eth0 up
ip -n "$hl" route add default via 10.2.0.1
ip netns exec "$A" sysctl -q -w net.ipv6.conf.ov-rt.disable_ipv6=1
on "$A" device start ov-rt
add_container cb4 "$B" ov-s2 pb4 10.1.0.2/24 || exit 1
ip -n "$cb4" route add default via 10.1.0.254
ip -n "$cc1" route add default via 10.0.0.254
check "a container on segment 101 (host B) reaches one on 100 (host C) through A's router" \
	ip netns exec "$cb4" ping -c 2 -i 0.2 -W 2 10.0.0.3
check_err "a 1500-byte DF packet into a segment gets frag-needed for its 1450" \
	"mtu = 1450" ip netns exec "$hl" ping -c 1 -W 2 -M do -s 1472 10.0.0.3
check "and 1450 bytes cross" ip netns exec "$hl" ping -c 1 -W 2 -M do -s 1422 10.0.0.3

# Bad input: refused, with nothing changed.
before=$(on "$A" -j network show blue | jq -c '.[0] | del(.device_list)')
check_err "a vni past 24 bits is refused" "invalid vni" \
	on "$A" device add ov-x type vswitch network blue vni 16777216
check_err "a vni in use in the namespace is refused" "carried by a vswitch" \
	on "$A" device add ov-x type vswitch network blue vni 100
check_err "a vni on a vrouter is refused" "only a vswitch spans hosts" \
	on "$A" device add ov-x type vrouter network blue vni 300
check_err "a malformed host address is refused" "IPv4 or IPv6 address" \
	on "$A" network host add blue 192.0.2
check_err "our own address as a host is refused" "this host's own" \
	on "$A" network host add blue 192.0.2.1
check_err "a host twice is refused" "has this host already" \
	on "$A" network host add blue 192.0.2.2
check_err "an underlay that does not exist is refused" "no such underlay device" \
	on "$A" network add green underlay nosuch0 local 192.0.2.1
check_err "a local address not this host's is refused" "not an address of this host" \
	on "$A" network add green underlay eth0 local 192.0.2.9
check_err "the underlay of a network with segments stays" "set their vni none first" \
	on "$A" network set blue underlay eth0 local 192.0.2.1
check_err "a segment's tunnel port is not deleted alone" "goes with its vni" \
	on "$A" port del ov-sw vnetvx100
check_eq "and none of it changed the network" "$before" \
	"$(on "$A" -j network show blue | jq -c '.[0] | del(.device_list)')"
check_eq "nor made a device" "ov-red ov-rt ov-s2 ov-sw" \
	"$(on "$A" -j device show | jq -r '[.[].name] | sort | join(" ")')"

# Start and stop reach the tunnel; a host taken out is cut off.
vx_state() { ip -n "$A" -j link show vnetvx100 | jq -r 'if .[0].flags | index("UP") then "up" else "down" end'; }
check "network stop" on "$A" network stop blue
check_eq "takes the VXLAN device down too" "down" "$(vx_state)"
check "network start" on "$A" network start blue
check_eq "brings it up again" "up" "$(vx_state)"
check "the pings go on after a restart" \
	busywait 5000 ip netns exec "$ca1" ping -c 1 -W 1 10.0.0.3
check "host del takes C out of A's flood list" on "$A" network host del blue 192.0.2.3
check_eq "which floods to B alone" "192.0.2.2" \
	"$(ip netns exec "$A" bridge fdb show dev vnetvx100 | awk '/^00:00:00:00:00:00/ { print $3 }' | xargs)"
check_err "and A's container no longer reaches C's" "." \
	ip netns exec "$ca1" ping -c 2 -i 0.2 -W 1 10.0.0.3
check "but still B's" ip netns exec "$ca1" ping -c 1 -W 2 10.0.0.2

# vni none ends the segment; a new vni makes it again.
check "vni none ends A's segment" on "$A" device set ov-sw vni none
check_eq "its tunnel port and VXLAN device are gone" "none gone" \
	"$(on "$A" -j port show ov-sw | jq -r '[.[] | select(.tunnel)] | if length == 0 then "none" else "some" end') \
$(ip -n "$A" link show vnetvx100 >/dev/null 2>&1 && echo left || echo gone)"
check "a vni again makes it again" on "$A" device set ov-sw vni 100
check "and A reaches B again" busywait 5000 ip netns exec "$ca1" ping -c 1 -W 1 10.0.0.2

# An IPv6 underlay: network green between A and B.
add_ab_network green 2001:db8:ff:: 300 ov-green
check_eq "over IPv6 the MTU is the underlay's less 70 bytes" "1430" \
	"$(on "$A" -j device show ov-green | jq -r '.[0].mtu')"
add_container ca3 "$A" ov-green pa3 10.9.0.1/24 &&
	add_container cb3 "$B" ov-green pb3 10.9.0.2/24 || exit 1
check "containers ping across an IPv6 underlay" \
	ip netns exec "$ca3" ping -c 2 -i 0.2 -W 2 10.9.0.2
check_err "an IPv4 host on an IPv6 underlay is refused" "family of the local one" \
	on "$A" network host add green 192.0.2.2

# The VXLAN device deleted alone leaves the switch without a vni; one
# deleted in the same batch as its switch (a group) goes once.
check "ip link del of green's VXLAN device on B" ip -n "$B" link del vnetvx300
check_eq "leaves B's switch with no vni and no tunnel port" "null 0" \
	"$(on "$B" -j device show ov-green | jq -r '.[0].vni') $(on "$B" -j port show ov-green | jq '[.[] | select(.tunnel)] | length')"
ip -n "$B" link set ov-red group 7 && ip -n "$B" link set vnetvx200 group 7
check "a switch and its VXLAN device deleted as one group" ip -n "$B" link del group 7
check_eq "are both gone" "0" \
	"$(ip -n "$B" -j link show | jq '[.[] | select(.ifname == "ov-red" or .ifname == "vnetvx200")] | length')"

# A flood entry deleted behind vnet's back ("bridge fdb del") is not an
# error when its host goes.
ip netns exec "$C" bridge fdb del 00:00:00:00:00:00 dev vnetvx100 dst 192.0.2.1
check "a host whose flood entry is gone already is deleted" \
	on "$C" network host del blue 192.0.2.1

# del force takes the tunnel endpoints with the devices.
check "network del force on C" on "$C" network del blue force
check_eq "leaves no vnet or VXLAN device there" "" \
	"$(ip -n "$C" -j link show | jq -r '.[] | select(.ifname | test("^(ov-|vnetvx)")) | .ifname')"
