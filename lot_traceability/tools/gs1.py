# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""GS1 element strings (GS1-128, GS1 DataMatrix, GS1 QR, DataBar): parse and encode.

Plain Python, no ORM. ``parse()`` accepts what a scanner sends:

* the raw element string, variable-length fields ended by FNC1 / GS (ASCII 29);
* an optional symbology identifier prefix (``]C1``, ``]e0``, ``]d2``, ``]Q3``...);
* the human-readable form with parentheses, ``(01)09506000134352(10)ABC``.

Every malformed input raises :class:`GS1Error` with a message a warehouse worker
understands; nothing else is ever raised.
"""
import calendar
import datetime
import re
from collections import OrderedDict, namedtuple
from decimal import Decimal

GS = '\x1d'

# Symbology identifiers a scanner may send in front of GS1 data.
SYMBOLOGY_PREFIXES = (']C1', ']e0', ']d2', ']Q3', ']J1')

# kind: 'gtin' (14 digits with check digit), 'sscc' (18 digits with check digit),
# 'alnum' (GS1 character set 82), 'digits', 'date' (YYMMDD), 'decimal' (6 digits,
# the last digit of the AI gives the number of decimals).
AiSpec = namedtuple('AiSpec', 'title kind length fixed')

AIS = {
    '00': AiSpec('SSCC', 'sscc', 18, True),
    '01': AiSpec('GTIN', 'gtin', 14, True),
    '02': AiSpec('GTIN of contained trade items', 'gtin', 14, True),
    '10': AiSpec('batch/lot', 'alnum', 20, False),
    '11': AiSpec('production date', 'date', 6, True),
    '12': AiSpec('due date', 'date', 6, True),
    '13': AiSpec('packaging date', 'date', 6, True),
    '15': AiSpec('best before date', 'date', 6, True),
    '16': AiSpec('sell by date', 'date', 6, True),
    '17': AiSpec('expiry date', 'date', 6, True),
    '20': AiSpec('variant', 'digits', 2, True),
    '21': AiSpec('serial number', 'alnum', 20, False),
    '30': AiSpec('variable count', 'digits', 8, False),
    '37': AiSpec('count of trade items', 'digits', 8, False),
    '400': AiSpec('customer purchase order', 'alnum', 30, False),
}
_MEASURES = {
    '310': 'net weight (kg)',
    '311': 'length (m)',
    '312': 'width (m)',
    '313': 'depth (m)',
    '314': 'area (m2)',
    '315': 'net volume (l)',
    '316': 'net volume (m3)',
}
for _prefix, _title in _MEASURES.items():
    for _decimals in range(10):
        AIS['%s%d' % (_prefix, _decimals)] = AiSpec(_title, 'decimal', 6, True)

# AIs whose first two digits are in GS1's table of predefined lengths never need
# a separator after them; every other AI does unless it ends the string.
PREDEFINED_LENGTH_PREFIXES = {'00', '01', '02', '03', '04', '11', '12', '13', '14', '15',
                              '16', '17', '18', '19', '20', '31', '32', '33', '34', '35',
                              '36', '41'}

# GS1 AI encodable character set 82.
_CSET82 = re.compile(r"^[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$")
_DIGITS = re.compile(r'^[0-9]*$')


class GS1Error(ValueError):
    """A barcode that is not a valid GS1 element string."""


class GS1Barcode(object):
    """The elements of one scanned GS1 string, in scan order, keyed by AI."""

    def __init__(self, elements):
        self.elements = OrderedDict(elements)

    def __repr__(self):
        return 'GS1Barcode(%r)' % (list(self.elements.items()),)

    def __eq__(self, other):
        return isinstance(other, GS1Barcode) and self.elements == other.elements

    def get(self, ai, default=None):
        return self.elements.get(ai, default)

    @property
    def gtin(self):
        return self.elements.get('01') or self.elements.get('02')

    @property
    def lot(self):
        return self.elements.get('10')

    @property
    def serial(self):
        return self.elements.get('21')

    @property
    def expiry_date(self):
        return self.elements.get('17')

    @property
    def best_before_date(self):
        return self.elements.get('15')

    @property
    def quantity(self):
        """The count (AI 30, else 37) or the first measure (AI 310n-316n), else None."""
        for ai in ('30', '37'):
            if ai in self.elements:
                return self.elements[ai]
        for ai, value in self.elements.items():
            if AIS[ai].kind == 'decimal':
                return value
        return None


def gtin_check_digit(body):
    """Mod-10 check digit of the digits BODY (GTIN-8/12/13/14, SSCC)."""
    if not body or not _DIGITS.match(body):
        raise GS1Error('"%s" is not a number' % body)
    total = 0
    for position, digit in enumerate(reversed(body)):
        total += int(digit) * (3 if position % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def validate_gtin(code):
    """Check a GTIN-8/12/13/14 (or SSCC) and return it unchanged; raise GS1Error if wrong."""
    if not isinstance(code, str) or not _DIGITS.match(code) or len(code) not in (8, 12, 13, 14, 18):
        raise GS1Error('"%s" is not a GTIN: a GTIN has 8, 12, 13 or 14 digits' % code)
    expected = gtin_check_digit(code[:-1])
    if code[-1] != expected:
        raise GS1Error('The check digit of %s is wrong (%s, expected %s): '
                       'the label is misprinted or was misread, scan it again'
                       % (code, code[-1], expected))
    return code


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
    if len(text) != 6 or not _DIGITS.match(text):
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


def _value(ai, raw, today):
    spec = AIS[ai]
    if spec.fixed and len(raw) != spec.length:
        raise GS1Error('The %s (AI %s) must have %d characters, got "%s"'
                       % (spec.title, ai, spec.length, raw))
    if not raw:
        raise GS1Error('The %s (AI %s) is empty' % (spec.title, ai))
    if len(raw) > spec.length:
        raise GS1Error('The %s (AI %s) is too long: at most %d characters, got %d'
                       % (spec.title, ai, spec.length, len(raw)))
    if spec.kind in ('gtin', 'sscc'):
        if not _DIGITS.match(raw):
            raise GS1Error('The %s (AI %s) must be digits only, got "%s"' % (spec.title, ai, raw))
        return validate_gtin(raw)
    if spec.kind == 'date':
        return parse_date(raw, today, ai)
    if spec.kind in ('digits', 'decimal'):
        if not _DIGITS.match(raw):
            raise GS1Error('The %s (AI %s) must be digits only, got "%s"' % (spec.title, ai, raw))
        if spec.kind == 'digits':
            return raw if ai == '20' else int(raw)
        return Decimal(raw).scaleb(-int(ai[3]))
    if not _CSET82.match(raw):
        raise GS1Error('The %s (AI %s) contains characters not allowed in a GS1 barcode: "%s"'
                       % (spec.title, ai, raw))
    return raw


def _match_ai(text, pos):
    for size in (2, 3, 4):
        ai = text[pos:pos + size]
        if ai in AIS:
            return ai
    return None


def strip_symbology(text):
    for prefix in SYMBOLOGY_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix):], True
    return text, False


def looks_like_gs1(text):
    """True when TEXT announces itself as GS1 (symbology prefix, GS or '(AI)' form)."""
    if not isinstance(text, str):
        return False
    return (text.startswith(SYMBOLOGY_PREFIXES) or GS in text
            or bool(re.match(r'^\(\d{2,4}\)', text)))


def _parse_human(text, today):
    parts = re.findall(r'\(([^()]*)\)([^()]*)', text)
    rebuilt = ''.join('(%s)%s' % part for part in parts)
    if not parts or rebuilt != text:
        raise GS1Error('"%s" is not a GS1 barcode: expected (AI)value(AI)value...' % text)
    elements = []
    for ai, raw in parts:
        if ai not in AIS:
            raise GS1Error('Application identifier (%s) is unknown or not supported' % ai)
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
            raise GS1Error('Unknown application identifier at position %d of "%s"'
                           % (pos + 1, text.replace(GS, '<GS>')))
        spec = AIS[ai]
        start = pos + len(ai)
        if spec.fixed:
            end = start + spec.length
            raw = text[start:end]
            if GS in raw or len(raw) < spec.length:
                raise GS1Error('The %s (AI %s) is cut short: %d characters expected'
                               % (spec.title, ai, spec.length))
        else:
            end = text.find(GS, start)
            end = len(text) if end < 0 else end
            raw = text[start:end]
        elements.append((ai, _value(ai, raw, today)))
        pos = end
    if not elements:
        raise GS1Error('The barcode is empty')
    return elements


def parse(text, today=None):
    """Parse a scanned GS1 string into a :class:`GS1Barcode`; raise GS1Error if malformed.

    TODAY (a date) anchors the century of YYMMDD dates; defaults to the current date."""
    if not isinstance(text, str):
        raise GS1Error('The barcode is not text')
    text = text.strip('\r\n')
    text, _prefixed = strip_symbology(text)
    if text.startswith(GS):  # FNC1 in first position
        text = text[1:]
    if not text:
        raise GS1Error('The barcode is empty')
    if text.startswith('('):
        elements = _parse_human(text, today)
    else:
        elements = _parse_raw(text, today)
    seen = set()
    for ai, _value_ in elements:
        if ai in seen:
            raise GS1Error('Application identifier (%s) appears twice' % ai)
        seen.add(ai)
    return GS1Barcode(elements)


def _format(ai, value):
    spec = AIS[ai]
    if spec.kind == 'date':
        if not isinstance(value, datetime.date):
            raise GS1Error('The %s (AI %s) must be a date' % (spec.title, ai))
        raw = value.strftime('%y%m%d')
    elif spec.kind == 'decimal':
        scaled = Decimal(value).scaleb(int(ai[3]))
        if scaled != scaled.to_integral_value() or scaled < 0 or scaled >= 10 ** 6:
            raise GS1Error('The %s (AI %s) %s does not fit 6 digits with %s decimals'
                           % (spec.title, ai, value, ai[3]))
        raw = '%06d' % int(scaled)
    elif spec.kind == 'digits' and not isinstance(value, str):
        raw = '%0*d' % (spec.length, value) if spec.fixed else str(int(value))
    else:
        raw = str(value)
    if spec.kind != 'date':
        _value(ai, raw, None)
    return raw


def encode(elements, human=False, prefix=''):
    """Build a GS1 element string from (ai, value) pairs (or a GS1Barcode / dict).

    Variable-length fields are followed by GS unless last; HUMAN gives the
    parenthesised form; PREFIX is an optional symbology identifier such as ']C1'."""
    if isinstance(elements, GS1Barcode):
        elements = elements.elements
    if isinstance(elements, dict):
        elements = list(elements.items())
    out = []
    for index, (ai, value) in enumerate(elements):
        if ai not in AIS:
            raise GS1Error('Application identifier (%s) is unknown or not supported' % ai)
        raw = _format(ai, value)
        if human:
            if '(' in raw or ')' in raw:
                raise GS1Error('The %s (AI %s) "%s" contains parentheses: it can only be '
                               'encoded without them (human=False)' % (AIS[ai].title, ai, raw))
            out.append('(%s)%s' % (ai, raw))
            continue
        out.append(ai + raw)
        last = index == len(elements) - 1
        if not last and ai[:2] not in PREDEFINED_LENGTH_PREFIXES:
            out.append(GS)
    return prefix + ''.join(out)
