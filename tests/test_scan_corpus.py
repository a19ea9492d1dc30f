# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A corpus of real-world label forms scanned on a delivery and a receipt:
pallet SSCC labels with weights, retail GTIN-13 / EAN-8 / ITF-14 with
symbology identifiers, GS1 Digital Link QR payloads (any host), GS1
DataMatrix with FNC1 / GS separators, plain Code 128 lot labels. Each form
must give exactly the answer of the GS1-128 barcode carrying the same data."""
import datetime

from odoo import fields

from scan_data import GTIN_CUP, GTIN_MILK, GTIN_STRANGER, gs1_code
from test_scanning import ScanCase

GS = '\x1d'
SSCC = '106141411234567897'
EXPIRY_DATE = datetime.date.today() + datetime.timedelta(days=400)
EXPIRY = EXPIRY_DATE.strftime('%y%m%d')


def corpus(lot):
    """(label form, what the scanner sends, the GS1-128 with the same data)."""
    return [
        ('pallet SSCC label, gross weight, count',
         ']C100' + SSCC + '02' + GTIN_MILK + '372' + GS + '3302001250' '10' + lot,
         gs1_code(GTIN_MILK, lot=lot, count=2)),
        ('pallet label with order number and net weight (FNC1 as GS, no identifier)',
         GS + '00' + SSCC + '02' + GTIN_MILK + '3102000800' '17' + EXPIRY + '372' + GS
         + '400PO-4711' + GS + '10' + lot,
         gs1_code(GTIN_MILK, lot=lot, expiry=EXPIRY_DATE, count=2)),
        ('pallet label typed as printed (human-readable)',
         '(00)%s(02)%s(37)2(3302)001250(10)%s' % (SSCC, GTIN_MILK, lot),
         gs1_code(GTIN_MILK, lot=lot, count=2)),
        ('Digital Link QR code on id.gs1.org',
         'https://id.gs1.org/01/%s/10/%s?17=%s' % (GTIN_MILK, lot, EXPIRY),
         gs1_code(GTIN_MILK, lot=lot, expiry=EXPIRY_DATE)),
        ('Digital Link QR code on the brand\'s domain, GTIN-13, ]Q1',
         ']Q1https://brand.example.com/p/01/%s/10/%s?17=%s&linkType=gs1:pip'
         % (GTIN_MILK[1:], lot, EXPIRY),
         gs1_code(GTIN_MILK, lot=lot, expiry=EXPIRY_DATE)),
        ('GS1 DataMatrix with FNC1 separators',
         ']d201' + GTIN_MILK + '10' + lot + GS + '17' + EXPIRY + '302' + GS + '8008261231120000',
         gs1_code(GTIN_MILK, lot=lot, expiry=EXPIRY_DATE, count=2)),
        ('GS1 QR code with an internal AI',
         ']Q301' + GTIN_MILK + '10' + lot + GS + '91CHK-7',
         gs1_code(GTIN_MILK, lot=lot)),
        ('plain Code 128 lot label with ]C0',
         ']C0' + lot, lot),
    ]


PRODUCT_FORMS = [
    # (what the scanner sends, the same product barcode without identifier)
    (']E0' + GTIN_CUP[1:], GTIN_CUP[1:]),             # EAN-13
    (']I1' + GTIN_CUP, GTIN_CUP),                     # ITF-14 of the case
    (']E4' + GTIN_STRANGER[6:], GTIN_STRANGER[6:]),   # EAN-8
    (']E0' + GTIN_MILK[1:], GTIN_MILK[1:]),           # tracked: asks for the lot
    (']E3' + GTIN_CUP[1:] + '12', GTIN_CUP[1:]),      # EAN-13 with a 2-digit add-on
]


class TestScanCorpus(ScanCase):

    def outcome(self, document, barcode):
        """The answer of one scan and what it wrote (ids left out: a created
        line or lot has a new id each time), then everything undone."""
        self.env.cr.execute('SAVEPOINT corpus')
        answer = document.lot_scan(barcode)
        line = dict(answer['line'] or {}, id=None)
        lots = self.env['stock.production.lot'].search(
            [('product_id', '=', self.milk.id)], order='name')
        written = (sorted((ml.lot_id.name or '', ml.qty_done) for ml in (
            self.data.lines(document, self.milk) | self.data.lines(document, self.data.cup))),
            [(lot.name, lot.life_date and lot.life_date[:10]) for lot in lots])
        self.env.cr.execute('ROLLBACK TO SAVEPOINT corpus')
        self.env['stock.move.line'].invalidate_cache()
        return (answer['status'], answer['code'], answer['message'], line), written

    def check_corpus(self, document, lot, code):
        for form, barcode, same in corpus(lot):
            got = self.outcome(document, barcode)
            if same != lot:   # a plain lot name cannot create a lot: no product in it
                self.assertEqual(got[0][:2], ('ok' if code == 'matched' else 'error', code),
                                 '%s: %r' % (form, got))
            self.assertEqual(got, self.outcome(document, same), form)

    def test_delivery(self):
        self.check_corpus(self.data.delivery, 'MILK-A', 'matched')
        # the planned lot was taken by every form
        got = self.outcome(self.data.delivery, corpus('MILK-A')[3][1])
        self.assertIn(('MILK-A', 1.0), got[1][0])

    def test_receipt_creates_the_lot_with_its_expiry(self):
        self.data.receipt.picking_type_id.use_create_lots = True
        self.check_corpus(self.data.receipt, 'MILK-NEW', 'matched')
        answer, written = self.outcome(self.data.receipt, corpus('MILK-NEW')[3][1])
        self.assertIn('New lot MILK-NEW', answer[2])
        expiry = datetime.datetime.strptime(EXPIRY, '%y%m%d').date()
        self.assertIn(('MILK-NEW', fields.Date.to_string(expiry)), written[1])

    def test_unknown_lot_refused_on_delivery_by_every_form(self):
        self.check_corpus(self.data.delivery, 'MILK-NONE', 'unknown')

    def test_product_barcodes_with_symbology_identifiers(self):
        for document in (self.data.delivery, self.data.receipt):
            for barcode, plain in PRODUCT_FORMS:
                got = self.outcome(document, barcode)
                self.assertEqual(got, self.outcome(document, plain), barcode)
                self.assertNotEqual(got[0][1], 'malformed', barcode)
        delivery = self.data.delivery
        self.assertEqual(self.outcome(delivery, ']E0' + GTIN_CUP[1:])[0][1], 'matched')
        self.assertEqual(self.outcome(delivery, ']E0' + GTIN_MILK[1:])[0][:2],
                         ('warning', 'unknown'))
        self.assertEqual(self.outcome(delivery, ']E4' + GTIN_STRANGER[6:])[0][1], 'wrong_product')

    def test_malformed_forms_write_nothing(self):
        for barcode, word in [
                (']C101' + GTIN_MILK + '10' + 'A' * 20 + '17' + EXPIRY, 'FNC1'),
                (']C101' + GTIN_MILK + '10A' + GS + '10B', 'twice'),
                (']C101' + GTIN_MILK + '1726123\n10L', 'line break'),
                (']C10109506000134353' '10MILK-A', 'check digit'),
                (']C101' + GTIN_MILK + '3106001234', 'no such AI'),
                ('https://id.gs1.org/01/%s/10/MILK-A?10=MILK-B' % GTIN_MILK, 'twice')]:
            for document in (self.data.delivery, self.data.receipt):
                self.assertRefused(document, barcode, 'error', 'malformed', word)

    def test_lookup_reads_digital_links_and_shows_every_ai(self):
        wizard = self.env['lot.scan.lookup'].create({})
        wizard.on_barcode_scanned('https://id.gs1.org/01/%s/10/MILK-B' % GTIN_MILK)
        self.assertEqual(wizard.lot_id, self.data.lot_b)
        wizard.on_barcode_scanned(corpus('MILK-A')[0][1])
        self.assertEqual(wizard.lot_id, self.data.lot_a)
        self.assertIn('(3302)', wizard.message)
        self.assertIn('12.50', wizard.message)
        self.assertIn(SSCC, wizard.message)
        wizard.on_barcode_scanned(']C0MILK-B')
        self.assertEqual(wizard.lot_id, self.data.lot_b)
