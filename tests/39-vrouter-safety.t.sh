#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What a frame must not carry across devices, and state that must not be
# shared or lost: nested fragmentation (two vrouters joined by a patch
# both fragment one packet), receive timestamps meeting fq on the egress,
# the host's conntrack state coming back up to the host, packets queued
# for ARP when their ingress device goes, permanent neighbours added while
# the ageing work removes the same entries, and netconsole on vnet devices.
#
#   h1 10.1.0.2 (MTU 9000) -- p1 [sf-r1 MTU 1400] to-r2 ==== to-r1 [sf-r2] p2 -- h2 10.2.0.2 (MTU 1000)
#                                 sw  host 10.60.0.2             p3 -- h3 10.3.0.2
#                                 ||
#   h5 10.5.0.1 -- s5 [sf-sw] s6 -- h6 10.5.0.2       host: 10.5.0.100 on sf-sw, 10.60.0.1 on sf-r1
. "$(dirname "$0")/lib.sh"
require_module
plan 35
on_exit vnet_flush
r1=sf-r1
r2=sf-r2
sw=sf-sw
vnetctl device add $r1 type vrouter mtu 1400
vnetctl device add $r2 type vrouter
vnetctl device add $sw type vswitch
for d in $r1 $r2 $sw; do
	vnetctl device start $d
	sysctl -q -w net.ipv6.conf.$d.disable_ipv6=1
done
add_router_host h1 $r1 p1 10.1.0.2/24 10.1.0.1 || exit 1
add_router_host h2 $r2 p2 10.2.0.2/24 10.2.0.1 || exit 1
add_router_host h3 $r2 p3 10.3.0.2/24 10.3.0.1 || exit 1
add_host h5 $sw s5 10.5.0.1/24 || exit 1
add_host h6 $sw s6 10.5.0.2/24 || exit 1
vnetctl port add $r1 peer $r2 name to-r2 peer-name to-r1
vnetctl addr add $r1 10.12.0.1/30 port to-r2
vnetctl addr add $r2 10.12.0.2/30 port to-r1
vnetctl route add $r1 10.2.0.0/24 via 10.12.0.2
vnetctl route add $r2 10.1.0.0/24 via 10.12.0.1
n() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
rx_pkts() { ip -n "$1" -j -s link show eth0 | jq '.[0].stats64.rx.packets'; }
lmac() { ip -j link show "$1" | jq -r '.[0].address'; }

# Item: nested fragmentation. h1 sends 4028 bytes unfragmented (MTU 9000);
# r1 splits it into 3 for its patch port (the patch takes r1's MTU, 1400:
# 1376 + 1376 + 1256 bytes of payload); r2 splits each again for p2 (MTU
# 1000: 976 + 400, 976 + 400, 976 + 280): h2 gets 6. The reply, which h2
# itself cuts into 5 for its MTU 1000, needs no router to fragment. A
# fragment that crosses the patch makes r2 fragment before r1 makes its
# next one, on the same CPU: r1's next fragments must still leave by r1's
# patch port, not by r2's p2.
ip link set p1 mtu 9000
n "$h1" ip link set eth0 mtu 9000
ip link set p2 mtu 1000
n "$h2" ip link set eth0 mtu 1000
check "h1 pings h2 across both routers" n "$h1" ping -c 1 -W 2 10.2.0.2
# No ARP in what is counted: every neighbour on the way is made permanent,
# the routers' over the patch too, at what the ping taught them. Learned,
# they go stale 30 s on, and a loaded debug guest can take that long to
# get to the count: r1 then probes over the patch, one frame more.
n "$h1" ip neigh replace 10.1.0.1 lladdr "$(lmac p1)" dev eth0 nud permanent
n "$h2" ip neigh replace 10.2.0.1 lladdr "$(lmac p2)" dev eth0 nud permanent
vnetctl neigh add $r1 10.1.0.2 lladdr "$(host_mac "$h1" eth0)" port p1
vnetctl neigh add $r2 10.2.0.2 lladdr "$(host_mac "$h2" eth0)" port p2
learned() { vnetctl -j neigh show "$1" | jq -r ".[] | select(.address == \"$2\") | .mac"; }
vnetctl neigh add $r1 10.12.0.2 lladdr "$(learned $r1 10.12.0.2)" port to-r2
vnetctl neigh add $r2 10.12.0.1 lladdr "$(learned $r2 10.12.0.1)" port to-r1
counts() {
	echo "h2_rx=$(rx_pkts "$h2")" \
		"r1.to-r2_tx=$(port_stat $r1 to-r2 tx_packets)" \
		"r1.to-r2_fragments=$(port_stat $r1 to-r2 fragments)" \
		"r2.p2_tx=$(port_stat $r2 p2 tx_packets)" \
		"r2.p2_fragments=$(port_stat $r2 p2 fragments)" \
		"r2.p2_drop_mtu=$(port_stat $r2 p2 drop_mtu)" \
		"r1.p1_tx=$(port_stat $r1 p1 tx_packets)" \
		"h1_rx=$(rx_pkts "$h1")"
}
# delta "A=1 B=2" "A=4 B=2" -> "A=3 B=0"
delta() {
	paste -d' ' <(tr ' ' '\n' <<<"$1") <(tr ' ' '\n' <<<"$2") |
		awk -F'[= ]' '{ printf "%s%s=%d", sep, $1, $4 - $2; sep = " " }'
}
c0=$(counts)
check "a 4000-byte ping without DF is answered through two fragmenting routers" \
	n "$h1" ping -c 1 -W 3 -M dont -s 4000 10.2.0.2
