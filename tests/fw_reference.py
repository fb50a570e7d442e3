#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check a vfirewall's verdicts against a plain first-match evaluation.

    fw_reference.py FW NS DST_MAC NRULES NPKTS SEED RECV_NS [6]

Loads NRULES random rules into vfirewall FW with one "rule replace",
sends NPKTS random IPv4 packets (IP ids 1 to NPKTS) from eth0 of
namespace NS (the host behind port p1) to DST_MAC, the host behind p2 in
namespace RECV_NS, and works out each packet's fate with a first-match
walk of the same rules and the device's policy: delivered, dropped by a
rule or dropped by the policy. It then compares, packet by packet, what
arrived at RECV_NS's eth0 with that, and compares each rule's packet
counter, the device's drop_rule and drop_policy counters and p2's
tx_packets with what the walk predicts. Prints "AGREE TOTAL LOAD_MS BAD"
(packets whose fate agreed, packets sent, milliseconds the load took,
disagreements of any kind) and then the first disagreements.

With 6, the packets are IPv6 (named by their flow labels), and the
rules' prefixes IPv6 but for one rule in seven with IPv4 ones, which no
packet may match; one in seven has none, and matches IPv6 as it would
IPv4.

    fw_reference.py --send IFACE DST_MAC FILE   (run inside NS: send frames)
    fw_reference.py --recv IFACE SRC_MAC [6]    (run inside RECV_NS: print
        "ready", then, when stdin closes, the ids of the IPv4 frames (the
        flow labels of the IPv6 ones) from SRC_MAC that arrived, as a
        JSON list)
