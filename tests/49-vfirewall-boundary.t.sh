#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Nothing crosses a vfirewall unjudged: IPv6 follows the policy; ARP and
# neighbour discovery the l2-policy; other ethertypes and anything in a
# VLAN tag (in vlan_tci or in-band, from a port or from the host) the
# other-policy. A flooded frame is judged per egress port, so "out PORT"
# holds for broadcast and unknown unicast; a source is learned only from
# a frame that passed. A cached verdict never outlives its rule set, and a
# port whose rules could not be rebuilt never hands its index on.
#
#   h1 10.33.0.1 fd33::1 -- bf1 [bf-fw] bf2 -- h2 10.33.0.2 fd33::2
#                                  bf3
#                                   |
#                                  h3 10.33.0.3
. "$(dirname "$0")/lib.sh"
require_module
plan 37
on_exit vnet_flush
fw=bf-fw
params=/sys/module/vnet/parameters
add_device $fw vfirewall
add_host h1 $fw bf1 10.33.0.1/24 || exit 1
add_host h2 $fw bf2 10.33.0.2/24 || exit 1
add_host h3 $fw bf3 10.33.0.3/24 || exit 1
n1() { ip netns exec "$h1" "$@"; }
mac1=$(host_mac "$h1" eth0)
mac2=$(host_mac "$h2" eth0)
# snap STAT: the egress counters of bf1 bf2 bf3 and the device's STAT.
snap() {
	vnetctl -j stats $fw | jq -r --arg s "$1" '.[0] |
		[(.ports | map({key: .name, value: .stats.tx_packets}) | from_entries |
		  .bf1, .bf2, .bf3), .stats[$s]] | map(tostring) | join(" ")'
}
# moved STAT BEFORE: how far each moved since BEFORE, a snap of STAT.
moved() {
	local a b c d x y z w
	read -r a b c d <<<"$2"
	read -r x y z w <<<"$(snap "$1")"
	echo "$((x - a)) $((y - b)) $((z - c)) $((w - d))"
}
moved_is() { [ "$(moved "$1" "$2")" = "$3" ]; }
# sends STAT WANT CMD...: run CMD, which sends one frame or more; wait
# until bf1 bf2 bf3 and STAT moved by WANT, and print how far they moved.
# A frame's outcome is final, a drop counted or its last copy out (ports
# are served in the order bf1 bf2 bf3): once WANT is seen, nothing more of
# it moves, and a copy that should not have gone out has shown already.
sends() {
	local stat=$1 want=$2 before
	shift 2
	before=$(snap "$stat")
	"$@"
	busywait 2000 moved_is "$stat" "$before" "$want"
	moved "$stat" "$before"
}
from_h1() { send_frame "$h1" "$1"; }

# IPv6 between h1 and h2 (add_host turned it off).
for i in 1 2; do
	h=h$i
	ip netns exec "${!h}" sysctl -q -w net.ipv6.conf.all.disable_ipv6=0 \
		net.ipv6.conf.eth0.disable_ipv6=0 net.ipv6.conf.eth0.accept_dad=0
	ip -n "${!h}" addr add fd33::$i/64 dev eth0 nodad
done
check "policy accept: h1 pings h2 over IPv6" busywait 10000 n1 ping -6 -c 1 -W 1 fd33::2
vnetctl device set $fw policy drop
ip -n "$h1" -6 neigh flush all
d=$(dev_stat $fw drop_policy)
check_err "policy drop: IPv6 is judged by the policy and dropped" "." n1 ping -6 -c 2 -W 1 fd33::2
# At least the two echo requests: the hosts' MLD reports (hop limit 1, so
# not neighbour discovery) go by the policy too, as many as their timers
# send in this window.
check "and counted as drop_policy" test "$(dev_stat $fw drop_policy)" -ge $((d + 2))
check "neighbour discovery follows l2-policy (accept): h1 learned h2's MAC" \
	bash -c "ip -n $h1 -j -6 neigh show fd33::2 | jq -e '.[0].lladdr == \"$mac2\"' >/dev/null"
vnetctl device set $fw l2-policy drop
ip -n "$h1" -6 neigh flush all
n1 ping -6 -c 1 -W 1 fd33::2 >/dev/null 2>&1
check_eq "l2-policy drop: neighbour discovery stops" "" \
	"$(ip -n "$h1" -j -6 neigh show fd33::2 | jq -r '.[] | select(.lladdr) | .lladdr')"
vnetctl device set $fw l2-policy accept
vnetctl device set $fw policy accept
# IPv6 off again: its chatter would move the counters below.
for i in 1 2; do
	h=h$i
	ip netns exec "${!h}" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1
done

