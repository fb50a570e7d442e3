#!/bin/bash
# Run in the guest (scripts/vm-run scripts/bench/l3-pktgen.sh [ROUNDS]):
# pktgen sends 64-byte UDP/IPv4 frames into veth a0; its peer a1 is the
# ingress port of the router under test, which routes them out of b1 to b0
# (10.2.0.2, in namespace "sink", resolved by ARP). The router is a vrouter,
# or the kernel's own IPv4 forwarding in a namespace router holding a1 and
# b1; both also hold ROUTES extra routes (default 0). The delivered rate
# (b0's rx packets per second of pktgen's run) is measured for each,
# alternating, ROUNDS times; prints each round and the median ratio.
set -eu
rounds=${1:-5}
count=${PKTGEN_COUNT:-200000}
routes=${ROUTES:-0}
modprobe pktgen
PATH=$(cd "$(dirname "$0")/../.." && pwd)/userspace/vnetctl:$PATH

# Extra routes, /24s in 100.0.0.0/8 and up, for "route add" batches.
extra_routes() {	# extra_routes PREFIX_OF_EACH_LINE
	awk -v n="$routes" -v pre="$1" 'BEGIN { for (i = 0; i < n; i++)
		printf "%s %d.%d.%d.0/24 via 10.2.0.2\n", pre, 100 + int(i / 65536),
			int(i / 256) % 256, i % 256 }'
}

setup() {	# setup vrouter|kernel
	ip netns add sink
	ip link add a0 type veth peer name a1
	ip link add b0 type veth peer name b1
	ip link set b0 netns sink
	ip -n sink addr add 10.2.0.2/24 dev b0
	ip -n sink link set b0 up
	ip -n sink route add default via 10.2.0.1
	sysctl -q -w net.ipv6.conf.a0.disable_ipv6=1
	ip link set a0 up
	if [ "$1" = vrouter ]; then
		vnetctl device add sut type vrouter
		vnetctl device start sut
		for d in a1 b1; do
			ip link set $d up
			vnetctl port add sut dev $d
		done
		vnetctl addr add sut 10.1.0.1/24 port a1
		vnetctl addr add sut 10.2.0.1/24 port b1
		extra_routes "route add sut" | vnetctl -b -
		ingress_mac=$(cat /sys/class/net/a1/address)
	else
		ip netns add rtr
		ip link set a1 netns rtr
		ip link set b1 netns rtr
		ip netns exec rtr sysctl -q -w net.ipv4.ip_forward=1
		ip -n rtr addr add 10.1.0.1/24 dev a1
		ip -n rtr addr add 10.2.0.1/24 dev b1
		ip -n rtr link set a1 up
		ip -n rtr link set b1 up
		extra_routes "route add" | ip -n rtr -b -
		ingress_mac=$(ip -n rtr -j link show a1 | sed 's/.*"address":"\([^"]*\)".*/\1/')
	fi
	# Resolve 10.2.0.2 before measuring: one packet through.
	ip addr add 10.1.0.2/24 dev a0
	ip neigh replace 10.1.0.1 lladdr "$ingress_mac" dev a0
	ping -c 1 -W 2 -I a0 10.2.0.2 >/dev/null || true
	ip addr del 10.1.0.2/24 dev a0
}

teardown() {
	ip link del a0
	ip -n sink link del b0
	ip netns del sink
	if ip netns list | grep -q rtr; then ip netns del rtr; fi
	ip link del sut 2>/dev/null || true
}

# Prints the delivered packets per second.
run() {
	local pg=/proc/net/pktgen before after usec
	echo "rem_device_all" > $pg/kpktgend_0
	echo "add_device a0" > $pg/kpktgend_0
	{
		echo "count $count"
		echo "clone_skb 0"
		echo "pkt_size 60"
		echo "delay 0"
		echo "src_min 10.1.0.2"
		echo "src_max 10.1.0.2"
		echo "dst 10.2.0.2"
		echo "dst_mac $ingress_mac"
	} | while read -r cmd; do echo "$cmd" > $pg/a0; done
	before=$(ip netns exec sink cat /sys/class/net/b0/statistics/rx_packets)
	echo start > $pg/pgctrl
	sleep 0.5
	after=$(ip netns exec sink cat /sys/class/net/b0/statistics/rx_packets)
	usec=$(sed -n 's/.*OK: \([0-9]*\)(c.*/\1/p' $pg/a0)
	echo $(( (after - before) * 1000000 / usec ))
}

ratios=()
for r in $(seq 1 "$rounds"); do
	setup vrouter
	v=$(run)
	teardown
	setup kernel
	k=$(run)
	teardown
	ratio=$(awk -v v="$v" -v k="$k" 'BEGIN { printf "%.3f", v / k }')
	ratios+=("$ratio")
	echo "round $r: vrouter $v pps, kernel forwarding $k pps, ratio $ratio ($routes extra routes)"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "median vrouter/kernel delivered-rate ratio over $rounds rounds ($routes extra routes): $median"