"""
import json
import random
import select
import socket
import struct
import subprocess
import sys
import tempfile
import time

PROTOS = {"tcp": 6, "udp": 17, "icmp": 1, "icmpv6": 58}
V6 = False      # set by main(): the packets are IPv6
NET6 = 0x20010DB8 << 96         # 2001:db8::/32


def csum(data):
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def rand_prefix(rnd, minlen=8):
    plen = max(minlen, rnd.choice([8, 12, 16, 20, 24, 28, 32, rnd.randint(8, 32)]))
    addr = (10 << 24) | rnd.getrandbits(24)
    if minlen > 8:
        addr &= ~(1 << 23)
    mask = (0xFFFFFFFF << (32 - plen)) & 0xFFFFFFFF
    return addr & mask, plen


def rand_prefix6(rnd, minlen=32):
    """Inside 2001:db8::/32; with minlen over 32, inside 2001:db8::/33."""
    plen = max(minlen, rnd.choice([32, 40, 48, 56, 64, 64, 96, 120, 128,
                                   rnd.randint(32, 128)]))
    addr = NET6 | rnd.getrandbits(96)
    if minlen > 32:
        addr &= ~(1 << 95)
    mask = ((1 << 128) - 1) ^ ((1 << (128 - plen)) - 1)
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
        # Every rule's source is inside 10.0.0.0/9 (2001:db8::/33): the
        # packets from 10.128.0.0/9 (2001:db8:8000::/33) below match none
        # and fall to the policy.
        fam = 6 if V6 else 4
        if V6:
            fam = rnd.choice([6, 6, 6, 6, 6, 4, 0])
        if fam == 6:
            r["src"] = (rand_prefix6(rnd, 33) if rnd.random() < 0.7
                        else (NET6, 33))
            if rnd.random() < 0.7:
                r["dst"] = rand_prefix6(rnd)
        elif fam == 4:
            r["src"] = rand_prefix(rnd, 9) if rnd.random() < 0.7 else (10 << 24, 9)
            if rnd.random() < 0.7:
                r["dst"] = rand_prefix(rnd)
        icmp = "icmp" if fam == 4 or not V6 else "icmpv6"
        if rnd.random() < 0.8:
            r["proto"] = rnd.choice(["tcp", "udp", icmp, "tcp", "udp"])
            if r["proto"] in ("tcp", "udp"):
                if rnd.random() < 0.5:
                    r["sport"] = rand_range(rnd)
                if rnd.random() < 0.7:
                    r["dport"] = rand_range(rnd)
            elif rnd.random() < 0.5:
                r["icmp"] = rnd.choice([0, 3, 8, 11] if r["proto"] == "icmp"
                                       else [1, 3, 128, 129])
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
            out += [k, "%s/%d" % (addr_text(a), p)]
    if "proto" in r:
        out += ["proto", r["proto"]]
    for k in ("sport", "dport"):
        if k in r:
            out += [k, "%d-%d" % r[k]]
    if "icmp" in r:
        out += ["icmp-type", str(r["icmp"])]
    return " ".join(out + ["action", r["action"]])


def addr_text(a):
    """An address as the rules write it: IPv6 past 32 bits."""
    if a >> 32:
        return socket.inet_ntop(socket.AF_INET6, a.to_bytes(16, "big"))
    return socket.inet_ntoa(struct.pack("!I", a))


def matches(r, p):
    if r.get("in", "p1") != "p1" or r.get("out", "p2") != "p2":
        return False
    for k in ("src", "dst"):
        if k in r:
            a, plen = r[k]
            bits = 128 if a >> 32 else 32
            # A prefix of the other family never matches.
            if bits != (128 if V6 else 32):
                return False
            mask = ((1 << bits) - 1) ^ ((1 << (bits - plen)) - 1)
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


def make_packet(rnd, rules, ident):
    # A quarter from where no rule looks, half aimed at a random rule's
    # box, a quarter anywhere in 10/8.
    if V6:
        p = {"src": NET6 | rnd.getrandbits(96), "dst": NET6 | rnd.getrandbits(96),
             "proto": rnd.choice([6, 17, 58]), "icmp": rnd.choice([1, 3, 128, 129])}
    else:
        p = {"src": (10 << 24) | rnd.getrandbits(24),
             "dst": (10 << 24) | rnd.getrandbits(24),
             "proto": rnd.choice([6, 17, 1]), "icmp": rnd.choice([0, 3, 8, 11])}
    p["sport"] = rnd.randint(0, 65535)
    p["dport"] = rnd.randint(0, 65535)
    bits = 128 if V6 else 32
    roll = rnd.random()
    if roll < 0.25:
        # From 10.128.0.0/9 (2001:db8:8000::/33), which no rule's source
        # covers: the policy's.
        p["src"] |= 1 << (bits - 9 if not V6 else 95)
    elif roll < 0.75:
        r = rnd.choice(rules)
        for k in ("src", "dst"):
            if k in r:
                a, plen = r[k]
                if (a >> 32 != 0) != V6:
                    continue    # the other family's: nothing to aim at
                p[k] = a | (rnd.getrandbits(bits - plen) if plen < bits else 0)
        if "proto" in r:
            p["proto"] = PROTOS[r["proto"]]
        for k in ("sport", "dport"):
            if k in r:
                p[k] = rnd.randint(*r[k])
        if "icmp" in r:
            p["icmp"] = r["icmp"]
    if p["proto"] in (1, 58):
        l4 = struct.pack("!BBHI", p["icmp"], 0, 0, 0)
    else:
        l4 = struct.pack("!HH", p["sport"], p["dport"]) + b"\0" * 16
    if V6:
        # The flow label names the packet for the receiver.
        return p, (struct.pack("!IHBB", 6 << 28 | ident, len(l4), p["proto"], 64) +
                   p["src"].to_bytes(16, "big") + p["dst"].to_bytes(16, "big") + l4)
    # The id names the packet for the receiver; no rule looks at it.
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), ident, 0, 64,
                      p["proto"], 0, struct.pack("!I", p["src"]),
                      struct.pack("!I", p["dst"]))
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return p, hdr + l4


def send(ifname, dmac, path):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    head = bytes.fromhex(dmac.replace(":", "")) + s.getsockname()[4]
    with open(path) as f:
        for line in f:
            pkt = bytes.fromhex(line.strip())
            s.send(head + (b"\x86\xdd" if pkt[0] >> 4 == 6 else b"\x08\x00") + pkt)


def recv(ifname, smac):
    ethertype = 0x86DD if V6 else 0x0800
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ethertype))
    # Room for every frame of a round however late this process reads.
    s.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33),
                 1 << 24)
    s.bind((ifname, ethertype))
    src = bytes.fromhex(smac.replace(":", ""))
    got = []

    def take():
        data, addr = s.recvfrom(2048)
        if (addr[2] == socket.PACKET_OUTGOING or data[6:12] != src or
                len(data) < 20):
            return
        if V6:
            got.append(struct.unpack("!I", data[14:18])[0] & 0xFFFFF)
        else:
            got.append(struct.unpack("!H", data[18:20])[0])

    print("ready", flush=True)
    while True:
        r, _, _ = select.select([s, sys.stdin], [], [])
        if s in r:
            take()
        if sys.stdin in r:
            break
    # Stopped: what is still on its way in, until 0.3 s pass with none.
    s.settimeout(0.3)
    try:
        while True:
            take()
    except socket.timeout:
        pass
    print(json.dumps(got), flush=True)


def vnetctl_json(*args):
    out = subprocess.run(["vnetctl", "-j"] + list(args), capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)


def counters(fw):
    return {r["index"]: r["packets"] for r in vnetctl_json("rule", "show", fw)}


def fates(fw):
    """What the device counted: delivered out of p2, dropped by a rule,
    dropped by the policy."""
    st = vnetctl_json("stats", fw)[0]
    tx = next(p["stats"]["tx_packets"] for p in st["ports"] if p["name"] == "p2")
    return {"delivered": tx, "rule": st["stats"]["drop_rule"],
            "policy": st["stats"]["drop_policy"]}


def describe(p):
    proto = {6: "tcp", 17: "udp", 1: "icmp", 58: "icmpv6"}[p["proto"]]
    src, dst = addr_text(p["src"]), addr_text(p["dst"])
    if p["proto"] in (1, 58):
        return "%s type %d %s -> %s" % (proto, p["icmp"], src, dst)
    return "%s %s:%d -> %s:%d" % (proto, src, p["sport"], dst, p["dport"])


def main():
    global V6
    if sys.argv[1] == "--send":
        send(*sys.argv[2:5])
        return
    if sys.argv[1] == "--recv":
        V6 = sys.argv[4:5] == ["6"]
        recv(*sys.argv[2:4])
        return
    fw, ns, dmac, nrules, npkts, seed, rns = sys.argv[1:8]
    V6 = sys.argv[8:9] == ["6"]
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
    policy = vnetctl_json("device", "show", fw)[0]["policy"]
    # Each packet's fate by the walk: the first rule that matches decides
    # (its action), none: the policy.
    expect = {}
    packets = []
    want = {"delivered": 0, "rule": 0, "policy": 0}
    with tempfile.NamedTemporaryFile("w", suffix=".frames", delete=False) as f:
        for ident in range(1, int(npkts) + 1):
            p, frame = make_packet(rnd, rules, ident)
            f.write(frame.hex() + "\n")
            hit = next((i + 1 for i, r in enumerate(rules) if matches(r, p)), None)
            if hit is None:
                fate = "delivered" if policy == "accept" else "policy"
            else:
                expect[hit] = expect.get(hit, 0) + 1
                fate = "delivered" if rules[hit - 1]["action"] == "accept" else "rule"
            want[fate] += 1
            packets.append((p, hit, fate))
        ffile = f.name
    smac = json.loads(subprocess.run(
        ["ip", "-n", ns, "-j", "link", "show", "eth0"], capture_output=True,
        text=True, check=True).stdout)[0]["address"]
    rcv = subprocess.Popen(["ip", "netns", "exec", rns, sys.executable, __file__,
                            "--recv", "eth0", smac] + (["6"] if V6 else []),
                           stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True)
    if rcv.stdout.readline().strip() != "ready":
        sys.exit("the receiver did not start")
    before = fates(fw)
    subprocess.run(["ip", "netns", "exec", ns, sys.executable, __file__,
                    "--send", "eth0", dmac, ffile], check=True)
    total = int(npkts)
    # Until the device has judged every packet (5 s at most).
    for _ in range(50):
        after = fates(fw)
        if sum(after[k] - before[k] for k in after) >= total:
            break
        time.sleep(0.1)
    got = counters(fw)
    after = fates(fw)
    rcv.stdin.close()
    arrived = {}
    for ident in json.loads(rcv.stdout.read() or "[]"):
        arrived[ident] = arrived.get(ident, 0) + 1
    rcv.wait(timeout=30)

    bad = []
    agree = 0
    for ident, (p, hit, fate) in enumerate(packets, 1):
        n = arrived.pop(ident, 0)
        if n == (fate == "delivered"):
            agree += 1
        else:
            bad.append("packet %d (%s), %s: arrived %d times, expected %d" % (
                ident, describe(p),
                "policy %s" % policy if hit is None else
                "rule %d %s" % (hit, rules[hit - 1]["action"]),
                n, fate == "delivered"))
    bad += ["id %d, never sent, arrived %d times" % i for i in arrived.items()]
    for k in ("delivered", "rule", "policy"):
        n = after[k] - before[k]
        if n != want[k]:
            bad.append("%s counter: %d packets, expected %d" % (
                {"delivered": "p2 tx_packets", "rule": "drop_rule",
                 "policy": "drop_policy"}[k], n, want[k]))
    bad += ["rule %d: %d packets, expected %d" % (i, got.get(i, 0), expect.get(i, 0))
            for i in sorted(set(got) | set(expect)) if got.get(i, 0) != expect.get(i, 0)]
    print(agree, total, load_ms, len(bad))
    for b in bad[:20]:
        print(b)


if __name__ == "__main__":
    main()