check_eq "each router fragments for its own egress: 3 on r1's patch port, 6 on r2's p2" \
	"h2_rx=6 r1.to-r2_tx=3 r1.to-r2_fragments=3 r2.p2_tx=6 r2.p2_fragments=6 r2.p2_drop_mtu=0 r1.p1_tx=5 h1_rx=5" \
	"$(delta "$c0" "$(counts)")"

# Options in fragments (RFC 791, as ip_options_fragment() does): a copied
# option (router alert, 0x94) stays in every fragment, one not copied
# (record route, 7) only in the first; the others carry no-ops in its place.
# h2 sees the fragments r2 makes of r1's: only the one at offset 0 still
# has record route. h2 captures (IP header on) and takes the datagram.
fragout=$(mktemp)
n "$h2" python3 -c '
import select, socket, struct, time
cap = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800))
cap.bind(("eth0", 0))
rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rx.bind(("10.2.0.2", 5555))
frags = []
def take():	# a fragment from h1: its offset and its options
    p = cap.recv(65535)
    if p[9] == 17 and p[12:16] == socket.inet_aton("10.1.0.2"):
        off = struct.unpack("!H", p[6:8])[0]
        frags.append("%d %s" % ((off & 0x1fff) * 8, p[20:(p[0] & 15) * 4].hex()))
print("ready", flush=True)
got, end = b"", time.time() + 5
while time.time() < end and not got:
    for s in select.select([cap, rx], [], [], 0.2)[0]:
        if s is rx:
            got = rx.recv(65535)
        else:
            take()
while select.select([cap], [], [], 0.5)[0]:	# what came before the datagram
    take()
print("datagram", len(got), got == bytes(range(250)) * 16)
print("\n".join(frags), flush=True)' >"$fragout" 2>&1 &
fragp=$!
frag_ready() { grep -q ready "$fragout"; }
busywait 20000 frag_ready
n "$h1" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, 10, 0)		# IP_MTU_DISCOVER: DONT, no DF
s.setsockopt(socket.IPPROTO_IP, 4,		# IP_OPTIONS: router alert, record route
             bytes.fromhex("94040000" "0707040000000000"))
s.sendto(bytes(range(250)) * 16, ("10.2.0.2", 5555))'
wait $fragp
check_eq "a 4000-byte datagram with IP options and no DF reaches h2 whole through two fragmenting routers" \
	"datagram 4000 True" "$(grep ^datagram "$fragout")"
frags=$(grep -E '^[0-9]+ ' "$fragout")
check_eq "every fragment keeps router alert, copied; only the first keeps record route" \
	"6 fragments: 6 with router alert, 1 with record route, at offset 0" \
	"$(awk '{ n++; if (substr($2, 1, 8) == "94040000") ra++
		if (substr($2, 9, 2) == "07") { rr++; at = $1 } }
		END { printf "%d fragments: %d with router alert, %d with record route, at offset %s",
			n, ra, rr, at }' <<< "$frags")"
check_eq "the later fragments carry no-ops where record route was" "5" \
	"$(grep -cE '^[1-9][0-9]* 9404000001010101010101..$' <<< "$frags")"
rm -f "$fragout"

