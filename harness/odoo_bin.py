# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``odoo-bin`` for Python 3.11: ``python -m harness.odoo_bin <odoo args>``.

Applies :mod:`harness.compat` before Odoo is imported, then hands the command
line to Odoo's own CLI (server by default, or ``shell``, ``scaffold``…).

The file is named so that it never shadows the ``odoo`` package: in
multi-process mode Odoo starts its longpolling process by running
``sys.argv[0]`` (this file) as a script, which puts ``harness/`` first on
``sys.path``; a ``harness/odoo.py`` would then be imported as ``odoo``.  Run as
a script, the launcher also takes ``harness/`` off ``sys.path`` (its modules
``db``, ``pg``, ``settings``… are only meant as ``harness.*``) and puts the
repository there instead, so ``harness`` itself stays importable.
"""
import os
import sys

if __name__ == '__main__' and __package__ in (None, ''):
    _here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != _here]
    sys.path.insert(0, os.path.dirname(_here))

from harness import compat  # noqa: F401,E402  isort:skip (must come before odoo)


def main():
    import odoo
    odoo.cli.main()


if __name__ == '__main__':
    sys.exit(main())
