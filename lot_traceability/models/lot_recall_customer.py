# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer to contact in a recall, with the contact data and lots as they
were when the trace was computed; mails sent to them are kept on it.
Written by the recall's trace only (as superuser): users read it."""
from odoo import fields, models


class LotRecallCustomer(models.Model):
    _name = 'lot.recall.customer'
    _description = 'Recall customer to contact'
    _inherit = ['mail.thread', 'lot.recall.row.mixin']
    _order = 'recall_id, name'
    _mail_post_access = 'read'  # evidence: read-only for users, who still log mails on it
    # written by lot.recall._store_results (tools/bulk_sql.py): thousands of
    # customers at once, without a creation message and follower each
    _STORED = ('partner_id', 'name', 'address', 'phone', 'mobile', 'email', 'lot_names',
               'references', 'lot_details', 'delivered_qty', 'returned_qty', 'qty', 'uom_name',
               'last_date')

    partner_id = fields.Many2one('res.partner', string='Customer', required=True)
    name = fields.Char('Name', required=True)
    address = fields.Text('Address')
    phone = fields.Char('Phone')
    mobile = fields.Char('Mobile')
    email = fields.Char('Email')
    lot_names = fields.Char('Lots received')
    references = fields.Char('Deliveries')
    lot_details = fields.Text('Per lot', help='Delivered, returned and net quantity per lot.')
    delivered_qty = fields.Float('Delivered', digits=(16, 3), group_operator=None)
    returned_qty = fields.Float('Returned', digits=(16, 3), group_operator=None)
    qty = fields.Float('Net (kept)', digits=(16, 3), group_operator=None,
                       help='Delivered minus returned: what the customer may still have.')
    last_date = fields.Datetime('Last delivery')
    # a re-trace keeps the customers with messages logged on them (lot.recall._store_customers)
    dropped = fields.Boolean(
        'No longer found', readonly=True,
        help='Kept for the messages logged on it (a notice sent, a call noted): the latest '
             'trace of the recall no longer finds this customer.')
