#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The vrouter's NAT: masquerade, snat, a floating address, a port forward
# and hairpin through them, ICMP errors translated back, the port range
# running out, rules deleted and flushed with their connections, refused
# requests; and the same reachability table as the kernel's forwarding
# with nftables gives for the same rules.
#
#   a 10.0.0.2 (forward target :80)              world 203.0.113.2
#   b 10.0.0.3 (floating 203.0.113.10)  -- nat-sw -- lan [nat-vr] uplink --
#   c 10.0.0.4                                      10.0.0.1  203.0.113.1
#
# The world has no route to 10.0.0.0/24: only what NAT translates can be
# answered. Servers tell whom they saw (sockets.py peer-serve).
. "$(dirname "$0")/lib.sh"
require_module
plan 107
on_exit vnet_flush
vr=nat-vr
sw=nat-sw
S=$TESTS_DIR/sockets.py
add_device $sw vswitch
add_device $vr vrouter
add_host a $sw nat-a 10.0.0.2/24 || exit 1
add_host b $sw nat-b 10.0.0.3/24 || exit 1
add_host c $sw nat-c 10.0.0.4/24 || exit 1
vnetctl port add $sw peer $vr name to-vr peer-name lan
vnetctl addr add $vr 10.0.0.1/24 port lan
# The world: its connected subnet only (not add_router_host: no default).
add_host w $vr uplink 203.0.113.2/24 || exit 1
vnetctl addr add $vr 203.0.113.1/24 port uplink
for h in "$a" "$b" "$c"; do
	ip -n "$h" route add default via 10.0.0.1
done
up_mac=$(ip -j link show uplink | jq -r '.[0].address')

in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
# ask NS tcp|udp ADDR PORT [TIMEOUT [SPORT [DATA]]]: what comes back.
ask() { in_ns "$1" "$S" peer-ask "$2" "$3" "$4" "${5:-3}" "${6:-0}" "${7:-ping}"; }
# served: a server's answer as "TAG PROTO:PORT PEER" (the peer's port and
# the data dropped), anything else (timeout, refused...) as "-".
served() { sed -E 's/^([a-z0-9]+ [a-z]+:[0-9]+ [0-9.]+):[0-9]+( .*)?$/\1/; t; s/.*/-/'; }
pinged() { if in_ns "$1" ping -c 1 -W 2 "$2" >/dev/null 2>&1; then echo yes; else echo no; fi; }
# serve NS TAG PROTO:PORT...: sockets.py peer-serve in NS until the end
# (ip netns exec execs timeout: $! is the process to kill).
serve() {
	local ns=$1 spec pid
	shift
	ip netns exec "$ns" timeout 900 "$S" peer-serve "$@" &
	pid=$!
	on_exit "kill $pid"
	shift
	for spec in "$@"; do
		busywait 10000 listening "$ns" "${spec%%:*}" "${spec#*:}" || return 1
	done
}
conns() { vnetctl -j conn show $vr; }
# The rules as nat show prints them, without their counters.
rules() { vnetctl nat show $vr | sed 's/ conns [0-9]*$//'; }

