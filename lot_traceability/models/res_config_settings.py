# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .ir_sequence import LOT_SEQUENCE_DOMAIN


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    lot_sequence_id = fields.Many2one(
        related='company_id.lot_sequence_id', string='Default Lot Sequence',
        domain=LOT_SEQUENCE_DOMAIN)
    lot_label_columns = fields.Integer(related='company_id.lot_label_columns')
    lot_label_rows = fields.Integer(related='company_id.lot_label_rows')
    lot_receipt_shelf_life_policy = fields.Selection(
        related='company_id.lot_receipt_shelf_life_policy')
    # the paper labels really print on: the company's choice, else the default
    lot_label_paperformat_id = fields.Many2one(
        'report.paperformat', string='Lot Label Paper',
        compute='_compute_lot_label_paperformat_id', inverse='_inverse_lot_label_paperformat_id',
        help='The paper the lot labels print on: a 100 x 50 mm (the default) or 4 x 6 in '
             'thermal label (one label a page) or an A4 sheet of labels (rows and columns below).')

    # a label printer prints one label a page: columns and rows are for sheets
    lot_label_paper_format = fields.Selection(
        related='lot_label_paperformat_id.format', string='Lot Label Paper Size',
        readonly=True)

    @api.depends('company_id')
    def _compute_lot_label_paperformat_id(self):
        for settings in self:
            settings.lot_label_paperformat_id = settings.company_id._lot_label_paperformat()

    def _inverse_lot_label_paperformat_id(self):
        for settings in self:
            if settings.company_id.lot_label_paperformat_id != settings.lot_label_paperformat_id:
                settings.company_id.lot_label_paperformat_id = settings.lot_label_paperformat_id
