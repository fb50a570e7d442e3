#!/bin/bash
# Run in the guest (scripts/vm-run scripts/bench/l2-pktgen.sh [ROUNDS]):
# pktgen sends 64-byte frames into veth a0; its peer a1 is a port of the
# switch under test, which forwards them out of b1 to b0. The delivered rate
# (b0's rx packets per second of pktgen's run) is measured for a vswitch and
# for a Linux bridge, alternating, ROUNDS times; prints each round and the
# median ratio vswitch/bridge.
set -eu
rounds=${1:-5}
count=${PKTGEN_COUNT:-200000}
modprobe pktgen
PATH=$(cd "$(dirname "$0")/../.." && pwd)/userspace/vnetctl:$PATH

setup() {	# setup vswitch|bridge
	ip link add a0 type veth peer name a1
	ip link add b0 type veth peer name b1
	for d in a0 a1 b0 b1; do
		sysctl -q -w net.ipv6.conf.$d.disable_ipv6=1
		ip link set $d up
	done
	if [ "$1" = vswitch ]; then
		vnetctl device add sut type vswitch
		vnetctl port add sut dev a1
		vnetctl port add sut dev b1
		vnetctl fdb add sut "$(cat /sys/class/net/b0/address)" port b1
	else
		ip link add sut type bridge
		ip link set a1 master sut
		ip link set b1 master sut
		bridge fdb add "$(cat /sys/class/net/b0/address)" dev b1 master static
	fi
	sysctl -q -w net.ipv6.conf.sut.disable_ipv6=1
	ip link set sut up
}

teardown() {
	ip link del sut
	ip link del a0
	ip link del b0
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
		echo "dst 10.9.0.2"
		echo "dst_mac $(cat /sys/class/net/b0/address)"
	} | while read -r cmd; do echo "$cmd" > $pg/a0; done
	before=$(cat /sys/class/net/b0/statistics/rx_packets)
	taskset -c 0 true
	echo start > $pg/pgctrl
	sleep 0.5
	after=$(cat /sys/class/net/b0/statistics/rx_packets)
	usec=$(sed -n 's/.*OK: \([0-9]*\)(c.*/\1/p' $pg/a0)
	echo $(( (after - before) * 1000000 / usec ))
}

ratios=()
for r in $(seq 1 "$rounds"); do
	setup vswitch
	v=$(run)
	teardown
	setup bridge
	b=$(run)
	teardown
	ratio=$(awk -v v="$v" -v b="$b" 'BEGIN { printf "%.3f", v / b }')
	ratios+=("$ratio")
	echo "round $r: vswitch $v pps, bridge $b pps, ratio $ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "median vswitch/bridge delivered-rate ratio over $rounds rounds: $median"
