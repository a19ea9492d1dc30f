# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Refusals of the lot rules, as user errors the web client shows with a
plain title (static/src/js/lot_errors.js) instead of Odoo 11's "Odoo Server
Error". RPC clients see them as any UserError."""
from odoo.exceptions import UserError


class LotRefused(UserError):
    """A lot that may not be used here: expired, quarantined, too short a
    shelf life, not a lot of the product, not enough free stock."""


class LotReasonRequired(UserError):
    """A lot replacing the planned one without a reason."""
