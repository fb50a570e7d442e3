#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare a vrouter's longest-prefix match with the kernel's.

    lpm_reference.py [-6] DEV NETNS ROUTES LOOKUPS SEED [DELETE]

Loads ROUTES random prefixes (lengths 0-32, nested and overlapping on
purpose) into vrouter DEV (whose port "ref" holds 192.0.2.1/24) and into
the main table of NETNS (whose dummy0 holds 192.0.2.1/24), each through one
of the gateways 192.0.2.10-.19, then asks both for the route of LOOKUPS
destinations (random ones and ones at prefix edges) and prints how many
agree ("AGREE TOTAL"), then each disagreement (indented). With DELETE, it
then deletes that many of the routes, chosen at random, from both, and
compares again the same way.

With -6 the same in IPv6: prefixes of lengths 0-128 in 2000::/3, the port
and dummy0 on 2001:db8:ffff::1/64, gateways 2001:db8:ffff::10-19.
"""
import ipaddress
import json
import random
import subprocess
import sys


def run(cmd, stdin=None):
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True)


def batch(cmd, text):
    r = run(cmd + ["-b", "-"], text)
    if r.returncode:
        sys.exit("%s batch failed: %s" % (cmd[0], r.stderr[:500]))


def ip4(n):
    return ".".join(str((n >> s) & 255) for s in (24, 16, 8, 0))


def ip6(n):
    return str(ipaddress.IPv6Address(n))


V6_LINK = 0x20010db8ffff << 80          # 2001:db8:ffff::/64


def v6_routable(n):
    """In 2000::/3 and off the link of the gateways."""
    return n >> 125 == 1 and n >> 64 != V6_LINK >> 64


def v6_routes(rnd, nroutes):
    routes = {(0, 0): "2001:db8:ffff::9"}
    bases = [(1 << 125) | rnd.getrandbits(125) for _ in range(16)]
    while len(routes) < nroutes:
        plen = rnd.choice([0, 3, 8, 16, 24, 32, 40, 48, 56, 60, 63, 64, 65,
                           72, 96, 112, 120, 127, 128, rnd.randint(3, 128)])
        addr = rnd.choice(bases) ^ (rnd.getrandbits(125) >> rnd.randint(4, 125))
        mask = ((1 << 128) - 1) ^ ((1 << (128 - plen)) - 1)
        net = addr & mask
        if not v6_routable(net) or (plen <= 64 and V6_LINK & mask == net):
            continue
        routes[(net, plen)] = "2001:db8:ffff::%x" % rnd.randint(0x10, 0x19)
    return routes


def main():
    v6 = sys.argv[1] == "-6"
    if v6:
        del sys.argv[1]
    dev, ns, nroutes, nlookups, seed = sys.argv[1:6]
    rnd = random.Random(int(seed))
    if v6:
        main6(dev, ns, v6_routes(rnd, int(nroutes)), int(nlookups), rnd)
        return
    routes = {(0, 0): "192.0.2.9"}	# every lookup has an answer
    bases = [rnd.getrandbits(32) for _ in range(16)]
    while len(routes) < int(nroutes):
        # Prefixes cluster around a few bases so they nest and overlap.
        plen = rnd.choice([0, 1, 4, 8, 12, 16, 20, 22, 23, 24, 25, 28, 30, 31, 32,
                           rnd.randint(0, 32)])
        addr = rnd.choice(bases) ^ (rnd.getrandbits(32) >> rnd.randint(4, 32))
        mask = (0xFFFFFFFF << (32 - plen)) & 0xFFFFFFFF if plen else 0
        net = addr & mask
        if (net >> 8) == (0xC0000200 >> 8) or (net >> 24) in (0, 127) or \
           net >= 0xE0000000 or (plen <= 24 and (0xC0000200 & mask) == net):
            continue
        routes[(net, plen)] = "192.0.2.%d" % rnd.randint(10, 19)
    vbatch = "".join("route add %s %s/%d via %s\n" % (dev, ip4(n), p, gw)
                     for (n, p), gw in routes.items())
    ibatch = "".join("route add %s/%d via %s\n" % (ip4(n), p, gw)
                     for (n, p), gw in routes.items())
    batch(["vnetctl"], vbatch)
    batch(["ip", "-n", ns], ibatch)

    compare(dev, ns, routes, int(nlookups), rnd)
    if len(sys.argv) > 6:
        gone = rnd.sample(sorted(k for k in routes if k != (0, 0)),
                          int(sys.argv[6]))
        batch(["vnetctl"], "".join("route del %s %s/%d\n" % (dev, ip4(n), p)
                                   for n, p in gone))
        batch(["ip", "-n", ns], "".join("route del %s/%d\n" % (ip4(n), p)
                                        for n, p in gone))
        for k in gone:
            del routes[k]
        compare(dev, ns, routes, int(nlookups), rnd)


def main6(dev, ns, routes, nlookups, rnd):
    text = "".join("%s/%d via %s\n" % (ip6(n), p, gw)
                   for (n, p), gw in routes.items())
    batch(["vnetctl"], "".join("route add %s %s" % (dev, line)
                               for line in text.splitlines(True)))
    batch(["ip", "-n", ns, "-6"], "".join("route add " + line
                                          for line in text.splitlines(True)))
    compare(dev, ns, routes, nlookups, rnd, 128)
    if len(sys.argv) > 6:
        gone = rnd.sample(sorted(k for k in routes if k != (0, 0)),
                          int(sys.argv[6]))
        batch(["vnetctl"], "".join("route del %s %s/%d\n" % (dev, ip6(n), p)
                                   for n, p in gone))
        batch(["ip", "-n", ns, "-6"], "".join("route del %s/%d\n" % (ip6(n), p)
                                              for n, p in gone))
        for k in gone:
            del routes[k]
        compare(dev, ns, routes, nlookups, rnd, 128)


def compare(dev, ns, routes, nlookups, rnd, bits=32):
    top = 1 << 125 if bits == 128 else 0         # IPv6: in 2000::/3
    dests = [top | rnd.getrandbits(bits - 3 if top else bits)
             for _ in range(nlookups // 2)]
    for (n, p) in rnd.sample(sorted(routes), min(len(routes), nlookups - len(dests))):
        dests.append(n | (rnd.getrandbits(bits - p) if p < bits else 0))
    if bits == 128:
        text = ip6
        dests = [d for d in dests if v6_routable(d)]
    else:
        text = ip4
        dests = [d for d in dests if (d >> 24) not in (0, 127) and d < 0xE0000000
                 and (d >> 8) != (0xC0000200 >> 8)]
    r = run(["vnetctl", "-j", "-b", "-"],
            "".join("route get %s %s\n" % (dev, text(d)) for d in dests))
    ours = [json.loads(line)[0] for line in r.stdout.splitlines()]
    r = run(["ip", "-n", ns, "-j", "-b", "-"],
            "".join("route get %s\n" % text(d) for d in dests))
    theirs = [json.loads(line)[0] for line in r.stdout.splitlines()]
    if len(ours) != len(dests) or len(theirs) != len(dests):
        sys.exit("lookups answered: vnet %d, kernel %d, of %d" %
                 (len(ours), len(theirs), len(dests)))
    bad = []
    for d, o, t in zip(dests, ours, theirs):
        if o.get("gateway") != t.get("gateway"):
            bad.append("%s: vnet %s via %s, kernel via %s" %
                       (text(d), o["dst"], o.get("gateway"), t.get("gateway")))
    print(len(dests) - len(bad), len(dests))
    for b in bad[:20]:
        print("  " + b)


if __name__ == "__main__":
    main()
