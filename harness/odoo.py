"""``odoo-bin`` for Python 3.11: ``python -m harness.odoo <odoo args>``.

Applies :mod:`harness.compat` before Odoo is imported, then hands the command
line to Odoo's own CLI (server by default, or ``shell``, ``scaffold``…).
"""
import sys

from harness import compat  # noqa: F401  (must come before odoo)


def main():
    import odoo
    odoo.cli.main()


if __name__ == '__main__':
    sys.exit(main())
