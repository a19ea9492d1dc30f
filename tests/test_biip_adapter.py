# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What tools/gs1.py relies on in biip, pinned (tools/biip_adapter.py): an
upgrade of biip that changes it fails here, not at a scanner."""
import datetime

import pytest

from odoo.addons.lot_traceability.tools import biip_adapter, gs1


def test_the_ai_table_is_biips_and_agrees_with_its_public_api():
    # biip 5 keeps its table where the adapter reads it...
    from biip import gs1_application_identifiers
    assert isinstance(getattr(gs1_application_identifiers, biip_adapter._TABLE_NAME), dict)
    table = biip_adapter.application_identifiers()
    # ...and what its public extract() finds is the same table
    assert table == biip_adapter.application_identifiers_public()
    assert len(table) > 500 and set(gs1.AIS) == set(table)
    # every AI is 2 to 4 digits and none is the start of another (_match_ai)
    assert all(len(ai) in (2, 3, 4) and ai.isdigit() for ai in table)
    assert not [(a, b) for a in table for b in table if a != b and b.startswith(a)]


def test_the_ai_entries_gs1_reads():
    table = biip_adapter.application_identifiers()
    pinned = {'00': ('N2+N18', False), '01': ('N2+N14', False), '10': ('N2+X..20', True),
              '17': ('N2+N6', False), '21': ('N2+X..20', True), '30': ('N2+N..8', True),
              '3103': ('N4+N6', False), '414': ('N3+N13', False)}
    assert {ai: (table[ai].format, table[ai].separator_required) for ai in pinned} == pinned
    assert table['10'].description == 'Batch or lot number'
    # the percent-encoded names gs1._PERCENT_AIS finds through the pattern
    assert '%[0-9A-Fa-f]' in table['4300'].pattern
    assert gs1.AIS['10'] == gs1.AiSpec('batch/lot', 'text', 20, False, True, 'N2+X..20')


def test_element_strings_values_and_gln_check():
    element = biip_adapter.GS1ElementString.parse('10ABC-1')
    assert (element.ai.ai, element.value) == ('10', 'ABC-1')
    assert biip_adapter.GS1ElementString.parse('4140614141000005').gln_error is None
    assert 'check digit' in biip_adapter.GS1ElementString.parse('4140614141000006').gln_error
    # a value its pattern refuses raises biip's ParseError, a BiipException
    with pytest.raises(biip_adapter.ParseError):
        biip_adapter.GS1ElementString.parse('17261340')
    assert issubclass(biip_adapter.ParseError, biip_adapter.BiipException)


def test_digital_link_parse_and_build():
    uri = biip_adapter.GS1DigitalLinkURI.parse(
        'https://example.com/01/09506000134352/10/ABC?17=261231&17=270101')
    # biip keeps the last of a repeated query parameter: gs1 adds the others back
    assert [(e.ai.ai, e.value) for e in uri.element_strings] == [
        ('01', '09506000134352'), ('10', 'ABC'), ('17', '270101')]
    with pytest.raises(gs1.GS1Error, match='twice with different values'):
        gs1.parse('https://example.com/01/09506000134352/10/ABC?17=261231&17=270101',
                  datetime.date(2026, 11, 26))
    strings = biip_adapter.GS1ElementStrings(biip_adapter.GS1ElementString.parse(text) for text in (
        '0109506000134352', '10AB/C', '17261231'))
    assert biip_adapter.GS1DigitalLinkURI.from_element_strings(strings).as_uri(
        domain='id.example.com') == 'https://id.example.com/01/09506000134352/10/AB%2FC?17=261231'


def test_symbology_identifiers():
    assert biip_adapter.SymbologyIdentifier.extract(']C1010950').value == ']C1'
    assert biip_adapter.SymbologyIdentifier.extract(']d2010950').value == ']d2'
    assert biip_adapter.SymbologyIdentifier.extract(']E09506000134352').value == ']E0'
