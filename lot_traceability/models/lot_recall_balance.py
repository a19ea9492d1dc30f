# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One affected lot of a recall with its mass balance and reconciliation
(tools/mass_balance.py), kept as computed: a closed recall still shows what
was accounted for then. In the company of its lot."""
from odoo import _, api, fields, models

from ..tools.actions import open_record_action

QTY = (16, 3)


class LotRecallBalance(models.Model):
    _name = 'lot.recall.balance'
    _inherit = ['lot.recall.row.mixin', 'lot.recall.lot.mixin']
    _description = 'Recall mass balance of an affected lot'
    _order = 'recall_id, reconciled, abs_unexplained desc, lot_name, id'
    # figures written by lot.recall._store_results (tools/bulk_sql.py: a
    # recall of hundreds of lots must not pay one ORM create per lot)
    _STORED = ('lot_id', 'company_id', 'lot_name', 'product_id', 'product_name', 'uom_name',
               'made_or_received', 'on_hand', 'at_customers', 'consumed_traced', 'scrapped',
               'returned_to_vendor', 'accounted', 'unexplained', 'abs_unexplained', 'pct',
               'reconciled', 'received', 'produced', 'returned', 'adjusted_in', 'consumed',
               'delivered', 'adjusted_out', 'balance_unexplained')

    made_or_received = fields.Float('Made or received', digits=QTY)
    on_hand = fields.Float('On hand', digits=QTY)
    at_customers = fields.Float('At identified customers', digits=QTY)
    consumed_traced = fields.Float('Consumed into traced lots', digits=QTY)
    scrapped = fields.Float('Scrapped', digits=QTY)
    returned_to_vendor = fields.Float('Returned to vendor', digits=QTY)
    accounted = fields.Float('Accounted for', digits=QTY)
    unexplained = fields.Float('Unexplained', digits=QTY,
                               help='Made or received minus accounted for; negative when more '
                                    'is accounted for than was made or received.')
    abs_unexplained = fields.Float('Unexplained (absolute)', digits=QTY)
    pct = fields.Float('Reconciled (%)', digits=(16, 2))
    reconciled = fields.Boolean('Reconciled')
    # the lot's mass balance buckets as computed
    received = fields.Float('Received', digits=QTY)
    produced = fields.Float('Produced', digits=QTY)
    returned = fields.Float('Customer returns', digits=QTY)
    adjusted_in = fields.Float('Inventory gains', digits=QTY)
    consumed = fields.Float('Consumed', digits=QTY)
    delivered = fields.Float('Delivered', digits=QTY)
    adjusted_out = fields.Float('Inventory losses', digits=QTY)
    balance_unexplained = fields.Float('Mass balance unexplained', digits=QTY)

    @api.multi
    def _sheet_row(self):
        """This line as a row of the XLSX Mass balance sheet."""
        self.ensure_one()
        row = {key: self[key] for key in (
            'lot_name', 'product_name', 'made_or_received', 'on_hand', 'at_customers',
            'consumed_traced', 'scrapped', 'returned_to_vendor', 'accounted', 'unexplained',
            'pct', 'received', 'produced', 'returned', 'adjusted_in', 'consumed', 'delivered',
            'adjusted_out', 'balance_unexplained')}
        row.update(uom=self.uom_name or '', reconciled=self.reconciled, lot_id=self.lot_id.id)
        return row

    @api.multi
    def action_open_lot(self):
        self.ensure_one()
        return open_record_action(self.lot_id, self.lot_name or _('Lot'))
