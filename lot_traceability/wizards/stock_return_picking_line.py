# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class StockReturnPickingLine(models.TransientModel):
    _inherit = 'stock.return.picking.line'

    delivered_lot_ids = fields.Many2many(
        'stock.production.lot', string='Delivered Lots',
        compute='_compute_delivered_lot_ids')
    lot_id = fields.Many2one(
        'stock.production.lot', string='Returned Lot',
        domain="[('id', 'in', delivered_lot_ids and delivered_lot_ids[0][2] or [])]",
        help='Which of the delivered lots comes back. Left empty when the '
             'delivery held one lot: that lot is used.')

    @api.depends('move_id')
    def _compute_delivered_lot_ids(self):
        for line in self:
            line.delivered_lot_ids = line.move_id.move_line_ids.filtered(
                lambda ml: ml.state == 'done').mapped('lot_id')
