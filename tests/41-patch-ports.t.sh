#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Patch ports: two devices joined port to port, no veth between them. A
# chain vswitch -> vfirewall -> vrouter -> vswitch carries traffic; a ring
# of patched switches is bounded by the patch depth; deleting one side of
# a patch (or its device) deletes the other.
#
#   h1 10.0.0.1 - pt-sw1 = pt-fw = pt-vr = pt-sw3 - h3 10.1.0.2
#                 pt-sw2 (patched to pt-sw1) - h2 10.0.0.2
. "$(dirname "$0")/lib.sh"
require_module
plan 37
on_exit vnet_flush
# The switches' own IPv6 chatter (DAD, router solicitations, MLD) would
# cross the patches counted below: off before they come up.
for d in sw1 sw2 sw3; do
	vnetctl device add pt-$d type vswitch
	sysctl -q -w net.ipv6.conf.pt-$d.disable_ipv6=1
	vnetctl device start pt-$d
done
add_host h1 pt-sw1 pp1 10.0.0.1/24 || exit 1
add_host h2 pt-sw2 pp2 10.0.0.2/24 || exit 1
ports() { vnetctl -j port show "$1" | jq -r '[.[] | select(.peer) | "\(.name)>\(.peer)/\(.peer_port)"] | join(" ")'; }

check "a patch between two vswitches" vnetctl port add pt-sw1 peer pt-sw2
check_eq "each side is named after the other device and names its peer" \
	"pt-sw2>pt-sw2/pt-sw1 pt-sw1>pt-sw1/pt-sw2" "$(ports pt-sw1) $(ports pt-sw2)"
check "h1 pings h2 across the patch" ip netns exec "$h1" ping -c 2 -i 0.2 -W 2 10.0.0.2
# One way h1's ARP request and 2 echo requests, the other h2's ARP reply
# and 2 echo replies (h2 took h1's address from the request; it probes
# it again only 5 s later).
check_eq "the patch port counted the frames both ways: 3 and 3" "tx 3 rx 3" \
	"$(vnetctl -j stats pt-sw1 | jq -r '.[0].ports[] | select(.name == "pt-sw2") | "tx \(.stats.tx_packets) rx \(.stats.rx_packets)"')"
check "deleting one side deletes both" vnetctl port del pt-sw2 pt-sw1
check_eq "no patch is left on either" " " "$(ports pt-sw1) $(ports pt-sw2)"
check_err "and h1 no longer reaches h2" "." ip netns exec "$h1" ping -c 1 -W 1 10.0.0.2

# The chain: a firewall and a router between two switches, all patched.
vnetctl device add pt-fw type vfirewall policy drop
vnetctl device add pt-vr type vrouter
vnetctl device start pt-fw
vnetctl device start pt-vr
add_host h3 pt-sw3 pp3 10.1.0.2/24 || exit 1
check "patch sw1 to the firewall" vnetctl port add pt-sw1 peer pt-fw name to-fw peer-name inside
check "patch the firewall to the router" vnetctl port add pt-fw peer pt-vr name outside peer-name lan
check "patch the router to sw3" vnetctl port add pt-vr peer pt-sw3 name wan
vnetctl addr add pt-vr 10.0.0.254/24 port lan
vnetctl addr add pt-vr 10.1.0.1/24 port wan
ip -n "$h1" route add default via 10.0.0.254
ip -n "$h3" route add default via 10.1.0.1
vnetctl rule add pt-fw in inside proto icmp state new action accept
out=$(ip netns exec "$h1" ping -c 3 -W 2 10.1.0.2)
check "h1 pings h3 through vswitch, vfirewall, vrouter, vswitch" grep -q " 0% packet loss" <<<"$out"
check "one router hop: ttl=63" grep -q "ttl=63" <<<"$out"
# The replies above came the same way; h3's one echo request is the
# firewall's to drop (ARP passes it, the router keeps IPv6 to itself).
pol0=$(port_stat pt-fw outside drop_policy)
check_err "h3 cannot ping h1: the firewall lets only new connections out" "." \
	ip netns exec "$h3" ping -c 1 -W 1 10.0.0.1
