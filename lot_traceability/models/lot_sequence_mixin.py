# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError


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

    @api.model
    def _check_lot_sequence_rights(self, vals):
        if 'lot_sequence_id' not in vals:
            return
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group('stock.group_stock_manager'):
            return
        raise AccessError(_('Only Inventory managers may change the lot sequence.'))

    @api.model
    def create(self, vals):
        self._check_lot_sequence_rights(vals)
        return super(LotSequenceMixin, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_lot_sequence_rights(vals)
        return super(LotSequenceMixin, self).write(vals)
