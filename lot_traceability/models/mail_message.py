# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chatter of a recall and of its customers (notices sent, calls noted)
is its record: nobody below Settings edits or deletes those messages."""
from odoo import _, api, models
from odoo.exceptions import AccessError

from .lot_recall import EVIDENCE_MODELS

# what Odoo itself writes on a message as the user posting or reading it
# (who is notified, who starred it): never the record
NOTIFICATION_FIELDS = frozenset(['needaction_partner_ids', 'starred_partner_ids',
                                 'channel_ids'])


class MailMessage(models.Model):
    _inherit = 'mail.message'

    @api.model
    def create(self, values):
        """A message on a recall is posted now, by whoever posts it: no
        backdated message, none in another person's name."""
        # (mail.compose.message inherits these methods: the composer's own
        # records are no message; the message it posts is checked here)
        if self._name == 'mail.message' and values.get('model') in EVIDENCE_MODELS and (
                not self.env.user._lot_is_system()) and (
                values.get('date') or values.get('author_id') not in (
                    None, False, self.env.user.partner_id.id)):
            raise AccessError(_('A message on a recall is posted now and in your own name: '
                                'its date and author cannot be chosen.'))
        return super(MailMessage, self).create(values)

    @api.multi
    def write(self, vals):
        if not NOTIFICATION_FIELDS.issuperset(vals):
            self._check_recall_record()
        return super(MailMessage, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_recall_record()
        return super(MailMessage, self).unlink()

    def _check_recall_record(self):
        if self._name != 'mail.message' or not self.ids or self.env.user._lot_is_system():
            return
        self.env.cr.execute('SELECT 1 FROM mail_message WHERE id = ANY(%s) AND model IN %s '
                            'LIMIT 1', (list(self.ids), EVIDENCE_MODELS))
        if self.env.cr.fetchone():
            raise AccessError(_('The messages of a recall and of its customers are its '
                                'record: they cannot be changed or deleted (only an '
                                'administrator, Settings, can).'))
