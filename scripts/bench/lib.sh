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
# config NAME NS "inject:DEV" "EGRESS..." "$(inject_to DST_MAC)"
#   declares one whose frames tests/tools/inject sends out of DEV (a veth
#   end in NS) with AF_PACKET: new skbs nobody else holds, where pktgen
#   keeps a reference to each of its own.
# measure NAME: prints "delivered_pps injected_pps backlog_dropped_pps" over
# BENCH_SECS.
# record SCENARIO CONFIG SIZE THREADS ROUND: measures and appends to the CSV,
#   "failed" in place of the rates when a step of the set-up failed.
# BENCH_PROFILE="CONFIG...": while such a config runs, perf samples every CPU
# (cpu-clock: the guest has no PMU); the report lands in perf-CONFIG.txt.

BENCH_SECS=${BENCH_SECS:-1}
PG=/proc/net/pktgen
INJECT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../tests/tools" && pwd)/inject
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
	# The first config after a record starts a new phase.
	[ -z "$MEASURED" ] || PHASE_FAILED= MEASURED=
	CFG_NS[$name]=$2
	CFG_ING[$name]=$3
	CFG_EGR[$name]=$4
	shift 4
	CFG_PG[$name]=$(printf '%s\n' "$@")
}

# pktgen_script NAME: the pktgen set-up of config NAME. With run_script's
# run after it, one shell script in the config's namespace: a process per
# pktgen command (an ip netns exec and a sh each) took longer than the
# measurement itself.
pktgen_script() {
	local name=$1 spec t dev cmd i=0
	echo "for t in $PG/kpktgend_*; do echo rem_device_all > \$t; done"
	injected "$name" && return
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

# injected NAME: whether config NAME's frames come from tests/tools/inject.
injected() { [ "${CFG_ING[$1]#inject:}" != "${CFG_ING[$1]}" ]; }

# inject_cmd NAME: the command that sends config NAME's frames for
# BENCH_SECS and prints "sent N usec U".
inject_cmd() {
	echo "$INJECT ${CFG_ING[$1]#inject:} ${CFG_PG[$1]} $BENCH_SECS"
}

# run_script NAME WAIT: count what the egress ports sent (an egress DEV:rx
# counts what DEV received) and what the CPUs' backlogs dropped, run
# pktgen while WAIT runs, count again, and print "egress N", "backlog N"
# and each ingress device's pktgen report; for an injected config, WAIT
# is the injection itself, and prints its report. A frame that crosses a veth
# waits in the backlog of the CPU that sent it; when a loaded host leaves
# softirq behind pktgen, the backlog drops it before whatever forwards it
# has seen it. The count is the host's, so other traffic adds to it.
run_script() {
	local name=$1 wait=$2 d stat files= spec
	for d in ${CFG_EGR[$name]}; do
		stat=tx_packets
		[ "${d%:rx}" != "$d" ] && stat=rx_packets
		files+=" /sys/class/net/${d%:rx}/statistics/$stat"
	done
	cat <<-EOF
	egress() { n=0; for f in $files; do read -r v < \$f; n=\$((n + v)); done; echo \$n; }
	backlog() { n=0; while read -r p d r; do n=\$((n + 0x\$d)); done < /proc/net/softnet_stat; echo \$n; }
	before=\$(egress)
	dropped=\$(backlog)
	EOF
	if injected "$name"; then
		echo "$wait || echo 'injection failed'"
	else
		printf '%s\n' "echo start > $PG/pgctrl &" "$wait" \
			"echo stop > $PG/pgctrl" wait
	fi
	cat <<-EOF
	echo "egress \$((\$(egress) - before))"
	echo "backlog \$((\$(backlog) - dropped))"
	EOF
	injected "$name" && return
	for spec in ${CFG_ING[$name]}; do
		echo "cat $PG/${spec#*:}"
	done
}

measure() {
	local name=$1 wait="sleep $BENCH_SECS" out line delivered=0 sofar=0 usec=0 u
	local dropped=0
	local profiling=
	injected "$name" && wait=$(inject_cmd "$name")
	if [[ " ${BENCH_PROFILE:-} " == *" $name "* ]]; then
		profiling=1
		wait="perf record -q -a -g -e cpu-clock -F 4000 -o $OUT/perf-$name.data -- $wait 2>/dev/null"
	fi
	out=$(nsx "${CFG_NS[$name]}" sh -c "$(pktgen_script "$name")
$(run_script "$name" "$wait")") || echo "pktgen run of $name failed" >&2
	[ -z "$profiling" ] || profile_report "$name"
	while read -r line; do
		case $line in
		"egress "*) delivered=${line#egress } ;;
		"backlog "*) dropped=${line#backlog } ;;
		*pkts-sofar:*)
			u=${line#*pkts-sofar: }
			sofar=$((sofar + ${u%% *})) ;;
		*"Result: OK: "*)
			u=${line#*OK: }
			u=${u%%(*}
			[ "$u" -gt "$usec" ] && usec=$u ;;
		"sent "*" usec "*)
			read -r _ sofar _ usec <<< "$line" ;;
		"injection failed")
			inject_cmd "$name" >> "$FAILED_STEPS" ;;
		esac
	done <<< "$out"
	[ "$usec" -gt 0 ] || usec=$((BENCH_SECS * 1000000))
	[ -n "${CFG_EGR[$name]}" ] || delivered=$sofar
	echo "$((delivered * 1000000 / usec)) $((sofar * 1000000 / usec)) $((dropped * 1000000 / usec))"
}

# send_all NAME: config NAME's frames, as many as its count says, and back
# when pktgen has sent them all.
send_all() {
	nsx "${CFG_NS[$1]}" sh -c "$(pktgen_script "$1")
echo start > $PG/pgctrl" || echo "pktgen run of $1 failed" >&2
}

profile_report() {	# profile_report NAME: the reports of what measure() sampled
	local data=$OUT/perf-$1.data
	perf report -q --stdio --no-children --sort sym -F overhead,sample,sym -g none \
		-i "$data" 2>/dev/null > "$OUT/perf-$1.txt"
	perf report -q --stdio --children --sort sym -g none \
		-i "$data" 2>/dev/null | head -80 > "$OUT/perf-$1.children.txt"
	rm -f "$data"
}

# failed_steps WHAT: print, as WHAT failed, the commands that failed since
# the last call (run.sh's ERR trap writes them to $FAILED_STEPS), and
# forget them; false if none did.
failed_steps() {
	local cmd
	[ -s "$FAILED_STEPS" ] || return 1
	while read -r cmd; do
		printf '  %s failed: %s\n' "$1" "$cmd"
	done < "$FAILED_STEPS"
	: > "$FAILED_STEPS"
}

# A phase is the configs set up before a round of records: a step that
# failed while setting them up marks every figure of the phase failed (a
# ratio needs both sides), and so does one that failed measuring it.
PHASE_FAILED=
MEASURED=

record() {	# record SCENARIO CONFIG SIZE THREADS ROUND
	local r pps injected dropped
	failed_steps set-up && PHASE_FAILED=1
	MEASURED=1
	if [ -n "$PHASE_FAILED" ]; then
		r="failed failed failed"
	else
		r=$(measure "$2")
		failed_steps measurement && r="failed failed failed"
	fi
	read -r pps injected dropped <<< "$r"
	echo "$1,$2,$3,$4,$5,$pps,$injected,$dropped" >> "$CSV"
	printf '  %-10s %-14s size %-8s threads %s round %s: %8s pps (injected %s, backlog dropped %s)\n' \
		"$1" "$2" "$3" "$4" "$5" "$pps" "$injected" "$dropped"
}

# ctl "WHAT,TOOL,COUNT,MS,BYTES": a control-plane figure, its time and
# memory "failed" if a step failed since the last figure.
ctl() {
	local what tool count ms bytes
	IFS=, read -r what tool count ms bytes <<< "$1"
	failed_steps "$what ($tool)" && ms=failed bytes=failed
	echo "$what,$tool,$count,$ms,$bytes" >> "$CTL"
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

inject_to() {	# inject_to DST_MAC: udp_to's flow, as tests/tools/inject's arguments
	echo "$1 $SRC_MAC 192.168.1.2 192.168.2.2"
}

udp6_to() {	# udp6_to DST_MAC: udp_to's flow over IPv6
	printf '%s\n' "dst_mac $1" "src_mac $SRC_MAC" "src6 2001:db8:ffff::2" \
		"dst6 2001:db8:ffff:1::2" "udp_src_min 9" "udp_src_max 9" \
		"udp_dst_min 9" "udp_dst_max 9"
}

# now_ms and elapsed_ms START: for the control-plane timings.
now_ms() { date +%s%3N; }

# slab_kb: kernel memory in slabs and vmalloc, in KiB.
slab_kb() {
	awk '/^Slab:/ { s = $2 } /^VmallocUsed:/ { v = $2 } END { print s + v }' /proc/meminfo
}
