#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A port is published only when it is whole. Its settings (port security,
# state, and on a vfirewall the rules that name it) hold from its first
# frame, and a port add that fails late (a VLAN of the switch itself: the
# upper-device link refuses it) leaves nothing the packet path could have
# seen. Each race is run under a stream of frames, many times over.
#
#   h1 -- pp1 [pp-sw] pp2 -- h2       pp2 is added and deleted in a loop
#                  |
#               pp-sw.10 (a VLAN on the switch itself: never a port)
#
#   h3 -- pf1 [pp-fw] pf2 -- h4       the same on a vfirewall
. "$(dirname "$0")/lib.sh"
require_module
plan 19
on_exit vnet_flush
sw=pp-sw
fw=pp-fw
add_device $sw vswitch
add_host h1 $sw pp1 10.31.0.1/24 || exit 1
add_host h2 $sw pp2 10.31.0.2/24 || exit 1
vnetctl port del $sw pp2
mac2=$(host_mac "$h2" eth0)
spoof=02:00:00:00:31:99
rounds=$(scaled 30 3)
tx1() { port_stat $sw pp1 tx_packets; }

# Port security from the first frame: h2 streams broadcasts from a MAC it
# is not allowed while pp2 comes and goes with allow-mac set.
stream_frame "$h2" "$(frame udp $spoof ff:ff:ff:ff:ff:ff 10.31.0.2 10.31.0.1 7 9)" 600 &
streamer=$!
learned=0
added=0
dropped=0
for i in $(seq 1 "$rounds"); do
	vnetctl port add $sw dev pp2 allow-mac "$mac2" || break
	added=$((added + 1))
	[ -n "$(fdb_port $sw $spoof)" ] && learned=$((learned + 1))
	dropped=$((dropped + $(port_stat $sw pp2 drop_port_security)))
	vnetctl port del $sw pp2
done
check_eq "port add takes allow-mac: added $rounds times" "$rounds" "$added"
check_eq "a port added with allow-mac under a spoofing stream never learned the spoofed MAC" \
	"0" "$learned"
check "while the stream hit those ports: $dropped of its frames dropped by port security" \
	test "$dropped" -gt 0
# Positive control: the same stream into a port without port security.
vnetctl port add $sw dev pp2
spoof_on_pp2() { [ "$(fdb_port $sw $spoof)" = pp2 ]; }
check "without allow-mac the stream's source is learned on pp2" busywait 5000 spoof_on_pp2
vnetctl port del $sw pp2

# State down from the first frame: nothing reaches h1 through pp2.
n=$(tx1)
added=0
for i in $(seq 1 "$rounds"); do
	vnetctl port add $sw dev pp2 state down || break
	added=$((added + 1))
	vnetctl port del $sw pp2
done
check_eq "port add takes state down: added $rounds times" "$rounds" "$added"
check_eq "ports added down under a stream: nothing went out of pp1" "$n" "$(tx1)"
vnetctl port add $sw dev pp2
tx1_moved() { [ "$(tx1)" -gt "$n" ]; }
check "positive control: added up, the stream goes out of pp1" busywait 5000 tx1_moved
vnetctl port del $sw pp2

# A port add that fails late: the switch's own VLAN. Tagged frames to the
# switch's MAC go up to pp-sw.10 all along, each from one of 65536 stations in
# turn, so one that met a half-added port stays in the FDB on it (a
# station seen again would move back at once), and the dump below reads
# that port. h2 streams unicast to h1 besides.
kill $streamer 2>/dev/null
wait $streamer 2>/dev/null
swmac=$(ip -j link show $sw | jq -r '.[0].address')
ip link add link $sw name $sw.10 type vlan id 10
ip link set $sw.10 up
mac1=$(host_mac "$h1" eth0)
vnetctl port add $sw dev pp2
rx_vlan() { ip -s -j link show $sw.10 | jq -r '.[0].stats64.rx.packets'; }
vlan_rx0=$(rx_vlan)
stream_frame "$h1" "$(frame udp "$mac1" "$swmac" 10.31.0.1 10.31.0.9 7 9 8100:10)" 600 vary-source &
tagged=$!
vlan_moved() { [ "$(rx_vlan)" -gt "$vlan_rx0" ]; }
check "positive control: the tagged stream reaches $sw.10" busywait 20000 vlan_moved
stream_frame "$h2" "$(frame udp "$mac2" "$mac1" 10.31.0.2 10.31.0.1 7 9)" 600 &
unicast=$!
refused=0
vrounds=$(scaled 200 20)
for i in $(seq 1 "$vrounds"); do
	if ! vnetctl port add $sw dev $sw.10 >/dev/null 2>&1; then
		refused=$((refused + 1))
	fi
done
check_eq "a VLAN of the switch is refused as its port, every time ($vrounds)" "$vrounds" "$refused"
check_eq "and the switch keeps its two ports" "pp1 pp2" \
	"$(vnetctl -j port show $sw | jq -r '[.[].name] | sort | join(" ")')"
check_eq "no FDB entry names a port that is not there" "" \
	"$(vnetctl -j fdb show $sw | jq -r '.[] | select(.port != "pp1" and .port != "pp2") | .mac' ||
	   echo "the dump failed")"
# Control: the dump does read the stations of the streams, h2's on pp2.
mac2_on_pp2() { [ "$(fdb_port $sw "$mac2")" = pp2 ]; }
check "control: the FDB dump names h2's stream source on pp2" busywait 5000 mac2_on_pp2
check_eq "the VLAN device is left with no master" "null" \
	"$(ip -j -d link show $sw.10 | jq -r '.[0].master')"
check_eq "control: a port whose add went through, pp2, has the switch for master" "$sw" \
	"$(ip -j -d link show pp2 | jq -r '.[0].master')"
kill $tagged $unicast 2>/dev/null
wait $tagged $unicast 2>/dev/null
check "the switch still forwards: h1 pings h2" ip netns exec "$h1" ping -c 2 -W 2 10.31.0.2
ip link del $sw.10

# The vfirewall: a rule naming pf2 drops its traffic from the first frame
# of every time pf2 is added.
add_device $fw vfirewall
add_host h3 $fw pf1 10.32.0.1/24 || exit 1
add_host h4 $fw pf2 10.32.0.2/24 || exit 1
vnetctl rule add $fw in pf2 action drop
vnetctl port del $fw pf2
mac4=$(host_mac "$h4" eth0)
stream_frame "$h4" "$(frame udp "$mac4" ff:ff:ff:ff:ff:ff 10.32.0.2 10.32.0.1 7 9)" 600 &
streamer=$!
n=$(port_stat $fw pf1 tx_packets)
added=0
for i in $(seq 1 "$rounds"); do
	vnetctl port add $fw dev pf2 || break
	added=$((added + 1))
	vnetctl port del $fw pf2
done
check_eq "pf2 added $rounds times under a stream" "$rounds" "$added"
check_eq "the rule naming pf2 let nothing through" "$n" "$(port_stat $fw pf1 tx_packets)"
vnetctl port add $fw dev pf2
rule_counted() { [ "$(vnetctl -j rule show $fw | jq '.[0].packets')" -gt 0 ]; }
check "and dropped the stream by its rule" busywait 5000 rule_counted
vnetctl rule flush $fw
pf1_moved() { [ "$(port_stat $fw pf1 tx_packets)" -gt "$n" ]; }
check "positive control: with no rule the stream goes out of pf1" busywait 5000 pf1_moved
kill $streamer 2>/dev/null
wait $streamer 2>/dev/null
exit 0
