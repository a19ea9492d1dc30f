# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductCategory(models.Model):
    _name = 'product.category'
    _inherit = ['product.category', 'lot.sequence.mixin']

    lot_release_on_receipt = fields.Boolean(
        string='Release Lots on Receipt',
        help='Received lots of this category\'s products wait for a Quality Manager\'s '
             'release before they can be used (unless the product says otherwise).')
    lot_release_after_production = fields.Boolean(
        string='Release Lots after Production',
        help='Lots of this category\'s products made by manufacturing orders wait for a '
             'Quality Manager\'s release (unless the product says otherwise).')
