#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Run the kernel's YNL generator (ynl-gen-c.py) for vnet, with a shim.

usage: ynl-gen.py YNL_DIR SCHEMA_DIR ynl-gen-c arguments...

YNL_DIR is tools/net/ynl and SCHEMA_DIR Documentation/netlink of a kernel
source tree (scripts/regen.sh extracts both from linux-source-6.12).

The family is genetlink-legacy with per-op policies because 6.1 has no
split ops. The shim keeps the generator to what vnet takes from it, the
uapi header and the attribute policies:
- the schemas are read from SCHEMA_DIR, not from next to the spec;
- no ops table, no handler prototypes and no multicast group table: the
  module keeps its own (they need .start, .done and the handlers' own
  names, which a per-op table of 6.1 cannot spell);
- the header declares the policy of a dump-only command too, which the
  generator declares for commands with a do only;
- a command with a do and a dump gets one policy, the do's: 6.1 has one
  per command, and validates the dump's request with it;
- the range tables are not const: 6.1's struct nla_policy points at a
  struct netlink_range_validation that is not (6.2 made it const).
"""
import importlib.util
import os
import sys

ynl_dir, schema_dir = sys.argv[1], sys.argv[2]
gen_path = os.path.join(ynl_dir, 'ynl-gen-c.py')
sys.argv = [gen_path] + sys.argv[3:]
sys.path.insert(0, ynl_dir)

spec = importlib.util.spec_from_file_location('ynl_gen_c', gen_path)
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)

from lib import nlspec  # noqa: E402 (the generator's own library)

family_init = nlspec.SpecFamily.__init__


def init_with_schema(self, spec_path, schema_path=None, exclude_ops=None):
    if schema_path is None:
        with open(spec_path) as f:
            proto = gen.yaml.safe_load(f).get('protocol', 'genetlink')
        schema_path = os.path.join(schema_dir, proto + '.yaml')
    family_init(self, spec_path, schema_path, exclude_ops)
    # 6.1 validates a command's dump with the policy of its do: one policy
    # per command, the do's (a superset of what the dump takes).
    for op in self.msgs.values():
        if getattr(op, 'dual_policy', False):
            op.dual_policy = False
            del op.yaml['dump']['request']


def dump_only_policies_fwd(family, cw):
    for _, op in family.ops.items():
        if 'do' in op or 'dump' not in op or 'request' not in op['dump']:
            continue
        ri = gen.RenderInfo(cw, family, 'kernel', op, 'dump')
        gen.print_req_policy_fwd(cw, ri.struct['request'], ri=ri)
        cw.nl()


print_ranges = gen.print_kernel_policy_ranges


def ranges_for_6_1(family, cw):
    block_start = cw.block_start

    def start(line=''):
        block_start(line=line.replace('static const struct netlink_range_',
                                      'static struct netlink_range_'))

    cw.block_start = start
    try:
        print_ranges(family, cw)
    finally:
        del cw.block_start


def nothing(family, cw):
    pass


# The generator's functions the shim replaces: a generator whose names
# changed would otherwise write what the shim means to leave out.
replaced = {
    'print_kernel_op_table_hdr': dump_only_policies_fwd,
    'print_kernel_op_table': nothing,
    'print_kernel_policy_ranges': ranges_for_6_1,
    'print_kernel_mcgrp_hdr': nothing,
    'print_kernel_mcgrp_src': nothing,
}
for name, func in replaced.items():
    if not callable(getattr(gen, name, None)):
        sys.exit(f'ynl-gen: the generator has no {name}(): the shim needs updating')
    setattr(gen, name, func)
nlspec.SpecFamily.__init__ = init_with_schema
gen.main()
