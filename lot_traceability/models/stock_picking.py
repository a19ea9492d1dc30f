# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


def pick_sort_key(line):
    """Walk order: location, then first-expiring lot, then product."""
    return (line.location_id.complete_name or '', line.lot_id.life_date or '9999',
            line.product_id.display_name or '', line.id)


class StockPicking(models.Model):
    _name = 'stock.picking'
    _inherit = ['stock.picking', 'lot.scan.mixin']

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

    # --- customer returns (RMA) -------------------------------------------
    return_of_picking_id = fields.Many2one(
        'stock.picking', string='Return of', readonly=True, index=True, copy=False,
        help='The delivery this transfer sends back (set by the Return button).')
    return_reason_id = fields.Many2one(
        'lot.return.reason', string='Return Reason', copy=False,
        track_visibility='onchange')
    return_note = fields.Text(
        'Customer Complaint', copy=False,
        help="What the customer reported, in their words.")
    is_customer_return = fields.Boolean(
        'Customer Return', compute='_compute_is_customer_return', store=True,
        help='A return of a delivery: goods coming back from a customer.')
    returned_lot_ids = fields.Many2many(
        'stock.production.lot', string='Returned Lots',
        compute='_compute_returned_lot_ids')
    return_count = fields.Integer(
        'Returns', compute='_compute_return_count')

    @api.depends('return_of_picking_id', 'location_id.usage')
    def _compute_is_customer_return(self):
        for picking in self:
            picking.is_customer_return = bool(
                picking.return_of_picking_id and picking.location_id.usage == 'customer')

    @api.depends('move_line_ids.lot_id')
    def _compute_returned_lot_ids(self):
        for picking in self:
            if picking.is_customer_return:
                picking.returned_lot_ids = picking.move_line_ids.mapped('lot_id')
            else:
                picking.returned_lot_ids = False

    def _compute_return_count(self):
        data = self.env['stock.picking'].read_group(
            [('return_of_picking_id', 'in', self.ids)],
            ['return_of_picking_id'], ['return_of_picking_id'])
        counts = {row['return_of_picking_id'][0]: row['return_of_picking_id_count']
                  for row in data}
        for picking in self:
            picking.return_count = counts.get(picking.id, 0)

    @api.multi
    def _returned_lots(self):
        self.ensure_one()
        lots = self.returned_lot_ids
        if not lots:
            raise UserError(_('Return %s has no lot yet: set the returned lot on its lines '
                              'first.') % self.name)
        return lots

    @api.multi
    def action_view_returns(self):
        self.ensure_one()
        action = self.env.ref('lot_traceability.action_customer_returns').read()[0]
        action['domain'] = [('return_of_picking_id', '=', self.id)]
        action['context'] = {}
        return action

    @api.multi
    def action_return_trace(self):
        """The downstream trace of the returned lot(s)."""
        lots = self._returned_lots()
        return lots.action_open_trace_downstream()

    @api.multi
    def action_return_root_cause(self):
        """Root cause of the returned lot: how, where and from what it was made."""
        lots = self._returned_lots()
        if not hasattr(lots, 'action_root_cause'):
            raise UserError(_('The root-cause report is not available in this database.'))
        return lots[0].action_root_cause()

    @api.multi
    def action_return_open_recall(self):
        """Open a recall case on the returned lots, with this return as its reason."""
        self.ensure_one()
        lots = self._returned_lots()
        if 'lot.recall' not in self.env:
            raise UserError(_('Recalls are not available in this database.'))
        reason = _('Customer return %s from %s: %s') % (
            self.name, self.partner_id.display_name or '',
            self.return_reason_id.name or _('no reason given'))
        if self.return_note:
            reason = '%s\n%s' % (reason, self.return_note)
        recall = self.env['lot.recall'].create(self._recall_values(lots, reason))
        self.message_post(body=_('Recall %s opened from this return.') % recall.display_name)
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'lot.recall',
            'res_id': recall.id,
            'view_mode': 'form',
            'target': 'current',
        }

    @api.model
    def _recall_values(self, lots, reason):
        return {'lot_ids': [(6, 0, lots.ids)], 'reason': reason}

    # ------------------------------------------------------------ scanning
    def _lot_scan_moves(self):
        return self.move_lines

    def _lot_scan_can_create_lots(self):
        """Receipts whose operation type creates lots: unknown lots are new lots."""
        return self.picking_type_id.code == 'incoming' and self.picking_type_id.use_create_lots
