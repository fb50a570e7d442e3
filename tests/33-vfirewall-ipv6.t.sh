#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The vfirewall on IPv6: rules with IPv6 prefixes and ICMPv6 types,
# stateful TCP, UDP and ICMPv6 echo from inside with nothing from outside,
# related ICMPv6 errors, rejects answered over IPv6, rules of one family
# never matching the other, and the walk past extension headers and
# fragments. Neighbour and multicast listener discovery go by the
# l2-policy, so IPv6 works under policy drop with no rule for it.
#
#   h1 2001:db8::1 (inside) -- p1 [fw] p2 -- h2 2001:db8::2 (outside)
. "$(dirname "$0")/lib.sh"
require_module
plan 44
on_exit vnet_flush
fw=v6-fw
add_device $fw vfirewall policy drop
add_host h1 $fw p1 2001:db8::1/64 || exit 1
add_host h2 $fw p2 2001:db8::2/64 || exit 1
n1() { ip netns exec "$h1" "$@"; }
n2() { ip netns exec "$h2" "$@"; }
S=$TESTS_DIR/sockets.py
export SOCK_FAMILY=6
mac1=$(host_mac "$h1" eth0)
mac2=$(host_mac "$h2" eth0)
rule_packets() { vnetctl -j rule show $fw | jq -r ".[] | select(.index == $1) | .packets"; }
rule_packets_is() { [ "$(rule_packets "$1")" = "$2" ]; }
conns() { vnetctl -j conn show $fw; }
serve() {	# serve NS PORT MSG, in the background as $srv
	ip netns exec "$1" timeout 60 "$S" tcp-serve "$2" 0 "$3" &
	srv=$!
	busywait 10000 listening "$1" tcp "$2"
}

rules=$(mktemp)
on_exit rm -f "$rules"
cat >"$rules" <<'RULES'
# New connections from inside only; nothing for the replies.
in p1 src 2001:db8::/64 proto tcp dport 80 state new action accept
# No prefix: either family.
in p1 proto udp dport 53-54 state new action accept
in p1 proto icmpv6 icmp-type 128 state new action accept
in p2 dst 2001:db8::1/128 proto tcp dport 81 action reject
in p2 proto udp dport 81 action reject
# IPv4 only: no IPv6 packet may match it.
src 0.0.0.0/0 action accept
in p1 proto udp state invalid action drop
RULES
check "a rule set with IPv6 prefixes and ICMPv6 types loads" vnetctl rule replace $fw "$rules"
check_eq "rule show gives the IPv6 prefix back" \
	"in p1 src 2001:db8::/64 proto tcp dport 80 state new action accept" \
	"$(vnetctl rule show $fw | head -1 | sed 's/^1: //; s/  #.*//')"
check_eq "and JSON too, with proto icmpv6 by name" '"2001:db8::1/128" "icmpv6"' \
	"$(vnetctl -j rule show $fw | jq -r '"\(.[3].dst | tojson) \(.[2].proto | tojson)"')"

# Neighbour discovery under policy drop, by the l2-policy.
check "h1 resolves h2 under policy drop (neighbour discovery passes)" \
	n1 ping -6 -c 1 -W 2 2001:db8::2

# TCP.
serve "$h2" 80 hello
check_eq "TCP from inside to port 80: the replies pass with no rule for them" \
	hello "$(n1 "$S" tcp-get 2001:db8::2 80 3)"
wait $srv
check_eq "rule 1 judged only the SYN: the rest was the connection's" 1 "$(rule_packets 1)"
check "conn show lists it by its IPv6 addresses, closed, replied" jq -e '
	[.[] | select(.proto == "tcp" and .src == "2001:db8::1" and .dst == "2001:db8::2" and .dport == 80)]
	| length == 1 and .[0].tcp_state == "close" and .[0].replied and .[0].packets >= 6' \
	<<<"$(conns)"
check "its text puts the addresses in brackets before the ports" \
	grep -q '^tcp \[2001:db8::1\]:[0-9]* -> \[2001:db8::2\]:80 ' <<<"$(vnetctl conn show $fw)"
serve "$h1" 80 hello
check_eq "TCP from outside to inside is dropped: the connect times out" connect-timeout \
	"$(n2 "$S" tcp-get 2001:db8::1 80 2)"
