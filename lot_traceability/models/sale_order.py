# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    lot_move_line_ids = fields.Many2many(
        'stock.move.line', string='Delivered Lots', compute='_compute_lot_move_line_ids',
        help='Lots delivered (and returned) for this order, with quantities and dates.')
    lot_count = fields.Integer('Lots', compute='_compute_lot_move_line_ids')

    @api.depends('order_line.lot_move_line_ids')
    def _compute_lot_move_line_ids(self):
        for order in self:
            move_lines = order.order_line.mapped('lot_move_line_ids')
            order.lot_move_line_ids = move_lines.sorted(lambda ml: (ml.date, ml.id))
            order.lot_count = len(order.order_line.mapped('lot_ids'))
