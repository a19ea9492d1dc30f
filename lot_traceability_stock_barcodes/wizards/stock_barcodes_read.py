# Copyright 2026 lot_traceability contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models

from odoo.addons.lot_traceability.tools import lot_rules


class WizStockBarcodesRead(models.AbstractModel):
    _inherit = 'wiz.stock.barcodes.read'

    # why the last GS1 label read may not be used (its expiry has passed):
    # the lot is then neither created nor put in the screen
    lot_refusal = fields.Char(readonly=True)

    def on_barcode_scanned(self, barcode):
        self.lot_refusal = False
        return super(WizStockBarcodesRead, self).on_barcode_scanned(barcode)

    def process_lot(self, barcode_decoded):
        """A label whose expiry (AI 17) has passed gives no lot; the label's
        count (AI 30) is the quantity when it carries no AI 37."""
        expiry = self._lot_label_datetime(barcode_decoded, '17')
        now = fields.Datetime.from_string(fields.Datetime.now())
        if expiry and lot_rules.is_expired(expiry, now):
            self.lot_id = False
            self.lot_refusal = _('Expired: lot %s of %s expired on %s. Do not use it.') % (
                barcode_decoded.get('10'), self.product_id.display_name,
                barcode_decoded.get('17'))
            return
        super(WizStockBarcodesRead, self).process_lot(barcode_decoded)
        if not barcode_decoded.get('37') and barcode_decoded.get('30'):
            self.product_qty = float(barcode_decoded['30'])

    def _prepare_lot_values(self, barcode_decoded):
        """The label's end of life (AI 17) and best before (AI 15) on the new
        lot, as lot_traceability's own scans store them."""
        values = super(WizStockBarcodesRead, self)._prepare_lot_values(barcode_decoded)
        for field, ai in (('life_date', '17'), ('use_date', '15')):
            label_date = self._lot_label_datetime(barcode_decoded, ai)
            if label_date:
                values[field] = fields.Datetime.to_string(label_date)
        return values

    def _lot_label_datetime(self, barcode_decoded, ai):
        """The end of the day the label's date AI gives (naive UTC), or None."""
        value = barcode_decoded.get(ai)
        if not value:
            return None
        return lot_rules.label_expiry_datetime(fields.Date.from_string(value))
