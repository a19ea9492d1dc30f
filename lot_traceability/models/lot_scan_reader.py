# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models

from ..tools import gs1
from .lot_scan_mixin import ScanRefused


class LotScanReader(models.AbstractModel):
    """What a scanned barcode says (product, lot, quantity, label dates):
    the one reading of a scan, for documents (lot.scan.mixin) and the scan
    lookup (lot.scan.lookup). Private methods only."""
    _name = 'lot.scan.reader'
    _description = 'Reading of a scanned barcode'

    @api.model
    def _interpret(self, barcode, company, preferred_product_ids=None):
        """What BARCODE says, for this user: dict(product, lot_name, qty,
        life_date, use_date); ScanRefused when it says nothing usable. A lot
        number alone is looked up among COMPANY's lots; when several products
        have a lot of that name, PREFERRED_PRODUCT_IDS (None, or a function
        returning product ids, e.g. a document's) picks."""
        text = (barcode or '').strip()
        text = gs1.without_symbology(text)   # ]C0 ]E0 ]d1 ...: the plain data
        if not text:
            raise ScanRefused('error', 'malformed', _('Malformed barcode: the scan is empty.'))
        scan = {'product': False, 'lot_name': False, 'qty': False,
                'life_date': False, 'use_date': False}
        if not gs1.looks_like_gs1(text):
            product = self._find_product(text)
            if product:
                scan['product'] = product
                return scan
            lot = self._find_lot(text, company, preferred_product_ids)
            if lot:
                scan.update(product=lot.product_id, lot_name=lot.name)
                return scan
        try:
            code = gs1.parse(text)
        except gs1.GS1Error as error:
            if gs1.looks_like_gs1(text) or (text.isdigit() and text[:2] in ('00', '01', '02')
                                            and len(text) >= 16):
                raise ScanRefused('error', 'malformed', _('Malformed barcode: %s') % error)
            raise ScanRefused('error', 'unknown', _(
                'Unknown barcode %s: no product, lot or GS1 data under it.') % text)
        scan.update(lot_name=code.lot or code.serial,
                    qty=float(code.quantity) if code.quantity is not None else False,
                    life_date=code.expiry_date, use_date=code.best_before_date)
        if code.gtin:
            product = self._find_product(code.gtin)
            if not product:
                raise ScanRefused('error', 'wrong_product', _(
                    'Wrong product: no product has the GTIN %s.') % code.gtin)
            scan['product'] = product
        elif scan['lot_name']:
            lot = self._find_lot(scan['lot_name'], company, preferred_product_ids)
            if not lot:
                raise ScanRefused('error', 'unknown', _(
                    'Unknown lot %s: the barcode names no product and no lot has this '
                    'number.') % scan['lot_name'])
            scan['product'] = lot.product_id
        elif gs1.looks_like_gs1(text):
            raise ScanRefused('error', 'malformed', _(
                'Malformed barcode: it carries neither a product (GTIN) nor a lot.'))
        else:
            raise ScanRefused('error', 'unknown', _(
                'Unknown barcode %s: no product, lot or GS1 data under it.') % text)
        return scan

    @api.model
    def _find_product(self, code):
        """The product whose barcode is CODE, or the same GTIN written with 8-14 digits."""
        Product = self.env['product.product']
        # barcodes are unique: no need for the product order (a join on the
        # translated template name)
        product = Product.search([('barcode', '=', code)], limit=1, order='id')
        if product or not code.isdigit() or len(code) not in (8, 12, 13, 14):
            return product
        try:
            gs1.validate_gtin(code)
        except gs1.GS1Error:
            return product
        return Product.search([('barcode', 'in', gs1.gtin_variants(code.zfill(14)))], limit=1)

    @api.model
    def _find_lot(self, name, company, preferred_product_ids=None):
        """A lot named NAME of COMPANY, preferring the products
        PREFERRED_PRODUCT_IDS() returns (see _interpret)."""
        lots = self.env['stock.production.lot'].search(
            [('name', '=', name), ('company_id', '=', company.id)])
        if len(lots) < 2 or preferred_product_ids is None:
            return lots[:1]
        products = preferred_product_ids()
        return (lots.filtered(lambda lot: lot.product_id.id in products) or lots)[:1]
