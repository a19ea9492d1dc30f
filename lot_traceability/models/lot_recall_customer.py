# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer to contact in a recall, with the contact data and lots as they
were when the trace was computed; mails sent to them are kept on it."""
from odoo import fields, models


class LotRecallCustomer(models.Model):
    _name = 'lot.recall.customer'
    _description = 'Recall customer to contact'
    _inherit = ['mail.thread']
    _order = 'recall_id, name'

    recall_id = fields.Many2one('lot.recall', string='Recall', required=True,
                                ondelete='cascade', index=True)
    company_id = fields.Many2one(related='recall_id.company_id', store=True, readonly=True)
    partner_id = fields.Many2one('res.partner', string='Customer', required=True)
    name = fields.Char('Name', required=True)
    address = fields.Text('Address')
    phone = fields.Char('Phone')
    mobile = fields.Char('Mobile')
    email = fields.Char('Email')
    lot_names = fields.Char('Lots received')
    references = fields.Char('Deliveries')
    qty = fields.Float('Quantity received', digits=(16, 3))
    last_date = fields.Datetime('Last delivery')
