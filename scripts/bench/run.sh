#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench, in the guest: every scenario against its peers, side by side,
# BENCH_ROUNDS rounds (default 4) of BENCH_SECS (default 1) each, L2
# forwarding BENCH_L2_ROUNDS (default three times as many) and the
# multi-core scenario BENCH_MULTICORE_ROUNDS (default twice as many); writes
# raw.csv (one line per measurement) and control.csv (control-plane times
# and memory) to BENCH_OUT (default $VNET_VM_OUT, which vm-run copies to
# the host). BENCH_SCENARIOS picks some of: l2 vlan l2scale l3 l3v6 nat fw
# fw6 multicore patch unshared flood tcp overlay control. Table sizes:
# BENCH_FDB_SIZES, BENCH_ROUTE_SIZES, BENCH_RULE_SIZES; the unshared-frame
# scenario runs BENCH_UNSHARED_ROUNDS (default twice ROUNDS), the TCP one
# BENCH_TCP_ROUNDS (default 3): a stream of BENCH_TCP_SECS and
# request/response for BENCH_SECS each.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
export PATH=$top/userspace/vnetctl:$PATH
. "$here/lib.sh"
ROUNDS=${BENCH_ROUNDS:-4}
# A two-thread figure over a one-thread one carries the swings of both, and
# a busy second vCPU feels the host's load more than an idle one.
MULTICORE_ROUNDS=${BENCH_MULTICORE_ROUNDS:-$((ROUNDS * 2))}
# The L2 peers differ by about a tenth, less than one round swings by; a
# round of them takes seconds, so they get more.
L2_ROUNDS=${BENCH_L2_ROUNDS:-$((ROUNDS * 3))}
UNSHARED_ROUNDS=${BENCH_UNSHARED_ROUNDS:-$((ROUNDS * 2))}
TCP_RR=$top/tests/tools/tcp_rr
OUT=${BENCH_OUT:-${VNET_VM_OUT:-/tmp/vnet-bench}}
SCENARIOS=${BENCH_SCENARIOS:-l2 vlan l2scale l3 l3v6 nat fw fw6 multicore patch unshared flood tcp overlay control}
FDB_SIZES=${BENCH_FDB_SIZES:-10 10000 1000000}
ROUTE_SIZES=${BENCH_ROUTE_SIZES:-10 10000 1000000}
RULE_SIZES=${BENCH_RULE_SIZES:-10 1000 10000}
mkdir -p "$OUT"
CSV=$OUT/raw.csv
CTL=$OUT/control.csv
echo "scenario,config,size,threads,round,pps,injected_pps,backlog_dropped_pps" > "$CSV"
echo "what,tool,count,ms,bytes_per_entry" > "$CTL"
work=$(mktemp -d)
[ -d /proc/net/pktgen ] || modprobe pktgen || exit 1
modprobe openvswitch 2>/dev/null
# Every command that fails from here on, outside a test (if, && and ||
# lists), is a set-up step that failed: ERR writes it down, in functions
# and subshells (the set-ups run in the background) too, and record()
# marks what is measured after it failed rather than report a rate.
FAILED_STEPS=$work/failed
: > "$FAILED_STEPS"
set -E
trap 'echo "$BASH_COMMAND" >> "$FAILED_STEPS"' ERR
start=$(date +%s)
say() { printf '\n== %s (%ds)\n' "$*" $(($(date +%s) - start)); }

# rounds SCENARIO SIZE THREADS CONFIG...: every config, round after round,
# ROUNDS_OF rounds (default ROUNDS).
rounds() {
	local sc=$1 size=$2 th=$3 r c
	shift 3
	for r in $(seq 1 "${ROUNDS_OF:-$ROUNDS}"); do
		for c in "$@"; do
			record "$sc" "$c" "$size" "$th" "$r"
		done
	done
}

# switch_fdb DEV PORT N: N static entries 02:01:00:xx:xx:xx -> PORT, in
# vnetctl batch form; bridge_fdb the same for bridge -batch.
macs() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
	printf "02:01:00:%02x:%02x:%02x\n", int(i / 65536) % 256, int(i / 256) % 256, i % 256 }'; }
switch_fdb() { macs "$3" | sed "s/.*/fdb add $1 & port $2/"; }
bridge_fdb() { macs "$2" | sed "s/.*/fdb add & dev $1 master static/"; }

# vswitch NAME IN OUT: a vswitch between two new dummies.
vswitch() {
	ports "" "$2" "$3"
	vnetctl device add "$1" type vswitch
	vnetctl port add "$1" dev "$2"
	vnetctl port add "$1" dev "$3"
	sysctl -q -w "net.ipv6.conf.$1.disable_ipv6=1"
	vnetctl device start "$1"
}

# floor_filter IN OUT [fair]: tc's matchall + mirred from IN to OUT (new
# dummies, unless the caller made them), the floor; fails on a kernel
# without them (the debug kernel of make check-debug). The floor forwards
# the frame pktgen holds itself: mirred at ingress reinserts the frame its
# redirect ends the filter with. The fair floor mirrors to OUT and drops
# the frame: mirred forwards a clone (6.1's tcf_mirred_act()), as every
# rx_handler must clone a frame someone else holds before changing it.
# (tc(8) takes no control action after a redirect, only after a mirror.)
floor_filter() {
	local how=(redirect dev "$2")
	[ "${3:-}" = fair ] && how=(mirror dev "$2" pipe action drop)
	ports "" "$1" "$2"
	tc qdisc add dev "$1" clsact &&
		tc filter add dev "$1" ingress matchall action mirred egress \
			"${how[@]}" 2>/dev/null && return 0
	echo "  no floor: this kernel's tc has no matchall or mirred"
	return 1
}

mkbridge() {	# mkbridge [NS] NAME IN OUT
	local ns=$1
	ports "$ns" "$3" "$4"
	nsx "$ns" ip link add "$2" type bridge
	nsx "$ns" sysctl -q -w "net.ipv6.conf.$2.disable_ipv6=1"
	nsx "$ns" ip link set "$3" master "$2"
	nsx "$ns" ip link set "$4" master "$2"
	nsx "$ns" ip link set "$2" up
}

# The stream's exact-match flow in OVS's datapath, as it caches it.
OVS_FLOW="in_port(1),eth(src=$SRC_MAC,dst=$DST_MAC),eth_type(0x0800),ipv4(src=192.168.1.2,dst=192.168.2.2,proto=17,tos=0,ttl=32,frag=no),udp(src=9,dst=9)"