# nat_table A B C W: what NAT with these rules does, one "what: outcome"
# a line, for hosts A (10.0.0.2), B (10.0.0.3), C (10.0.0.4) and the
# world W (203.0.113.2), each serving as started below:
#   floating 203.0.113.10 to 10.0.0.3
#   forward proto tcp 203.0.113.1:8080 to 10.0.0.2:80
#   masquerade out the uplink
nat_table() {
	local a=$1 b=$2 c=$3 w=$4
	echo "W pings floating: $(pinged "$w" 203.0.113.10)"
	echo "W pings router (a forward's address): $(pinged "$w" 203.0.113.1)"
	echo "W asks ARP for floating: $(arp_ask "$w" 203.0.113.10 203.0.113.2 |
		sed -E 's/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/answered/')"
	echo "W tcp floating:80: $(ask "$w" tcp 203.0.113.10 80 | served)"
	echo "W tcp router:8080: $(ask "$w" tcp 203.0.113.1 8080 | served)"
	echo "W tcp router:8081: $(ask "$w" tcp 203.0.113.1 8081 1.5 | served)"
	echo "W udp router:8080: $(ask "$w" udp 203.0.113.1 8080 1.5 | served)"
	echo "A pings W: $(pinged "$a" 203.0.113.2)"
	echo "A udp W:7000: $(ask "$a" udp 203.0.113.2 7000 | served)"
	echo "A tcp W:80: $(ask "$a" tcp 203.0.113.2 80 | served)"
	echo "B udp W:7000: $(ask "$b" udp 203.0.113.2 7000 | served)"
	echo "B tcp W:80: $(ask "$b" tcp 203.0.113.2 80 | served)"
	echo "A udp W:9 (closed): $(ask "$a" udp 203.0.113.2 9)"
	echo "C tcp floating:80 (hairpin): $(ask "$c" tcp 203.0.113.10 80 | served)"
	echo "C tcp router:8080 (hairpin): $(ask "$c" tcp 203.0.113.1 8080 | served)"
}
# What it should be: the world reaches b by its floating address and a's
# port 80 by the forward, nothing else of the inside; the inside reaches
# the world from 203.0.113.1, b from 203.0.113.10; a's datagram to a
# closed port is refused; c reaches both through the router, which they
# see it as.
TABLE="W pings floating: yes
W pings router (a forward's address): yes
W asks ARP for floating: answered
W tcp floating:80: b tcp:80 203.0.113.2
W tcp router:8080: a tcp:80 203.0.113.2
W tcp router:8081: -
W udp router:8080: -
A pings W: yes
A udp W:7000: w udp:7000 203.0.113.1
A tcp W:80: w tcp:80 203.0.113.1
B udp W:7000: w udp:7000 203.0.113.10
B tcp W:80: w tcp:80 203.0.113.10
A udp W:9 (closed): refused
C tcp floating:80 (hairpin): b tcp:80 10.0.0.1
C tcp router:8080 (hairpin): a tcp:80 10.0.0.1"

# a serves TCP 80 (the forward's target), TCP 8081 and UDP 80 (were the
# router to forward another port or protocol there, they would answer).
serve "$a" a tcp:80 tcp:8081 udp:80 || exit 1
serve "$b" b tcp:80 || exit 1
serve "$w" w tcp:80 udp:7000 || exit 1

# No NAT: the router routes, the world cannot answer.
check "a reaches the router's uplink address" in_ns "$a" ping -c 1 -W 2 203.0.113.1
check_err "without NAT a's ping to the world is unanswered (no route back)" "." \
	in_ns "$a" ping -c 1 -W 1 203.0.113.2
check_eq "without NAT a's datagram to the world is unanswered" timeout \
	"$(ask "$a" udp 203.0.113.2 7000 1.5)"
check_eq "without rules the vrouter tracks nothing" 0 "$(conns | jq length)"
check_eq "nobody answers ARP for 203.0.113.10 yet" none "$(arp_ask "$w" 203.0.113.10 203.0.113.2)"
check_err "the world's ping to 203.0.113.10 is unanswered" "." \
	in_ns "$w" ping -c 1 -W 1 203.0.113.10
check_eq "the world's TCP to 203.0.113.1:8080 reaches nobody" timeout \
	"$(ask "$w" tcp 203.0.113.1 8080 1.5)"

# Masquerade. Two hosts use the same echo id, then the same UDP source
# port, to the same server: the first keeps its own, the second gets
# another, and each gets its own answers.
check "masquerade out uplink is taken" vnetctl nat add $vr masquerade out uplink
check "a pings the world with echo id 4242" in_ns "$a" ping -c 2 -i 0.2 -W 2 -e 4242 203.0.113.2
check "c pings the world with echo id 4242 too" in_ns "$c" ping -c 2 -i 0.2 -W 2 -e 4242 203.0.113.2
check_eq "both echo connections are listed under their own id 4242" 2 \
	"$(conns | jq '[.[] | select(.proto == "icmp" and .id == 4242)] | length')"
check_eq "a from port 5000: the world saw 203.0.113.1:5000, its port kept" \
	"w udp:7000 203.0.113.1:5000 from-a" "$(ask "$a" udp 203.0.113.2 7000 3 5000 from-a)"
ans=$(ask "$c" udp 203.0.113.2 7000 3 5000 from-c)
pc=$(sed -nE 's/^w udp:7000 203\.0\.113\.1:([0-9]+) from-c$/\1/p' <<<"$ans")
check "c from port 5000 too: its own answer, from another port ($ans)" \
	test -n "$pc" -a "${pc:-5000}" != 5000 -a "${pc:-0}" -ge 1024
check_eq "conn show: both, each with the port its replies arrive at" \
	"10.0.0.2 203.0.113.2:7000 203.0.113.1:5000|10.0.0.4 203.0.113.2:7000 203.0.113.1:$pc" \
	"$(conns | jq -r '[.[] | select(.proto == "udp" and .sport == 5000 and .dport == 7000)
		| "\(.src) \(.reply.src):\(.reply.sport) \(.reply.dst):\(.reply.dport)"] | sort | join("|")')"
