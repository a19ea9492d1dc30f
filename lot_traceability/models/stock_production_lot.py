# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, fields, models

from ..tools import trace_sql


class StockProductionLot(models.Model):
    _inherit = 'stock.production.lot'

    # Odoo 11 lots carry no company: traces, recalls and lot numbers are
    # per company, so a lot belongs to the company that created it.
    company_id = fields.Many2one(
        'res.company', string='Company', required=True, index=True,
        default=lambda self: self.env['res.company']._company_default_get(
            'stock.production.lot'))

    @api.onchange('product_id')
    def _onchange_product_id_company(self):
        if self.product_id.company_id:
            self.company_id = self.product_id.company_id

    # --- genealogy and trace (see tools/trace_sql.py) ---------------------
    genealogy_component_edge_ids = fields.One2many(
        'lot.genealogy.edge', 'finished_lot_id', string='Made from', readonly=True)
    genealogy_finished_edge_ids = fields.One2many(
        'lot.genealogy.edge', 'component_lot_id', string='Used in', readonly=True)

    @api.multi
    def trace_downstream(self, max_depth=None):
        """Everything these lots went into and where it went: finished lots
        at every level (production), deliveries, returns, scrap and stock on
        hand.  A list of trace rows (README, "Genealogy and trace engine")."""
        return self._trace('downstream', max_depth)

    @api.multi
    def trace_upstream(self, max_depth=None):
        """Everything these lots were made from: component lots at every
        level (production, with order, work centers and operators) and the
        receipts they came in with (vendor, purchase order)."""
        return self._trace('upstream', max_depth)

    @api.multi
    def _trace(self, direction, max_depth=None):
        if not self:
            return []
        self.check_access_rights('read')
        self.check_access_rule('read')
        if not max_depth:
            max_depth = int(self.env['ir.config_parameter'].sudo().get_param(
                'lot_traceability.trace_max_depth', trace_sql.DEFAULT_MAX_DEPTH))
        self.env['lot.genealogy.edge'].recompute()
        return trace_sql.trace(self.env.cr, self.ids, direction,
                               self._trace_company_ids(), max_depth)

    @api.model
    def _trace_company_ids(self):
        """Companies whose lots, moves and stock a trace may show, as the
        lot record rule does (None: no restriction, for the superuser)."""
        if self.env.uid == SUPERUSER_ID:
            return None
        return self.env['res.company'].sudo().search(
            [('id', 'child_of', self.env.user.company_id.id)]).ids

    @api.multi
    def action_open_trace_downstream(self):
        return self.env['lot.trace'].open_for(self, 'downstream')

    @api.multi
    def action_open_trace_upstream(self):
        return self.env['lot.trace'].open_for(self, 'upstream')
