#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 100k static forwarding entries (10k on a debug kernel), added in one
# batch and dumped completely (the dump resumes across many netlink
# messages).
. "$(dirname "$0")/lib.sh"
require_module
plan 6
on_exit vnet_flush
on_exit "ip link del sc0"
f=$(mktemp)
on_exit "rm -f $f"
vnetctl device add sc-sw type vswitch ageing 0
ip link add sc0 type dummy
vnetctl port add sc-sw dev sc0
N=$(scaled 100000)
python3 -c '
import sys
for i in range(int(sys.argv[1])):
    print("fdb add sc-sw 02:00:%02x:%02x:%02x:%02x port sc0" % (i >> 24 & 255, i >> 16 & 255, i >> 8 & 255, i & 255))
' "$N" > "$f"
check "$N static entries in one batch" vnetctl -b "$f"
check_eq "all $N dumped" "$N" "$(vnetctl -j fdb show sc-sw | jq length)"
check_eq "each exactly once" "$N" "$(vnetctl -j fdb show sc-sw | jq -r '.[].mac' | sort -u | wc -l)"
check_eq "the text dump agrees" "$N" "$(vnetctl fdb show sc-sw | grep -c ' static$')"
check "deleting the port drops its $N entries" vnetctl port del sc-sw sc0
check_eq "none left" 0 "$(vnetctl -j fdb show sc-sw | jq length)"
