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

    # --- customers (sales integration) ---------------------------------
    customer_move_line_ids = fields.Many2many(
        'stock.move.line', string='Customer Deliveries and Returns',
        compute='_compute_customer_move_line_ids')
    customer_ids = fields.Many2many(
        'res.partner', string='Customers', compute='_compute_customer_move_line_ids')
    customer_count = fields.Integer(
        'Customers', compute='_compute_customer_move_line_ids')

    @api.multi
    def _compute_customer_move_line_ids(self):
        MoveLine = self.env['stock.move.line']
        lines = MoveLine.search(MoveLine._customer_lot_domain() + [('lot_id', 'in', self.ids)],
                                order='date desc, id desc')
        for lot in self:
            mine = lines.filtered(lambda ml: ml.lot_id == lot)
            lot.customer_move_line_ids = mine
            partners = mine.filtered(
                lambda ml: ml.location_dest_id.usage == 'customer'
            ).mapped('picking_partner_id.commercial_partner_id')
            lot.customer_ids = partners
            lot.customer_count = len(partners)

    @api.multi
    def action_view_customers(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Customers of %s') % self.name,
            'res_model': 'res.partner',
            'view_mode': 'tree,form',
            'domain': [('id', 'in', self.customer_ids.ids)],
        }
