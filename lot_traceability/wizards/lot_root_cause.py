# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Root cause of a lot: how it was made (timeline), what went into it (component
lots with vendor, purchase, quality status and last quality decision), and who
else got the same components."""
from odoo import _, api, fields, models

from ..models.stock_production_lot import RELEASE_STATES
from ..tools.actions import open_record_action

SECTIONS = [('timeline', 'Production timeline'), ('component', 'Component lot'),
            ('at_risk', 'Other lot at risk')]


class LotRootCause(models.TransientModel):
    _name = 'lot.root.cause'
    _description = 'Root cause of a lot'

    lot_id = fields.Many2one('stock.production.lot', string='Lot', required=True, readonly=True)
    product_id = fields.Many2one(related='lot_id.product_id', readonly=True)
    line_ids = fields.One2many('lot.root.cause.line', 'wizard_id', string='Lines')
    timeline_ids = fields.One2many('lot.root.cause.line', 'wizard_id', string='Timeline',
                                   domain=[('section', '=', 'timeline')])
    component_ids = fields.One2many('lot.root.cause.line', 'wizard_id', string='Components',
                                    domain=[('section', '=', 'component')])
    component_quality_ids = fields.One2many(
        'lot.root.cause.line', 'wizard_id', string='Quality of components',
        domain=[('section', '=', 'component')],
        help='The component lots again, with their quality status and last quality decision.')
    at_risk_ids = fields.One2many('lot.root.cause.line', 'wizard_id', string='At risk',
                                  domain=[('section', '=', 'at_risk')])

    @api.multi
    def name_get(self):
        return [(wizard.id, _('Root cause of %s') % wizard.lot_id.name) for wizard in self]

    @api.model
    def _open_for_lot(self, lot):
        """Build the root cause of LOT and return the action showing it."""
        wizard = self.create({'lot_id': lot.id})
        wizard._build()
        return open_record_action(wizard, _('Root cause of %s') % lot.name)

    def _build(self):
        rows = self.lot_id.trace_upstream()
        values = self._timeline_values(rows) + self._component_values(rows)
        components = self.env['stock.production.lot'].browse(
            {v['lot_id'] for v in values if v['section'] == 'component'})
        values += self._at_risk_values(components)
        self.write({'line_ids': [(0, 0, vals) for vals in values]})

    def _timeline_values(self, rows):
        """One line per work order of every MO that made the lot (one per MO
        without work orders)."""
        productions = self.env['mrp.production']
        for row in rows:
            if row.get('kind') != 'production':
                continue
            production_id = row.get('production_id') or (
                row.get('res_id') if row.get('res_model') == 'mrp.production' else False)
            if production_id:
                productions |= productions.browse(production_id)
        values = []
        for production in productions.sorted(
                lambda p: (p.date_start or p.date_planned_start or '', p.id)):
            made_here = [r for r in rows if r.get('kind') == 'production'
                         and (r.get('production_id') or r.get('res_id')) == production.id]
            levels = [r.get('level') or 1 for r in made_here]
            common = {'section': 'timeline', 'level': min(levels or [1]),
                      'production_id': production.id, 'reference': production.name,
                      'res_model': 'mrp.production', 'res_id': production.id,
                      'product_id': production.product_id.id, 'qty': production.product_qty}
            workorders = production.workorder_ids.sorted(lambda w: (w.date_start or '', w.id))
            for workorder in workorders:
                operators = workorder.time_ids.mapped('user_id') or production.user_id
                values.append(dict(common, workcenter=workorder.workcenter_id.name,
                                   operation=workorder.name,
                                   operator=', '.join(operators.mapped('name')),
                                   date_start=workorder.date_start,
                                   date_end=workorder.date_finished))
            if not workorders:
                row = made_here[0] if made_here else {}
                values.append(dict(common, workcenter=row.get('workcenter') or '',
                                   operation=production.routing_id.name or '',
                                   operator=row.get('operator') or production.user_id.name or '',
                                   date_start=(production.date_start
                                               or production.date_planned_start),
                                   date_end=production.date_finished))
        return values

    def _component_values(self, rows):
        """Every lot found upstream, with its vendor, purchase order and purchase date."""
        by_lot = {}
        for row in rows:
            lot_id = row.get('lot_id')
            if not lot_id or lot_id == self.lot_id.id:
                continue
            entry = by_lot.setdefault(lot_id, {
                'section': 'component', 'lot_id': lot_id, 'product_id': row.get('product_id'),
                'level': row.get('level') or 1, 'qty': row.get('qty') or 0.0})
            entry['level'] = min(entry['level'], row.get('level') or 1)
            if row.get('kind') == 'receipt':
                entry.update(self._receipt_values(row))
        self._add_release_values(by_lot)
        return sorted(by_lot.values(), key=lambda v: (v['level'], v['lot_id']))

    def _add_release_values(self, by_lot):
        """The quality status of every component lot and its last decision
        (who, when, note), read with the user's rights: decisions of a
        company they do not work for stay out."""
        lots = self.env['stock.production.lot'].search([('id', 'in', list(by_lot))])
        for lot in lots:
            by_lot[lot.id]['release_state'] = lot.release_state
        Decision = self.env['lot.release.decision']
        if not lots or not Decision.check_access_rights('read', raise_exception=False):
            return
        for decision in Decision.search([('lot_id', 'in', lots.ids)], order='date, id'):
            # the latest one wins (search is ordered oldest first)
            by_lot[decision.lot_id.id].update({
                'decision': decision.decision, 'decision_user_id': decision.user_id.id,
                'decision_date': decision.date, 'decision_note': decision.note})

    def _receipt_values(self, row):
        vals = {'partner_id': row.get('partner_id') or False, 'date_start': row.get('date'),
                'reference': row.get('reference') or '', 'res_model': row.get('res_model'),
                'res_id': row.get('res_id')}
        purchase = self.env['purchase.order']
        if row.get('purchase_id'):
            purchase = purchase.browse(row['purchase_id'])
        elif row.get('res_model') == 'stock.picking' and row.get('res_id'):
            picking = self.env['stock.picking'].browse(row['res_id'])
            purchase = picking.move_lines.mapped('purchase_line_id.order_id')[:1]
        if purchase:
            vals.update(purchase_id=purchase.id, purchase_date=purchase.date_order,
                        partner_id=vals['partner_id'] or purchase.partner_id.id)
        return vals

    def _at_risk_values(self, components):
        """Lots made from the same component lots, other than this lot and its own inputs."""
        if not components:
            return []
        known = {self.lot_id.id} | set(components.ids)
        by_lot = {}
        for row in components.trace_downstream():
            lot_id = row.get('lot_id')
            if not lot_id or lot_id in known:
                continue
            entry = by_lot.setdefault(lot_id, {
                'section': 'at_risk', 'lot_id': lot_id, 'product_id': row.get('product_id'),
                'level': row.get('level') or 1, 'qty': 0.0,
                'origin_lot_id': row.get('origin_lot_id')})
            if row.get('kind') == 'production':
                entry.update(qty=row.get('qty') or 0.0, reference=row.get('reference') or '',
                             res_model=row.get('res_model'), res_id=row.get('res_id'),
                             date_start=row.get('date'))
            elif row.get('kind') == 'delivery' and row.get('partner_id'):
                customers = entry.setdefault('customer_ids', [(6, 0, [])])[0][2]
                if row['partner_id'] not in customers:
                    customers.append(row['partner_id'])
        return sorted(by_lot.values(), key=lambda v: (v['level'], v['lot_id']))


class LotRootCauseLine(models.TransientModel):
    _name = 'lot.root.cause.line'
    _inherit = ['lot.trace.step.mixin']
    _description = 'Root cause line'
    _order = 'section, level, date_start, id'

    wizard_id = fields.Many2one('lot.root.cause', required=True, ondelete='cascade')
    section = fields.Selection(SECTIONS, required=True)
    level = fields.Integer('Level', group_operator=None)
    lot_id = fields.Many2one('stock.production.lot', string='Lot')
    origin_lot_id = fields.Many2one('stock.production.lot', string='Shares component lot')
    product_id = fields.Many2one('product.product', string='Product')
    production_id = fields.Many2one('mrp.production', string='Manufacturing order')
    operation = fields.Char('Operation')
    date_start = fields.Datetime('Start / date')
    date_end = fields.Datetime('End')
    partner_id = fields.Many2one('res.partner', string='Vendor / customer')
    customer_ids = fields.Many2many('res.partner', string='Customers',
                                    help='Every customer this lot was delivered to.')
    purchase_id = fields.Many2one('purchase.order', string='Purchase order')
    purchase_date = fields.Datetime('Purchase date')
    release_state = fields.Selection(RELEASE_STATES, string='Quality Status')
    decision = fields.Selection([('release', 'Released'), ('reject', 'Rejected')],
                                string='Last quality decision')
    decision_user_id = fields.Many2one('res.users', string='Decided by')
    decision_date = fields.Datetime('Decided on')
    decision_note = fields.Text('Decision note')

    @api.multi
    def action_open_lot(self):
        self.ensure_one()
        return open_record_action(self.lot_id)
