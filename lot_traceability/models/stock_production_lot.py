# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


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
