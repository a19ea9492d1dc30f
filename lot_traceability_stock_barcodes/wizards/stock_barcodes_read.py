# Copyright 2026 lot_traceability contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.lot_traceability.tools import lot_rules


class WizStockBarcodesRead(models.AbstractModel):
    _inherit = 'wiz.stock.barcodes.read'

    # why the last GS1 label read may not be used on a transfer (expired
    # label, lot unknown where lots are not created): the lot is then
    # neither created nor put in the screen
    lot_refusal = fields.Char(readonly=True)

    def on_barcode_scanned(self, barcode):
        self.lot_refusal = False
        return super(WizStockBarcodesRead, self).on_barcode_scanned(barcode)

    def process_lot(self, barcode_decoded):
        """The label's count (AI 30) is the quantity when it carries no AI 37."""
        result = super(WizStockBarcodesRead, self).process_lot(barcode_decoded)
        if not barcode_decoded.get('37') and barcode_decoded.get('30'):
            self.product_qty = float(barcode_decoded['30'])
        return result

    def _prepare_lot_values(self, barcode_decoded):
        """The label's end of life (AI 17) and best before (AI 15) on the new
        lot, as lot_traceability's own scans store them."""
        values = super(WizStockBarcodesRead, self)._prepare_lot_values(barcode_decoded)
        for field, ai in (('life_date', '17'), ('use_date', '15')):
            label_date = self._lot_label_datetime(barcode_decoded, ai)
            if label_date:
                values[field] = fields.Datetime.to_string(label_date)
        return values

    def _create_lot(self, barcode_decoded):
        """A lot created with its label's dates says they came from the label."""
        lot = super(WizStockBarcodesRead, self)._create_lot(barcode_decoded)
        if lot and any(self._lot_label_datetime(barcode_decoded, ai) for ai in ('17', '15')):
            lot._mark_expiry_from_label()
        return lot

    def _lot_label_datetime(self, barcode_decoded, ai):
        """The end of the day the label's date AI gives (naive UTC), or None."""
        value = barcode_decoded.get(ai)
        if not value:
            return None
        return lot_rules.label_expiry_datetime(fields.Date.from_string(value))
