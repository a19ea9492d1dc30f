# Copyright 2026 lot_traceability contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.tools.float_utils import float_compare

from odoo.addons.lot_traceability.tools import lot_rules


class WizStockBarcodesReadPicking(models.TransientModel):
    _inherit = 'wiz.stock.barcodes.read.picking'

    def process_barcode(self, barcode):
        result = super(WizStockBarcodesReadPicking, self).process_barcode(barcode)
        # stock_barcodes_gs1 says "Barcode read correctly" whatever was done
        refusal = self._lot_traceability_refusal()
        if refusal:
            self._set_messagge_info('not_found', refusal)
        return result

    def process_lot(self, barcode_decoded):
        """A label whose expiry (AI 17) has passed gives no lot on a transfer
        (counting it in an inventory stays possible)."""
        expiry = self._lot_label_datetime(barcode_decoded, '17')
        now = fields.Datetime.from_string(fields.Datetime.now())
        if expiry and lot_rules.is_expired(expiry, now):
            self.lot_id = False
            self.lot_refusal = self.env['stock.production.lot']._scan_refusal(
                lot_rules.EXPIRED, barcode_decoded.get('10'), self.product_id, expiry)[1]
            return False
        return super(WizStockBarcodesReadPicking, self).process_lot(barcode_decoded)

    def check_done_conditions(self):
        """Nothing is recorded with a blocked lot: lot_traceability's refusal
        is the screen's message. A tracked product scanned without its lot
        on a delivery is told the lot FEFO planned."""
        refusal = self._lot_traceability_refusal()
        if refusal:
            self._set_messagge_info('not_found', refusal)
            return False
        result = super(WizStockBarcodesReadPicking, self).check_done_conditions()
        if not result and self.product_id.tracking != 'none' and not self.lot_id:
            planned = self._lot_traceability_planned_lot()
            if planned:
                self._set_messagge_info('info', _(
                    'Waiting for input lot: scan lot %s (planned, first to expire).')
                    % planned.name)
        return result

    def _prepare_lot_values(self, barcode_decoded):
        """On a receipt, the label's lot (AI 10) is also the supplier's lot code."""
        values = super(WizStockBarcodesReadPicking, self)._prepare_lot_values(barcode_decoded)
        code = self.picking_type_code or self.picking_id.picking_type_code
        if code == 'incoming' and barcode_decoded.get('10'):
            values['supplier_lot_code'] = barcode_decoded['10']
        return values

    def _create_lot(self, barcode_decoded):
        """Lots are created only where lot_traceability's own scans create
        them (receipts whose operation type creates lots)."""
        if self.picking_id and not self.picking_id._lot_scan_can_create_lots():
            self.lot_refusal = _('Unknown lot: %s has no lot %s.') % (
                self.product_id.display_name, barcode_decoded.get('10'))
            return self.env['stock.production.lot'].browse()
        return super(WizStockBarcodesReadPicking, self)._create_lot(barcode_decoded)

    def _lot_traceability_refusal(self):
        """lot_traceability's message when the lot read must not be used
        (label expired, lot quarantined or expired), else False."""
        if self.lot_refusal:
            return self.lot_refusal
        if self.lot_id:
            return self.lot_id._usability_error(release_needed=self._lot_release_needed())
        return False

    def _lot_release_needed(self):
        """Whether the lot read must be released by quality: when the
        transfer takes goods out of internal locations (a delivery, not a
        receipt nor a move to quality control), as lot_traceability's rule
        says for its moves."""
        moves = self.picking_id.move_lines.filtered(
            lambda move: move.product_id == self.product_id) or self.picking_id.move_lines
        if moves:
            return any(move._lot_release_needed() for move in moves
                       if move.location_id.usage == 'internal')
        return self.picking_id.location_id.usage == 'internal' and \
            self.picking_id.location_dest_id.usage != 'internal'

    def _lot_traceability_planned_lot(self):
        """The lot reserved (FEFO) on the first line of this product still
        to do on the locked transfer, if any."""
        lines = self.picking_id.move_line_ids.filtered(
            lambda line: line.product_id == self.product_id and line.lot_id and float_compare(
                line.qty_done, line.product_uom_qty,
                precision_rounding=line.product_uom_id.rounding) < 0)
        return lines[:1].lot_id