check_eq "the firewall's policy dropped h3's one echo request, on its outside port" \
	"$((pol0 + 1))" "$(port_stat pt-fw outside drop_policy)"
check "the firewall tracked the echo exchange" \
	jq -e 'any(.proto == "icmp" and .src == "10.0.0.1")' <<<"$(vnetctl -j conn show pt-fw)"
check "the router resolved h1 over its patch port" \
	jq -e 'any(.address == "10.0.0.1" and .port == "lan")' <<<"$(vnetctl -j neigh show pt-vr)"

# A ring of patched switches: a broadcast goes round until the patch
# depth stops it, and the machine is fine. Each frame h2 sends floods
# both ways round and is dropped once each way, at the depth: 2 drops a
# frame. h2 forgets h1 first (its probes of h1 would flood the ring too),
# and the ring's switches have no IPv6 to chatter.
ip -n "$h2" neigh flush dev eth0
vnetctl device add pt-r1 type vswitch
vnetctl device add pt-r2 type vswitch
for d in pt-r1 pt-r2; do
	sysctl -q -w net.ipv6.conf.$d.disable_ipv6=1
	vnetctl device start $d
done
vnetctl port add pt-sw2 peer pt-r1
vnetctl port add pt-r1 peer pt-r2
vnetctl port add pt-r2 peer pt-sw2
ring_loops() {
	local d n=0
	for d in pt-sw2 pt-r1 pt-r2; do
		n=$((n + $(vnetctl -j stats $d | jq '[.[0].ports[].stats.drop_patch_loop] | add')))
	done
	echo $n
}
h2_tx() { ip -n "$h2" -s -j link show eth0 | jq '.[0].stats64.tx.packets'; }
loops0=$(ring_loops)
tx0=$(h2_tx)
# Three broadcasts: a ping and two ARP requests nobody answers.
ip netns exec "$h2" ping -c 1 -W 1 -b 10.0.0.255 >/dev/null 2>&1
arp99=$(frame arp request "$(host_mac "$h2" eth0)" ff:ff:ff:ff:ff:ff 10.0.0.2 10.0.0.99)
send_frame "$h2" "$arp99"
send_frame "$h2" "$arp99"
check_eq "h2 sent its 3 broadcasts and nothing else" 3 "$(($(h2_tx) - tx0))"
ring_settled() { [ $(($(ring_loops) - loops0)) = 6 ]; }
busywait 2000 ring_settled
check_eq "a ring of three patched switches: each broadcast stops at the patch depth once each way" \
	6 "$(($(ring_loops) - loops0))"
check "deleting a device of the ring deletes its patch ports' peers" vnetctl device del pt-r1
check_eq "pt-sw2 and pt-r2 keep only their own patch" "pt-r2>pt-r2/pt-sw2 pt-sw2>pt-sw2/pt-r2" \
	"$(ports pt-sw2) $(ports pt-r2)"
check "and the chain still works" ip netns exec "$h1" ping -c 1 -W 2 10.1.0.2

# A mesh of five patched switches: every flood copies a broadcast to the
# four others, so with only the depth to stop it one broadcast would cross
# 4 * (3^8 - 1) / 2 = 13120 patches. Each of the four copies the first
# switch makes crosses VNET_PATCH_CROSSINGS (256) in all: a broadcast
# crosses 1024, and the copies past that are counted.
mesh="pt-m1 pt-m2 pt-m3 pt-m4 pt-m5"
for d in $mesh; do
	add_device $d vswitch
done
for a in 1 2 3 4; do
	for b in $(seq $((a + 1)) 5); do
		vnetctl port add pt-m$a peer pt-m$b
	done
done
add_wire pt-m1 pm1 pm0
mesh_stat() {	# mesh_stat STAT: its sum over the mesh's patch ports
	local d n=0
	for d in $mesh; do
		n=$((n + $(vnetctl -j stats $d |
			jq "[.[0].ports[] | select(.name | startswith(\"pt-m\")) | .stats.$1] | add")))
	done
	echo $n
}
mtx0=$(mesh_stat tx_packets)
mloop0=$(mesh_stat drop_patch_loop)
bcast="ffffffffffff020000aa000188b5$(printf '%092d' 0)"
for i in $(seq 20); do
	send_frame_dev pm0 "$bcast"
