#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every kind's fast path on two CPUs at once, on the state they share: two
# flood pings pinned to CPU 0 and CPU 1 (a veth's transmit runs the
# receiving side's handler on the sender's CPU) from one host to the same
# host through a vswitch whose two ports share a policer (one FDB entry,
# one bucket), through a vrouter (one route, one neighbour), through a
# vfirewall (its rules, its connection table); meanwhile the control plane
# reads and changes the same objects (stats, fdb and conn dumps, a port's
# learning, a rule added and deleted, the policer's rate). Needs two CPUs;
# make check-kcsan runs it on the KCSAN kernel, where a data race in
# vnet.ko fails the run. VNET_TWO_CPU_SECS sets how long (default 20).
. "$(dirname "$0")/lib.sh"
require_module
plan 7
on_exit vnet_flush
secs=${VNET_TWO_CPU_SECS:-20}
descs=("the vswitch passes both CPUs' floods to one host, through one policer"
	"the vrouter routes both CPUs' floods"
	"the vfirewall passes both CPUs' floods"
	"the control plane's reads and changes all succeeded meanwhile"
	"the policer judged what the two ports received, no more"
	"the vfirewall tracked both floods as connections"
	"every device deletes afterwards")
if [ "$(nproc)" -lt 2 ]; then
	skip_rest "one CPU: nothing runs in parallel" "${descs[@]}"
	exit 0
fi

vnetctl network add tc
vnetctl device add tc-sw type vswitch network tc
vnetctl device add tc-vr type vrouter network tc
vnetctl device add tc-fw type vfirewall network tc
for d in tc-sw tc-vr tc-fw; do
	vnetctl device start $d
	sysctl -q -w net.ipv6.conf.$d.disable_ipv6=1
done
vnetctl network start tc
# h1 sends from both CPUs to h2 through the vswitch, through its two ports
# pa (veth) and pb (a second veth into the same namespace).
add_host h1 tc-sw ta 10.70.0.1/24 || exit 1
add_host h2 tc-sw tb 10.70.0.2/24 || exit 1
ip link add tc netns "$h1" type veth peer name tc2 || exit 1
on_exit 'ip link del tc2'
ip -n "$h1" link set tc up
ip -n "$h1" addr add 10.70.1.1/24 dev tc
ip link set tc2 up
vnetctl port add tc-sw dev tc2
ip -n "$h2" addr add 10.70.1.2/24 dev eth0
vnetctl resource add tc both rate 1gbit
vnetctl port set tc-sw ta policer both
vnetctl port set tc-sw tc2 policer both
add_router_host h3 tc-vr tr1 10.71.1.2/24 10.71.1.1 || exit 1
add_router_host h4 tc-vr tr2 10.71.2.2/24 10.71.2.1 || exit 1
add_host h5 tc-fw tf1 10.72.0.1/24 || exit 1
add_host h6 tc-fw tf2 10.72.0.2/24 || exit 1
vnetctl rule add tc-fw proto icmp action accept

# flood CPU NS DST: a flood ping from CPU for the test's time; prints how
# many replies came back.
flood() {
	ip netns exec "$2" taskset -c "$1" timeout -s INT "$((secs + 5))" \
		ping -q -f -w "$secs" "$3" 2>/dev/null |
		sed -n 's/.* \([0-9]*\) received.*/\1/p'
}
dir=$(mktemp -d)
flood 0 "$h1" 10.70.0.2 >"$dir/sw0" &
flood 1 "$h1" 10.70.1.2 >"$dir/sw1" &
flood 0 "$h3" 10.71.2.2 >"$dir/vr0" &
flood 1 "$h3" 10.71.2.2 >"$dir/vr1" &
flood 0 "$h5" 10.72.0.2 >"$dir/fw0" &
flood 1 "$h5" 10.72.0.2 >"$dir/fw1" &
# The control plane, on whichever CPU, on the same objects.
fails=0
end=$((SECONDS + secs))
while [ $SECONDS -lt $end ]; do
	{
		vnetctl -j stats tc-sw && vnetctl -j fdb show tc-sw &&
			vnetctl port set tc-sw tb learning off &&
			vnetctl port set tc-sw tb learning on &&
			vnetctl resource set tc both rate 2gbit &&
			vnetctl -j neigh show tc-vr && vnetctl -j stats tc-vr &&
			vnetctl rule add tc-fw proto udp dport 9 action drop &&
			vnetctl -j conn show tc-fw && vnetctl rule del tc-fw 2 &&
			vnetctl -j rule show tc-fw
	} >/dev/null || fails=$((fails + 1))
done
wait
got() { local n; n=$(cat "$dir/$1"); echo "${n:-0}"; }
check "${descs[0]} ($(got sw0) and $(got sw1) replies)" test "$(got sw0)" -gt 0 -a "$(got sw1)" -gt 0
check "${descs[1]} ($(got vr0) and $(got vr1) replies)" test "$(got vr0)" -gt 0 -a "$(got vr1)" -gt 0
check "${descs[2]} ($(got fw0) and $(got fw1) replies)" test "$(got fw0)" -gt 0 -a "$(got fw1)" -gt 0
rm -rf "$dir"
check_eq "${descs[3]}" 0 "$fails"
pol() { vnetctl -j resource show tc | jq -r ".[0].policers[] | select(.name == \"both\") | .$1"; }
# The policer first: a frame that comes late (an ARP probe) is counted by
# the port before the policer judges it, so read in this order the
# policer's count can only be the smaller.
judged=$(($(pol passed_packets) + $(pol dropped_packets)))
rx=$(($(port_stat tc-sw ta rx_packets) + $(port_stat tc-sw tc2 rx_packets)))
check "${descs[4]} ($judged judged, $rx received)" test "$judged" -gt 0 -a "$judged" -le "$rx"
check "${descs[5]} ($(dev_stat tc-fw conn_new) new)" test "$(dev_stat tc-fw conn_new)" -ge 2
vnet_flush
vnetctl network del tc
check_eq "${descs[6]}" "0" "$(vnetctl -j device show | jq length)"
