# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class StockBackorderConfirmation(models.TransientModel):
    _inherit = 'stock.backorder.confirmation'

    @api.multi
    def process(self):
        result = super(StockBackorderConfirmation, self).process()
        return result or self.pick_ids._lot_label_action() or result

    @api.multi
    def process_cancel_backorder(self):
        result = super(StockBackorderConfirmation, self).process_cancel_backorder()
        return result or self.pick_ids._lot_label_action() or result
