# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class LotQuarantineWizard(models.TransientModel):
    """Asks the reason before quarantining or releasing lots."""
    _name = 'lot.quarantine.wizard'
    _description = 'Quarantine or Release Lots'

    lot_ids = fields.Many2many(
        'stock.production.lot', string='Lots', required=True,
        default=lambda self: self.env.context.get('active_model') == 'stock.production.lot'
        and self.env.context.get('active_ids') or False)
    action = fields.Selection(
        [('quarantine', 'Quarantine'), ('release', 'Release')], string='Action',
        required=True,
        default=lambda self: self.env.context.get('lot_quarantine_mode', 'quarantine'))
    reason = fields.Text(string='Reason', required=True)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        if self.action == 'quarantine':
            self.lot_ids.action_quarantine(self.reason)
        else:
            self.lot_ids.action_release(self.reason)
        return {'type': 'ir.actions.act_window_close'}
