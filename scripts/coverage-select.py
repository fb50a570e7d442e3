#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""What each test adds to vnet.ko's coverage, and the tests a reduced run
needs to execute every line and take every branch the whole run does.

    coverage-select.py [--times LOG] DIR [KEEP...]

DIR is make coverage's per-test output (build/coverage/per-test): an lcov
tracefile NAME.info per test, and times.txt ("NAME SECONDS" per line).
--times takes each test's seconds from LOG instead, a make check run's
output ("# NAME: SECONDS s"): another kernel's times for its own
selection (CI's 6.12 part was chosen so). The
KEEP tests (those of them that ran) are taken first whatever they cover (the fuzzers, the churn,
fault injection: what they drive is state and timing, which lines do not
measure). The rest are then taken greedily, most new lines per second
first, until no line or branch executed by the whole run is left out. Prints a
table per test (lines and branches, those no other test executes, seconds,
taken or not, and why), the order they were taken in with what each left
out and the seconds so far, and the totals; the last line lists the tests
left out.
"""
import os
import re
import sys


def lines_of(path):
    """What an lcov tracefile saw executed: lines, as (file, line), and
    branches taken, as (file, line, block, branch)."""
    hit = set()
    src = None
    with open(path) as f:
        for raw in f:
            if raw.startswith("SF:"):
                # kmod/'s own sources, not the kernel headers' inlines.
                sf = raw[3:].strip()
                src = sf[sf.rindex("/kmod/") + 1:] if "/kmod/" in sf else None
            elif src is None:
                continue
            elif raw.startswith("DA:"):
                line, count = raw[3:].strip().split(",")[:2]
                if int(count) > 0:
                    hit.add((src, int(line)))
            elif raw.startswith("BRDA:"):
                line, block, branch, taken = raw[5:].strip().split(",")
                if taken not in ("-", "0"):
                    hit.add((src, int(line), block, branch))
    return hit


def main():
    args = sys.argv[1:]
    log = None
    if args[:1] == ["--times"] and len(args) >= 2:
        log = args[1]
        args = args[2:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    top = args[0]
    keep = set(args[1:])
    times = {}
    if log:
        with open(log) as f:
            for raw in f:
                m = re.match(r"# ([0-9][0-9]-[a-z0-9-]+): ([0-9]+) s$", raw)
                if m:
                    times[m.group(1)] = int(m.group(2))
    else:
        with open(os.path.join(top, "times.txt")) as f:
            for raw in f:
                name, secs = raw.split()
                times[name] = int(secs)
    cover = {}
    for entry in sorted(os.listdir(top)):
        if entry.endswith(".info"):
            cover[entry[:-5]] = lines_of(os.path.join(top, entry))
    # A KEEP test the run left out (TESTS chose others) is not taken.
    unknown = keep - set(cover)
    if unknown:
        print("not run, so not kept: " + " ".join(sorted(unknown)))
        keep -= unknown
    if not cover:
        print("coverage-select: no tracefiles in " + top, file=sys.stderr)
        return 1
    everything = set().union(*cover.values())
    unique = {}
    for name, hit in cover.items():
        others = set().union(*(h for n, h in cover.items() if n != name))
        unique[name] = len(hit - others)

    taken, why, order = [], {}, []
    seen = set()
    for name in sorted(keep):
        taken.append(name)
        seen |= cover[name]
        why[name] = "kept"
    if keep:
        order.append(("(kept)", len(seen), len(everything) - len(seen),
                      sum(times.get(n, 0) for n in taken)))
    rest = [n for n in cover if n not in keep]
    while seen != everything:
        best = max(rest, key=lambda n: (len(cover[n] - seen) /
                                        max(times.get(n, 1), 1), -times.get(n, 0)))
        new = len(cover[best] - seen)
        if new == 0:
            break
        taken.append(best)
        rest.remove(best)
        why[best] = "adds %d" % new
        seen |= cover[best]
        order.append((best, new, len(everything) - len(seen),
                      sum(times.get(n, 0) for n in taken)))

    print("%-32s %6s %6s %6s  %s" % ("test", "lines", "unique", "secs", "taken"))
    for name in sorted(cover):
        print("%-32s %6d %6d %6d  %s" % (name, len(cover[name]), unique[name],
                                         times.get(name, 0), why.get(name, "no")))
    print("\n%-32s %6s %6s %6s" % ("taken in order", "adds", "left", "secs"))
    for name, new, left, secs in order:
        print("%-32s %6d %6d %6d" % (name, new, left, secs))
    left = sorted(n for n in cover if n not in why)
    secs_all = sum(times.get(n, 0) for n in cover)
    secs_taken = sum(times.get(n, 0) for n in taken)
    print("lines and branches executed: %d by all %d tests, %d by the %d taken" %
          (len(everything), len(cover), len(seen), len(taken)))
    print("seconds: %d for all, %d for those taken" % (secs_all, secs_taken))
    print("left out: " + " ".join(left))
    return 0


if __name__ == "__main__":
    sys.exit(main())
