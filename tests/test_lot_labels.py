# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lot labels: GS1 data, barcode images (GS1-128, GS1 DataMatrix, GS1 Digital
Link QR code) that zxing-cpp decodes back to the same data, and the QWeb
label report (HTML and a real PDF on the label printers' paper formats)."""
import base64
import io
import subprocess
from datetime import date

import pytest
import zxingcpp
from PIL import Image

from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase

from odoo.addons.lot_traceability.tools import gs1, labels

import factories

GS = '\x1d'
SYMBOLOGIES = [key for key, _name in labels.SYMBOLOGIES]


def uri_payload(uri):
    return base64.b64decode(uri.split(',', 1)[1])


def decode(image):
    """What a scanner would transmit for the one symbol in IMAGE (a PIL image):
    its symbology identifier, then the raw data (GS for FNC1 separators)."""
    found = zxingcpp.read_barcodes(image, text_mode=zxingcpp.TextMode.Plain)
    assert len(found) == 1, 'expected one barcode, found %d' % len(found)
    return found[0].symbology_identifier + found[0].text


def decode_uri(uri):
    return decode(Image.open(io.BytesIO(uri_payload(uri))))


# -- plain functions -------------------------------------------------------

def test_lot_fields_follow_gs1():
    fields = labels.lot_fields('4006381333931', 'LOT/2026/000001', date(2027, 3, 31))
    assert fields == [('01', '04006381333931'), ('17', date(2027, 3, 31)),
                      ('10', 'LOT/2026/000001')]
    assert labels.lot_fields('09501101020917', 'A1') == [('01', '09501101020917'), ('10', 'A1')]
    # no GS1 label without a valid GTIN, or with a lot name GS1 cannot carry
    assert labels.lot_fields('123', 'L1') is None
    assert labels.lot_fields('4006381333932', 'L1') is None
    assert labels.lot_fields(None, 'L1') is None
    assert labels.lot_fields('4006381333931', 'X' * 21) is None
    assert labels.lot_fields('4006381333931', 'LOT#1') is None


@pytest.mark.parametrize('symbology', SYMBOLOGIES)
@pytest.mark.parametrize('gtin,lot,expiry', [
    ('4006381333931', 'LOT/2026/000123', date(2027, 1, 15)),
    ('09501101020917', 'A1', None),
    ('12345670', 'batch-7_x', date(2026, 12, 31)),
    ('036000291452', 'AB)C%"&', date(2027, 2, 28)),
])
def test_gs1_symbols_decode_to_the_gs1_data(symbology, gtin, lot, expiry):
    label = labels.lot_label_barcode(gtin, lot, expiry, symbology=symbology)
    fields = labels.lot_fields(gtin, lot, expiry)
    expected = {
        'gs1_128': gs1.encode(fields, prefix=']C1'),
        'gs1_datamatrix': gs1.encode(fields, prefix=']d2'),
        'gs1_digital_link': ']Q1' + gs1.encode_digital_link(fields),
    }[symbology]
    assert label['data'] == expected
    assert label['image_uri'].startswith('data:image/png;base64,')
    assert decode_uri(label['image_uri']) == expected
    # what the scanner sends reads back as the same lot
    assert gs1.parse(expected) == gs1.GS1Barcode(fields)
    assert label['text'] == ''.join('(%s)%s' % pair for pair in gs1.element_data(fields))


@pytest.mark.parametrize('symbology, prefix', [
    ('gs1_128', ']C0'), ('gs1_datamatrix', ']d1'), ('gs1_digital_link', ']Q1')])
def test_plain_symbol_without_gtin(symbology, prefix):
    label = labels.lot_label_barcode('123', 'L-42', symbology=symbology)
    assert label['text'] == 'L-42' and label['data'] == prefix + 'L-42'
    assert decode_uri(label['image_uri']) == prefix + 'L-42'
    assert gs1.without_symbology(label['data']) == 'L-42'


def test_svg_images():
    label = labels.lot_label_barcode('4006381333931', 'L1', fmt='svg')
    assert label['image_uri'].startswith('data:image/svg+xml;base64,')
    assert b'<svg' in uri_payload(label['image_uri'])


def test_lot_name_no_symbol_can_carry():
    assert labels.lot_label_barcode(None, 'LOT-\u4e2d') == {
        'text': 'LOT-\u4e2d', 'data': '', 'image_uri': '', 'square': False}


# -- the report --------------------------------------------------------------

class TestLotLabelReport(TransactionCase):

    def setUp(self):
        super(TestLotLabelReport, self).setUp()
        self.product = self.env['product.product'].create({
            'name': 'Yoghurt', 'default_code': 'YOG-1', 'type': 'product', 'tracking': 'lot',
            'barcode': '4006381333931', 'life_time': 20, 'use_time': 15})
        self.plain = self.env['product.product'].create({
            'name': 'Bolt', 'type': 'product', 'tracking': 'lot'})
        Lot = self.env['stock.production.lot']
        self.lots = Lot.create({'name': 'Y-0001', 'product_id': self.product.id,
                                'received_qty': 12})
        self.lots |= Lot.create({'name': 'B-0001', 'product_id': self.plain.id})
        self.report = self.env.ref('lot_traceability.action_report_lot_label')

    def test_lot_fields_carry_the_gs1_string(self):
        yog = self.lots[0]
        expiry = yog.life_date[2:4] + yog.life_date[5:7] + yog.life_date[8:10]
        self.assertEqual(yog.label_gs1_text, '(01)04006381333931(17)%s(10)Y-0001' % expiry)
        self.assertEqual(decode_uri(yog.label_barcode_uri),
                         ']C1' + '0104006381333931' + '17' + expiry + '10Y-0001')
        self.assertEqual(self.lots[1].label_gs1_text, 'B-0001')
        self.assertEqual(decode_uri(self.lots[1].label_barcode_uri), ']C0B-0001')

    def test_symbology_of_the_product_then_of_the_operation_type(self):
        yog = self.lots[0]
        expiry = yog.life_date[2:4] + yog.life_date[5:7] + yog.life_date[8:10]
        receipt_type = self.env.ref('stock.picking_type_in')
        self.assertEqual(receipt_type.lot_label_symbology, 'gs1_128')
        picking = factories.picking(self.env, receipt_type,
                                    self.env.ref('stock.stock_location_suppliers'),
                                    self.env.ref('stock.stock_location_stock'), [],
                                    confirm=False)
        yog.sudo().receipt_picking_id = picking
        receipt_type.lot_label_symbology = 'gs1_datamatrix'
        yog.invalidate_cache()
        self.assertEqual(yog._label_symbology(), 'gs1_datamatrix')
        self.assertTrue(yog.label_barcode_square)
        self.assertEqual(decode_uri(yog.label_barcode_uri),
                         ']d2' + '0104006381333931' + '17' + expiry + '10Y-0001')
        self.product.lot_label_symbology = 'gs1_digital_link'
        yog.invalidate_cache()
        self.assertEqual(decode_uri(yog.label_barcode_uri),
                         ']Q1https://id.gs1.org/01/04006381333931/10/Y-0001?17=' + expiry)

    def test_html_has_every_label_part(self):
        html = self.report.render_qweb_html(self.lots.ids)[0].decode()
        for part in ('Yoghurt', 'YOG-1', 'Y-0001', 'Bolt', 'B-0001',
                     'Quantity: <span>12 Unit(s)</span>', 'Best before', 'Expiry',
                     self.lots[0].label_gs1_text, 'data:image/png;base64,'):
            self.assertIn(part, html)
        self.assertEqual(html.count('class="o_lot_label"'), 2)

    def test_label_quantity_before_and_after_validation(self):
        """Labels printed before validation show what the line will receive (in
        the product's unit), after it what was received; none before any lot."""
        receipt_type = self.env.ref('stock.picking_type_in')
        receipt_type.use_create_lots = True
        supplier = self.env.ref('stock.stock_location_suppliers')
        stock = self.env.ref('stock.stock_location_stock')
        kg, gram = self.env.ref('product.product_uom_kgm'), self.env.ref('product.product_uom_gram')
        flour = self.env['product.product'].create({
            'name': 'Flour', 'type': 'product', 'tracking': 'lot', 'uom_id': kg.id,
            'uom_po_id': kg.id})
        picking = factories.picking(self.env, receipt_type, supplier, stock,
                                    [(flour, 2500, gram)])
        picking.action_assign()
        with self.assertRaisesRegex(UserError, 'Use Generate Lots first'):
            picking.action_print_lot_labels()
        picking.action_generate_lots()
        lot = picking.move_line_ids.mapped('lot_id')
        self.assertEqual(len(lot), 1)
        self.assertEqual(lot._label_quantity_text(), '2.5 kg')
        self.assertEqual(picking.action_print_lot_labels()['context']['active_ids'], lot.ids)
        html = self.report.render_qweb_html(lot.ids)[0].decode()
        self.assertIn('Quantity: <span>2.5 kg</span>', html)
        picking.move_line_ids.qty_done = 2000
        self.assertEqual(lot._label_quantity_text(), '2 kg')
        picking.action_done()
        self.assertEqual(lot.received_qty, 2.0)
        self.assertEqual(lot._label_quantity_text(), '2 kg')

    def test_labels_per_page_follow_the_company(self):
        lots = self.lots
        # a label printer (the default, 100 x 50 mm): one label a page
        self.assertEqual(self.env.user.company_id._lot_label_paperformat(),
                         self.env.ref('lot_traceability.paperformat_lot_label_100x50'))
        self.assertEqual([[len(row) for row in page] for page in lots._label_pages()], [[1], [1]])
        self.env.user.company_id.write({
            'lot_label_columns': 3, 'lot_label_rows': 1,
            'lot_label_paperformat_id': self.env.ref('lot_traceability.paperformat_lot_label').id})
        lots = self.lots
        for i in range(5):
            lots |= self.env['stock.production.lot'].create(
                {'name': 'B-1%02d' % i, 'product_id': self.plain.id})
        pages = lots._label_pages()
        self.assertEqual([[len(row) for row in page] for page in pages], [[3], [3], [1]])
        html = self.report.render_qweb_html(lots.ids)[0].decode()
        self.assertEqual(html.count('page-break-after'), 3)


def pdf_pages(pdf, folder, name):
    """The pages of PDF as 300 dpi PNG images (kept in FOLDER to look at)."""
    path = folder / ('%s.pdf' % name)
    path.write_bytes(pdf)
    subprocess.run(['pdftoppm', '-r', '300', '-png', str(path), str(folder / name)], check=True)
    return [Image.open(str(page)) for page in sorted(folder.glob('%s-*.png' % name))]


@pytest.mark.parametrize('paper, pages, size_mm', [
    ('paperformat_lot_label_100x50', 3, (100, 50)),
    ('paperformat_lot_label_4x6', 3, (102, 152)),
    ('paperformat_lot_label', 1, (210, 297)),
])
def test_pdf_on_label_paper_decodes_back(clone_db, monkeypatch, paper, pages, size_mm):
    """A real wkhtmltopdf run on each paper format, on a committed database of
    our own (rendering a PDF commits the report assets); the printed symbols,
    read back from the PDF's pixels, carry the lot's GS1 data."""
    import pathlib

    import odoo

    from conftest import registry_env
    from harness import settings

    # Odoo answers HTML instead of running wkhtmltopdf when test_enable is set
    monkeypatch.setitem(odoo.tools.config.options, 'test_enable', False)
    folder = pathlib.Path(settings.STATE) / 'labels'
    folder.mkdir(parents=True, exist_ok=True)
    dbname = clone_db('labels')
    with registry_env(dbname) as env:
        env.user.company_id.lot_label_paperformat_id = env.ref('lot_traceability.' + paper)
        product = env['product.product'].create({
            'name': 'Yoghurt', 'type': 'product', 'tracking': 'lot',
            'barcode': '4006381333931', 'life_time': 20})
        lots = env['stock.production.lot']
        for name in ('Y-PDF-1', 'Y-PDF-2', 'Y-PDF-3'):
            lots |= lots.create({'name': name, 'product_id': product.id})
        report = env.ref('lot_traceability.action_report_lot_label')
        pdf, kind = report.render_qweb_pdf(lots.ids)
        gs1_128 = [labels.lot_label_barcode(
            product.barcode, lot.name, odoo.fields.Datetime.from_string(lot.life_date))['data']
            for lot in lots]
    assert kind == 'pdf' and pdf.startswith(b'%PDF')
    images = pdf_pages(pdf, folder, paper)
    assert len(images) == pages
    width_mm = images[0].width * 25.4 / 300
    height_mm = images[0].height * 25.4 / 300
    assert abs(width_mm - size_mm[0]) < 2 and abs(height_mm - size_mm[1]) < 2
    found = []
    for image in images:
        found += [b.symbology_identifier + b.text for b in zxingcpp.read_barcodes(
            image, text_mode=zxingcpp.TextMode.Plain)]
    assert sorted(found) == sorted(gs1_128)
    assert all(data.startswith(']C10104006381333931') for data in gs1_128)


def test_pdf_of_2d_labels_decodes_back(clone_db, monkeypatch):
    """GS1 DataMatrix and Digital Link QR labels, printed and read back."""
    import pathlib

    import odoo

    from conftest import registry_env
    from harness import settings
    monkeypatch.setitem(odoo.tools.config.options, 'test_enable', False)
    folder = pathlib.Path(settings.STATE) / 'labels'
    folder.mkdir(parents=True, exist_ok=True)
    dbname = clone_db('labels2d')
    found, expected = [], []
    with registry_env(dbname) as env:
        report = env.ref('lot_traceability.action_report_lot_label')
        for symbology in ('gs1_datamatrix', 'gs1_digital_link'):
            product = env['product.product'].create({
                'name': 'Cheese %s' % symbology, 'type': 'product', 'tracking': 'lot',
                'barcode': '4006381333931' if symbology == 'gs1_datamatrix' else '9506000134352',
                'life_time': 20, 'lot_label_symbology': symbology})
            lot = env['stock.production.lot'].create({'name': 'C/%s' % symbology[4:8],
                                                      'product_id': product.id})
            expected.append(lot.label_barcode_uri and labels.lot_label_barcode(
                product.barcode, lot.name, odoo.fields.Datetime.from_string(lot.life_date),
                symbology=symbology)['data'])
            pdf, _kind = report.render_qweb_pdf(lot.ids)
            for image in pdf_pages(pdf, folder, symbology):
                found += [b.symbology_identifier + b.text for b in zxingcpp.read_barcodes(
                    image, text_mode=zxingcpp.TextMode.Plain)]
    assert found == expected
    assert found[0].startswith(']d2010400638133393117') and '10C/data' in found[0]
    assert found[1].startswith(']Q1https://id.gs1.org/01/09506000134352/10/C%2Fdigi?17=')
