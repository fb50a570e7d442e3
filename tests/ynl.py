#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The kernel's generic YNL client, tools/net/ynl/cli.py, as the tests run it.

    ynl.py [cli.py's options]...
    ynl.py --serve DIR PID

with --spec Documentation/netlink/specs/vnet.yaml --no-schema --output-json
unless the options give a spec.

Runs cli.py from $VNET_YNL (scripts/regen.sh --ynl extracts it from
linux-source-6.12) unchanged, with two differences:

- the spec is read with libyaml's loader (yaml.CSafeLoader) instead of
  the pure Python one: in the guest a call takes 2.5 s instead of 5;
- a refusal's first line reads "error -ERRNO: EXTACK MESSAGE" (the
  errno's text where the kernel sent no message), as vnetctl's do, before
  cli.py's own dump of the error message.

With --serve it answers requests for the tests' ynl() (tests/lib.sh)
until process PID ends: in the guest a client starting anew costs 2.5 s a
request, most of it Python's start and imports. A request is the client's
arguments, each ended by a NUL, written to the FIFO DIR/in and closed;
the answer is cli.py's output in DIR/stdout and DIR/stderr, then its exit
status on a line of the FIFO DIR/out. Each request has a family of its own
(a module reloaded registers it anew), from the spec read once.
"""
import contextlib
import copy
import io
import os
import runpy
import sys
import threading
import time
import traceback

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


def _argv(args):
    """cli.py's command line for the options @args."""
    if '--spec' not in args:
        spec = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                            'Documentation', 'netlink', 'specs', 'vnet.yaml')
        args = ['--spec', spec, '--no-schema', '--output-json'] + args
    return [cli] + args


def _watch(pid):
    """End the server when the test that started it has ended."""
    while True:
        time.sleep(1)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)


def _answer(main, args):
    """Run cli.py's main() on @args: its exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    rc = 0
    # YNL keeps the families' ids a process: a module reloaded has others.
    sys.modules['lib.ynl'].genl_family_name_to_id = None
    sys.argv = _argv(args)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main()
        except SystemExit as e:
            if isinstance(e.code, str):
                print(e.code, file=sys.stderr)
                rc = 1
            else:
                rc = e.code or 0
        except Exception:  # noqa: BLE001  (as the interpreter would)
            traceback.print_exc()
            rc = 1
    return rc, out.getvalue(), err.getvalue()


def serve(fifo_dir, pid):
    loaded = {}
    load = yaml.safe_load  # libyaml's, above

    def safe_load(stream):
        name = getattr(stream, 'name', None)
        if name not in loaded:
            loaded[name] = load(stream)
        return copy.deepcopy(loaded[name])

    yaml.safe_load = safe_load
    threading.Thread(target=_watch, args=(pid,), daemon=True).start()
    main = runpy.run_path(cli, run_name='ynl_cli')['main']
    open(os.path.join(fifo_dir, 'ready'), 'w').close()
    while True:
        with open(os.path.join(fifo_dir, 'in'), 'rb') as f:
            data = f.read()
        args = [a.decode() for a in data.split(b'\0')[:-1]]
        rc, out, err = _answer(main, args)
        for name, text in (('stdout', out), ('stderr', err)):
            with open(os.path.join(fifo_dir, name), 'w') as f:
                f.write(text)
        with open(os.path.join(fifo_dir, 'out'), 'w') as f:
            f.write('%d\n' % rc)


if len(sys.argv) == 4 and sys.argv[1] == '--serve':
    serve(sys.argv[2], int(sys.argv[3]))
else:
    sys.argv = _argv(sys.argv[1:])
    runpy.run_path(cli, run_name='__main__')
