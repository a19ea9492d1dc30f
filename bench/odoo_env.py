# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo in this process, on a benchmark database (no server)."""
from contextlib import contextmanager

from harness import compat  # noqa: F401  isort:skip (before odoo)
import odoo

from harness import settings

_LOADED = []


def load_config():
    if not _LOADED:      # Odoo parses its command line once per process
        odoo.tools.config.parse_config(['-c', settings.write_odoo_conf(), '--log-level=warn'])
        _LOADED.append(True)


@contextmanager
def environment(dbname, uid=odoo.SUPERUSER_ID, commit=True):
    """An Odoo environment on DBNAME; commits at the end when COMMIT."""
    load_config()
    registry = odoo.registry(dbname)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, uid, {})
        try:
            yield env
        finally:
            if not commit:
                cr.rollback()
