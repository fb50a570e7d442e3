#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The vfirewall's classifier against a reference, at 10 and 10,000 rules;
# whole-set replace under traffic; bad rules refused whole.
. "$(dirname "$0")/lib.sh"
require_module
plan 28
on_exit vnet_flush
fw=ru-fw
add_device $fw vfirewall policy drop
add_host h1 $fw p1 10.0.0.1/24 || exit 1
add_host h2 $fw p2 10.0.0.2/24 || exit 1
mac2=$(host_mac "$h2" eth0)
# p2 must know h2's MAC for frames to it to have an egress port.
vnetctl fdb add $fw "$mac2" port p2

# Each random packet's fate (delivered to h2, dropped by a rule, dropped
# by the policy) against a first-match walk: packet by packet at h2, and
# in the rule, drop_rule, drop_policy and p2 tx_packets counters. The
# last round is IPv6: IPv6 rules with some IPv4 and family-less ones
# among them, and IPv6 packets (the hosts have no IPv6 of their own, so
# nothing else moves the counters).
for spec in "10 2000 1" "100 2000 2" "10000 3000 3" "10000 3000 4 6"; do
	set -- $spec
	v=${4:+"IPv6 "}
	out=$("$TESTS_DIR/fw_reference.py" $fw "$h1" "$mac2" $1 $2 $3 "$h2" ${4:-} 2>&1)
	read -r agree total ms nbad <<<"$(head -1 <<<"$out")"
	echo "# $1 ${v}rules loaded in ${ms:-?} ms"
	if [ "${total:-}" = "$2" ] && [ "${agree:-}" = "$total" ] && [ "${nbad:-}" = 0 ]; then
		ok "$1 random ${v}rules: all $total random packets delivered or dropped as a first-match walk says"
	else
		fail "$1 random ${v}rules: verdicts differ from the reference"
		diag <<<"$out"
	fi
done
check_eq "rule show lists all 10000" "10000" "$(vnetctl -j rule show $fw | jq length)"

# Replace under traffic: two sets that both accept every ping; a packet
# judged by a half-built or mixed set would fall to the policy (drop).
vnetctl rule flush $fw
a=$(mktemp)
b=$(mktemp)
on_exit rm -f "$a" "$b"
printf '%s\n' "# set A" "in p1 proto icmp icmp-type 8 action accept" \
	"in p2 proto icmp icmp-type 0 action accept" >"$a"
for i in $(seq 1 200); do echo "src 10.$i.0.0/16 proto tcp action drop"; done >"$b"
echo "proto icmp action accept" >>"$b"
vnetctl rule replace $fw "$a"
drops0=$(dev_stat $fw drop_policy)
# The four counters of the flood's way, in one snapshot: h1 to h2, h2 to h1.
flood_counts() {
	vnetctl -j stats $fw | jq -r '.[0].ports | map({(.name): .stats}) | add |
		"\(.p1.rx_packets) \(.p2.tx_packets) \(.p2.rx_packets) \(.p1.tx_packets)"'
}
read -r rx1 tx2 rx2 tx1 <<<"$(flood_counts)"
ip netns exec "$h1" ping -q -i 0.01 -c 100000 10.0.0.2 >/dev/null 2>&1 &
pinger=$!
# Fifty pairs (five on the debug kernel, where each takes a second and the
# flood crosses every swap many times over).
pairs=$(scaled 50)
for i in $(seq 1 "$pairs"); do
	vnetctl rule replace $fw "$b" || break
	vnetctl rule replace $fw "$a" || break
done
swaps=$((2 * i))
kill -INT $pinger
wait $pinger 2>/dev/null
check_eq "$swaps whole-set swaps under a ping flood: no packet fell to the policy" \
	"$drops0" "$(dev_stat $fw drop_policy)"
# The control: the flood did cross, whole. Every frame a host sent (its
# ARP too: l2-policy accept) left by the other port, however many the
# flood's timing made; waited for, as the last reply may be on its way.
crossed=
flood_crossed() {
	local a b c d
	read -r a b c d <<<"$(flood_counts)"
	crossed="$((a - rx1)) in at p1, $((b - tx2)) out at p2; $((c - rx2)) in at p2, $((d - tx1)) out at p1"
	[ $((a - rx1)) = $((b - tx2)) ] && [ $((c - rx2)) = $((d - tx1)) ]
}
busywait 3000 flood_crossed
check "and every frame of it crossed, each way ($crossed)" busywait 3000 flood_crossed
set_a() { vnetctl -j rule show $fw | jq -r '"\(length) \(.[0].packets) \(.[1].packets)"'; }
read -r _ req rep <<<"$(set_a)"
ip netns exec "$h1" ping -c 3 -W 2 10.0.0.2 >/dev/null
check_eq "set A is in place: its two rules counted 3 requests and 3 replies more" \
	"2 $((req + 3)) $((rep + 3))" "$(set_a)"

