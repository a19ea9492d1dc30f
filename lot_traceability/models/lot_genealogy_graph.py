# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Data of the genealogy graph (lot form and recall), from the same trace rows
as every other screen: a lot's trace_downstream / trace_upstream, or the rows a
recall stored when it was traced (see tools/genealogy_graph.py)."""
from odoo import _, api, models
from odoo.exceptions import UserError

from ..tools import genealogy_graph, lot_rules


class LotGenealogyGraph(models.AbstractModel):
    _name = 'lot.genealogy.graph'
    _description = 'Lot genealogy graph'

    @api.model
    def graph_data(self, res_model, res_ids):
        """The graph for lots (res_model 'stock.production.lot') or for a recall."""
        if res_model == 'lot.recall':
            recall = self.env['lot.recall'].browse(res_ids[:1])
            if not recall.date_computed:
                raise UserError(_('Trace recall %s first: its genealogy is not known yet.')
                                % recall.name)
            # the rows of the companies the user works for (checks read access)
            rows = recall._snapshot_rows()
            lots = recall.lot_ids
            title = _('Genealogy of %s') % recall.name
        elif res_model == 'stock.production.lot':
            lots = self.env['stock.production.lot'].browse(res_ids)
            rows = [dict(row, direction='downstream') for row in lots.trace_downstream()]
            rows += [dict(row, direction='upstream') for row in lots.trace_upstream()]
            title = _('Genealogy of %s') % ', '.join(lots.mapped('name'))
        else:
            raise UserError(_('The genealogy graph is shown for lots and recalls only.'))
        lot_ids = genealogy_graph.lot_ids_of(rows) | set(lots.ids)
        all_lots = self.env['stock.production.lot'].browse(sorted(lot_ids)).exists()
        info, status = self._lot_info(all_lots)
        graph = genealogy_graph.build(rows, lots.ids, info, status)
        graph.update(title=title, legend=self._legend())
        return graph

    def _lot_info(self, lots):
        recalled = self._recalled_lot_ids(lots)
        info, status = {}, {}
        for lot in lots:
            info[lot.id] = (lot.name, lot.product_id.name, lot.product_qty,
                            lot.product_uom_id.name or lot.product_id.uom_id.name)
            # quarantined, expired: tools/lot_rules.py's reasons that need no
            # use to be known (no quality status, no customer's shelf life)
            flags = lot._block_reasons(release_needed=False)
            if lot.id in recalled:
                flags.append('recalled')
            status[lot.id] = flags
        return info, status

    def _recalled_lot_ids(self, lots):
        """Lots that are start lots or found forward by a real recall (not a drill)."""
        real = self.env['lot.recall'].search([('is_drill', '=', False)])
        lines = self.env['lot.recall.line'].search([
            ('recall_id', 'in', real.ids), ('direction', '=', 'downstream'),
            ('lot_id', 'in', lots.ids)])
        return set(lines.mapped('lot_id').ids) | set(real.mapped('lot_ids').ids)

    def _legend(self):
        return [(lot_rules.QUARANTINED, _('Quarantined')), (lot_rules.EXPIRED, _('Expired')),
                ('recalled', _('In a recall')), ('customer', _('Customer')),
                ('stock', _('In stock')), ('vendor', _('Vendor'))]
