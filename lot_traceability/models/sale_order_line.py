# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = 'sale.order.line'

    lot_move_line_ids = fields.Many2many(
        'stock.move.line', string='Lot Movements', compute='_compute_lot_ids',
        help='Done deliveries and returns of this line, one row per lot.')
    lot_ids = fields.Many2many(
        'stock.production.lot', string='Delivered Lots', compute='_compute_lot_ids')

    @api.depends('move_ids.move_line_ids.lot_id', 'move_ids.move_line_ids.state')
    def _compute_lot_ids(self):
        for line in self:
            move_lines = line.move_ids.mapped('move_line_ids').filtered(
                lambda ml: ml.state == 'done' and ml.lot_id)
            line.lot_move_line_ids = move_lines
            line.lot_ids = move_lines.filtered(
                lambda ml: ml.location_dest_id.usage == 'customer').mapped('lot_id')
