# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one module of the addon that imports ``biip`` (GS1 barcodes): what
tools/gs1.py uses of it, under one roof.

All of it is biip's public API but the list of Application Identifiers: biip
offers ``GS1ApplicationIdentifier.extract(value)`` (the AI a value starts
with) and no public list. ``application_identifiers()`` reads biip's own
table where biip 5 keeps it and, when a release moves it, builds the same
table through ``extract`` (half a second, once per process).
tests/test_biip_adapter.py pins that both agree and the behaviour gs1.py
relies on, so an upgrade of biip fails a test, not a scan.
"""
from biip import BiipException, ParseError, gs1_application_identifiers as _ai_module
from biip.gs1_application_identifiers import GS1ApplicationIdentifier
from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from biip.gs1_element_strings import GS1ElementString, GS1ElementStrings
from biip.symbology import SymbologyIdentifier

__all__ = ('BiipException', 'GS1ApplicationIdentifier', 'GS1DigitalLinkURI', 'GS1ElementString',
           'GS1ElementStrings', 'ParseError', 'SymbologyIdentifier', 'application_identifiers',
           'application_identifiers_public')

# where biip 5 keeps its table (a private name: read here only)
_TABLE_NAME = '_GS1_APPLICATION_IDENTIFIERS'


def application_identifiers():
    """{ai: GS1ApplicationIdentifier} of every AI GS1 defines (biip's copy of
    GS1's table): biip's own dict when it is where biip 5 keeps it, else
    :func:`application_identifiers_public`."""
    table = getattr(_ai_module, _TABLE_NAME, None)
    if isinstance(table, dict) and table and all(
            isinstance(entry, GS1ApplicationIdentifier) for entry in table.values()):
        return dict(table)
    return application_identifiers_public()


def application_identifiers_public():
    """The same table through biip's public ``extract`` only: every code of 2
    to 4 digits that is itself an AI (GS1's AIs are 2 to 4 digits and none is
    the start of another)."""
    table = {}
    for size in (2, 3, 4):
        for number in range(10 ** size):
            code = '%0*d' % (size, number)
            try:
                entry = GS1ApplicationIdentifier.extract(code)
            except ParseError:
                continue
            if entry.ai == code:
                table[code] = entry
    return table
