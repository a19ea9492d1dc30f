# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .stock_picking import pick_sort_key


class MrpProduction(models.Model):
    _inherit = 'mrp.production'

    pick_guidance_line_ids = fields.Many2many(
        'stock.move.line', string='Components to Fetch',
        compute='_compute_pick_guidance_line_ids',
        help='Planned component lots and where to fetch them, sorted by location.')
    lot_reservation_issue = fields.Text(
        string='Reservation Issues', compute='_compute_lot_reservation_issue')

    @api.depends('move_raw_ids.move_line_ids.location_id', 'move_raw_ids.move_line_ids.lot_id')
    def _compute_pick_guidance_line_ids(self):
        for production in self:
            lines = production.move_raw_ids.filtered(
                lambda move: move.state not in ('done', 'cancel')).mapped('move_line_ids')
            production.pick_guidance_line_ids = lines.sorted(key=pick_sort_key)

    @api.depends('move_raw_ids.lot_reservation_issue')
    def _compute_lot_reservation_issue(self):
        for production in self:
            issues = ['%s: %s' % (move.product_id.display_name, move.lot_reservation_issue)
                      for move in production.move_raw_ids if move.lot_reservation_issue]
            production.lot_reservation_issue = '\n'.join(issues) or False

    @api.multi
    def post_inventory(self):
        result = super(MrpProduction, self).post_inventory()
        self.env['lot.genealogy.edge']._sync_productions(self)
        return result

    @api.multi
    def action_cancel(self):
        result = super(MrpProduction, self).action_cancel()
        self.env['lot.genealogy.edge']._sync_productions(self)
        return result
