# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lot label barcodes: the GS1 data of a lot and its symbol image.

Plain Python (no ORM). A lot label carries (01) GTIN-14, (17) expiry date and
(10) batch/lot, as one of:

* ``gs1_128``: a GS1-128 linear barcode;
* ``gs1_datamatrix``: a GS1 DataMatrix (same element string, FNC1 first);
* ``gs1_digital_link``: a QR code of the GS1 Digital Link URI
  ``https://id.gs1.org/01/<gtin>/10/<lot>?17=<expiry>``.

The element string, the Digital Link and every check (GTIN check digit, GS1
character set, lengths) come from :mod:`tools.gs1`; the symbols are drawn by
zint (``zint-bindings``, libzint in a wheel). Without a valid GTIN, or with a
lot name GS1 cannot carry, the label shows the lot name in the same kind of
symbol without GS1 data (Code 128, DataMatrix or QR code).
"""
import base64

import zint

from . import gs1

GS1_128 = 'gs1_128'
GS1_DATAMATRIX = 'gs1_datamatrix'
GS1_DIGITAL_LINK = 'gs1_digital_link'
SYMBOLOGIES = [
    (GS1_128, 'GS1-128'),
    (GS1_DATAMATRIX, 'GS1 DataMatrix'),
    (GS1_DIGITAL_LINK, 'GS1 Digital Link QR code'),
]
DEFAULT_SYMBOLOGY = GS1_128

# zint symbology and what a scanner sends in front of the data (ISO/IEC 15424)
_ZINT = {
    GS1_128: (zint.Symbology.GS1_128, ']C1', zint.Symbology.CODE128, ']C0'),
    GS1_DATAMATRIX: (zint.Symbology.DATAMATRIX, ']d2', zint.Symbology.DATAMATRIX, ']d1'),
    GS1_DIGITAL_LINK: (zint.Symbology.QRCODE, ']Q1', zint.Symbology.QRCODE, ']Q1'),
}


def lot_fields(gtin, lot, expiry=None):
    """The (ai, value) pairs of a lot label, or None when it cannot be a GS1
    label (no valid GTIN, or a lot name outside GS1 rules)."""
    try:
        fields = [('01', gs1.gtin14(gtin))]
        if expiry:
            fields.append(('17', expiry.date() if hasattr(expiry, 'date') else expiry))
        fields.append(('10', lot))
        gs1.element_data(fields)
    except gs1.GS1Error:
        return None
    return fields


def lot_label_data(gtin, lot, expiry=None, symbology=DEFAULT_SYMBOLOGY):
    """{'symbology', 'gs1', 'zint_input', 'text', 'data'}: what the symbol encodes.

    DATA is what a scanner transmits (symbology identifier, then the element
    string with GS separators, or the Digital Link URI, or the lot name);
    TEXT the human-readable line printed under the symbol."""
    if symbology not in _ZINT:
        symbology = DEFAULT_SYMBOLOGY
    gs1_symbol, gs1_prefix, plain_symbol, plain_prefix = _ZINT[symbology]
    fields = lot_fields(gtin, lot, expiry)
    if not fields:
        return {'symbology': plain_symbol, 'gs1': False, 'zint_input': lot, 'text': lot,
                'data': plain_prefix + lot}
    data = gs1.element_data(fields)
    text = gs1.human_readable(data)
    if symbology == GS1_DIGITAL_LINK:
        uri = gs1.encode_digital_link(fields)
        return {'symbology': gs1_symbol, 'gs1': False, 'zint_input': uri, 'text': text,
                'data': gs1_prefix + uri}
    zint_input = ''.join('[%s]%s' % pair for pair in data)
    return {'symbology': gs1_symbol, 'gs1': True, 'zint_input': zint_input, 'text': text,
            'data': gs1.encode(fields, prefix=gs1_prefix)}


def render(label, fmt='png', scale=2.0):
    """The image bytes (PNG or SVG) of LABEL (from :func:`lot_label_data`), drawn by zint."""
    symbol = zint.Symbol()
    symbol.symbology = label['symbology']
    symbol.input_mode = zint.InputMode.GS1 if label['gs1'] else zint.InputMode.UNICODE
    symbol.show_text = False
    symbol.scale = scale
    if label['symbology'] == zint.Symbology.QRCODE:
        symbol.option_1 = 2   # error correction M
    symbol.outfile = 'label.svg' if fmt == 'svg' else 'label.png'
    symbol.output_options = (zint.OutputOptions.BARCODE_MEMORY_FILE
                             | zint.OutputOptions.BARCODE_QUIET_ZONES)
    symbol.encode(label['zint_input'])
    symbol.print()
    return bytes(symbol.memfile)


def lot_label_barcode(gtin, lot, expiry=None, fmt='png', symbology=DEFAULT_SYMBOLOGY):
    """Everything a label template needs: {'text', 'data', 'image_uri', 'square'}."""
    if not lot:
        return {'text': '', 'data': '', 'image_uri': '', 'square': False}
    label = lot_label_data(gtin, lot, expiry, symbology)
    square = label['symbology'] != zint.Symbology.GS1_128 and \
        label['symbology'] != zint.Symbology.CODE128
    try:
        image = render(label, fmt)
    except Exception:  # zint refuses data it cannot encode (e.g. a lot name in Chinese)
        return {'text': lot, 'data': '', 'image_uri': '', 'square': square}
    mime = 'image/svg+xml' if fmt == 'svg' else 'image/png'
    return {'text': label['text'], 'data': label['data'], 'square': square,
            'image_uri': 'data:%s;base64,%s' % (mime, base64.b64encode(image).decode('ascii'))}
