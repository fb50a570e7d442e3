#!/bin/bash
# make check-debug: the whole selftest suite on a KASAN/lockdep/kmemleak/
# UBSAN kernel booted with panic_on_warn=1; the guest scans kmemleak at the
# end and any report fails the run.
set -u
tree=$(cd "$(dirname "$0")/.." && pwd)
kdir=$("$tree/scripts/debug-kernel.sh") || exit 1

# Build vnet.ko against the debug kernel in a directory of its own beside
# it, out of the tree: the regular kmod/vnet.ko is left alone, and a
# "make clean" in the tree cannot pull the module from under a running guest.
mod=$kdir.vnet-module
mkdir -p "$mod"
cp -r "$tree/Kbuild" "$tree/kmod" "$tree/include" "$mod/"
find "$mod/kmod" -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' | xargs rm -f
make -s -C "$kdir" M="$mod" W=1 modules || exit 1

# The churn test runs two minutes here (vm-run passes VNET_* on). The
# fuzzers send 100k each: a million netlink messages take 50 minutes in
# a one-vCPU guest, and a million frames there draw the kernel's hung-task
# report for the injectors' close() whatever receives the flood (README.md
# gives the full-size command, in a two-vCPU guest).
export VNET_CHURN_SECS=${VNET_CHURN_SECS:-120}
export VNET_NLFUZZ_MSGS=${VNET_NLFUZZ_MSGS:-100000}
export VNET_FUZZ_FRAMES=${VNET_FUZZ_FRAMES:-100000}
# Two guests of one vCPU each share the suite (scripts/check.sh): its tests
# mostly run one process at a time, so two guests get through it about 1.5
# times as fast as one.
export CHECK_JOBS=${CHECK_JOBS:-2}
VM_KERNEL=$kdir/arch/x86/boot/bzImage KDIR=$kdir VM_MODULE=$mod/kmod/vnet.ko \
VM_MEM=${VM_MEM:-4G} VM_TIMEOUT=${VM_TIMEOUT:-7200} \
VM_APPEND="panic_on_warn=1 kmemleak=on acpi=noirq ${VM_APPEND:-}" \
	exec "$tree/scripts/check.sh" "$@"
