#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 1000 devices created and deleted, three rounds (one on a debug kernel),
# and dumped completely (the dump must resume across netlink messages).
. "$(dirname "$0")/lib.sh"
require_module
plan 20
on_exit vnet_flush
f=$(mktemp)
on_exit "rm -f $f"
kinds=(vswitch vrouter vfirewall)

# One round on a debug kernel, where each device costs several times more.
rounds=3
debug_kernel && rounds=1
for round in $(seq $rounds); do
	for i in $(seq 0 999); do
		echo "device add s$i type ${kinds[i % 3]}"
	done > "$f"
	check "round $round: 1000 devices created" vnetctl -b "$f"
	check_eq "round $round: dump lists all 1000" 1000 "$(vnetctl -j device show | jq length)"
	check_eq "round $round: ip agrees" 1000 "$(ip -o link show | grep -c ': s[0-9]*:')"
	check_eq "round $round: kinds round-trip" 334 \
		"$(vnetctl -j device show | jq '[.[] | select(.type == "vswitch")] | length')"
	sed 's/^device add \(s[0-9]*\) .*/device del \1/' "$f" > "$f.del"
	check "round $round: 1000 devices deleted" vnetctl -b "$f.del"
	check_eq "round $round: none left" 0 "$(vnetctl -j device show | jq length)"
done
rm -f "$f.del"
# The rounds not run, one SKIP per check, so every kernel runs as many.
for round in $(seq $((rounds + 1)) 3); do
	skip_rest "one round on a debug kernel" "round $round: 1000 devices created" \
		"round $round: dump lists all 1000" "round $round: ip agrees" \
		"round $round: kinds round-trip" "round $round: 1000 devices deleted" \
		"round $round: none left"
done

# The raw dump really spans several messages at this size.
for i in $(seq 0 999); do echo "device add s$i type vswitch"; done | vnetctl -b -
parts=$(python3 - "$YNL_RAW" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("ynl_raw", sys.argv[1])
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
g = m.Genl(); fam = g.resolve('vnet')
g.seq += 1
import struct
body = struct.pack('=BBH', m.CMDS['dev-get'], 1, 0)
g.sk.send(struct.pack('=IHHII', 16 + len(body), fam, 1 | 0x300, g.seq, 0) + body)
reads = devs = 0
while True:
    data = g.sk.recv(1 << 16); reads += 1; off = 0; done = False
    while off + 16 <= len(data):
        ln, typ = struct.unpack_from('=IH', data, off)
        if typ == 3: done = True
        elif typ >= 16: devs += 1
        off += (ln + 3) & ~3
    if done: break
print(reads, devs)
PY
)
set -- $parts
[ "${1:-0}" -gt 1 ]
check_eq "dump of 1000 devices resumed over $1 reads" 0 $?
check_eq "the resumed dump holds every device once" 1000 "${2:-0}"