done
mesh_crossed() { [ $(($(mesh_stat tx_packets) - mtx0)) -ge $((20 * 1024)) ]; }
busywait 10000 mesh_crossed
check_eq "a mesh of 5 patched switches: each of 20 broadcasts crossed 4 x 256 patches" \
	$((20 * 1024)) $(($(mesh_stat tx_packets) - mtx0))
check "and its copies past that were counted as drop_patch_loop" \
	test $(($(mesh_stat drop_patch_loop) - mloop0)) -gt 0
check "the machine is fine: h1 still pings across the chain" \
	ip netns exec "$h1" ping -c 1 -W 2 10.1.0.2
for d in $mesh; do
	vnetctl device del $d
done

# Deleting a device with 50 patch ports waits for frames across its
# patches once, not once per patch (and so 50 grace periods under RTNL).
# The function tracer counts the calls to synchronize_net() it makes.
vnetctl device add pt-ga type vswitch
vnetctl device add pt-gb type vswitch
seq 50 | sed 's/.*/port add pt-ga peer pt-gb name ga& peer-name gb&/' | vnetctl -b -
tr=$TRACEFS
tracefs_mount
if grep -qx synchronize_net $tr/available_filter_functions 2>/dev/null; then
	echo synchronize_net >$tr/set_ftrace_filter
	echo >$tr/trace
	echo function >$tr/current_tracer
	echo 1 >$tr/tracing_on
	check "delete a device with 50 patch ports" vnetctl device del pt-ga
	echo 0 >$tr/tracing_on	# a change of tracer empties the buffer
	syncs=$(grep -c "synchronize_net <-" $tr/trace)
	echo nop >$tr/current_tracer
	echo >$tr/set_ftrace_filter
	echo 1 >$tr/tracing_on
	# The unregistering itself waits at least once: the tracer saw it.
	check "it waited for readers a few times, not once a patch: $syncs" \
		test "$syncs" -ge 1 -a "$syncs" -lt 10
else
	check "delete a device with 50 patch ports" vnetctl device del pt-ga
	skip "it waited a few times, not once a patch" "this kernel has no function tracer"
fi
check_eq "and took its 50 patches' other sides with it" 0 \
	"$(vnetctl -j port show pt-gb | jq length)"
vnetctl device del pt-gb

# Bad input: clear errors, nothing changed.
before=$(vnetctl -j port show | jq -c '[.[] | "\(.device)/\(.name)"] | sort')
check_err "a patch to itself" "a patch joins two different devices" \
	vnetctl port add pt-sw3 peer pt-sw3
check_err "a patch to no device" "no such vnet device to patch to" \
	vnetctl port add pt-sw3 peer pt-none
check_err "a patch to a netdev that is not ours" "no such vnet device to patch to" \
	vnetctl port add pt-sw3 peer lo
check_err "a port name taken on the peer" "already has a port of this name" \
	vnetctl port add pt-sw3 peer pt-sw1 peer-name pp1
check_err "the vrouter's host port name" "is the router's own port" \
	vnetctl port add pt-sw3 peer pt-vr name x-vr peer-name host
check_err "dev and peer at once (vnetctl)" 'expected "dev IFNAME"' \
	vnetctl port add pt-sw3 dev pp3 peer pt-sw1
check_err "an endpoint and a patch at once (raw)" "an endpoint or a patch, not both" \
	ynl --do port-new --json '{"ifname": "pt-sw3", "port": {"lower-ifname": "pp3", "peer-ifname": "pt-sw1"}}'
check_err "a peer port name without a peer (raw)" "needs a peer device" \
	ynl --do port-new --json '{"ifname": "pt-sw3", "port": {"lower-ifname": "pp3", "peer-name": "x"}}'
check_err "turning a port into a patch" "cannot be changed" \
	ynl --do port-set --json '{"ifname": "pt-sw3", "port": {"name": "pp3", "peer-ifname": "pt-sw1"}}'
check_eq "no port was added or removed" "$before" \
	"$(vnetctl -j port show | jq -c '[.[] | "\(.device)/\(.name)"] | sort')"