check_eq "conn show's text ends c's line with its reply tuple" 1 \
	"$(vnetctl conn show $vr | grep -c "^udp 10\.0\.0\.4:5000 -> 203\.0\.113\.2:7000 .* reply 203\.0\.113\.2:7000 -> 203\.0\.113\.1:$pc\$")"
# Rules and connections are other users' policy and traffic: reading them
# takes CAP_NET_ADMIN, as nftables' and ctnetlink's do.
check_err "nat show without CAP_NET_ADMIN" "Operation not permitted" \
	unpriv vnetctl nat show $vr
check_err "conn show of a vrouter without CAP_NET_ADMIN" "Operation not permitted" \
	unpriv vnetctl conn show $vr
check_eq "nat show counts the 4 connections the rule translated" \
	"1: masquerade out uplink ports 1024-65535 conns 4" "$(vnetctl nat show $vr)"
check_eq "a datagram to a closed port: a gets port unreachable (ECONNREFUSED)" refused \
	"$(ask "$a" udp 203.0.113.2 9 3 5001)"
check_eq "and c, from the same port, translated to another, gets its own" refused \
	"$(ask "$c" udp 203.0.113.2 9 3 5001)"

# Checksums, as the world's tcpdump judges them: a host's complete sums
# (its tx offload off) are updated in place; a veth's partial ones are
# completed by the stack leaving by the uplink (its tx offload off), so a
# pseudo-header sum NAT left wrong would show there. (With both offloads
# on, the sum is left for the receiver, which a veth tells not to check.)
# sums_seen CMD...: what the world's capture says of the sums of what CMD
# sends it: "ok", "bad" or "none".
sums_seen() {
	local cap pid
	cap=$(mktemp)
	ip netns exec "$w" timeout 10 tcpdump -l -nn -vv -i eth0 -c 1 \
		'(udp and dst port 7000) or (tcp[tcpflags] & tcp-syn != 0 and dst port 80)' \
		>"$cap" 2>"$cap.err" &
	pid=$!
	busywait 10000 grep -q 'listening on' "$cap.err"
	"$@" >/dev/null
	wait $pid
	if grep -qE 'udp sum ok|cksum 0x[0-9a-f]+ \(correct\)' "$cap"; then
		echo ok
	elif grep -qE 'bad udp cksum|\(incorrect' "$cap"; then
		echo bad
	else
		echo none
	fi
	rm -f "$cap" "$cap.err"
}
ip netns exec "$c" ethtool -K eth0 tx off >/dev/null
check_eq "c's complete UDP sum (tx off) leaves translated and right" ok \
	"$(sums_seen ask "$c" udp 203.0.113.2 7000 3 5100)"
