#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Allocation failures on every path a request takes: failslab and
# fail_page_alloc fail a share of the allocations of the processes that
# drive vnet (make-it-fail, task-filter), through rounds of devices of the
# three kinds in a network, endpoint and patch ports, fdb entries,
# addresses, routes, neighbours, rules, rule-set replaces, policers bound
# and unbound, and deletions; then the netlink fuzzer's sequences, whose
# refused requests must change nothing. After each round, with injection
# off: what the network's quotas count is what its devices hold, what a
# policer counts is the ports bound to it, and everything deletes. At the
# end the module unloads and loads again; the guest's kernel log check
# catches any splat or kmemleak report. A kernel without fault injection
# (Debian's) runs the same work with nothing failing.
# timeout: 900
. "$(dirname "$0")/lib.sh"
require_module
plan 10
net=fi
sw=fi-sw
rt=fi-rt
fw=fi-fw
FS=/sys/kernel/debug/failslab
FP=/sys/kernel/debug/fail_page_alloc
on_exit vnet_flush
on_exit vnetctl network del $net
on_exit fault_off

# The ports' lower devices, made with nothing failing.
for l in fis1 fis2 fir1 fif1 fif2; do
	ip link add $l type veth peer name ${l}p && ip link set $l up || exit 1
	on_exit ip link del $l
done

# Rounds with failures where the kernel can inject them; one without.
injecting=
rounds=1
if [ -d $FS ] && [ -d $FP ]; then
	injecting=1
	rounds=4
fi
# fault_set PERCENT: fail PERCENT% of the allocations of a task that
# asked to (make-it-fail), from its first one, with no report of each.
fault_set() {
	local d
	for d in $FS $FP; do
		echo Y > $d/task-filter
		echo "$1" > $d/probability
		echo 0 > $d/interval
		echo -1 > $d/times
		echo 0 > $d/space
		echo 0 > $d/verbose
	done
	# scripts/klog-scan expects the kernel's dump_stack() of a refused
	# allocation between these marks.
	if [ "$1" = 0 ]; then
		echo "vnet-test: allocation failures off" > /dev/kmsg
	else
		echo "vnet-test: allocation failures on ($1%)" > /dev/kmsg
	fi
	echo N > $FS/ignore-gfp-wait
	echo N > $FP/ignore-gfp-wait
	echo N > $FP/ignore-gfp-highmem
	# Not single pages: the process's own page faults take those, and
	# one refused is a SIGSEGV, not an error vnet could report.
	echo 1 > $FP/min-order
}
fault_off() { [ -z "$injecting" ] || fault_set 0; }
# A failing process must not send the guest's root a request: it is 9p,
# and one whose allocation fails disconnects the mount for everyone. A
# process releases the files it runs from when it exits, and releasing a
# 9p file is such a request. So what fails runs from a tmpfs directory:
# the loader, the program and its libraries, every path relative to the
# directory (an absolute one is looked up from the root) and no
# ld.so.cache read. The failing starts once the program has (preloaded
# libfailing.so): starting allocates too, and one that cannot never
# reaches vnet.
tmpbin=$(mktemp -d)
on_exit rm -rf "$tmpbin"
cp "$TOP/tests/tools/libfailing.so" "$tmpbin/" || exit 1
for p in "$(command -v vnetctl)" "$TOP/tests/tools/nlfuzz"; do
	cp "$p" "$tmpbin/"
	for l in $(ldd "$p" | grep -o '/[^ ]*'); do cp -n "$l" "$tmpbin/"; done
done
loader=./$(basename "$(ldd "$(command -v vnetctl)" | grep -o '/[^ ]*ld-linux[^ ]*')")
# failing PROGRAM ARGS...: PROGRAM (vnetctl or nlfuzz) in $tmpbin, with its
# allocations failing when injecting; file arguments relative to $tmpbin.
failing() {
	local prog=./$1 preload=()
	shift
	[ -z "$injecting" ] || preload=(--preload ./libfailing.so)
	(cd "$tmpbin" &&
		exec "$loader" --inhibit-cache --library-path . "${preload[@]}" "$prog" "$@")
}