l2() {
	say "L2 forwarding, learned unicast: vswitch, bridge, OVS datapath, floors, injection"
	local cfgs=(inject)
	dummy "" l2i0
	config inject "" "0:l2i0" "" "$(udp_to $DST_MAC)"
	if floor_filter l2f0 l2f1; then
		config floor "" "0:l2f0" "l2f1" "$(udp_to $DST_MAC)"
		cfgs+=(floor)
	fi
	if floor_filter l2g0 l2g1 fair; then
		config floor-fair "" "0:l2g0" "l2g1" "$(udp_to $DST_MAC)"
		cfgs+=(floor-fair)
	fi
	vswitch vsw-l2 l2v0 l2v1
	vnetctl fdb add vsw-l2 $DST_MAC port l2v1
	config vswitch "" "0:l2v0" "l2v1" "$(udp_to $DST_MAC)"
	mkbridge "" br-l2 l2b0 l2b1
	bridge fdb add $DST_MAC dev l2b1 master static
	config bridge "" "0:l2b0" "l2b1" "$(udp_to $DST_MAC)"
	cfgs+=(vswitch bridge)
	if command -v ovs-dpctl >/dev/null && ovs-dpctl add-dp ovs-l2 2>/dev/null; then
		dummy "" l2o0 l2o1
		ovs-dpctl add-if ovs-l2 l2o0
		ovs-dpctl add-if ovs-l2 l2o1
		# An exact-match flow for the stream, as the datapath caches it.
		ovs-dpctl add-flow ovs-l2 "$OVS_FLOW" 2 &&
			cfgs+=(ovs)
		config ovs "" "0:l2o0" "l2o1" "$(udp_to $DST_MAC)"
	fi
	ROUNDS_OF=$L2_ROUNDS rounds l2 0 1 "${cfgs[@]}"
}

# 802.1Q: the vswitch with vlan-filtering against the bridge with
# vlan_filtering, frames tagged for VLAN 10 in at a trunk port and out
# untagged at an access port of VLAN 10, the destination static there.
vlan() {
	say "VLANs: tagged in at a trunk, untagged out of an access port: vswitch vs bridge"
	vswitch vsw-vl vl0 vl1
	vnetctl device set vsw-vl vlan-filtering on
	vnetctl port set vsw-vl vl0 vlan trunk 10
	vnetctl port set vsw-vl vl1 vlan access 10
	vnetctl fdb add vsw-vl $DST_MAC port vl1 vlan 10
	config vlan-vswitch "" "0:vl0" "vl1" "$(udp_to $DST_MAC)" "vlan_id 10"
	mkbridge "" br-vl vlb0 vlb1
	ip link set br-vl type bridge vlan_filtering 1
	bridge vlan add dev vlb0 vid 10
	bridge vlan add dev vlb1 vid 10 pvid untagged
	bridge fdb add $DST_MAC dev vlb1 master static vlan 10
	config vlan-bridge "" "0:vlb0" "vlb1" "$(udp_to $DST_MAC)" "vlan_id 10"
	rounds vlan 0 1 vlan-vswitch vlan-bridge
}

l2scale() {
	local n cfgs=() ms
	say "L2 scaling: vswitch and bridge with $FDB_SIZES entries, random destinations"
	for n in $FDB_SIZES; do
		# The two tables fill at once, one per vCPU: at a million
		# entries each fill takes minutes.
		vswitch "vsw-$n" "sv$n-0" "sv$n-1"
		{
			ms=$(now_ms)
			switch_fdb "vsw-$n" "sv$n-1" "$n" | vnetctl -b - ||
				echo "vswitch fdb fill failed at $n"
			echo "  vswitch: $n entries in $(($(now_ms) - ms)) ms"
		} &
		mkbridge "" "br-$n" "sb$n-0" "sb$n-1"
		ms=$(now_ms)
		# bridge(8) grows in batch mode (3.5 GB for a million lines):
		# feed it 100k lines at a time.
		bridge_fdb "sb$n-1" "$n" | split -l 100000 --filter='bridge -batch -' ||
			echo "bridge fdb fill failed at $n"
		echo "  bridge: $n entries in $(($(now_ms) - ms)) ms"
		wait
		local pg=("dst_mac_count $n" "flag MACDST_RND")
		config "vswitch-$n" "" "0:sv$n-0" "sv$n-1" "$(udp_to 02:01:00:00:00:00)" "${pg[@]}"
		config "bridge-$n" "" "0:sb$n-0" "sb$n-1" "$(udp_to 02:01:00:00:00:00)" "${pg[@]}"
		rounds l2scale "$n" 1 "vswitch-$n" "bridge-$n"
		# Free the memory before the next size.
		ip link del "vsw-$n"
		ip link del "br-$n"
	done
}

# Random prefixes (8 to 32 bits) in 16.0.0.0/4; with 6, of 20 to 64 bits
# in 2000::/4 (four 16-bit groups, each cut to what the length keeps).
prefixes() {	# prefixes N [6]; made once per N and family, shared by peers
	local f=$work/prefixes-$1-${2:-4}
	[ -s "$f" ] || prefixes_make "$1" "${2:-}" > "$f"
	cat "$f"
}

prefixes_make() {
	awk -v n="$1" -v six="${2:-}" 'BEGIN { srand(7); while (c < n) {
		if (six) {
			l = 20 + int(rand() * 45); k = ""
			for (g = 0; g < 4; g++) {
				v = g ? int(rand() * 65536) : 8192 + int(rand() * 4096)
				keep = l - 16 * g
				keep = keep > 16 ? 16 : keep < 0 ? 0 : keep
				v = v - v % (2 ^ (16 - keep))
				k = k sprintf("%x:", v)
			}
			k = k ":/" l
		} else {
			l = 8 + int(rand() * 25); a = 16 * 16777216 + int(rand() * 268435456)
			a = a - a % (2 ^ (32 - l))
			k = sprintf("%d.%d.%d.%d/%d", int(a / 16777216), int(a / 65536) % 256,
				int(a / 256) % 256, a % 256, l)
		}
		if (k in seen) continue; seen[k] = 1; c++
		print k } }'
}

# vrouter NAME IN OUT N [6] / kernel_router NS IN OUT N [6]: 192.168.1.1
# on IN, 192.168.2.1 on OUT, N routes and a default via 192.168.2.2, whose
# MAC is set by hand (nobody answers ARP on a dummy); with 6, the same over
# IPv6: 2001:db8:1::1/64, 2001:db8:2::1/64, the next hop 2001:db8:2::2.
# l3_family [6] sets what differs: in, out, gw, default.
l3_family() {
	if [ -n "${1:-}" ]; then
		in=2001:db8:1::1/64 out=2001:db8:2::1/64 gw=2001:db8:2::2 default=::/0
	else
		in=192.168.1.1/24 out=192.168.2.1/24 gw=192.168.2.2 default=default
	fi
}

vrouter() {
	local in out gw default
	l3_family "${5:-}"
	ports "" "$2" "$3"
	vnetctl device add "$1" type vrouter
	vnetctl port add "$1" dev "$2"
	vnetctl port add "$1" dev "$3"
	vnetctl addr add "$1" $in port "$2"
	vnetctl addr add "$1" $out port "$3"
	vnetctl neigh add "$1" $gw lladdr 02:00:00:00:cc:01 port "$3"
	{ prefixes "$4" "${5:-}" | sed "s/.*/route add $1 & via $gw/"
	  echo "route add $1 $default via $gw"; } | vnetctl -b -
	sysctl -q -w "net.ipv6.conf.$1.disable_ipv6=1"
	vnetctl device start "$1"
}

