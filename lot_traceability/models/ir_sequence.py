# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class IrSequence(models.Model):
    _inherit = 'ir.sequence'

    lot_sequence = fields.Boolean(
        string='Lot Sequence', index=True,
        help='This sequence numbers lots and serial numbers; it is listed under '
             'Inventory > Configuration > Lot Sequences.')
    lot_next_preview = fields.Char(
        string='Next Lot Number', compute='_compute_lot_next_preview',
        help='The name the next lot will get (the number is not consumed).')

    @api.depends('prefix', 'suffix', 'padding', 'number_next_actual', 'implementation')
    def _compute_lot_next_preview(self):
        for seq in self:
            try:
                prefix, suffix = seq._get_prefix_suffix()
            except (UserError, KeyError, TypeError):
                # an invalid prefix or suffix: no preview until it is fixed
                seq.lot_next_preview = False
                continue
            number = '%%0%sd' % (seq.padding or 0) % (seq.number_next_actual or 1)
            seq.lot_next_preview = prefix + number + suffix
