# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class LotReleaseDecision(models.Model):
    """One quality decision on a lot (release or rejection): append-only,
    written by the code after the Quality Manager check
    (``stock.production.lot._release_decide``); nobody edits or deletes it."""
    _name = 'lot.release.decision'
    _description = 'Lot Quality Decision'
    _order = 'date desc, id desc'

    lot_id = fields.Many2one('stock.production.lot', string='Lot', required=True,
                             readonly=True, index=True, ondelete='cascade')
    product_id = fields.Many2one('product.product', related='lot_id.product_id',
                                 string='Product', readonly=True, store=True)
    decision = fields.Selection(
        [('release', 'Released'), ('reject', 'Rejected')], string='Decision',
        required=True, readonly=True)
    note = fields.Text(string='Note', required=True, readonly=True)
    certificate_id = fields.Many2one('ir.attachment', string='Certificate of Analysis',
                                     readonly=True, ondelete='restrict')
    date = fields.Datetime(string='Date', required=True, readonly=True,
                           default=fields.Datetime.now)
    user_id = fields.Many2one('res.users', string='Decided By', required=True,
                              readonly=True)
    origin = fields.Selection(
        [('manual', 'Quality Manager'), ('shelf_life', 'Short shelf life at receipt')],
        string='Origin', required=True, readonly=True, default='manual',
        help='Short shelf life at receipt: the receipt brought the lot with less shelf life '
             'left than the product asks for, and the company rejects such lots.')
    vendor_id = fields.Many2one('res.partner', related='lot_id.vendor_id', string='Vendor',
                                readonly=True, store=True)
    company_id = fields.Many2one('res.company', string='Company', readonly=True, index=True)
