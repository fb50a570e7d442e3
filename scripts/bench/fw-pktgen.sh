#!/bin/bash
# Run in the guest (scripts/vm-run scripts/bench/fw-pktgen.sh [ROUNDS]):
# pktgen sends 64-byte UDP/IPv4 frames into veth a0; its peer a1 is a port
# of the filter under test, which passes them out of b1 to b0. The filter
# is a vfirewall holding N rules, or a Linux bridge whose nftables bridge
# forward chain holds the same N rules; no rule matches the stream, so
# every packet is judged against all of them and then accepted by the
# policy. The delivered rate is measured for N = 10 and N = 10000, each
# filter alternating, ROUNDS times; prints each round and the median
# ratios. FW_CONNTRACK=on measures the vfirewall's tracked-flow path (the
# stream is one UDP flow, judged once and then by its connection's cached
# verdict); the default, off, judges every packet by the classifier.
set -eu
rounds=${1:-5}
count=${PKTGEN_COUNT:-200000}
modprobe pktgen
PATH=$(cd "$(dirname "$0")/../.." && pwd)/userspace/vnetctl:$PATH
work=$(mktemp -d)
conntrack=${FW_CONNTRACK:-off}

# N rules in both syntaxes: TCP drops from 10.x.y.0/24 to ports 1000+.
rules() {	# rules N
	awk -v n="$1" -v d="$work" 'BEGIN {
		print "table bridge bench {" > d "/nft"
		print " chain benchfilter { type filter hook forward priority 0; policy accept;" > d "/nft"
		for (i = 0; i < n; i++) {
			net = sprintf("10.%d.%d.0/24", int(i / 256) % 256, i % 256)
			printf "  ip saddr %s tcp dport %d drop\n", net, 1000 + i % 50000 > d "/nft"
			printf "src %s proto tcp dport %d action drop\n", net, 1000 + i % 50000 > d "/vnet"
		}
		print " }" > d "/nft"; print "}" > d "/nft" }'
}

# Each filter sits between its own two veth pairs: X0 -> X1 [filter] Y1 -> Y0.
setup() {	# setup vfirewall|nftables
	local x y
	if [ "$1" = vfirewall ]; then x=a y=b; else x=c y=d; fi
	ip link add ${x}0 type veth peer name ${x}1
	ip link add ${y}0 type veth peer name ${y}1
	for d in ${x}0 ${x}1 ${y}0 ${y}1; do
		sysctl -q -w net.ipv6.conf.$d.disable_ipv6=1
		ip link set $d up
	done
	if [ "$1" = vfirewall ]; then
		vnetctl device add vfw0 type vfirewall conntrack "$conntrack"
		vnetctl port add vfw0 dev a1
		vnetctl port add vfw0 dev b1
		vnetctl fdb add vfw0 "$(cat /sys/class/net/b0/address)" port b1
		vnetctl rule replace vfw0 "$work/vnet"
		sysctl -q -w net.ipv6.conf.vfw0.disable_ipv6=1
		ip link set vfw0 up
	else
		ip link add br0 type bridge
		ip link set c1 master br0
		ip link set d1 master br0
		bridge fdb add "$(cat /sys/class/net/d0/address)" dev d1 master static
		nft -f "$work/nft"
		sysctl -q -w net.ipv6.conf.br0.disable_ipv6=1
		ip link set br0 up
	fi
}

teardown() {
	ip link del vfw0
	ip link del br0
	for d in a0 b0 c0 d0; do ip link del $d; done
	nft delete table bridge bench 2>/dev/null || true
}

run() {	# run IN OUT: pps delivered from IN's peer filter out to OUT
	local pg=/proc/net/pktgen before after usec
	echo "rem_device_all" > $pg/kpktgend_0
	echo "add_device $1" > $pg/kpktgend_0
	{
		echo "count $count"
		echo "clone_skb 0"
		echo "pkt_size 60"
		echo "delay 0"
		echo "src_min 192.168.0.1"
		echo "src_max 192.168.0.1"
		echo "dst 192.168.0.2"
		echo "dst_mac $(cat /sys/class/net/$2/address)"
	} | while read -r cmd; do echo "$cmd" > $pg/$1; done
	before=$(cat /sys/class/net/$2/statistics/rx_packets)
	echo start > $pg/pgctrl
	sleep 0.5
	after=$(cat /sys/class/net/$2/statistics/rx_packets)
	usec=$(sed -n 's/.*OK: \([0-9]*\)(c.*/\1/p' $pg/$1)
	echo $(( (after - before) * 1000000 / usec ))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

for n in 10 10000; do
	rules $n
	ratios=()
	vs=()
	ns=()
	setup vfirewall
	setup nftables
	for r in $(seq 1 "$rounds"); do
		v=$(run a0 b0)
		f=$(run c0 d0)
		ratio=$(awk -v v="$v" -v f="$f" 'BEGIN { printf "%.3f", v / f }')
		ratios+=("$ratio")
		vs+=("$v")
		ns+=("$f")
		echo "$n rules, round $r: vfirewall $v pps, bridge+nftables $f pps, ratio $ratio"
	done
	echo "$n rules: median vfirewall $(printf '%s\n' "${vs[@]}" | median) pps," \
		"bridge+nftables $(printf '%s\n' "${ns[@]}" | median) pps," \
		"median ratio $(printf '%s\n' "${ratios[@]}" | median)"
	teardown
done
rm -rf "$work"
