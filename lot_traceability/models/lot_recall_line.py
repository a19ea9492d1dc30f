# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One stored trace row of a recall: kept as found, names copied, so a closed
recall still shows what was known then."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..tools.actions import open_record_action


class LotRecallRowMixin(models.AbstractModel):
    """A row a recall keeps (result line, customer, mass balance line): it goes
    with its recall; its quantities are in one unit. Its company is the one
    the row is about (the move's, the delivering company's, the lot's), not
    the recall's: a user sees the rows of the companies they work for."""
    _name = 'lot.recall.row.mixin'
    _description = 'Row of a recall'

    recall_id = fields.Many2one('lot.recall', string='Recall', required=True,
                                ondelete='cascade', index=True)
    company_id = fields.Many2one('res.company', string='Company', readonly=True, index=True)
    uom_name = fields.Char('Unit')

    @api.model
    def create(self, vals):
        # a row created one at a time (not by the trace): the recall's company
        recall = self.env['lot.recall'].browse(vals.get('recall_id') or [])
        if recall and recall.state == 'closed' and not self.env.user._lot_is_system():
            raise AccessError(_('The rows of a closed recall are what was known when it was '
                                'closed: no row is added to them.'))
        if not vals.get('company_id') and recall:
            vals = dict(vals, company_id=recall.company_id.id)
        return super(LotRecallRowMixin, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_recall_not_closed()
        return super(LotRecallRowMixin, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_recall_not_closed()
        return super(LotRecallRowMixin, self).unlink()

    def _check_recall_not_closed(self):
        """The rows of a closed recall are what was known at its close:
        nobody below Settings changes or deletes them."""
        if not self.ids or self.env.user._lot_is_system():
            return
        self.env.cr.execute('SELECT 1 FROM "%s" t JOIN lot_recall r ON r.id = t.recall_id '
                            'WHERE t.id = ANY(%%s) AND r.state = %%s LIMIT 1' % self._table,
                            (list(self.ids), 'closed'))
        if self.env.cr.fetchone():
            raise AccessError(_('The rows of a closed recall are what was known when it was '
                                'closed: they cannot be changed or deleted.'))


class LotRecallLotMixin(models.AbstractModel):
    """The lot of a recall row, its number and product description copied."""
    _name = 'lot.recall.lot.mixin'
    _description = 'Lot of a recall row'

    lot_id = fields.Many2one('stock.production.lot', string='Lot', index=True)
    lot_name = fields.Char('Lot number')
    product_id = fields.Many2one('product.product', string='Product')
    product_name = fields.Char('Product description')


class LotTraceStepMixin(models.AbstractModel):
    """A step of a trace kept as a line (recall result, root cause): how much,
    where and by whom, and the document it stands on."""
    _name = 'lot.trace.step.mixin'
    _description = 'Trace step'

    # units differ from line to line: never summed over a group
    qty = fields.Float('Quantity', digits=(16, 3), group_operator=None)
    workcenter = fields.Char('Workcenter')
    operator = fields.Char('Operator')
    reference = fields.Char('Document')
    res_model = fields.Char('Document model')
    res_id = fields.Integer('Document ID')

    @api.multi
    def action_open_document(self):
        self.ensure_one()
        if not self.res_model or not self.res_id or self.res_model not in self.env:
            return False
        return open_record_action(self.env[self.res_model].browse(self.res_id),
                                  self.reference or _('Document'))


class LotRecallLine(models.Model):
    _name = 'lot.recall.line'
    _inherit = ['lot.recall.row.mixin', 'lot.recall.lot.mixin', 'lot.trace.step.mixin']
    _description = 'Recall result line'
    _order = 'recall_id, direction desc, level, date, id'
    # written by lot.recall._store_results (tools/bulk_sql.py): a recall of
    # thousands of lines must not pay one ORM create per line
    _STORED = ('direction', 'kind', 'level', 'lot_id', 'lot_name', 'origin_lot_id', 'product_id',
               'product_name', 'qty', 'uom_name', 'date', 'partner_id', 'partner_name',
               'location_id', 'location_name', 'reference', 'res_model', 'res_id', 'workcenter',
               'operator', 'company_id', 'customer_id')
    # the rows of goods sent to or returned by a customer (tools/trace_sql.py:
    # delivery = move kinds delivery and dropship, return = customer_return of
    # tools/move_kind_sql.py); only they name a customer
    CUSTOMER_KINDS = ('delivery', 'return')

    direction = fields.Selection([('downstream', 'Forward'), ('upstream', 'Backward')],
                                 string='Direction', required=True, default='downstream')
    kind = fields.Selection([
        ('production', 'Production'), ('delivery', 'Delivery'), ('return', 'Customer return'),
        ('scrap', 'Scrap'), ('stock', 'In stock'), ('receipt', 'Receipt'), ('other', 'Other'),
    ], string='Event', required=True)
    level = fields.Integer('Level', help='1 = one step from the start lots.',
                           group_operator=None)
    origin_lot_id = fields.Many2one('stock.production.lot', string='Reached from lot')
    date = fields.Datetime('Date')
    partner_id = fields.Many2one('res.partner', string='Partner')
    partner_name = fields.Char('Partner name')
    customer_id = fields.Many2one(
        'res.partner', string='Customer', index=True,
        help='The customer of a delivery or a customer return (empty on the other rows: '
             'a vendor is no customer).')
    location_id = fields.Many2one('stock.location', string='Location')
    location_name = fields.Char('Location name')
