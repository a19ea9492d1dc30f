# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import OrderedDict

from psycopg2 import sql

from odoo import _, api, fields, models
from odoo.tools.float_utils import float_compare

from ..tools import lot_rules
from ..tools.chatter import html_body
from .stock_move_line import BLOCKED_LOT_ALLOWED_DESTINATIONS


class StockMove(models.Model):
    _inherit = 'stock.move'

    lot_reservation_issue = fields.Char(
        string='Reservation Issue', readonly=True, copy=False,
        help='Why stock physically present was not reserved (expired, '
             'quarantined or too short shelf-life lots).')
    lot_summary = fields.Char(
        string='Lots', compute='_compute_lot_summary',
        help='The lots of this move and where they are put (receipts) or taken '
             'from (other transfers), with the quantity of each when there are several.')

    @api.model_cr
    def init(self):
        result = super(StockMove, self).init()
        # The genealogy sync finds the moves of a manufacturing order or an
        # unbuild; these columns are empty on most moves, so the indexes are
        # partial. Their names are not Odoo's stock_move_<column>_index: Odoo
        # drops that one whenever the model is updated (the field has no index).
        for column in ('production_id', 'unbuild_id', 'consume_unbuild_id'):
            self.env.cr.execute(sql.SQL('CREATE INDEX IF NOT EXISTS {} ON stock_move ({}) '
                                        'WHERE {} IS NOT NULL').format(
                sql.Identifier('stock_move_%s_partial_index' % column), sql.Identifier(column),
                sql.Identifier(column)))
        return result

    @api.depends('move_line_ids.lot_id', 'move_line_ids.lot_name', 'move_line_ids.qty_done',
                 'move_line_ids.product_uom_qty', 'move_line_ids.location_id',
                 'move_line_ids.location_dest_id')
    def _compute_lot_summary(self):
        for move in self:
            incoming = move.location_id.usage in ('supplier', 'customer')
            lines = move.move_line_ids.filtered(lambda ml: ml.lot_id or ml.lot_name)
            parts = []
            for line in lines:
                name = line.lot_id.name or line.lot_name
                location = (line.location_dest_id if incoming else line.location_id).name
                if len(lines) > 1:
                    qty = line.qty_done or line.product_uom_qty
                    name = '%s: %s %s' % (name, '%g' % qty, line.product_uom_id.name)
                parts.append('%s @ %s' % (name, location))
            move.lot_summary = ', '.join(parts) or False

    def _lot_customer(self):
        """The commercial partner the goods are for, or an empty record."""
        self.ensure_one()
        partner = self.picking_id.partner_id or self.partner_id or self.group_id.partner_id
        return partner.commercial_partner_id

    def _lot_shelf_life_cutoff(self):
        """Naive UTC datetime before which a lot's end of life is refused for
        this move (customer's minimum shelf life), or None."""
        self.ensure_one()
        if self.location_id.usage not in ('internal', 'transit'):
            return None
        now = fields.Datetime.from_string(fields.Datetime.now())
        return lot_rules.shelf_life_cutoff(now, self._lot_customer().min_shelf_life_days)

    def _lot_release_needed(self):
        """True when this move needs lots released by quality: it, or a move
        it feeds (e.g. the pick step of a delivery), takes the goods out of
        the warehouse's internal locations to anywhere but scrap, inventory
        loss or the vendor. Moves between internal locations (to quality
        control, the steps of a receipt) need no release."""
        self.ensure_one()
        seen, todo = self.browse(), self
        while todo:
            for move in todo:
                dest = move.location_dest_id
                if dest.usage != 'internal' and not dest.scrap_location and \
                        dest.usage not in BLOCKED_LOT_ALLOWED_DESTINATIONS:
                    return True
            seen |= todo
            todo = todo.mapped('move_dest_ids') - seen
        return False

    def _action_assign(self):
        """Reserve without blocked lots (quarantined, not released by quality
        when the move needs it, expired, too short for the customer's shelf
        life): the cutoff and the release need are computed here for each
        move, whatever the context says (``lot_native_reservation`` only
        chooses Odoo's removal order, see stock.quant)."""
        groups = OrderedDict()
        for move in self:
            cutoff = move._lot_shelf_life_cutoff()
            key = (cutoff and fields.Datetime.to_string(cutoff) or False,
                   move._lot_release_needed())
            groups[key] = groups.get(key, self.browse()) | move
        result = None
        for (cutoff, release_needed), moves in groups.items():
            result = super(StockMove, moves.with_context(
                lot_reserve_check=True, lot_reserve_min_life_date=cutoff,
                lot_reserve_release_needed=release_needed))._action_assign()
        self._lot_report_reservation_issues()
        return result

    def _lot_report_reservation_issues(self):
        """Say on the move (and once in the picking's / MO's chatter) why
        stock that is physically there was not reserved."""
        for move in self:
            issue = False
            if move.state in ('confirmed', 'partially_available') \
                    and move.product_id.type == 'product' \
                    and move.product_id.tracking != 'none' \
                    and not move.location_id.should_bypass_reservation():
                issue = move._lot_blocked_stock_description()
            if issue == (move.lot_reservation_issue or False):
                continue
            move.lot_reservation_issue = issue
            document = move.picking_id or move.raw_material_production_id
            if issue and document:
                document.message_post(body=html_body(_('%s not fully reserved: %s'),
                                                     move.product_id.display_name, issue))

    def _lot_reservation_issue_summary(self):
        """One line per move of these with a reservation issue, 'product: issue'
        (the transfer's and the manufacturing order's warning), or False."""
        lines = []
        for move in self:
            # a move reserved in full (e.g. by hand after the check) needs no warning
            missing = move._lot_missing_qty()
            if not move.lot_reservation_issue or not missing:
                continue
            lines.append(_('%s: %s of %s %s not reserved; %s') % (
                move.product_id.display_name, '%g' % missing, '%g' % move.product_uom_qty,
                move.product_uom.name, move.lot_reservation_issue))
        return '\n'.join(lines) or False

    def _lot_missing_qty(self):
        """What this move still waits for (in the move's unit): 0 when it is
        fully reserved, done or cancelled."""
        self.ensure_one()
        if self.state not in ('confirmed', 'partially_available', 'waiting'):
            return 0.0
        missing = self.product_uom_qty - self.reserved_availability
        if float_compare(missing, 0, precision_rounding=self.product_uom.rounding) <= 0:
            return 0.0
        return missing

    def _lot_blocked_stock_description(self):
        """'lot A (expired), lot B (quarantined)' for the unusable lots with
        free stock in the move's source location, or False."""
        self.ensure_one()
        Quant = self.env['stock.quant'].sudo()
        cutoff = self._lot_shelf_life_cutoff()
        free = OrderedDict()
        for quant in Quant._gather(self.product_id, self.location_id):
            lot = quant.lot_id
            quantity = quant.quantity - quant.reserved_quantity
            if lot and float_compare(quantity, 0,
                                     precision_rounding=self.product_id.uom_id.rounding) > 0:
                free[lot] = free.get(lot, 0.0) + quantity
        release_needed = self._lot_release_needed()
        parts = []
        for lot, quantity in free.items():
            reason = lot._block_reason(cutoff, release_needed)
            if reason:
                parts.append(_('lot %s, %s %s (%s)') % (
                    lot.name, quantity, self.product_id.uom_id.name, lot._block_label(reason)))
        if not parts:
            return False
        return _('stock left cannot be used: %s') % '; '.join(parts)
