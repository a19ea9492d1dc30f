# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductProduct(models.Model):
    _inherit = 'product.product'

    def _tracks_expiry(self):
        """True when the product's lots carry expiry: a life/use/removal
        time on the product, or at least one of its lots with such a date.
        These products are reserved FEFO by default, the others FIFO."""
        self.ensure_one()
        if self.tracking == 'none':
            return False
        if self.life_time or self.use_time or self.removal_time:
            return True
        self.env.cr.execute("""
            SELECT 1 FROM stock_production_lot
            WHERE product_id = %s
              AND (life_date IS NOT NULL OR use_date IS NOT NULL OR removal_date IS NOT NULL)
            LIMIT 1""", [self.id])
        return bool(self.env.cr.fetchone())
