#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 100k random source MACs (10k on a debug kernel) into one vswitch port:
# learning stays bounded (each entry is counted against VNET_FDB_LIMIT) and
# the hosts that were talking keep talking. Flush forgets the flood, and so
# does ageing, which walks the whole table while the hosts still talk.
. "$(dirname "$0")/lib.sh"
require_module
plan 31
on_exit vnet_flush
sw=mf-sw
N=$(scaled 100000)
vnetctl device add $sw type vswitch
vnetctl device start $sw
add_host h1 $sw mp1 10.0.0.1/24 || exit 1
add_host h2 $sw mp2 10.0.0.2/24 || exit 1
# No IPv6 chatter from mf0: its source would be learned on mf1 too.
add_wire $sw mf1 mf0
check "h1 pings h2" ip netns exec "$h1" ping -c 1 -W 2 10.0.0.2
kb0=$(awk '/^Slab:/ { print $2 }' /proc/meminfo)
# Every frame a new random source; the destination is h2's MAC so the
# switch forwards each (one port, no flood).
flood() {	# flood [DEV]
	python3 - "$N" "$(host_mac "$h2" eth0)" "${1:-mf0}" <<'PY'
import os, random, socket, struct, sys
n, dst = int(sys.argv[1]), bytes.fromhex(sys.argv[2].replace(":", ""))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[3], 0))
rnd = random.Random(3)
body = struct.pack("!H", 0x88b5) + b"flood" * 10
for i in range(n):
    src = bytes([0x02]) + rnd.getrandbits(40).to_bytes(5, "big")
    s.send(dst + src + body)
PY
}
# The N sources are N different MACs (seed 3: no two of the 40-bit draws
# are equal, for 100000 or 10000), and mf1 hears nothing else (no IPv6, no
# address on mf0). A frame veth could not pass would have failed the send
# (ENOBUFS) and stopped the flood.
rx0=$(port_stat $sw mf1 rx_packets)
flood
learned() { vnetctl -j fdb show $sw | jq '[.[] | select(.port == "mf1")] | length'; }
all_learned() { [ "$(learned)" -ge $N ]; }
busywait 10000 all_learned
got=$(learned)
check_eq "all $N frames reached the switch on mf1" $N $(($(port_stat $sw mf1 rx_packets) - rx0))
check_eq "all $N source MACs were learned on mf1" $N "$got"
check_eq "none refused: the table holds up to 1048576" "0" "$(dev_stat $sw fdb_full)"
kb1=$(awk '/^Slab:/ { print $2 }' /proc/meminfo)
per=$(( (kb1 - kb0) * 1024 / N ))
echo "# slab grew by $((kb1 - kb0)) kB: $per bytes an entry"
# A debug kernel's slab also holds KASAN's redzones and kmemleak's record
# of each object: what an entry costs is measured on a real kernel only.
if debug_kernel; then
	skip "each entry costs a bounded amount of memory ($per bytes)" \
		"a debug kernel's slab holds KASAN and kmemleak metadata"
else
	check "each entry costs a bounded amount of memory ($per bytes, under 512)" \
		test "$per" -lt 512
fi
check "h1 still pings h2" ip netns exec "$h1" ping -c 3 -W 2 10.0.0.2
check_eq "and h2's MAC is still on mp2" "mp2" "$(fdb_port $sw "$(host_mac "$h2" eth0)")"
check_eq "before the flush mf1 still holds the $N flooded entries" $N "$(learned)"
# The flush takes the table's lock, and holds bottom halves off, for a
# batch of entries at a time, not for the whole walk: softirqs raised on
# its CPU meanwhile run within a batch. The kernel's own softirq
# tracepoints on that CPU give the longest a softirq waited.
tr=$TRACEFS
tracefs_mount
if [ -e $tr/events/irq/softirq_raise ]; then
	softirq_trace() {	# softirq_trace on|off
		local v=0
		[ "$1" = on ] && v=1
		echo $v >$tr/events/irq/softirq_raise/enable
		echo $v >$tr/events/irq/softirq_entry/enable
	}
	echo 1 >$tr/tracing_on
	mask0=$(cat $tr/tracing_cpumask)
	echo 1 >$tr/tracing_cpumask
	echo >$tr/trace
	softirq_trace on
	t0=$(date +%s%N)
	check "fdb flush" taskset -c 0 vnetctl fdb flush $sw
	flush_ms=$((($(date +%s%N) - t0) / 1000000))
	softirq_trace off
	echo "$mask0" >$tr/tracing_cpumask
	read -r wait_ms ran <<<"$(python3 -c '
import re, sys
raised, worst, ran = {}, 0.0, 0
for line in open(sys.argv[1]):
    m = re.search(r"\s([0-9.]+): softirq_(raise|entry): vec=(\d+)", line)
    if not m:
        continue
    ts, what, vec = float(m[1]), m[2], m[3]
    if what == "raise":
        raised.setdefault(vec, ts)
    elif vec in raised:
        worst, ran = max(worst, ts - raised.pop(vec)), ran + 1
print(int(worst * 1000), ran)' $tr/trace)"
	echo >$tr/trace
	# The control: the trace saw softirqs raised and run meanwhile.
	check "softirqs on the flush's CPU ($ran run) waited at most an eighth of the flush: $wait_ms of $flush_ms ms" \
		test "$ran" -gt 0 -a $((wait_ms * 8)) -lt "$flush_ms"
else
	check "fdb flush" vnetctl fdb flush $sw
	skip "softirqs waited at most an eighth of the flush" "this kernel has no tracing"
fi
check_eq "flush forgets the flood: no entry is left on mf1" 0 "$(learned)"
check "h1 pings h2 after the flush" ip netns exec "$h1" ping -c 1 -W 2 10.0.0.2

