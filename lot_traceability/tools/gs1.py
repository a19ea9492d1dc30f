# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""GS1 barcodes (GS1-128, GS1 DataMatrix, GS1 QR, DataBar, EAN/UPC, ITF-14,
GS1 Digital Link URIs): parse and encode, built on ``biip`` (through
tools/biip_adapter.py, the one module importing it).

Plain Python, no ORM. ``parse()`` accepts what a scanner sends:

* the raw element string, variable-length fields ended by FNC1 / GS (ASCII 29);
* any ISO/IEC 15424 symbology identifier in front (``]C1``, ``]e0``, ``]d2``,
  ``]Q3``, ``]J1`` announce GS1 data; ``]E0`` ``]E3`` ``]E4`` ``]I1`` a GTIN);
* the human-readable form with parentheses, ``(01)09506000134352(10)ABC``;
* a GS1 Digital Link URI on any host, ``https://id.gs1.org/01/09506000134352/10/ABC?17=261231``.

biip brings GS1's whole Application Identifier table (every AI GS1 defines,
its format and pattern), the element checks, the Digital Link and symbology
identifier parsers. On top, stricter than biip (where biip is lenient on
purpose): a variable-length field that is not last must end with FNC1 (GS),
an AI may repeat only with the same value, only ASCII (no other digits, no
line feed or control character inside a field), no empty input, no AI that
GS1 does not define, GTIN / SSCC / GLN check digits, dates checked against
TODAY's century window.