check_eq "and its TCP SYN's" ok "$(sums_seen ask "$c" tcp 203.0.113.2 80)"
ip netns exec "$c" ethtool -K eth0 tx on >/dev/null
ethtool -K uplink tx off >/dev/null
check_eq "a's partial UDP sum, completed past the uplink, is right" ok \
	"$(sums_seen ask "$a" udp 203.0.113.2 7000 3 5101)"
check_eq "and its TCP SYN's" ok "$(sums_seen ask "$a" tcp 203.0.113.2 80)"
ethtool -K uplink tx on >/dev/null
# A datagram past the MTU leaves a in fragments, and its echo comes back
# in fragments: the later ones follow their first, both ways.
big=$(head -c 3000 /dev/zero | tr '\0' x)
check_eq "a 3000-byte datagram through masquerade, fragmented both ways" \
	"w udp:7000 203.0.113.1 3000" \
	"$(ask "$a" udp 203.0.113.2 7000 3 5102 "$big" |
		awk '{ split($3, p, ":"); print $1, $2, p[1], length($4) }')"


# An ICMP error an inside router sends about a translated packet (here a
# forged one, from 10.0.0.99 in a's place) leaves with the translated
# address, as nf_nat does: nothing of the inside shows, its routers
# neither.
check_eq "a's flow from port 5103 is answered" "w udp:7000 203.0.113.1" \
	"$(ask "$a" udp 203.0.113.2 7000 3 5103 | served)"
cap=$(mktemp)
ip netns exec "$w" timeout 10 tcpdump -l -nn -i eth0 -c 1 icmp >"$cap" 2>"$cap.err" &
pid=$!
busywait 10000 grep -q 'listening on' "$cap.err"
in_ns "$a" python3 -c "
import socket, struct
def csum(b):
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    return ~(s + (s >> 16)) & 0xffff
def ip(src, dst, proto, payload):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64, proto,
                    0, socket.inet_aton(src), socket.inet_aton(dst))
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload
quote = ip('203.0.113.2', '10.0.0.2', 17, struct.pack('!HHHH', 7000, 5103, 8, 0))
icmp = struct.pack('!BBHI', 3, 3, 0, 0) + quote
icmp = icmp[:2] + struct.pack('!H', csum(icmp)) + icmp[4:]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
s.sendto(ip('10.0.0.99', '203.0.113.2', 1, icmp), ('203.0.113.2', 0))"
wait $pid
check_eq "an inside router's error reaches the world from 203.0.113.1, quoting 203.0.113.1:5103" \
	"IP 203.0.113.1 > 203.0.113.2: ICMP 203.0.113.1 udp port 5103 unreachable" \
	"$(sed -nE 's/^[0-9:.]+ (IP .* unreachable).*/\1/p' "$cap")"
rm -f "$cap" "$cap.err"

# The uplink's address goes: so do the connections masquerade made with
# it (their answers would reach whoever has it next).
check_eq "before: connections translated to 203.0.113.1" yes \
	"$(conns | jq -r 'if [.[] | select(.reply.dst == "203.0.113.1")] | length > 0 then "yes" else "no" end')"
vnetctl addr del $vr 203.0.113.1/24
check_eq "the uplink's address deleted: none is left" 0 \
	"$(conns | jq '[.[] | select(.reply.dst == "203.0.113.1")] | length')"
vnetctl addr add $vr 203.0.113.1/24 port uplink

check "conn flush" vnetctl conn flush $vr
check_eq "forgets every translated connection" 0 "$(conns | jq length)"
check_eq "the rule stays: a's next datagram is translated afresh" \
	"w udp:7000 203.0.113.1:5000 from-a" "$(ask "$a" udp 203.0.113.2 7000 3 5000 from-a)"