# Other ethertypes follow other-policy (default drop).
check_eq "other-policy is drop by default" "drop" "$(jfield $fw other-policy)"
# Learn h2 and h3 first, so that unicast below is not flooded; then every
# host's neighbours are permanent, so no ARP probe moves the counters.
ip -n "$h1" neigh flush all
n1 ping -c 1 -W 2 10.33.0.2 >/dev/null
n1 ping -c 1 -W 2 10.33.0.3 >/dev/null
for i in 1 2 3; do
	for j in 1 2 3; do
		[ $i = $j ] && continue
		hi=h$i
		hj=h$j
		ip -n "${!hi}" neigh replace 10.33.0.$j dev eth0 \
			lladdr "$(host_mac "${!hj}" eth0)" nud permanent
	done
done
pppoe=$(frame ether "$mac1" "$mac2" 8864)
mpls=$(frame ether "$mac1" "$mac2" 8847)
# To h2's MAC but an address nobody has: h2 answers nothing.
tagged=$(frame udp "$mac1" "$mac2" 10.33.0.1 10.33.0.99 7 9 8100:10)
qinq=$(frame udp "$mac1" "$mac2" 10.33.0.1 10.33.0.99 7 9 88a8:20 8100:10)
plain=$(frame udp "$mac1" "$mac2" 10.33.0.1 10.33.0.99 7 9)
# Each: how far bf1 bf2 bf3 and drop_other moved.
check_eq "PPPoE: dropped, counted as drop_other" "0 0 0 1" \
	"$(sends drop_other "0 0 0 1" from_h1 "$pppoe")"
check_eq "MPLS: dropped, counted as drop_other" "0 0 0 1" \
	"$(sends drop_other "0 0 0 1" from_h1 "$mpls")"
check_eq "IPv4 in an 802.1Q tag: dropped by other-policy" "0 0 0 1" \
	"$(sends drop_other "0 0 0 1" from_h1 "$tagged")"
check_eq "IPv4 in 802.1ad + 802.1Q (QinQ): dropped by other-policy" "0 0 0 1" \
	"$(sends drop_other "0 0 0 1" from_h1 "$qinq")"
check_eq "positive control: the same IPv4 untagged goes to h2 only" "0 1 0 0" \
	"$(sends drop_other "0 1 0 0" from_h1 "$plain")"
vnetctl device set $fw other-policy accept
check_eq "other-policy accept: PPPoE goes to h2" "0 1 0 0" \
	"$(sends drop_other "0 1 0 0" from_h1 "$pppoe")"
check_eq "other-policy accept: the tagged frame goes to h2" "0 1 0 0" \
	"$(sends drop_other "0 1 0 0" from_h1 "$tagged")"
vnetctl device set $fw other-policy drop
# The host sends a tagged frame on the device itself.
host_send() {
	python3 -c "
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(('$fw', 0))
s.send(bytes.fromhex(sys.argv[1]))" "$1"
}
fwmac=$(ip -j link show $fw | jq -r '.[0].address')
check_eq "a tagged frame the host sends on the device: dropped, counted" "0 0 0 1" \
	"$(sends drop_other "0 0 0 1" host_send "$(frame udp "$fwmac" "$mac2" 10.33.0.9 10.33.0.99 7 9 8100:10)")"
check_eq "positive control: untagged, the host's frame goes to h2" "0 1 0 0" \
	"$(sends drop_other "0 1 0 0" host_send "$(frame udp "$fwmac" "$mac2" 10.33.0.9 10.33.0.99 7 9)")"

# Flooded frames are judged per egress port.
vnetctl rule add $fw out bf2 proto udp action drop
bcast=$(frame udp "$mac1" ff:ff:ff:ff:ff:ff 10.33.0.1 10.33.0.255 7 9)
unknown=$(frame udp "$mac1" 02:00:00:00:33:77 10.33.0.1 10.33.0.77 7 9)
# Each: how far bf1 bf2 bf3 and drop_rule moved; a frame of which one
# copy passes is not a drop.
check_eq "a broadcast meets 'out bf2 ... drop' on bf2 only: bf3 gets it, bf2 not" \
	"0 0 1 0" "$(sends drop_rule "0 0 1 0" from_h1 "$bcast")"
check_eq "the rule counted the one copy it dropped" "1" \
	"$(vnetctl -j rule show $fw | jq '.[0].packets')"
check_eq "unknown unicast likewise: bf3 gets it, bf2 not" "0 0 1 0" \
	"$(sends drop_rule "0 0 1 0" from_h1 "$unknown")"
check_eq "known unicast to h2 is dropped by the rule" "0 0 0 1" \
	"$(sends drop_rule "0 0 0 1" from_h1 "$plain")"
vnetctl rule flush $fw
check_eq "positive control: with no rule the broadcast reaches bf2 and bf3" \
	"0 1 1 0" "$(sends drop_rule "0 1 1 0" from_h1 "$bcast")"

