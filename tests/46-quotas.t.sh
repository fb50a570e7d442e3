#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Quotas: each network caps the ports, fdb entries, routes, neighbours,
# rules and connections its devices hold together. Netlink creation past a
# quota fails with the quota named; a MAC past the fdb quota is not learned
# and a connection past the conns quota is dropped, both counted; usage is
# reported beside each limit and goes back down when objects go.
. "$(dirname "$0")/lib.sh"
require_module
plan 67
SOCKETS=$TESTS_DIR/sockets.py
on_exit vnet_flush
on_exit vnetctl network del qa force
on_exit vnetctl network del qb force
used() { vnetctl -j resource show "$1" | jq -r ".[0].quotas.$2.used"; }
limit() { vnetctl -j resource show "$1" | jq -r ".[0].quotas.$2.limit"; }
denied() { vnetctl -j resource show "$1" | jq -r ".[0].quotas.$2.denied"; }
# No IPv6 on them: its chatter would be learned and fill the fdb quota.
veth() {
	ip link add "$1" type veth peer name "$1-p" || return 1
	sysctl -q -w "net.ipv6.conf.$1.disable_ipv6=1" "net.ipv6.conf.$1-p.disable_ipv6=1"
	ip link set "$1" up && ip link set "$1-p" up
}
on_exit 'for v in qv1 qv2 qv3 qv4; do ip link del $v; done'

vnetctl network add qa
check_eq "a new network has no limits" "null null" "$(limit qa ports) $(limit qa conns)"
check "resource set: several quotas at once" vnetctl resource set qa ports 3 fdb 4 routes 5 rules 2 conns 2 neigh 2
check_eq "resource show reports them" "3 4 5 2 2 2" \
	"$(for q in ports fdb routes neigh rules conns; do limit qa $q; done | xargs)"

# Ports.
vnetctl device add qa-sw type vswitch network qa
vnetctl device start qa-sw
for v in qv1 qv2 qv3 qv4; do veth $v; done
check "three ports fit" sh -c "vnetctl port add qa-sw dev qv1 && vnetctl port add qa-sw dev qv2 && vnetctl port add qa-sw dev qv3"
check_eq "ports used 3" "3" "$(used qa ports)"
check_err "a fourth is refused by the ports quota" "ports quota is reached" vnetctl port add qa-sw dev qv4
check_eq "and not made" "3" "$(vnetctl -j port show qa-sw | jq length)"
check_eq "the refusal is counted" "1" "$(denied qa ports)"
check_err "a quota below what is in use is refused" "below the ports in use" vnetctl resource set qa ports 2
check_eq "and the limit stays" "3" "$(limit qa ports)"
check "a quota at the ports in use is taken" vnetctl resource set qa ports 3
check "deleting a port gives its share back" vnetctl port del qa-sw qv3
check_eq "ports used 2" "2" "$(used qa ports)"
vnetctl device add qa-sw2 type vswitch network qa
check_err "a patch needs two ports: refused with one left" "ports quota is reached" vnetctl port add qa-sw peer qa-sw2
check_eq "and half a patch is not left behind" "2 0" \
	"$(used qa ports) $(vnetctl -j port show qa-sw2 | jq length)"
vnetctl resource set qa ports 4
check "with two left, the same patch is made" vnetctl port add qa-sw peer qa-sw2
check_eq "and takes both" "4 1" "$(used qa ports) $(vnetctl -j port show qa-sw2 | jq length)"
vnetctl port del qa-sw qa-sw2
vnetctl resource set qa ports 3

# Fdb: static entries through netlink, learned ones from traffic.
for i in 1 2 3; do vnetctl fdb add qa-sw 02:00:00:00:00:0$i port qv1; done
check_eq "static entries count" "3" "$(used qa fdb)"
check "a fourth fits the fdb quota" vnetctl fdb add qa-sw 02:00:00:00:00:04 port qv1
check_err "an entry past the fdb quota is refused" "fdb quota is reached" \
	vnetctl fdb add qa-sw 02:00:00:00:00:05 port qv1
vnetctl fdb del qa-sw 02:00:00:00:00:04
full0=$(dev_stat qa-sw fdb_full)
# Two new source MACs arrive; one slot is left.
python3 - <<'PY'
import socket
for i, dev in enumerate(("qv1-p", "qv2-p")):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((dev, 0))
    src = bytes([2, 0, 0, 0, 1, i + 1])
    s.send(b"\xff" * 6 + src + b"\x88\xb5" + b"x" * 50)
