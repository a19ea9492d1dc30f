"""Lot labels: GS1 element strings, barcode images that decode back to the
same data, and the QWeb label report (HTML and a real PDF)."""
import base64
import io
import re
from datetime import date

import pytest
from PIL import Image

from barcode.charsets import code128
from odoo.tests.common import TransactionCase

from odoo.addons.lot_traceability.tools import labels

GS = '\x1d'


# -- a small Code 128 decoder, independent of the encoder's logic ----------

def decode_modules(modules):
    """MODULES: '1'/'0' per module (bars and spaces), quiet zones stripped.
    Returns the transmitted string: ']C1' + data for GS1-128 (FNC1 first),
    GS for any later FNC1."""
    patterns = {pattern: value for value, pattern in enumerate(code128.CODES)}
    stop = '1100011101011'
    modules = modules.rstrip('0')
    assert modules.endswith(stop), 'no stop pattern'
    body = modules[:-len(stop)]
    assert len(body) % 11 == 0, 'bad symbol length'
    values = [patterns[body[i:i + 11]] for i in range(0, len(body), 11)]
    start, data, check = values[0], values[1:-1], values[-1]
    assert (start + sum(i * v for i, v in enumerate(data, 1))) % 103 == check, 'bad checksum'
    charset = {103: 'A', 104: 'B', 105: 'C'}[start]
    out = ''
    for index, value in enumerate(data):
        if value == 102:
            out += ']C1' if index == 0 else GS
        elif charset == 'C' and value < 100:
            out += '%02d' % value
        elif value in (99, 100, 101):
            charset = {99: 'C', 100: 'B' if charset != 'B' else 'FNC4',
                       101: 'A' if charset != 'A' else 'FNC4'}[value]
            assert charset != 'FNC4', 'FNC4 not expected'
        elif charset == 'B':
            out += chr(32 + value)
        elif charset == 'A':
            out += chr(32 + value) if value < 64 else chr(value - 64)
        else:
            raise AssertionError('unexpected value %d in set %s' % (value, charset))
    return out


def modules_from_svg(svg):
    """Rebuild the module string from python-barcode's SVG bars."""
    bars = [(float(x), float(w)) for x, w in re.findall(
        r'<rect x="([\d.]+)mm" y="[\d.]+mm" width="([\d.]+)mm"', svg)]
    module = min(w for _x, w in bars)
    origin = bars[0][0]
    length = int(round((bars[-1][0] + bars[-1][1] - origin) / module))
    modules = ['0'] * length
    for x, w in bars:
        first = int(round((x - origin) / module))
        for i in range(int(round(w / module))):
            modules[first + i] = '1'
    return ''.join(modules)


def modules_from_png(png_bytes, dpi=300, module_mm=0.2):
    """Rebuild the module string from one pixel row of the PNG."""
    image = Image.open(io.BytesIO(png_bytes)).convert('L')
    y = image.height // 2
    row = ''.join('1' if image.getpixel((x, y)) < 128 else '0' for x in range(image.width))
    row = row.strip('0')
    px_per_module = dpi * module_mm / 25.4
    return ''.join(bit * int(round(len(run) / px_per_module))
                   for bit, run in ((m.group()[0], m.group()) for m in re.finditer(r'1+|0+', row)))


def uri_payload(uri):
    return base64.b64decode(uri.split(',', 1)[1])


def transmitted(data):
    """What a scanner sends for DATA fed to python-barcode's Gs1_128."""
    return ']C1' + data.replace(labels.FNC1, GS)


# -- plain functions -------------------------------------------------------

def test_gtin_check_digit():
    assert labels.is_valid_gtin('4006381333931')        # EAN-13
    assert labels.is_valid_gtin('12345670')             # EAN-8
    assert labels.is_valid_gtin('036000291452')         # UPC-A
    assert labels.is_valid_gtin('09501101020917')       # GTIN-14
    assert not labels.is_valid_gtin('4006381333932')
    assert not labels.is_valid_gtin('ABC')
    assert not labels.is_valid_gtin('')
    assert not labels.is_valid_gtin(None)
    assert labels.gtin14('4006381333931') == '04006381333931'
    with pytest.raises(ValueError):
        labels.gtin14('4006381333932')


def test_element_string_order_and_separators():
    fields = labels.lot_fields('4006381333931', 'LOT/2026/000001', date(2027, 3, 31))
    assert fields == [('01', '04006381333931'), ('17', '270331'), ('10', 'LOT/2026/000001')]
    data, text = labels.element_string(fields)
    assert text == '(01)04006381333931(17)270331(10)LOT/2026/000001'
    assert data == '010400638133393117270331' '10LOT/2026/000001'  # lot last: no FNC1 needed
    data, text = labels.element_string([('10', 'AB1'), ('17', '270331')])
    assert data == '10AB1' + labels.FNC1 + '17270331'
    with pytest.raises(ValueError):
        labels.element_string([('17', '2703')])


