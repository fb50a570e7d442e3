#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The seed's scenario, end to end, in a guest with vnet.ko loaded
# (make demo boots one and runs this):
#
#   lan1 10.1.0.11 --+                                         +-- srv 10.2.0.10
#                    sw-lan == fw == rt ======================= sw-srv    2001:db8:2::10
#   lan2 10.1.0.12 --+     (patches: no veth between devices)
#        2001:db8:1::/64 by SLAAC
#
# One network holds a vswitch for the LAN, a vfirewall, a vrouter and a
# vswitch for the servers, joined by patch ports; netns hosts are the
# endpoints. The firewall lets the LAN open web (TCP 80) and ping towards
# the servers and nothing else; a policer holds lan2 to 5 Mbit/s; lan1's
# port allows only its own MAC and IP. Both stacks: the router advertises
# the LAN's IPv6 prefix, lan2 configures itself from it, and srv has a
# fixed IPv6 address. Pings and a TCP transfer show it working, a blocked
# SSH connection shows the firewall, and the network's devices, usage and
# picture are printed and written out.
#
#   demo.sh [--short]     --short: one-second transfers (for make check)
# Exits non-zero if anything does not behave as described.
set -u
tree=$(cd "$(dirname "$0")/.." && pwd)
export PATH=$tree/userspace/vnetctl:$PATH
secs=3
[ "${1:-}" = --short ] && secs=1
outdir=${DEMO_OUT:-${VNET_VM_OUT:-/tmp/vnet-demo}}
mkdir -p "$outdir"
servers=()
. "$tree/scripts/demo-lib.sh"

cleanup() {
	local p
	for p in "${servers[@]}"; do kill "$p" 2>/dev/null; done
	vnetctl network del demo force 2>/dev/null
	for h in lan1 lan2 srv; do ip netns del "demo-$h" 2>/dev/null; done
}
trap cleanup EXIT
cleanup

# host NAME SWITCH ADDR/PLEN GATEWAY [ipv6]: a namespace host on a veth
# whose other end becomes an endpoint port of SWITCH, named after the
# host; IPv4 only unless ipv6 is given.
host() {
	local ns=demo-$1
	ip netns add "$ns"
	ip -n "$ns" link set lo up
	if [ "${5:-}" = ipv6 ]; then
		ip netns exec "$ns" sysctl -q -w net.ipv6.conf.default.accept_dad=0
	else
		ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
	fi
	ip link add "$1" type veth peer name eth0 netns "$ns"
	ip -n "$ns" addr add "$3" dev eth0
	ip -n "$ns" link set eth0 up
	ip -n "$ns" route add default via "$4"
	ip link set "$1" up
	run vnetctl port add "$2" dev "$1"
}

say "A network, with quotas"
run vnetctl network add demo description "the seed's scenario" || exit 1
run vnetctl resource set demo ports 16 rules 32 conns 10000

say "Devices: create in the network, set parameters"
run vnetctl device add sw-lan type vswitch network demo ageing 600
run vnetctl device add fw type vfirewall network demo policy drop
run vnetctl device add rt type vrouter network demo
run vnetctl device add sw-srv type vswitch network demo

say "Patch ports join them, no veth between devices"
run vnetctl port add sw-lan peer fw name to-fw peer-name inside
run vnetctl port add fw peer rt name outside peer-name lan
run vnetctl port add rt peer sw-srv name srv peer-name to-rt
run vnetctl addr add rt 10.1.0.1/24 port lan
run vnetctl addr add rt 10.2.0.1/24 port srv
run vnetctl addr add rt 2001:db8:1::1/64 port lan
run vnetctl addr add rt 2001:db8:2::1/64 port srv
run vnetctl port set rt lan ra on

say "Hosts as endpoints"
host lan1 sw-lan 10.1.0.11/24 10.1.0.1
host lan2 sw-lan 10.1.0.12/24 10.1.0.1 ipv6
host srv sw-srv 10.2.0.10/24 10.2.0.1 ipv6
ip -n demo-srv addr add 2001:db8:2::10/64 dev eth0 nodad
ip -n demo-srv route add default via 2001:db8:2::1

say "The firewall: the LAN may ping and open web connections, nothing else"
run vnetctl rule add fw in inside proto icmp icmp-type 8 state new action accept
run vnetctl rule add fw in inside proto icmpv6 icmp-type 128 state new action accept
run vnetctl rule add fw in inside proto tcp dport 80 state new action accept
run vnetctl rule show fw

say "Port security on lan1, a policer for lan2"
mac=$(ip -n demo-lan1 -j link show eth0 | jq -r '.[0].address')
run vnetctl port set sw-lan lan1 allow-mac "$mac" allow-ip 10.1.0.11
run vnetctl resource add demo lan2-limit rate 5mbit burst 256k
run vnetctl port set sw-lan lan2 policer lan2-limit

