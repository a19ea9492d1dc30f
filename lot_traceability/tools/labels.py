# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lot label barcodes: the GS1 element string of a lot and its image.

Plain Python (no ORM). Encoding only, and only what a lot label carries:
(01) GTIN-14, (17) expiry date YYMMDD, (10) batch/lot. Fixed-length
fields come first and the variable-length lot last, so no FNC1 separator is
needed after it; ``element_string`` still inserts one after any
variable-length field that is not last.
"""
import base64
import io

import barcode
from barcode.errors import IllegalCharacterError
from barcode.writer import ImageWriter

FNC1 = '\xf1'        # python-barcode's FNC1 character (Code 128 value 102)
GS = '\x1d'          # what a scanner transmits for an FNC1 separator
LOT_MAX_LEN = 20
# GS1 character set 82 (the characters allowed in AI (10))
CSET82 = set('!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_'
             'abcdefghijklmnopqrstuvwxyz')
FIXED_LENGTH_AIS = {'01': 14, '17': 6}


def gtin_check_digit(digits):
    """GS1 mod-10 check digit of DIGITS (a GTIN without its last digit)."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        total += int(digit) * (3 if position % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def is_valid_gtin(code):
    """True if CODE is a GTIN-8/12/13/14 with a correct check digit."""
    code = (code or '').strip()
    if not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return False
    return gtin_check_digit(code[:-1]) == code[-1]


def gtin14(code):
    """CODE (a valid GTIN) padded to the 14 digits AI (01) carries."""
    if not is_valid_gtin(code):
        raise ValueError('%r is not a valid GTIN' % (code,))
    return code.strip().zfill(14)


def is_gs1_lot(lot):
    return bool(lot) and len(lot) <= LOT_MAX_LEN and set(lot) <= CSET82


def element_string(fields):
    """FIELDS: list of (ai, value). Returns (data, text): DATA for a GS1-128
    symbol (FNC1 between a variable-length field and the next field; the
    leading FNC1 is added by python-barcode's Gs1_128) and TEXT the human
    readable form ``(01)…(17)…(10)…``."""
    data = ''
    text = ''
    for index, (ai, value) in enumerate(fields):
        fixed = FIXED_LENGTH_AIS.get(ai)
        if fixed is not None and len(value) != fixed:
            raise ValueError('AI (%s) needs %d characters, got %r' % (ai, fixed, value))
        data += ai + value
        text += '(%s)%s' % (ai, value)
        if fixed is None and index < len(fields) - 1:
            data += FNC1
    return data, text


def lot_fields(gtin, lot, expiry=None):
    """The AIs of a lot label, or None when it cannot be a GS1 label (no
    valid GTIN, or a lot name outside GS1 rules)."""
    if not is_valid_gtin(gtin) or not is_gs1_lot(lot):
        return None
    fields = [('01', gtin14(gtin))]
    if expiry:
        fields.append(('17', expiry.strftime('%y%m%d')))
    fields.append(('10', lot))
    return fields


def barcode_image_uri(symbol, fmt='png'):
    """A data: URI of SYMBOL (a python-barcode object) as PNG or SVG, with
    no human-readable text (the label prints it itself)."""
    options = {'write_text': False, 'module_height': 10.0, 'quiet_zone': 2.0}
    stream = io.BytesIO()
    if fmt == 'svg':
        symbol.writer = barcode.writer.SVGWriter()
        symbol.write(stream, options)
        mime = 'image/svg+xml'
    else:
        symbol.writer = ImageWriter()
        options['dpi'] = 300
        symbol.write(stream, options)
        mime = 'image/png'
    return 'data:%s;base64,%s' % (mime, base64.b64encode(stream.getvalue()).decode('ascii'))


def lot_label_symbol(gtin, lot, expiry=None):
    """(symbol, text): a GS1-128 symbol carrying (01)(17)(10) when GTIN is a
    valid GTIN, else a plain Code 128 of the lot name."""
    fields = lot_fields(gtin, lot, expiry)
    if fields:
        data, text = element_string(fields)
        return barcode.get('gs1_128', data), text
    return barcode.get('code128', lot), lot


def lot_label_barcode(gtin, lot, expiry=None, fmt='png'):
    """Everything a label template needs: {'text', 'data', 'image_uri'}."""
    if not lot:
        return {'text': '', 'data': '', 'image_uri': ''}
    try:
        symbol, text = lot_label_symbol(gtin, lot, expiry)
    except IllegalCharacterError:
        # a lot name Code 128 cannot carry (e.g. accented letters): text only
        return {'text': lot, 'data': '', 'image_uri': ''}
    return {'text': text, 'data': symbol.get_fullcode(),
            'image_uri': barcode_image_uri(symbol, fmt)}
