# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""GS1 element strings: parsing what scanners send, encoding, bad input."""
import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from odoo.addons.lot_traceability.tools import gs1
from odoo.addons.lot_traceability.tools.gs1 import GS, GS1Error

TODAY = datetime.date(2026, 11, 26)


def test_gtin_check_digits():
    # GS1's own examples: GTIN-14, GTIN-13, GTIN-12 (UPC-A), GTIN-8, SSCC
    assert gs1.validate_gtin('09506000134352') == '09506000134352'
    assert gs1.validate_gtin('4006381333931')
    assert gs1.validate_gtin('036000291452')
    assert gs1.validate_gtin('96385074')
    assert gs1.validate_gtin('106141411234567897')
    assert gs1.gtin_check_digit('0950600013435') == '2'
    with pytest.raises(GS1Error, match='check digit of 09506000134353 is wrong'):
        gs1.validate_gtin('09506000134353')
    with pytest.raises(GS1Error, match='8, 12, 13 or 14 digits'):
        gs1.validate_gtin('12345')


def test_gtin_variants():
    assert gs1.gtin_variants('00000096385074') == [
        '00000096385074', '0000096385074', '000096385074', '96385074']
    assert gs1.gtin_variants('04006381333931') == ['04006381333931', '4006381333931']
    assert gs1.gtin_variants('19506000134359') == ['19506000134359']


def test_parse_gs1_128_with_separators_and_prefix():
    text = ']C10109506000134352' '17261231' '10LOT-42' + GS + '3103001250' '21SN9' + GS + '3712'
    code = gs1.parse(text, today=TODAY)
    assert list(code.elements) == ['01', '17', '10', '3103', '21', '37']
    assert code.gtin == '09506000134352'
    assert code.expiry_date == datetime.date(2026, 12, 31)
    assert code.lot == 'LOT-42'
    assert code.get('3103') == Decimal('1.250')
    assert code.serial == 'SN9'
    assert code.get('37') == 12
    assert code.quantity == 12


@pytest.mark.parametrize('prefix', [']C1', ']e0', ']d2', ']Q3', '', GS])
def test_symbology_prefixes(prefix):
    code = gs1.parse(prefix + '0109506000134352' '10ABC', today=TODAY)
    assert code.gtin == '09506000134352' and code.lot == 'ABC'


def test_human_readable_form():
    code = gs1.parse('(01)09506000134352(15)270300(10)B-7(30)24(400)PO-1', today=TODAY)
    assert code.best_before_date == datetime.date(2027, 3, 31)  # DD=00: end of month
    assert code.quantity == 24
    assert code.get('400') == "PO-1"
    assert gs1.encode(code, human=True) == '(01)09506000134352(15)270331(10)B-7(30)24(400)PO-1'
    # ')' inside a value is a valid character, not the end of an AI
    assert gs1.parse('(01)09506000134352(10)AB)C', today=TODAY).lot == 'AB)C'
    assert gs1.encode([('10', 'AB)C')], human=True) == '(10)AB)C'


def test_pallet_label_keeps_every_ai():
    # SSCC, contained GTIN, count, gross weight, lot: the usual pallet label
    text = ']C1' '00106141411234567897' '0209506000134352' '3724' + GS + '3302001250' '10PAL-7'
    code = gs1.parse(text, today=TODAY)
    assert list(code.elements) == ['00', '02', '37', '3302', '10']
    assert code.gtin == '09506000134352' and code.lot == 'PAL-7' and code.quantity == 24
    assert code.get('3302') == Decimal('12.50')   # kg, 2 decimals
    assert ('3302', 'Logistic weight, kilograms', '12.50') in code.describe()
    assert gs1.parse('(00)106141411234567897(02)09506000134352(37)24(3302)001250(10)PAL-7',
                     today=TODAY) == code


@pytest.mark.parametrize('ai, data', [
    ('235', 'TPX1'), ('240', 'ADD-1'), ('241', 'CUST-9'), ('250', 'SER2'), ('251', 'REF'),
    ('3201', '000150'), ('3300', '000120'), ('3921', '1999'), ('3932', '978' '1999'),
    ('401', 'GINC-1'), ('403', 'ROUTE'), ('410', '4012345000009'), ('413', '4012345000009'),
    ('414', '4012345000009'), ('415', '4012345000009'), ('420', '1234'), ('421', '276' '12345'),
    ('422', '276'), ('423', '276'), ('7003', '2612311200'), ('7006', '261231'),
    ('7007', '261201'), ('7030', '276' 'PROC'), ('710', 'NHRN'), ('711', 'X'), ('712', 'Y'),
    ('713', 'Z'), ('714', 'W'), ('8004', '4012345ABC'), ('8005', '000123'),
    ('8008', '26123112'), ('8200', 'http://example.com/p'), ('90', 'INT'), ('91', 'A'),
    ('95', 'B'), ('99', 'Z9'),
])
def test_ais_of_gs1s_table_are_kept(ai, data):
    separator = GS if gs1.AIS[ai].separator else ''
    code = gs1.parse(']C1' '0109506000134352' + ai + data + separator + '10LOT', today=TODAY)
    assert code.gtin == '09506000134352' and code.lot == 'LOT'
    assert ai in code.elements
    assert gs1.parse(gs1.encode(code), today=TODAY) == code


