# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from .ir_sequence import LOT_SEQUENCE_DOMAIN


class ResCompany(models.Model):
    _inherit = 'res.company'

    lot_sequence_id = fields.Many2one(
        'ir.sequence', string='Default Lot Sequence', ondelete='set null',
        domain=LOT_SEQUENCE_DOMAIN,
        help='Numbers new lots of products whose product and category set no sequence.')
    lot_label_columns = fields.Integer(
        string='Lot Labels per Row', default=2,
        help='How many lot labels the label report puts side by side.')
    lot_label_rows = fields.Integer(
        string='Lot Label Rows per Page', default=5,
        help='How many rows of lot labels the label report puts on one page.')
    lot_label_paperformat_id = fields.Many2one(
        'report.paperformat', string='Lot Label Paper',
        default=lambda self: self.env.ref('lot_traceability.paperformat_lot_label_100x50',
                                          raise_if_not_found=False),
        help='The paper the lot labels print on: a 100 x 50 mm (the default) or 4 x 6 in '
             'thermal label (one label a page) or an A4 sheet of labels (rows and columns below).')

    lot_receipt_shelf_life_policy = fields.Selection(
        [('accept', 'A Quality Manager accepts it with a reason'),
         ('reject', 'The lot is rejected')],
        string='Short Shelf Life at Receipt', required=True, default='accept',
        help='What happens when a receipt brings a lot with less shelf life left than its '
             'product (or vendor) asks for: validation waits for a Quality Manager\'s '
             'acceptance with a reason, or the lot is received as rejected (to return).')

    @api.constrains('lot_sequence_id')
    def _check_lot_sequence_id(self):
        for company in self:
            sequence = company.sudo().lot_sequence_id
            if sequence:
                sequence._lot_sequence_check(company)

    @api.model
    def create(self, vals):
        company = super(ResCompany, self).create(vals)
        if not company.lot_sequence_id:
            company.lot_sequence_id = self.env['ir.sequence'].sudo().create(
                company._default_lot_sequence_vals())
        return company

    def _lot_label_paperformat(self):
        """The paper lot labels print on: the company's choice, else 100 x 50 mm."""
        return self.lot_label_paperformat_id or self.env.ref(
            'lot_traceability.paperformat_lot_label_100x50')

    def _default_lot_sequence_vals(self):
        self.ensure_one()
        return {
            'name': _('Lots (%s)') % self.name,
            'prefix': 'LOT/%(year)s/',
            'padding': 6,
            'implementation': 'standard',
            'lot_sequence': True,
            'company_id': self.id,
        }