PY
used_is() { [ "$(used qa "$1")" = "$2" ]; }
denied_is() { [ "$(denied qa "$1")" = "$2" ]; }
fdb_full_is() { [ "$(dev_stat qa-sw fdb_full)" = "$1" ]; }
busywait 3000 used_is fdb 4
check_eq "one MAC learned into the last slot" "4" "$(used qa fdb)"
# The two frames may be taken in either order: one learned, one refused.
check "the other was not learned, and counted once as fdb_full" \
	busywait 3000 fdb_full_is $((full0 + 1))
check_eq "the network counts both fdb refusals: the static entry's and the learning's" \
	"2" "$(denied qa fdb)"
check_eq "the table holds 4 entries" "4" "$(vnetctl -j fdb show qa-sw | jq length)"
vnetctl fdb flush qa-sw
busywait 2000 used_is fdb 3
check_eq "a flush gives the learned entries back" "3" "$(used qa fdb)"

# Routes: an address takes two (local and connected).
vnetctl resource set qa ports 10
vnetctl device add qa-vr type vrouter network qa
vnetctl device start qa-vr
veth qv5 && on_exit ip link del qv5
vnetctl port add qa-vr dev qv5
check "an address: two routes" vnetctl addr add qa-vr 10.50.0.1/24 port qv5
check "another address: two more" vnetctl addr add qa-vr 10.51.0.1/24 port qv5
check "a static route: the fifth" vnetctl route add qa-vr 10.60.0.0/16 via 10.50.0.2
check_err "a sixth is refused by the routes quota" "routes quota is reached" \
	vnetctl route add qa-vr 10.61.0.0/16 via 10.50.0.2
check_err "so is an address that needs two" "routes quota is reached" \
	vnetctl addr add qa-vr 10.52.0.1/24 port qv5
check_eq "and no half of it is left" "5 2" \
	"$(used qa routes) $(vnetctl -j addr show qa-vr | jq length)"
vnetctl route del qa-vr 10.60.0.0/16
check_eq "deleting a route gives it back" "4" "$(used qa routes)"

# Rules.
vnetctl device add qa-fw type vfirewall network qa
check "two rules fit" sh -c "vnetctl rule add qa-fw proto tcp action accept && vnetctl rule add qa-fw proto udp action accept"
check_err "a third is refused by the rules quota" "rules quota is reached" vnetctl rule add qa-fw proto icmp action accept
printf 'proto tcp action accept\nproto udp action accept\nproto icmp action drop\n' >/tmp/qa-rules.$$
check_err "so is a replace with three" "rules quota is reached" vnetctl rule replace qa-fw /tmp/qa-rules.$$
check_eq "and the set is unchanged" "2" "$(vnetctl -j rule show qa-fw | jq length)"
printf 'proto tcp action accept\n' >/tmp/qa-rules.$$
check "a replace with one fits" vnetctl rule replace qa-fw /tmp/qa-rules.$$
check_eq "rules used 1" "1" "$(used qa rules)"
rm -f /tmp/qa-rules.$$

# Connections: UDP flows through a vfirewall between two hosts.
vnetctl rule flush qa-fw
vnetctl device start qa-fw
add_host c1 qa-fw qc1 10.70.0.1/24 || exit 1
add_host c2 qa-fw qc2 10.70.0.2/24 || exit 1
on_exit ip link del qc1
on_exit ip link del qc2
ip netns exec "$c2" python3 "$SOCKETS" udp-echo 5000 &
busywait 10000 listening "$c2" udp 5000
a1=$(ip netns exec "$c1" python3 "$SOCKETS" udp-ask 10.70.0.2 5000 2 40001)
a2=$(ip netns exec "$c1" python3 "$SOCKETS" udp-ask 10.70.0.2 5000 2 40002)
a3=$(ip netns exec "$c1" python3 "$SOCKETS" udp-ask 10.70.0.2 5000 2 40003)
check_eq "two flows fit the conns quota" "ping ping" "$a1 $a2"
check_eq "a third is dropped: no answer" "timeout" "$a3"
check_eq "conns used 2" "2" "$(used qa conns)"
# udp-ask sends one datagram: one refusal.
check_eq "counted once as conn_full on the device" "1" "$(dev_stat qa-fw conn_full)"
check_eq "and once as denied on the network" "1" "$(denied qa conns)"
vnetctl conn flush qa-fw
check_eq "a flush gives them back" "0" "$(used qa conns)"
a3=$(ip netns exec "$c1" python3 "$SOCKETS" udp-ask 10.70.0.2 5000 2 40003)
check_eq "then the third flow fits: answered, and charged" "ping 1" "$a3 $(used qa conns)"

