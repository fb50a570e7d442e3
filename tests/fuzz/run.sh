#!/bin/bash
# Build the libFuzzer harnesses with clang and run each from its seed
# corpus: vnetctl's parsers for FUZZ_SECONDS (default 20), libvnet's reply
# parsers for FUZZ_REPLY_SECONDS (default 10); prints a TAP line each.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/fuzz
lib=$top/userspace/lib
status=0

# fuzz NAME SECONDS WHAT SOURCES...: build harness NAME, run it, report.
fuzz() {
	local name=$1 secs=$2 what=$3 dir=$out/$1 runs
	shift 3
	[ -d "$dir" ] || rm -f "$dir"	# the one harness's binary of old
	mkdir -p "$dir/corpus"
	[ -d "$here/corpus-$name" ] && cp "$here/corpus-$name"/* "$dir/corpus/"
	if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I"$top/include/uapi" -I"$lib" -I"$top/userspace/vnetctl" \
		$(pkg-config --cflags libnl-genl-3.0) "$here/$name.c" "$@" \
		$(pkg-config --libs libnl-genl-3.0) \
		-o "$dir/$name" 2> "$dir/build.log"; then
		echo "not ok - userspace fuzz: $what: harness does not build"
		sed 's/^/# /' "$dir/build.log"
		status=1
		return
	fi
	if "$dir/$name" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$dir/" "$dir/corpus" > "$dir/fuzz.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/fuzz.log")
		echo "ok - userspace fuzz: $what, ${runs:-?} inputs in ${secs}s, no crash"
	else
		echo "not ok - userspace fuzz: $what crashed"
		grep -E 'ERROR|SUMMARY|abort|artifact' "$dir/fuzz.log" | head -20 | sed 's/^/# /'
		status=1
	fi
}

fuzz fuzz_cli "${FUZZ_SECONDS:-20}" "vnetctl parsers" \
	"$top/userspace/vnetctl/split.c" "$lib/params.c" "$lib/device.c" \
	"$lib/stats.c" "$lib/network.c" "$lib/policer.c" "$lib/port.c" "$lib/nl.c" \
	"$lib/vlan.c" "$lib/vlan_dev.c" "$lib/policy_gen.c"
fuzz fuzz_replies "${FUZZ_REPLY_SECONDS:-10}" "libvnet reply parsers" \
	"$lib/params.c" "$lib/device.c" "$lib/stats.c" "$lib/network.c" \
	"$lib/policer.c" "$lib/port.c" "$lib/route.c" "$lib/nl.c" \
	"$lib/vlan.c" "$lib/vlan_dev.c" "$lib/policy_gen.c"
exit $status
