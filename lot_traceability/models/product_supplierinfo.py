# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import lot_rules


class ProductSupplierinfo(models.Model):
    _inherit = 'product.supplierinfo'

    receipt_min_shelf_life_days = fields.Integer(
        string='Min. Shelf Life at Receipt (days)',
        help='This vendor\'s lots must arrive with at least this many days left; replaces '
             'the product\'s minimum. 0: the product\'s.')

    @api.constrains('receipt_min_shelf_life_days')
    def _check_receipt_min_shelf_life_days(self):
        for info in self:
            if not 0 <= info.receipt_min_shelf_life_days <= lot_rules.MAX_SHELF_LIFE_DAYS:
                raise ValidationError(_(
                    'The minimum shelf life at receipt must be from 0 to %s days.')
                    % lot_rules.MAX_SHELF_LIFE_DAYS)
