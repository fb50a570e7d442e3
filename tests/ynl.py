#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The kernel's generic YNL client, tools/net/ynl/cli.py, as the tests run it.

    ynl.py [cli.py's options]...

with --spec Documentation/netlink/specs/vnet.yaml --no-schema --output-json
unless the options give a spec.

Runs cli.py from $VNET_YNL (scripts/regen.sh --ynl extracts it from
linux-source-6.12) unchanged, with two differences:

- the spec is read with libyaml's loader (yaml.CSafeLoader) instead of
  the pure Python one: in the guest a call takes 2.5 s instead of 5;
- a refusal's first line reads "error -ERRNO: EXTACK MESSAGE" (the
  errno's text where the kernel sent no message), as vnetctl's do, before
  cli.py's own dump of the error message.
"""
import os
import runpy
import sys

import yaml

ynl = os.environ.get('VNET_YNL', '')
cli = os.path.join(ynl, 'cli.py')
if not os.path.isfile(cli):
    sys.exit('ynl.py: no YNL tools (VNET_YNL from scripts/regen.sh --ynl)')
sys.path.insert(0, ynl)

yaml.safe_load = lambda stream: yaml.load(stream, Loader=yaml.CSafeLoader)

import lib  # noqa: E402  (YNL's, from VNET_YNL)

_cli_text = lib.NlError.__str__


def _one_line(self):
    msg = self.nl_msg.extack.get('msg') if self.nl_msg.extack else None
    return 'error -%d: %s\n%s' % (self.error, msg or os.strerror(self.error),
                                  _cli_text(self))


lib.NlError.__str__ = _one_line
if '--spec' not in sys.argv:
    spec = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                        'Documentation', 'netlink', 'specs', 'vnet.yaml')
    sys.argv[1:1] = ['--spec', spec, '--no-schema', '--output-json']
sys.argv[0] = cli
runpy.run_path(cli, run_name='__main__')
