# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class StockProductionLot(models.Model):
    _inherit = 'stock.production.lot'

    # Odoo 11 lots carry no company: traces, recalls and lot numbers are
    # per company, so a lot belongs to the company that created it.
    company_id = fields.Many2one(
        'res.company', string='Company', required=True, index=True,
        default=lambda self: self.env['res.company']._company_default_get(
            'stock.production.lot'))

    @api.onchange('product_id')
    def _onchange_product_id_company(self):
        if self.product_id.company_id:
            self.company_id = self.product_id.company_id

    # Recalls and root cause
    recall_ids = fields.Many2many('lot.recall', 'lot_recall_start_lot_rel', 'lot_id', 'recall_id',
                                 string='Recalls', readonly=True)

    @api.multi
    def action_root_cause(self):
        """How this lot was made, from which component lots, and who else is at risk."""
        self.ensure_one()
        return self.env['lot.root.cause'].open_for_lot(self)

    @api.multi
    def action_new_recall(self):
        """Open a new recall case starting from these lots."""
        return {
            'type': 'ir.actions.act_window', 'res_model': 'lot.recall', 'view_mode': 'form',
            'target': 'current', 'name': _('New recall'),
            'context': {'default_lot_ids': [(6, 0, self.ids)]},
        }
