# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .stock_immediate_transfer import with_lot_labels


class StockBackorderConfirmation(models.TransientModel):
    _inherit = 'stock.backorder.confirmation'

    @api.multi
    def process(self):
        return with_lot_labels(self, super(StockBackorderConfirmation, self).process())

    @api.multi
    def process_cancel_backorder(self):
        return with_lot_labels(
            self, super(StockBackorderConfirmation, self).process_cancel_backorder())