kernel_router() {
	local in out gw default nodad=
	l3_family "${5:-}"
	[ -e "/run/netns/$1" ] || ip netns add "$1"
	ports "$1" "$2" "$3"
	if [ -n "${5:-}" ]; then
		nsx "$1" sysctl -q -w net.ipv6.conf.all.forwarding=1 \
			"net.ipv6.conf.$2.disable_ipv6=0" "net.ipv6.conf.$3.disable_ipv6=0"
		nodad=nodad
	else
		nsx "$1" sysctl -q -w net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 \
			"net.ipv4.conf.$2.rp_filter=0"
	fi
	nsx "$1" ip addr add $in dev "$2" $nodad
	nsx "$1" ip addr add $out dev "$3" $nodad
	nsx "$1" ip neigh add $gw lladdr 02:00:00:00:cc:01 dev "$3" nud permanent
	# ip(8) grows in batch mode: feed it 100k lines at a time.
	{ prefixes "$4" "${5:-}" | sed "s/.*/route add & via $gw/"
	  echo "route add $default via $gw"; } |
		split -l 100000 --filter="ip -n $1 -batch -"
}

l3_flow() {	# l3_flow DST_MAC: random destinations over 16.0.0.0/4
	printf '%s\n' "dst_mac $1" "src_mac $SRC_MAC" "src_min 192.168.1.2" \
		"src_max 192.168.1.2" "dst_min 16.0.0.0" "dst_max 31.255.255.255" \
		"flag IPDST_RND" "udp_src_min 9" "udp_src_max 9" "udp_dst_min 9" \
		"udp_dst_max 9"
}

l3_flow6() {	# l3_flow6 DST_MAC: random destinations over 2000::/4
	printf '%s\n' "dst_mac $1" "src_mac $SRC_MAC" "src6 2001:db8:1::2" \
		"dst6_min 2000::" "dst6_max 2fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" \
		"udp_src_min 9" "udp_src_max 9" "udp_dst_min 9" "udp_dst_max 9"
}

# l3 [6]: the routing scenario, "l3" over IPv4, "l3v6" over IPv6.
l3() {
	local n ms six=${1:-} sc=l3${1:+v6} flow
	say "IPv${six:-4} routing: vrouter and kernel forwarding with $ROUTE_SIZES routes"
	for n in $ROUTE_SIZES; do
		# Both fill at once, as in l2scale, from prefixes made before.
		prefixes "$n" $six > /dev/null
		{
			ms=$(now_ms)
			vrouter "vr-$n" "rv$n-0" "rv$n-1" "$n" $six
			echo "  vrouter: $n routes in $(($(now_ms) - ms)) ms"
		} &
		ms=$(now_ms)
		kernel_router "kr-$n" "rk$n-0" "rk$n-1" "$n" $six
		echo "  kernel: $n routes in $(($(now_ms) - ms)) ms"
		wait
		flow=l3_flow${six}
		config "vrouter-$n" "" "0:rv$n-0" "rv$n-1" "$($flow "$(mac_of "" "rv$n-0")")"
		config "kernel-$n" "kr-$n" "0:rk$n-0" "rk$n-1" "$($flow "$(mac_of "kr-$n" "rk$n-0")")"
		rounds "$sc" "$n" 1 "vrouter-$n" "kernel-$n"
		ip link del "vr-$n"
		ip netns del "kr-$n"
	done
}
l3v6() { l3 6; }

# nat_flow DST_MAC [new]: one UDP flow from 192.168.1.2:9 to 16.0.0.1:9,
# which masquerade translates as one connection; with "new", random
# sources over 192.168.1.0/24 and ports 1024-65535 to random destinations
# over 16.0.0.0/4 (one server's 64k ports would run out): nearly every
# packet a new connection (the tables fill, then make room by early drop).
nat_flow() {
	printf '%s\n' "dst_mac $1" "src_mac $SRC_MAC" "udp_dst_min 9" "udp_dst_max 9"
	if [ -n "${2:-}" ]; then
		printf '%s\n' "src_min 192.168.1.2" "src_max 192.168.1.254" \
			"flag IPSRC_RND" "udp_src_min 1024" "udp_src_max 65535" \
			"flag UDPSRC_RND" "dst_min 16.0.0.0" "dst_max 31.255.255.255" \
			"flag IPDST_RND"
	else
		printf '%s\n' "src_min 192.168.1.2" "src_max 192.168.1.2" \
			"udp_src_min 9" "udp_src_max 9" "dst 16.0.0.1"
	fi
}

# nat: masquerade out of the router, the vrouter's NAT against kernel
# forwarding with nftables' masquerade: an established flow (size 1), and
# a new connection a packet (size 2: the connection setup rate).
nat() {
	say "NAT: masquerade, vrouter and kernel forwarding with nftables"
	vrouter vr-nat rn0 rn1 10
	vnetctl nat add vr-nat masquerade out rn1
	kernel_router kr-nat rkn0 rkn1 10
	nsx kr-nat nft -f - <<-EOF
	table ip nat {
		chain post {
			type nat hook postrouting priority 100; policy accept;
			oifname "rkn1" masquerade
		}
	}
	EOF
	config vrouter-nat "" "0:rn0" "rn1" "$(nat_flow "$(mac_of "" rn0)")"
	config kernel-nat kr-nat "0:rkn0" "rkn1" "$(nat_flow "$(mac_of kr-nat rkn0)")"
	rounds nat 1 1 vrouter-nat kernel-nat
	config vrouter-nat-new "" "0:rn0" "rn1" "$(nat_flow "$(mac_of "" rn0)" new)"
	config kernel-nat-new kr-nat "0:rkn0" "rkn1" \
		"$(nat_flow "$(mac_of kr-nat rkn0)" new)"
	rounds nat 2 1 vrouter-nat-new kernel-nat-new
	ip link del vr-nat
	ip netns del kr-nat
}

# N-1 rules that never match the stream, then one that accepts it; the
# same in vnetctl's rule file form, as an nftables chain, and as one set.
# With 6, of IPv6 prefixes (/64s of 2001:db8::/32, the stream's source in
# 2001:db8:ffff::/48), for udp6_to's stream.
fw_rules() {	# fw_rules N [6]
	awk -v n="$1" -v d="$work" -v six="${2:-}" 'BEGIN {
		v = d "/vnet"; c = d "/chain"; s = d "/set"
		ip = six ? "ip6" : "ip"
		ok = six ? "2001:db8:ffff::/48" : "192.168.1.0/24"
		print "table bridge bench {" > c
		print " chain filter { type filter hook forward priority 0; policy drop;" > c
		print "table bridge bench {" > s
		printf " set blocked { type %s . inet_service; flags interval;\n",
			six ? "ipv6_addr" : "ipv4_addr" > s
		if (n > 1) printf "  elements = { " > s
		for (i = 0; i < n - 1; i++) {
			if (six)
				net = sprintf("2001:db8:%x:%x::/64", int(i / 256) % 256, i % 256)
			else
				net = sprintf("10.%d.%d.0/24", int(i / 256) % 256, i % 256)
			port = 1000 + i % 50000
			printf "src %s proto tcp dport %d action drop\n", net, port > v
			printf "  %s saddr %s tcp dport %d drop\n", ip, net, port > c
			printf "%s%s . %d", (i ? ", " : ""), net, port > s
		}
		if (n > 1) print " }" > s
		print " }" > s
		print " chain filter { type filter hook forward priority 0; policy drop;" > s
		printf "  %s saddr . tcp dport @blocked drop\n", ip > s
		print "src " ok " action accept" > v
		print "  " ip " saddr " ok " accept" > c; print "  " ip " saddr " ok " accept" > s
		print " }" > c; print "}" > c; print " }" > s; print "}" > s }'
}

