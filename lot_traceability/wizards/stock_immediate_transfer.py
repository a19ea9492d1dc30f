# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


def with_lot_labels(wizard, result):
    """What validating WIZARD's transfers gives: RESULT (a next wizard), else
    the print of the labels of the lots they made, else RESULT."""
    return result or wizard.pick_ids._lot_label_action() or result


class StockImmediateTransfer(models.TransientModel):
    _inherit = 'stock.immediate.transfer'

    @api.multi
    def process(self):
        return with_lot_labels(self, super(StockImmediateTransfer, self).process())