@pytest.mark.parametrize('text', [
    'https://id.gs1.org/01/09506000134352/10/ABC123?17=261231',
    'https://brand.example.com/01/09506000134352/10/ABC123?17=261231',
    'HTTPS://brand.example.com/products/p/01/9506000134352/10/ABC123?17=261231&linkType=all',
    ']Q1https://id.gs1.org/01/09506000134352/10/ABC123?17=261231',
    ']d1https://id.gs1.org/01/09506000134352/10/ABC123?17=261231',
    ']C1010950600013435217261231' '10ABC123',
    '(01)09506000134352(10)ABC123(17)261231',
])
def test_digital_link_reads_like_the_element_string(text):
    code = gs1.parse(text, today=TODAY)
    assert code == gs1.GS1Barcode([('01', '09506000134352'), ('17', datetime.date(2026, 12, 31)),
                                   ('10', 'ABC123')])
    assert gs1.looks_like_gs1(text)


def test_digital_link_encoding():
    elements = [('01', '09506000134352'), ('17', datetime.date(2026, 12, 31)), ('10', 'LOT/7')]
    uri = gs1.encode_digital_link(elements)
    assert uri == 'https://id.gs1.org/01/09506000134352/10/LOT%2F7?17=261231'
    assert gs1.parse(uri, today=TODAY) == gs1.GS1Barcode(elements)
    assert gs1.encode_digital_link(elements, domain='brand.example.com').startswith(
        'https://brand.example.com/01/')
    with pytest.raises(GS1Error, match='primary key'):
        gs1.encode_digital_link([('10', 'L')])


@pytest.mark.parametrize('text, gtin', [
    (']E05449000000996', '05449000000996'),             # EAN-13
    (']E0036000291452', '00036000291452'),              # UPC-A sent as 13 digits
    (']E496385074', '00000096385074'),                  # EAN-8
    (']E3544900000099612', '05449000000996'),           # EAN-13 + 2-digit add-on
    (']I109506000134352', '09506000134352'),            # ITF-14
])
def test_gtin_symbologies(text, gtin):
    assert gs1.parse(text, today=TODAY).gtin == gtin
    assert gs1.without_symbology(text) in gs1.gtin_variants(gtin)


def test_without_symbology():
    assert gs1.without_symbology(']C0LOT-1') == 'LOT-1'
    assert gs1.without_symbology(']A0LOT-1') == 'LOT-1'
    assert gs1.without_symbology(']d1LOT-1') == 'LOT-1'
    assert gs1.without_symbology(']Q1https://id.gs1.org/01/09506000134352') == \
        'https://id.gs1.org/01/09506000134352'
    assert gs1.without_symbology(']C10109506000134352') == ']C10109506000134352'
    assert gs1.without_symbology('LOT-1') == 'LOT-1'
    assert gs1.without_symbology(']') == ']'


def test_repeated_ai_with_the_same_value_is_one_element():
    code = gs1.parse('10A' + GS + '10A', today=TODAY)
    assert list(code.elements.items()) == [('10', 'A')]


def test_agrees_with_biip_where_both_accept():
    import biip
    for text in (']C10109506000134352' '17261231' '10ABC' + GS + '3103001250',
                 '00106141411234567897' '0209506000134352' '3724' + GS + '3302001250' '10L'):
        ours = gs1.parse(text, today=TODAY)
        theirs = biip.parse(text).gs1_message
        assert [(e.ai.ai, e.value) for e in theirs.element_strings] == gs1.element_data(ours)


