# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

from odoo.addons import decimal_precision as dp

from ..tools.actions import open_record_action

TRACE_KINDS = [
    ('production', 'Production'),
    ('delivery', 'Delivery'),
    ('return', 'Return'),
    ('scrap', 'Scrap'),
    ('stock', 'In stock'),
    ('receipt', 'Receipt'),
]


class LotTrace(models.TransientModel):
    """The full trace of lots shown as a list (the lot form's trace buttons)."""
    _name = 'lot.trace'
    _description = 'Lot trace'

    lot_ids = fields.Many2many('stock.production.lot', string='Lots', readonly=True)
    direction = fields.Selection(
        [('downstream', 'Where used (downstream)'), ('upstream', 'Made from (upstream)')],
        string='Direction', required=True, readonly=True)
    line_ids = fields.One2many('lot.trace.line', 'trace_id', string='Trace', readonly=True)
    truncated = fields.Boolean(
        'Depth limit reached', readonly=True,
        help='The genealogy goes deeper than the trace depth limit: lines marked '
             '"Depth limit" have more levels below them.')

    @api.multi
    def name_get(self):
        return [(trace.id, _('Trace of %s') % ', '.join(trace.lot_ids.mapped('name')))
                for trace in self]

    @api.model
    def _open_for(self, lots, direction):
        rows = getattr(lots, 'trace_%s' % direction)()
        trace = self.create({
            'lot_ids': [(6, 0, lots.ids)],
            'direction': direction,
            'truncated': any(row.get('truncated') for row in rows),
            'line_ids': [(0, 0, self.env['lot.trace.line']._values_from_row(row))
                         for row in rows],
        })
        return open_record_action(trace, _('Trace of %s') % ', '.join(lots.mapped('name')))


class LotTraceLine(models.TransientModel):
    _name = 'lot.trace.line'
    _description = 'Lot trace line'
    _order = 'level, kind, date, id'

    trace_id = fields.Many2one('lot.trace', required=True, ondelete='cascade')
    kind = fields.Selection(TRACE_KINDS, string='What', readonly=True)
    level = fields.Integer('Level', readonly=True, group_operator=None)
    lot_id = fields.Many2one('stock.production.lot', string='Lot', readonly=True)
    product_id = fields.Many2one('product.product', string='Product', readonly=True)
    qty = fields.Float('Quantity', digits=dp.get_precision('Product Unit of Measure'),
                       readonly=True, group_operator=None)
    uom = fields.Char('Unit', readonly=True)
    date = fields.Datetime('Date', readonly=True)
    partner_id = fields.Many2one('res.partner', string='Partner', readonly=True)
    reference = fields.Char('Document', readonly=True)
    location_name = fields.Char('Location', readonly=True)
    workcenter = fields.Char('Work centers', readonly=True)
    operator = fields.Char('Operators', readonly=True)
    res_model = fields.Char(readonly=True)
    res_id = fields.Integer(readonly=True)
    truncated = fields.Boolean('Depth limit', readonly=True)

    @api.model
    def _values_from_row(self, row):
        return {
            'kind': row['kind'], 'level': row['level'], 'lot_id': row['lot_id'],
            'product_id': row['product_id'], 'qty': row['qty'], 'uom': row['uom'],
            'date': row['date'] or False, 'partner_id': row['partner_id'] or False,
            'reference': row['reference'] or False,
            'location_name': row.get('location_name') or False,
            'workcenter': row.get('workcenter') or False,
            'operator': row.get('operator') or False,
            'res_model': row['res_model'] or False, 'res_id': row['res_id'] or 0,
            'truncated': bool(row.get('truncated')),
        }

    @api.multi
    def action_open_document(self):
        self.ensure_one()
        if not self.res_model or not self.res_id or self.res_model not in self.env:
            return False
        return open_record_action(self.env[self.res_model].browse(self.res_id))