vfirewall() {	# vfirewall NAME IN OUT CONNTRACK
	ports "" "$2" "$3"
	vnetctl device add "$1" type vfirewall policy drop conntrack "$4"
	vnetctl port add "$1" dev "$2"
	vnetctl port add "$1" dev "$3"
	vnetctl fdb add "$1" $DST_MAC port "$3"
	vnetctl rule replace "$1" "$work/vnet"
	sysctl -q -w "net.ipv6.conf.$1.disable_ipv6=1"
	vnetctl device start "$1"
}

nft_bridge() {	# nft_bridge NS IN OUT FILE
	[ -e "/run/netns/$1" ] || ip netns add "$1"
	mkbridge "$1" br0 "$2" "$3"
	nsx "$1" bridge fdb add $DST_MAC dev "$3" master static
	nsx "$1" nft -f "$4"
}

# fw [6]: the firewall scenario, "fw" over IPv4, "fw6" over IPv6.
fw() {
	local n six=${1:-} sc=fw${1:-} flow
	say "Firewall${six:+ (IPv6)}: vfirewall and nftables (plain chain, set) with $RULE_SIZES rules"
	flow=$(if [ -n "$six" ]; then udp6_to $DST_MAC; else udp_to $DST_MAC; fi)
	for n in $RULE_SIZES; do
		rm -f "$work"/vnet "$work"/chain "$work"/set
		fw_rules "$n" "$six"
		vfirewall "vfw-$n" "fv$n-0" "fv$n-1" off
		vfirewall "vfc-$n" "fc$n-0" "fc$n-1" on
		nft_bridge "nc-$n" nc0 nc1 "$work/chain"
		nft_bridge "ns-$n" ns0 ns1 "$work/set"
		config "vfirewall-$n" "" "0:fv$n-0" "fv$n-1" "$flow"
		config "vfw-conntrack-$n" "" "0:fc$n-0" "fc$n-1" "$flow"
		config "nft-chain-$n" "nc-$n" "0:nc0" "nc1" "$flow"
		config "nft-set-$n" "ns-$n" "0:ns0" "ns1" "$flow"
		rounds "$sc" "$n" 1 "vfirewall-$n" "vfw-conntrack-$n" "nft-chain-$n" "nft-set-$n"
		ip link del "vfw-$n"
		ip link del "vfc-$n"
		ip netns del "nc-$n"
		ip netns del "ns-$n"
	done
}

fw6() { fw 6; }

multicore() {
	say "Multi-core: one pktgen thread, then one per vCPU"
	if [ "$(nproc)" -lt 2 ]; then
		echo "  one vCPU: no second pktgen thread to compare with"
		return
	fi
	vswitch vsw-mc mv0 mv2
	dummy "" mv1
	vnetctl port add vsw-mc dev mv1
	vnetctl fdb add vsw-mc $DST_MAC port mv2
	mkbridge "" br-mc mb0 mb2
	dummy "" mb1
	ip link set mb1 master br-mc
	bridge fdb add $DST_MAC dev mb2 master static
	vrouter vr-mc mr0 mr2 10
	# The second ingress takes the first one's MAC, so one flow fits both.
	dummy "" mr1
	ip link set mr1 address "$(mac_of "" mr0)"
	vnetctl port add vr-mc dev mr1
	vnetctl addr add vr-mc 192.168.3.1/24 port mr1
	kernel_router kr-mc mk0 mk2 10
	dummy kr-mc mk1
	ip -n kr-mc link set mk1 address "$(mac_of kr-mc mk0)"
	ip -n kr-mc addr add 192.168.3.1/24 dev mk1
	ip netns exec kr-mc sysctl -q -w net.ipv4.conf.mk1.rp_filter=0
	local t
	for t in 1 2; do
		local i1="0:mv0" ib="0:mb0" ir="0:mr0" ik="0:mk0"
		if [ $t = 2 ]; then
			i1="0:mv0 1:mv1" ib="0:mb0 1:mb1" ir="0:mr0 1:mr1" ik="0:mk0 1:mk1"
		fi
		config "vswitch-x$t" "" "$i1" "mv2" "$(udp_to $DST_MAC)"
		config "bridge-x$t" "" "$ib" "mb2" "$(udp_to $DST_MAC)"
		config "vrouter-x$t" "" "$ir" "mr2" "$(l3_flow "$(mac_of "" mr0)")"
		config "kernel-x$t" "kr-mc" "$ik" "mk2" "$(l3_flow "$(mac_of kr-mc mk0)")"
	done
	# One thread and two back to back, round after round: their ratio is
	# then of rates measured seconds apart, not a phase apart.
	local r c
	for r in $(seq 1 "$MULTICORE_ROUNDS"); do
		for c in vswitch bridge vrouter kernel; do
			for t in 1 2; do
				record multicore "$c-x$t" 0 $t "$r"
			done
		done
	done
}

# chain KIND S F R IN OUT: vswitch S -> vfirewall F (no conntrack) ->
# vrouter R, joined by patch ports (KIND patch) or veth pairs (veth); IN
# (a new dummy unless it exists) a port of S, OUT of R, R 192.168.1.1 on
# its port "down" and 192.168.2.1 on OUT. S and F forward to R's MAC on
# "down", CHAIN_MAC, statically.
chain() {
	local kind=$1 s=$2 f=$3 r=$4 d
	ports "" "$5" "$6"
	vnetctl device add "$s" type vswitch
	vnetctl device add "$f" type vfirewall conntrack off
	vnetctl device add "$r" type vrouter
	vnetctl port add "$s" dev "$5"
	if [ "$kind" = patch ]; then
		vnetctl port add "$s" peer "$f" name up peer-name down
		vnetctl port add "$f" peer "$r" name up peer-name down
	else
		ip link add "${s}u" type veth peer name "${f}d"
		ip link add "${f}u" type veth peer name "${r}d"
		for d in "${s}u" "${f}d" "${f}u" "${r}d"; do
			sysctl -q -w "net.ipv6.conf.$d.disable_ipv6=1"
			ip link set "$d" up
		done
		vnetctl port add "$s" dev "${s}u" name up
		vnetctl port add "$f" dev "${f}d" name down
		vnetctl port add "$f" dev "${f}u" name up
		vnetctl port add "$r" dev "${r}d" name down
	fi
	vnetctl port add "$r" dev "$6"
	vnetctl addr add "$r" 192.168.1.1/24 port down
	vnetctl addr add "$r" 192.168.2.1/24 port "$6"
	CHAIN_MAC=$(vnetctl -j port show "$r" | jq -r '.[] | select(.name == "down") | .address')
	vnetctl fdb add "$s" "$CHAIN_MAC" port up
	vnetctl fdb add "$f" "$CHAIN_MAC" port up
	for d in "$s" "$f" "$r"; do
		sysctl -q -w "net.ipv6.conf.$d.disable_ipv6=1"
		vnetctl device start "$d"
	done
}