# Neighbours: the router resolves two next hops and no more.
vnetctl resource set qa neigh 2
python3 - <<'PY'
import socket, struct
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(('qv5-p', 0))
src = bytes([2, 0, 0, 0, 5, 1])
arp = struct.pack('!HHBBH', 1, 0x800, 6, 4, 1) + src + socket.inet_aton('10.50.0.9') + bytes(6) + socket.inet_aton('10.50.0.1')
s.send(b'\xff' * 6 + src + b'\x08\x06' + arp)
PY
check "a host beyond qv5 asking for the router makes the first neighbour" \
	busywait 2000 used_is neigh 1
vnetctl route add qa-vr 10.80.0.0/16 via 10.50.0.7
vnetctl route add qa-vr 10.81.0.0/16 via 10.50.0.8 2>/dev/null || true
ip addr add 10.50.0.100/24 dev qv5-p 2>/dev/null
ip route add 10.80.0.0/16 via 10.50.0.1 dev qv5-p 2>/dev/null
ip route add 10.51.0.0/24 via 10.50.0.1 dev qv5-p 2>/dev/null
ping -c 1 -W 1 10.80.0.1 >/dev/null 2>&1
ping -c 1 -W 1 10.51.0.9 >/dev/null 2>&1
# The host's ARP for 10.50.0.1 made the second neighbour; each ping's one
# echo then needed a third (10.50.0.7, 10.51.0.9): two refusals.
busywait 3000 denied_is neigh 2
check_eq "the neighbour table stops at the quota" "2" "$(used qa neigh)"
check_eq "each refused neighbour is counted" "2" "$(denied qa neigh)"
check_eq "as neigh_full on the router" "2" "$(dev_stat qa-vr neigh_full)"
# A router that goes frees its table whole: the quota must come back all
# the same.
check_eq "the router holds routes of qa: two addresses' and a static one" "5" "$(used qa routes)"
vnetctl device del qa-vr
check_eq "deleting the router gives its routes and neighbours back" "0 0" \
	"$(used qa routes) $(used qa neigh)"
# So does a switch, for its fdb entries and ports.
fdb0=$(used qa fdb) ports0=$(used qa ports)
fdb_sw=$(vnetctl -j fdb show qa-sw | jq length)
ports_sw=$(vnetctl -j port show qa-sw | jq length)
check_eq "the switch holds fdb entries and ports of qa: its static ones, qv1 and qv2" \
	"3 2" "$fdb_sw $ports_sw"
vnetctl device del qa-sw
check_eq "deleting the switch gives its fdb entries and ports back" \
	"$((fdb0 - fdb_sw)) $((ports0 - ports_sw))" "$(used qa fdb) $(used qa ports)"

# Moving a device carries its share; a network that cannot take it refuses.
vnetctl network add qb
vnetctl resource set qb rules 0
vnetctl rule add qa-fw proto tcp action accept
check_err "a device whose rules do not fit stays" "rules do not fit" vnetctl device set qa-fw network qb
check_eq "in qa, its rule charged there" "qa 1 0" "$(jfield qa-fw network) $(used qa rules) $(used qb rules)"
mtu0=$(jfield qa-fw mtu)
check_err "a move with an MTU and a state, refused by the quota" "rules do not fit" \
	ynl --do dev-set --json '{"ifname": "qa-fw", "network": {"name": "qb"}, "mtu": 1300, "up": 0}'
check_eq "changes none of them (it stays up)" "qa $mtu0 up 1 0" \
	"$(jfield qa-fw network) $(jfield qa-fw mtu) $(jfield qa-fw state) $(used qa rules) $(used qb rules)"
vnetctl resource set qb rules 1
check "with room for its rule, the same move is taken" vnetctl device set qa-fw network qb
check_eq "and carries its rule to qb" "qb 0 1" "$(jfield qa-fw network) $(used qa rules) $(used qb rules)"
# Back, so that qb holds no ports below.
vnetctl device set qa-fw network qa
vnetctl device add qa-sw3 type vswitch network qa
check_err "a quota of 0 refuses even one" "ports quota is reached|ports do not fit" \
	sh -c "vnetctl resource set qb ports 0 && vnetctl device set qa-sw3 network qb && vnetctl port add qa-sw3 dev qv4"
check "unlimited lifts a quota" vnetctl resource set qb ports unlimited
check "and the port fits" vnetctl port add qa-sw3 dev qv4
check_eq "charged to qb, where the switch now is" "1 qb" "$(used qb ports) $(jfield qa-sw3 network)"
check_err "an unknown quota is a usage error" "unknown quota" vnetctl resource set qb bogus 3
check_err "a bad value too" "invalid quota" vnetctl resource set qb ports -1
check_err "an unknown network is an error" "no such network" vnetctl resource set nosuch ports 3
check "deleting the networks and devices releases everything" sh -c \
	"vnetctl network del qb force && vnetctl network del qa force"