# Item: receive timestamps. While any socket asks for SO_TIMESTAMP, a veth
# stamps what it receives with the wall clock; a forwarded frame that kept
# it reaches fq on its egress port as a departure time decades ahead, and
# fq drops it as beyond its horizon. ping -U takes no timestamps itself.
check "control: h1 pings h2 through both routers" n "$h1" ping -U -c 2 -i 0.2 -W 2 10.2.0.2
check "control: h5 pings h6 through the vswitch" n "$h5" ping -U -c 2 -i 0.2 -W 2 10.5.0.2
# It ends by itself should the test stop early. Python 3.11 does not name
# SO_TIMESTAMP (29): a name error here once left timestamps off unseen.
tsout=$(mktemp)
python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, 29, 1)
print(s.getsockopt(socket.SOL_SOCKET, 29), flush=True)
time.sleep(60)' >"$tsout" 2>&1 &
tsp=$!
ts_on() { [ "$(cat "$tsout")" = 1 ]; }
# Python can take seconds to start in a loaded debug guest.
check "a socket asks for receive timestamps (SO_TIMESTAMP is 1 on it)" busywait 20000 ts_on
# No ARP in what fq counts: h5 and h6 know each other for good (h6 would
# otherwise probe h5 5 s after the control, and h5's answer leave by s6);
# the routed way has only permanent neighbours already.
n "$h5" ip neigh replace 10.5.0.2 lladdr "$(host_mac "$h6" eth0)" dev eth0 nud permanent
n "$h6" ip neigh replace 10.5.0.1 lladdr "$(host_mac "$h5" eth0)" dev eth0 nud permanent
qstat() { tc -s -j qdisc show dev "$1" root | jq ".[0].$2"; }
if tc qdisc add dev p2 root fq 2>/dev/null && tc qdisc add dev s6 root fq 2>/dev/null; then
	sleep 0.5	# the timestamping is switched on by a work item
	check "routed frames pass fq on r2's egress p2 while receive timestamps are on" \
		n "$h1" ping -U -c 3 -i 0.2 -W 2 10.2.0.2
	check "switched frames pass fq on the vswitch's egress s6" \
		n "$h5" ping -U -c 3 -i 0.2 -W 2 10.5.0.2
	check_eq "fq dropped none of them" "p2 0 s6 0" "p2 $(qstat p2 drops) s6 $(qstat s6 drops)"
	# Only the echo requests leave by p2 and s6; the replies come in there.
	check_eq "fq sent the 3 echo requests on each, and nothing else" "p2 3 s6 3" \
		"p2 $(qstat p2 packets) s6 $(qstat s6 packets)"
else
	skip_rest "no fq qdisc (CONFIG_NET_SCH_FQ)" \
		"routed frames pass fq on r2's egress p2 while receive timestamps are on" \
		"switched frames pass fq on the vswitch's egress s6" \
		"fq dropped none of them" \
		"fq sent the 3 echo requests on each, and nothing else"
fi
tc qdisc del dev p2 root 2>/dev/null
tc qdisc del dev s6 root 2>/dev/null
kill $tsp 2>/dev/null
rm -f "$tsout"
wait $tsp 2>/dev/null

# Item: the host's conntrack state. The host sends on the vswitch, across
# the patch to r1, which routes it out of its host port back up to the
# host. Sent untracked (notrack in output), it must come back in tracked
# afresh: a frame that kept the host's state would match "ct state
# untracked" in prerouting.
vnetctl port add $sw peer $r1 name to-r1 peer-name sw
vnetctl addr add $r1 10.5.0.254/24 port sw
ip addr add 10.5.0.100/24 dev $sw
ip addr add 10.60.0.1/24 dev $r1
vnetctl addr add $r1 10.60.0.2/24 port host
vnetctl route add $r1 10.9.9.0/24 via 10.60.0.1
ip route add 10.9.9.9/32 via 10.5.0.254 dev $sw
nftc() {
	nft -j list counter inet sf39 "$1" | jq '.nftables[] | select(.counter) | .counter.packets'
}
nftc_is() { [ "$(nftc "$1")" = "$2" ]; }
if nft -f - 2>/dev/null <<EOF
table inet sf39 {
	counter seen { }
	counter leaked { }
	chain out {
		type filter hook output priority raw; policy accept;
		ip daddr 10.9.9.9 notrack
	}
	chain pre {
		type filter hook prerouting priority filter; policy accept;
		iifname "$r1" ip daddr 10.9.9.9 counter name "seen"
		iifname "$r1" ip daddr 10.9.9.9 ct state untracked counter name "leaked"
	}
}
EOF
then
	on_exit nft delete table inet sf39
	# Nobody answers, and each comes back up once: its source is the
	# host's own address, a martian the host neither forwards nor takes.
	ping -c 2 -i 0.2 -W 1 10.9.9.9 >/dev/null 2>&1
	busywait 3000 nftc_is seen 2
	check_eq "control: the host's 2 echo requests came back up through the vswitch, the patch and r1's host port" \
		2 "$(nftc seen)"
	check_eq "none came back carrying the host's conntrack state" 0 "$(nftc leaked)"