# A floating address, a port forward and masquerade: the table. The
# floating and forward rules come first; b's own connections take the
# floating address whatever the order.
vnetctl nat flush $vr
ip -n "$w" neigh flush all
vnetctl nat add $vr floating 203.0.113.10 to 10.0.0.3
vnetctl nat add $vr forward proto tcp 203.0.113.1:8080 to 10.0.0.2:80
vnetctl nat add $vr masquerade out uplink
check_eq "nat show lists the three rules in order" \
	"1: floating 203.0.113.10 to 10.0.0.3
2: forward proto tcp 203.0.113.1:8080 to 10.0.0.2:80
3: masquerade out uplink ports 1024-65535" "$(rules)"
check_eq "nat show -j: their fields" \
	"1 floating 203.0.113.10 10.0.0.3|2 forward tcp 203.0.113.1:8080 10.0.0.2:80|3 masquerade uplink 1024-65535" \
	"$(vnetctl -j nat show $vr | jq -r '[.[] |
		if .type == "floating" then "\(.index) \(.type) \(.addr) \(.inside)"
		elif .type == "forward" then "\(.index) \(.type) \(.proto) \(.addr):\(.port) \(.inside):\(.to_port)"
		else "\(.index) \(.type) \(.out) \(.ports)" end] | join("|")')"
check_eq "the router answers ARP for 203.0.113.10 with the uplink's MAC" "$up_mac" \
	"$(arp_ask "$w" 203.0.113.10 203.0.113.2)"
vr_table=$(nat_table "$a" "$b" "$c" "$w")
while IFS= read -r line; do
	what=${line%%: *}
	check_eq "vrouter: $what" "$line" \
		"$(awk -v w="$what: " 'index($0, w) == 1' <<<"$vr_table")"
done <<<"$TABLE"
check_eq "conn show: b's datagram, its replies arriving at the floating address" \
	"203.0.113.2:7000 203.0.113.10" \
	"$(conns | jq -r '[.[] | select(.proto == "udp" and .src == "10.0.0.3" and .dport == 7000)
		| "\(.reply.src):\(.reply.sport) \(.reply.dst)"] | unique | join(",")')"

# The reference: the same hosts behind a namespace router, the kernel
# forwarding with nftables' NAT: b's floating address is an address of
# the router's uplink (it answers ARP for it) with a dnat to b and b's
# own connections snat'ed to it; the forward a dnat; hairpin a masquerade
# of dnat'ed connections back out of the inside bridge.
ref_table=
setup_ns kr ra rb rc rw || exit 1
ip netns exec "$kr" sysctl -q -w net.ipv4.ip_forward=1 \
	net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 \
	net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.default.send_redirects=0 \
	net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
ref_wire() {	# ref_wire NS PORT ADDR: NS's eth0 (ADDR) wired to PORT of $kr
	ip netns exec "$1" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip -n "$kr" link add "$2" type veth peer name eth0 netns "$1" || return 1
	ip -n "$1" addr add "$3" dev eth0
	ip -n "$1" link set eth0 up
	ip -n "$kr" link set "$2" up
}
ip -n "$kr" link add br0 type bridge
ref_wire "$ra" ka 10.0.0.2/24 && ref_wire "$rb" kb 10.0.0.3/24 &&
	ref_wire "$rc" kc 10.0.0.4/24 && ref_wire "$rw" uplink 203.0.113.2/24 || exit 1
for p in ka kb kc; do
	ip -n "$kr" link set "$p" master br0
done
ip -n "$kr" link set br0 up
ip -n "$kr" addr add 10.0.0.1/24 dev br0
ip -n "$kr" addr add 203.0.113.1/24 dev uplink
ip -n "$kr" addr add 203.0.113.10/32 dev uplink
for h in "$ra" "$rb" "$rc"; do
	ip -n "$h" route add default via 10.0.0.1
