# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Files on a recall or its customers (what was known at each close, files
posted in the chatter) are its record: nobody below Settings edits or
deletes them."""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .lot_recall import EVIDENCE_MODELS


class IrAttachment(models.Model):
    _inherit = 'ir.attachment'

    @api.model
    def check(self, mode, values=None):
        """Besides Odoo's check: a recall's close record (every company's rows
        and customers' contact data, as known at the close) is read only by a
        user who works for every company it names, or by Settings."""
        result = super(IrAttachment, self).check(mode, values=values)
        if mode == 'read' and self.ids and not self.env.user._lot_is_system():
            self._check_recall_evidence_read()
        return result

    def _check_recall_evidence_read(self):
        cr = self.env.cr
        cr.execute('SELECT res_id FROM ir_attachment WHERE id = ANY(%s) AND res_model = %s '
                   'AND create_uid = %s AND mimetype = %s',
                   (list(self.ids), 'lot.recall', SUPERUSER_ID, 'application/json'))
        recall_ids = [row[0] for row in cr.fetchall()]
        if not recall_ids:
            return
        user = self.env.user
        cr.execute("""SELECT company_id FROM lot_recall WHERE id = ANY(%(ids)s)
                      UNION SELECT company_id FROM lot_recall_line WHERE recall_id = ANY(%(ids)s)
                      UNION SELECT company_id FROM lot_recall_customer
                             WHERE recall_id = ANY(%(ids)s)""", {'ids': recall_ids})
        named = {row[0] for row in cr.fetchall() if row[0]}
        allowed = set(self.env['res.company'].sudo().search(
            [('id', 'child_of', user.company_ids.ids)]).ids)
        if not named <= allowed:
            raise AccessError(_('What a recall knew at its close names companies you do not work '
                                'for: only their users, or an administrator, read it.'))

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
