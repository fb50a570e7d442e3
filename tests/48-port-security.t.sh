#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Port security: an endpoint allowed one MAC and some IPs drops, and
# counts, frames from any other source: a changed MAC, a spoofed IPv4 or
# IPv6 source, ARP or a neighbour advertisement claiming another address,
# and any tagged frame. Each is shown beside the same frame from the allowed source
# passing. DAD probes pass. "any" lifts each restriction.
. "$(dirname "$0")/lib.sh"
require_module
plan 46
on_exit vnet_flush
vnetctl device add ps-sw type vswitch
vnetctl device start ps-sw
# The host's IPv6 chatter on the switch would be flooded out ps2, whose
# egress counter shows below what passed.
sysctl -q -w net.ipv6.conf.ps-sw.disable_ipv6=1
add_host h1 ps-sw ps1 10.30.0.1/24 || exit 1
add_host h2 ps-sw ps2 10.30.0.2/24 || exit 1
on_exit 'ip link del ps1; ip link del ps2'
mac1=$(host_mac "$h1" eth0)
mac2=$(host_mac "$h2" eth0)
sec() { vnetctl -j port show ps-sw | jq -c ".[] | select(.name == \"ps1\") | [.allow_mac, .allow_ip]"; }
drops() { port_stat ps-sw ps1 drop_port_security; }
drops_are() { [ "$(drops)" = "$1" ]; }
# What the switch sent out to h2: a frame from h1 that passed.
to_h2() { port_stat ps-sw ps2 tx_packets; }
to_h2_is() { [ "$(to_h2)" = "$1" ]; }
macx=${mac1//:/}

check "port set allow-mac allow-ip" vnetctl port set ps-sw ps1 allow-mac "$mac1" allow-ip 10.30.0.1 fd00::1
check_eq "the port shows its identity" "[\"$mac1\",[\"10.30.0.1\",\"fd00::1\"]]" "$(sec)"
ip -n "$h2" neigh flush all
check "the allowed source still works" ip netns exec "$h1" ping -c 2 -W 2 10.30.0.2
check_eq "nothing was dropped" "0" "$(drops)"

ip -n "$h1" addr add 10.30.0.99/24 dev eth0
check_err "a spoofed IPv4 source is dropped" "." ip netns exec "$h1" ping -c 2 -W 1 -I 10.30.0.99 10.30.0.2
check_eq "and counted: both requests" "2" "$(drops)"
ip -n "$h1" addr del 10.30.0.99/24 dev eth0
# Neighbours permanent both ways: no ARP probe moves the counters below.
ip -n "$h1" neigh replace 10.30.0.2 dev eth0 lladdr "$mac2" nud permanent
ip -n "$h2" neigh replace 10.30.0.1 dev eth0 lladdr "$mac1" nud permanent

# ARP replies from h1's MAC: claiming its own address (positive control),
# then h2's.
n=$(drops)
t=$(to_h2)
send_frame "$h1" "ffffffffffff${macx}08060001080006040002${macx}0a1e0001ffffffffffff0a1e0001"
check "ARP claiming h1's own IP passes: flooded out to h2" busywait 2000 to_h2_is $((t + 1))
check_eq "and is not counted as a drop" "$n" "$(drops)"
send_frame "$h1" "ffffffffffff${macx}08060001080006040002${macx}0a1e0002ffffffffffff0a1e0002"
check "ARP claiming another IP is dropped and counted once" busywait 2000 drops_are $((n + 1))
check_eq "and is not flooded" "$((t + 1))" "$(to_h2)"
n=$(drops)
t=$(to_h2)
send_frame "$h1" "ffffffffffff${macx}08060001080006040001${macx}000000000000000000000a1e0001"
check "an ARP probe from 0.0.0.0 (DAD) passes: flooded out to h2" busywait 2000 to_h2_is $((t + 1))
check_eq "and is not counted as a drop" "$n" "$(drops)"

# One correct UDP frame to h2's MAC, for an address nobody has (h2
# answers nothing), sent from the allowed MAC and IP, then changed in one
# field at a time.
n=$(drops)
t=$(to_h2)
send_frame "$h1" "$(frame udp "$mac1" "$mac2" 10.30.0.1 10.30.0.98 7 9)"
check "positive control: from the allowed MAC and IP it goes to h2" busywait 2000 to_h2_is $((t + 1))
check_eq "and is not counted as a drop" "$n" "$(drops)"
send_frame "$h1" "$(frame udp 02:00:00:00:00:99 "$mac2" 10.30.0.1 10.30.0.98 7 9)"
check "from another source MAC it is dropped and counted once" busywait 2000 drops_are $((n + 1))
check_eq "and does not reach h2" "$((t + 1))" "$(to_h2)"
# The core moves an 802.1Q tag into vlan_tci before the port sees the
# frame; port security drops every tagged frame, whatever its source.
send_frame "$h1" "$(frame udp "$mac1" "$mac2" 10.30.0.77 10.30.0.98 7 9 8100:10)"
check "802.1Q-tagged, from an IP not allowed: dropped and counted once" \
	busywait 2000 drops_are $((n + 2))
check_eq "and does not reach h2" "$((t + 1))" "$(to_h2)"
send_frame "$h1" "$(frame udp "$mac1" "$mac2" 10.30.0.1 10.30.0.98 7 9 8100:10)"
check "802.1Q-tagged, from the allowed MAC and IP: dropped and counted once" \
	busywait 2000 drops_are $((n + 3))
check_eq "and does not reach h2" "$((t + 1))" "$(to_h2)"
send_frame "$h1" "$(frame udp "$mac1" "$mac2" 10.30.0.1 10.30.0.98 7 9 8100:0)"
check "priority-tagged (VID 0), from the allowed MAC and IP: dropped and counted once" \
	busywait 2000 drops_are $((n + 4))
check_eq "and does not reach h2" "$((t + 1))" "$(to_h2)"
# QinQ: the core takes out the outer (802.1ad) tag only.
send_frame "$h1" "$(frame udp "$mac1" "$mac2" 10.30.0.1 10.30.0.98 7 9 88a8:20 8100:10)"
check "QinQ-tagged, from the allowed MAC and IP: dropped and counted once" \
	busywait 2000 drops_are $((n + 5))
check_eq "and does not reach h2" "$((t + 1))" "$(to_h2)"

# IPv6 from fd00::2 (not allowed), then from fd00::1 (allowed), to
# ff02::1: flooded out to h2 when it passes.
n=$(drops)
t=$(to_h2)
v6() { printf '%s' "333300000001${macx}86dd6000000000083a40${1}ff020000000000000000000000000001"; }
send_frame "$h1" "$(v6 fd000000000000000000000000000002)0000000000000000"
check "a spoofed IPv6 source is dropped and counted once" busywait 2000 drops_are $((n + 1))
check_eq "and is not flooded" "$t" "$(to_h2)"
send_frame "$h1" "$(v6 fd000000000000000000000000000001)0000000000000000"
check "an allowed IPv6 source passes: flooded out to h2" busywait 2000 to_h2_is $((t + 1))
check_eq "and is not counted as a drop" "$((n + 1))" "$(drops)"

# Neighbour advertisements from h1's MAC and address: for its own address
# (the control), for another, and for its own naming another MAC.
n=$(drops)
t=$(to_h2)
na() { send_frame "$h1" "$(frame na6 "$mac1" 33:33:00:00:00:01 fd00::1 ff02::1 "$@")"; }
na fd00::1
check "an advertisement for the port's own IPv6 address passes" busywait 2000 to_h2_is $((t + 1))
na fd00::99
check "one claiming another address is dropped and counted once" busywait 2000 drops_are $((n + 1))
na fd00::1 02:00:00:00:00:99
check "one naming another MAC in its option is dropped and counted once" \
	busywait 2000 drops_are $((n + 2))
check_eq "neither was flooded" "$((t + 1))" "$(to_h2)"
send_frame "$h1" "$(frame na6-frag "$mac1" 33:33:00:00:00:01 fd00::1 ff02::1 fd00::1)"
check "the first advertisement again, in a fragment, is dropped (RFC 6980)" \
	busywait 2000 drops_are $((n + 3))
check_eq "and not flooded" "$((t + 1))" "$(to_h2)"

before=$(sec)
check_err "a multicast MAC cannot be allowed" "must be a unicast address" \
	vnetctl port set ps-sw ps1 allow-mac 01:00:5e:00:00:01
check_err "a malformed address is a usage error" "invalid IP address" \
	vnetctl port set ps-sw ps1 allow-ip 10.30.0.300
check_err "at most 64 addresses" "at most 64 addresses" \
	vnetctl port set ps-sw ps1 allow-ip $(seq -f '10.31.0.%g' 1 65)
check_eq "nothing changed" "$before" "$(sec)"
check "but 64 fit" vnetctl port set ps-sw ps1 allow-ip $(seq -f '10.31.0.%g' 1 64)
check_eq "and are all kept" "64" "$(vnetctl -j port show ps-sw | jq '.[] | select(.name == "ps1") | .allow_ip | length')"
vnetctl device add ps-sw2 type vswitch
vnetctl port add ps-sw peer ps-sw2
check_err "port security is for endpoints, not patches" "port security is for endpoint ports" \
	vnetctl port set ps-sw ps-sw2 allow-mac 02:00:00:00:00:01
check "allow-ip any, allow-mac any lift it" vnetctl port set ps-sw ps1 allow-ip any allow-mac any
check_eq "the port has no identity left" "[null,null]" "$(sec)"
ip -n "$h1" addr add 10.30.0.99/24 dev eth0
check "any source passes again" ip netns exec "$h1" ping -c 1 -W 2 -I 10.30.0.99 10.30.0.2

# Truncated headers on a secured port are dropped, never read past.
vnetctl port set ps-sw ps1 allow-mac "$mac1" allow-ip 10.30.0.1
n=$(drops)
send_frame "$h1" "ffffffffffff${macx}0806000108000604"
send_frame "$h1" "ffffffffffff${macx}08004500"
send_frame "$h1" "ffffffffffff${macx}86dd6000"
send_frame "$h1" "ffffffffffff${macx}08060001080006040001${macx}0a1e"
busywait 2000 drops_are $((n + 4))
check_eq "truncated ARP, IPv4 and IPv6 headers are dropped" "$((n + 4))" "$(drops)"
ip -n "$h1" addr del 10.30.0.99/24 dev eth0
check "and the port still works" ip netns exec "$h1" ping -c 1 -W 2 10.30.0.2
