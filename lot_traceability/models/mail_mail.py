# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A recall notice waiting to be sent is sent as it was written: nobody below
Settings changes its content or recipients (Odoo lets employees write
outgoing mails)."""
from odoo import _, api, models
from odoo.exceptions import AccessError

from .lot_recall import EVIDENCE_MODELS

# what sending, retrying or cancelling a mail writes
SENDING_FIELDS = frozenset(['state', 'failure_reason'])


class MailMail(models.Model):
    _inherit = 'mail.mail'

    @api.multi
    def write(self, vals):
        if not SENDING_FIELDS.issuperset(vals) and self.ids \
                and not self.env.user._lot_is_system():
            self.env.cr.execute("""
                SELECT 1 FROM mail_mail mm JOIN mail_message m ON m.id = mm.mail_message_id
                 WHERE mm.id = ANY(%s) AND m.model IN %s LIMIT 1""",
                                (list(self.ids), EVIDENCE_MODELS))
            if self.env.cr.fetchone():
                raise AccessError(_('A recall notice is sent as it was written: its content '
                                    'and recipients cannot be changed.'))
        return super(MailMail, self).write(vals)