else
	skip_rest "nft with ct and notrack unavailable" \
		"control: the host's 2 echo requests came back up through the vswitch, the patch and r1's host port" \
		"none came back carrying the host's conntrack state"
fi
ip route del 10.9.9.9/32 2>/dev/null

# Item: queued packets outlive their ingress device. N packets from h3 wait
# for next hops on p2 that never answer; p3, where they came in, is deleted
# while they wait; they are dropped when ARP fails (a use-after-free of the
# ingress device would show on the debug kernel), and the router still
# forwards.
N=$(scaled 1000)
vnetctl addr add $r2 10.8.255.254/16 port p2
many() {
	vnetctl -j neigh show $r2 |
		jq "[.[] | select((.address | startswith(\"10.8.\")) $1)] | length"
}
many_is() { [ "$(many "$1")" = "$2" ]; }
nf0=$(port_stat $r2 p2 drop_neigh_failed)
check_eq "$N frames from h3 to as many next hops on p2: the sender's socket takes them all" \
	"refused 0" \
	"$(n "$h3" python3 "$TESTS_DIR/badpkt.py" eth0 "$(lmac p3)" 10.3.0.2 10.8.0.0/16 good-echo "$N")"
check "each made a neighbour entry" busywait 20000 many_is "" "$N"
# Their addresses, for the item after this one: by the time it starts, the
# ageing may have forgotten some.
addrs=$(vnetctl -j neigh show $r2 |
	jq -r '.[] | select(.address | startswith("10.8.")) | .address')
p3_listed() { vnetctl -j port show $r2 | jq -e '.[] | select(.name == "p3")' >/dev/null; }
check "control: p3 is a port of r2 before its device goes" p3_listed
ip link del p3
p3_gone() { ! p3_listed; }
check "their ingress port went with its device" p3_gone
# A loaded debug guest may reach here after the three ARP tries: an entry
# already failed has dropped its packet (counted below).
check_eq "and the packets still wait, one in each incomplete entry (or failed)" "$N" \
	"$(many "and ((.state == \"incomplete\" and .queued == 1) or .state == \"failed\")")"
# Judged by the drop counter, which only grows: in a loaded debug guest the
# first entries to fail can be forgotten (10 s on) before the last fail.
nf_is() { [ "$(port_stat $r2 p2 drop_neigh_failed)" = "$1" ]; }
check "ARP fails for each: the packets waiting are dropped and counted" \
	busywait 30000 nf_is "$((nf0 + N))"
t_fail=$(date +%s%3N)
check_eq "and every entry still listed has failed" 0 \
	"$(many "and .state != \"failed\"")"

# Item: permanent neighbours added while the ageing work removes the same
# entries. The failed entries are forgotten 10 to 11 s after they failed;
# each is made permanent once, in random order, in 20 batches spread over
# 8 to 13 s after: some before the walk removes it, some after, some while
# it does. Every one must end permanent.
pmac=02:00:00:00:39:01
adds=$(mktemp)
on_exit rm -f "$adds" "$adds".*
shuf <<<"$addrs" | sed "s/.*/neigh add $r2 & lladdr $pmac port p2/" >"$adds"
split -n l/20 "$adds" "$adds."
wait_until() {
	local ms=$(($1 - $(date +%s%3N)))
	[ $ms -gt 0 ] && sleep "$(awk -v ms=$ms 'BEGIN { print ms / 1000 }')"
}
wait_until $((t_fail + 8000))
ran=0 failed=0
for c in "$adds".??; do	# split's chunks: aa to at
	[ -s "$c" ] && { ran=$((ran + 1)); vnetctl -b - <"$c" >/dev/null 2>>"$adds.err" || failed=$((failed + 1)); }
	sleep 0.25
done
# split makes 20 chunks, none empty with 100 lines or more.
check_eq "all 20 batches of neigh add ran, and none failed" "ran 20 failed 0" "ran $ran failed $failed"
head -5 "$adds.err" | diag
check_eq "all $N are permanent at $pmac, none lost to the ageing" "$N $N" \
	"$(many "") $(many "and .state == \"permanent\" and .mac == \"$pmac\"")"
sleep 1.5
check_eq "and stay so past another ageing pass" "$N" "$(many "and .state == \"permanent\"")"
vnetctl neigh flush $r2
check "the router still forwards: h1 pings h2" n "$h1" ping -c 1 -W 2 10.2.0.2