vnetctl rule add $fw index 1 in p2 proto tcp dport 80 state new action accept
check_eq "with a rule for it the same connection from outside works" hello \
	"$(n2 "$S" tcp-get 2001:db8::1 80 3)"
vnetctl rule del $fw 1
kill $srv 2>/dev/null; wait $srv

# UDP, and ICMPv6 errors about a tracked flow (related).
ip netns exec "$h2" timeout 300 "$S" udp-echo 53 &
echo2=$!
ip netns exec "$h1" timeout 300 "$S" udp-echo 53 &
echo1=$!
on_exit kill $echo1 $echo2
busywait 10000 listening "$h2" udp 53
busywait 10000 listening "$h1" udp 53
check_eq "UDP from inside: the answer passes" ping "$(n1 "$S" udp-ask 2001:db8::2 53 3)"
check_eq "UDP from outside is dropped" timeout "$(n2 "$S" udp-ask 2001:db8::1 53 2)"
check_eq "the port unreachable about a tracked flow passes (related)" refused \
	"$(n1 "$S" udp-ask 2001:db8::2 54 3)"

# ICMPv6 echo.
check "h1 pings h2" n1 ping -6 -c 3 -i 0.2 -W 2 2001:db8::2
check_eq "the echo rule judged the first request of each ping only" 2 "$(rule_packets 3)"
check_err "h2 cannot ping h1" "." n2 ping -6 -c 1 -W 1 2001:db8::1
check "conn show lists the echo by its id" jq -e \
	'[.[] | select(.proto == "icmpv6" and .src == "2001:db8::1" and (.id | type) == "number")] | length >= 1' \
	<<<"$(conns)"

# Rejects, answered over IPv6 as if from h1.
sent=$(dev_stat $fw rejects_sent)
check_eq "a rejected TCP connect is reset" refused "$(n2 "$S" tcp-get 2001:db8::1 81 2)"
check_eq "a rejected UDP datagram is answered port unreachable" refused \
	"$(n2 "$S" udp-ask 2001:db8::1 81 2)"
check_eq "both answers counted" $((sent + 2)) "$(dev_stat $fw rejects_sent)"
check_eq "the IPv4-only rule matched none of the IPv6 packets" 0 "$(rule_packets 6)"

# Extension headers: crafted UDP from h1 to h2's port 53, which rule 2
# accepts (as a new flow, from a port no flow has used).
r2=$(rule_packets 2)
udp6() { send_frame "$h1" "$(frame udp6 "$mac1" "$mac2" 2001:db8::1 2001:db8::2 "$@")"; }
udp6 4001 53 hop dst rt
check "UDP behind hop-by-hop, destination and routing headers: rule 2 judges it" \
	busywait 3000 rule_packets_is 2 $((r2 + 1))
udp6 4002 53 frag:0
check "a first fragment is judged by its UDP ports" busywait 3000 rule_packets_is 2 $((r2 + 2))
udp6 4003 53 'dst*8'
check "eight destination option headers are walked" busywait 3000 rule_packets_is 2 $((r2 + 3))
r7=$(rule_packets 7)
udp6 4004 53 frag:5
check "a later fragment has no ports and is invalid: rule 7 drops it" \
	busywait 3000 rule_packets_is 7 $((r7 + 1))
check_eq "and rule 2 never saw it" $((r2 + 3)) "$(rule_packets 2)"
inv=$(dev_stat $fw drop_invalid)
udp6 4005 53 'dst*9'
udp6 4006 53 dst hop
udp6 4007 53 dst 'frag:0' hop
dev_stat_is() { [ "$(dev_stat $fw "$1")" = "$2" ]; }
check "nine extension headers, or hop-by-hop past the first, cannot be walked: invalid" \
	busywait 3000 dev_stat_is drop_invalid $((inv + 3))
check_eq "rule 2 saw none of them" $((r2 + 3)) "$(rule_packets 2)"
inv=$(dev_stat $fw drop_invalid)
# A payload length past the frame, and a header cut short.
send_frame "$h1" "${mac2//:/}${mac1//:/}86dd6000000000ff114020010db800000000000000000000000120010db8000000000000000000000002"
send_frame "$h1" "${mac2//:/}${mac1//:/}86dd60000000"
check "an IPv6 payload length past the frame, or a cut header: invalid" \
	busywait 3000 dev_stat_is drop_invalid $((inv + 2))

