# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..tools import lot_rules


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

    def _lot_release_required(self, when):
        """True when the lots of this product need a quality release WHEN
        ('receipt' or 'production'): the product's own choice, else its
        category's."""
        self.ensure_one()
        field = 'lot_release_on_receipt' if when == 'receipt' else \
            'lot_release_after_production'
        template = self.sudo().product_tmpl_id
        if template[field]:
            return template[field] == 'yes'
        return bool(template.categ_id[field])

    def _lot_receipt_cutoff(self, vendor, now):
        """The earliest end of life a lot of this product received from
        VENDOR may have (naive UTC) or None: the vendor's own minimum (vendor
        pricelist) when it sets one, else the product's days or percentage."""
        self.ensure_one()
        template = self.sudo().product_tmpl_id
        days = template.receipt_min_shelf_life_days
        if vendor:
            infos = template.seller_ids.filtered(
                lambda info: info.name.commercial_partner_id == vendor.commercial_partner_id
                and info.receipt_min_shelf_life_days > 0
                and (not info.product_id or info.product_id == self))
            if infos:
                return lot_rules.receipt_shelf_life_cutoff(
                    now, infos[0].receipt_min_shelf_life_days)
        return lot_rules.receipt_shelf_life_cutoff(
            now, days, template.receipt_min_shelf_life_pct, template.life_time)
