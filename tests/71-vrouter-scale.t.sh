#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A million routes: added in one batch, dumped completely and in order by
# a dump that resumes, looked up correctly, and gone with the device.
. "$(dirname "$0")/lib.sh"
require_module
plan 8
on_exit vnet_flush
on_exit ip link del scale-lo
vr=scale-vr
# On the debug kernel a route add costs 2 ms (its allocations, and the
# request's and the ack's, under KASAN and kmemleak): 10k routes there,
# which still give the table its directory (4096) and a dump of many parts.
N=${VNET_SCALE_ROUTES:-$(scaled 1000000 100)}
vnetctl device add $vr type vrouter
ip link add scale-lo type dummy
ip link set scale-lo up
vnetctl port add $vr dev scale-lo
vnetctl addr add $vr 192.0.2.1/24 port scale-lo
# N distinct prefixes: /24s and /32s spread over 1.0.0.0 - 126.255.255.255.
gen() {
	python3 - "$N" <<'PY'
import random, sys
n = int(sys.argv[1]); rnd = random.Random(7); seen = set()
out = sys.stdout
while len(seen) < n:
    a = rnd.randrange(0x01000000, 0x7F000000)
    p = 24 if rnd.random() < 0.5 else 32
    a &= (0xFFFFFFFF << (32 - p)) & 0xFFFFFFFF
    if (a, p) in seen:
        continue
    seen.add((a, p))
    out.write("route add %s %d.%d.%d.%d/%d via 192.0.2.%d\n" % (
        sys.argv[0] and "DEV", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255,
        p, 2 + (a & 63)))
PY
}
list=$(mktemp)
on_exit rm -f "$list" "$list.sorted"
gen | sed "s/ DEV / $vr /" >"$list"
start=$(date +%s)
check "$N routes added in one batch" vnetctl -b "$list"
echo "# added $N routes in $(($(date +%s) - start)) s"
start=$(date +%s)
vnetctl route show $vr >"$list.sorted"
echo "# dumped them in $(($(date +%s) - start)) s"
check_eq "route show lists all $N and the 2 of the address" "$((N + 2))" \
	"$(wc -l <"$list.sorted")"
check_eq "no route is listed twice (the resumed dump loses nor repeats any)" \
	"$((N + 2))" "$(sort -u "$list.sorted" | wc -l)"
in_order() {
	awk -F'[./ ]' '{ k = sprintf("%03d%03d%03d%03d%02d", $1, $2, $3, $4, $5)
		if (k <= last) { print "out of order: " $0; exit 1 } last = k }' "$1"
}
check "in prefix order" in_order "$list.sorted"
# Spot checks: an address inside each of 1000 listed /24s resolves to it
# (unless a /32 route claims that very address).
awk 'NR == FNR { if (sub("/32$", "", $1)) host[$1] = 1; next }
     /\/24 via/ && ++n % 97 == 0 { a = $1; sub("0/24", "77", a)
		if (!(a in host) && picked++ < 1000) print a, $3 }' \
	"$list.sorted" "$list.sorted" >"$list"
sed "s|^\([0-9.]*\) .*|route get $vr \1|" "$list" |
	vnetctl -j -b - | jq -r '.[0].gateway' >"$list.got"
on_exit rm -f "$list.got"
awk '{print $2}' "$list" >"$list.want"
on_exit rm -f "$list.want"
check "$(wc -l <"$list.want") lookups inside /24s find their gateway" \
	diff "$list.want" "$list.got"
# A dump while a route comes and goes all along must say that the table
# changed under it; a list it passes off as whole must be whole. (One dump:
# it spans hundreds of changes, and takes half a minute at a million.) The
# changes come from one batch, so they keep coming however slowly a
# process starts; killing it ends the writer with SIGPIPE.
churn_route() {
	while :; do
		echo "route add $vr 203.0.113.0/24 via 192.0.2.2"
		echo "route del $vr 203.0.113.0/24"
	done
}
churn_route | vnetctl -b - >/dev/null 2>&1 &
churner=$!
# The dump starts once the changes have (nothing else routes 203.0.113.7).
busywait 10000 vnetctl route get $vr 203.0.113.7 >/dev/null 2>&1
if vnetctl route show $vr >"$list" 2>"$list.err"; then
	n=$(wc -l <"$list")
	if [ "$n" -ge $((N + 2)) ] && [ "$n" -le $((N + 3)) ] &&
	   [ "$(sort -u "$list" | wc -l)" = "$n" ]; then
		dump=whole
	else
		dump=bad
	fi
elif grep -q "the table changed during the dump" "$list.err"; then
	dump=torn
else
	diag <"$list.err"
	dump=bad
fi
kill $churner
wait $churner 2>/dev/null
on_exit rm -f "$list.err"
echo "# the dump during changes: $dump"
check "no dump during changes lost or repeated a route unreported" test $dump != bad
check "a dump that spans a change says so" test $dump = torn
start=$(date +%s)
check "the device with $N routes deletes" vnetctl device del $vr
echo "# deleted in $(($(date +%s) - start)) s"