# Bad rules: refused with a reason, the set unchanged.
before=$(vnetctl -j rule show $fw | jq -c '[.[].rule]')
check_err "an IPv6 prefix with host bits" "bits set past its length" \
	vnetctl rule add $fw src 2001:db8::1/64 action drop
check_err "a rule of two families" "one family" \
	vnetctl rule add $fw src 10.0.0.0/8 dst 2001:db8::/32 action drop
check_err "an icmp type with IPv6 prefixes" "does not go with IPv6" \
	vnetctl rule add $fw src 2001:db8::/32 proto icmp icmp-type 8 action drop
check_err "raw: an IPv4 prefix longer than 32" "an IPv4 prefix is at most 32 bits long" \
	ynl --do rule-new --json "{\"ifname\": \"$fw\", \"rule\": {\"src\": $(ip4 10.0.0.0), \"src-len\": 33, \"action\": 0}}"
check_err "raw: IPv4 and IPv6 sources at once" "IPv4 or IPv6, not both" \
	ynl --do rule-new --json "{\"ifname\": \"$fw\", \"rule\": {\"src\": $(ip4 10.0.0.0), \"src6\": \"20010db8000000000000000000000000\", \"src-len\": 8, \"action\": 0}}"
check_err "raw: an IPv6 source and an IPv4 destination" "different families" \
	ynl --do rule-new --json "{\"ifname\": \"$fw\", \"rule\": {\"src6\": \"20010db8000000000000000000000000\", \"src-len\": 32, \"dst\": $(ip4 10.0.0.0), \"dst-len\": 8, \"action\": 0}}"
check_err "raw: host bits past an IPv6 length" "bits set past its length" \
	ynl --do rule-new --json "{\"ifname\": \"$fw\", \"rule\": {\"src6\": \"20010db8000000000000000000000001\", \"src-len\": 64, \"action\": 0}}"
check_err "raw: an IPv6 address of 15 bytes" "." \
	ynl --do rule-new --json "{\"ifname\": \"$fw\", \"rule\": {\"src6\": \"20010db80000000000000000000000\", \"src-len\": 64, \"action\": 0}}"
check_eq "after every refusal the rule set is unchanged" "$before" \
	"$(vnetctl -j rule show $fw | jq -c '[.[].rule]')"
check "the control: the same raw rule made right is taken" \
	ynl --do rule-new --json "{\"ifname\": \"$fw\", \"rule\": {\"src6\": \"20010db8000000000000000000000000\", \"src-len\": 64, \"action\": 0}}"
check_eq "and shown as the CLI writes it" "src 2001:db8::/64 action accept" \
	"$(vnetctl -j rule show $fw | jq -r '.[-1].rule')"

# Multicast listener discovery goes by the l2-policy, as neighbour
# discovery does, though it sits behind a hop-by-hop header: on a
# firewall between two quiet wires, a report is counted by drop_l2 alone
# (on its port: the device's own start may have sent one from the host).
add_device v6-fw2 vfirewall policy drop l2-policy drop
add_wire v6-fw2 w6a w6a-peer
add_wire v6-fw2 w6b w6b-peer
fw2_is() { [ "$(port_stat v6-fw2 w6a "$1")" = "$2" ]; }
# A new veth sends nothing until the link watch has started its queue.
oper_up() { [ "$(cat "/sys/class/net/$1/operstate")" = up ]; }
busywait 5000 oper_up w6a-peer
send_frame_dev w6a-peer "$(frame mld6 02:00:00:00:00:0a fe80::a)"
check "a listener report behind its hop-by-hop header goes by l2-policy" \
	busywait 3000 fw2_is drop_l2 1
check_eq "and not by the rules or the policy" 0 "$(port_stat v6-fw2 w6a drop_policy)"

# The policy alone: with no rules, IPv6 is dropped both ways (h1's
# neighbour entry stays: discovery is not the policy's).
vnetctl rule flush $fw
vnetctl conn flush $fw
check_err "with no rules, policy drop stops IPv6 too" "." n1 ping -6 -c 1 -W 1 2001:db8::2
vnetctl device set $fw policy accept
check "and policy accept lets it through" n1 ping -6 -c 1 -W 2 2001:db8::2
