# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.float_utils import float_compare

from ..exceptions import LotReasonRequired, LotRefused
from ..tools import lot_rules, move_kind_sql
from ..tools.chatter import html_body

# Destinations stock may reach with an expired or quarantined lot: scrap,
# inventory loss, back to the vendor.
BLOCKED_LOT_ALLOWED_DESTINATIONS = ('inventory', 'supplier')

# What a done operation says was moved: changing one of these on a done line
# moves stock again and rewrites who got which lot.
DONE_LINE_FIELDS = ('product_id', 'product_uom_id', 'lot_id', 'qty_done', 'location_id',
                    'location_dest_id', 'package_id', 'result_package_id', 'owner_id')
# kind and customer of move lines (tools/move_kind_sql.py)
_CUSTOMER_FACTS = """
SELECT ml.id, {kind}, {customer}
  FROM stock_move_line ml
  JOIN stock_move m ON m.id = ml.move_id
  JOIN stock_location ls ON ls.id = ml.location_id
  JOIN stock_location ld ON ld.id = ml.location_dest_id
  {joins}
 WHERE ml.id = ANY(%(ids)s)
""".format(kind=move_kind_sql.KIND, customer=move_kind_sql.CUSTOMER,
           joins=move_kind_sql.PARTNER_JOINS)


# the parts a repair fitted into a device without a lot (tools/move_kind_sql.py)
_FITTED_INTO_DEVICES = """
SELECT ml.id
  FROM stock_move_line ml
  JOIN stock_move m ON m.id = ml.move_id
  JOIN stock_location ls ON ls.id = ml.location_id
  JOIN stock_location ld ON ld.id = ml.location_dest_id
 WHERE ml.lot_id = ANY(%(lot_ids)s) AND ml.state = 'done' AND {fitted}
""".format(fitted=move_kind_sql.TO_REPAIRED_DEVICE)