# Item: netconsole. Its transmit runs with IRQs off; a vnet device's xmit
# enters the stack again, so netpoll must refuse the device. A dummy device
# takes it (control). The vnet devices have no ports: should one be taken
# (the bug), what netconsole sends goes nowhere.
nc=/sys/kernel/config/netconsole
# Up already: netpoll waits seconds for the carrier of a device it opens.
for d in sf-ncs:vswitch sf-ncr:vrouter; do
	vnetctl device add ${d%:*} type ${d#*:}
	vnetctl device start ${d%:*}
done
nc_mounted='' nc_loaded=''
# Debian builds configfs as a module: netconsole pulls it in, then the
# mount can be made.
if [ ! -d $nc ]; then
	if [ ! -d /sys/module/netconsole ] && modprobe netconsole 2>/dev/null; then
		nc_loaded=1
	fi
	if ! mountpoint -q /sys/kernel/config 2>/dev/null &&
		mount -t configfs configfs /sys/kernel/config 2>/dev/null; then
		nc_mounted=1
	fi
fi
nc_unbind() {
	[ -d "$nc/sf39-$1" ] || return 0
	echo 0 >"$nc/sf39-$1/enabled" 2>/dev/null
	rmdir "$nc/sf39-$1"
}
nc_bind() {
	local t=$nc/sf39-$1
	mkdir -p "$t" &&
		echo "$1" >"$t/dev_name" &&
		echo 10.77.0.1 >"$t/local_ip" &&
		echo 10.77.0.2 >"$t/remote_ip" &&
		echo 1 >"$t/enabled"
}
nc_cleanup() {
	local d
	for d in sf-ncdummy sf-ncs sf-ncr; do nc_unbind $d; done
	ip link del sf-ncdummy 2>/dev/null
	[ -z "$nc_mounted" ] || umount /sys/kernel/config
	[ -z "$nc_loaded" ] || modprobe -r netconsole
	nc_loaded='' nc_mounted=''
}
on_exit nc_cleanup
if [ -d $nc ] && ip link add sf-ncdummy type dummy 2>/dev/null; then
	ip link set sf-ncdummy up
	check "control: netconsole binds to a dummy device" nc_bind sf-ncdummy
	nc_unbind sf-ncdummy
	said() { dmesg | grep -c "$1 doesn.t support polling"; }
	for d in sf-ncs sf-ncr; do
		said0=$(said $d)
		check_err "netconsole cannot bind to the vnet device $d" "." nc_bind $d
		nc_unbind $d
		# netpoll says it once for the one "enabled" written.
		check_eq "the kernel says once that $d does not support polling" \
			"$((said0 + 1))" "$(said $d)"
	done
else
	skip_rest "no netconsole targets in configfs (CONFIG_NETCONSOLE_DYNAMIC, CONFIG_CONFIGFS_FS) or no dummy device" \
		"control: netconsole binds to a dummy device" \
		"netconsole cannot bind to the vnet device sf-ncs" \
		"the kernel says once that sf-ncs does not support polling" \
		"netconsole cannot bind to the vnet device sf-ncr" \
		"the kernel says once that sf-ncr does not support polling"
fi
nc_cleanup

# A GSO packet without DF whose segments do not fit the egress is cut
# into segments and each fragmented, as ip_finish_output_gso() does; none
# is dropped. h1 (MTU 9000, no path MTU discovery: no DF) sends 1 MB to
# h2 (MTU 1500 again: it offers an MSS of 1460) in GSO packets of
# 1460-byte segments, which r1's patch port (MTU 1400) cannot take whole.
ip link set p2 mtu 1500
n "$h2" ip link set eth0 mtu 1500
n "$h1" sysctl -q -w net.ipv4.ip_no_pmtu_disc=1
S=$TESTS_DIR/sockets.py
mtu0=$(port_stat $r1 to-r2 drop_mtu)
frag0=$(port_stat $r1 to-r2 fragments)
sinkout=$(mktemp)
on_exit rm -f "$sinkout"
n "$h2" timeout 60 python3 "$S" tcp-sink 5001 >"$sinkout" &
sink=$!
busywait 10000 listening "$h2" tcp 5001
check "h1 sends 1 MB to h2 across r1's smaller MTU" \
	n "$h1" timeout 60 python3 "$S" tcp-send 10.2.0.2 5001 1048576
wait $sink
check_eq "h2 got all of it" 1048576 "$(cat "$sinkout")"
check_eq "r1 dropped none of its packets for their size" "$mtu0" \
	"$(port_stat $r1 to-r2 drop_mtu)"
check "it cut them into fragments" test "$(port_stat $r1 to-r2 fragments)" -gt "$frag0"
