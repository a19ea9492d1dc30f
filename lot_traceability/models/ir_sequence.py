# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# the only codes a lot sequence may carry: stock's and this addon's lot numbering
LOT_SEQUENCE_CODES = ('stock.lot.serial', 'lot_traceability.lot')

# why a sequence may not number lots (ir.sequence._lot_sequence_refusal)
NOT_LOT_SEQUENCE = 'not_lot_sequence'
ARCHIVED = 'archived'
OTHER_COMPANY = 'other_company'

# the sequences a lot sequence field offers (products, categories, companies,
# settings); what may really be set is _lot_sequence_check's
LOT_SEQUENCE_DOMAIN = [('lot_sequence', '=', True)]


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
    def write(self, vals):
        """Users below Settings (Inventory managers) edit lot sequences only:
        one stays a lot sequence, and a lot sequence carries no other
        document's code (``_check_lot_sequence_code``), so it never becomes
        e.g. the sale orders' numbering."""
        if 'lot_sequence' in vals and not vals['lot_sequence'] \
                and not self._lot_may_edit_any_sequence() \
                and any(seq.lot_sequence for seq in self.sudo()):
            raise AccessError(_(
                'Only an administrator may turn a lot sequence into another sequence.'))
        return super(IrSequence, self).write(vals)

    @api.model
    def _lot_may_edit_any_sequence(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group('base.group_system')

    @api.multi
    def _lot_sequence_code_ok(self):
        self.ensure_one()
        return not self.code or self.code in LOT_SEQUENCE_CODES

    @api.multi
    def _lot_sequence_refusal(self, company=None):
        """Why this sequence may not number lots of COMPANY (None: of any
        company), or False when it may: the one rule behind the lot sequence
        fields of products, categories and companies and the choice of the
        sequence when a lot is named. NOT_LOT_SEQUENCE: not marked *Lot
        Sequence* or carrying another document's code; OTHER_COMPANY: the
        sequence belongs to another company than COMPANY; ARCHIVED."""
        self.ensure_one()
        sequence = self.sudo()
        if not sequence.lot_sequence or not sequence._lot_sequence_code_ok():
            return NOT_LOT_SEQUENCE
        if company and sequence.company_id and sequence.company_id != company:
            return OTHER_COMPANY
        if not sequence.active:
            return ARCHIVED
        return False

    @api.multi
    def _lot_sequence_usable(self, company):
        """True when this sequence may number lots of COMPANY: an active lot
        sequence, without another document's code, of COMPANY or shared."""
        return not self._lot_sequence_refusal(company)

    @api.multi
    def _lot_sequence_check(self, company=None):
        """ValidationError when this sequence may not be set as the lot
        sequence of a record of COMPANY (None: of any company): the
        constraint of every lot sequence field. An archived lot sequence may
        be set: it is skipped when lots are named (_lot_sequence_first_usable)."""
        self.ensure_one()
        refusal = self._lot_sequence_refusal(company)
        if refusal == NOT_LOT_SEQUENCE:
            raise ValidationError(_(
                'The sequence "%s" is not a lot sequence: choose one listed under '
                'Inventory > Configuration > Lot Sequences.') % self.sudo().name)
        if refusal == OTHER_COMPANY:
            raise ValidationError(_(
                'The lot sequence "%s" belongs to the company %s, not to %s.') % (
                self.sudo().name, self.sudo().company_id.name, company.name))

    @api.model
    def _lot_sequence_first_usable(self, sequences, company):
        """The first of SEQUENCES (ir.sequence records in order of
        precedence; empty ones are skipped) that may number lots of COMPANY
        now, or an empty recordset: a sequence may have changed since it was
        set (archived, code, company)."""
        for sequence in sequences:
            if sequence and sequence._lot_sequence_usable(company):
                return sequence
        return self.browse()