patch() {
	say "Patch chain vswitch -> vfirewall -> vrouter: patch ports against veth pairs"
	local kind s r
	for kind in patch veth; do
		s=p${kind:0:1}s r=p${kind:0:1}r
		chain "$kind" "$s" "p${kind:0:1}f" "$r" "${s}0" "${r}1"
		vnetctl neigh add "$r" 192.168.2.2 lladdr 02:00:00:00:cc:01 port "${r}1"
		# Frames go to the router's own MAC on its "down" port.
		config "chain-$kind" "" "0:${s}0" "${r}1" "$(udp_to "$CHAIN_MAC")"
	done
	rounds patch 0 1 chain-patch chain-veth
}

# hosts HNS IN OUT [NS]: a namespace HNS with two veth ends, a0 that sends
# and b0 that receives (a host with two NICs); their peers IN and OUT, in
# NS (default the guest's own), become the ports of the device under test.
hosts() {
	local hns=$1 ns=${4:-} d
	ip netns add "$hns"
	[ -z "$ns" ] || [ -e "/run/netns/$ns" ] || ip netns add "$ns"
	nsx "$ns" ip link add "$2" type veth peer name a0 netns "$hns"
	nsx "$ns" ip link add "$3" type veth peer name b0 netns "$hns"
	for d in a0 b0; do
		nsx "$hns" sysctl -q -w "net.ipv6.conf.$d.disable_ipv6=1"
		nsx "$hns" ip link set "$d" up
	done
	for d in "$2" "$3"; do
		nsx "$ns" sysctl -q -w "net.ipv6.conf.$d.disable_ipv6=1"
		nsx "$ns" ip link set "$d" up
	done
}

# ovs_pair DP IN OUT [FLOW]: an OVS datapath DP with ports IN (1) and OUT
# (2), a flow from IN to OUT (FLOW, the match, by default a megaflow of
# all of IN's IPv4) and one back; fails without OVS.
ovs_pair() {
	local all="eth(),eth_type(0x0800),ipv4(frag=no)"
	command -v ovs-dpctl >/dev/null && ovs-dpctl add-dp "$1" 2>/dev/null ||
		return 1
	ovs-dpctl add-if "$1" "$2" && ovs-dpctl add-if "$1" "$3" &&
		ovs-dpctl add-flow "$1" "${4:-in_port(1),$all}" 2 &&
		ovs-dpctl add-flow "$1" "in_port(2),$all" 1
}

# Frames nobody else holds: a host sends from a0 with AF_PACKET
# (tests/tools/inject), the frames cross a veth into the device, which
# forwards them in the sender's softirq, and b0 counts what comes back out
# over the other veth: as a container's frames. Each kind against its
# peer, the floors, and the patch chain against the veth chain. The
# routers' stream goes to the next hop itself (192.168.2.2).
unshared() {
	local n=${BENCH_VETH_RULES:-1000} m cfgs=()
	say "Unshared frames from a host namespace over veth pairs: each kind against its peer"
	hosts hu-inj ui-in ui-out
	config un-inject hu-inj "inject:a0" "a0" "$(inject_to $DST_MAC)"
	hosts hu-floor uf-in uf-out
	if floor_filter uf-in uf-out; then
		config un-floor hu-floor "inject:a0" "b0:rx" "$(inject_to $DST_MAC)"
		cfgs+=(un-floor)
	fi
	hosts hu-fair ug-in ug-out
	if floor_filter ug-in ug-out fair; then
		config un-floor-fair hu-fair "inject:a0" "b0:rx" "$(inject_to $DST_MAC)"
		cfgs+=(un-floor-fair)
	fi
	hosts hu-vsw us-in us-out
	vswitch vsw-u us-in us-out
	vnetctl fdb add vsw-u $DST_MAC port us-out
	config un-vswitch hu-vsw "inject:a0" "b0:rx" "$(inject_to $DST_MAC)"
	hosts hu-br ub-in ub-out
	mkbridge "" br-u ub-in ub-out
	bridge fdb add $DST_MAC dev ub-out master static
	config un-bridge hu-br "inject:a0" "b0:rx" "$(inject_to $DST_MAC)"
	cfgs+=(un-vswitch un-bridge)
	hosts hu-ovs uo-in uo-out
	if ovs_pair ovs-u uo-in uo-out "$OVS_FLOW"; then
		config un-ovs hu-ovs "inject:a0" "b0:rx" "$(inject_to $DST_MAC)"
		cfgs+=(un-ovs)
	fi
	hosts hu-vr ur-in ur-out
	vrouter vr-u ur-in ur-out 10
	config un-vrouter hu-vr "inject:a0" "b0:rx" "$(inject_to "$(mac_of "" ur-in)")"
	hosts hu-kr uk-in uk-out kr-u
	kernel_router kr-u uk-in uk-out 10
	config un-kernel hu-kr "inject:a0" "b0:rx" "$(inject_to "$(mac_of kr-u uk-in)")"
	rm -f "$work"/vnet "$work"/chain "$work"/set
	fw_rules "$n"
	hosts hu-vfw uw-in uw-out
	vfirewall vfw-u uw-in uw-out on
	config un-vfirewall hu-vfw "inject:a0" "b0:rx" "$(inject_to $DST_MAC)"
	hosts hu-nft un-in un-out nft-u
	nft_bridge nft-u un-in un-out "$work/set"
	config un-nft-set hu-nft "inject:a0" "b0:rx" "$(inject_to $DST_MAC)"
	cfgs+=(un-vrouter un-kernel un-vfirewall un-nft-set)
	for m in patch veth; do
		hosts "hu-c$m" "uc${m:0:1}-in" "uc${m:0:1}-out"
		chain "$m" "uc${m:0:1}s" "uc${m:0:1}f" "uc${m:0:1}r" \
			"uc${m:0:1}-in" "uc${m:0:1}-out"
		vnetctl neigh add "uc${m:0:1}r" 192.168.2.2 lladdr 02:00:00:00:cc:01 \
			port "uc${m:0:1}-out"
		config "un-chain-$m" "hu-c$m" "inject:a0" "b0:rx" "$(inject_to "$CHAIN_MAC")"
		cfgs+=("un-chain-$m")
	done
	ROUNDS_OF=$UNSHARED_ROUNDS rounds unshared "$n" 1 un-inject "${cfgs[@]}"
	for m in vsw-u br-u vr-u vfw-u ucps ucpf ucpr ucvs ucvf ucvr ucvsu ucvfu; do
		ip link del "$m"
	done
	ovs-dpctl del-dp ovs-u 2>/dev/null || :	# only if OVS is there
	for m in hu-inj hu-floor hu-fair hu-vsw hu-br hu-ovs hu-vr hu-kr kr-u \
		hu-vfw hu-nft nft-u hu-cpatch hu-cveth; do
		ip netns del "$m"
	done
}

