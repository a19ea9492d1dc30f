# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Files on a recall or its customers (what was known at each close, files
posted in the chatter) are its record: nobody below Settings edits or
deletes them."""
from odoo import _, api, models
from odoo.exceptions import AccessError

from .lot_recall import EVIDENCE_MODELS


class IrAttachment(models.Model):
    _inherit = 'ir.attachment'

    @api.multi
    def write(self, vals):
        self._check_recall_record()
        return super(IrAttachment, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_recall_record()
        return super(IrAttachment, self).unlink()

    def _check_recall_record(self):
        if not self.ids or self.env.user._lot_is_system():
            return
        self.env.cr.execute('SELECT 1 FROM ir_attachment WHERE id = ANY(%s) AND res_model IN %s '
                            'LIMIT 1', (list(self.ids), EVIDENCE_MODELS))
        if self.env.cr.fetchone():
            raise AccessError(_('The files of a recall are its record: they cannot be changed '
                                'or deleted (only an administrator, Settings, can).'))
