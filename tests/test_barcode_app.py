# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""OCA's barcode app (stock_barcodes, stock_barcodes_gs1) with
lot_traceability_stock_barcodes: the scanner screen of a transfer, used as a
stock user, as the web client does (the barcodes mixin's onchange handler)."""
import datetime

from odoo.tests.common import TransactionCase

import factories
from scan_data import ScanData

GTIN_MILK_14 = '09506000134352'


def gs1_label(gtin, expiry=None, best_before=None, lot=None, count=None, qty=None):
    """A GS1 element string as OCA's decoder reads it (AI 02: the product),
    with GS after each variable-length field."""
    code = '02' + gtin
    if expiry:
        code += '17' + expiry.strftime('%y%m%d')
    if best_before:
        code += '15' + best_before.strftime('%y%m%d')
    if lot:
        code += '10' + lot + '\x1d'
    if count:
        code += '30' + str(count) + '\x1d'
    if qty:
        code += '37' + str(qty) + '\x1d'
    return code


class BarcodeAppCase(TransactionCase):

    def setUp(self):
        super(BarcodeAppCase, self).setUp()
        self.data = ScanData(self.env, tag='OCA')
        self.milk = self.data.milk
        self.user = factories.user(self.env, 'Handheld Worker', 'oca_handheld', [
            'stock.group_stock_user', 'stock.group_production_lot'], email='handheld@example.com')

    def screen(self, picking):
        """The scanner screen of PICKING as its button opens it, for the stock user."""
        action = picking.sudo(self.user).action_barcode_scan()
        Wizard = self.env['wiz.stock.barcodes.read.picking'].sudo(self.user)
        return Wizard.with_context(**action['context']).create({})

    def scan(self, wizard, barcode):
        wizard._barcode_scanned = barcode
        wizard._on_barcode_scanned()
        return wizard

    def state(self, picking):
        lines = picking.move_line_ids
        lines.invalidate_cache()
        return (sorted((rec.id, rec.lot_id.id, rec.lot_name, rec.qty_done) for rec in lines),
                self.env['stock.production.lot'].search_count([]),
                self.env['stock.barcodes.read.log'].search_count([]))


class TestBarcodeAppDelivery(BarcodeAppCase):

    def setUp(self):
        super(TestBarcodeAppDelivery, self).setUp()
        stock = self.data.stock
        factories.add_stock(self.env, self.milk, stock, 10, lot=self.data.lot_b)
        factories.add_stock(self.env, self.milk, stock, 10, lot=self.data.lot_old)
        self.delivery = self.data.delivery
        self.assertEqual(self.data.lines(self.delivery, self.milk).lot_id, self.data.lot_a)

    def test_quarantined_lot_refused_with_the_addons_message(self):
        self.data.lot_b.action_quarantine('Listeria swab positive')
        wizard = self.screen(self.delivery)
        before = self.state(self.delivery)
        for barcode in ('MILK-B', gs1_label(GTIN_MILK_14, lot='MILK-B', qty=2)):
            self.milk.barcode = GTIN_MILK_14   # OCA's AI 02 looks the product up as written
            self.scan(wizard, barcode)
            self.assertEqual(wizard.message_type, 'not_found', wizard.message)
            self.assertIn(self.data.lot_b._usability_error(), wizard.message)
            self.assertIn('quarantined', wizard.message)
            self.assertIn('Listeria swab positive', wizard.message)
            self.assertNotIn('Barcode read correctly', wizard.message)
            self.assertEqual(self.state(self.delivery), before, 'a refused scan wrote something')

    def test_manual_entry_of_a_quarantined_lot_refused(self):
        """The screen's manual entry (lot picked in its dropdown) and the
        picking's pushpin go through the same check."""
        self.data.lot_b.action_quarantine('Listeria swab positive')
        wizard = self.screen(self.delivery)
        before = self.state(self.delivery)
        wizard.write({'manual_entry': True, 'product_id': self.milk.id,
                      'lot_id': self.data.lot_b.id, 'product_qty': 3})
        wizard.action_manual_entry()
        self.assertEqual(wizard.message_type, 'not_found', wizard.message)
        self.assertIn('quarantined', wizard.message)
        wizard.candidate_picking_ids.with_context(
            wiz_barcode_id=wizard.id, picking_id=self.delivery.id).action_lock_picking()
        self.assertIn('quarantined', wizard.message)
        self.assertEqual(self.state(self.delivery), before)

    def test_expired_lot_refused(self):
        wizard = self.screen(self.delivery)
        before = self.state(self.delivery)
        self.scan(wizard, 'MILK-OLD')
        self.assertEqual(wizard.message_type, 'not_found', wizard.message)
        self.assertIn('MILK-OLD', wizard.message)
        self.assertIn('expired', wizard.message)
        self.assertEqual(self.state(self.delivery), before)

    def test_valid_lot_still_recorded(self):
        wizard = self.screen(self.delivery)
        self.scan(wizard, 'MILK-A')
        self.assertEqual(wizard.message_type, 'success', wizard.message)
        line = self.data.lines(self.delivery, self.milk)
        self.assertEqual((line.lot_id, line.qty_done), (self.data.lot_a, 1))

    def test_screen_proposes_the_fefo_planned_lot(self):
        wizard = self.screen(self.delivery)
        before = self.state(self.delivery)
        self.scan(wizard, self.milk.barcode)
        self.assertEqual(wizard.product_id, self.milk)
        self.assertEqual(wizard.message_type, 'info')
        self.assertIn('scan lot MILK-A', wizard.message)
        self.assertEqual(self.state(self.delivery), before)

    def test_unknown_lot_not_created_on_a_delivery(self):
        self.milk.barcode = GTIN_MILK_14
        wizard = self.screen(self.delivery)
        before = self.state(self.delivery)
        self.scan(wizard, gs1_label(GTIN_MILK_14, lot='NEW-ON-DELIVERY', qty=1))
        self.assertEqual(wizard.message_type, 'not_found', wizard.message)
        self.assertIn('NEW-ON-DELIVERY', wizard.message)
        self.assertEqual(self.state(self.delivery), before)


class TestBarcodeAppReceipt(BarcodeAppCase):

    def setUp(self):
        super(TestBarcodeAppReceipt, self).setUp()
        self.milk.barcode = GTIN_MILK_14
        self.receipt = self.data.receipt

    def test_gs1_label_gives_expiry_supplier_lot_and_quantity(self):
        expiry = datetime.date.today() + datetime.timedelta(days=90)
        best = expiry - datetime.timedelta(days=10)
        wizard = self.screen(self.receipt)
        self.scan(wizard, gs1_label(GTIN_MILK_14, expiry=expiry, best_before=best,
                                    lot='SUP-77', count=4))
        self.assertEqual(wizard.message_type, 'success', wizard.message)
        lot = self.env['stock.production.lot'].search(
            [('name', '=', 'SUP-77'), ('product_id', '=', self.milk.id)])
        self.assertEqual(len(lot), 1)
        self.assertEqual(lot.life_date, '%s 23:59:59' % expiry)
        self.assertEqual(lot.use_date, '%s 23:59:59' % best)
        self.assertEqual(lot.supplier_lot_code, 'SUP-77')
        self.assertEqual(wizard.lot_id, lot)
        line = self.receipt.move_line_ids.filtered(lambda rec: rec.lot_id == lot)
        self.assertEqual(line.qty_done, 4)

    def test_expired_label_creates_nothing(self):
        old = datetime.date.today() - datetime.timedelta(days=3)
        wizard = self.screen(self.receipt)
        before = self.state(self.receipt)
        self.scan(wizard, gs1_label(GTIN_MILK_14, expiry=old, lot='SUP-OLD', count=4))
        self.assertEqual(wizard.message_type, 'not_found', wizard.message)
        self.assertIn('Expired: Lot SUP-OLD', wizard.message)
        self.assertEqual(self.state(self.receipt), before)
        self.assertFalse(self.env['stock.production.lot'].search([('name', '=', 'SUP-OLD')]))