flood
busywait 10000 all_learned
check_eq "the flood learned again, all $N" $N "$(learned)"
vnetctl device set $sw ageing 2
ip netns exec "$h1" ping -q -i 0.2 -w 20 10.0.0.2 >/dev/null 2>&1 &
pinger=$!
none_learned() { [ "$(learned)" = 0 ]; }
busywait 20000 none_learned
check_eq "ageing 2 s forgot the $N flooded entries" 0 "$(learned)"
check_eq "and kept h2's, which keeps talking" "mp2" "$(fdb_port $sw "$(host_mac "$h2" eth0)")"
kill $pinger 2>/dev/null
wait $pinger 2>/dev/null

# A learning limit on the port: the same flood learns that many there and
# counts the rest, and the other ports still learn.
vnetctl device set $sw ageing 0
vnetctl fdb flush $sw
pjq() { vnetctl -j port show $sw | jq -r ".[] | select(.name == \"$1\") | $2"; }
check "port set learning-limit 100" vnetctl port set $sw mf1 learning-limit 100
ll0=$(port_stat $sw mf1 learn_limit)
flood
busywait 10000 port_stat_is $sw mf1 learn_limit $((ll0 + N - 100))
check_eq "of $N new sources 100 were learned on mf1, and port show says so" \
	"100 100 100" "$(learned) $(pjq mf1 '.learned') $(pjq mf1 '."learning-limit"')"
check_eq "the other $((N - 100)) counted as learn_limit on mf1, none as fdb_full" \
	"$((N - 100)) 0" "$(($(port_stat $sw mf1 learn_limit) - ll0)) $(dev_stat $sw fdb_full)"
check "h1 and h2 are still learned on their ports: they ping" \
	ip netns exec "$h1" ping -c 1 -W 2 10.0.0.2
check_eq "on mp1 and mp2" "mp1 mp2" \
	"$(fdb_port $sw "$(host_mac "$h1" eth0)") $(fdb_port $sw "$(host_mac "$h2" eth0)")"
# A station that moves off the port takes its count with it: one of the
# flood's sources, sent from h1, moves to mp1, and mf1 has room for one.
moved=$(vnetctl -j fdb show $sw | jq -r '[.[] | select(.port == "mf1")][0].mac')
h2mac=$(host_mac "$h2" eth0)
send_frame "$h1" "${h2mac//:/}${moved//:/}88b5$(printf '%096d' 0)"
on_port() { [ "$(fdb_port $sw "$1")" = "$2" ]; }
check "a source of the flood sent from h1 moves to mp1" busywait 2000 on_port "$moved" mp1
send_frame_dev mf0 "${h2mac//:/}020000aaaaaa88b5$(printf '%096d' 0)"
check "so mf1 learns one new source" busywait 2000 on_port 02:00:00:aa:aa:aa mf1
check_eq "and is at its limit again" "100 100" "$(learned) $(pjq mf1 '.learned')"
check_err "a limit past the table's is refused" "learning-limit" \
	vnetctl port set $sw mf1 learning-limit 2000000
check "learning-limit 0 lifts it" vnetctl port set $sw mf1 learning-limit 0
flood
busywait 10000 all_learned
check_eq "and the same flood learns all $N (the moved one back), beside the one from mf0" \
	"$((N + 1)) $((N + 1))" "$(learned) $(pjq mf1 '.learned')"

# A tenant's memory cgroup: the entries a switch learns are charged to the
# cgroup of the one who created it. Made from a cgroup limited to what it
# uses now and 256 KiB more, its switch learns the same flood up to that
# limit and counts the rest as fdb_full; the host's switch, made outside,
# still learns all of it.
cg=/sys/fs/cgroup
[ -e $cg/cgroup.controllers ] || mount -t cgroup2 none $cg
if grep -qw memory $cg/cgroup.controllers; then
	echo +memory >$cg/cgroup.subtree_control
	mkdir $cg/vnet-tenant
	on_exit "rmdir $cg/vnet-tenant"
	check "a switch made by a process in a memory cgroup" \
		sh -c "echo \$\$ >$cg/vnet-tenant/cgroup.procs && exec vnetctl device add mc-sw type vswitch"
	add_wire mc-sw mc1 mc0
	vnetctl device start mc-sw
	echo $(($(cat $cg/vnet-tenant/memory.current) + 262144)) >$cg/vnet-tenant/memory.max
	full0=$(dev_stat mc-sw fdb_full)
	rx0=$(port_stat mc-sw mc1 rx_packets)
	flood mc0
	busywait 10000 port_stat_is mc-sw mc1 rx_packets $((rx0 + N))
	tenant=$(vnetctl -j fdb show mc-sw | jq length)
	check "the tenant's switch learned some of the $N sources, not all: $tenant" \
		test "$tenant" -gt 0 -a "$tenant" -lt $((N / 2))
	check_eq "the rest counted as fdb_full" $((N - tenant)) \
		$(($(dev_stat mc-sw fdb_full) - full0))
	check "and the cgroup is within its limit: memory.current <= memory.max" \
		test "$(cat $cg/vnet-tenant/memory.current)" -le "$(cat $cg/vnet-tenant/memory.max)"
	vnetctl fdb flush $sw
	flood
	busywait 10000 all_learned
	check_eq "the host's switch, made outside it, still learns all $N" \
		$N "$(learned)"
	vnetctl device del mc-sw
else
	skip_rest "this kernel has no memory cgroup controller" "a switch made in a memory cgroup" \
		"its learning stops at the limit" "the rest counted" "within the limit" \
		"the host's switch learns all"
fi
true	# the pinger's end by the signal is not the test's status