def test_all_required_ais():
    text = ('00106141411234567897' '0109506000134352' '0209506000134352' '11260101'
            '13260228' '15260100' '17290815' '10L1' + GS + '21S1' + GS + '30' '5' + GS
            + '37' '6' + GS + '3101000015' '3112001000' '3160123456' '400PO9')
    code = gs1.parse(text, today=TODAY)
    assert code.get('00') == '106141411234567897'
    assert code.get('02') == '09506000134352'
    assert code.get('11') == datetime.date(2026, 1, 1)
    # 2026 is no leap year: 260229 is refused below
    assert code.get('13') == datetime.date(2026, 2, 28)
    assert code.get('15') == datetime.date(2026, 1, 31)
    assert code.get('3101') == Decimal('1.5')
    assert code.get('3112') == Decimal('10.00')
    assert code.get('3160') == Decimal('123456')
    assert code.quantity == 5
    assert code.get('400') == 'PO9'


def test_century_window():
    assert gs1.parse_date('991231', datetime.date(2026, 1, 1)) == datetime.date(1999, 12, 31)
    assert gs1.parse_date('760101', datetime.date(2026, 1, 1)) == datetime.date(2076, 1, 1)
    assert gs1.parse_date('770101', datetime.date(2026, 1, 1)) == datetime.date(1977, 1, 1)
    assert gs1.parse_date('240200', datetime.date(2026, 1, 1)) == datetime.date(2024, 2, 29)


@pytest.mark.parametrize('text, message', [
    ('0109506000134353', 'check digit of 09506000134353 is wrong'),
    ('01095060001343', 'cut short'),
    ('17261301', 'no valid month'),
    ('11260230', 'no valid day'),
    ('13260229', 'no valid day'),
    ('10' + 'A' * 21, 'too long'),
    ('10AB\u00e9', 'characters not allowed'),
    ('3106001234', 'Unknown application identifier'),       # GS1 defines 310n for n = 0..5
    ('3166001234', 'Unknown application identifier'),
    ('(01)09506000134352(3109)001234', r'\(3109\) is unknown'),
    ('(01)09506000134352(23)X', r'\(23\) is unknown'),
    ('(01)0950600013435210X', 'must have 14 characters'),
    ('10A' + GS + '10B', 'appears twice with different values'),
    ('0109506000134352' '1726123\n10L', 'line break'),                # not expiry 2026-12-03
    ('01095060001343\u0665\u0662', 'not allowed'),                    # Arabic-Indic digits
    ('0109506000134352' '10' + 'A' * 20 + '17261231', 'FNC1 separator after it is missing'),
    ('7003261231120010LOT', 'FNC1 separator after it is missing'),
    ('3712' + '10LOT', 'digits only'),
    ('', 'empty'),
    (GS, 'empty'),
    (']C0LOT-1', 'carries no GS1 data'),
    (']X', 'empty'),
    (']', 'symbology identifier'),
    (']E04006381333932', 'check digit'),
    ('41012345678901234', 'not a valid GLN'),
    ('https://id.gs1.org/01/09506000134352/10/A?17=261231&17=271231', 'appears twice'),
    ('https://id.gs1.org/01/09506000134352/10/A?10=B', 'appears twice'),
    ('https://id.gs1.org/01/09506000134353/10/A', 'check digit'),
    ('https://id.gs1.org/01/09506000134352/10/%D9%A5', 'not allowed'),
    ('https://id.gs1.org/01/09506000134352/17/261231', 'Digital Link'),  # 17 is no qualifier
    (']C1', 'empty'),
    ('30' + GS, 'empty'),
    ('3103ABCDEF', 'digits only'),
])
def test_malformed(text, message):
    with pytest.raises(GS1Error, match=message):
        gs1.parse(text, today=TODAY)


def test_encode_separators():
    text = gs1.encode([('01', '09506000134352'), ('10', 'A1'), ('17', datetime.date(2027, 5, 31)),
                       ('30', 3)], prefix=']C1')
    assert text == ']C10109506000134352' '10A1' + GS + '17270531' '303'
    with pytest.raises(GS1Error):
        gs1.encode([('3102', Decimal('1.234'))])
    with pytest.raises(GS1Error):
        gs1.encode([('10', 'A(17)1')], human=True)


def test_looks_like_gs1():
    assert gs1.looks_like_gs1(']d2010950600013435210X')
    assert gs1.looks_like_gs1('(01)09506000134352')
    assert gs1.looks_like_gs1('10A' + GS + '21B')
    assert not gs1.looks_like_gs1('LOT-0001')
    assert not gs1.looks_like_gs1('5449000000996')
    assert gs1.looks_like_gs1('https://example.com/01/09506000134352')
    assert not gs1.looks_like_gs1('https://example.com/promo')


# ---------------------------------------------------------------- properties

CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"


def gtins(length=14):
    return st.text('0123456789', min_size=length - 1, max_size=length - 1).map(
        lambda body: body + gs1.gtin_check_digit(body))


