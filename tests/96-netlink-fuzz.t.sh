#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Netlink fuzz: four processes at once (tests/tools/nlfuzz) send sequences
# (over half the messages: networks, policers, devices, ports on dummies and
# patches, fdb entries, addresses, routes, neighbours and rules made, set,
# read, flushed and deleted, each request built on the objects the ones
# before made), random messages of every command, and, with kcov, messages
# mutated from those that ran new code of vnet.ko. Every request must be
# answered, a refused one must change nothing, and most must be accepted.
# Afterwards the module still forwards and unloads cleanly.
# VNET_NLFUZZ_MSGS sets the count (default a million).
# A million took 60 minutes on the debug kernel in two vCPUs (3.6 ms a
# request there): twice the usual limit.
# timeout: 1200
. "$(dirname "$0")/lib.sh"
require_module
plan 10
NLFUZZ=$TOP/tests/tools/nlfuzz
N=${VNET_NLFUZZ_MSGS:-1000000}
if [ ! -x "$NLFUZZ" ]; then
	fail "tests/tools/nlfuzz is not built (make tools)"
	exit 1
fi
# By id and ifindex: fuzzed names may be any bytes.
nets_flush() {
	vnetctl -j network show | jq -r '.[] | select(.id != 0) | .id' |
		while read -r n; do vnetctl network del "$n" force; done
}
devs_flush() {
	vnetctl -j device show | jq -r '.[].ifindex' |
		while read -r i; do ynl --do dev-del --json "{\"ifindex\": $i}" >/dev/null; done
}
# nfl0-7 for the fuzzed messages; nfs<process><device><j> for the valid
# sequences, two for each of the four devices of each of the 4 processes.
dummies() {
	local i
	for i in 0 1 2 3 4 5 6 7; do echo "nfl$i"; done
	for i in {0..3}{0..3}{0..1}; do echo "nfs$i"; done
}
on_exit 'dummies | sed "s/^/link del /" | ip -force -batch -'
on_exit nets_flush
on_exit devs_flush
dummies | sed 's/.*/link add & up type dummy/' | ip -batch - || exit 1

start=$(date +%s)
out=$("$NLFUZZ" "$N" 4 "${VNET_NLFUZZ_SEED:-$RANDOM}" 2>&1)
rc=$?
secs=$(($(date +%s) - start))
sent=$(awk '/^process/ { s += $4 } END { print s + 0 }' <<<"$out")
read -r valid accepted ok mutated kept < <(awk '/^process/ {
	v += $14; a += $16; o += $6; m += $20; k += $22 }
	END { print v + 0, a + 0, o + 0, m + 0, k + 0 }' <<<"$out")
pcs=$(sed -n 's/^kcov: \(-\?[0-9]*\) PCs.*/\1/p' <<<"$out")
echo "$out" | diag
check_eq "$sent messages in ${secs}s: every one answered, no refused one changed anything" "0" "$rc"
# Each of the 4 processes sends N/4 (rounded down), and prints its count
# only when it got to the end.
check_eq "all $N were sent, N/4 by each of the 4 processes" $((N / 4 * 4)) "$sent"
# The fuzzed messages delete devices and take dummies from under the
# sequences, so not every step succeeds; most must.
check "$accepted of the $valid valid-sequence steps accepted (at least 2/3)" \
	test $((accepted * 3)) -ge $((valid * 2))
check "$ok of the $sent messages accepted: a majority" test $((ok * 2)) -gt "$sent"
if [ "${pcs:--1}" -ge 0 ]; then
	check "kcov: $pcs PCs of vnet.ko run; $kept messages kept for new ones, $mutated made from them" \
		test "$pcs" -gt 0 -a "$kept" -gt 0 -a "$mutated" -gt 0
else
	skip "kcov feeds the fuzzer back" "no kcov (CONFIG_KCOV) in this kernel"
fi

nets_flush
devs_flush
check_eq "the fuzzed devices and networks could all be deleted" "0 1" \
	"$(vnetctl -j device show | jq length) $(vnetctl -j network show | jq length)"
vnetctl device add nf-after type vswitch
# The listing that found none lists a device that is there.
check_eq "the listing shows the new device, and the default network" "1 1" \
	"$(vnetctl -j device show | jq length) $(vnetctl -j network show | jq length)"
vnetctl device start nf-after
add_host h1 nf-after nfp1 10.77.0.1/24 || exit 1
add_host h2 nf-after nfp2 10.77.0.2/24 || exit 1
check "a vswitch still forwards afterwards" ip netns exec "$h1" ping -c 2 -W 2 10.77.0.2
vnetctl device del nf-after
ip link del nfp1
ip link del nfp2
check "and the module unloads" rmmod vnet
check "and loads again" insmod "$VNET_KO"