# Flooding: unknown unicast from one port out of every other, a vswitch
# against a bridge with BENCH_FLOOD_PORTS ports (2 8 32 by default):
# delivered copies a second, so the cost of a copy.
flood() {
	local n i sizes=${BENCH_FLOOD_PORTS:-2 8 32} egr
	say "Flooding unknown unicast to $sizes ports: vswitch against bridge"
	for n in $sizes; do
		dummy "" fv$n-0
		vnetctl device add "fvs-$n" type vswitch
		vnetctl port add "fvs-$n" dev "fv$n-0"
		ip link add "fbr-$n" type bridge
		dummy "" fb$n-0
		ip link set "fb$n-0" master "fbr-$n"
		egr=()
		for i in $(seq 1 $((n - 1))); do
			dummy "" "fv$n-$i" "fb$n-$i"
			vnetctl port add "fvs-$n" dev "fv$n-$i"
			ip link set "fb$n-$i" master "fbr-$n"
			egr+=("fv$n-$i")
		done
		for i in "fvs-$n" "fbr-$n"; do
			sysctl -q -w "net.ipv6.conf.$i.disable_ipv6=1"
		done
		vnetctl device start "fvs-$n"
		ip link set "fbr-$n" up
		config "vswitch-$n" "" "0:fv$n-0" "${egr[*]}" "$(udp_to 02:00:00:00:ee:01)"
		config "bridge-$n" "" "0:fb$n-0" "${egr[*]//fv/fb}" "$(udp_to 02:00:00:00:ee:01)"
		rounds flood "$n" 1 "vswitch-$n" "bridge-$n"
		ip link del "fvs-$n"
		ip link del "fbr-$n"
		for i in $(seq 0 $((n - 1))); do
			ip link del "fv$n-$i"
			ip link del "fb$n-$i"
		done
	done
}

# tcp_hosts NAME IN OUT A/LEN B/LEN [NS]: containers ta-NAME, A on its
# eth0, and tb-NAME, B on its eth0, their veth peers IN and OUT in NS
# (default the guest's own), up, GSO and offloads as the kernel sets them.
tcp_hosts() {
	local name=$1 ns=${6:-} side c port addr
	[ -z "$ns" ] || [ -e "/run/netns/$ns" ] || ip netns add "$ns"
	for side in "ta $2 $4" "tb $3 $5"; do
		read -r c port addr <<< "$side"
		ip netns add "$c-$name"
		nsx "$c-$name" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
		nsx "$ns" ip link add "$port" type veth peer name eth0 netns "$c-$name"
		ip -n "$c-$name" addr add "$addr" dev eth0
		ip -n "$c-$name" link set eth0 up
		ip -n "$c-$name" link set lo up
		nsx "$ns" sysctl -q -w "net.ipv6.conf.$port.disable_ipv6=1"
		nsx "$ns" ip link set "$port" up
	done
}

# tcp_next NAME SIDE ADDR MAC [gw]: container SIDE-NAME's neighbour ADDR
# at MAC, static (nothing in a scenario depends on ARP); with gw, its
# default route too.
tcp_next() {
	ip -n "$2-$1" neigh replace "$3" lladdr "$4" dev eth0 nud permanent
	[ -z "${5:-}" ] || ip -n "$2-$1" route add default via "$3"
}

# tcp_l2 NAME NET: tcp_hosts' containers on one subnet, 10.96.NET.1 and
# .2, each the other's neighbour (ports tNAME-a and tNAME-b).
tcp_l2() {
	tcp_hosts "$1" "t$1-a" "t$1-b" "10.96.$2.1/24" "10.96.$2.2/24" "${3:-}"
	tcp_next "$1" ta "10.96.$2.2" "$(mac_of "tb-$1" eth0)"
	tcp_next "$1" tb "10.96.$2.1" "$(mac_of "ta-$1" eth0)"
	TCP_ADDR[$1]=10.96.$2.2
}

# What users run: one TCP stream (iperf3) and one-byte request/response
# (tests/tools/tcp_rr) between two containers whose veths are ports of
# each kind and of its peer, GSO on as the kernel sets it: the vswitch
# against the bridge and OVS's datapath, the vrouter against kernel
# forwarding, the vfirewall tracking connections against a bridge with
# nftables' ct state, the patch chain against the veth chain.
tcp() {
	local c r cfgs=(vsw br)
	declare -gA TCP_ADDR
	# A phase of its own: record_cmd measures no config.
	PHASE_FAILED= MEASURED=
	say "TCP between containers: bulk (iperf3) and request/response, each kind against its peer"
	tcp_l2 vsw 1
	vswitch vsw-t tvsw-a tvsw-b
	tcp_l2 br 2
	mkbridge "" br-t tbr-a tbr-b
	tcp_l2 ovs 3
	ovs_pair ovs-t tovs-a tovs-b && cfgs+=(ovs)
	tcp_hosts vr tvr-a tvr-b 10.95.4.2/24 10.94.4.2/24
	vnetctl device add vr-t type vrouter
	vnetctl port add vr-t dev tvr-a
	vnetctl port add vr-t dev tvr-b
	vnetctl addr add vr-t 10.95.4.1/24 port tvr-a
	vnetctl addr add vr-t 10.94.4.1/24 port tvr-b
	sysctl -q -w net.ipv6.conf.vr-t.disable_ipv6=1
	vnetctl device start vr-t
	tcp_next vr ta 10.95.4.1 "$(mac_of "" tvr-a)" gw
	tcp_next vr tb 10.94.4.1 "$(mac_of "" tvr-b)" gw
	TCP_ADDR[vr]=10.94.4.2
	tcp_hosts kr tkr-a tkr-b 10.95.5.2/24 10.94.5.2/24 kr-t
	nsx kr-t sysctl -q -w net.ipv4.ip_forward=1
	ip -n kr-t addr add 10.95.5.1/24 dev tkr-a
	ip -n kr-t addr add 10.94.5.1/24 dev tkr-b
	tcp_next kr ta 10.95.5.1 "$(mac_of kr-t tkr-a)" gw
	tcp_next kr tb 10.94.5.1 "$(mac_of kr-t tkr-b)" gw
	TCP_ADDR[kr]=10.94.5.2
	# The firewalls open connections from a only, and let their replies
	# through.
	tcp_l2 vfw 6
	vnetctl device add vfw-t type vfirewall policy drop conntrack on
	vnetctl port add vfw-t dev tvfw-a
	vnetctl port add vfw-t dev tvfw-b
	echo "src 10.96.6.1/32 action accept" > "$work/tcp-rules"
	vnetctl rule replace vfw-t "$work/tcp-rules"
	sysctl -q -w net.ipv6.conf.vfw-t.disable_ipv6=1
	vnetctl device start vfw-t
	tcp_l2 nft 7 nft-t
	mkbridge nft-t br0 tnft-a tnft-b
	nsx nft-t nft -f - <<-EOF
	table bridge bench_tcp {
		chain forward {
			type filter hook forward priority 0; policy drop;
			ct state established,related accept
			ip saddr 10.96.7.1 ct state new accept
		}
	}
	EOF
	cfgs+=(vr kr vfw nft)
	for c in patch veth; do
		tcp_hosts "c$c" "tc${c:0:1}-a" "tc${c:0:1}-b" 192.168.1.2/24 192.168.2.2/24
		chain "$c" "tc${c:0:1}s" "tc${c:0:1}f" "tc${c:0:1}r" "tc${c:0:1}-a" "tc${c:0:1}-b"
		tcp_next "c$c" ta 192.168.1.1 "$CHAIN_MAC" gw
		tcp_next "c$c" tb 192.168.2.1 "$(mac_of "" "tc${c:0:1}-b")" gw
		TCP_ADDR[c$c]=192.168.2.2
		cfgs+=("c$c")
	done
	# Each config's name in the CSV: tcp-vswitch for vsw, and so on.
	local -A name=([vsw]=vswitch [br]=bridge [ovs]=ovs [vr]=vrouter [kr]=kernel
		[vfw]=vfirewall [nft]=nft-ct [cpatch]=chain-patch [cveth]=chain-veth)
	for r in $(seq 1 "${BENCH_TCP_ROUNDS:-3}"); do
		for c in "${cfgs[@]}"; do
			record_cmd tcp "tcp-${name[$c]}" "$r" bit \
				tcp_bulk "ta-$c" "tb-$c" "${TCP_ADDR[$c]}"
			record_cmd rr "rr-${name[$c]}" "$r" transaction \
				tcp_trans "ta-$c" "tb-$c" "${TCP_ADDR[$c]}"
		done
	done
	for c in vsw-t br-t vr-t vfw-t tcps tcpf tcpr tcvs tcvf tcvr tcvsu tcvfu; do
		ip link del "$c"
	done
	ovs-dpctl del-dp ovs-t 2>/dev/null || :
	for c in vsw br ovs vr kr vfw nft cpatch cveth; do
		ip netns del "ta-$c"
		ip netns del "tb-$c"
	done
	ip netns del kr-t
	ip netns del nft-t
}

