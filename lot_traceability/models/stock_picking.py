# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import OrderedDict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_round

from ..exceptions import LotRefused, PlainUserError
from ..tools.actions import open_record_action
from ..tools.chatter import html_body


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

    received_lot_line_ids = fields.Many2many(
        'stock.move.line', string='Lots Received', compute='_compute_pick_guidance_line_ids',
        help='The lots this receipt brings in, with quantity, expiry and destination.')

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

    # --- shelf life at receipt ----------------------------------------------
    shelf_life_issue = fields.Text(
        string='Short Shelf Life', compute='_compute_shelf_life_issue',
        help='Lots this receipt brings with less shelf life left than asked for.')
    shelf_life_accept_reason = fields.Text(
        string='Short Shelf Life Accepted Because', copy=False, track_visibility='onchange',
        help='A Quality Manager accepts the lots with a short shelf life by giving the reason '
             'here; validation waits for it (company setting).')
    shelf_life_accept_user_id = fields.Many2one(
        'res.users', string='Accepted By', readonly=True, copy=False)

    @api.depends('move_line_ids.lot_id', 'move_line_ids.location_id')
    def _compute_shelf_life_issue(self):
        for picking in self:
            issues = [line._lot_receipt_shelf_life_issue()
                      for line in picking.move_line_ids.filtered('lot_id')]
            picking.shelf_life_issue = '\n'.join(issue for issue in issues if issue) or False

    @api.depends('move_lines.lot_reservation_issue', 'move_lines.state',
                 'move_lines.reserved_availability', 'move_lines.product_uom_qty')
    def _compute_lot_reservation_issue(self):
        for picking in self:
            picking.lot_reservation_issue = picking.move_lines._lot_reservation_issue_summary()

    @api.depends('move_line_ids.location_id', 'move_line_ids.lot_id')
    def _compute_pick_guidance_line_ids(self):
        for picking in self:
            # nothing is picked from a vendor: a receipt lists its lots as received
            incoming = picking.location_id.usage in ('supplier', 'customer')
            lines = picking.move_line_ids
            picking.pick_guidance_line_ids = lines.browse() if incoming else \
                lines.sorted(key=pick_sort_key)
            picking.received_lot_line_ids = lines.filtered('lot_id') if incoming else \
                lines.browse()

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
    def action_view_returns(self):
        self.ensure_one()
        action = self.env.ref('lot_traceability.stock_picking_action_customer_return').read()[0]
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
        return self._returned_lots()[0].action_root_cause()

    @api.multi
    def action_return_open_recall(self):
        """Open a recall case on the returned lots, with this return as its reason."""
        self.ensure_one()
        lots = self._returned_lots()
        reason = _('Customer return %s from %s: %s') % (
            self.name, self.partner_id.display_name or '',
            self.return_reason_id.name or _('no reason given'))
        if self.return_note:
            reason = '%s\n%s' % (reason, self.return_note)
        recall = self.env['lot.recall'].create(self._recall_values(lots, reason))
        self.message_post(body=html_body(_('Recall %s opened from this return.'),
                                         recall.display_name))
        return open_record_action(recall)

    @api.multi
    def action_generate_lots(self):
        """Button: create the lots now, so labels print before put-away."""
        lots = self._generate_receipt_lots(done_only=False)
        if not lots:
            raise PlainUserError(
                _('Every lot/serial-tracked line of this receipt already has a lot.'),
                _('Lots already generated'))
        return True

    @api.multi
    def write(self, vals):
        """The acceptance of a short shelf life is a Quality Manager's, with
        a reason; who accepted is recorded by the code."""
        if 'shelf_life_accept_reason' in vals:
            self.env['stock.production.lot']._check_release_access()
            reason = (vals.get('shelf_life_accept_reason') or '').strip()
            vals = dict(vals, shelf_life_accept_reason=reason or False)
            result = super(StockPicking, self).write(vals)
            super(StockPicking, self.sudo()).write(
                {'shelf_life_accept_user_id': reason and self.env.uid or False})
            return result
        if 'shelf_life_accept_user_id' in vals:
            raise AccessError(_('Who accepted a short shelf life is recorded by the system.'))
        return super(StockPicking, self).write(vals)

    @api.multi
    def button_validate(self):
        # Before stock's "You need to supply a lot/serial number" check
        self._generate_receipt_lots(done_only=None)
        result = super(StockPicking, self).button_validate()
        return result or self._lot_label_action() or result

    @api.multi
    def action_done(self):
        # Immediate transfer and backorder wizards come here directly
        self._generate_receipt_lots(done_only=True)
        short = self._check_receipt_shelf_life()
        lots_before = self.mapped('move_line_ids.lot_id')
        result = super(StockPicking, self).action_done()
        self._record_lot_receipts(lots_before)
        self._reject_short_shelf_life(short)
        self._fsma_record_lot_code_sources()
        return result

    def _check_receipt_shelf_life(self):
        """Lots received with a short shelf life: refused (UserError) until
        a Quality Manager accepted them with a reason, or (company setting)
        returned as {lot: message} to be rejected once received."""
        to_reject = OrderedDict()
        for picking in self:
            issues = OrderedDict()
            for line in picking.move_line_ids.filtered(lambda ml: ml.lot_id and ml.qty_done):
                issue = line._lot_receipt_shelf_life_issue()
                if issue:
                    issues[line.lot_id] = issue
            if not issues:
                continue
            if picking.company_id.lot_receipt_shelf_life_policy == 'reject':
                to_reject.update(issues)
            elif not picking.shelf_life_accept_reason:
                raise LotRefused(_('%s\nA Quality Manager must accept it with a reason (field '
                                   '"Short Shelf Life Accepted Because" of %s), or remove the '
                                   'lot from the receipt.') % ('\n'.join(issues.values()),
                                                               picking.name))
        return to_reject

    def _reject_short_shelf_life(self, issues):
        """Reject the lots of ISSUES ({lot: message}), received with a short
        shelf life (the company's setting): the code's decision, logged."""
        for lot, issue in issues.items():
            if lot.release_state != 'rejected':
                lot._release_decide('reject', issue, origin='shelf_life')
        for picking in self:
            lots = [lot for lot in issues if lot in picking.move_line_ids.mapped('lot_id')]
            if lots:
                picking.message_post(body=html_body(
                    _('Lots rejected for a short shelf life: %s. Return them to the vendor.'),
                    ', '.join(lot.name for lot in lots)))

    @api.multi
    def action_print_lot_labels(self):
        lots = self.mapped('move_line_ids.lot_id')
        if not lots:
            raise PlainUserError(
                _('This transfer has no lots yet, so there are no labels to print. Use '
                  'Generate Lots first (or enter the lots on its lines), then Print Lot '
                  'Labels.'), _('No lots to print yet'))
        return lots._label_report_action()

    @api.multi
    def _returned_lots(self):
        self.ensure_one()
        lots = self.returned_lot_ids
        if not lots:
            raise UserError(_('Return %s has no lot yet: set the returned lot on its lines '
                              'first.') % self.name)
        return lots

    @api.model
    def _recall_values(self, lots, reason):
        return {'lot_ids': [(6, 0, lots.ids)], 'reason': reason}

    # ------------------------------------------------------------ scanning
    def _lot_scan_move_domain(self):
        return [('picking_id', '=', self.id)]

    def _lot_scan_can_create_lots(self):
        """Receipts whose operation type creates lots: unknown lots are new lots."""
        return self.picking_type_id.code == 'incoming' and self.picking_type_id.use_create_lots

    # -- lot generation ----------------------------------------------------

    def _lot_autogen_enabled(self):
        self.ensure_one()
        picking_type = self.picking_type_id
        return picking_type.code == 'incoming' and picking_type.use_create_lots

    def _lot_autogen_lines(self, done_only):
        """Move lines of lot/serial-tracked products that have no lot (typed
        or scanned lots are kept). DONE_ONLY: only lines with a quantity
        done; False: every line (the "Generate lots" button); None: as
        stock's own lot check does, the lines with a quantity done, or every
        line when none has one (the immediate transfer will process them all)."""
        lines = self.env['stock.move.line']
        for picking in self.filtered(lambda p: p.state not in ('done', 'cancel')):
            if not picking._lot_autogen_enabled():
                continue
            # returned goods keep their lot: the user gives it, never a new one
            candidates = picking.move_line_ids.filtered(
                lambda ml: ml.product_id.tracking != 'none' and not ml.lot_id and not ml.lot_name
                and not ml.move_id.origin_returned_move_id)
            done = candidates.filtered(lambda ml: float_compare(
                ml.qty_done, 0, precision_rounding=ml.product_uom_id.rounding) > 0)
            if done_only is None:
                any_done = any(float_compare(ml.qty_done, 0,
                                             precision_rounding=ml.product_uom_id.rounding) > 0
                               for ml in picking.move_line_ids)
                lines |= done if any_done else candidates
            else:
                lines |= done if done_only else candidates
        return lines

    @api.multi
    def _generate_receipt_lots(self, done_only=True):
        """Give every move line without a lot a new lot: one lot per stock
        move (one purchase-order line received at once), one serial per unit.
        Returns the new lots."""
        lines = self._lot_autogen_lines(done_only)
        if not lines:
            return self.env['stock.production.lot']
        lines = lines._split_serial_lines(done_only)
        groups = OrderedDict()
        for line in lines:
            if line.product_id.tracking == 'serial':
                key = ('line', line.id)
            else:
                key = ('move', line.move_id.id or line.id, line.picking_id.id)
            groups.setdefault(key, self.env['stock.move.line'])
            groups[key] |= line
        Lot = self.env['stock.production.lot']
        lots = Lot
        for group in groups.values():
            first = group[0]
            picking = first.picking_id
            lot = Lot._create_auto_lot(
                first.product_id, picking.company_id, picking._lot_origin_vals(first.move_id))
            lot._fsma_set_lot_code_source(picking._fsma_site_partner(), first.supplier_lot_code)
            group.write({'lot_id': lot.id, 'lot_name': False})
            lots |= lot
        for picking in lines.mapped('picking_id'):
            names = lots.filtered(lambda rec: rec.receipt_picking_id == picking).mapped('name')
            picking.message_post(body=html_body(_('Lots generated: %s'), ', '.join(names)))
        return lots

    def _lot_origin_vals(self, move):
        self.ensure_one()
        purchase_line = move.purchase_line_id
        vendor = purchase_line.order_id.partner_id or self.partner_id
        return {
            'vendor_id': vendor.commercial_partner_id.id or False,
            'purchase_line_id': purchase_line.id or False,
            'receipt_picking_id': self.id,
        }

    def _record_lot_receipts(self, lots_before):
        """Fill the origin fields of the lots these receipts brought in first:
        those generated for them, those stock created from typed names (not
        in LOTS_BEFORE), and those already on the lines (scanned, typed,
        imported, created by another module) that were never in stock
        before. Lots received or made before are left as they are."""
        for picking in self._done_receipts():
            received = OrderedDict()
            for line in picking.move_line_ids.filtered(lambda ml: ml.lot_id and ml.qty_done):
                lot = line.lot_id
                if lot.receipt_picking_id != picking and (
                        lot.receipt_picking_id or (
                            lot in lots_before and not picking._lot_first_received_here(lot))):
                    continue
                qty = line.product_uom_id._compute_quantity(line.qty_done, line.product_id.uom_id)
                entry = received.setdefault(lot, {'qty': 0.0, 'move': line.move_id,
                                                  'code': False})
                entry['qty'] += qty
                entry['code'] = entry['code'] or line.supplier_lot_code
            for lot, entry in received.items():
                vals = {
                    'receipt_date': picking.date_done,
                    'received_qty': float_round(
                        entry['qty'], precision_rounding=lot.product_id.uom_id.rounding),
                }
                if not lot.receipt_picking_id:
                    vals.update(picking._lot_origin_vals(entry['move']))
                if entry['code'] and not lot.supplier_lot_code:
                    vals['supplier_lot_code'] = entry['code']
                lot.write(vals)
                if lot.product_id._lot_release_required('receipt'):
                    lot._set_pending_release()

    def _lot_first_received_here(self, lot):
        """Whether LOT, on this done receipt's lines since before its
        validation, came into stock here first: made by no manufacturing
        order and moved by no done operation but this receipt's."""
        self.ensure_one()
        if lot.production_id:
            return False
        self.env.cr.execute("""
            SELECT 1 FROM stock_move_line
             WHERE lot_id = %s AND state = 'done' AND picking_id IS DISTINCT FROM %s
             LIMIT 1""", (lot.id, self.id))
        return not self.env.cr.fetchone()

    def _fsma_record_lot_code_sources(self):
        """Lots received under a code we did not give (typed, scanned, or known
        before) got it from the supplier: the vendor is their lot code source.
        Lots our receipt numbered got our site when they were generated."""
        for picking in self._done_receipts():
            lots = picking.move_line_ids.filtered(
                lambda ml: ml.lot_id and ml.qty_done).mapped('lot_id')
            for lot in lots.filtered(
                    lambda rec: not rec.tlc_source_partner_id and not rec.production_id):
                lot._fsma_set_lot_code_source(picking._fsma_vendor_address(lot), lot.name)

    def _fsma_site_partner(self):
        """Address of the warehouse this transfer belongs to (else the company's)."""
        self.ensure_one()
        return self.picking_type_id.warehouse_id.partner_id or self.company_id.partner_id

    def _fsma_vendor_address(self, lot):
        """The vendor's delivery address (else the vendor) that sent LOT."""
        vendor = self.partner_id or lot.vendor_id
        delivery = vendor.address_get(['delivery'])['delivery']
        return self.env['res.partner'].browse(delivery) if delivery else vendor

    def _done_receipts(self):
        return self.filtered(lambda p: p.state == 'done' and p.picking_type_code == 'incoming')

    # -- labels --------------------------------------------------------------

    def _lot_label_action(self):
        """The label PDF of the lots created by these (done) receipts, when
        their operation type asks for it; else False."""
        pickings = self.filtered(
            lambda p: p.state == 'done' and p.picking_type_id.print_lot_labels)
        if not pickings:
            return False
        lots = self.env['stock.production.lot'].search(
            [('receipt_picking_id', 'in', pickings.ids)])
        return lots._label_report_action() if lots else False