say "Start the network: every device comes up"
run vnetctl network start demo
run vnetctl device show

say "Pings across switch, firewall, router, switch"
out=$(ip netns exec demo-lan1 ping -c 3 -W 2 10.2.0.10)
echo "$out" | tail -2
expect "lan1 reaches srv, one router hop (ttl 63)" grep -q "ttl=63" <<<"$out"
expect "lan2 reaches srv" ip netns exec demo-lan2 ping -c 2 -W 2 -q 10.2.0.10
expect "srv cannot open anything towards the LAN" \
	bash -c '! ip netns exec demo-srv ping -c 2 -W 1 -q 10.1.0.11 >/dev/null'

say "IPv6: lan2 configures itself from the router's advertisements"
# slaac: lan2's global address, once it has made one.
slaac() {
	ip -n demo-lan2 -j -6 addr show dev eth0 scope global |
		jq -r '.[0].addr_info[0].local // empty'
}
for _ in $(seq 50); do [ -n "$(slaac)" ] && break; sleep 0.1; done
run ip -n demo-lan2 -6 addr show dev eth0 scope global
run ip -n demo-lan2 -6 route show default
expect "lan2 made an address in 2001:db8:1::/64" grep -q '^2001:db8:1:' <<<"$(slaac)"
out=$(ip netns exec demo-lan2 ping -c 3 -W 2 2001:db8:2::10)
echo "$out" | tail -2
expect "lan2 reaches srv over IPv6, one router hop (hop limit 63)" grep -q "ttl=63" <<<"$out"
expect "srv cannot open anything towards the LAN over IPv6 either" \
	bash -c "! ip netns exec demo-srv ping -c 2 -W 1 -q $(slaac) >/dev/null"
run vnetctl route show rt

say "TCP transfers to srv's web port, through the firewall"
# rate HOST: the bit rate of a TCP transfer from HOST to srv's port 80.
rate() {
	ip netns exec demo-srv iperf3 -s -1 -p 80 -D --logfile /dev/null
	sleep 0.5
	ip netns exec "demo-$1" iperf3 -c 10.2.0.10 -p 80 -t "$secs" -J 2>/dev/null |
		jq -r '.end.sum_received.bits_per_second // 0 | floor'
}
r1=$(rate lan1)
r2=$(rate lan2)
echo "    lan1: $((r1 / 1000)) kbit/s   lan2 (policed to 5mbit): $((r2 / 1000)) kbit/s"
expect "lan1's transfer went through" test "$r1" -gt 0
# At most the rate plus the 256 KiB burst spread over the transfer, +10%.
max=$(((5000000 + 2097152 / secs) * 11 / 10))
expect "lan2's went through, held under its policer" test "$r2" -gt 0 -a "$r2" -lt "$max"

say "A blocked connection: SSH from the LAN is dropped by the firewall"
ip netns exec demo-srv timeout 10 python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 22)); s.listen(1); s.accept()' &
servers+=($!)
sleep 0.3
drops=$(vnetctl -j stats fw | jq '.[0].stats.drop_policy')
expect "lan1 cannot connect to srv:22" bash -c \
	'! ip netns exec demo-lan1 timeout 3 bash -c "exec 3<>/dev/tcp/10.2.0.10/22" 2>/dev/null'
expect "the firewall counted the drop" \
	test "$(vnetctl -j stats fw | jq '.[0].stats.drop_policy')" -gt "$drops"

say "A spoofed source from lan1 is dropped by port security"
ip -n demo-lan1 addr add 10.1.0.99/24 dev eth0
expect "lan1 cannot send as 10.1.0.99" \
	bash -c '! ip netns exec demo-lan1 ping -c 1 -W 1 -q -I 10.1.0.99 10.2.0.10 >/dev/null'
expect "counted on its port" test "$(vnetctl -j stats sw-lan |
	jq '.[0].ports[] | select(.name == "lan1") | .stats.drop_port_security')" -gt 0

say "The network, its usage and its picture"
run vnetctl network show demo
run vnetctl resource show demo
run vnetctl conn show fw
vnetctl topology demo --dot > "$outdir/topology.dot"
if command -v dot >/dev/null; then
	dot -Tsvg "$outdir/topology.dot" > "$outdir/topology.svg"
fi
vnetctl topology demo
echo "    picture: $(ls "$outdir"/topology.* | xargs)"
expect "the picture shows the three patches" \
	test "$(grep -c 'style=bold' "$outdir/topology.dot")" = 3

say "Stop the network"
run vnetctl network stop demo
expect "every device is down" \
	test "$(vnetctl -j device show | jq '[.[] | select(.network == "demo" and .state == "up")] | length')" = 0

if [ $failed = 0 ]; then
	say "The demo behaved as described"
else
	say "Something did not behave as described (see [FAILED] above)"
fi
exit $failed
