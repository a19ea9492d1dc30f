# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .ir_sequence import LOT_SEQUENCE_DOMAIN


class LotSequenceMixin(models.AbstractModel):
    """The ``lot_sequence_id`` field that products and categories share:
    only Inventory managers may change it."""
    _name = 'lot.sequence.mixin'
    _description = 'Lot sequence setting (product, category)'

    lot_sequence_id = fields.Many2one(
        'ir.sequence', string='Lot Sequence', ondelete='set null',
        domain=LOT_SEQUENCE_DOMAIN,
        help='Numbers the lots created automatically on receipts and manufacturing. '
             'Empty: the category\'s sequence, else the company default.')

    @api.constrains('lot_sequence_id')
    def _check_lot_sequence_id(self):
        for record in self:
            sequence = record.sudo().lot_sequence_id
            if not sequence:
                continue
            company = 'company_id' in record._fields and record.sudo().company_id
            sequence._lot_sequence_check(company or None)

    @api.model
    def create(self, vals):
        self._check_lot_sequence_rights(vals)
        return super(LotSequenceMixin, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_lot_sequence_rights(vals)
        return super(LotSequenceMixin, self).write(vals)

    @api.model
    def _check_lot_sequence_rights(self, vals):
        if 'lot_sequence_id' not in vals:
            return
        if self.env.user._lot_is_stock_manager():
            return
        raise AccessError(_('Only Inventory managers may change the lot sequence.'))