done
if ip netns exec "$kr" nft -f - 2>/dev/null <<'EOF'
table ip nat43 {
	chain pre {
		type nat hook prerouting priority -100; policy accept;
		ip daddr 203.0.113.10 dnat to 10.0.0.3
		ip daddr 203.0.113.1 tcp dport 8080 dnat to 10.0.0.2:80
	}
	chain post {
		type nat hook postrouting priority 100; policy accept;
		oifname "br0" ip saddr 10.0.0.0/24 ct status dnat masquerade
		oifname "uplink" ip saddr 10.0.0.3 snat to 203.0.113.10
		oifname "uplink" masquerade
	}
}
EOF
then
	serve "$ra" a tcp:80 tcp:8081 udp:80 || exit 1
	serve "$rb" b tcp:80 || exit 1
	serve "$rw" w tcp:80 udp:7000 || exit 1
	busywait 5000 in_ns "$ra" ping -c 1 -W 1 10.0.0.1
	ref_table=$(nat_table "$ra" "$rb" "$rc" "$rw")
	diag <<<"vrouter:
$vr_table
kernel + nftables:
$ref_table"
	check_eq "the kernel + nftables reference gives the expected table" "$TABLE" "$ref_table"
	check_eq "the vrouter's table is the reference's" "$ref_table" "$vr_table"
else
	skip_rest "nft with NAT unavailable in the guest" \
		"the kernel + nftables reference gives the expected table" \
		"the vrouter's table is the reference's"
fi

# nat del: a rule goes with the connections it translated, and only
# those; the indexes after it move up.
check "a UDP forward of the same address and port is taken" \
	vnetctl nat add $vr forward proto udp 203.0.113.1:8080 to 10.0.0.2:80
check_eq "the world's UDP to 203.0.113.1:8080 reaches a's UDP port 80" \
	"a udp:80 203.0.113.2" "$(ask "$w" udp 203.0.113.1 8080 | served)"
check_eq "b's datagram from port 7100 leaves from the floating address" \
	"w udp:7000 203.0.113.10" "$(ask "$b" udp 203.0.113.2 7000 3 7100 | served)"
fwd_and_b() {
	conns | jq -r '"\([.[] | select(.proto == "udp" and .dport == 8080 and
		.reply.src == "10.0.0.2" and .reply.sport == 80)] | length) \([.[] |
		select(.proto == "udp" and .sport == 7100)] | length)"'
}
check_eq "conn show: the forward's connection and b's" "1 1" "$(fwd_and_b)"
check "nat del 4 (the UDP forward)" vnetctl nat del $vr 4
check_eq "took the forward's connection, not b's" "0 1" "$(fwd_and_b)"
check_eq "the world's UDP to 203.0.113.1:8080 no longer reaches a" - \
	"$(ask "$w" udp 203.0.113.1 8080 1.5 | served)"
check "nat del 2 (the TCP forward)" vnetctl nat del $vr 2
check_eq "the masquerade moves up to index 2" \
	"1: floating 203.0.113.10 to 10.0.0.3
2: masquerade out uplink ports 1024-65535" "$(rules)"
check_eq "the world's TCP to 203.0.113.1:8080 no longer reaches a" - \
	"$(ask "$w" tcp 203.0.113.1 8080 1.5 | served)"
check_eq "(the control: the floating address still reaches b)" "b tcp:80 203.0.113.2" \
	"$(ask "$w" tcp 203.0.113.10 80 | served)"

# Refused requests change nothing; the right ones beside them are taken,
# and deleted again at the end.
before=$(rules)
check_err "masquerade out a port that does not exist" "no such port" \
	vnetctl nat add $vr masquerade out nope
check_err "snat out a port that does not exist" "no such port" \
	vnetctl nat add $vr snat out nope to 203.0.113.5
check "snat out uplink to 203.0.113.5-203.0.113.9 ports 5000-5010 is taken" \
	vnetctl nat add $vr snat out uplink to 203.0.113.5-203.0.113.9 ports 5000-5010
check_eq "and listed so" "3: snat out uplink to 203.0.113.5-203.0.113.9 ports 5000-5010" \
	"$(rules | sed -n 3p)"
