# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..tools import genealogy_sql


class LotGenealogyEdge(models.Model):
    """One link of the consumption genealogy: a finished lot made (in one
    manufacturing order) from a quantity of a component lot.

    Kept up to date when manufacturing orders are done, cancelled, unbuilt
    or scrapped, and when a repair fits parts (no order: production_id
    empty); rebuilt from Odoo's ``consume_line_ids`` on install and by
    the "Rebuild genealogy" action.  Only the system writes edges."""
    _name = 'lot.genealogy.edge'
    _description = 'Lot genealogy link'
    _order = 'date desc, id desc'
    _rec_name = 'finished_lot_id'

    _sql_constraints = [
        ('edge_uniq', 'unique(production_id, finished_lot_id, component_lot_id)',
         'A lot is linked to a component lot once per manufacturing order.'),
    ]

    finished_lot_id = fields.Many2one(
        'stock.production.lot', string='Finished lot', required=True, index=True,
        ondelete='cascade', readonly=True)
    component_lot_id = fields.Many2one(
        'stock.production.lot', string='Component lot', required=True, index=True,
        ondelete='cascade', readonly=True)
    finished_product_id = fields.Many2one(
        'product.product', string='Finished product', readonly=True)
    component_product_id = fields.Many2one(
        'product.product', string='Component', readonly=True)
    production_id = fields.Many2one(
        'mrp.production', string='Manufacturing order', index=True,
        ondelete='cascade', readonly=True)
    qty = fields.Float(
        'Quantity consumed', digits=(16, 4), readonly=True,
        help='Quantity of the component lot that went into the finished lot, '
             'net of what an unbuild gave back.')
    uom_id = fields.Many2one('product.uom', string='Unit', readonly=True)
    finished_qty = fields.Float('Quantity produced', digits=(16, 4), readonly=True)
    finished_uom_id = fields.Many2one('product.uom', string='Finished unit', readonly=True)
    date = fields.Datetime('Produced on', readonly=True)
    user_id = fields.Many2one('res.users', string='Recorded by', readonly=True)
    company_id = fields.Many2one('res.company', string='Company', index=True, readonly=True)

    @api.model
    def action_rebuild_genealogy(self):
        """Admin menu entry (Inventory managers): rebuild, then show the edges."""
        if not self.env.user._is_admin() and not self.env.user._lot_is_stock_manager():
            raise AccessError(_('Only inventory managers can rebuild the lot genealogy.'))
        count = self._rebuild_genealogy()
        action = self.env.ref('lot_traceability.lot_genealogy_edge_action').read()[0]
        action['help'] = _('<p>Genealogy rebuilt: %d links.</p>') % count
        return action

    @api.model
    def _rebuild_genealogy(self):
        """Recompute every edge from Odoo's consumption links; returns the
        count. The caller checked the rights (the action, the install hook)."""
        self.recompute()
        count = genealogy_sql.rebuild_edges(self.env.cr, self.env.uid)
        self.invalidate_cache()
        return count

    @api.model
    def _sync_productions(self, productions):
        """Recompute the edges of PRODUCTIONS (mrp.production records)."""
        if productions:
            self.recompute()  # pending stored fields (move line state) first
            genealogy_sql.rebuild_edges(self.env.cr, self.env.uid, productions.ids)
            self.invalidate_cache()

    @api.model
    def _sync_finished_lines(self, lines):
        """Recompute the edges of the lots of LINES (done stock.move.line
        given their consumed lines outside a manufacturing order: a repair's
        repaired product and the parts it fitted, mrp_repair)."""
        lines = lines.filtered(lambda line: line.lot_id and not line.move_id.production_id)
        if lines:
            self.recompute()
            genealogy_sql.rebuild_edges(self.env.cr, self.env.uid,
                                        finished_lot_ids=lines.mapped('lot_id').ids)
            self.invalidate_cache()
