#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ARP and neighbour discovery suppression (neigh-suppress): a vswitch that
# knows an address's MAC, from port security or from an ARP or
# advertisement it forwarded, answers a port's broadcast request for it
# itself, and the other ports never see it. What it does not know, probes
# and requests from the address's own side are forwarded as ever; learned
# bindings are bounded by the network's neighbour quota and the port's
# learning limit, and go when the setting is turned off.
#
#   h1 10.40.0.1 (s1) -+
#   h2 10.40.0.2 (s2) -+- ns-sw      s2: port security, allow-ip 10.40.0.2
#   h3 10.40.0.3 (s3) -+
#   h4 2001:db8:40::4 (s4), h5 2001:db8:40::5 (s5)
. "$(dirname "$0")/lib.sh"
require_module
plan 35
on_exit vnet_flush
vnetctl network add ns-net
vnetctl device add ns-sw type vswitch network ns-net
sysctl -q -w net.ipv6.conf.ns-sw.disable_ipv6=1
vnetctl device start ns-sw
add_host h1 ns-sw s1 10.40.0.1/24 && add_host h2 ns-sw s2 10.40.0.2/24 &&
	add_host h3 ns-sw s3 10.40.0.3/24 &&
	add_host h4 ns-sw s4 2001:db8:40::4/64 &&
	add_host h5 ns-sw s5 2001:db8:40::5/64 || exit 1