# Bad rules: refused with the reason, the rule set unchanged.
before=$(vnetctl -j rule show $fw | jq -c '[.[].rule]')
check_err "an inverted port range" "first port after last" \
	vnetctl rule add $fw proto tcp dport 90-80 action drop
check_err "a prefix with host bits" "bits set past its length" \
	vnetctl rule add $fw src 10.1.2.3/16 action drop
check_err "a malformed prefix" "invalid prefix" vnetctl rule add $fw src 10.1/16 action drop
check_err "an unknown port" "no such port" vnetctl rule add $fw in nope action drop
check_err "ports without tcp or udp" "need proto tcp or udp" \
	vnetctl rule add $fw dport 80 action accept
check_err "an icmp type without icmp" "needs proto icmp" \
	vnetctl rule add $fw proto tcp icmp-type 8 action accept
check_err "no action" "needs an action" vnetctl rule add $fw proto tcp
check_err "a bad action" "invalid action" vnetctl rule add $fw action maybe
check_err "an index past the end" "past the end" vnetctl rule add $fw index 99 action drop
check_err "deleting a rule that is not there" "no rule at this index" vnetctl rule del $fw 99
bad=$(mktemp)
on_exit rm -f "$bad"
printf '%s\n' "# three good rules, then a bad one" "proto icmp action accept" \
	"proto tcp dport 80 action accept" "" "proto udp dport 70000 action drop" >"$bad"
check_err "a rule file with a bad rule names its line" "$bad:5: invalid port range" \
	vnetctl rule replace $fw "$bad"
printf '%s\n' "proto icmp action accept" "in p9 action drop" >"$bad"
check_err "a rule the kernel refuses names its line too" "$bad:2: .*no such port" \
	vnetctl rule replace $fw "$bad"
check_eq "after every refusal the rule set is unchanged" "$before" \
	"$(vnetctl -j rule show $fw | jq -c '[.[].rule]')"
check_err "raw: an action past reject" "out of range|ERANGE" \
	ynl --do rule-new --json "{\"ifname\": \"$fw\", \"rule\": {\"action\": 3}}"
check_err "raw: a source without its length" "both its address and its length" \
	ynl --do rule-new --json "{\"ifname\": \"$fw\", \"rule\": {\"src\": $(ip4 10.0.0.0), \"action\": 0}}"
check_eq "nor did the raw ones" "$before" "$(vnetctl -j rule show $fw | jq -c '[.[].rule]')"
# The controls: each refused rule made right, on the same device, is
# taken (after set A's two: 8 more); then set A is put back.
fixed_rules() {
	vnetctl rule add $fw proto tcp dport 80-90 action drop &&
		vnetctl rule add $fw src 10.1.0.0/16 action drop &&
		vnetctl rule add $fw in p1 action drop &&
		vnetctl rule add $fw proto udp dport 80 action accept &&
		vnetctl rule add $fw proto icmp icmp-type 8 action accept &&
		vnetctl rule add $fw proto tcp action accept &&
		vnetctl rule add $fw index 9 action drop &&
		vnetctl rule del $fw 9 &&
		ynl --do rule-new --json "{\"ifname\": \"$fw\", \"rule\": {\"action\": 2}}" &&
		ynl --do rule-new --json "{\"ifname\": \"$fw\", \"rule\": {\"src\": $(ip4 10.0.0.0), \"src-len\": 8, \"action\": 0}}"
}
check_eq "the same rules made right are taken: 10 rules" 10 \
	"$(fixed_rules >/dev/null && vnetctl -j rule show $fw | jq length)"
printf '%s\n' "proto icmp action accept" "proto tcp dport 80 action accept" "" \
	"proto udp dport 7000 action drop" >"$bad"
f1=$(vnetctl rule replace $fw "$bad" && vnetctl -j rule show $fw | jq length)
printf '%s\n' "proto icmp action accept" "in p2 action drop" >"$bad"
f2=$(vnetctl rule replace $fw "$bad" && vnetctl -j rule show $fw | jq length)
check_eq "and both refused files made right load whole: 3 rules, then 2" "3 2" "$f1 $f2"
vnetctl rule replace $fw "$a"

# Malformed and fragmented IPv4: counted as invalid or judged port-less.
mac1=$(ip -j link show p1 | jq -r '.[0].address')
inv0=$(dev_stat $fw drop_invalid)
for kind in ip-truncated ip-bad-version ip-bad-ihl ip-totlen-past-end ip-bad-csum; do
	ip netns exec "$h1" python3 "$TESTS_DIR/badpkt.py" eth0 "$mac2" 10.0.0.1 10.0.0.2 $kind 5
done
check "25 malformed packets counted as drop_invalid" \
	busywait 3000 port_stat_is $fw p1 drop_invalid $((inv0 + 25))
check "and h1 still pings h2 (set A)" ip netns exec "$h1" ping -c 1 -W 2 10.0.0.2