check_err "a floating address on no port's subnet" "on no port's subnet" \
	vnetctl nat add $vr floating 198.51.100.7 to 10.0.0.4
check_err "a floating address another floating has" "already in use" \
	vnetctl nat add $vr floating 203.0.113.10 to 10.0.0.4
check_err "a floating address that is the router's own" "already in use" \
	vnetctl nat add $vr floating 203.0.113.1 to 10.0.0.4
check "a free floating address, 203.0.113.11 to 10.0.0.4, is taken" \
	vnetctl nat add $vr floating 203.0.113.11 to 10.0.0.4
check "a forward of udp 203.0.113.20:53 to 10.0.0.4:53 is taken" \
	vnetctl nat add $vr forward proto udp 203.0.113.20:53 to 10.0.0.4:53
check_err "a second forward of udp 203.0.113.20:53" "already forwarded" \
	vnetctl nat add $vr forward proto udp 203.0.113.20:53 to 10.0.0.2:53
check "a forward of tcp 203.0.113.20:53 (the other protocol) is taken" \
	vnetctl nat add $vr forward proto tcp 203.0.113.20:53 to 10.0.0.2:53
check_err "a floating address a forward has" "already in use" \
	vnetctl nat add $vr floating 203.0.113.20 to 10.0.0.2
check_err "nat del of an index with no rule" "no NAT rule" vnetctl nat del $vr 9
lo0=$(dev_stat $vr drop_local)
in_ns "$w" ping -c 1 -W 1 203.0.113.20 >/dev/null
check_eq "a ping to a forward's address (not the router's) no rule takes: drop_local" \
	$((lo0 + 1)) "$(dev_stat $vr drop_local)"
check_err "raw: an attribute another type takes (a masquerade's addr)" "does not apply" \
	ynl --do nat-new --json "{\"ifname\": \"$vr\", \"nat\": {\"type\": 1, \"out-port-name\": \"uplink\", \"addr\": $(ip4 203.0.113.30)}}"
check_err "vnetctl: a forward's ADDR without a port" "expected A.B.C.D:PORT" \
	vnetctl nat add $vr forward proto tcp 203.0.113.1 to 10.0.0.2:80
check_err "vnetctl: port 0" "expected A.B.C.D:PORT" \
	vnetctl nat add $vr forward proto tcp 203.0.113.1:0 to 10.0.0.2:80
check_err "vnetctl: a port without an address" "expected A.B.C.D:PORT" \
	vnetctl nat add $vr forward proto tcp :80 to 10.0.0.2:80
check_err "vnetctl: an inside address without a port" "expected A.B.C.D:PORT" \
	vnetctl nat add $vr forward proto tcp 203.0.113.1:8082 to 10.0.0.2
check_err "vnetctl: proto icmp" "invalid protocol" \
	vnetctl nat add $vr forward proto icmp 203.0.113.1:8082 to 10.0.0.2:80
check_err "vnetctl: ports 9-3" "below the first" \
	vnetctl nat add $vr masquerade out uplink ports 9-3
for i in 6 5 4 3; do
	vnetctl nat del $vr $i
done
check_eq "nothing refused was added; what was taken is deleted again" "$before" "$(rules)"

# snat: a's connections leave from an address of the range. The router
# answers ARP for floating and forward addresses only: the world is given
# the range's neighbours, as an upstream router would route them.
vnetctl nat flush $vr
for i in 5 6 7 8 9; do
	ip -n "$w" neigh replace 203.0.113.$i lladdr "$up_mac" dev eth0 nud permanent
done
vnetctl nat add $vr snat out uplink to 203.0.113.5-203.0.113.9
ans=$(ask "$a" udp 203.0.113.2 7000)
check "snat: the world saw a datagram of a's from an address of the range ($ans)" \
	grep -qE '^w udp:7000 203\.0\.113\.[5-9]:[0-9]+ ping$' <<<"$ans"
