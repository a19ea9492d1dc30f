# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class StockMoveLine(models.Model):
    _inherit = 'stock.move.line'

    @api.multi
    def action_lot_root_cause(self):
        """Root cause of the lot on this line (e.g. a lot a customer returned)."""
        self.ensure_one()
        if not self.lot_id:
            raise UserError(_('This line has no lot: there is nothing to trace.'))
        return self.lot_id.action_root_cause()