on_exit 'for p in s1 s2 s3 s4 s5; do ip link del $p; done'
mac1=$(host_mac "$h1" eth0)
mac2=$(host_mac "$h2" eth0)
mac5=$(host_mac "$h5" eth0)
suppressed() { dev_stat ns-sw neigh_suppressed; }
# The frames the switch sent out of PORT.
out_of() { port_stat ns-sw "$1" tx_packets; }
lladdr() { ip -n "$1" -j neigh show "$2" | jq -r '.[0].lladdr'; }
neigh_used() { vnetctl -j resource show ns-net | jq -r '.[0].quotas.neigh.used'; }
neigh_used_is() { [ "$(neigh_used)" = "$1" ]; }
# claim N FIRST: h3 asks for h1 N times, each from another address of
# 10.40.0.0/16 from 10.40.1.FIRST on, as a host with many addresses would.
claim() {
	ip netns exec "$h3" python3 -c '
import socket, struct, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
me = s.getsockname()[4]
for i in range(int(sys.argv[2]), int(sys.argv[2]) + int(sys.argv[1])):
    sip = socket.inet_aton("10.40.%d.%d" % (1 + i // 250, i % 250))
    s.send(b"\xff" * 6 + me + struct.pack("!HHHBBH", 0x0806, 1, 0x0800, 6, 4, 1) +
           me + sip + bytes(6) + socket.inet_aton("10.40.0.1"))' "$@"
}

# Every host talks once, so the switch knows where each MAC is; then
# nothing is cached, and the IPv6 hosts' listener reports are done:
# nothing leaves s3 for a second and a half.
ip netns exec "$h1" ping -c 1 -W 2 10.40.0.2 >/dev/null
ip netns exec "$h1" ping -c 1 -W 2 10.40.0.3 >/dev/null
ip netns exec "$h4" ping -c 1 -W 2 2001:db8:40::5 >/dev/null
for h in "$h1" "$h2" "$h3" "$h4" "$h5"; do ip -n "$h" neigh flush all; done
quiet() { local o=$(out_of s3); sleep 1.5; [ "$o" = "$(out_of s3)" ]; }
busywait 10000 quiet

check_eq "neigh-suppress is off by default" "false" "$(jfield ns-sw neigh-suppress)"
check "device set neigh-suppress on" vnetctl device set ns-sw neigh-suppress on
check_eq "shown on (vnetctl)" "true" "$(jfield ns-sw neigh-suppress)"
check_eq "and by ip -d" "true" "$(ipfield ns-sw neigh-suppress)"
check_err "a vrouter has no neigh-suppress" 'unknown parameter "neigh-suppress" for vrouter' \
	bash -c "vnetctl device add ns-rt type vrouter && vnetctl device set ns-rt neigh-suppress on"

# Port security's addresses are bindings: h1's request for h2 is answered,
# and h2's for h1, learned from that request.
vnetctl port set ns-sw s2 allow-mac "$mac2" allow-ip 10.40.0.2
sup=$(suppressed) o2=$(out_of s2) o3=$(out_of s3)
check "h1 pings h2, port security's address" ip netns exec "$h1" ping -c 1 -W 2 10.40.0.2
check_eq "the switch answered both ARP requests: h1's from port security, h2's learned" \
	$((sup + 2)) "$(suppressed)"
check_eq "with h2's MAC for h1" "$mac2" "$(lladdr "$h1" 10.40.0.2)"
check_eq "and h1's for h2" "$mac1" "$(lladdr "$h2" 10.40.0.1)"
check_eq "h3 saw neither request" "$o3" "$(out_of s3)"
check_eq "h2 got the echo request and the switch's answer, no request" \
	$((o2 + 2)) "$(out_of s2)"

# What the switch does not know floods; the reply teaches it.
sup=$(suppressed)
check "h1 pings h3, unknown: the request floods" ip netns exec "$h1" ping -c 1 -W 2 10.40.0.3
check_eq "nothing was answered by the switch" "$sup" "$(suppressed)"
ip -n "$h1" neigh flush all
o2=$(out_of s2)
check "h1 pings h3 again" ip netns exec "$h1" ping -c 1 -W 2 10.40.0.3
check_eq "now answered from h3's reply, learned" $((sup + 1)) "$(suppressed)"
check_eq "which h2 never saw" "$o2" "$(out_of s2)"

# A probe (sender 0.0.0.0) for a known address is for everyone. (h3,
# asked by h1 just now, would confirm h1 by a unicast probe 5 s on, and
# h1's answer would reach s3 too: the hosts forget their neighbours.)
for h in "$h1" "$h2" "$h3"; do ip -n "$h" neigh flush all; done
sup=$(suppressed) o3=$(out_of s3)
send_frame "$h1" "ffffffffffff${mac1//:/}08060001080006040001${mac1//:/}00000000000000000000""0a280002"
check "an address probe for h2's address is flooded" busywait 5000 port_stat_is ns-sw s3 tx_packets $((o3 + 1))
check_eq "not answered" "$sup" "$(suppressed)"

# IPv6: a solicitation is answered once the address was advertised, with
# the advertisement's router flag (none here).
# (What h3 is sent is captured: its ARP for h1 may come and go meanwhile.)
sup=$(suppressed)
dumpf=$(mktemp)
on_exit "rm -f $dumpf"
tcpdump -i s3 -nn -l icmp6 > "$dumpf" 2>/dev/null &
dump=$!
sleep 1	# tcpdump listens
check "h4 pings h5: the solicitation floods, the advertisement teaches" \
	ip netns exec "$h4" ping -c 1 -W 2 2001:db8:40::5
ip -n "$h4" neigh flush all
check "h4 pings h5 again" ip netns exec "$h4" ping -c 1 -W 2 2001:db8:40::5
sleep 0.5	# the capture's last
kill $dump
wait $dump
check_eq "the switch answered h4's solicitation" $((sup + 1)) "$(suppressed)"
check_eq "with h5's MAC, not as a router" "$mac5 false" \
	"$(ip -n "$h4" -j neigh show 2001:db8:40::5 | jq -r '.[0] | "\(.lladdr) \(.router // false)"')"
check_eq "h3 was sent the first solicitation alone" "1" \
	"$(grep -c 'neighbor solicitation, who has 2001:db8:40::5' "$dumpf")"

# Turned off, the learned bindings go; port security's stay its own.
check "neigh-suppress off, then on" \
	eval 'vnetctl device set ns-sw neigh-suppress off && vnetctl device set ns-sw neigh-suppress on'
ip -n "$h1" neigh flush all
sup=$(suppressed)
check_eq "h3's learned binding is gone: the request floods" "$sup" \
	"$(ip netns exec "$h1" ping -c 1 -W 2 10.40.0.3 >/dev/null; suppressed)"

# The network's neighbour quota bounds what the switch learns: of 20 more
# addresses h3 claims, 2 fit beside h1's and h3's own.
check_eq "two bindings learned again: h1's and h3's" "2" "$(neigh_used)"
vnetctl resource set ns-net neigh 4
full=$(dev_stat ns-sw neigh_full)
claim 20 1
check "the switch learned up to the quota" busywait 5000 neigh_used_is 4
check_eq "the other 18 counted as neigh_full" $((full + 18)) "$(dev_stat ns-sw neigh_full)"
# And a port's learning limit bounds what it teaches.
vnetctl resource set ns-net neigh unlimited
vnetctl port set ns-sw s3 learning-limit 5
limited=$(port_stat ns-sw s3 learn_limit)
claim 10 100
check "s3 learned up to its limit of 5" busywait 5000 neigh_used_is 6
check_eq "the other 8 counted as learn_limit on s3" $((limited + 8)) \
	"$(port_stat ns-sw s3 learn_limit)"

# Turned off while h3 teaches it as fast as it can, ten times over: once
# off, it keeps nothing learned, however late a frame came.
vnetctl port set ns-sw s3 learning-limit 0
(for j in $(seq 20); do claim 500 $((j * 500)); done) &
flood=$!
for i in $(seq 10); do
	vnetctl device set ns-sw neigh-suppress off
	vnetctl device set ns-sw neigh-suppress on
done
wait $flood
vnetctl device set ns-sw neigh-suppress off
check_eq "turned off during a flood of ARP, it keeps nothing learned" "0" "$(neigh_used)"

# A port that goes takes what was learned on it.
vnetctl device set ns-sw neigh-suppress on
claim 3 1
ip -n "$h1" neigh flush all
ip netns exec "$h1" ping -c 1 -W 2 10.40.0.2 >/dev/null
check "3 bindings learned on s3, h1's on s1" busywait 5000 neigh_used_is 4
check "port del s3" vnetctl port del ns-sw s3
check_eq "forgets the 3 learned there" "1" "$(neigh_used)"
vnetctl device del ns-sw
check_eq "device del gives the rest back" "0" "$(neigh_used)"