vnetctl network add $net || exit 1
for i in $(seq 1 20); do
	echo "src 10.$i.0.0/16 proto udp dport $i action accept"
done > "$tmpbin/rules"

# One round of work, each request on its own, each allowed to fail.
work() {
	local r=$1 i
	failing vnetctl device add $sw type vswitch network $net ageing 300
	failing vnetctl device add $rt type vrouter network $net
	failing vnetctl device add $fw type vfirewall network $net policy drop
	for d in $sw $rt $fw; do
		failing vnetctl device start $d
		sysctl -q -w net.ipv6.conf.$d.disable_ipv6=1 2>/dev/null
	done
	failing vnetctl port add $sw dev fis1 allow-mac 02:00:00:52:00:01
	failing vnetctl port add $sw dev fis2
	failing vnetctl port add $rt dev fir1
	failing vnetctl port add $fw dev fif1
	failing vnetctl port add $fw dev fif2
	failing vnetctl port add $sw peer $rt name up peer-name down
	failing vnetctl port add $sw peer $fw name fw peer-name sw
	for i in 1 2 3 4 5 6; do
		failing vnetctl fdb add $sw 02:00:00:52:0$r:0$i port fis2
		failing vnetctl fdb add $fw 02:00:00:52:1$r:0$i port fif2
	done
	failing vnetctl addr add $rt 10.52.$r.1/24 port fir1
	failing vnetctl addr add $rt 10.53.$r.1/24 port down
	for i in 1 2 3 4 5 6; do
		failing vnetctl route add $rt 10.$r.$i.0/24 via 10.52.$r.2
	done
	failing vnetctl neigh add $rt 10.52.$r.2 lladdr 02:00:00:52:0$r:02 port fir1
	failing vnetctl neigh add $rt 10.52.$r.3 lladdr 02:00:00:52:0$r:03 port fir1
	for i in 1 2 3 4; do
		failing vnetctl rule add $fw in fif1 src 10.$i.0.0/24 action accept
	done
	failing vnetctl rule replace $fw rules
	failing vnetctl rule add $fw out fif2 proto tcp action reject
	failing vnetctl resource add $net pol$r rate 10mbit
	failing vnetctl port set $sw fis1 policer pol$r
	failing vnetctl port set $sw fis2 policer pol$r
	failing vnetctl port set $sw fis2 policer none
	failing vnetctl route del $rt 10.$r.1.0/24 via 10.52.$r.2
	failing vnetctl fdb del $sw 02:00:00:52:0$r:01 port fis2
	failing vnetctl rule del $fw 1
	failing vnetctl port del $fw fif2
}

