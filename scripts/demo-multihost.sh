#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A network across two hosts, in a guest with vnet.ko loaded (make
# demo-multihost boots one and runs this). The hosts are namespaces on one
# underlay link, each with vnet devices of its own; the same batch file,
# but for the host's local address, brings the network up on each:
#
#   web1 10.7.0.11 - [host-a 198.51.100.1] ==== underlay ==== [host-b 198.51.100.2] - web2 10.7.0.12
#                     vswitch "seg", vni 700                      vswitch "seg", vni 700
#
# The two containers ping across, the underlay shows VXLAN with VNI 700,
# and each host's switch has learned the other's container on its tunnel
# port. Exits non-zero if anything does not behave as described.
set -u
tree=$(cd "$(dirname "$0")/.." && pwd)
export PATH=$tree/userspace/vnetctl:$PATH
work=$(mktemp -d)
. "$tree/scripts/demo-lib.sh"
cleanup() {
	local ns
	for ns in host-a host-b web1 web2; do
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT

say "Two hosts on one underlay link, and a container on each"
for ns in host-a host-b web1 web2; do
	ip netns add "$ns"
	ip -n "$ns" link set lo up
	# No IPv6 chatter on the devices made below.
	ip netns exec "$ns" sysctl -q -w net.ipv6.conf.default.disable_ipv6=1 \
		net.ipv6.conf.all.disable_ipv6=1
done
ip -n host-a link add eth0 type veth peer name eth0 netns host-b
ip -n host-a addr add 198.51.100.1/24 dev eth0
ip -n host-b addr add 198.51.100.2/24 dev eth0
for h in a b; do
	ip -n "host-$h" link set eth0 up
done
ip -n host-a link add web1 type veth peer name eth0 netns web1
ip -n host-b link add web2 type veth peer name eth0 netns web2
ip -n web1 addr add 10.7.0.11/24 dev eth0
ip -n web2 addr add 10.7.0.12/24 dev eth0
for c in web1 web2; do
	ip -n "$c" link set eth0 up
done
ip -n host-a link set web1 up
ip -n host-b link set web2 up

say "One batch file for both hosts, but for the local address"
cat > "$work/net.batch" <<'EOF'
network add tenant
network host add tenant 198.51.100.1
network host add tenant 198.51.100.2
network set tenant underlay eth0 local LOCAL
device add seg type vswitch network tenant vni 700
port add seg dev PORT
network start tenant
EOF
cat "$work/net.batch"
sed 's/LOCAL/198.51.100.1/; s/PORT/web1/' "$work/net.batch" > "$work/a.batch"
sed 's/LOCAL/198.51.100.2/; s/PORT/web2/' "$work/net.batch" > "$work/b.batch"
expect "host-a runs it" run ip netns exec host-a vnetctl -b "$work/a.batch"
expect "host-b runs it" run ip netns exec host-b vnetctl -b "$work/b.batch"
run ip netns exec host-a vnetctl network show tenant

say "The containers reach each other across the hosts"
ip netns exec host-a tcpdump -i eth0 -nn -c 1 -l 'udp dst port 4789' \
	> "$work/dump" 2>/dev/null &
dump=$!
sleep 1
expect "web1 pings web2" run ip netns exec web1 ping -c 3 -i 0.2 -W 2 10.7.0.12
wait "$dump"
cat "$work/dump"
expect "the underlay carries VXLAN with VNI 700" grep -q "vni 700" "$work/dump"
run ip netns exec host-a vnetctl fdb show seg
web2_mac=$(ip netns exec web2 cat /sys/class/net/eth0/address)
learned() {
	ip netns exec host-a vnetctl -j fdb show seg |
		jq -e --arg m "$web2_mac" '.[] | select(.mac == $m and .port == "vnetvx700")' >/dev/null
}
expect "host-a learned web2 on its tunnel port" learned
run ip netns exec host-a vnetctl port show seg

say "Taking host-b out of host-a's flood list cuts it off"
run ip netns exec host-a vnetctl network host del tenant 198.51.100.2
expect "web1 no longer reaches web2" \
	sh -c '! ip netns exec web1 ping -c 2 -i 0.2 -W 1 10.7.0.12 >/dev/null'
run ip netns exec host-a vnetctl network host add tenant 198.51.100.2
expect "and reaches it again once it is back" \
	ip netns exec web1 ping -c 1 -W 2 10.7.0.12

[ $failed = 0 ] && say "done" || say "something did not behave as described"
exit $failed
