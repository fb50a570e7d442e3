#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/deps.sh against the real apt and dpkg: it waits for the dpkg lock
# another apt holds (a freshly booted machine's unattended upgrades) rather
# than fail on it, and apt-get gets DEBIAN_FRONTEND=noninteractive even when
# sudo resets the environment. Only what is "missing" is made up: dpkg-query
# is told iproute2 is absent, so apt installs a package it already has and
# changes nothing; sudo is a stand-in that resets the environment as sudo's
# env_reset does (CI runs as root, where deps.sh needs no sudo).
# Prints "ok - ..." or "not ok - ..." per check.
set -u
tree=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" != 0 ]; then
	echo "ok - deps: waits for the dpkg lock # SKIP runs apt-get: needs root"
	exit 0
fi
work=$(mktemp -d)
holder=
trap '[ -n "$holder" ] && kill "$holder" 2>/dev/null; rm -rf "$work"' EXIT
mkdir "$work/bin"
cat > "$work/bin/dpkg-query" <<'SH'
#!/bin/sh
for last; do :; done
[ "$last" = iproute2 ] && exit 1
exec /usr/bin/dpkg-query "$@"
SH
cat > "$work/bin/id" <<'SH'
#!/bin/sh
[ "$*" = -u ] && { echo 1000; exit 0; }
exec /usr/bin/id "$@"
SH
cat > "$work/bin/sudo" <<'SH'
#!/bin/sh
exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
SH
chmod +x "$work/bin/"*

# Hold dpkg's frontend lock the way apt does (an fcntl write lock).
hold=8
python3 -c '
import fcntl, sys, time
f = open("/var/lib/dpkg/lock-frontend", "w")
fcntl.lockf(f, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(float(sys.argv[1]))
' "$hold" > "$work/held" &
holder=$!
for _ in $(seq 50); do [ -s "$work/held" ] && break; sleep 0.1; done
start=$(date +%s)
PATH=$work/bin:$PATH VNET_DEPS_PROBE=1 strace -f -v -s 256 -e trace=execve \
	-o "$work/trace" sh "$tree/scripts/deps.sh" > "$work/out" 2>&1
rc=$?
took=$(($(date +%s) - start))
wait "$holder" 2>/dev/null
holder=

check() {	# check DESC CONDITION-STATUS
	if [ "$2" = 0 ]; then
		echo "ok - deps: $1"
	else
		echo "not ok - deps: $1"
		sed 's/^/# /' "$work/out"
	fi
}
[ -s "$work/held" ] && [ "$rc" = 0 ] && [ "$took" -ge $((hold - 1)) ]
check "waits for a dpkg lock held ${hold}s and then installs (status $rc after ${took}s)" $?
install=$(grep -E 'execve\("[^"]*/apt-get", \[[^]]*"install"' "$work/trace")
[ -n "$install" ] && grep -q '"DEBIAN_FRONTEND=noninteractive"' <<< "$install"
check "apt-get install runs with DEBIAN_FRONTEND=noninteractive" $?
[ -n "$install" ] && ! grep -q 'VNET_DEPS_PROBE' <<< "$install"
check "control: the sudo stand-in reset apt-get's environment" $?