control() {
	local n=${BENCH_CONTROL_N:-100000} ms s0 s1
	say "Control plane: $n fdb entries, $n routes, a 10000-rule set, $n connections"
	dummy "" cp0 cp1
	vnetctl device add vsw-cp type vswitch
	vnetctl port add vsw-cp dev cp0
	s0=$(slab_kb)
	ms=$(now_ms)
	switch_fdb vsw-cp cp0 "$n" | vnetctl -b -
	s1=$(slab_kb)
	ctl "fdb add,vnetctl -b,$n,$(($(now_ms) - ms)),$(((s1 - s0) * 1024 / n))"
	ip link add br-cp type bridge
	dummy "" cp2
	ip link set cp2 master br-cp
	s0=$(slab_kb)
	ms=$(now_ms)
	bridge_fdb cp2 "$n" | bridge -batch -
	s1=$(slab_kb)
	ctl "fdb add,bridge -batch,$n,$(($(now_ms) - ms)),$(((s1 - s0) * 1024 / n))"
	ip link del vsw-cp
	ip link del br-cp

	dummy "" cr0
	vnetctl device add vr-cp type vrouter
	vnetctl port add vr-cp dev cr0
	vnetctl addr add vr-cp 192.168.2.1/24 port cr0
	prefixes "$n" > "$work/pfx"
	s0=$(slab_kb)
	ms=$(now_ms)
	sed 's/.*/route add vr-cp & via 192.168.2.2/' "$work/pfx" | vnetctl -b -
	s1=$(slab_kb)
	ctl "route add,vnetctl -b,$n,$(($(now_ms) - ms)),$(((s1 - s0) * 1024 / n))"
	ip netns add cp-kr
	dummy cp-kr cr1
	ip -n cp-kr addr add 192.168.2.1/24 dev cr1
	s0=$(slab_kb)
	ms=$(now_ms)
	sed 's/.*/route add & via 192.168.2.2/' "$work/pfx" | ip -n cp-kr -batch -
	s1=$(slab_kb)
	ctl "route add,ip -batch,$n,$(($(now_ms) - ms)),$(((s1 - s0) * 1024 / n))"
	ip link del vr-cp
	ip netns del cp-kr

	rm -f "$work"/vnet "$work"/chain "$work"/set
	fw_rules 10000
	vnetctl device add vfw-cp type vfirewall
	s0=$(slab_kb)
	ms=$(now_ms)
	vnetctl rule replace vfw-cp "$work/vnet"
	s1=$(slab_kb)
	ctl "rule set replace,vnetctl rule replace,10000,$(($(now_ms) - ms)),$(((s1 - s0) * 1024 / 10000))"
	ip netns add cp-nft
	s0=$(slab_kb)
	ms=$(now_ms)
	ip netns exec cp-nft nft -f "$work/chain"
	s1=$(slab_kb)
	ctl "rule set replace,nft -f,10000,$(($(now_ms) - ms)),$(((s1 - s0) * 1024 / 10000))"
	ip link del vfw-cp
	ip netns del cp-nft
	conns "$n"
	column -t -s, "$CTL"
}

# conns N: N UDP flows, one per source address, through a vfirewall that
# tracks connections and through kernel forwarding with nftables' conntrack;
# the time pktgen takes to send them and the kernel memory per connection
# each tracks.
conns() {
	local n=$1 ms s0 s1 got src
	local last="10.$(((n - 1) >> 16 & 255)).$(((n - 1) >> 8 & 255)).$(((n - 1) & 255))"
	src=("src_min 10.0.0.0" "src_max $last" "count $n")
	# The kernel's table must hold them all (only the first namespace may
	# set it).
	sysctl -q -w net.netfilter.nf_conntrack_max=$((n * 2)) 2>/dev/null || true
	vfirewall_conns vfw-ct ct0 ct1
	config conn-vfirewall "" "0:ct0" "ct1" "$(udp_to $DST_MAC)" "${src[@]}"
	s0=$(slab_kb)
	ms=$(now_ms)
	send_all conn-vfirewall
	ms=$(($(now_ms) - ms))
	s1=$(slab_kb)
	got=$(vnetctl -j conn show vfw-ct | jq length)
	ctl "connection,vfirewall conntrack,$got,$ms,$(((s1 - s0) * 1024 / (got ? got : 1)))"
	ip link del vfw-ct

	kernel_router cp-ct ck0 ck1 0
	nsx cp-ct nft -f - <<-EOF
	table ip conns {
		chain forward {
			type filter hook forward priority 0;
			ct state new,established accept
		}
	}
	EOF
	config conn-kernel cp-ct "0:ck0" "ck1" "$(udp_to "$(mac_of cp-ct ck0)")" "${src[@]}"
	s0=$(slab_kb)
	ms=$(now_ms)
	send_all conn-kernel
	ms=$(($(now_ms) - ms))
	s1=$(slab_kb)
	got=$(nsx cp-ct cat /proc/sys/net/netfilter/nf_conntrack_count)
	ctl "connection,nf_conntrack,$got,$ms,$(((s1 - s0) * 1024 / (got ? got : 1)))"
	ip netns del cp-ct
}

vfirewall_conns() {	# vfirewall_conns NAME IN OUT: accepts all, tracks it
	ports "" "$2" "$3"
	vnetctl device add "$1" type vfirewall policy accept conntrack on
	vnetctl port add "$1" dev "$2"
	vnetctl port add "$1" dev "$3"
	vnetctl fdb add "$1" $DST_MAC port "$3"
	sysctl -q -w "net.ipv6.conf.$1.disable_ipv6=1"
	vnetctl device start "$1"
}

