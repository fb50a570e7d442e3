#!/bin/bash
# make check-debug: the whole selftest suite on a KASAN/lockdep/kmemleak/
# UBSAN kernel booted with panic_on_warn=1; the guest scans kmemleak at the
# end and any report fails the run.
#
# VNET_DEBUG=kcsan (make check-kcsan) runs the concurrency tests on the
# KCSAN kernel instead: one guest of two vCPUs, so that two CPUs race;
# a data race whose access is in vnet.ko fails the run (scripts/klog-scan).
set -u
tree=$(cd "$(dirname "$0")/.." && pwd)
variant=${VNET_DEBUG:-}
kdir=$("$tree/scripts/debug-kernel.sh" $variant) || exit 1
if [ "$variant" = kcsan ]; then
	# Every kind's fast path on two CPUs at once, forwarding under churn
	# and reloads, the conntrack flush race, patch rings, policers shared
	# by ports, ports published while frames flow, the FDB under a
	# flood: the paths two CPUs share.
	[ $# -gt 0 ] || set -- 99-two-cpus 97-churn 38-vfirewall-conntrack-safety \
		41-patch-ports 47-policers 42-port-publish 18-vswitch-mac-flood \
		37-vfirewall-conntrack
	export CHECK_JOBS=1 VM_SMP=2 CHECK_APART=
	# A KCSAN report is a warning: panic_on_warn would stop the guest at
	# the first. A watchpoint every 50 of the module's accesses, held
	# 200 us: at the emulated guest's pace (hundreds of frames a second
	# a CPU) the defaults set one on a given field every few thousand
	# frames and held it too briefly for the other CPU to come by.
	boot="kcsan.skip_watch=50 kcsan.udelay_task=200 kcsan.udelay_interrupt=200"
else
	boot="panic_on_warn=1 kmemleak=on"
fi

# Build vnet.ko against the debug kernel in a directory of its own beside
# it, out of the tree: the regular kmod/vnet.ko is left alone, and a
# "make clean" in the tree cannot pull the module from under a running guest.
# VNET_GCOV=1 (make coverage) builds it with gcov counters, apart again.
mod=$kdir.vnet-module${VNET_GCOV:+-gcov}
mkdir -p "$mod"
cp -r "$tree/Kbuild" "$tree/dkms.conf" "$tree/kmod" "$tree/include" "$mod/"
find "$mod/kmod" -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \
	-o -name '*.gcno' | xargs rm -f
# With its self-tests (kmod/selftest/), run at load: a failing one keeps
# the module out and so fails every test; test 90 checks they ran.
make -s -C "$kdir" M="$mod" W=1 VNET_SELFTEST=1 ${VNET_GCOV:+VNET_GCOV=1} modules || exit 1
export VNET_SELFTEST=1

# The churn test runs two minutes here (vm-run passes VNET_* on), and the
# fuzzers send what the reliability issue asks: a million netlink messages
# and a million frames (334000 into each kind). Those two run last, in a
# guest of two vCPUs of their own: in one vCPU a million messages take over
# half an hour, and a million frames leave RCU grace periods a minute
# behind, so the injectors' close() draws the hung-task report, as it does
# when the same flood goes into a Linux bridge or a bare veth. CI sends
# 100k of each, in the shared guests (.ci/run).
export VNET_CHURN_SECS=${VNET_CHURN_SECS:-120}
export VNET_NLFUZZ_MSGS=${VNET_NLFUZZ_MSGS:-1000000}
export VNET_FUZZ_FRAMES=${VNET_FUZZ_FRAMES:-334000}
export CHECK_APART=${CHECK_APART-95-packet-fuzz 96-netlink-fuzz}
# Two guests of one vCPU each share the suite (scripts/check.sh): its tests
# mostly run one process at a time, so two guests get through it about 1.5
# times as fast as one.
export CHECK_JOBS=${CHECK_JOBS:-2}
# The host-side checks (unit tests, userspace fuzzers, the harness's own,
# make lint among them) touch no kernel: make check runs them.
export CHECK_HOST=0
VM_KERNEL=$kdir/arch/x86/boot/bzImage KDIR=$kdir VM_MODULE=$mod/kmod/vnet.ko \
VM_MEM=${VM_MEM:-4G} VM_TIMEOUT=${VM_TIMEOUT:-7200} \
VM_APPEND="$boot ${VM_APPEND:-}" \
	exec "$tree/scripts/check.sh" "$@"
