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


def test_all_required_ais():
    text = ('00106141411234567897' '0109506000134352' '0209506000134352' '11260101'
            '13260228' '15260100' '17290815' '10L1' + GS + '21S1' + GS + '30' '5' + GS
            + '37' '6' + GS + '3101000015' '3112001000' '3160123456' '400PO9')
    code = gs1.parse(text, today=TODAY)
    assert code.get('00') == '106141411234567897'
    assert code.get('02') == '09506000134352'
    assert code.get('11') == datetime.date(2026, 1, 1)
    assert code.get('13') == datetime.date(2026, 2, 28)  # 2026 is no leap year: 260229 is refused below
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
    ('99ABC', 'Unknown application identifier'),
    ('(01)09506000134352(99)X', r'\(99\) is unknown'),
    ('(01)0950600013435210X', 'must have 14 characters'),
    ('10A' + GS + '10B', 'appears twice'),
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
        gs1.encode([('10', 'A(1)')], human=True)


def test_looks_like_gs1():
    assert gs1.looks_like_gs1(']d2010950600013435210X')
    assert gs1.looks_like_gs1('(01)09506000134352')
    assert gs1.looks_like_gs1('10A' + GS + '21B')
    assert not gs1.looks_like_gs1('LOT-0001')
    assert not gs1.looks_like_gs1('5449000000996')


# ---------------------------------------------------------------- properties

CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"


def gtins(length=14):
    return st.text('0123456789', min_size=length - 1, max_size=length - 1).map(
        lambda body: body + gs1.gtin_check_digit(body))


def alnum(size, alphabet=CSET82):
    return st.text(alphabet, min_size=1, max_size=size)


DATES = st.dates(datetime.date(1977, 1, 1), datetime.date(2076, 12, 31))


def measures():
    return st.tuples(st.sampled_from(sorted(_ for _ in gs1._MEASURES)),
                     st.integers(0, 6), st.integers(0, 999999)).map(
        lambda t: ('%s%d' % (t[0], t[1]), Decimal(t[2]).scaleb(-t[1])))


def element(ai, alphabet=CSET82):
    kind = gs1.AIS[ai].kind
    if kind == 'gtin':
        value = gtins()
    elif kind == 'sscc':
        value = gtins(18)
    elif kind == 'date':
        value = DATES
    elif ai == '20':
        value = st.text('0123456789', min_size=2, max_size=2)
    elif kind == 'digits':
        value = st.integers(0, 99999999)
    else:
        value = alnum(gs1.AIS[ai].length, alphabet)
    return value.map(lambda v: (ai, v))


SIMPLE_AIS = [ai for ai in gs1.AIS if gs1.AIS[ai].kind != 'decimal']


def element_lists(alphabet=CSET82):
    return st.lists(st.one_of(st.sampled_from(SIMPLE_AIS).flatmap(
        lambda ai: element(ai, alphabet)), measures()), min_size=1, max_size=8,
        unique_by=lambda pair: pair[0])


@hsettings(max_examples=300, deadline=None)
@given(element_lists(), st.sampled_from(('',) + gs1.SYMBOLOGY_PREFIXES))
def test_round_trip_raw(elements, prefix):
    text = gs1.encode(elements, prefix=prefix)
    assert gs1.parse(text, today=TODAY) == gs1.GS1Barcode(elements)


@hsettings(max_examples=300, deadline=None)
@given(element_lists(CSET82.replace('(', '').replace(')', '')))
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
))
def test_arbitrary_text_raises_only_gs1_error(text):
    try:
        result = gs1.parse(text, today=TODAY)
    except GS1Error as error:
        assert str(error)
    else:
        assert result.elements
