# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A UserError the web client shows as a plain warning under its own title.

Odoo 11 titles every UserError dialog "Odoo Server Error - Warning", which
reads like a crash. ``PlainUserError`` is still a UserError (the transaction
is rolled back, RPC callers get the error), but the web client's crash
registry (static/src/js/lot_recall_actions.js) shows it in a dialog titled
TITLE, with the message as text."""
from odoo.exceptions import UserError


class PlainUserError(UserError):

    def __init__(self, msg, title=''):
        super(PlainUserError, self).__init__(msg)
        # (message, title): what the web client's handler reads
        self.args = (msg, title)