# ul_hosts A B NET: namespaces A and B, two hosts on a veth underlay
# "ul", 10.99.NET.1 and 10.99.NET.2; and a namespace hx-A with a0 and b0,
# a host that sends from a0, a port on A, and counts at b0, a port on B
# (their peers A's ov-in and B's ov-out).
ul_hosts() {
	local a=$1 b=$2 net=$3 ns n=1
	ip netns add "$a"
	ip netns add "$b"
	ip netns add "hx-$a"
	ip -n "$a" link add ul type veth peer name ul netns "$b"
	ip -n "$a" link add ov-in type veth peer name a0 netns "hx-$a"
	ip -n "$b" link add ov-out type veth peer name b0 netns "hx-$a"
	for ns in "$a" "$b" "hx-$a"; do
		nsx "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
		ip -n "$ns" link set lo up
	done
	for ns in "$a" "$b"; do
		ip -n "$ns" addr add "10.99.$net.$n/24" dev ul
		ip -n "$ns" link set ul up
		n=$((n + 1))
	done
	ip -n "$a" link set ov-in up
	ip -n "$b" link set ov-out up
	ip -n "hx-$a" link set a0 up
	ip -n "hx-$a" link set b0 up
}

# tcp_pair A B NET: containers tc-A, 10.97.NET.1 behind A's port tc-in, and
# tc-B, 10.97.NET.2 behind B's tc-out, at VXLAN's MTU over IPv4 (1450),
# as on any segment across hosts.
tcp_pair() {
	local a=$1 b=$2 net=$3 side ns host port n
	for side in "$a tc-in 1" "$b tc-out 2"; do
		read -r host port n <<< "$side"
		ns=tc-$host
		ip netns add "$ns"
		ip -n "$host" link add "$port" mtu 1450 type veth peer name eth0 \
			netns "$ns" mtu 1450
		nsx "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
		ip -n "$ns" addr add "10.97.$net.$n/24" dev eth0
		ip -n "$ns" link set eth0 up
		ip -n "$ns" link set lo up
		ip -n "$host" link set "$port" up
	done
}

# tcp_bulk CLIENT SERVER ADDR: bits/s of one TCP stream from namespace
# CLIENT to iperf3 at ADDR in SERVER for BENCH_TCP_SECS (default BENCH_SECS,
# 3 s at least: a stream takes a while to open its window).
tcp_bulk() {
	local secs=${BENCH_TCP_SECS:-$((BENCH_SECS < 3 ? 3 : BENCH_SECS))}
	nsx "$2" iperf3 -s -1 -D -p 5201 --logfile /dev/null &&
		sleep 0.5 &&
		nsx "$1" iperf3 -c "$3" -p 5201 -t "$secs" -J |
		jq -e '.end.sum_received.bits_per_second | floor'
}

# tcp_trans CLIENT SERVER ADDR: transactions a second of one-byte requests
# from CLIENT answered by tests/tools/tcp_rr at ADDR in SERVER, over
# BENCH_SECS. A server nobody reaches is not waited for.
tcp_trans() {
	local out n us server
	nsx "$2" timeout $((BENCH_SECS + 10)) "$TCP_RR" -s 5202 &
	server=$!
	if ! out=$(nsx "$1" timeout $((BENCH_SECS + 10)) "$TCP_RR" -c "$3" 5202 "$BENCH_SECS"); then
		kill "$server" 2>/dev/null || :
		wait "$server" || :
		return 1
	fi
	wait "$server" || return 1
	read -r _ n _ us <<< "$out"
	[ "${us:-0}" -gt 0 ] && echo $((n * 1000000 / us))
}

# record_cmd SCENARIO CONFIG ROUND UNIT CMD...: CMD's figure (UNIT a
# second) in the CSV's place of the rate, "failed" if a step failed.
record_cmd() {
	local v sc=$1 cfg=$2 r=$3 unit=$4
	shift 4
	failed_steps set-up && PHASE_FAILED=1
	MEASURED=1
	if [ -n "${PHASE_FAILED:-}" ] || ! v=$("$@"); then
		v=failed
	fi
	failed_steps measurement && v=failed
	echo "$sc,$cfg,0,1,$r,$v,0,0" >> "$CSV"
	printf '  %-10s %-16s round %s: %s %s/s\n' "$sc" "$cfg" "$r" "$v" "$unit"
}

# A segment across two hosts: vnet's vswitch with a vni against the Linux
# bridge with a vxlan device, both flooding by an all-zero entry with
# learning off, the destination's MAC static on each side; 64-byte frames
# from a host on one to a host on the other, encapsulated and back; and a
# TCP stream between two containers on it.
overlay() {
	say "Overlay: a segment across two namespace hosts, vswitch+vni vs bridge+vxlan"
	local xmit="xmit_mode start_xmit" side ns me other port
	ul_hosts ova ovb 1
	for side in "ova 1 2 ov-in" "ovb 2 1 ov-out"; do
		read -r ns me other port <<< "$side"
		nsx "$ns" vnetctl network add ovn underlay ul local "10.99.1.$me"
		nsx "$ns" vnetctl network host add ovn "10.99.1.$other"
		nsx "$ns" vnetctl device add ovs type vswitch network ovn vni 10
		nsx "$ns" vnetctl port add ovs dev "$port"
		nsx "$ns" vnetctl device start ovs
	done
	nsx ova vnetctl fdb add ovs $DST_MAC port vnetvx10
	nsx ovb vnetctl fdb add ovs $DST_MAC port ov-out
	tcp_pair ova ovb 1
	nsx ova vnetctl port add ovs dev tc-in
	nsx ovb vnetctl port add ovs dev tc-out
	config overlay-vswitch hx-ova "0:a0" "b0:rx" "$(udp_to $DST_MAC)" "$xmit"
	ul_hosts obra obrb 2
	for side in "obra 1 2 ov-in" "obrb 2 1 ov-out"; do
		read -r ns me other port <<< "$side"
		ip -n "$ns" link add vx type vxlan id 10 local "10.99.2.$me" \
			dev ul dstport 4789 nolearning
		nsx "$ns" bridge fdb append 00:00:00:00:00:00 dev vx dst "10.99.2.$other"
		ip -n "$ns" link add name ovbr type bridge
		ip -n "$ns" link set vx master ovbr
		ip -n "$ns" link set "$port" master ovbr
		ip -n "$ns" link set vx up
		ip -n "$ns" link set ovbr up
	done
	tcp_pair obra obrb 2
	ip -n obra link set tc-in master ovbr
	ip -n obrb link set tc-out master ovbr
	nsx obra bridge fdb add $DST_MAC dev vx master static
	nsx obrb bridge fdb add $DST_MAC dev ov-out master static
	config overlay-bridge hx-obra "0:a0" "b0:rx" "$(udp_to $DST_MAC)" "$xmit"
	rounds overlay 0 1 overlay-vswitch overlay-bridge
	for r in $(seq 1 "$ROUNDS"); do
		record_cmd overlay-tcp tcp-vswitch "$r" bit \
			tcp_bulk tc-ova tc-ovb 10.97.1.2
		record_cmd overlay-tcp tcp-bridge "$r" bit \
			tcp_bulk tc-obra tc-obrb 10.97.2.2
	done
	for ns in ova ovb hx-ova obra obrb hx-obra tc-ova tc-ovb tc-obra tc-obrb; do
		ip netns del "$ns"
	done
}

for scenario in $SCENARIOS; do
	"$scenario"
done
say "done"
rm -rf "$work"
