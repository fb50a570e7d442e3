#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Port security: an endpoint allowed one MAC and some IPs drops, and
# counts, frames from any other source: a changed MAC, a spoofed IPv4 or
# IPv6 source, ARP claiming another address, a VLAN-tagged frame. DAD
# probes pass. "any" lifts each restriction.
. "$(dirname "$0")/lib.sh"
require_module
on_exit vnet_flush
vnetctl device add ps-sw type vswitch
vnetctl device start ps-sw
add_host h1 ps-sw ps1 10.30.0.1/24 || exit 1
add_host h2 ps-sw ps2 10.30.0.2/24 || exit 1
on_exit 'ip link del ps1; ip link del ps2'
mac1=$(host_mac "$h1" eth0)
sec() { vnetctl -j port show ps-sw | jq -c ".[] | select(.name == \"ps1\") | [.allow_mac, .allow_ip]"; }
drops() { port_stat ps-sw ps1 drop_port_security; }
macx=${mac1//:/}

check "port set allow-mac allow-ip" vnetctl port set ps-sw ps1 allow-mac "$mac1" allow-ip 10.30.0.1 fd00::1
check_eq "the port shows its identity" "[\"$mac1\",[\"10.30.0.1\",\"fd00::1\"]]" "$(sec)"
ip -n "$h2" neigh flush all
check "the allowed source still works" ip netns exec "$h1" ping -c 2 -W 2 10.30.0.2
check_eq "nothing was dropped" "0" "$(drops)"

ip -n "$h1" addr add 10.30.0.99/24 dev eth0
check_err "a spoofed IPv4 source is dropped" "." ip netns exec "$h1" ping -c 2 -W 1 -I 10.30.0.99 10.30.0.2
check "and counted" test "$(drops)" -gt 0
ip -n "$h1" addr del 10.30.0.99/24 dev eth0

n=$(drops)
# ARP reply from h1's own MAC claiming h2's address.
send_frame "$h1" "ffffffffffff${macx}08060001080006040002${macx}0a1e0002ffffffffffff0a1e0002"
busywait 2000 test "$(drops)" -gt "$n"
check "ARP claiming another IP is dropped and counted" test "$(drops)" -gt "$n"
n=$(drops)
send_frame "$h1" "ffffffffffff${macx}08060001080006040001${macx}000000000000000000000a1e0001"
sleep 0.3
check_eq "an ARP probe from 0.0.0.0 (DAD) passes" "$n" "$(drops)"
send_frame "$h1" "ffffffffffff020000000099080045000014000000004001000000000a1e00010a1e0002"
busywait 2000 test "$(drops)" -gt "$n"
check "another source MAC is dropped and counted" test "$(drops)" -gt "$n"
n=$(drops)
send_frame "$h1" "ffffffffffff${macx}8100000a080045000014000000004001000000000a1e00010a1e0002"
busywait 2000 test "$(drops)" -gt "$n"
check "a VLAN-tagged frame is dropped" test "$(drops)" -gt "$n"
n=$(drops)
# IPv6 from fd00::2 (not allowed), then from fd00::1 (allowed).
v6() { printf '%s' "333300000001${macx}86dd6000000000083a40${1}ff020000000000000000000000000001"; }
send_frame "$h1" "$(v6 fd000000000000000000000000000002)0000000000000000"
busywait 2000 test "$(drops)" -gt "$n"
check "a spoofed IPv6 source is dropped" test "$(drops)" -gt "$n"
n=$(drops)
send_frame "$h1" "$(v6 fd000000000000000000000000000001)0000000000000000"
sleep 0.3
check_eq "an allowed IPv6 source passes" "$n" "$(drops)"

before=$(sec)
check_err "a multicast MAC cannot be allowed" "must be a unicast address" \
	vnetctl port set ps-sw ps1 allow-mac 01:00:5e:00:00:01
check_err "a malformed address is a usage error" "invalid IP address" \
	vnetctl port set ps-sw ps1 allow-ip 10.30.0.300
check_err "at most 64 addresses" "at most 64 addresses" \
	vnetctl port set ps-sw ps1 allow-ip $(seq -f '10.31.0.%g' 1 65)
check_eq "nothing changed" "$before" "$(sec)"
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
busywait 2000 test "$(drops)" -ge $((n + 4))
check_eq "truncated ARP, IPv4 and IPv6 headers are dropped" "$((n + 4))" "$(drops)"
ip -n "$h1" addr del 10.30.0.99/24 dev eth0
check "and the port still works" ip netns exec "$h1" ping -c 1 -W 2 10.30.0.2
