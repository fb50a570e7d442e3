#!/bin/bash
# Build the libFuzzer harness with clang and run it for FUZZ_SECONDS
# (default 20) from the seed corpus; prints one TAP line.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/fuzz
mkdir -p "$out/corpus"
cp "$here"/corpus/* "$out/corpus/"
if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-I"$top/include/uapi" -I"$top/userspace/lib" -I"$top/userspace/vnetctl" \
	$(pkg-config --cflags libnl-genl-3.0) \
	"$here/fuzz_cli.c" "$top/userspace/vnetctl/split.c" \
	"$top/userspace/lib/params.c" "$top/userspace/lib/device.c" \
	"$top/userspace/lib/stats.c" "$top/userspace/lib/network.c" \
	"$top/userspace/lib/policer.c" "$top/userspace/lib/port.c" \
	"$top/userspace/lib/nl.c" $(pkg-config --libs libnl-genl-3.0) \
	-o "$out/fuzz_cli" 2> "$out/build.log"; then
	echo "not ok - userspace fuzz: harness does not build"
	sed 's/^/# /' "$out/build.log"
	exit 1
fi
secs=${FUZZ_SECONDS:-20}
if "$out/fuzz_cli" -max_total_time="$secs" -print_final_stats=1 \
	-artifact_prefix="$out/" "$out/corpus" > "$out/fuzz.log" 2>&1; then
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz.log")
	echo "ok - userspace fuzz: vnetctl parsers, ${runs:-?} inputs in ${secs}s, no crash"
else
	echo "not ok - userspace fuzz: vnetctl parsers crashed"
	grep -E 'ERROR|SUMMARY|abort|artifact' "$out/fuzz.log" | head -20 | sed 's/^/# /'
	exit 1
fi