check_eq "nat show: snat, one connection" \
	"1: snat out uplink to 203.0.113.5-203.0.113.9 ports 1024-65535 conns 1" \
	"$(vnetctl nat show $vr)"

# The port range runs out: with 2 ports, a third flow to the same server
# is dropped and counted, the first two go on.
vnetctl nat flush $vr
check "masquerade with ports 5000-5001 is taken" \
	vnetctl nat add $vr masquerade out uplink ports 5000-5001
ex0=$(dev_stat $vr nat_exhausted)
f1=$(ask "$a" udp 203.0.113.2 7000 3 6001 f1)
f2=$(ask "$a" udp 203.0.113.2 7000 3 6002 f2)
check_eq "flows 1 and 2 (from 6001, 6002) leave from 5000 and 5001, one each" "5000 5001" \
	"$(printf '%s\n' "$f1" "$f2" | sed -nE 's/^w udp:7000 203\.0\.113\.1:([0-9]+) f[12]$/\1/p' |
		sort | xargs)"
check_eq "flow 3 finds no port left: dropped" timeout "$(ask "$a" udp 203.0.113.2 7000 1.5 6003 f3)"
check_eq "its one datagram counted as nat_exhausted" $((ex0 + 1)) "$(dev_stat $vr nat_exhausted)"
check_eq "flow 1 still works, from the same port" "$f1" "$(ask "$a" udp 203.0.113.2 7000 3 6001 f1)"
check_eq "and flow 2" "$f2" "$(ask "$a" udp 203.0.113.2 7000 3 6002 f2)"
check_eq "nat show: 2 connections translated" \
	"1: masquerade out uplink ports 5000-5001 conns 2" "$(vnetctl nat show $vr)"

# The network's conns quota holds for what NAT tracks: with room for
# two, a third flow is dropped (conn_full) and counted as denied.
vnetctl conn flush $vr
vnetctl resource set default conns 2
full0=$(dev_stat $vr conn_full)
check_eq "with a conns quota of 2, flows 1 and 2 are translated" \
	"w udp:7000 203.0.113.1|w udp:7000 203.0.113.1" \
	"$(ask "$a" udp 203.0.113.2 7000 3 6001 f1 | served)|$(ask "$a" udp 203.0.113.2 7000 3 6002 f2 | served)"
check_eq "a third new connection is dropped" timeout \
	"$(ask "$c" udp 203.0.113.2 7000 1.5 6004 f4)"
check_eq "counted as conn_full, and as denied on the network" "$((full0 + 1)) 1" \
	"$(dev_stat $vr conn_full) $(vnetctl -j resource show default | jq -r '.[0].quotas.conns.denied')"
vnetctl resource set default conns unlimited

# conntrack is a vrouter's parameter too: off takes no NAT rules, and is
# refused while there are some.
check_err "conntrack off while NAT rules are there" "NAT rules need conntrack on" \
	vnetctl device set $vr conntrack off
check_eq "and through ip link, likewise: still on" true \
	"$(ip link set $vr type vrouter conntrack off 2>/dev/null; vnetctl -j device show $vr | jq -r '.[0].conntrack')"

# nat flush ends translation: the world's answers have no way back.
check_eq "before the flush, flow 1's connection is listed" 1 \
	"$(conns | jq '[.[] | select(.proto == "udp" and .sport == 6001)] | length')"
check "nat flush" vnetctl nat flush $vr
check_eq "no rule is left" "0" "$(vnetctl -j nat show $vr | jq length)"
check_eq "nor any connection" 0 "$(conns | jq length)"
check_eq "flow 1 goes out untranslated: no answer comes back" timeout \
	"$(ask "$a" udp 203.0.113.2 7000 1.5 6001 f1)"
check "with no rule left, conntrack off is taken" vnetctl device set $vr conntrack off
check_err "and NAT rules are refused" "NAT needs conntrack on" \
	vnetctl nat add $vr masquerade out uplink
vnetctl device set $vr conntrack on
