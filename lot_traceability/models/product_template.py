# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import labels


class ProductTemplate(models.Model):
    _name = 'product.template'
    _inherit = ['product.template', 'lot.sequence.mixin']

    lot_label_symbology = fields.Selection(
        labels.SYMBOLOGIES, string='Lot Label Barcode',
        help='The barcode on this product\'s lot labels. Empty: the one of the operation '
             'type that made the lot (GS1-128 when none).')

    expiry_from_components = fields.Selection(
        [('none', 'No'), ('earliest', 'Earliest component expiry')],
        string='Expiry From Components', required=True, default='none',
        help='Earliest component expiry: a lot made of this product expires no later than '
             'the component lots it was made from (batch derivation); otherwise its dates '
             'are the product\'s times from the production date.')

    @api.multi
    def _lot_sequence(self, company):
        """The sequence naming this product's new lots: the product's own,
        else its category's (nearest first), else COMPANY's default.
        Archived or deleted sequences, and sequences that stopped being lot
        sequences of COMPANY (code, company), are skipped."""
        self.ensure_one()
        template = self.sudo()
        candidates = [template.lot_sequence_id]
        category = template.categ_id
        while category:
            candidates.append(category.lot_sequence_id)
            category = category.parent_id
        candidates.append(company.sudo().lot_sequence_id)
        for sequence in candidates:
            # re-checked at use: a sequence may have changed since it was set
            if sequence and sequence._lot_sequence_usable(company):
                return sequence
        raise UserError(_(
            'No lot sequence is available for the product "%s": set one on the product, '
            'its category or the company (Inventory > Configuration > Lot Sequences).'
        ) % self.display_name)