net_devices() { vnetctl -j device show | jq -r ".[] | select(.network == \"$net\") | .name"; }
# used QUOTA: what the network's quota counts.
used() { vnetctl -j resource show $net | jq -r ".[0].quotas.$1.used"; }
# held WHAT: what the network's devices hold, by their own dumps.
held() {
	local d n=0 c
	for d in $(net_devices); do
		case $1 in
		ports) c=$(vnetctl -j port show "$d" | jq length) ;;
		fdb) c=$(vnetctl -j fdb show "$d" 2>/dev/null | jq length) ;;
		routes) c=$(vnetctl -j route show "$d" 2>/dev/null | jq length) ;;
		neigh) c=$(vnetctl -j neigh show "$d" 2>/dev/null | jq length) ;;
		rules) c=$(vnetctl -j rule show "$d" 2>/dev/null | jq length) ;;
		esac
		n=$((n + ${c:-0}))
	done
	echo $n
}
# consistent: one line per disagreement, nothing when all agree.
consistent() {
	local q p bound counted
	for q in ports fdb routes neigh rules; do
		[ "$(used $q)" = "$(held $q)" ] ||
			echo "quota $q counts $(used $q), the devices hold $(held $q)"
	done
	for p in $(vnetctl -j resource show $net | jq -r '.[0].policers[].name'); do
		bound=$(for d in $(net_devices); do vnetctl -j port show "$d"; done |
			jq -s "add // [] | map(select(.policer == \"$p\")) | length")
		counted=$(vnetctl -j resource show $net |
			jq -r ".[0].policers[] | select(.name == \"$p\") | .ports")
		[ "$counted" = "$bound" ] ||
			echo "policer $p counts $counted ports, $bound are bound to it"
	done
}
# teardown: delete everything with nothing failing; what did not go.
teardown() {
	local p
	for d in $sw $rt $fw; do
		[ -e /sys/class/net/$d ] && vnetctl device del $d
	done
	for p in $(vnetctl -j resource show $net | jq -r '.[0].policers[].name'); do
		vnetctl resource del $net "$p"
	done
	for q in ports fdb routes neigh rules conns; do
		[ "$(used $q)" = 0 ] || echo "quota $q still counts $(used $q)"
	done
	[ -z "$(vnetctl -j resource show $net | jq -r '.[0].policers[].name')" ] ||
		echo "policers left"
}

failed=0 other= bad= left=
# Round r fails 2^r % of the allocations: few, so that requests get far
# before one fails, then more.
for r in $(seq 1 "$rounds"); do
	[ -z "$injecting" ] || fault_set $((1 << r))
	out=$(work "$r" 2>&1)
	# The kernel's refusals, and vnetctl's own (a file it cannot open):
	# each says why, and nothing else is printed.
	failed=$((failed + $(grep -cE '^Error: .|^vnetctl: .*: .' <<<"$out")))
	other+=$(grep -vE '^Error: .|^vnetctl: .*: .' <<<"$out" | sed '/^$/d')
	fault_off
	bad+=$(consistent)
	left+=$(teardown)
done
fault_off
if [ -n "$injecting" ]; then
	echo "under injection, $rounds rounds: $failed requests refused" | diag
	check "injected allocation failures made requests fail ($failed)" test "$failed" -gt 0
else
	skip "injected allocation failures made requests fail" "no failslab here"
fi
check_eq "every request that failed said why, and nothing crashed" "" "$other"
check_eq "after each round the quotas count what the devices hold, policers their ports" "" "$bad"
check_eq "and everything deleted, the quotas back to 0" "" "$left"

# Control: the same work with nothing failing builds it all.
work 9 >/dev/null 2>&1
check_eq "control: with nothing failing, the work makes 3 devices and 8 ports" "3 8" \
	"$(net_devices | wc -l) $(held ports)"
check_eq "and its quotas agree as well" "" "$(consistent)"
check_eq "and it deletes" "" "$(teardown)"

# The netlink fuzzer's requests and sequences, failing: a request refused
# must change nothing, whatever made it fail.
N=$(scaled 4000 4)
# One process: a fork under failing allocations rarely succeeds.
[ -z "$injecting" ] || fault_set 3
out=$(failing nlfuzz "$N" 1 52 2>&1)
rc=$?
fault_off
check_eq "the netlink fuzzer, failing: all $N sent, each answered, no refused one changed anything" \
	"$N 0" "$(awk '/^process/ { s += $4 } END { print s + 0 }' <<<"$out") $rc"
grep -v '^process' <<<"$out" | head -20 | diag
grep '^process' <<<"$out" | diag
vnet_flush
for n in $(vnetctl -j network show | jq -r '.[].name | select(startswith("nfn"))'); do
	vnetctl network del "$n" force
done
for l in $(ip -o link show type dummy | awk -F': ' '/nf[sd][0-9]/ { print $2 }'); do
	ip link del "${l%@*}"
done

# The module goes and comes back.
check "the module unloads" rmmod vnet
check "and loads again" insmod "$VNET_KO"
