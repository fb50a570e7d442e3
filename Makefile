# vnet: virtual switches, routers and firewalls as Linux network devices.
#
#   make            build kmod/vnet.ko and the userspace
#   make deps       install every Debian package the project needs
#                   (make deps-all: the 6.12 guest's kernel image too)
#   make check      build, boot the guest, run every selftest (TAP)
#   make demo       build, boot the guest, run the seed's scenario end to end
#   make demo-multihost  a network across two hosts (namespaces) over VXLAN
#   make bench      every benchmark against its peers; bench/results.md
#   make bench-icount  the same per instruction, run to run the same;
#                   bench/instructions.md
#   make check-debug  the same on a KASAN/lockdep/kmemleak debug kernel
#   make check-kcsan  the concurrency tests on a KCSAN kernel (data races)
#   make coverage   check-debug with vnet.ko counting (gcov); build/coverage
#   make lint       checkpatch --strict, sparse, cppcheck, regen --check,
#                   mandoc -Tlint
#   make regen      the uapi header and kernel policies from the YNL spec
#   make vm-shell   an interactive shell in the guest with vnet.ko loaded
#   make install    the module, vnetctl, libvnet, the ip plugins, man pages
#   make uninstall  and bash completion (scripts/install.sh says where)

KDIR ?= $(shell KERNEL=$(KERNEL) scripts/kdir.sh 2>/dev/null)
export KDIR

.PHONY: all kmod userspace tools deps deps-all check check-debug check-kcsan coverage demo demo-multihost bench bench-icount lint regen vm-shell clean install uninstall

all: kmod userspace tools

kmod:
	@test -n "$(KDIR)" || { echo "no kernel headers: run 'make deps'"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

userspace:
	$(MAKE) -C userspace

# Test helpers run in the guest.
TOOLS := tests/tools/pktfuzz tests/tools/nlfuzz tests/tools/libvnet_replies \
	tests/tools/libfailing.so tests/tools/inject tests/tools/tcp_rr
tools: $(TOOLS)
tests/tools/%: tests/tools/%.c include/uapi/linux/vnet.h
	$(CC) -O2 -g -Wall -Wextra -Werror -Iinclude/uapi -o $@ $<
tests/tools/nlfuzz: tests/tools/nlfuzz_gen.h
tests/tools/libfailing.so: tests/tools/failing.c
	$(CC) -O2 -g -Wall -Wextra -Werror -shared -fPIC -o $@ $<
# libvnet's own tests link the library.
tests/tools/libvnet_replies: tests/tools/libvnet_replies.c userspace
	$(CC) -O2 -g -Wall -Wextra -Werror -Iinclude/uapi -Iuserspace/lib \
		-o $@ $< userspace/lib/libvnet.a \
		$$(pkg-config --libs libnl-genl-3.0 json-c)

deps:
	@scripts/deps.sh

# Both kernels' guest images (make deps installs 6.12's only for KERNEL=6.12).
deps-all:
	@scripts/deps.sh all

# TESTS="15-vswitch-forwarding 97-churn" runs only those (check, check-debug).
check: deps
	$(MAKE) all
	scripts/check.sh $(TESTS)

# The picture and the rest of what the demo writes land in build/demo.
demo: deps
	$(MAKE) all
	VM_OUT=$(CURDIR)/build/demo scripts/vm-run -- scripts/demo.sh

demo-multihost: deps
	$(MAKE) all
	scripts/vm-run -- scripts/demo-multihost.sh

# Peers and plots need more packages; the guest's raw figures land in
# build/bench-raw, the report in bench/.
bench: deps
	scripts/deps.sh bench
	$(MAKE) all
	rm -rf build/bench-raw
	VM_OUT=$(CURDIR)/build/bench-raw VM_MEM=4G VM_TIMEOUT=2700 \
		scripts/vm-run -- scripts/bench/run.sh
	python3 scripts/bench/report.py build/bench-raw bench

# The guest's clock counts instructions (VM_ICOUNT): two rounds, which come
# out the same, of the scenarios whose cost is per packet, one vCPU; one
# of TCP between containers, whose ends share that vCPU with the device.
bench-icount: deps
	scripts/deps.sh bench
	$(MAKE) all
	rm -rf build/bench-icount-raw
	VM_ICOUNT=1 VM_OUT=$(CURDIR)/build/bench-icount-raw VM_MEM=2G VM_TIMEOUT=1800 \
		BENCH_ROUNDS=2 BENCH_L2_ROUNDS=2 BENCH_UNSHARED_ROUNDS=2 \
		BENCH_TCP_ROUNDS=1 BENCH_SCENARIOS="l2 l3 fw patch unshared flood tcp" \
		BENCH_ROUTE_SIZES=10 BENCH_RULE_SIZES="10 10000" \
		scripts/vm-run -- scripts/bench/run.sh
	python3 scripts/bench/report.py --instructions build/bench-icount-raw bench

check-debug: deps
	$(MAKE) userspace tools
	scripts/check-debug.sh $(TESTS)

# The concurrency tests (or TESTS) on a KCSAN kernel, two vCPUs racing.
check-kcsan: deps
	$(MAKE) userspace tools
	VNET_DEBUG=kcsan scripts/check-debug.sh $(TESTS)

coverage: deps
	$(MAKE) userspace tools
	scripts/coverage.sh $(TESTS)

lint: deps
	scripts/lint.sh

# include/uapi/linux/vnet.h and kmod/netlink_gen.[ch] from
# Documentation/netlink/specs/vnet.yaml, by the kernel's YNL generator.
regen: deps
	scripts/regen.sh

vm-shell: all
	scripts/vm-run --shell

# PREFIX (default /usr/local; a distribution's layout is PREFIX=/usr),
# DESTDIR (stage only: no depmod, no ldconfig), LIBDIR, IPLIBDIR (where
# Debian's ip(8) loads link plugins, whatever PREFIX is) and KVER (the
# release of KDIR's headers, as KERNEL=6.12 selects them) are passed on.
KVER ?= $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"$$/\1/p' $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
INSTALL_ENV = DESTDIR='$(DESTDIR)' PREFIX='$(PREFIX)' LIBDIR='$(LIBDIR)' \
	IPLIBDIR='$(IPLIBDIR)' KVER='$(KVER)'
install: kmod userspace
	$(INSTALL_ENV) scripts/install.sh install module userspace

uninstall:
	$(INSTALL_ENV) scripts/install.sh uninstall module userspace

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C userspace clean
	rm -rf build $(TOOLS)
