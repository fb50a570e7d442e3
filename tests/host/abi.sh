#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# libvnet.so.1 exports its public headers (libvnet.h, params.h) and nothing
# else: every function they declare is exported, under the version node of
# userspace/lib/libvnet.map; every exported symbol is declared there; no
# internal helper (nl.h) or generated policy (policy_gen.h) leaks out, where
# a program could come to depend on it. The declared functions are read by
# the compiler (-aux-info), not by a pattern over the text.
# Prints "ok - ..." or "not ok - ..." per check.
set -u
area="abi"
# shellcheck source=tests/host/lib.sh
. "$(dirname "$0")/lib.sh"
lib=$tree/userspace/lib
so=$lib/libvnet.so.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

require_built "$so"

# "name@@VNET_0.N" per defined symbol, the version nodes' own left out.
dynamic=$(nm -D --defined-only "$so" | awk '$2 != "A" { print $3 }')
exported=$(sed 's/@.*//' <<<"$dynamic" | sort -u)
count=$(wc -l <<<"$exported")
versioned=$(grep -cE '@@VNET_0\.[0-9]+$' <<<"$dynamic")
printf '#include "libvnet.h"\n#include "params.h"\n' >"$work/h.c"
gcc -I"$lib" -I"$tree/include/uapi" -aux-info "$work/aux" -fsyntax-only "$work/h.c"
# "/* .../libvnet.h:20:NC */ struct vnet_ctx *vnet_open (void);"
declared=$(grep -E '^/\* [^ ]*/(libvnet|params)\.h:' "$work/aux" |
	sed -E 's/ \(.*//; s/.*[ *]//' | sort -u)
public=$(cat "$lib/libvnet.h" "$lib/params.h")
internal=$(cat "$lib/nl.h" "$lib/policy_gen.h")

missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
echo "not exported:" $missing >"$work/missing"
say "$([ -n "$declared" ] && [ -z "$missing" ] && echo 1)" \
	"every function libvnet.h and params.h declare ($(echo "$declared" | wc -l)) is exported" \
	"$work/missing"
extra=
for s in $exported; do
	grep -qw -- "$s" <<<"$public" || extra="$extra $s"
done
echo "not public:$extra" >"$work/extra"
say "$([ -z "$extra" ] && echo 1)" \
	"every exported symbol ($count) is declared in the public headers" \
	"$work/extra"
leaked=
for s in $exported; do
	grep -qw -- "$s" <<<"$internal" && leaked="$leaked $s"
done
echo "leaked:$leaked" >"$work/leaked"
say "$([ -z "$leaked" ] && echo 1)" "nothing of nl.h or policy_gen.h is exported" \
	"$work/leaked"
echo "$versioned of $count do" >"$work/versioned"
say "$([ "$versioned" = "$count" ] && echo 1)" \
	"each exported symbol carries a version node VNET_0.N" "$work/versioned"
