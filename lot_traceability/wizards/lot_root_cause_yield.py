# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Yield in the root cause: for every order that made the lot, each component
consumed (per component lot) against what the bill of materials expects for
the quantity made (tools/mass_balance_sql.py, ``lot_yield``)."""
from odoo import api, fields, models

from ..tools import mass_balance_sql
from ..tools.actions import open_record_action


class LotRootCause(models.TransientModel):
    _inherit = 'lot.root.cause'

    yield_ids = fields.One2many('lot.root.cause.yield', 'wizard_id', string='Yield')
    yield_variance = fields.Boolean('Yield variance', compute='_compute_yield_variance',
                                    help='A component was consumed more or less than the '
                                         'bill of materials expects.')

    @api.depends('yield_ids.variance')
    def _compute_yield_variance(self):
        for wizard in self:
            wizard.yield_variance = any(
                abs(line.variance) >= (line.product_id.uom_id.rounding or 0.000001)
                for line in wizard.yield_ids)

    def _build(self):
        result = super(LotRootCause, self)._build()
        self.write({'yield_ids': [(0, 0, vals) for vals in self._yield_values()]})
        return result

    def _yield_values(self):
        Lot = self.env['stock.production.lot']
        values = []
        for row in mass_balance_sql.lot_yield(self.env.cr, self.lot_id.ids):
            values.append({
                'production_id': row['production_id'], 'product_id': row['product_id'],
                'expected': row['expected'], 'consumed': row['consumed'],
                'variance': row['variance'], 'variance_pct': row['variance_pct'] or 0.0,
                'component_lot_ids': [(6, 0, [lot_id for lot_id, _qty in row['lots']])],
                'lot_quantities': ', '.join('%s: %g' % (Lot.browse(lot_id).name, qty)
                                            for lot_id, qty in row['lots']),
            })
        return values


class LotRootCauseYield(models.TransientModel):
    _name = 'lot.root.cause.yield'
    _description = 'Root cause: yield of a component'
    _order = 'production_id, product_id, id'

    wizard_id = fields.Many2one('lot.root.cause', required=True, ondelete='cascade')
    production_id = fields.Many2one('mrp.production', string='Manufacturing order')
    product_id = fields.Many2one('product.product', string='Component')
    uom_id = fields.Many2one(related='product_id.uom_id', readonly=True, string='Unit')
    component_lot_ids = fields.Many2many('stock.production.lot', string='Component lots')
    lot_quantities = fields.Char('Consumed per lot')
    expected = fields.Float('Expected (BoM)', digits=(16, 3),
                            help='Bill of materials quantity for the quantity made.')
    consumed = fields.Float('Consumed', digits=(16, 3))
    variance = fields.Float('Variance', digits=(16, 3), help='Consumed minus expected.')
    variance_pct = fields.Float('Variance (%)', digits=(16, 2))

    @api.multi
    def action_open_document(self):
        self.ensure_one()
        return open_record_action(self.production_id)
