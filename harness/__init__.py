# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Runs Odoo 11.0 on this machine's Python 3.11 for lot_traceability.

Not part of the addon: a compatibility layer (:mod:`harness.compat`), a
PostgreSQL cluster in the repo's ignored ``.state/`` folder
(:mod:`harness.pg`), database creation (:mod:`harness.db`), a launcher
equivalent to ``odoo-bin`` (:mod:`harness.odoo_bin`) and the two entry points
behind ``make run`` and ``make test``.
"""
