# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from ..tools import labels


class StockPickingType(models.Model):
    _inherit = 'stock.picking.type'

    print_lot_labels = fields.Boolean(
        string='Print Lot Labels on Validation',
        help='Validating a receipt, or finishing a manufacturing order, of this type '
             'opens the label PDF of the lots it created.')
    lot_label_symbology = fields.Selection(
        labels.SYMBOLOGIES, string='Lot Label Barcode', required=True,
        default=labels.DEFAULT_SYMBOLOGY,
        help='The barcode on the labels of the lots this operation type makes: GS1-128 '
             '(linear), GS1 DataMatrix (small, 2D) or a GS1 Digital Link QR code (2D, '
             'also read by phones). A product may choose its own.')
    count_lot_awaiting_release = fields.Integer(
        string='Lots Awaiting Release', compute='_compute_count_lot_awaiting_release',
        help='Lots received by this operation type that wait for a quality release.')

    def _compute_count_lot_awaiting_release(self):
        Lot = self.env['stock.production.lot']
        receipts = self.filtered(lambda picking_type: picking_type.code == 'incoming')
        counts = {}
        if receipts:
            lots = Lot.search([('release_state', '=', 'pending'),
                               ('receipt_picking_id.picking_type_id', 'in', receipts.ids)])
            for lot in lots:
                key = lot.receipt_picking_id.picking_type_id.id
                counts[key] = counts.get(key, 0) + 1
        for picking_type in self:
            picking_type.count_lot_awaiting_release = counts.get(picking_type.id, 0)

    @api.multi
    def action_view_lots_awaiting_release(self):
        """The lots received by this operation type that wait for a quality
        release (read with the caller's rights)."""
        self.ensure_one()
        action = self.env.ref('lot_traceability.lot_awaiting_release_action').read()[0]
        action['domain'] = [('release_state', '=', 'pending'),
                            ('receipt_picking_id.picking_type_id', '=', self.id)]
        action['name'] = _('%s: lots awaiting release') % self.display_name
        return action
