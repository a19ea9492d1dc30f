# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


def pick_sort_key(line):
    """Walk order: location, then first-expiring lot, then product."""
    return (line.location_id.complete_name or '', line.lot_id.life_date or '9999',
            line.product_id.display_name or '', line.id)


class StockPicking(models.Model):
    _inherit = 'stock.picking'

    lot_reservation_issue = fields.Text(
        string='Reservation Issues', compute='_compute_lot_reservation_issue',
        help='Why some stock was not reserved (expired, quarantined or too '
             'short shelf-life lots).')
    pick_guidance_line_ids = fields.Many2many(
        'stock.move.line', string='Pick List', compute='_compute_pick_guidance_line_ids',
        help='What to fetch from where, sorted by location.')

    @api.depends('move_lines.lot_reservation_issue')
    def _compute_lot_reservation_issue(self):
        for picking in self:
            issues = ['%s: %s' % (move.product_id.display_name, move.lot_reservation_issue)
                      for move in picking.move_lines if move.lot_reservation_issue]
            picking.lot_reservation_issue = '\n'.join(issues) or False

    @api.depends('move_line_ids.location_id', 'move_line_ids.lot_id')
    def _compute_pick_guidance_line_ids(self):
        for picking in self:
            picking.pick_guidance_line_ids = picking.move_line_ids.sorted(key=pick_sort_key)