# Learning only from frames that pass: h1 sends as h2 (its MAC).
check_eq "h2's MAC is on bf2" "bf2" "$(fdb_port $fw "$mac2")"
vnetctl rule add $fw in bf1 proto udp action drop
# Dropped: no copy out, one drop_rule.
check_eq "a dropped frame from h2's MAC did not move it to bf1" "0 0 0 1 bf2" \
	"$(sends drop_rule "0 0 0 1" from_h1 "$(frame udp "$mac2" ff:ff:ff:ff:ff:ff 10.33.0.2 10.33.0.255 7 9)") $(fdb_port $fw "$mac2")"
send_frame "$h1" "$(frame icmp "$mac2" ff:ff:ff:ff:ff:ff 10.33.0.2 10.33.0.255)"
mac2_on_bf1() { [ "$(fdb_port $fw "$mac2")" = bf1 ]; }
check "positive control: a frame that passes (ICMP) moves it to bf1" busywait 3000 mac2_on_bf1
vnetctl rule flush $fw
ip netns exec "$h2" ping -c 1 -W 2 10.33.0.1 >/dev/null
check_eq "and h2's own traffic moves it back" "bf2" "$(fdb_port $fw "$mac2")"

# A cached verdict never outlives its rule set: with one generation bit
# in the tag, every other set's tag is the same, and only the whole
# generation kept beside it tells them apart.
old_mask=$(cat $params/fw_cache_gen_mask)
on_exit "echo $old_mask > $params/fw_cache_gen_mask"
echo 1 >$params/fw_cache_gen_mask
a=$(mktemp)
x=$(mktemp)
c=$(mktemp)
on_exit rm -f "$a" "$x" "$c"
printf '%s\n' "proto udp dport 1 action drop" "proto udp action accept" >"$a"
printf '%s\n' "proto tcp action drop" >"$x"
printf '%s\n' "proto udp action drop" "proto udp action accept" >"$c"
vnetctl device set $fw policy drop
vnetctl conn flush $fw
vnetctl rule replace $fw "$a"
udp=$(frame udp "$mac1" "$mac2" 10.33.0.1 10.33.0.99 4000 5000)
twice() { send_frame "$h1" "$1" && send_frame "$h1" "$1"; }
check_eq "set A: both datagrams pass by its rule 2 (the second from the cache)" "0 2 0 0" \
	"$(sends drop_rule "0 2 0 0" twice "$udp")"
vnetctl rule replace $fw "$x"
vnetctl rule replace $fw "$c"
check_eq "two sets later (the tag's bit the same): set C's rule 1 drops it" "0 0 0 1" \
	"$(sends drop_rule "0 0 0 1" from_h1 "$udp")"
check_eq "and counts it" "1 0" "$(vnetctl -j rule show $fw | jq -r '[.[].packets] | join(" ")')"
echo "$old_mask" >$params/fw_cache_gen_mask
vnetctl rule flush $fw
vnetctl device set $fw policy accept

# A port deleted while its rules cannot be rebuilt keeps its index until
# they can; a port a rule names, added then, is refused rather than left
# unnamed. (A port no rule names needs no rebuild.)
add_host h4 $fw bf4 10.33.0.4/24 || exit 1
add_host h5 $fw bf5 10.33.0.5/24 || exit 1
vnetctl rule add $fw in bf4 action drop
vnetctl rule add $fw in bf5 proto tcp action drop
vnetctl port del $fw bf5
idx4=$(vnetctl -j port show $fw | jq '.[] | select(.name == "bf4") | .index')
echo 1 >$params/fw_fail_commits
on_exit "echo 0 > $params/fw_fail_commits"
check "bf4 is deleted though its rules cannot be rebuilt" vnetctl port del $fw bf4
check_eq "the failed rebuild spent the fault knob" "0" "$(cat $params/fw_fail_commits)"
echo 1 >$params/fw_fail_commits
check_err "bf5, which a rule names, added while the rules cannot be rebuilt: refused" \
	"cannot rebuild" vnetctl port add $fw dev bf5
check_eq "and leaves nothing: bf5 has no master" "null" "$(ip -j -d link show bf5 | jq -r '.[0].master')"
check_eq "the fault knob is spent" "0" "$(cat $params/fw_fail_commits)"
check "then it is added" vnetctl port add $fw dev bf5
idx5=$(vnetctl -j port show $fw | jq '.[] | select(.name == "bf5") | .index')
# Indexes are the lowest free, from 1, in the order bf1..bf5 came: bf5
# takes 5 again, or 4 had bf4's been handed on.
check_eq "bf5 did not inherit bf4's index" "4 5" "$idx4 $idx5"
check "and its traffic passes: the rule naming bf4 does not touch it" \
	ip netns exec "$h5" ping -c 2 -W 2 10.33.0.1
check_eq "the rule naming bf4 matched nothing" "0" "$(vnetctl -j rule show $fw | jq '.[0].packets')"
vnetctl port del $fw bf5
check "a port no rule names is added with no rebuild: the knob is left alone" \
	bash -c "echo 1 > $params/fw_fail_commits && vnetctl port add $fw dev bf4 name bf6 && grep -qx 1 $params/fw_fail_commits"
echo 0 >$params/fw_fail_commits
