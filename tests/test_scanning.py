# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scanning on transfers and manufacturing orders: every outcome, on both models,
through lot_scan() and through scan_document() (the endpoint the form calls)."""
import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import TransactionCase

from odoo.addons.lot_traceability.models.lot_scan_mixin import scan_document

import factories
from scan_data import GTIN_CUP, GTIN_MILK, GTIN_STRANGER, ScanData, gs1_code


class ScanCase(TransactionCase):

    def setUp(self):
        super(ScanCase, self).setUp()
        self.data = ScanData(self.env)
        self.milk = self.data.milk

    def state(self, document):
        """Everything a refused scan must leave untouched."""
        lines = self.data.lines(document, self.milk) | self.data.lines(document, self.data.cup)
        lines.invalidate_cache()
        return (sorted((rec.id, rec.lot_id.id, rec.lot_name, rec.qty_done) for rec in lines),
                self.env['stock.production.lot'].search_count([]))

    def assertRefused(self, document, barcode, status, code, *words):
        before = self.state(document)
        answer = document.lot_scan(barcode)
        self.assertEqual((answer['status'], answer['code']), (status, code), answer['message'])
        for word in words:
            self.assertIn(word, answer['message'])
        self.assertEqual(self.state(document), before, 'a refused scan wrote something')
        return answer


class TestScanDelivery(ScanCase):

    def test_gs1_lot_matches_the_reserved_line(self):
        picking = self.data.delivery
        line = self.data.lines(picking, self.milk)
        self.assertEqual(line.lot_id, self.data.lot_a)
        answer = picking.lot_scan(gs1_code(GTIN_MILK, lot='MILK-A'))
        self.assertEqual((answer['status'], answer['code']), ('ok', 'matched'))
        self.assertEqual(line.qty_done, 1)
        self.assertEqual(answer['line'], {'id': line.id, 'product': self.milk.display_name,
                                          'lot': 'MILK-A', 'qty_done': 1.0, 'qty_todo': 5.0})
        # the GS1 count (AI 30) is the quantity; a plain lot number adds one
        picking.lot_scan(gs1_code(GTIN_MILK, lot='MILK-A', count=3))
        picking.lot_scan('MILK-A')
        self.assertEqual(line.qty_done, 5)
        answer = picking.lot_scan('MILK-A')
        self.assertEqual((answer['status'], answer['code']), ('warning', 'matched'))
        self.assertIn('more than planned', answer['message'])
        self.assertEqual(line.qty_done, 6)

    def test_product_barcode_of_untracked_product(self):
        picking = self.data.delivery
        answer = picking.lot_scan(GTIN_CUP[1:])
        self.assertEqual(answer['code'], 'matched')
        self.assertEqual(self.data.lines(picking, self.data.cup).qty_done, 1)
        picking.lot_scan(gs1_code(GTIN_CUP, count=2))
        self.assertEqual(self.data.lines(picking, self.data.cup).qty_done, 3)

    def test_tracked_product_needs_its_lot(self):
        self.assertRefused(self.data.delivery, GTIN_MILK[1:], 'warning', 'unknown', 'lot')

    def test_wrong_product(self):
        self.assertRefused(self.data.delivery, gs1_code(GTIN_STRANGER), 'error', 'wrong_product',
                           self.data.stranger.display_name)
        self.assertRefused(self.data.delivery, gs1_code('19506000134359', lot='X'), 'error',
                           'wrong_product', '19506000134359')

    def test_lot_not_planned(self):
        picking = self.data.delivery
        barcode = gs1_code(GTIN_MILK, lot='MILK-B')
        line = self.data.lines(picking, self.milk)
        self.assertRefused(picking, barcode, 'warning', 'lot_not_planned', 'MILK-A', 'reason')
        # MILK-B has no stock where the delivery picks: refused, nothing written
        before = self.state(picking)
        answer = picking.lot_scan(barcode, reason='planned lot box is damaged')
        self.assertEqual((answer['status'], answer['code']), ('error', 'lot_not_planned'))
        self.assertIn('MILK-B', answer['message'])
        self.assertEqual(self.state(picking), before)
        factories.add_stock(self.env, self.milk, self.data.stock, 3, lot=self.data.lot_b)
        answer = picking.lot_scan(barcode, reason='planned lot box is damaged')
        self.assertEqual((answer['status'], answer['code']), ('warning', 'lot_not_planned'))
        # the planned lot's line keeps its lot; MILK-B gets its own line
        new = self.data.lines(picking, self.milk) - line
        self.assertEqual((line.lot_id, line.qty_done, line.product_uom_qty),
                         (self.data.lot_a, 0.0, 4.0))
        self.assertEqual((new.lot_id, new.qty_done, new.product_uom_qty),
                         (self.data.lot_b, 1.0, 1.0))
        self.assertEqual(answer['line']['id'], new.id)

    def test_expired_lot(self):
        self.assertRefused(self.data.delivery, 'MILK-OLD', 'error', 'expired', 'MILK-OLD')
        self.assertRefused(self.data.delivery, gs1_code(GTIN_MILK, lot='MILK-A', expiry=(
            datetime.date.today() - datetime.timedelta(days=1))), 'error', 'expired')

    def test_quarantined_lot(self):
        lot = self.data.lot_a
        self.assertFalse(lot._scan_blocking_reason())
        lot.action_quarantine('supplier warning')
        self.assertEqual(lot._scan_blocking_reason(), 'quarantined')
        self.assertRefused(self.data.delivery, 'MILK-A', 'error', 'quarantined', 'MILK-A')
        self.assertEqual(self.data.lot_old._scan_blocking_reason(), 'expired')

    def test_unknown_lot_is_not_created_on_a_delivery(self):
        self.assertRefused(self.data.delivery, gs1_code(GTIN_MILK, lot='MILK-NEW'), 'error',
                           'unknown', 'MILK-NEW')
        self.assertRefused(self.data.delivery, 'NO-SUCH-THING', 'error', 'unknown')

    def test_malformed(self):
        self.assertRefused(self.data.delivery, ']C101' + GTIN_MILK[:-1] + '3', 'error',
                           'malformed', 'check digit')
        self.assertRefused(self.data.delivery, '(01)123', 'error', 'malformed')
        self.assertRefused(self.data.delivery, '', 'error', 'malformed')


class TestScanReceipt(ScanCase):

    def test_unknown_lot_created_with_scanned_dates(self):
        picking = self.data.receipt
        expiry = datetime.date.today() + datetime.timedelta(days=90)
        best = expiry - datetime.timedelta(days=10)
        answer = picking.lot_scan(gs1_code(GTIN_MILK, lot='RCV-1', expiry=expiry,
                                           best_before=best, count=4))
        self.assertEqual((answer['status'], answer['code']), ('ok', 'matched'), answer['message'])
        self.assertIn('New lot RCV-1', answer['message'])
        lot = self.env['stock.production.lot'].search([('name', '=', 'RCV-1')])
        self.assertEqual(lot.product_id, self.milk)
        self.assertEqual(lot.life_date[:10], str(expiry))
        self.assertEqual(lot.use_date[:10], str(best))
        line = self.data.lines(picking, self.milk)
        self.assertEqual((line.lot_id, line.qty_done), (lot, 4))
        # a second lot on the same receipt gets its own line
        picking.lot_scan(gs1_code(GTIN_MILK, lot='RCV-2', count=6))
        lines = self.data.lines(picking, self.milk)
        self.assertEqual(sorted((rec.lot_id.name, rec.qty_done) for rec in lines),
                         [('RCV-1', 4), ('RCV-2', 6)])
        picking.button_validate()
        self.assertEqual(picking.state, 'done')
        self.assertEqual(self.milk.with_context(lot_id=lot.id).qty_available, 4)

    def test_no_lot_creation_when_the_operation_type_forbids_it(self):
        self.data.receipt.picking_type_id.use_create_lots = False
        self.assertRefused(self.data.receipt, gs1_code(GTIN_MILK, lot='RCV-3'), 'error', 'unknown')

    def test_expired_label_refused_on_receipt(self):
        old = datetime.date.today() - datetime.timedelta(days=3)
        self.assertRefused(self.data.receipt, gs1_code(GTIN_MILK, lot='RCV-4', expiry=old),
                           'error', 'expired', 'RCV-4')


class TestScanProduction(ScanCase):

    def test_component_lot_matches(self):
        production = self.data.production
        line = self.data.lines(production, self.milk)
        self.assertEqual(line.lot_id, self.data.lot_a)
        answer = production.lot_scan(gs1_code(GTIN_MILK, lot='MILK-A', count=6))
        self.assertEqual((answer['status'], answer['code']), ('ok', 'matched'))
        self.assertEqual(line.qty_done, 6)
        production.lot_scan(GTIN_CUP[1:])
        self.assertEqual(self.data.lines(production, self.data.cup).qty_done, 1)

    def test_refusals(self):
        production = self.data.production
        self.assertRefused(production, gs1_code(GTIN_STRANGER), 'error', 'wrong_product')
        self.assertRefused(production, 'MILK-OLD', 'error', 'expired')
        self.assertRefused(production, gs1_code(GTIN_MILK, lot='NOPE'), 'error', 'unknown')
        self.assertRefused(production, '0109506000134353', 'error', 'malformed')
        self.assertRefused(production, 'MILK-B', 'warning', 'lot_not_planned', 'MILK-A')


class TestScanForm(ScanCase):
    """The form of a saved document sends a scan to the scan endpoint
    (lot_scan_form.js -> scan_document); the barcodes module's onchange,
    called the way the web client calls it, records nothing."""

    def scan_form(self, document, barcode):
        # like the web client: the values and onchange spec of the form's fields
        return document.onchange({'_barcode_scanned': barcode}, '_barcode_scanned',
                                 {'_barcode_scanned': '1'})

    def test_form_scan_records_and_warns(self):
        for document in (self.data.delivery, self.data.production):
            line = self.data.lines(document, self.milk)
            answer = scan_document(self.env, document._name, document.id,
                                   gs1_code(GTIN_MILK, lot='MILK-A', count=2))
            self.assertEqual((answer['status'], answer['code']), ('ok', 'matched'))
            self.assertIn('Lot MILK-A', answer['message'])
            line.invalidate_cache()
            self.assertEqual(line.qty_done, 2)
            before = self.state(document)
            answer = scan_document(self.env, document._name, document.id, 'MILK-OLD')
            self.assertEqual((answer['status'], answer['code']), ('error', 'expired'))
            self.assertIn('Expired', answer['message'])
            self.assertEqual(self.state(document), before)

    def test_onchange_records_nothing(self):
        for document in (self.data.delivery, self.data.production):
            before = self.state(document)
            result = self.scan_form(document, gs1_code(GTIN_MILK, lot='MILK-A', count=2))
            self.assertIn('not recorded', result['warning']['message'])
            self.assertEqual(self.state(document), before)

    def test_scan_document_refuses_other_models_and_missing_documents(self):
        with self.assertRaises(UserError):
            scan_document(self.env, 'res.partner', self.env.user.partner_id.id, 'MILK-A')
        missing_id = self.env['stock.picking'].search([], order='id desc', limit=1).id + 1000
        # the answer for another company's document (no "exists but not yours")
        with self.assertRaisesRegex(AccessError, 'does not exist or you may not record scans'):
            scan_document(self.env, 'stock.picking', missing_id, 'MILK-A')

    def test_only_a_user_who_may_write_the_document_scans(self):
        """lot_scan itself checks the document (it is callable over RPC and
        reads the document's moves and lots as superuser)."""
        other_company = self.env['res.company'].create({'name': 'Scan Other Co'})
        outsider = factories.user(self.env, 'Other Co scanner', 'scan_other_co',
                                  ['stock.group_stock_user'], company=other_company)
        for document in (self.data.delivery, self.data.production):
            before = self.state(document)
            with self.assertRaisesRegex(AccessError, 'does not exist or you may not record scans'):
                document.sudo(outsider).lot_scan(gs1_code(GTIN_MILK, lot='MILK-A'))
            with self.assertRaisesRegex(AccessError, 'does not exist or you may not record scans'):
                scan_document(self.env(user=outsider.id), document._name, document.id,
                              'MILK-A')
            self.assertEqual(self.state(document), before)

    def test_unsaved_document(self):
        result = self.env['stock.picking'].onchange(
            {'_barcode_scanned': 'MILK-A'}, '_barcode_scanned', {'_barcode_scanned': '1'})
        self.assertIn('Save', result['warning']['message'])


class TestScanLookup(ScanCase):

    def test_scan_lot_opens_its_trace(self):
        wizard = self.env['lot.scan.lookup'].create({})
        wizard.on_barcode_scanned(gs1_code(GTIN_MILK, lot='MILK-B'))
        self.assertEqual(wizard.lot_id, self.data.lot_b)
        action = wizard.action_open_trace()
        self.assertEqual(action['tag'], 'stock_report_generic')
        self.assertEqual(action['context']['active_id'], self.data.lot_b.id)
        wizard.on_barcode_scanned('MILK-A')
        self.assertEqual(wizard.lot_id, self.data.lot_a)
        wizard.on_barcode_scanned('NOTHING-HERE')
        self.assertFalse(wizard.lot_id)
        self.assertIn('Unknown', wizard.message)
