# SPDX-License-Identifier: GPL-2.0
# Shared by the benchmark scenarios (sourced in the guest by run.sh).
#
# A configuration ("config") is one forwarding setup with its own devices:
# ingress dummies that pktgen injects into (xmit_mode netif_receive, as if
# the frames arrived on them), the device under test, and egress dummies
# that count what it forwards and drop it in their xmit. Every config of a
# scenario is built first, then they are measured in turn, round after
# round, so peers are compared side by side in the same guest and minute.
#
# config NAME NS "THREAD:INGRESS..." "EGRESS..." PKTGEN-COMMAND...
#   declares one; NS is a namespace or "" for the guest's own; the
#   commands may override the defaults (xmit_mode start_xmit).
# measure NAME: prints "delivered_pps injected_pps" over BENCH_SECS.
# record SCENARIO CONFIG SIZE THREADS ROUND: measures and appends to the CSV.
# BENCH_PROFILE="CONFIG...": while such a config runs, perf samples every CPU
# (cpu-clock: the guest has no PMU); the report lands in perf-CONFIG.txt.

BENCH_SECS=${BENCH_SECS:-1}
PG=/proc/net/pktgen
declare -A CFG_NS CFG_ING CFG_EGR CFG_PG

# nsx NS CMD...: run CMD in namespace NS ("" the guest's own).
nsx() {
	local ns=$1
	shift
	if [ -n "$ns" ]; then ip netns exec "$ns" "$@"; else "$@"; fi
}

# ports NS NAME...: dummies, up, without IPv6 chatter, for those NAMEs the
# caller has not made (the veth scenario makes veths first).
ports() {
	local ns=$1 d
	shift
	for d in "$@"; do
		nsx "$ns" ip link show "$d" >/dev/null 2>&1 || dummy "$ns" "$d"
	done
}

# dummy [NS] NAME...: dummies, up, without IPv6 chatter.
dummy() {
	local ns=$1 d
	shift
	for d in "$@"; do
		nsx "$ns" ip link add "$d" type dummy
		nsx "$ns" sysctl -q -w "net.ipv6.conf.$d.disable_ipv6=1"
		nsx "$ns" ip link set "$d" up
	done
}

mac_of() { nsx "$1" cat "/sys/class/net/$2/address"; }

config() {
	local name=$1
	CFG_NS[$name]=$2
	CFG_ING[$name]=$3
	CFG_EGR[$name]=$4
	shift 4
	CFG_PG[$name]=$(printf '%s\n' "$@")
}

egress_packets() {	# egress_packets NAME; an egress DEV:rx counts what DEV receives
	local d n=0 stat
	for d in ${CFG_EGR[$1]}; do
		stat=tx_packets
		[ "${d%:rx}" != "$d" ] && stat=rx_packets
		n=$((n + $(nsx "${CFG_NS[$1]}" cat "/sys/class/net/${d%:rx}/statistics/$stat")))
	done
	echo $n
}

# The pktgen set-up of config NAME as one shell script: a process per
# command (an ip netns exec and a sh each) took longer than the measurement.
pktgen_script() {
	local name=$1 spec t dev cmd i=0
	echo "for t in $PG/kpktgend_*; do echo rem_device_all > \$t; done"
	for spec in ${CFG_ING[$name]}; do
		t=${spec%%:*}
		dev=${spec#*:}
		echo "echo 'add_device $dev' > $PG/kpktgend_$t"
		{
			printf '%s\n' "xmit_mode netif_receive" "count 0" "pkt_size 60" \
				"delay 0" "burst 1"
			echo "${CFG_PG[$name]}"
			# Each further thread is a host of its own: one source
			# MAC on two ports is a station that moves every frame.
			[ $i = 0 ] || printf 'src_mac 02:00:00:00:bb:%02x\n' $((i + 1))
		} | while read -r cmd; do
			[ -z "$cmd" ] || echo "echo '$cmd' > $PG/$dev"
		done
		i=$((i + 1))
	done
}

measure() {
	local name=$1 ns=${CFG_NS[$1]} spec dev before after sofar=0 usec=0 u
	nsx "$ns" sh -e -c "$(pktgen_script "$name")" || echo "pktgen set-up of $name failed" >&2
	before=$(egress_packets "$name")
	nsx "$ns" sh -c "echo start > $PG/pgctrl" &
	if [[ " ${BENCH_PROFILE:-} " == *" $name "* ]]; then
		profile "$name"
	else
		sleep "$BENCH_SECS"
	fi
	nsx "$ns" sh -c "echo stop > $PG/pgctrl"
	wait
	after=$(egress_packets "$name")
	for spec in ${CFG_ING[$name]}; do
		dev=${spec#*:}
		sofar=$((sofar + $(nsx "$ns" sed -n 's/.*pkts-sofar: \([0-9]*\).*/\1/p' "$PG/$dev")))
		u=$(nsx "$ns" sed -n 's/.*OK: \([0-9]*\)(c.*/\1/p' "$PG/$dev")
		[ "${u:-0}" -gt "$usec" ] && usec=$u
	done
	[ "$usec" -gt 0 ] || usec=$((BENCH_SECS * 1000000))
	if [ -z "${CFG_EGR[$name]}" ]; then
		after=$sofar
		before=0
	fi
	echo "$(((after - before) * 1000000 / usec)) $((sofar * 1000000 / usec))"
}

profile() {	# profile NAME: sample for BENCH_SECS and report
	local data=$OUT/perf-$1.data
	perf record -q -a -g -e cpu-clock -F 4000 -o "$data" -- sleep "$BENCH_SECS" 2>/dev/null
	perf report -q --stdio --no-children --sort sym -F overhead,sample,sym -g none \
		-i "$data" 2>/dev/null > "$OUT/perf-$1.txt"
	perf report -q --stdio --children --sort sym -g none \
		-i "$data" 2>/dev/null | head -80 > "$OUT/perf-$1.children.txt"
	rm -f "$data"
}

record() {	# record SCENARIO CONFIG SIZE THREADS ROUND
	local r
	r=$(measure "$2")
	echo "$1,$2,$3,$4,$5,${r% *},${r#* }" >> "$CSV"
	printf '  %-10s %-14s size %-8s threads %s round %s: %8s pps (injected %s)\n' \
		"$1" "$2" "$3" "$4" "$5" "${r% *}" "${r#* }"
}

# The frames: UDP from one source to one destination unless a scenario
# spreads them (pktgen's *_RND flags).
SRC_MAC=02:00:00:00:bb:01
DST_MAC=02:00:00:00:aa:01
udp_to() {	# udp_to DST_MAC: the pktgen commands for a fixed flow
	printf '%s\n' "dst_mac $1" "src_mac $SRC_MAC" "src_min 192.168.1.2" \
		"src_max 192.168.1.2" "dst 192.168.2.2" "udp_src_min 9" \
		"udp_src_max 9" "udp_dst_min 9" "udp_dst_max 9"
}

# now_ms and elapsed_ms START: for the control-plane timings.
now_ms() { date +%s%3N; }

# slab_kb: kernel memory in slabs and vmalloc, in KiB.
slab_kb() {
	awk '/^Slab:/ { s = $2 } /^VmallocUsed:/ { v = $2 } END { print s + v }' /proc/meminfo
}
