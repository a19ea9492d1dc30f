# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LotRecallReopen(models.TransientModel):
    """Asks why a closed recall is reopened (a recall manager only): the
    reason goes to the recall's chatter with who and when."""
    _name = 'lot.recall.reopen'
    _description = 'Reopen a closed recall'

    recall_id = fields.Many2one('lot.recall', string='Recall', required=True, readonly=True,
                                ondelete='cascade')
    reason = fields.Text('Reason', required=True,
                         help='Why the closed recall is reopened: kept in its history.')

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        if not self.recall_id:
            raise UserError(_('Choose the recall to reopen.'))
        self.recall_id._reopen(self.reason)
        return {'type': 'ir.actions.act_window_close'}
