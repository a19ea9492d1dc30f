# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .ir_sequence import NOT_LOT_SEQUENCE, OTHER_COMPANY


class LotSequenceMixin(models.AbstractModel):
    """The ``lot_sequence_id`` field that products and categories share:
    only Inventory managers may change it."""
    _name = 'lot.sequence.mixin'
    _description = 'Lot sequence setting (product, category)'

    lot_sequence_id = fields.Many2one(
        'ir.sequence', string='Lot Sequence', ondelete='set null',
        domain=[('lot_sequence', '=', True)],
        help='Numbers the lots created automatically on receipts and manufacturing. '
             'Empty: the category\'s sequence, else the company default.')

    @api.constrains('lot_sequence_id')
    def _check_lot_sequence_id(self):
        for record in self:
            sequence = record.sudo().lot_sequence_id
            if not sequence:
                continue
            company = 'company_id' in record._fields and record.sudo().company_id
            # an archived lot sequence is skipped when lots are named
            refusal = sequence._lot_sequence_refusal(company or None)
            if refusal == NOT_LOT_SEQUENCE:
                raise ValidationError(_(
                    'The sequence "%s" is not a lot sequence: choose one listed under '
                    'Inventory > Configuration > Lot Sequences.') % sequence.name)
            if refusal == OTHER_COMPANY:
                raise ValidationError(_(
                    'The lot sequence "%s" belongs to the company %s, not to %s.') % (
                    sequence.name, sequence.company_id.name, company.name))

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
