#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A vfirewall in the wire between an inside and an outside host: it
# switches between its ports and judges IPv4 by its rules, then its
# policy; everything else by its l2-policy.
#
#   h1 10.0.0.1 (inside) -- p1 [fw] p2 -- h2 10.0.0.2 (outside)
. "$(dirname "$0")/lib.sh"
require_module
plan 25
on_exit vnet_flush
fw=fw-fw
add_device $fw vfirewall
add_host h1 $fw p1 10.0.0.1/24 || exit 1
add_host h2 $fw p2 10.0.0.2/24 || exit 1
n1() { ip netns exec "$h1" "$@"; }
n2() { ip netns exec "$h2" "$@"; }
mac1=$(host_mac "$h1" eth0)
mac2=$(host_mac "$h2" eth0)
rule_packets() { vnetctl -j rule show $fw | jq -r ".[] | select(.index == $1) | .packets"; }

check "policy accept, no rules: h1 pings h2" n1 ping -c 2 -W 2 10.0.0.2
check "policy drop" vnetctl device set $fw policy drop
# h1 forgets h2's MAC, so the ping below must ARP for it again.
ip -n "$h1" neigh flush all
d=$(dev_stat $fw drop_policy)
check_err "then nothing passes" "." n1 ping -c 1 -W 1 10.0.0.2
check_eq "and its one request is counted as drop_policy" "$((d + 1))" "$(dev_stat $fw drop_policy)"
check_eq "ARP still passes (l2-policy accept): h1 learned h2's MAC anew" "$mac2" \
	"$(ip -n "$h1" -j neigh show 10.0.0.2 | jq -r '.[0].lladdr')"

check "a rule accepting ICMP" vnetctl rule add $fw proto icmp action accept
check "h1 pings h2 again" n1 ping -c 3 -W 2 10.0.0.2
# h2's MAC is known (above): only the 3 requests and 3 replies are IPv4,
# each judged once (one egress port).
check_eq "rule 1 counted the 3 requests and 3 replies" 6 "$(rule_packets 1)"
check_eq "rule show speaks the add syntax" "1: proto icmp action accept" \
	"$(vnetctl rule show $fw | sed 's/  #.*//')"

# TCP to port 80 from inside only (stateless: the replies by their port).
vnetctl rule add $fw in p1 proto tcp dport 80 action accept
vnetctl rule add $fw in p2 proto tcp sport 80 action accept
serve() {	# serve NS PORT: answer one connection with "hello"
	ip netns exec "$1" timeout 60 python3 -c "
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('0.0.0.0', $2)); s.listen(1)
c, _ = s.accept(); c.sendall(b'hello'); c.close()" &
	busywait 30000 listening "$1" tcp "$2"
}
# The socket's own 3 s timeout decides; the outer limit only catches a hang
# (python alone may take seconds to start on a busy debug guest).
connect() {	# connect NS ADDR PORT: print what the server says
	ip netns exec "$1" timeout 30 python3 -c "
import socket, sys
s = socket.create_connection(('$2', $3), timeout=3)
sys.stdout.write(s.recv(100).decode())"
}
serve "$h2" 80
check_eq "a TCP connection from inside to port 80 works" "hello" "$(connect "$h1" 10.0.0.2 80)"
serve "$h1" 80
check_err "a TCP connection from outside to port 80 is dropped" "timed out" connect "$h2" 10.0.0.1 80
# The control: the same connection to the same server, once rules (4 and 5,
# gone again after) let it in.
vnetctl rule add $fw in p2 proto tcp dport 80 action accept
vnetctl rule add $fw in p1 proto tcp sport 80 action accept
check_eq "with rules for it the same connection from outside works" "hello" \
	"$(connect "$h2" 10.0.0.1 80)"
vnetctl rule del $fw 5
vnetctl rule del $fw 4
kill %% 2>/dev/null

# Reject: TCP gets a RST, UDP an ICMP port unreachable.
rejects0=$(dev_stat $fw rejects_sent)
vnetctl rule add $fw index 1 in p2 proto tcp dport 22 action reject
check_err "reject answers TCP with a RST: connection refused" "Connection refused|refused" \
	connect "$h2" 10.0.0.1 22
vnetctl rule add $fw index 1 in p2 proto udp dport 53 action reject
check_err "reject answers UDP with port unreachable" "ConnectionRefused|refused" \
	ip netns exec "$h2" python3 -c "
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(3)
s.connect(('10.0.0.1', 53)); s.send(b'x'); s.recv(10)"
# One SYN (the RST comes back before any retransmit) and one datagram.
check_eq "both rejects were counted" $((rejects0 + 2)) "$(dev_stat $fw rejects_sent)"
check_eq "rules are listed in order" "1 2 3 4 5" \
	"$(vnetctl -j rule show $fw | jq -r '[.[].index] | join(" ")')"
check "rule del" vnetctl rule del $fw 1
check_eq "the rest moved up" "1: in p2 proto tcp dport 22 action reject" \
	"$(vnetctl rule show $fw | head -1 | sed 's/  #.*//')"

# Non-IPv4 follows l2-policy.
vnetctl device set $fw l2-policy drop
# h1 then knows no neighbour, so sends no ARP of its own until asked: the
# one request sent by hand is the only L2 frame p1 sees (the ping's ARP
# retries, seconds long, come after the count).
n1 ip neigh flush all
l2=$(port_stat $fw p1 drop_l2)
m1=${mac1//:/}	# ARP, broadcast: who has 10.0.0.2, tell 10.0.0.1 (h1)
send_frame "$h1" "ffffffffffff${m1}08060001080006040001${m1}0a0000010000000000000a000002"
check "l2-policy drop: one ARP request from h1, one drop_l2 on p1" \
	busywait 3000 port_stat_is $fw p1 drop_l2 $((l2 + 1))
check_err "so the ping, which must ARP, fails" "." n1 ping -c 1 -W 1 10.0.0.2
vnetctl device set $fw l2-policy accept
check "l2-policy accept: back" busywait 5000 n1 ping -c 1 -W 1 10.0.0.2
check "rule flush" vnetctl rule flush $fw
check_eq "no rules" "0" "$(vnetctl -j rule show $fw | jq length)"
# h2's MAC is resolved by the ping above: one request, and nothing else.
pol=$(port_stat $fw p1 drop_policy)
check_err "policy drop with no rules drops all IPv4" "." n1 ping -c 1 -W 1 10.0.0.2
check_eq "its one request counted as drop_policy on p1" $((pol + 1)) \
	"$(port_stat $fw p1 drop_policy)"
