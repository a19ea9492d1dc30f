# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class StockMoveLine(models.Model):
    _inherit = 'stock.move.line'

    # shown in the lot's "Customers" list and the sale order's delivered lots
    picking_partner_id = fields.Many2one(
        'res.partner', string='Partner', related='picking_id.partner_id', readonly=True)
    sale_order_id = fields.Many2one(
        'sale.order', string='Sale Order', related='move_id.sale_line_id.order_id',
        readonly=True)
    customer_direction = fields.Selection(
        [('delivery', 'Delivered'), ('return', 'Returned')], string='Direction',
        compute='_compute_customer_direction')

    def _compute_customer_direction(self):
        for line in self:
            if line.location_dest_id.usage == 'customer':
                line.customer_direction = 'delivery'
            elif line.location_id.usage == 'customer':
                line.customer_direction = 'return'
            else:
                line.customer_direction = False

    def _customer_lot_domain(self):
        """Done move lines carrying a lot to or from a customer."""
        return [('state', '=', 'done'), ('lot_id', '!=', False),
                '|', ('location_dest_id.usage', '=', 'customer'),
                ('location_id.usage', '=', 'customer')]
