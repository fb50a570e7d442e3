#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a make bench run (raw.csv, control.csv) into bench/results.md,
bench/results.csv and, with gnuplot, bench/scaling.png; with
--instructions, a make bench-icount run (the guest's clock counting
instructions) into bench/instructions.md and bench/instructions.csv.

    report.py [--instructions] RAW_DIR OUT_DIR

Rates are medians over the rounds, with min-max. A round measures every
configuration of a scenario (and table size) back to back, so the ratio of
two of them is the median of their ratios round by round: the host's load
drifts over minutes, and a pair measured seconds apart shares it. Ratios
across sizes or scenarios, measured minutes apart, are of medians. Added
cost per packet is 1/rate - 1/injection_rate: what the device costs beyond
getting the frame into the stack.
"""
import csv
import os
import statistics
import subprocess
import sys
from collections import defaultdict


def load(path):
    """The rates of each config, round by round, and the configs a round of
    which failed (run.sh writes "failed" for a rate when a step of its
    set-up or measurement failed): those report no rate at all."""
    rows = defaultdict(list)
    failed = set()
    with open(path) as f:
        for r in csv.DictReader(f):
            key = (r['scenario'], r['config'], int(r['size']), int(r['threads']))
            if r['pps'] == 'failed':
                failed.add(key)
            else:
                rows[key].append(int(r['pps']))
    for key in failed:
        rows.pop(key, None)
    return rows, failed


def med(v):
    return statistics.median(v) if v else 0


def fmt(v):
    return f'{v:,.0f}'


def ratio(a, b):
    return a / b if a and b else float('nan')


def side_by_side(*keys):
    """Whether configs were measured in the same rounds: one scenario and
    table size (the multi-core scenario runs its thread counts in the same
    rounds)."""
    return all(k[0] == keys[0][0] and k[2] == keys[0][2] for k in keys)


def paired(rows, keys, f):
    """Median over the rounds of f(rates...), the rates of one round; a
    round where f has no value (nan) is left out."""
    v = [x for x in (f(*r) for r in zip(*(rows.get(k, []) for k in keys)) if all(r))
         if x == x]
    return statistics.median(v) if v else float('nan')


class Units:
    """How a rate is shown: packets per second, or, when the guest's clock
    counted one nanosecond per instruction, instructions per packet."""

    def __init__(self, instructions):
        self.instructions = instructions
        self.rate = 'instructions/packet' if instructions else 'pps'
        self.cost = 'instructions' if instructions else 'ns'

    def show(self, rate):
        return fmt(1e9 / rate if self.instructions and rate else rate)

    def span(self, lo, hi):
        if self.instructions:
            lo, hi = hi, lo
        return f'[{self.show(lo)}-{self.show(hi)}]'


INTRO = ('Measured side by side in one guest (QEMU, 2 vCPUs, software '
         'emulation): absolute rates mean little, ratios do. Medians over '
         'the rounds, min-max in brackets. A round measures the peers of a '
         'scenario and size back to back, so their ratio is the median of '
         'the ratios round by round (the host is shared and its load '
         'drifts); ratios across sizes are of medians. Frames are 64-byte UDP injected '
         'by pktgen (xmit_mode netif_receive) into a dummy ingress port; '
         'the device forwards them to a dummy egress port that counts and '
         'drops them.')

INTRO_INSTRUCTIONS = (
    'The scenarios of results.md in a guest whose clock counts instructions '
    '(QEMU `-icount shift=0`: one nanosecond per instruction, one vCPU, '
    'single-threaded TCG), so a rate is per instruction and repeats from round '
    'to round and run to run, whatever the host\'s load. Instructions per '
    'packet are 10^9 / rate, and the added cost is in instructions. '
    'Instructions are not time: cache and TLB misses do not count (so '
    'table sizes are not compared here), and each byte a `rep stosb` or '
    '`rep movsb` moves counts as one instruction, so memset and memcpy weigh '
    'more than on hardware, most of all the zeroing of every slab allocation '
    '(Debian\'s kernel has init_on_alloc on). Ratios and targets read as in '
    'results.md, per instruction instead of per second.')


def cost_ns(rate, inject):
    if not rate or not inject:
        return float('nan')
    return 1e9 / rate - 1e9 / inject


def cost_ratio(a, b, inject):
    """a's added cost over inject against b's."""
    cb = cost_ns(b, inject)
    return cost_ns(a, inject) / cb if cb else float('nan')


def main():
    args = sys.argv[1:]
    units = Units(args[:1] == ['--instructions'])
    if units.instructions:
        args = args[1:]
    raw, out = args
    base = 'instructions' if units.instructions else 'results'
    rows, failed = load(os.path.join(raw, 'raw.csv'))
    m = {k: med(v) for k, v in rows.items()}
    span = {k: (min(v), max(v)) for k, v in rows.items()}
    known = set(m) | failed
    csv_rows = []
    if units.instructions:
        md = ['# make bench-icount: instructions per packet', '',
              INTRO_INSTRUCTIONS, '']
    else:
        md = ['# make bench: results', '', INTRO, '']
    targets = []

    def get(sc, cfg, size=0, th=1):
        return m.get((sc, cfg, size, th), 0)

    def across(keys, f):
        """f over the keys' rates: round by round when measured side by
        side, else over their medians."""
        if side_by_side(*keys):
            return paired(rows, keys, f)
        return f(*(m.get(k, 0) for k in keys))

    def rel(ka, kb):
        """How many times kb's rate ka's is."""
        return across((ka, kb), ratio)

    def added(k, inj):
        """k's added cost per packet over the injection inj, in ns (in
        instructions when the clock counted them)."""
        return across((k, inj), cost_ns)

    def line(sc, cfg, size, th, peers):
        k = (sc, cfg, size, th)
        if k in failed:
            csv_rows.append([sc, cfg, size, th, 'failed', '', ''])
            return '| ' + ' | '.join([sc, cfg, str(size) if size else '', str(th),
                                      '**failed**', 'a step failed'] +
                                     [''] * len(peers)) + ' |'
        if k not in m:
            return None
        lo, hi = span[k]
        cells = [sc, cfg, str(size) if size else '', str(th),
                 units.show(m[k]), units.span(lo, hi)]
        for name, pk in peers:
            cells.append(f'{name} {rel(k, pk):.2f}x' if pk in m else '')
        csv_rows.append([sc, cfg, size, th, m[k], lo, hi] +
                        [f'{rel(k, pk):.3f}' for _, pk in peers])
        return '| ' + ' | '.join(cells) + ' |'

    # 1. L2.
    inj_key = ('l2', 'inject', 0, 1)
    inj = get('l2', 'inject')
    md += ['## 1. L2 forwarding, learned unicast', '',
           f'| scenario | config | size | threads | {units.rate} | min-max | vs bridge | vs ovs | vs floor | vs fair floor |',
           '|---|---|---|---|---|---|---|---|---|---|']
    for cfg in ('inject', 'floor', 'floor-fair', 'vswitch', 'bridge', 'ovs'):
        ln = line('l2', cfg, 0, 1, [('bridge', ('l2', 'bridge', 0, 1)),
                                     ('ovs', ('l2', 'ovs', 0, 1)),
                                     ('floor', ('l2', 'floor', 0, 1)),
                                     ('fair floor', ('l2', 'floor-fair', 0, 1))])
        if ln:
            md.append(ln)
    if inj:
        md += ['', 'Added cost per packet over injection: ' + ', '.join(
            f'{c} {added(("l2", c, 0, 1), inj_key):.0f} {units.cost}'
            for c in ('floor', 'floor-fair', 'vswitch', 'bridge', 'ovs') if get('l2', c)), '']
        md += ['pktgen\'s netif_receive mode keeps a reference to every frame it '
               'injects, so each rx_handler (vswitch, bridge, OVS) must clone the '
               'shared skb before changing it, while the floor\'s mirred at tc '
               'ingress forwards the frame itself (bench/README.md, "What limits '
               'the L2 figures"). The fair floor\'s mirred mirrors the frame to '
               'the egress port and drops it, so it forwards a clone: one clone '
               'and no lookup, what every rx_handler pays at least. '
               'Section 8 sends frames nobody else holds (AF_PACKET from a '
               'namespace, over a veth), where no rx_handler clones.', '']
        targets.append(('vswitch added cost <= 0.5x the bridge\'s',
                        across((('l2', 'vswitch', 0, 1), ('l2', 'bridge', 0, 1), inj_key), cost_ratio), 0.5, '<='))
    targets.append(('vswitch >= 1.25x bridge', rel(('l2', 'vswitch', 0, 1), ('l2', 'bridge', 0, 1)), 1.25, '>='))
    if get('l2', 'ovs'):
        targets.append(('vswitch >= 1.1x OVS datapath', rel(('l2', 'vswitch', 0, 1), ('l2', 'ovs', 0, 1)), 1.1, '>='))
    if get('l2', 'floor'):
        targets.append(('vswitch >= 0.95x floor', rel(('l2', 'vswitch', 0, 1), ('l2', 'floor', 0, 1)), 0.95, '>='))
    if get('l2', 'floor-fair'):
        targets.append(('vswitch >= 0.95x fair floor', rel(('l2', 'vswitch', 0, 1), ('l2', 'floor-fair', 0, 1)), 0.95, '>='))

    # 2 and 3: scaling.
    plot = []
    for sc, ours, peer, title in (('l2scale', 'vswitch', 'bridge', '## 2. L2 scaling (random destinations over the table)'),
                                  ('l3', 'vrouter', 'kernel', '## 3. IPv4 routing (random destinations over the routes)'),
                                  ('l3v6', 'vrouter', 'kernel', '## 3b. IPv6 routing (random destinations over the routes)')):
        sizes = sorted({k[2] for k in known if k[0] == sc})
        if not sizes:
            continue
        md += ['', title, '',
               f'| scenario | config | size | threads | {units.rate} | min-max | vs peer |',
               '|---|---|---|---|---|---|---|']
        for n in sizes:
            for cfg in (f'{ours}-{n}', f'{peer}-{n}'):
                ln = line(sc, cfg, n, 1, [(peer, (sc, f'{peer}-{n}', n, 1))])
                if ln:
                    md.append(ln)
            plot.append((sc, n, get(sc, f'{ours}-{n}', n), get(sc, f'{peer}-{n}', n)))
        lo, hi = sizes[0], sizes[-1]
        who = ours + (' IPv6' if sc == 'l3v6' else '')
        if not units.instructions:	# a table's size costs misses, not instructions
            targets.append((f'{who} at {hi} >= 0.8x its rate at {lo}',
                            rel((sc, f'{ours}-{hi}', hi, 1), (sc, f'{ours}-{lo}', lo, 1)), 0.8, '>='))
        if sc == 'l3v6':
            targets.append(('vrouter IPv6 >= 1.3x kernel IPv6 forwarding (smallest table)',
                            rel((sc, f'vrouter-{lo}', lo, 1), (sc, f'kernel-{lo}', lo, 1)), 1.3, '>='))
            targets.append((f'vrouter IPv6 >= 1.0x kernel IPv6 forwarding ({hi} routes)',
                            rel((sc, f'vrouter-{hi}', hi, 1), (sc, f'kernel-{hi}', hi, 1)), 1.0, '>='))
        if sc == 'l3':
            targets.append(('vrouter >= 1.3x kernel forwarding (smallest table)',
                            rel((sc, f'vrouter-{lo}', lo, 1), (sc, f'kernel-{lo}', lo, 1)), 1.3, '>='))
            # The injection is the same as section 1's: pktgen into a dummy.
            vr = added((sc, f'vrouter-{lo}', lo, 1), inj_key)
            kr = added((sc, f'kernel-{lo}', lo, 1), inj_key)
            if inj and kr:
                md += ['', f'Added cost per packet over injection (section 1\'s) at {lo} routes: '
                       f'vrouter {vr:.0f} {units.cost}, kernel {kr:.0f} {units.cost}', '']
                targets.append(("vrouter added cost <= 0.6x the kernel's (smallest table)",
                                vr / kr, 0.6, '<='))

    # 3c. NAT: masquerade, an established flow (size 1) and a new
    # connection a packet (size 2).
    if any(k[0] == 'nat' for k in known):
        md += ['', '## 3c. NAT (masquerade; size 1: one established UDP flow, '
               'size 2: a new connection a packet)', '',
               f'| scenario | config | size | threads | {units.rate} | min-max | vs kernel + nft |',
               '|---|---|---|---|---|---|---|']
        for n, suffix in ((1, ''), (2, '-new')):
            for cfg in (f'vrouter-nat{suffix}', f'kernel-nat{suffix}'):
                ln = line('nat', cfg, n, 1, [('kernel', ('nat', f'kernel-nat{suffix}', n, 1))])
                if ln:
                    md.append(ln)
        targets.append(('vrouter NAT >= 1.3x kernel forwarding with nftables masquerade',
                        rel(('nat', 'vrouter-nat', 1, 1), ('nat', 'kernel-nat', 1, 1)), 1.3, '>='))
        targets.append(('vrouter NAT connection setup >= 1.0x nf_conntrack with masquerade',
                        rel(('nat', 'vrouter-nat-new', 2, 1), ('nat', 'kernel-nat-new', 2, 1)), 1.0, '>='))

    # 4. Firewall, over IPv4 (fw) and over IPv6 (fw6).
    for sc, title in (('fw', ''), ('fw6', ', IPv6')):
        sizes = sorted({k[2] for k in known if k[0] == sc})
        if not sizes:
            continue
        md += ['', f'## 4{"b" if sc == "fw6" else ""}. Firewall (rules that do not match '
               f'until the last{title})', '',
               f'| scenario | config | size | threads | {units.rate} | min-max | vs nft chain | vs nft set |',
               '|---|---|---|---|---|---|---|---|']
        for n in sizes:
            for cfg in (f'vfirewall-{n}', f'vfw-conntrack-{n}', f'nft-chain-{n}', f'nft-set-{n}'):
                ln = line(sc, cfg, n, 1, [('chain', (sc, f'nft-chain-{n}', n, 1)),
                                          ('set', (sc, f'nft-set-{n}', n, 1))])
                if ln:
                    md.append(ln)
            if sc == 'fw':
                plot.append(('fw', n, get('fw', f'vfirewall-{n}', n), get('fw', f'nft-chain-{n}', n)))
        hi = sizes[-1]
        targets.append((f'vfirewall{title} at {hi} rules >= 10x nftables chain',
                        rel((sc, f'vfirewall-{hi}', hi, 1), (sc, f'nft-chain-{hi}', hi, 1)), 10, '>='))
        targets.append((f'vfirewall{title} at {hi} rules >= nftables with sets',
                        rel((sc, f'vfirewall-{hi}', hi, 1), (sc, f'nft-set-{hi}', hi, 1)), 1.0, '>='))

    # 5. Multi-core.
    if any(k[0] == 'multicore' for k in known):
        md += ['', '## 5. Multi-core (one pktgen thread per vCPU)', '',
               f'| scenario | config | size | threads | {units.rate} | min-max | vs one thread |',
               '|---|---|---|---|---|---|---|']
        for cfg in ('vswitch', 'bridge', 'vrouter', 'kernel'):
            for t in (1, 2):
                ln = line('multicore', f'{cfg}-x{t}', 0, t,
                          [('x1', ('multicore', f'{cfg}-x1', 0, 1))])
                if ln:
                    md.append(ln)
        md += ['', 'Each thread injects into an ingress port of its own, the second '
               'from a source MAC of its own (one MAC on two ports would be a '
               'station moving on every frame).', '']
        for cfg in ('vswitch', 'vrouter'):
            targets.append((f'{cfg}: two threads >= 1.7x one',
                            rel(('multicore', f'{cfg}-x2', 0, 2), ('multicore', f'{cfg}-x1', 0, 1)), 1.7, '>='))

    # 6. Patch chain.
    if any(k[0] == 'patch' for k in known):
        md += ['', '## 6. vswitch -> vfirewall -> vrouter: patch ports vs veth pairs', '',
               f'| scenario | config | size | threads | {units.rate} | min-max | vs veth chain |',
               '|---|---|---|---|---|---|---|']
        for cfg in ('chain-patch', 'chain-veth'):
            ln = line('patch', cfg, 0, 1, [('veth', ('patch', 'chain-veth', 0, 1))])
            if ln:
                md.append(ln)
        cp, cv = ('patch', 'chain-patch', 0, 1), ('patch', 'chain-veth', 0, 1)
        if inj and cp in m and cv in m:
            md += ['', 'Added cost per packet over injection (section 1\'s): patch chain '
                   f'{added(cp, inj_key):.0f} {units.cost}, veth chain {added(cv, inj_key):.0f} {units.cost} '
                   f'({across((cp, cv, inj_key), cost_ratio):.2f}x)', '']
        targets.append(('patch chain >= 2x veth chain',
                        rel(cp, cv), 2.0, '>='))

    # 7. Control plane.
    ctl = os.path.join(raw, 'control.csv')
    if os.path.exists(ctl):
        with open(ctl) as f:
            crow = list(csv.DictReader(f))
        if crow:
            md += ['', '## 7. Control plane', '',
                   '| work | tool | count | ms | per second | kernel memory per entry (bytes) |',
                   '|---|---|---|---|---|---|']
            by = defaultdict(dict)
            for r in crow:
                if r['ms'] == 'failed':
                    md.append(f"| {r['what']} | {r['tool']} | {r['count']} | **failed** | | |")
                    continue
                ms = max(int(r['ms']), 1)
                md.append(f"| {r['what']} | {r['tool']} | {r['count']} | {ms} | "
                          f"{fmt(int(r['count']) * 1000 / ms)} | {r['bytes_per_entry']} |")
                by[r['what']][r['tool']] = ms
            for what, tools in by.items():
                ours = [v for k, v in tools.items() if k.startswith('vnetctl')]
                theirs = [v for k, v in tools.items() if not k.startswith('vnetctl')]
                if ours and theirs:
                    targets.append((f'{what}: vnetctl faster than its peer',
                                    theirs[0] / ours[0], 1.0, '>='))

    # 8. Unshared frames: AF_PACKET into a veth whose peer is a port.
    uk = [k for k in known if k[0] == 'unshared']
    if uk:
        n = uk[0][2]
        md += ['', '## 8. Unshared frames from a host namespace over veth pairs '
               f'(AF_PACKET; firewall {n} rules, conntrack)', '',
               f'| scenario | config | size | threads | {units.rate} | min-max | vs peer | vs floor | vs fair floor |',
               '|---|---|---|---|---|---|---|---|---|']

        def uns(cfg):
            return ('unshared', f'un-{cfg}', n, 1)
        for cfg, peer in (('inject', None), ('floor', None), ('floor-fair', None),
                          ('vswitch', 'bridge'), ('bridge', None), ('ovs', None),
                          ('vrouter', 'kernel'), ('kernel', None),
                          ('vfirewall', 'nft-set'), ('nft-set', None),
                          ('chain-patch', 'chain-veth'), ('chain-veth', None)):
            peers = [(peer or cfg, uns(peer or cfg)), ('floor', uns('floor')),
                     ('fair floor', uns('floor-fair'))]
            ln = line('unshared', f'un-{cfg}', n, 1, peers)
            if ln:
                md.append(ln)
        md += ['', 'tests/tools/inject sends each frame with AF_PACKET '
               '(PACKET_QDISC_BYPASS, sendmmsg) as a new skb nobody else holds, '
               'as a container\'s or a NIC\'s frames are: no rx_handler has to '
               'clone it. It crosses a veth into the device, which forwards it '
               'in the sender\'s softirq, out over another veth to a host that '
               'counts it. inject is the injection alone (counted as the first '
               'veth hands it over); the routers\' stream goes to their next '
               f'hop, the firewalls\' through {n} rules with conntrack against a '
               'bridge with an nftables set.', '']
        if uns('inject') in m:
            md += ['Added cost per packet over injection: ' + ', '.join(
                f'{c} {added(uns(c), uns("inject")):.0f} {units.cost}'
                for c in ('floor', 'floor-fair', 'vswitch', 'bridge', 'ovs',
                          'vrouter', 'kernel', 'chain-patch', 'chain-veth')
                if uns(c) in m), '']
        targets.append(('unshared: vswitch >= 1.25x bridge',
                        rel(uns('vswitch'), uns('bridge')), 1.25, '>='))
        if uns('ovs') in m:
            targets.append(('unshared: vswitch >= 1.1x OVS datapath',
                            rel(uns('vswitch'), uns('ovs')), 1.1, '>='))
        if uns('floor-fair') in m or uns('floor-fair') in failed:
            targets.append(('unshared: vswitch >= 0.95x fair floor',
                            rel(uns('vswitch'), uns('floor-fair')), 0.95, '>='))
        targets.append(('unshared: patch chain >= 2x veth chain',
                        rel(uns('chain-patch'), uns('chain-veth')), 2.0, '>='))

    def rate_line(sc, cfg, div, peers):
        """A row of a table of rates that are not per packet (a stream's
        bits, transactions): median and min-max over div, and the ratio to
        each peer's key (None, or a peer not measured: an empty cell)."""
        k = (sc, cfg, 0, 1)
        if k in failed:
            csv_rows.append([sc, cfg, 0, 1, 'failed', '', ''])
            return f'| {cfg} | **failed** | a step failed |' + ' |' * len(peers)
        if k not in m:
            return None
        lo, hi = span[k]
        cells = [cfg, fmt(m[k] / div), f'{fmt(lo / div)}-{fmt(hi / div)}']
        ratios = []
        for pk in peers:
            r = rel(k, pk) if pk in m else None
            cells.append(f'{r:.2f}x' if r is not None else '')
            ratios.append(f'{r:.3f}' if r is not None else '')
        csv_rows.append([sc, cfg, 0, 1, m[k], lo, hi] + ratios)
        return '| ' + ' | '.join(cells) + ' |'

    def against_bridge(sc, title, peer, target, want):
        """A scenario of two configs, sc-vswitch against sc-bridge: its
        table and its target."""
        if not any(k[0] == sc for k in known):
            return
        md.extend(['', title, '',
                   f'| scenario | config | size | threads | {units.rate} | min-max | vs {peer} |',
                   '|---|---|---|---|---|---|---|'])
        ours, theirs = (sc, f'{sc}-vswitch', 0, 1), (sc, f'{sc}-bridge', 0, 1)
        for k in (ours, theirs):
            ln = line(sc, k[1], 0, 1, [('bridge', theirs)])
            if ln:
                md.append(ln)
        targets.append((target, rel(ours, theirs), want, '>='))

    # 9. A segment across two hosts.
    against_bridge('overlay', '## 9. A segment across two namespace hosts over VXLAN '
                   '(pktgen start_xmit, 64-byte frames)', 'bridge+vxlan',
                   'overlay: vswitch+vni >= bridge+vxlan', 1.0)
    # A TCP stream across it (its rate, in bit/s, in the pps column).
    tk = {cfg: ('overlay-tcp', cfg, 0, 1) for cfg in ('tcp-vswitch', 'tcp-bridge')}
    if any(k in known for k in tk.values()):
        md += ['', '### One TCP stream between containers on the two hosts (iperf3, MTU 1450)', '',
               '| config | Mbit/s | min-max | vs bridge+vxlan |', '|---|---|---|---|']
        for cfg, k in tk.items():
            ln = rate_line('overlay-tcp', cfg, 1e6, [tk['tcp-bridge']])
            if ln:
                md.append(ln)
        targets.append(('overlay: TCP over vswitch+vni >= bridge+vxlan',
                        rel(tk['tcp-vswitch'], tk['tcp-bridge']), 1.0, '>='))

    # 10. 802.1Q VLANs.
    against_bridge('vlan', '## 10. VLANs: tagged in at a trunk port, untagged out of an '
                   'access port (vlan filtering on)', 'bridge',
                   'VLANs: vswitch >= 1.25x bridge', 1.25)

    # 11. Flooding: copies a second out of every other port.
    sizes = sorted({k[2] for k in known if k[0] == 'flood'})
    if sizes:
        md += ['', '## 11. Flooding unknown unicast (size: ports; rate: copies '
               'delivered, one per port but the ingress)', '',
               f'| scenario | config | size | threads | {units.rate} | min-max | vs bridge |',
               '|---|---|---|---|---|---|---|']
        for n in sizes:
            for cfg in (f'vswitch-{n}', f'bridge-{n}'):
                ln = line('flood', cfg, n, 1, [('bridge', ('flood', f'bridge-{n}', n, 1))])
                if ln:
                    md.append(ln)
        for n in sizes:
            targets.append((f'flooding to {n} ports: vswitch >= 1.0x bridge',
                            rel(('flood', f'vswitch-{n}', n, 1), ('flood', f'bridge-{n}', n, 1)),
                            1.0, '>='))

    # 12 and 13. TCP between containers: bulk and request/response; the
    # figures are rates, per 10^9 instructions when the clock counted them
    # (both ends and the device share the one vCPU).
    per = ' per 10^9 instructions' if units.instructions else '/s'
    peer_of = {'vswitch': 'bridge', 'bridge': None, 'ovs': None,
               'vrouter': 'kernel', 'kernel': None, 'vfirewall': 'nft-ct',
               'nft-ct': None, 'chain-patch': 'chain-veth', 'chain-veth': None}
    peer_name = {'bridge': 'bridge', 'kernel': 'kernel forwarding',
                 'nft-ct': 'bridge + nftables ct', 'chain-veth': 'veth chain'}
    for sc, title, unit, div in (
            ('tcp', '## 12. One TCP stream between containers (iperf3, GSO on)', 'Mbit' + per, 1e6),
            ('rr', '## 13. Request/response between containers (one-byte TCP transactions)',
             'transactions' + per, 1)):
        if not any(k[0] == sc for k in known):
            continue
        md += ['', title, '', f'| config | {unit} | min-max | vs peer | vs ovs |',
               '|---|---|---|---|---|']
        for cfg, peer in peer_of.items():
            ln = rate_line(sc, f'{sc}-{cfg}', div,
                           [(sc, f'{sc}-{other}', 0, 1) if other else None
                            for other in (peer, 'ovs' if cfg == 'vswitch' else None)])
            if ln:
                md.append(ln)
        if sc == 'tcp':
            for ours, theirs in (('vswitch', 'bridge'), ('vswitch', 'ovs'),
                                 ('vrouter', 'kernel'), ('vfirewall', 'nft-ct'),
                                 ('chain-patch', 'chain-veth')):
                if theirs == 'ovs' and ('tcp', 'tcp-ovs', 0, 1) not in known:
                    continue
                who = 'patch chain' if ours == 'chain-patch' else ours
                targets.append((f'TCP: {who} >= 1.0x {peer_name.get(theirs, "OVS datapath")}',
                                rel(('tcp', f'tcp-{ours}', 0, 1), ('tcp', f'tcp-{theirs}', 0, 1)),
                                1.0, '>='))

    md += ['', '## Targets', '', '| target | measured | met |', '|---|---|---|']
    for name, val, want, op in targets:
        if val != val:		# nan: a side failed or is missing
            md.append(f'| {name} | not measured | **no** |')
            continue
        met = (val >= want) if op == '>=' else (val <= want)
        md.append(f'| {name} | {val:.2f} | {"yes" if met else "**no**"} |')

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, f'{base}.md'), 'w') as f:
        f.write('\n'.join(md) + '\n')
    with open(os.path.join(out, f'{base}.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['scenario', 'config', 'size', 'threads', 'median_pps',
                    'min_pps', 'max_pps', 'ratio_1', 'ratio_2', 'ratio_3'])
        w.writerows(csv_rows)
    if plot and not units.instructions:
        data = os.path.join(out, 'scaling.dat')
        with open(data, 'w') as f:
            for sc in ('l2scale', 'l3', 'fw'):
                f.write(f'# {sc}\n')
                for s, n, a, b in plot:
                    if s == sc:
                        f.write(f'{n} {a} {b}\n')
                f.write('\n\n')
        gp = f'''set terminal pngcairo size 1200,400
set output "{os.path.join(out, 'scaling.png')}"
set multiplot layout 1,3
set logscale x
set xlabel "table size"
set ylabel "packets/s"
set key bottom right
set yrange [0:*]
set title "L2: vswitch vs bridge"
plot "{data}" index 0 using 1:2 with linespoints title "vswitch", "" index 0 using 1:3 with linespoints title "bridge"
set title "L3: vrouter vs kernel"
plot "{data}" index 1 using 1:2 with linespoints title "vrouter", "" index 1 using 1:3 with linespoints title "kernel"
set logscale y
set yrange [*:*]
set title "Firewall: vfirewall vs nftables chain"
plot "{data}" index 2 using 1:2 with linespoints title "vfirewall", "" index 2 using 1:3 with linespoints title "nft chain"
unset multiplot
'''
        try:
            subprocess.run(['gnuplot'], input=gp.encode(), check=True)
            with open(os.path.join(out, 'results.md'), 'a') as f:
                f.write('\n![rate against table size](scaling.png)\n')
        except (OSError, subprocess.CalledProcessError) as e:
            print(f'report: no plot ({e})', file=sys.stderr)
    print(open(os.path.join(out, f'{base}.md')).read())


if __name__ == '__main__':
    main()
