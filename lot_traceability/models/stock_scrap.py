# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class StockScrap(models.Model):
    _inherit = 'stock.scrap'

    @api.multi
    def do_scrap(self):
        result = super(StockScrap, self).do_scrap()
        # scrapping from a manufacturing order changes what it consumed
        self.env['lot.genealogy.edge']._sync_productions(self.mapped('production_id'))
        return result
