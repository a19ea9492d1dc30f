# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import labels, lot_rules

# a product's own choice about quality release, else its category's
RELEASE_CHOICES = [('yes', 'Required'), ('no', 'Not required')]


class ProductTemplate(models.Model):
    _name = 'product.template'
    _inherit = ['product.template', 'lot.sequence.mixin']

    lot_label_symbology = fields.Selection(
        labels.SYMBOLOGIES, string='Lot Label Barcode',
        help='The barcode on this product\'s lot labels. Empty: the one of the operation '
             'type that made the lot (GS1-128 when none).')
    lot_release_on_receipt = fields.Selection(
        RELEASE_CHOICES, string='Release Lots on Receipt',
        help='Received lots wait for a Quality Manager\'s release before they can be used. '
             'Empty: as the product category says.')
    lot_release_after_production = fields.Selection(
        RELEASE_CHOICES, string='Release Lots after Production',
        help='Lots made by manufacturing orders wait for a Quality Manager\'s release '
             'before they can be used. Empty: as the product category says.')
    lot_release_certificate = fields.Boolean(
        string='Certificate of Analysis Required',
        help='Releasing a lot of this product needs a certificate of analysis attached to '
             'the lot (e.g. the supplier\'s PDF).')

    receipt_min_shelf_life_days = fields.Integer(
        string='Min. Shelf Life at Receipt (days)',
        help='A received lot must have at least this many days left before its end of life; '
             'a shorter one is shown at the scan and stopped at validation (see the '
             'Inventory settings). 0: no minimum. A vendor may ask for its own (vendor '
             'pricelist).')
    receipt_min_shelf_life_pct = fields.Float(
        string='Min. Shelf Life at Receipt (%)',
        help='The same minimum as a percentage of the product\'s total life (Product Life '
             'Time); the larger of both applies.')

    @api.constrains('receipt_min_shelf_life_days', 'receipt_min_shelf_life_pct')
    def _check_receipt_min_shelf_life(self):
        for template in self:
            if not 0 <= template.receipt_min_shelf_life_days <= lot_rules.MAX_SHELF_LIFE_DAYS \
                    or not 0 <= template.receipt_min_shelf_life_pct <= 100:
                raise ValidationError(_(
                    'The minimum shelf life at receipt of %s must be from 0 to %s days and '
                    'from 0 to 100 %%.') % (template.display_name,
                                            lot_rules.MAX_SHELF_LIFE_DAYS))

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
        sequence = self.env['ir.sequence']._lot_sequence_first_usable(candidates, company)
        if sequence:
            return sequence
        raise UserError(_(
            'No lot sequence is available for the product "%s": set one on the product, '
            'its category or the company (Inventory > Configuration > Lot Sequences).'
        ) % self.display_name)