def alnum(size, alphabet=CSET82):
    return st.text(alphabet, min_size=1, max_size=size)


DATES = st.dates(datetime.date(1977, 1, 1), datetime.date(2076, 12, 31))


# AIs whose date or time fields the regexes of GS1's table do not constrain
# (random digits are rarely a date): left to the examples above.
LOOSE_DATE_AIS = {'4324', '4325', '4326', '7003', '7006', '7007', '7011', '8008'}


def text_value(ai):
    """Data of AI after GS1's pattern (ASCII digits only), with a valid GLN check digit."""
    pattern = gs1._BIIP_AIS[ai].pattern
    body = pattern[1 + len(ai):-1].replace(r'\d', '[0-9]')
    value = st.from_regex(body, fullmatch=True).filter(bool)
    if ai[:2] == '41':
        value = value.map(lambda v: v[:-1] + gs1.gtin_check_digit(v[:-1]))
    return value


def decimal_value(ai):
    spec = gs1.AIS[ai]
    return st.integers(0, 10 ** spec.length - 1).map(lambda n: Decimal(n).scaleb(-int(ai[3])))


def element(ai, alphabet=None):
    kind = gs1.AIS[ai].kind
    if kind == 'gtin':
        value = gtins()
    elif kind == 'sscc':
        value = gtins(18)
    elif kind == 'date':
        value = DATES
    elif kind == 'count':
        value = st.integers(0, 99999999)
    elif kind == 'decimal':
        value = decimal_value(ai)
    elif alphabet:
        value = alnum(gs1.AIS[ai].length, alphabet)
    else:
        value = text_value(ai)
    return value.map(lambda v: (ai, v))


ALL_AIS = sorted(ai for ai in gs1.AIS if ai not in LOOSE_DATE_AIS)
CSET82_AIS = [ai for ai in ALL_AIS if gs1._BIIP_AIS[ai].pattern == '^%s([!%%-?A-Z_a-z\\x22]{1,%d})$'
              % (ai, gs1.AIS[ai].length)]


def element_lists(alphabet=None):
    ais = CSET82_AIS if alphabet else ALL_AIS
    return st.lists(st.sampled_from(ais).flatmap(lambda ai: element(ai, alphabet)),
                    min_size=1, max_size=8, unique_by=lambda pair: pair[0])


def test_strategies_cover_gs1s_table():
    assert len(ALL_AIS) > 500 and len(CSET82_AIS) > 50
    assert {'10', '21', '90', '99', '400', '240'} <= set(CSET82_AIS)


@hsettings(max_examples=300, deadline=None)
@given(element_lists(), st.sampled_from(('',) + gs1.SYMBOLOGY_PREFIXES))
def test_round_trip_raw(elements, prefix):
    text = gs1.encode(elements, prefix=prefix)
    assert gs1.parse(text, today=TODAY) == gs1.GS1Barcode(elements)


@hsettings(max_examples=200, deadline=None)
@given(element_lists().filter(lambda e: sum(ai in gs1.DIGITAL_LINK_KEYS for ai, _v in e) == 1))
def test_round_trip_digital_link(elements):
    uri = gs1.encode_digital_link(elements)
    assert gs1.parse(uri, today=TODAY) == gs1.GS1Barcode(elements)


@hsettings(max_examples=300, deadline=None)
@given(element_lists(CSET82.replace('(', '')))
def test_round_trip_human(elements):
    text = gs1.encode(elements, human=True)
    assert gs1.parse(text, today=TODAY) == gs1.GS1Barcode(elements)


@hsettings(max_examples=1000, deadline=None)
@given(st.one_of(
    st.text(),
    st.text('0123456789()' + GS, max_size=40),
    st.text(']Cd10e23Q' + '0123456789' + GS + 'AZ()', max_size=50),
    element_lists().map(lambda e: gs1.encode(e)).flatmap(
        lambda s: st.integers(0, len(s)).map(lambda i: s[:i] + s[i + 1:])),
    element_lists().map(lambda e: gs1.encode(e)).flatmap(
        lambda s: st.tuples(st.integers(0, len(s)), st.sampled_from('\n\r)(]\u0665' + GS)).map(
            lambda t: s[:t[0]] + t[1] + s[t[0]:])),
    st.text('https:/id.gs1.org0123456789?=&%ABC', max_size=60),
    st.text().map(lambda t: 'https://id.gs1.org/01/09506000134352/10/' + t),
))
def test_arbitrary_text_raises_only_gs1_error(text):
    try:
        result = gs1.parse(text, today=TODAY)
    except GS1Error as error:
        assert str(error)
    else:
        assert result.elements
