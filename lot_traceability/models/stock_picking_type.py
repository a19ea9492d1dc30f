# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class StockPickingType(models.Model):
    _inherit = 'stock.picking.type'

    print_lot_labels = fields.Boolean(
        string='Print Lot Labels on Validation',
        help='Validating a receipt, or finishing a manufacturing order, of this type '
             'opens the label PDF of the lots it created.')
