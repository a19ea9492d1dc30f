# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

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
