# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scanning a barcode on a document with move lines: the one implementation.

The JSON endpoint ``/lot_traceability/scan`` (controllers/scan.py), which the
form also calls for a saved document (static/src/js/lot_scan_form.js), runs
:func:`scan_document`, which calls :meth:`LotScanMixin.lot_scan`. Documents
(``stock.picking``, ``mrp.production``) only say which move lines a scan may
touch and whether unknown lots may be created."""
from psycopg2 import IntegrityError
from psycopg2.extensions import TransactionRollbackError

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tools import float_compare

from ..tools import lot_rules

CLOSED_STATES = ('done', 'cancel')
SCAN_MODELS = ('stock.picking', 'mrp.production')


def scan_document(env, model, res_id, barcode, reason=None, scan_id=None):
    """One scan on document MODEL,RES_ID for the user of ENV (the endpoint's).

    Refuses models that are no scanning documents and users who may not
    read lots (the answer tells a lot's status); ``lot_scan`` refuses
    documents that do not exist or that the user may not write, with one
    same answer. Transaction control (retry of a scan that met a concurrent
    one) is the caller's: controllers/scan.py."""
    if model not in SCAN_MODELS:
        raise UserError(_('Scanning is possible on transfers and manufacturing orders only, '
                          'not on %s.') % model)
    if not env['stock.production.lot'].check_access_rights('read', raise_exception=False):
        raise AccessError(_('Scanning lots needs Inventory or Manufacturing user rights.'))
    return env[model].browse(res_id).lot_scan(barcode, reason=reason, scan_id=scan_id)


class ScanRefused(Exception):
    """A scan that must not write anything: carries the answer to give."""

    def __init__(self, status, code, message, line=None):
        super(ScanRefused, self).__init__(message)
        self.answer = (status, code, message, line)


class LotScanMixin(models.AbstractModel):
    _name = 'lot.scan.mixin'
    _inherit = ['barcodes.barcode_events_mixin']
    _description = 'Lot scanning on a document with move lines'

    # ------------------------------------------------------------ entry points
    @api.multi
    def lot_scan(self, barcode, reason=False, scan_id=False):
        """Apply one scan to this document and return the answer::

            {'status': 'ok'|'warning'|'error',
             'code': 'matched'|'wrong_product'|'lot_not_planned'|'expired'|
                     'quarantined'|'pending_release'|'rejected'|'unknown'|
                     'malformed',
             'message': text for the worker,
             'line': {'id', 'product', 'lot', 'qty_done', 'qty_todo'} or False}

        A refused scan writes nothing. REASON, when given, overrides the
        planned lot of the line (``stock.move.line._lot_override``).

        SCAN_ID, when given, makes the scan idempotent: the answer is kept
        (``lot.scan.request``, in this transaction) and the same SCAN_ID sent
        again by the same user returns that first answer and changes nothing;
        sent again with another document, barcode or reason it is refused."""
        self.ensure_one()
        self._lot_scan_check_access()
        if barcode not in (None, False) and not isinstance(barcode, str):
            raise UserError(_('The barcode must be text, not %s.') % (barcode,))
        if reason not in (None, False) and not isinstance(reason, str):
            raise UserError(_('The reason must be text, not %s.') % (reason,))
        if scan_id is None or scan_id is False:
            return self._lot_scan_answer(barcode, reason)
        # the memory of scan ids is written in SQL by its private methods,
        # after the access check above: users read their own requests only
        # and write none (security/)
        memory = self.env['lot.scan.request']
        memory._check_scan_id(scan_id)
        request = (self.env.uid, scan_id, self._name, self.id, barcode, reason)
        try:
            with self.env.cr.savepoint():
                answer = memory._claim(*request)
                if answer is None:
                    answer = self._lot_scan_answer(barcode, reason)
                    memory._store_answer(self.env.uid, scan_id, answer)
        except (TransactionRollbackError, IntegrityError):
            # a concurrent transaction committed first: when it was this very
            # scan, its answer is the answer; else the caller retries the scan
            # (scan_with_retry) and nothing of this try was kept
            answer = memory._committed_answer(*request)
            if answer is None:
                raise
        return answer

    def _lot_scan_answer(self, barcode, reason):
        """The scan itself (lot_scan has checked access and input): the answer."""
        try:
            with self.env.cr.savepoint():
                status, code, message, line = self._lot_scan_apply(barcode, reason)
        except ScanRefused as refused:
            status, code, message, line = refused.answer
        return {
            'status': status,
            'code': code,
            'message': message,
            'line': self._lot_scan_line_info(line),
        }

    def on_barcode_scanned(self, barcode):
        """Form handler of the barcodes module (an onchange, which records
        nothing). The form sends a scan on a saved document to the scan
        endpoint instead (lot_scan_form.js): only the other cases get here."""
        record = self if isinstance(self.id, int) else getattr(self, '_origin', self.browse())
        if not record.id:
            return {'warning': {'title': _('Save first'), 'message': _(
                'Save the document before scanning.')}}
        return {'warning': {'title': _('Scan not recorded'), 'message': _(
            'This scan was not recorded: reload the page and scan again.')}}

    def _lot_scan_check_access(self):
        """Only a user who may read lots and write this document records
        scans on it; a document that does not exist gets the same answer as
        one of another company (no "exists but not yours").

        Checked once, here: the scan then reads this document's moves and
        the lots of its company as superuser (the multi-company rules of
        moves and lots are the document's own), instead of evaluating those
        rules again on every search and read."""
        if not self.env['stock.production.lot'].check_access_rights(
                'read', raise_exception=False):
            raise AccessError(_('Scanning lots needs Inventory or Manufacturing user rights.'))
        allowed = bool(self.exists())
        if allowed:
            try:
                self.check_access_rights('write')
                self.check_access_rule('write')
            except (AccessError, MissingError):
                allowed = False
        if not allowed:
            # raised here, outside the handler: the same traceback either way
            raise AccessError(_('This document does not exist or you may not record scans '
                                'on it.'))

    # ------------------------------------------------------------ document hooks
    def _lot_scan_move_domain(self):
        """Domain of the stock moves of this one document a scan may complete.

        A domain rather than a recordset: on a 200-line document the scan must
        not load every move."""
        raise NotImplementedError()

    def _lot_scan_company(self):
        """The company whose lots a scan finds and creates: the document's.

        Only that column is read, as superuser: lot_scan has checked the
        user's right to write the document, and the document's ordinary
        prefetch would read all its columns under the record rules again."""
        if 'company_id' in self._fields:
            company = self.sudo().with_context(prefetch_fields=False).company_id
            if company:
                return self.env['res.company'].browse(company.id)
        return self.env.user.company_id

    def _lot_scan_document_lines(self, lines, lot, qty, reason, created):
        """The answer of a scan of LOT that this document's own lines take
        (e.g. a work order's lines), or False for the common rules."""
        return False

    def _lot_scan_can_create_lots(self):
        """True when a scanned lot that does not exist yet may be created."""
        return False

    def _lot_scan_new_line_values(self, move):
        return {
            'move_id': move.id,
            'product_id': move.product_id.id,
            'product_uom_id': move.product_uom.id,
            'location_id': move.location_id.id,
            'location_dest_id': move.location_dest_id.id,
            'picking_id': move.picking_id.id,
            'qty_done': 0.0,
        }

    # ------------------------------------------------------------ the logic
    def _lot_scan_apply(self, barcode, reason):
        scan = self._lot_scan_interpret(barcode)
        product = scan['product'] = self._lot_scan_product(scan['product'])
        # the moves of this one document (see _lot_scan_check_access), in
        # their order (picking_id, sequence, id) without the join on the picking
        moves = self.env['stock.move'].sudo().search(self._lot_scan_move_domain() + [
            ('product_id', '=', product.id), ('state', 'not in', CLOSED_STATES)],
            order='sequence, id').with_env(self.env)
        if not moves:
            raise ScanRefused('error', 'wrong_product', _(
                'Wrong product: %s is not in %s.') % (product.display_name, self.display_name))
        lines = self.env['stock.move.line'].search(
            [('move_id', 'in', moves.ids), ('state', 'not in', CLOSED_STATES)])
        if scan['qty'] is not False and float_compare(
                scan['qty'], 0, precision_rounding=product.uom_id.rounding) <= 0:
            raise ScanRefused('error', 'malformed', _(
                'Malformed barcode: it gives the quantity %s; scan a label with a quantity '
                'of at least one.') % scan['qty'])
        qty = scan['qty'] or 1.0
        if product.tracking == 'serial':
            qty = 1.0
        if product.tracking == 'none':
            line = self._lot_scan_pick(lines) or self._lot_scan_new_line(moves)
            self._lot_scan_increment(line, qty)
            return self._lot_scan_matched(line, _('%s: %s done.') % (
                product.display_name, self._lot_scan_qty_text(line)))
        if not scan['lot_name']:
            raise ScanRefused('warning', 'unknown', _(
                '%s is tracked by lot: scan the lot label (or a GS1 barcode with the lot).')
                % product.display_name)
        lot, created = self._lot_scan_lot(scan)
        self._lot_scan_check_release(lot, moves)
        answer = self._lot_scan_document_lines(lines, lot, qty, reason, created)
        if answer:
            return answer
        same = lines.filtered(
            lambda rec: rec.lot_id == lot or (not rec.lot_id and rec.lot_name == lot.name))
        line = self._lot_scan_pick(same)
        if line:
            self._lot_scan_increment(line, qty, lot)
            return self._lot_scan_matched(line, self._lot_scan_ok_text(line, created))
        free = lines.filtered(lambda rec: not rec.lot_id and not rec.lot_name)
        line = self._lot_scan_pick(free)
        if line:
            self._lot_scan_increment(line, qty, lot)
            return self._lot_scan_matched(line, self._lot_scan_ok_text(line, created))
        if self._lot_scan_can_create_lots() or not lines:
            # receipts plan no lot: one more line for one more lot
            line = self._lot_scan_new_line(moves)
            self._lot_scan_increment(line, qty, lot)
            return self._lot_scan_matched(line, self._lot_scan_ok_text(line, created))
        return self._lot_scan_not_planned(lines, lot, qty, reason)

    def _lot_scan_interpret(self, barcode):
        """-> dict(product, lot_name, qty, life_date, use_date); ScanRefused if
        unusable (lot.scan.reader: lots of this document's company,
        preferring this document's products)."""
        return self.env['lot.scan.reader']._interpret(
            barcode, self._lot_scan_company(), self._lot_scan_product_ids)

    def _lot_scan_product_ids(self):
        """Ids of the products of this document's moves."""
        return {row['product_id'][0] for row in self.env['stock.move'].search_read(
            self._lot_scan_move_domain(), ['product_id'])}

    def _lot_scan_product(self, product):
        """PRODUCT, found by the user's own search, with what a scan uses of
        it read in one query, in the superuser's environment.

        Odoo's product name_get reads the name as superuser: reading the
        scan's fields in that environment serves the answer's product name
        too, where the ordinary prefetch would read the product and all 46
        template columns (each translatable one through ir_translation) once
        for the user and once more for name_get."""
        product = product.sudo()
        product.read(['product_tmpl_id', 'default_code', 'name', 'tracking', 'uom_id'],
                     load='_classic_write')
        return product

    def _lot_scan_lot(self, scan):
        """The scanned lot (found or created) -> (lot, created); ScanRefused if unusable."""
        product, name = scan['product'], scan['lot_name']
        Lot = self.env['stock.production.lot']
        now = fields.Datetime.from_string(fields.Datetime.now())
        label_life_date = scan['life_date'] and lot_rules.label_expiry_datetime(
            scan['life_date'])
        if label_life_date and lot_rules.is_expired(label_life_date, now):
            raise ScanRefused('error', *Lot._scan_refusal(
                lot_rules.EXPIRED, name, product, label_life_date))
        # a lot of the document's company (see _lot_scan_check_access)
        lot = Lot.sudo().search(
            [('name', '=', name), ('product_id', '=', product.id),
             ('company_id', '=', self._lot_scan_company().id)], limit=1)
        if lot:
            reason = lot._scan_blocking_reason()
            if reason:
                raise ScanRefused('error', *Lot._scan_refusal(
                    reason, lot.name, product, lot.life_date, lot.quarantine_reason))
            return lot.with_env(self.env), False
        if not self._lot_scan_can_create_lots():
            raise ScanRefused('error', 'unknown', _(
                'Unknown lot: %s has no lot %s.') % (product.display_name, name))
        values = {'name': name, 'product_id': product.id,
                  'company_id': self._lot_scan_company().id}
        for key in ('life_date', 'use_date'):
            if scan[key]:
                values[key] = fields.Datetime.to_string(lot_rules.label_expiry_datetime(scan[key]))
        lot = Lot.create(values)
        if scan['life_date'] or scan['use_date']:
            lot._mark_expiry_from_label()
        return lot, True

    def _lot_scan_check_release(self, lot, moves):
        """ScanRefused when LOT, not released by quality, would leave usable
        stock with MOVES (delivery, consumption); receipts and moves between
        internal locations (e.g. to quality control) take it."""
        move = moves[0]
        line = self.env['stock.move.line'].new({
            'move_id': move.id, 'location_id': move.location_id.id,
            'location_dest_id': move.location_dest_id.id})
        if not line._lot_leaves_stock():
            return
        reason = lot.sudo()._block_reason(line._lot_cutoff(), move._lot_release_needed())
        if reason in lot_rules.BLOCKING_RELEASE_STATES:
            raise ScanRefused('error', *lot._scan_refusal(
                reason, lot.name, lot.product_id))

    def _lot_scan_not_planned(self, lines, lot, qty, reason):
        planned = self._lot_scan_pick(lines)
        planned_name = planned.lot_id.name or planned.lot_name
        if not reason:
            raise ScanRefused('warning', 'lot_not_planned', _(
                'Lot %s is not the planned lot %s. Scan lot %s, or override the planned lot '
                'with a reason.') % (lot.name, planned_name, planned_name), planned)
        # the units counted on the planned lot's line keep their lot: the
        # scanned quantity of LOT gets a line of its own (_lot_split_override)
        try:
            with self.env.cr.savepoint():
                answer = planned._lot_override(lot, reason, 'scan', qty=qty)
        except UserError as error:
            raise ScanRefused('error', 'lot_not_planned', error.name, planned)
        line = planned.browse(answer['line_ids'][-1:])
        return 'warning', 'lot_not_planned', _(
            'Lot %s recorded instead of the planned lot %s (reason: %s); %s done.') % (
            lot.name, planned_name, reason, self._lot_scan_qty_text(line)), line

    # ------------------------------------------------------------ small helpers
    def _lot_scan_pick(self, lines):
        """The first line still missing quantity, else the first line."""
        for line in lines:
            if float_compare(line.qty_done, line.product_uom_qty or line.move_id.product_uom_qty,
                             precision_rounding=line.product_uom_id.rounding) < 0:
                return line
        return lines[:1]

    def _lot_scan_new_line(self, moves):
        move = moves[0]
        return self.env['stock.move.line'].create(self._lot_scan_new_line_values(move))

    def _lot_scan_increment(self, line, qty, lot=None):
        """Add QTY to the line's done quantity under a row lock (no lost increment)."""
        self.env.cr.execute(
            'SELECT qty_done FROM stock_move_line WHERE id = %s FOR UPDATE', (line.id,))
        current = self.env.cr.fetchone()[0] or 0.0
        line.invalidate_cache(['qty_done'], line.ids)
        values = {'qty_done': current + qty}
        if lot and line.lot_id != lot:
            values.update(lot_id=lot.id, lot_name=False)
        line.write(values)

    def _lot_scan_matched(self, line, message):
        """The answer of a recorded scan; a warning when more is done than planned."""
        todo = line.product_uom_qty or line.move_id.product_uom_qty
        issue = line._lot_receipt_shelf_life_issue()
        if issue:
            return 'warning', 'shelf_life', message + ' ' + issue, line
        if float_compare(line.qty_done, todo, precision_rounding=line.product_uom_id.rounding) > 0:
            return 'warning', 'matched', message + ' ' + _('This is more than planned.'), line
        return 'ok', 'matched', message, line

    def _lot_scan_qty_text(self, line):
        return _('%s / %s %s') % (line.qty_done,
                                  line.product_uom_qty or line.move_id.product_uom_qty,
                                  line.product_uom_id.name)

    def _lot_scan_lot_name(self, line):
        """The name of LINE's lot, read as superuser as Odoo reads the name of
        a many2one (the lot is of the document's company: _lot_scan_check_access)."""
        return line.lot_id.sudo().name

    def _lot_scan_ok_text(self, line, created):
        lot_name = self._lot_scan_lot_name(line)
        text = _('Lot %s of %s: %s done.') % (
            lot_name, line.product_id.display_name, self._lot_scan_qty_text(line))
        if created:
            text = _('New lot %s created. ') % lot_name + text
        if line.location_id.usage == 'supplier' and \
                line.product_id._lot_release_required('receipt'):
            text += ' ' + _('Put the lot aside: it awaits quality release.')
        return text

    def _lot_scan_line_info(self, line):
        if not line:
            return False
        return {
            'id': line.id,
            'product': line.product_id.display_name,
            'lot': self._lot_scan_lot_name(line) or line.lot_name or False,
            'qty_done': line.qty_done,
            'qty_todo': line.product_uom_qty or line.move_id.product_uom_qty,
        }
