# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# the only codes a lot sequence may carry: stock's and this addon's lot numbering
LOT_SEQUENCE_CODES = ('stock.lot.serial', 'lot_traceability.lot')


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

    @api.constrains('lot_sequence', 'code')
    def _check_lot_sequence_code(self):
        for seq in self:
            if seq.lot_sequence and not seq._lot_sequence_code_ok():
                raise ValidationError(_(
                    'The lot sequence "%s" carries the code "%s" of another document: a lot '
                    'sequence carries no code, or a lot code (%s).') % (
                    seq.name, seq.code, ', '.join(LOT_SEQUENCE_CODES)))

    @api.multi
    def _lot_sequence_code_ok(self):
        self.ensure_one()
        return not self.code or self.code in LOT_SEQUENCE_CODES

    @api.multi
    def _lot_sequence_usable(self, company):
        """True when this sequence may number lots of COMPANY: an active lot
        sequence, without another document's code, of COMPANY or shared."""
        self.ensure_one()
        return bool(self.active and self.lot_sequence and self._lot_sequence_code_ok() and
                    (not self.company_id or not company or self.company_id == company))
