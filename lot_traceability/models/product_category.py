# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductCategory(models.Model):
    _name = 'product.category'
    _inherit = ['product.category', 'lot.sequence.mixin']