class StockMoveLine(models.Model):
    _name = 'stock.move.line'
    _inherit = ['stock.move.line', 'lot.override.mixin']

    # The trace engine and the mass balance look move lines up by lot, the
    # genealogy sync by move; Odoo 11 indexes neither column. Declared on the
    # fields, Odoo keeps these indexes (stock_move_line_<column>_index) through
    # every later update of the model.
    lot_id = fields.Many2one(index=True)
    move_id = fields.Many2one(index=True)
    supplier_lot_code = fields.Char(
        string="Supplier's Lot Code", copy=False,
        help="The supplier's lot code printed on the goods, kept on our lot when the "
             "receipt numbers the lot itself (FSMA 204 records).")
    # related fields are read as the reading user (related_sudo=False): a user
    # who may not read the lot, location, transfer or order gets an access error
    lot_life_date = fields.Datetime(related='lot_id.life_date', string='Expiry', readonly=True,
                                    related_sudo=False)
    location_complete_name = fields.Char(
        related='location_id.complete_name', string='Pick From', readonly=True,
        related_sudo=False)

    # shown in the lot's "Customers" list: which customer got which lot is
    # for Inventory users (any employee may read move lines in Odoo 11)
    picking_partner_id = fields.Many2one(
        'res.partner', string='Partner', related='picking_id.partner_id', readonly=True,
        related_sudo=False, groups='stock.group_stock_user')

    sale_order_id = fields.Many2one(
        'sale.order', string='Sale Order', related='move_id.sale_line_id.order_id',
        readonly=True, related_sudo=False, groups='stock.group_stock_user')

    customer_direction = fields.Selection(
        [('delivery', 'Delivered'), ('return', 'Returned')], string='Direction',
        compute='_compute_customer_direction')
    customer_id = fields.Many2one(
        'res.partner', string='Customer', compute='_compute_customer_direction',
        help='Who received the goods, or returned them: the move\'s partner or the order\'s '
             'delivery address, never the vendor of a dropship.')

    def _compute_customer_direction(self):
        """Direction and customer of lines to or from a customer, as every
        report reads them (tools/move_kind_sql.py)."""
        stored = [line.id for line in self if isinstance(line.id, int)]
        facts = {}
        if stored:
            self.env.cr.execute(_CUSTOMER_FACTS, {'ids': stored})
            facts = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        directions = {'delivery': 'delivery', 'dropship': 'delivery',
                      'repair_delivery': 'delivery', 'customer_return': 'return'}
        for line in self:
            kind, customer_id = facts.get(line.id, (False, False))
            line.customer_direction = directions.get(kind, False)
            line.customer_id = customer_id or False

    @api.onchange('product_id', 'location_id', 'location_dest_id')
    def _onchange_lot_domain_usable(self):
        """Lines taking goods out of usable stock offer only the lots that
        may leave it (quarantined, expired and too short lots left out, as
        tools/lot_rules.py decides)."""
        if not self.product_id or self.product_id.tracking == 'none':
            return {}
        domain = [('product_id', '=', self.product_id.id)]
        if self.location_id and self.location_dest_id and self._lot_leaves_stock():
            now = fields.Datetime.from_string(fields.Datetime.now())
            domain += lot_rules.usable_lots_domain(now, self._lot_cutoff(),
                                                   self._lot_release_needed())
        return {'domain': {'lot_id': domain}}

    @api.onchange('lot_id')
    def _onchange_lot_id_override(self):
        # a new lot needs its own reason
        self.lot_override_reason = False
        planned = self.planned_lot_id
        if not self.lot_id or not planned or self.lot_id == planned:
            return {}
        error = self.lot_id._usability_error(self._lot_cutoff(), self._lot_release_needed())
        if error:
            return {'warning': {'title': _('Lot change'), 'message': error}}
        message = _('This lot differs from the planned lot %s: give a reason.') % planned.name
        fefo = self._lot_fefo_warning(self.lot_id)
        if fefo:
            message = '%s %s' % (fefo, message)
        return {'warning': {'title': _('Lot change'), 'message': message}}

    @api.model
    def create(self, vals):
        """The planned lot is the lot the reservation put on the line (a line
        created with a reserved quantity and a lot), never a value sent by
        the client (RPC, copy, import). A line added to a done operation is
        a correction (see ``_lot_check_done_correction``). A line taking an
        unusable lot out of stock is refused as it is created
        (``_lot_check_usable``): scans, imports, other apps."""
        vals = dict(vals)
        vals.pop('planned_lot_id', None)
        if vals.get('lot_id') and (vals.get('product_uom_qty') or 0) > 0:
            vals['planned_lot_id'] = vals['lot_id']
        done_move = self._lot_done_move_of(vals)
        if done_move:
            self._lot_check_done_correction(done_move, vals)
        elif vals.get('lot_id'):
            # checked before the line is written: a refusal leaves no row
            self.new({name: vals.get(name) for name in (
                'move_id', 'lot_id', 'location_id', 'location_dest_id')})._lot_check_usable()
        line = super(StockMoveLine, self).create(vals)
        if done_move:
            line._lot_post_done_correction(vals, {})
        return line

    def write(self, vals):
        """A lot change on a reserved line is logged. A person must give the
        reason (the operation forms send the reason field with the lot);
        only code running as superuser writes ``lot_id`` without one, it is
        recorded with the reason "not given". An unusable lot is refused
        either way. The planned lot is not written here (see ``create``).
        The lot, quantity or places of a done operation are corrected by an
        Inventory manager with a reason only. No context key changes any of
        this."""
        if 'planned_lot_id' in vals and self.env.uid != SUPERUSER_ID and any(
                line.planned_lot_id.id != (vals['planned_lot_id'] or False) for line in self):
            raise AccessError(_(
                'The planned lot is set by the reservation and cannot be changed. To use '
                'another lot, change the lot and give a reason.'))
        done = self._lot_done_changes(vals)
        if done:
            done._lot_check_done_correction(done.mapped('move_id'), vals)
        before = {line: (line.lot_id, line.qty_done) for line in done}
        overrides = []
        if vals.get('lot_id'):
            new_lot = self.env['stock.production.lot'].browse(vals['lot_id'])
            person = 'lot_override_reason' in vals or self.env.uid != SUPERUSER_ID
            reason = self._lot_reason_of(vals)
            for line in self:
                overrides += line._lot_check_override(
                    new_lot, reason, reason_required=person)
            if person and overrides and not done:
                return self._lot_write_overrides(vals, overrides)
        result = super(StockMoveLine, self).write(vals)
        self._lot_log_overrides(overrides, 'form' if 'lot_override_reason' in vals else 'write')
        for line in done:
            line._lot_post_done_correction(vals, before[line])
        if 'consume_line_ids' in vals:
            # a repair links the repaired product to its parts (mrp_repair);
            # manufacturing orders sync their own edges in post_inventory
            self.env['lot.genealogy.edge']._sync_finished_lines(self)
        return result

    def _lot_write_overrides(self, vals, overrides):
        """A person's lot change written on reserved lines (the operation
        forms): each overridden line is split as by the override button
        (``_lot_split_override``), the other values written after; a
        quantity done given with the lot goes to the lot's line when nothing
        was counted on the line before."""
        rest = {key: value for key, value in vals.items()
                if key not in ('lot_id', 'lot_name', 'lot_override_reason')}
        overridden = self.browse([override[0].id for override in overrides])
        log = self.env['lot.override.log']
        for line, planned, lot, reason, warning in overrides:
            counted = float_compare(line.qty_done, 0,
                                    precision_rounding=line.product_uom_id.rounding) > 0
            lines = line._lot_split_override(lot, reason)
            log |= self._lot_log_overrides([(lines[:1], planned, lot, reason, warning)], 'form')
            if rest:
                super(StockMoveLine, line if counted else lines[:1]).write(rest)
        others = self - overridden
        if others:
            super(StockMoveLine, others).write(vals)
        return True

    @api.multi
    def action_override_lot(self, new_lot, reason):
        """Use NEW_LOT (id or record) instead of the planned lot on this line.

        REASON is required. Refused (UserError) for an expired, quarantined
        or too-short-shelf-life lot and for a done or cancelled operation;
        allowed with a warning when it breaks FEFO. Returns
        ``{'override_log_id': id or False, 'warning': text or False}``.
        Callable through RPC (forms, scanners) by users who may change the
        operation."""
        return self._lot_override(new_lot, reason, 'override')

    @api.multi
    def action_lot_root_cause(self):
        """Root cause of the lot on this line (e.g. a lot a customer returned)."""
        self.ensure_one()
        if not self.lot_id:
            raise UserError(_('This line has no lot: there is nothing to trace.'))
        return self.lot_id.action_root_cause()

    def _lot_cutoff(self):
        """The customer's shelf-life cutoff for this line (naive UTC) or None."""
        return self.move_id._lot_shelf_life_cutoff() if self.move_id else None

    def _lot_release_needed(self):
        """True when this line needs a lot released by quality (see
        ``stock.move._lot_release_needed``); a line without a move: when its
        destination is not an internal location."""
        self.ensure_one()
        if self.move_id:
            return self.move_id._lot_release_needed()
        return self.location_dest_id.usage != 'internal'

    def _lot_receipt_shelf_life_issue(self):
        """A message when this line receives from a vendor a lot with less
        shelf life left than its product (or the vendor) asks for, else False."""
        self.ensure_one()
        lot = self.lot_id.sudo()
        if self.location_id.usage != 'supplier' or not lot.life_date:
            return False
        now = fields.Datetime.from_string(fields.Datetime.now())
        vendor = (self.picking_id.partner_id or self.move_id.partner_id).commercial_partner_id
        cutoff = self.product_id._lot_receipt_cutoff(vendor, now)
        if not cutoff or fields.Datetime.from_string(lot.life_date) >= cutoff:
            return False
        return _('Short shelf life: lot %s of %s expires on %s; a receipt needs it to last '
                 'until %s at least.') % (
            lot.name, self.product_id.display_name, lot.life_date[:10],
            fields.Date.to_string(cutoff.date()))

    def _lot_leaves_stock(self):
        """True when this line takes goods out of the warehouse's usable stock
        (delivery, consumption, transfer), where unusable lots are refused."""
        self.ensure_one()
        return self.location_id.usage in ('internal', 'transit') \
            and self.location_dest_id.usage not in BLOCKED_LOT_ALLOWED_DESTINATIONS \
            and not self.location_dest_id.scrap_location

    def _lot_fefo_warning(self, lot):
        """A warning when LOT breaks FEFO for this line: the planned lot or
        another usable lot with free stock expires earlier. False otherwise."""
        self.ensure_one()
        cutoff = self._lot_cutoff()
        Quant = self.env['stock.quant'].sudo().with_context(
            lot_reserve_check=True, lot_reserve_release_needed=self._lot_release_needed(),
            lot_reserve_min_life_date=cutoff and fields.Datetime.to_string(cutoff) or False)
        rounding = self.product_id.uom_id.rounding
        earlier = self.env['stock.production.lot']
        if self.planned_lot_id and self.planned_lot_id != lot:
            earlier |= self.planned_lot_id
        for quant in Quant._gather(self.product_id, self.location_id):
            if quant.lot_id and quant.lot_id != lot and float_compare(
                    quant.quantity - quant.reserved_quantity, 0, precision_rounding=rounding) > 0:
                earlier |= quant.lot_id
        dates = {other: other._fefo_date() for other in earlier}
        if not lot_rules.breaks_fefo(lot._fefo_date(), dates.values()):
            return False
        first = min((other for other in earlier if dates[other]), key=lambda other: dates[other])
        # FEFO sorts on the removal date; the worker is told the dates on the label
        if first.life_date:
            return _('Lot %s breaks FEFO: lot %s expires earlier (%s).') % (
                lot.name, first.name, first.life_date)
        if first.use_date and not first.removal_date:
            return _('Lot %s breaks FEFO: lot %s is best before an earlier date (%s).') % (
                lot.name, first.name, first.use_date)
        return _('Lot %s breaks FEFO: lot %s is to be removed earlier (%s).') % (
            lot.name, first.name, first.removal_date)

    def _lot_log_overrides(self, overrides, origin):
        log = self.env['lot.override.log']
        for line, planned, lot, reason, warning in overrides:
            log |= log._record(planned, lot, reason or False, warning,
                               move_line=line, origin=origin)
        return log

    @api.model
    def _lot_reason_of(self, vals):
        """The reason for a lot change given in VALS, stripped ('' when none)."""
        reason = vals.get('lot_override_reason')
        return reason.strip() if isinstance(reason, str) else ''

    def _lot_done_move_of(self, vals):
        """The done move a line created with VALS joins (Odoo moves the stock
        at once), or an empty record."""
        Move = self.env['stock.move']
        if vals.get('move_id'):
            move = Move.browse(vals['move_id'])
            return move if move.state in ('done', 'cancel') else Move
        if vals.get('picking_id'):
            picking = self.env['stock.picking'].browse(vals['picking_id'])
            # stock creates a done move for a line added to a done transfer
            return picking.move_lines[:1] if picking.state in ('done', 'cancel') else Move
        return Move

    def _lot_done_changes(self, vals):
        """The done or cancelled lines of these whose stock record VALS change."""
        names = [name for name in DONE_LINE_FIELDS if name in vals]
        if not names:
            return self.browse()
        changed = self.browse()
        for line in self.filtered(lambda rec: rec.state in ('done', 'cancel')):
            for name in names:
                old, new = line[name], vals[name]
                if self._fields[name].type == 'many2one':
                    differs = old.id != (new or False)
                elif self._fields[name].type == 'float':
                    try:
                        differs = float_compare(old, float(new or 0.0), precision_rounding=(
                            line.product_uom_id.rounding or 0.001)) != 0
                    except (TypeError, ValueError):
                        differs = True
                else:
                    differs = old != new
                if differs:
                    changed |= line
                    break
        return changed

    def _lot_check_done_correction(self, moves, vals):
        """A done operation is corrected by an Inventory manager, with the
        reason in VALS (``lot_override_reason``); a cancelled one moved
        nothing and is not changed. Code running as superuser passes."""
        if self.env.uid == SUPERUSER_ID:
            return
        product = (self[:1].product_id or self.env['product.product'].browse(
            vals.get('product_id')) or moves[:1].product_id).display_name
        if any(move.state == 'cancel' for move in moves):
            raise UserError(_(
                'The operation of %s is cancelled: it moved nothing and cannot be changed.')
                % product)
        if not self.env.user._lot_is_stock_manager():
            raise UserError(_(
                'The operation of %s is done: its lot, quantity and locations cannot be changed '
                'any more. Return the goods or correct the stock with an inventory adjustment; '
                'an Inventory manager may correct the operation with a reason.') % product)
        if not self._lot_reason_of(vals):
            raise LotReasonRequired(_(
                'The operation of %s is done: give a reason for the correction (Lot Change '
                'Reason).') % product)

    def _lot_post_done_correction(self, vals, before):
        """Log a correction of this done line: a lot change in the override
        log (origin "Correction"), and a note with the reason in the chatter
        of the transfer or manufacturing order. BEFORE: (lot, quantity done)
        before the change; empty for a line added to a done operation."""
        self.ensure_one()
        if self.env.uid == SUPERUSER_ID:
            return
        reason = self._lot_reason_of(vals)
        old_lot, old_qty = before or (self.env['stock.production.lot'], 0.0)
        if self.lot_id and old_lot and self.lot_id != old_lot:
            self.env['lot.override.log']._record(
                old_lot, self.lot_id, reason, move_line=self, origin='correction')
        document = self.picking_id or self.move_id.raw_material_production_id or \
            self.move_id.production_id
        if document:
            document.message_post(body=html_body(_(
                'Done operation corrected for %s: lot %s, quantity %s (before: lot %s, '
                'quantity %s). Reason: %s'), self.product_id.display_name,
                self.lot_id.name or '-', self.qty_done, old_lot.name or '-', old_qty, reason))

    def _lot_check_override(self, new_lot, reason, reason_required=True):
        """Refuse an unusable lot; when NEW_LOT replaces the planned lot of a
        reserved line, require REASON (unless not REASON_REQUIRED: code run
        as superuser, logged without one). Done lines: see
        ``_lot_check_done_correction``. Returns the override to log."""
        self.ensure_one()
        if self.state in ('done', 'cancel') or new_lot == self.lot_id:
            return []
        if self._lot_leaves_stock():
            error = new_lot._usability_error(self._lot_cutoff(), self._lot_release_needed())
            if error:
                raise LotRefused(error)
        planned = self.planned_lot_id or (self.product_uom_qty and self.lot_id)
        if not planned or planned == new_lot:
            return []
        if not reason and reason_required:
            raise LotReasonRequired(_(
                'Lot %s replaces the planned lot %s for %s: give a reason for the change.') % (
                new_lot.name, planned.name, self.product_id.display_name))
        return [(self, planned, new_lot, reason, self._lot_fefo_warning(new_lot))]

    def _lot_override(self, new_lot, reason, origin, qty=None):
        """A person's lot change (override button or RPC, scan): the rights
        of the user on the line are checked here, the reason is required.
        NEW_LOT replacing the planned lot gets lines of its own
        (``_lot_split_override``, QTY: the scanned quantity); the lines that
        carry it are in the answer's ``line_ids``."""
        self.ensure_one()
        self.check_access_rights('write')
        self.check_access_rule('write')
        if self.state in ('done', 'cancel'):
            raise UserError(_(
                'The operation of %s is %s: its lot cannot be changed any more. Return the '
                'goods or correct the stock with an inventory adjustment instead.') % (
                self.product_id.display_name,
                dict(self._fields['state']._description_selection(self.env))[self.state]))
        if isinstance(new_lot, models.BaseModel):
            lot = new_lot
        else:
            try:
                lot = self.env['stock.production.lot'].browse(int(new_lot))
            except (TypeError, ValueError):
                raise LotRefused(_('"%s" is not a lot.') % (new_lot,))
        if not lot.exists() or lot.product_id != self.product_id:
            raise LotRefused(_('Lot %s is not a lot of %s.') % (
                lot.exists() and lot.name or new_lot, self.product_id.display_name))
        if not isinstance(reason, str):
            reason = ''
        reason = reason.strip()
        if not reason:
            raise LotReasonRequired(_('Give a reason for the lot change.'))
        overrides = self._lot_check_override(lot, reason)
        if not overrides:
            # no planned lot replaced (e.g. a line that planned none): the lot
            # is this line's own; checks done, write past this class's write
            super(StockMoveLine, self).write({'lot_id': lot.id, 'lot_override_reason': reason})
            return {'override_log_id': False, 'warning': False, 'line_ids': self.ids}
        lines = self._lot_split_override(lot, reason, qty)
        _line, planned, lot, reason, warning = overrides[0]
        log = self._lot_log_overrides([(lines[:1], planned, lot, reason, warning)], origin)
        return {'override_log_id': log.id or False, 'warning': log.fefo_warning or False,
                'line_ids': lines.ids}

    def _lot_split_override(self, lot, reason, qty=None):
        """LOT replaces the planned lot of this reserved line for QTY (a scan,
        in the line's unit, counted as done) or, without QTY, for what the
        line has reserved and not yet counted (the override button).

        What is counted on this line keeps its lot and location. LOT gets
        lines of its own, reserved on its quants under the move's source
        location (sub-locations included, as Odoo reserves); this line gives
        up the reservation they take, so the move reserves no more than
        before (unless a scan counts more than the line has left: the extra
        units are reserved too, so that no quant goes negative). Refused
        (UserError) when LOT has not enough free stock there. Returns the
        lines that carry LOT."""
        self.ensure_one()
        move, product = self.move_id, self.product_id
        rounding = self.product_uom_id.rounding
        free = max(self.product_uom_qty - self.qty_done, 0.0)
        want = free if qty is None else qty
        if float_compare(want, 0, precision_rounding=rounding) <= 0:
            raise LotRefused(_(
                'All %s %s of this line are counted as lot %s: nothing is left to take from '
                'lot %s. Scan lot %s for more units.') % (
                self.qty_done, self.product_uom_id.name, self.lot_id.name, lot.name, lot.name))
        taken = min(want, free)
        done = 0.0 if qty is None else qty
        pieces = []
        stocked = product.type == 'product' and \
            not move.location_id.should_bypass_reservation()
        if stocked:
            Quant = self.env['stock.quant'].sudo()
            want_product = self.product_uom_id._compute_quantity(
                want, product.uom_id, rounding_method='HALF-UP')
            available = Quant._get_available_quantity(
                product, move.location_id, lot_id=lot, strict=False)
            if float_compare(available, want_product,
                             precision_rounding=product.uom_id.rounding) < 0:
                raise LotRefused(_(
                    'Lot %s of %s has %s %s free in %s, not the %s needed. Take the goods '
                    'from a lot with stock there.') % (
                    lot.name, product.display_name, max(available, 0.0), product.uom_id.name,
                    move.location_id.display_name, want_product))
            if float_compare(taken, 0, precision_rounding=rounding) > 0:
                # Odoo's write gives the quants of the planned lot back
                super(StockMoveLine, self).write({'product_uom_qty': self.product_uom_qty - taken})
            for quant, quantity in Quant._update_reserved_quantity(
                    product, move.location_id, want_product, lot_id=lot, strict=False):
                pieces.append((quant.location_id, quant.package_id, quant.owner_id,
                               product.uom_id._compute_quantity(
                                   quantity, self.product_uom_id, rounding_method='HALF-UP')))
        else:
            if float_compare(taken, 0, precision_rounding=rounding) > 0:
                super(StockMoveLine, self).write({'product_uom_qty': self.product_uom_qty - taken})
            pieces.append((self.location_id, self.package_id, self.owner_id, taken))
        lines = self.browse()
        planned = self.planned_lot_id or self.lot_id
        reuse = qty is None and float_compare(self.qty_done, 0, precision_rounding=rounding) <= 0
        for index, (location, package, owner, quantity) in enumerate(pieces):
            piece_done = done if index == len(pieces) - 1 else min(done, quantity)
            done -= piece_done
            if reuse and index == 0:
                # nothing counted on this line: its reservation moves to LOT
                super(StockMoveLine, self.with_context(bypass_reservation_update=True)).write({
                    'lot_id': lot.id, 'lot_name': False, 'location_id': location.id,
                    'package_id': package.id, 'owner_id': owner.id,
                    'product_uom_qty': quantity, 'lot_override_reason': reason})
                lines |= self
                continue
            values = {
                'move_id': move.id, 'picking_id': self.picking_id.id,
                'product_id': product.id, 'product_uom_id': self.product_uom_id.id,
                'location_id': location.id, 'location_dest_id': self.location_dest_id.id,
                'package_id': package.id, 'owner_id': owner.id,
                'lot_id': lot.id, 'product_uom_qty': quantity, 'qty_done': piece_done,
                'lot_override_reason': reason,
            }
            for name in ('workorder_id', 'production_id', 'lot_produced_id', 'done_wo'):
                if name in self._fields:
                    values[name] = self[name].id if self._fields[name].type == 'many2one' \
                        else self[name]
            line = self.create(values)
            # the new line replaces the planned lot of this one (code only)
            super(StockMoveLine, line).write({'planned_lot_id': planned.id})
            lines |= line
        if self not in lines and float_compare(
                self.product_uom_qty, 0, precision_rounding=rounding) <= 0 and float_compare(
                self.qty_done, 0, precision_rounding=rounding) <= 0:
            self.unlink()
        move._recompute_state()
        return lines

    def _lot_check_usable(self):
        """Refuse (UserError, the addon's message) these lines when one takes
        an expired, quarantined or too-short-shelf-life lot out of usable
        stock (delivery, consumption, transfer); scrap and returns to the
        vendor pass. Done and cancelled lines are not checked here. The one
        check for the paths that create or complete lines (create, imports,
        scanning apps); the rule itself is tools/lot_rules.py's."""
        for line in self:
            if not line.lot_id or line.state in ('done', 'cancel') or \
                    not line._lot_leaves_stock():
                continue
            cutoff, release_needed = line._lot_cutoff(), line._lot_release_needed()
            error = line.lot_id._usability_error(cutoff, release_needed)
            if error and line.lot_id._block_reason(cutoff, release_needed) == \
                    lot_rules.PENDING:
                raise LotRefused(_('%s It cannot be delivered or consumed before its release; '
                                   'it may be moved between internal locations (e.g. to '
                                   'quality control).') % error)
            if error:
                raise LotRefused(_('%s It cannot be delivered, consumed or moved; '
                                   'scrap it or return it to the vendor instead.') % error)

    def _action_done(self):
        self.filtered(lambda line: float_compare(
            line.qty_done, 0, precision_rounding=line.product_uom_id.rounding) > 0
        )._lot_check_usable()
        return super(StockMoveLine, self)._action_done()

    def _customer_lot_domain(self, lot_ids):
        """Done move lines carrying a lot of LOT_IDS to or from a customer
        (or fitted by a repair into a device without a lot: it went to the
        repair's customer, tools/move_kind_sql.py), of the companies the
        user works for (move lines have no record rule of their own in Odoo
        11: their move's company decides)."""
        lot_ids = [lot_id for lot_id in lot_ids if isinstance(lot_id, int)]
        self.env.cr.execute(_FITTED_INTO_DEVICES, {'lot_ids': lot_ids})
        fitted_ids = [row[0] for row in self.env.cr.fetchall()]
        domain = [('state', '=', 'done'), ('lot_id', 'in', lot_ids),
                  '|', '|', ('location_dest_id.usage', '=', 'customer'),
                  ('location_id.usage', '=', 'customer'), ('id', 'in', fitted_ids)]
        company_ids = self.env['stock.production.lot']._trace_company_ids()
        if company_ids is not None:
            domain.append(('move_id.company_id', 'in', company_ids))
        return domain

    @api.multi
    def _split_serial_lines(self, done_only):
        """Serial-tracked lines carrying more than one unit become one line
        per unit, so that each unit gets its own serial number. Returns the
        lines (the originals and the new ones)."""
        result = self.env['stock.move.line']
        for line in self:
            rounding = line.product_uom_id.rounding
            field = 'qty_done' if (done_only or line.qty_done) else 'product_uom_qty'
            units = line[field]
            if line.product_id.tracking != 'serial' or float_compare(
                    units, 1, precision_rounding=rounding) <= 0:
                result |= line
                continue
            if float_compare(units, int(units), precision_rounding=rounding) != 0:
                result |= line  # a fractional serial quantity: let stock refuse it
                continue
            line.write({field: 1})
            result |= line
            copy_vals = {'qty_done': 1 if field == 'qty_done' else 0,
                         'product_uom_qty': 0 if field == 'qty_done' else 1,
                         'lot_id': False, 'lot_name': False}
            for _unit in range(int(units) - 1):
                result |= line.copy(copy_vals)
        return result
