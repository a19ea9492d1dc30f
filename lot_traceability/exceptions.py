# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""User errors the web client shows with a plain title
(static/src/js/lot_refusals.js) instead of Odoo 11's "Odoo Server Error":
the refusals of the lot rules and other plain warnings. RPC clients see them
as any UserError (the transaction is rolled back)."""
from odoo.exceptions import UserError


class LotRefused(UserError):
    """A lot that may not be used here: expired, quarantined, too short a
    shelf life, not a lot of the product, not enough free stock."""


class LotReasonRequired(UserError):
    """A lot replacing the planned one without a reason."""


class PlainUserError(UserError):
    """A user error shown as a plain warning under its own TITLE."""

    def __init__(self, msg, title=''):
        super(PlainUserError, self).__init__(msg)
        # (message, title): what the web client's handler reads
        self.args = (msg, title)
