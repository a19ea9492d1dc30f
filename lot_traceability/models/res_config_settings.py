# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    lot_sequence_id = fields.Many2one(
        related='company_id.lot_sequence_id', string='Default Lot Sequence',
        domain=[('lot_sequence', '=', True)])
    lot_label_columns = fields.Integer(related='company_id.lot_label_columns')
    lot_label_rows = fields.Integer(related='company_id.lot_label_rows')
    lot_label_paperformat_id = fields.Many2one(related='company_id.lot_label_paperformat_id')
    lot_receipt_shelf_life_policy = fields.Selection(
        related='company_id.lot_receipt_shelf_life_policy')