def test_no_gs1_without_valid_gtin_or_with_bad_lot():
    assert labels.lot_fields('123', 'L1') is None
    assert labels.lot_fields('4006381333931', 'X' * 21) is None
    assert labels.lot_fields('4006381333931', 'LOT#1') is None
    label = labels.lot_label_barcode('123', 'L-42')
    assert label['text'] == 'L-42'
    assert decode_modules(modules_from_svg(uri_payload(
        labels.lot_label_barcode('123', 'L-42', fmt='svg')['image_uri']).decode())) == 'L-42'


@pytest.mark.parametrize('gtin,lot,expiry', [
    ('4006381333931', 'LOT/2026/000123', date(2027, 1, 15)),
    ('09501101020917', 'A1', None),
    ('12345670', 'batch-7_x', date(2026, 12, 31)),
])
def test_barcode_images_decode_to_the_gs1_string(gtin, lot, expiry):
    symbol, text = labels.lot_label_symbol(gtin, lot, expiry)
    data, expected_text = labels.element_string(labels.lot_fields(gtin, lot, expiry))
    assert text == expected_text
    expected = transmitted(data)
    # the bars python-barcode encodes
    assert decode_modules(symbol.build()[0]) == expected
    # the SVG and PNG images the label shows
    svg = uri_payload(labels.lot_label_barcode(gtin, lot, expiry, fmt='svg')['image_uri']).decode()
    assert decode_modules(modules_from_svg(svg)) == expected
    png_label = labels.lot_label_barcode(gtin, lot, expiry)
    assert png_label['image_uri'].startswith('data:image/png;base64,')
    assert decode_modules(modules_from_png(uri_payload(png_label['image_uri']))) == expected


def test_lot_name_code128_cannot_carry():
    label = labels.lot_label_barcode(None, 'LOT-é')
    assert label == {'text': 'LOT-é', 'data': '', 'image_uri': ''}


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
        self.assertEqual(decode_modules(modules_from_png(uri_payload(yog.label_barcode_uri))),
                         ']C1' + '0104006381333931' + '17' + expiry + '10Y-0001')
        self.assertEqual(self.lots[1].label_gs1_text, 'B-0001')

    def test_html_has_every_label_part(self):
        html = self.report.render_qweb_html(self.lots.ids)[0].decode()
        for part in ('Yoghurt', 'YOG-1', 'Y-0001', 'Bolt', 'B-0001', '12.0', 'Best before',
                     'Expiry', self.lots[0].label_gs1_text, 'data:image/png;base64,'):
            self.assertIn(part, html)
        self.assertEqual(html.count('class="o_lot_label"'), 2)

    def test_labels_per_page_follow_the_company(self):
        self.env.user.company_id.write({'lot_label_columns': 3, 'lot_label_rows': 1})
        lots = self.lots
        for i in range(5):
            lots |= self.env['stock.production.lot'].create(
                {'name': 'B-1%02d' % i, 'product_id': self.plain.id})
        pages = lots._label_pages()
        self.assertEqual([[len(row) for row in page] for page in pages], [[3], [3], [1]])
        html = self.report.render_qweb_html(lots.ids)[0].decode()
        self.assertEqual(html.count('page-break-after'), 3)


def test_pdf_renders(clone_db, monkeypatch):
    """A real wkhtmltopdf run, on a committed database of our own (rendering
    a PDF commits the report assets)."""
    from conftest import registry_env
    import odoo
    # Odoo answers HTML instead of running wkhtmltopdf when test_enable is set
    monkeypatch.setitem(odoo.tools.config.options, 'test_enable', False)
    dbname = clone_db('labels')
    with registry_env(dbname) as env:
        product = env['product.product'].create({
            'name': 'Yoghurt', 'type': 'product', 'tracking': 'lot',
            'barcode': '4006381333931', 'life_time': 20})
        lots = env['stock.production.lot'].create({'name': 'Y-PDF-1', 'product_id': product.id})
        lots |= env['stock.production.lot'].create({'name': 'Y-PDF-2', 'product_id': product.id})
        report = env.ref('lot_traceability.action_report_lot_label')
        pdf, kind = report.render_qweb_pdf(lots.ids)
    assert kind == 'pdf'
    assert pdf.startswith(b'%PDF')
    assert b'/Type /Page' in pdf or b'/Type/Page' in pdf
