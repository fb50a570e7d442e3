#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 802.1D link-local frames (01:80:c2:00:00:00 to 0f: STP, pause, LACP,
# 802.1X, LLDP) from a port go up to the host and are not flooded, as a
# bridge does; group-fwd-mask forwards the groups it names, never pause
# or LACP; what the host itself sends on the switch goes out to all.
#
#   h1 -- l1 [ll-sw] l2 -- h2        the host on ll-sw
. "$(dirname "$0")/lib.sh"
require_module
plan 20
on_exit vnet_flush
sw=ll-sw
add_device $sw vswitch
add_host h1 $sw l1 10.19.0.1/24 || exit 1
add_host h2 $sw l2 10.19.0.2/24 || exit 1
mac1=$(host_mac "$h1" eth0)
host_rx() { ip -s -j link show $sw | jq -r '.[0].stats64.rx.packets'; }
# fate GROUP ETHERTYPE: send one frame from h1 to 01:80:c2:00:00:GROUP and
# say where it went: how many frames h2 and the host received meanwhile.
fate() {
	local h0 u0
	h0=$(rx_packets "$h2" eth0)
	u0=$(host_rx)
	send_frame "$h1" "$(frame ether "$mac1" "01:80:c2:00:00:$1" "$2")"
	arrived() { [ "$(host_rx)" -gt "$u0" ] || [ "$(rx_packets "$h2" eth0)" -gt "$h0" ]; }
	busywait 3000 arrived
	sleep 0.2	# a copy to the other side, if any, comes with it
	echo "h2 $(($(rx_packets "$h2" eth0) - h0)) host $(($(host_rx) - u0))"
}

check_eq "control: a multicast outside the link-local range (01:80:c2:00:00:10) floods" \
	"h2 1 host 1" "$(fate 10 88cc)"
check_eq "STP (00) goes up only" "h2 0 host 1" "$(fate 00 0026)"
check_eq "pause (01) goes up only" "h2 0 host 1" "$(fate 01 8808)"
check_eq "LACP (02) goes up only" "h2 0 host 1" "$(fate 02 8809)"
check_eq "802.1X (03) goes up only" "h2 0 host 1" "$(fate 03 888e)"
check_eq "LLDP (0e) goes up only" "h2 0 host 1" "$(fate 0e 88cc)"
check_eq "the default group-fwd-mask is 0" 0 "$(jfield $sw group-fwd-mask)"

# The mask forwards 802.1X (bit 3) and LLDP (bit 14).
check "group-fwd-mask 0x4008 is taken" vnetctl device set $sw group-fwd-mask 0x4008
check_eq "and shown (vnetctl)" 16392 "$(jfield $sw group-fwd-mask)"
check_eq "and shown (ip -d)" 16392 "$(ipfield $sw group-fwd-mask)"
check_eq "802.1X (03) now floods and goes up" "h2 1 host 1" "$(fate 03 888e)"
check_eq "LLDP (0e) too" "h2 1 host 1" "$(fate 0e 88cc)"
check_eq "STP (00), not in the mask, still goes up only" "h2 0 host 1" "$(fate 00 0026)"

# Pause and LACP are never forwarded: the mask cannot name them.
check_err "a mask with pause (bit 1) is refused" "cannot forward pause" \
	vnetctl device set $sw group-fwd-mask 0x2
check_err "nor LACP (bit 2), through ip link" "cannot forward pause" \
	ip link set $sw type vswitch group-fwd-mask 4
check_err "a mask past 16 bits is refused" "expected a number from 0 to 65535" \
	vnetctl device set $sw group-fwd-mask 0x10000
check_eq "and the mask is unchanged" 16392 "$(jfield $sw group-fwd-mask)"
check "ip link add takes it" ip link add ll-sw2 type vswitch group-fwd-mask 1
check_eq "and shows it" 1 "$(ipfield ll-sw2 group-fwd-mask)"
ip link del ll-sw2

# The host's own frames on the switch are its to send: LLDP from the host
# goes out of every port.
vnetctl device set $sw group-fwd-mask 0
h1_0=$(rx_packets "$h1" eth0)
h2_0=$(rx_packets "$h2" eth0)
python3 -c "
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(('$sw', 0))
s.send(bytes.fromhex(sys.argv[1]))" "$(frame ether "$(ip -j link show $sw | jq -r '.[0].address')" 01:80:c2:00:00:0e 88cc)"
both_got() {
	[ "$(rx_packets "$h1" eth0)" -gt "$h1_0" ] && [ "$(rx_packets "$h2" eth0)" -gt "$h2_0" ]
}
busywait 3000 both_got
check_eq "LLDP the host sends on the switch reaches both hosts, once each" "1 1" \
	"$(($(rx_packets "$h1" eth0) - h1_0)) $(($(rx_packets "$h2" eth0) - h2_0))"
