#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check a vfirewall's verdicts against a plain first-match evaluation.

    fw_reference.py FW NS DST_MAC NRULES NPKTS SEED

Loads NRULES random rules into vfirewall FW (policy drop) with one
"rule replace", sends NPKTS random IPv4 packets from eth0 of namespace NS
(the host behind port p1) to DST_MAC (the host behind p2), then compares
each rule's packet counter and the policy drops with what a first-match
walk of the same rules predicts. Prints "AGREE TOTAL LOAD_MS" and then the
first disagreements.

    fw_reference.py --send IFACE DST_MAC FILE   (run inside NS: send frames)
"""
import json
import random
import socket
import struct
import subprocess
import sys
import tempfile
import time

PROTOS = {"tcp": 6, "udp": 17, "icmp": 1}


def csum(data):
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def rand_prefix(rnd):
    plen = rnd.choice([8, 12, 16, 20, 24, 28, 32, rnd.randint(8, 32)])
    addr = (10 << 24) | rnd.getrandbits(24)
    mask = (0xFFFFFFFF << (32 - plen)) & 0xFFFFFFFF
    return addr & mask, plen


def rand_range(rnd):
    lo = rnd.choice([0, 22, 53, 80, 443, 1024, rnd.randint(0, 65535)])
    hi = min(65535, lo + rnd.choice([0, 0, 10, 100, 1000, 65535]))
    return lo, hi


def make_rules(rnd, n):
    rules = []
    for _ in range(n):
        r = {}
        if rnd.random() < 0.3:
            r["in"] = rnd.choice(["p1", "p2"])
        if rnd.random() < 0.2:
            r["out"] = rnd.choice(["p1", "p2"])
        if rnd.random() < 0.7:
            r["src"] = rand_prefix(rnd)
        if rnd.random() < 0.7:
            r["dst"] = rand_prefix(rnd)
        if rnd.random() < 0.8:
            r["proto"] = rnd.choice(["tcp", "udp", "icmp", "tcp", "udp"])
            if r["proto"] in ("tcp", "udp"):
                if rnd.random() < 0.5:
                    r["sport"] = rand_range(rnd)
                if rnd.random() < 0.7:
                    r["dport"] = rand_range(rnd)
            elif rnd.random() < 0.5:
                r["icmp"] = rnd.choice([0, 3, 8, 11])
        r["action"] = rnd.choice(["accept", "drop"])
        rules.append(r)
    return rules


def rule_text(r):
    out = []
    for k in ("in", "out"):
        if k in r:
            out += [k, r[k]]
    for k in ("src", "dst"):
        if k in r:
            a, p = r[k]
            out += [k, "%s/%d" % (socket.inet_ntoa(struct.pack("!I", a)), p)]
    if "proto" in r:
        out += ["proto", r["proto"]]
    for k in ("sport", "dport"):
        if k in r:
            out += [k, "%d-%d" % r[k]]
    if "icmp" in r:
        out += ["icmp-type", str(r["icmp"])]
    return " ".join(out + ["action", r["action"]])


def matches(r, p):
    if r.get("in", "p1") != "p1" or r.get("out", "p2") != "p2":
        return False
    for k in ("src", "dst"):
        if k in r:
            a, plen = r[k]
            mask = (0xFFFFFFFF << (32 - plen)) & 0xFFFFFFFF
            if p[k] & mask != a:
                return False
    if "proto" in r and PROTOS[r["proto"]] != p["proto"]:
        return False
    for k in ("sport", "dport"):
        if k in r and not r[k][0] <= p[k] <= r[k][1]:
            return False
    if "icmp" in r and r["icmp"] != p["icmp"]:
        return False
    return True


def make_packet(rnd, rules):
    # Half aimed at a random rule's box, half anywhere in 10/8.
    p = {"src": (10 << 24) | rnd.getrandbits(24),
         "dst": (10 << 24) | rnd.getrandbits(24),
         "proto": rnd.choice([6, 17, 1]), "sport": rnd.randint(0, 65535),
         "dport": rnd.randint(0, 65535), "icmp": rnd.choice([0, 3, 8, 11])}
    if rnd.random() < 0.5:
        r = rnd.choice(rules)
        for k in ("src", "dst"):
            if k in r:
                a, plen = r[k]
                p[k] = a | (rnd.getrandbits(32 - plen) if plen < 32 else 0)
        if "proto" in r:
            p["proto"] = PROTOS[r["proto"]]
        for k in ("sport", "dport"):
            if k in r:
                p[k] = rnd.randint(*r[k])
        if "icmp" in r:
            p["icmp"] = r["icmp"]
    if p["proto"] == 1:
        l4 = struct.pack("!BBHI", p["icmp"], 0, 0, 0)
    else:
        l4 = struct.pack("!HH", p["sport"], p["dport"]) + b"\0" * 16
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 1, 0, 64,
                      p["proto"], 0, struct.pack("!I", p["src"]),
                      struct.pack("!I", p["dst"]))
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return p, hdr + l4


def send(ifname, dmac, path):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    head = bytes.fromhex(dmac.replace(":", "")) + s.getsockname()[4] + b"\x08\x00"
    with open(path) as f:
        for line in f:
            s.send(head + bytes.fromhex(line.strip()))


def counters(fw):
    out = subprocess.run(["vnetctl", "-j", "rule", "show", fw],
                         capture_output=True, text=True, check=True).stdout
    return {r["index"]: r["packets"] for r in json.loads(out)}


def policy_drops(fw):
    out = subprocess.run(["vnetctl", "-j", "stats", fw], capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)[0]["stats"]["drop_policy"]


def main():
    if sys.argv[1] == "--send":
        send(*sys.argv[2:5])
        return
    fw, ns, dmac, nrules, npkts, seed = sys.argv[1:7]
    rnd = random.Random(int(seed))
    rules = make_rules(rnd, int(nrules))
    with tempfile.NamedTemporaryFile("w", suffix=".rules", delete=False) as f:
        f.write("# %s random rules\n" % nrules)
        f.write("".join(rule_text(r) + "\n" for r in rules))
        rfile = f.name
    t0 = time.monotonic()
    r = subprocess.run(["vnetctl", "rule", "replace", fw, rfile],
                       capture_output=True, text=True)
    load_ms = int((time.monotonic() - t0) * 1000)
    if r.returncode:
        sys.exit("rule replace failed: " + r.stderr)
    expect = {}
    unmatched = 0
    with tempfile.NamedTemporaryFile("w", suffix=".frames", delete=False) as f:
        for _ in range(int(npkts)):
            p, frame = make_packet(rnd, rules)
            f.write(frame.hex() + "\n")
            hit = next((i + 1 for i, r in enumerate(rules) if matches(r, p)), None)
            if hit is None:
                unmatched += 1
            else:
                expect[hit] = expect.get(hit, 0) + 1
        ffile = f.name
    drops0 = policy_drops(fw)
    subprocess.run(["ip", "netns", "exec", ns, sys.executable, __file__,
                    "--send", "eth0", dmac, ffile], check=True)
    total = int(npkts)
    for _ in range(50):
        got = counters(fw)
        seen = sum(got.values()) + policy_drops(fw) - drops0
        if seen >= total:
            break
        time.sleep(0.1)
    bad = ["rule %d: %d packets, expected %d" % (i, got.get(i, 0), expect.get(i, 0))
           for i in sorted(set(got) | set(expect)) if got.get(i, 0) != expect.get(i, 0)]
    pol = policy_drops(fw) - drops0
    if pol != unmatched:
        bad.append("policy: %d packets, expected %d" % (pol, unmatched))
    print(total - (len(bad) and sum(abs(got.get(i, 0) - expect.get(i, 0))
                                    for i in set(got) | set(expect))), total, load_ms)
    for b in bad[:20]:
        print(b)


if __name__ == "__main__":
    main()