Every malformed input raises :class:`GS1Error` with a message a warehouse worker
understands; nothing else is ever raised.
"""
import calendar
import datetime
import re
from collections import OrderedDict, namedtuple
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qsl, unquote, urlsplit

from .biip_adapter import (
    BiipException,
    GS1DigitalLinkURI,
    GS1ElementString,
    GS1ElementStrings,
    SymbologyIdentifier,
    application_identifiers,
)

GS = '\x1d'

# Symbology identifiers announcing GS1 element strings (GS1-128, DataBar and
# composites, GS1 DataMatrix, GS1 QR Code, GS1 DotCode).
SYMBOLOGY_PREFIXES = (']C1', ']e0', ']e1', ']e2', ']d2', ']Q3', ']J1')
# ... announcing a GTIN alone: EAN-13/UPC-A/UPC-E, EAN-13 with add-on, EAN-8, ITF-14
GTIN_PREFIXES = (']E0', ']E3', ']E4', ']I1')
# Digital Link primary keys (GS1 Digital Link standard, section 4.2)
DIGITAL_LINK_KEYS = ('01', '00', '253', '255', '401', '402', '414', '415', '417',
                     '8003', '8004', '8006', '8010', '8013', '8017', '8018')

# kind: 'gtin' (14 digits with check digit), 'sscc' (18 digits with check digit),
# 'date' (YYMMDD, a datetime.date), 'count' (AI 30 and 37, an int), 'decimal'
# (the last digit of the AI gives the number of decimals, a Decimal), 'text'
# (kept as scanned). LENGTH is the longest data field, FIXED true when the
# field always has that length, SEPARATOR true when FNC1 must follow it
# unless it is last, FORMAT GS1's notation (N2+X..20).
AiSpec = namedtuple('AiSpec', 'title kind length fixed separator format')

# Our titles for the AIs a lot label or a scan uses; biip's for the others.
_TITLES = {
    '00': 'SSCC', '01': 'GTIN', '02': 'GTIN of contained trade items',
    '10': 'batch/lot', '11': 'production date', '12': 'due date',
    '13': 'packaging date', '15': 'best before date', '16': 'sell by date',
    '17': 'expiry date', '20': 'variant', '21': 'serial number',
    '30': 'variable count', '37': 'count of trade items', '400': 'customer purchase order',
}
_DATE_AIS = ('11', '12', '13', '15', '16', '17')
# The measures a scan may take as its quantity (metric net measures, AI 310n-316n)
_MEASURES = {
    '310': 'net weight (kg)', '311': 'length (m)', '312': 'width (m)', '313': 'depth (m)',
    '314': 'area (m2)', '315': 'net volume (l)', '316': 'net volume (m3)',
}
_DIGITS = re.compile(r'[0-9]*')
# GS1 AI encodable character set 82.
_CSET82 = re.compile(r"[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*")


def _data_length(fmt):
    """(longest length, fixed) of the data field of format FMT ('N2+N4+X..20')."""
    parts = fmt.split('+')[1:]
    total, fixed = 0, True
    for part in parts:
        match = re.search(r'([NXYZ])(\.\.)?(\d+)', part)
        if not match:
            total, fixed = total + 1, False    # '[-]': an optional minus sign
            continue
        total += int(match.group(3))
        if match.group(2) or '[' in part:
            fixed = False
    return total, fixed


def _kind(ai, fmt):
    if ai == '00':
        return 'sscc'
    if ai in ('01', '02', '03'):
        return 'gtin'
    if ai in _DATE_AIS:
        return 'date'
    if ai in ('30', '37'):
        return 'count'
    if len(ai) == 4 and (ai[:2] in ('31', '32', '33', '34', '35', '36')
                         or ai[:3] in ('390', '392', '394', '395')):
        return 'decimal'
    return 'text'


# biip's AI table (tools/biip_adapter.py)
_BIIP_AIS = application_identifiers()


def _build_table():
    table = {}
    for ai, entry in _BIIP_AIS.items():
        length, fixed = _data_length(entry.format)
        title = _TITLES.get(ai) or _MEASURES.get(ai[:3]) or entry.description
        table[ai] = AiSpec(title, _kind(ai, entry.format), length, fixed,
                           entry.separator_required, entry.format)
    return table


# Every AI GS1 defines (biip's copy of GS1's table).
AIS = _build_table()
# AIs whose data may hold percent-encoded characters (names, addresses): GS1's
# pattern, not the character count, bounds them.
_PERCENT_AIS = {ai for ai, entry in _BIIP_AIS.items() if '%[0-9A-Fa-f]' in entry.pattern}


class GS1Error(ValueError):
    """A barcode that is not a valid GS1 element string."""


def _element(ai):
    """A read-only attribute of GS1Barcode: the value of element AI, else None."""
    return property(lambda self: self.elements.get(ai),
                    doc='The %s (AI %s), else None.' % (_TITLES[ai], ai))


class GS1Barcode(object):
    """The elements of one scanned GS1 string, in scan order, keyed by AI."""

    def __init__(self, elements):
        self.elements = OrderedDict(elements)

    def __repr__(self):
        return 'GS1Barcode(%r)' % (list(self.elements.items()),)

    def __eq__(self, other):
        # the same data, whatever the order (a Digital Link sorts its query)
        return isinstance(other, GS1Barcode) and dict(self.elements) == dict(other.elements)

    def get(self, ai, default=None):
        return self.elements.get(ai, default)

    @property
    def gtin(self):
        return self.elements.get('01') or self.elements.get('02')

    lot = _element('10')
    serial = _element('21')
    expiry_date = _element('17')
    best_before_date = _element('15')

    @property
    def quantity(self):
        """The count (AI 30, else 37) or the first net measure (AI 310n-316n), else None."""
        for ai in ('30', '37'):
            if ai in self.elements:
                return self.elements[ai]
        for ai, value in self.elements.items():
            if ai[:3] in _MEASURES:
                return value
        return None

    def describe(self):
        """[(ai, title, value as text)] of every element, in scan order."""
        return [(ai, AIS[ai].title, value.isoformat() if isinstance(value, datetime.date)
                 else str(value)) for ai, value in self.elements.items()]


def gtin_check_digit(body):
    """Mod-10 check digit of the digits BODY (GTIN-8/12/13/14, SSCC, GLN)."""
    if not isinstance(body, str) or not body or not _DIGITS.fullmatch(body):
        raise GS1Error('"%s" is not a number' % (body,))
    total = 0
    for position, digit in enumerate(reversed(body)):
        total += int(digit) * (3 if position % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def validate_gtin(code):
    """Check a GTIN-8/12/13/14 (or SSCC) and return it unchanged; raise GS1Error if wrong."""
    if (not isinstance(code, str) or not _DIGITS.fullmatch(code)
            or len(code) not in (8, 12, 13, 14, 18)):
        raise GS1Error('"%s" is not a GTIN: a GTIN has 8, 12, 13 or 14 digits' % (code,))
    expected = gtin_check_digit(code[:-1])
    if code[-1] != expected:
        raise GS1Error('The check digit of %s is wrong (%s, expected %s): '
                       'the label is misprinted or was misread, scan it again'
                       % (code, code[-1], expected))
    return code


def gtin14(code):
    """A valid GTIN-8/12/13/14 padded to the 14 digits AI (01) carries; GS1Error if invalid."""
    code = (code or '').strip() if isinstance(code, str) or code is None else code
    if not isinstance(code, str) or len(code) == 18:
        raise GS1Error('"%s" is not a GTIN: a GTIN has 8, 12, 13 or 14 digits' % (code,))
    return validate_gtin(code).zfill(14)


def gtin_variants(gtin14):
    """The forms a GTIN-14 may be stored in as a product barcode: 14, 13, 12 and 8 digits."""
    variants = [gtin14]
    for length in (13, 12, 8):
        if gtin14[:14 - length] == '0' * (14 - length):
            variants.append(gtin14[14 - length:])
    return variants


def _century_year(yy, today):
    """GS1 General Specifications 7.12: the year within -49..+50 of the current year."""
    year = today.year - today.year % 100 + yy
    difference = year - today.year
    if difference > 50:
        year -= 100
    elif difference < -49:
        year += 100
    return year


def parse_date(text, today=None, ai='17'):
    """YYMMDD -> datetime.date; DD=00 means the last day of the month."""
    if len(text) != 6 or not _DIGITS.fullmatch(text):
        raise GS1Error('The %s "%s" is not a date YYMMDD' % (AIS[ai].title, text))
    today = today or datetime.date.today()
    year = _century_year(int(text[:2]), today)
    month, day = int(text[2:4]), int(text[4:6])
    if not 1 <= month <= 12:
        raise GS1Error('The %s "%s" has no valid month' % (AIS[ai].title, text))
    last = calendar.monthrange(year, month)[1]
    if day == 0:
        day = last
    if day > last:
        raise GS1Error('The %s "%s" has no valid day' % (AIS[ai].title, text))
    return datetime.date(year, month, day)


def _format_text(fmt):
    """GS1's format notation in a worker's words ('N2+X..20' -> 'up to 20 characters')."""
    words = []
    for part in fmt.split('+')[1:]:
        match = re.search(r'([NXYZ])(\.\.)?(\d+)', part)
        if not match:
            continue
        kind = 'digits' if match.group(1) == 'N' else 'characters'
        words.append('%s%s %s%s' % ('up to ' if match.group(2) else '', match.group(3), kind,
                                    ' (optional)' if part.startswith('[') else ''))
    return ' + '.join(words)


def _value(ai, raw, today):
    """The value of element AI with data RAW (typed after its kind); GS1Error if invalid."""
    spec = AIS[ai]
    if not raw:
        raise GS1Error('The %s (AI %s) is empty' % (spec.title, ai))
    if spec.fixed and (len(raw) < spec.length or not spec.separator and len(raw) > spec.length):
        raise GS1Error('The %s (AI %s) must have %d characters, got "%s"'
                       % (spec.title, ai, spec.length, raw))
    if spec.kind in ('gtin', 'sscc', 'date', 'count', 'decimal') and not _DIGITS.fullmatch(raw):
        raise GS1Error('The %s (AI %s) must be digits only, got "%s"' % (spec.title, ai, raw))
    if spec.kind in ('gtin', 'sscc'):
        validate_gtin(raw)
    if spec.kind == 'date':
        value = parse_date(raw, today, ai)
    if any(not ' ' < char < '\x7f' for char in raw):
        raise GS1Error('The %s (AI %s) contains characters not allowed in a GS1 barcode: "%s"'
                       % (spec.title, ai, raw))
    try:
        element = GS1ElementString.parse(ai + raw)
    except Exception:  # biip.ParseError, or anything else biip may raise on odd input
        if len(raw) > spec.length and ai not in _PERCENT_AIS:
            raise GS1Error('The %s (AI %s) is too long: at most %d characters, got %d (or the '
                           'FNC1 separator after it is missing)'
                           % (spec.title, ai, spec.length, len(raw)))
        if not _CSET82.fullmatch(raw) and spec.kind == 'text':
            raise GS1Error('The %s (AI %s) contains characters not allowed in a GS1 barcode: "%s"'
                           % (spec.title, ai, raw))
        raise GS1Error('The %s (AI %s) "%s" is not valid: expected %s'
                       % (spec.title, ai, raw, _format_text(spec.format)))
    if element.gln_error:
        raise GS1Error('The %s (AI %s) %s is not a valid GLN: its check digit is wrong'
                       % (spec.title, ai, raw))
    if spec.kind == 'date':
        return value
    if spec.kind == 'count':
        return int(raw)
    if spec.kind == 'decimal':
        return Decimal(raw).scaleb(-int(ai[3]))
    return raw


def _check_text(text):
    """Only printable ASCII and GS: no line feed, control or non-ASCII character inside."""
    for position, char in enumerate(text, 1):
        if char == GS or ' ' <= char < '\x7f':
            continue
        if char < ' ' or char == '\x7f':
            raise GS1Error('The barcode has a line break or control character inside (position '
                           '%d): it was misread, scan it again' % position)
        raise GS1Error('The barcode contains characters not allowed in a GS1 barcode: "%s" '
                       '(position %d)' % (char, position))


def _match_ai(text, pos):
    for size in (2, 3, 4):
        ai = text[pos:pos + size]
        if ai in AIS:
            return ai
    return None


def _symbology(text):
    """(identifier or '', kind, rest) of TEXT: KIND is 'gs1' (an element string
    or Digital Link follows), 'gtin' (EAN/UPC, ITF-14) or 'plain'. GS1Error for
    a ']' that starts no ISO/IEC 15424 identifier."""
    if not text.startswith(']'):
        return '', 'gs1', text
    if text.startswith(']J') and len(text) > 2:   # DotCode: not in biip's list
        identifier = text[:3]
    else:
        try:
            identifier = SymbologyIdentifier.extract(text).value
        except Exception:  # biip.ParseError, IndexError/ValueError on a cut identifier
            raise GS1Error('"%s" does not start with a known symbology identifier (]C1, ]d2, '
                           ']Q3, ]E0...): check the scanner settings' % text[:3])
    if identifier in SYMBOLOGY_PREFIXES:
        kind = 'gs1'
    elif identifier in GTIN_PREFIXES:
        kind = 'gtin'
    else:
        kind = 'plain'
    return identifier, kind, text[len(identifier):]


def strip_symbology(text):
    """(TEXT without any symbology identifier, True if there was one)."""
    try:
        identifier, _kind, rest = _symbology(text)
    except GS1Error:
        return text, False
    return rest, bool(identifier)


def without_symbology(text):
    """TEXT as the scanner read it, without a symbology identifier that announces
    plain data (]C0 Code 128, ]A0 Code 39, ]d1 DataMatrix, ]Q1 QR, ]E0 EAN-13,
    ]I1 ITF-14...): what is left is a product barcode, a lot name or a Digital
    Link. GS1 identifiers (]C1 ]e0 ]d2 ]Q3 ]J1) stay: they say GS1 data follows."""
    if not isinstance(text, str) or not text.startswith(']') or text.startswith(SYMBOLOGY_PREFIXES):
        return text
    rest, stripped = strip_symbology(text)
    if text.startswith(']E3') and len(rest) in (15, 18):
        rest = rest[:13]   # EAN-13 / UPC-A with its 2- or 5-digit add-on: the GTIN
    return rest if stripped else text


def is_digital_link(text):
    """True when TEXT is an http(s) URI whose path carries a GS1 primary key."""
    if not isinstance(text, str) or not re.match(r'(?i)https?://[^/?#]+/', text):
        return False
    segments = urlsplit(text).path.split('/')
    return any(segment in DIGITAL_LINK_KEYS and index + 1 < len(segments)
               and segments[index + 1] for index, segment in enumerate(segments))


def looks_like_gs1(text):
    """True when TEXT announces itself as GS1 (symbology prefix, GS, '(AI)' form, Digital Link)."""
    if not isinstance(text, str):
        return False
    return (text.startswith(SYMBOLOGY_PREFIXES + GTIN_PREFIXES) or GS in text
            or bool(re.match(r'\(\d{2,4}\)', text)) or is_digital_link(without_symbology(text)))


def _parse_human(text, today):
    parts = re.split(r'\((\d{2,4})\)', text)
    if parts[0] or len(parts) < 3:
        raise GS1Error('"%s" is not a GS1 barcode: expected (AI)value(AI)value...' % text)
    elements = []
    for ai, raw in zip(parts[1::2], parts[2::2]):
        if ai not in AIS:
            raise GS1Error('Application identifier (%s) is unknown: GS1 defines no such AI' % ai)
        elements.append((ai, _value(ai, raw, today)))
    return elements


def _parse_raw(text, today):
    elements = []
    pos = 0
    while pos < len(text):
        if text[pos] == GS:
            pos += 1
            continue
        ai = _match_ai(text, pos)
        if ai is None:
            raise GS1Error('Unknown application identifier at position %d of "%s": GS1 '
                           'defines no such AI' % (pos + 1, text.replace(GS, '<GS>')))
        spec = AIS[ai]
        start = pos + len(ai)
        if not spec.separator:
            end = start + spec.length
            raw = text[start:end]
            if GS in raw or len(raw) < spec.length:
                raise GS1Error('The %s (AI %s) is cut short: %d characters expected'
                               % (spec.title, ai, spec.length))
        else:
            # FNC1 must end a field that needs it, unless it is the last one:
            # the whole rest up to the next GS is this field's data.
            end = text.find(GS, start)
            end = len(text) if end < 0 else end
            raw = text[start:end]
        elements.append((ai, _value(ai, raw, today)))
        pos = end
    if not elements:
        raise GS1Error('The barcode is empty')
    return elements


def _parse_digital_link(text, today):
    _check_text(unquote(text))
    try:
        uri = GS1DigitalLinkURI.parse(text)
    except Exception as error:  # biip.ParseError
        raise GS1Error('The GS1 Digital Link %s is not valid: %s' % (text, error))
    elements = [(element.ai.ai, element.value) for element in uri.element_strings]
    # biip keeps the last of repeated query parameters: a repeat must not differ
    query = [(key, value) for key, value in parse_qsl(urlsplit(text).query, keep_blank_values=True)
             if key in AIS]
    elements += [pair for pair in query if pair not in elements]
    return [(ai, _value(ai, raw, today)) for ai, raw in elements]


def parse(text, today=None):
    """Parse a scanned GS1 string into a :class:`GS1Barcode`; raise GS1Error if malformed.

    TODAY (a date) anchors the century of YYMMDD dates; defaults to the current date."""
    if not isinstance(text, str):
        raise GS1Error('The barcode is not text')
    text = text.strip('\r\n')
    if not text:
        raise GS1Error('The barcode is empty')
    _check_text(text)
    identifier, kind, text = _symbology(text)
    if text.startswith(GS):  # FNC1 in first position
        text = text[1:]
    if not text:
        raise GS1Error('The barcode is empty')
    if is_digital_link(text):
        elements = _parse_digital_link(text, today)
    elif kind == 'gtin':
        digits = text[:13] if identifier == ']E3' and len(text) in (15, 18) else text
        elements = [('01', gtin14(digits))]
    elif kind == 'plain':
        raise GS1Error('This barcode (%s) carries no GS1 data: "%s"' % (identifier, text))
    elif text.startswith('('):
        elements = _parse_human(text, today)
    else:
        elements = _parse_raw(text, today)
    values = OrderedDict()
    for ai, value in elements:
        if ai in values and values[ai] != value:
            raise GS1Error('Application identifier (%s) appears twice with different values '
                           '(%s, %s)' % (ai, _format(ai, values[ai]), _format(ai, value)))
        values[ai] = value
    return GS1Barcode(values)


def _format(ai, value):
    """The data field of element AI with VALUE, unchecked."""
    spec = AIS[ai]
    if spec.kind == 'date':
        if not isinstance(value, datetime.date):
            raise GS1Error('The %s (AI %s) must be a date' % (spec.title, ai))
        return value.strftime('%y%m%d')
    if spec.kind == 'decimal':
        try:
            scaled = Decimal(value).scaleb(int(ai[3]))
        except (InvalidOperation, TypeError, ValueError):
            raise GS1Error('The %s (AI %s) must be a number' % (spec.title, ai))
        if scaled != scaled.to_integral_value() or scaled < 0 or scaled >= 10 ** spec.length:
            raise GS1Error('The %s (AI %s) %s does not fit %d digits with %s decimals'
                           % (spec.title, ai, value, spec.length, ai[3]))
        return '%0*d' % (spec.length if spec.fixed else 1, int(scaled))
    if spec.kind == 'count' and not isinstance(value, str):
        return str(int(value))
    return str(value)


def element_data(elements):
    """[(ai, data field)] of (ai, value) pairs (or a GS1Barcode / dict), each checked."""
    if isinstance(elements, GS1Barcode):
        elements = elements.elements
    if isinstance(elements, dict):
        elements = list(elements.items())
    out = []
    for ai, value in elements:
        if ai not in AIS:
            raise GS1Error('Application identifier (%s) is unknown: GS1 defines no such AI' % ai)
        raw = _format(ai, value)
        _value(ai, raw, value if AIS[ai].kind == 'date' else None)
        out.append((ai, raw))
    return out


def human_readable(fields):
    """The line printed under a symbol, (AI)data(AI)data..., of FIELDS (the
    (ai, data field) pairs of :func:`element_data`). For people: the data stay
    as they are, parentheses included (see ``encode(human=True)``)."""
    return ''.join('(%s)%s' % pair for pair in fields)


def encode(elements, human=False, prefix=''):
    """Build a GS1 element string from (ai, value) pairs (or a GS1Barcode / dict).

    Variable-length fields are followed by GS unless last; HUMAN gives the
    parenthesised form; PREFIX is an optional symbology identifier such as ']C1'."""
    fields = element_data(elements)
    if human:
        for ai, raw in fields:
            if re.search(r'\(\d{2,4}\)', raw):
                raise GS1Error('The %s (AI %s) "%s" contains parentheses that read as an AI: '
                               'it can only be encoded without them (human=False)'
                               % (AIS[ai].title, ai, raw))
        return prefix + human_readable(fields)
    out = []
    for index, (ai, raw) in enumerate(fields):
        out.append(ai + raw)
        if index < len(fields) - 1 and AIS[ai].separator:
            out.append(GS)
    return prefix + ''.join(out)


def encode_digital_link(elements, domain='id.gs1.org'):
    """The GS1 Digital Link URI of (ai, value) pairs: the primary key (GTIN...)
    and its qualifiers (lot, serial) in the path, the other AIs in the query."""
    fields = element_data(elements)
    keys = [ai for ai, _raw in fields if ai in DIGITAL_LINK_KEYS]
    if len(keys) != 1:
        raise GS1Error('A GS1 Digital Link needs exactly one primary key (GTIN, SSCC...), got %s'
                       % (', '.join(keys) or 'none'))
    strings = GS1ElementStrings(GS1ElementString.parse(ai + raw) for ai, raw in fields)
    try:
        return GS1DigitalLinkURI.from_element_strings(strings).as_uri(domain=domain)
    except BiipException as error:
        raise GS1Error('These data cannot make a GS1 Digital Link: %s' % error)
