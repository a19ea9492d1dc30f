# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""FSMA-204 style recall workbook, written with xlsxwriter (no ORM here).

One Summary sheet, then one sheet per Critical Tracking Event (Receiving,
Transformation, Shipping) whose columns are the Key Data Elements. Rows are
streamed (xlsxwriter's constant-memory mode): the writer keeps one row in
memory, so 100k rows cost seconds, not gigabytes.

Input rows are plain dicts (see ``KDE_COLUMNS`` for the keys);
tools/fsma_events.py turns the database's events into them. A Glossary sheet
comes last: every code used, and what had to be cut at Excel's limits.
Other sheets (e.g. a mass balance) go between the events and the Glossary
through ``extra_sheets``.
"""
import datetime

import xlsxwriter

# Characters that make a spreadsheet read a typed value as a formula; TAB and CR
# too: some importers strip them and then read what follows as a formula.
FORMULA_PREFIXES = ('=', '+', '-', '@', '\t', '\r')

# Excel's limits: characters in one cell, rows in one sheet (with the header).
EXCEL_MAX_CELL_CHARS = 32767
EXCEL_MAX_ROWS = 1048576
CUT_MARK = ' [cut: an Excel cell holds at most 32,767 characters]'

T_LOT = 'Traceability Lot Code'
T_PRODUCT = 'Product Description'
T_SOURCE = 'Traceability Lot Code Source'
T_SOURCE_REF = 'TLC Source Reference'
T_DOC_TYPE = 'Reference Document Type'
T_DOC_NUMBER = 'Reference Document Number'


def _lot_columns(key='', title=''):
    """The lot, product and quantity columns of an event (of its input lot
    with KEY 'input_' and TITLE 'Input ', of the new lot with TITLE 'New ')."""
    return [
        (key + 'lot_code', title + T_LOT, 'text', 22),
        (key + 'product', title + T_PRODUCT, 'text', 34),
        (key + 'qty', title + 'Quantity', 'number', 11),
        (key + 'uom', title + 'Unit of Measure', 'text', 11),
    ]


SOURCE_COLUMNS = [
    ('tlc_source', T_SOURCE, 'text', 48),
    ('tlc_reference', T_SOURCE_REF, 'text', 28),
]
DOCUMENT_COLUMNS = [
    ('doc_type', T_DOC_TYPE, 'text', 24),
    ('doc_number', T_DOC_NUMBER, 'text', 26),
]

# (key, header, kind, width); kind is 'text', 'number' or 'date'. Headers follow
# the wording of the FSMA 204 sortable spreadsheet (21 CFR 1.1340, 1.1345, 1.1350).
KDE_COLUMNS = {
    'Receiving': _lot_columns() + [
        ('ship_from', 'Ship-From Location', 'text', 48),
        ('location', 'Receiving Location', 'text', 48),
        ('date', 'Receive Date', 'date', 17),
    ] + SOURCE_COLUMNS + [
        ('supplier_lot_code', "Supplier's Lot Code", 'text', 20),
    ] + DOCUMENT_COLUMNS,
    'Transformation': _lot_columns('input_', 'Input ') + _lot_columns(title='New ') + [
        ('location', 'Transformation Location', 'text', 48),
        ('date', 'Date Transformation Completed', 'date', 17),
    ] + SOURCE_COLUMNS + DOCUMENT_COLUMNS,
    'Shipping': _lot_columns() + [
        ('ship_to', 'Ship-To Location', 'text', 48),
        ('ship_from', 'Ship-From Location', 'text', 48),
        ('date', 'Ship Date', 'date', 17),
    ] + SOURCE_COLUMNS + DOCUMENT_COLUMNS,
}
EVENT_SHEETS = ('Receiving', 'Transformation', 'Shipping')

# What the Glossary sheet explains: every code, abbreviation and column used.
GLOSSARY = [
    ('CTE', 'Critical Tracking Event: an event the FSMA 204 rule asks records for. '
            'One sheet per CTE: Receiving, Transformation, Shipping.'),
    ('KDE', 'Key Data Element: one column of a CTE sheet.'),
    ('FSMA 204', 'FDA Food Traceability Rule, 21 CFR Part 1 Subpart S.'),
    (T_LOT, 'TLC: the lot code that identifies the food; for a transformation, '
            '"New" is the lot made and "Input" each lot used (one row per input lot).'),
    (T_SOURCE, 'Location description (business name, address, phone) of the place '
               'where the traceability lot code was assigned.'),
    (T_SOURCE_REF, 'An alternative to the source location: its GLN, FDA Food Facility '
                   'Registration Number or a web address.'),
    ("Supplier's Lot Code", "The supplier's own lot code when we gave the goods our own "
                            "lot number at receipt."),
    ('Location description', 'Business name; street, city, state/region ZIP, country; '
                             'phone number; and GLN when known. "no ... on file" names a '
                             'part the master data lacks.'),
    ('Ship-From Location', 'Receiving: the immediate previous source (the supplier\'s '
                           'delivery address). Shipping: our site that shipped.'),
    ('Ship-To Location', 'The immediate subsequent recipient (the customer\'s delivery '
                         'address).'),
    ('Receiving Location', 'Our site that received the food.'),
    ('Transformation Location', 'Our site where the food was made (manufacturing order).'),
    ('Quantity / Unit of Measure', 'Quantity of the event in the unit named beside it.'),
    (T_DOC_TYPE, 'Purchase order (PO), Receipt (warehouse receiving document), '
                 'Delivery order (shipping document, bill of lading role), Sales order, '
                 'Manufacturing order (MO). Several documents are separated by "; ".'),
    (T_DOC_NUMBER, 'The numbers of those documents, in the same order.'),
    ('GLN', 'GS1 Global Location Number (13 digits).'),
    ('not recorded', 'The system holds no value for this KDE; the cell says why.'),
    ('Sorting', 'Every sheet has filters on its header row: sort or filter any column.'),
]

# strftime directives of a language's date format (res.lang) -> Excel's
POSIX_TO_EXCEL = {'%d': 'dd', '%e': 'd', '%m': 'mm', '%Y': 'yyyy', '%y': 'yy', '%b': 'mmm',
                  '%B': 'mmmm', '%a': 'ddd', '%A': 'dddd', '%%': '%'}
DEFAULT_DATE_FORMAT = 'yyyy-mm-dd'


def excel_date_format(posix):
    """The Excel number format of the strftime date format POSIX (a language's
    date format: '%d.%m.%Y' -> 'dd.mm.yyyy'); ISO days when there is none."""
    if not posix:
        return DEFAULT_DATE_FORMAT
    parts, i = [], 0
    while i < len(posix):
        pair = posix[i:i + 2]
        if pair in POSIX_TO_EXCEL:
            parts.append(POSIX_TO_EXCEL[pair])
            i += 2
        elif posix[i] == '%':       # a directive Excel has no day format for
            i += 2
        else:
            char = posix[i]
            parts.append(char if char in ' ./-,:' else '\\' + char)
            i += 1
    return ''.join(parts).strip() or DEFAULT_DATE_FORMAT


DATE_FORMATS = ('%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S',
                '%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%d')


def as_datetime(value):
    """A naive datetime for a date cell, or None, from what psycopg2 or Odoo 11
    gives (a datetime, or 'YYYY-MM-DD HH:MM:SS'); tools/fsma_events.py reads
    the events' dates with it too."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(str(value), fmt)
        except ValueError:
            continue
    return None


class _Writer(object):
    """Writes sheets one after the other, rows streamed; remembers what had to
    be cut at Excel's limits so the workbook says so (Glossary sheet)."""

    def __init__(self, workbook, date_format=DEFAULT_DATE_FORMAT):
        self.book = workbook
        self.header = workbook.add_format({'bold': True, 'bg_color': '#D9E1F2',
                                           'border': 1, 'text_wrap': True})
        self.date_format_text = '%s hh:mm' % date_format
        self.date_format = workbook.add_format({'num_format': self.date_format_text})
        self.number_format = workbook.add_format({'num_format': '#,##0.###'})
        # quote_prefix: Excel keeps the cell text even when it is edited again
        self.quoted = workbook.add_format({'quote_prefix': True})
        self.label = workbook.add_format({'bold': True})
        self.warning = workbook.add_format({'bold': True, 'font_color': '#C00000'})
        self.cut_cells = {}     # sheet name -> number of cells whose text was cut
        self.cut_rows = {}      # sheet name -> number of rows not written
        self.units = set()

    def text(self, sheet, row, col, value, fmt=None):
        if value.__class__ is not str:
            value = '' if value is None or value is False else str(value)
        if len(value) > EXCEL_MAX_CELL_CHARS:
            value = value[:EXCEL_MAX_CELL_CHARS - len(CUT_MARK)] + CUT_MARK
            name = sheet.get_name()
            self.cut_cells[name] = self.cut_cells.get(name, 0) + 1
        if value[:1] in FORMULA_PREFIXES:
            sheet.write_string(row, col, value, self.quoted)
        else:
            sheet.write_string(row, col, value, fmt)

    def number(self, sheet, row, col, value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            sheet.write_number(row, col, value, self.number_format)
        else:
            self.text(sheet, row, col, value)

    def date(self, sheet, row, col, value):
        when = as_datetime(value)
        if when is None:
            self.text(sheet, row, col, value or 'not recorded: no date on the record')
        else:
            sheet.write_datetime(row, col, when, self.date_format)

    def summary(self, pairs):
        sheet = self.book.add_worksheet('Summary')
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 1, 60)
        for row, (label, value) in enumerate(pairs):
            self.text(sheet, row, 0, label, self.label)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(row, 1, value)
            elif isinstance(value, (datetime.date, datetime.datetime)):
                sheet.write_datetime(row, 1, as_datetime(value), self.date_format)
            else:
                self.text(sheet, row, 1, value)

    def table(self, name, columns, rows):
        """A sortable sheet: header row (frozen, with filters), then ROWS (dicts
        keyed like COLUMNS) streamed. Rows past Excel's limit are counted and a
        last row says how many were not written. Returns the rows written."""
        sheet = self.book.add_worksheet(name)
        for col, (_key, title, _kind, width) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, title, self.header)
        sheet.freeze_panes(1, 0)
        cells = [(col, key, getattr(self, kind)) for col, (key, _t, kind, _w)
                 in enumerate(columns)]
        uom_keys = [key for key, _t, _k, _w in columns if key.endswith('uom')]
        limit = EXCEL_MAX_ROWS - 2    # header, and the row that says rows were cut
        count = 0
        rows = iter(rows)
        for row in rows:
            if count >= limit:
                self.cut_rows[name] = 1 + sum(1 for _row in rows)
                break
            count += 1
            get = row.get
            for col, key, write in cells:
                write(sheet, count, col, get(key))
            for key in uom_keys:
                self.units.add(get(key) or '')
        sheet.autofilter(0, 0, max(count, 1), len(columns) - 1)
        if name in self.cut_rows:
            sheet.write_string(count + 1, 0, '%d more rows not written: an Excel sheet holds at '
                               'most %d rows. Narrow the request (dates, products) to get '
                               'them.' % (self.cut_rows[name], EXCEL_MAX_ROWS), self.warning)
        return count

    def events(self, name, rows):
        return self.table(name, KDE_COLUMNS[name], rows)

    def glossary(self, extra=()):
        sheet = self.book.add_worksheet('Glossary')
        sheet.set_column(0, 0, 32)
        sheet.set_column(1, 1, 100)
        sheet.write_string(0, 0, 'Term', self.header)
        sheet.write_string(0, 1, 'Meaning', self.header)
        entries = list(GLOSSARY) + [
            ('Dates', 'Date and time of the event in UTC (%s), a date cell: sort and '
                      'filter it as a date.' % self.date_format_text)] + list(extra)
        for unit in sorted(u for u in self.units if u):
            entries.append(('Unit "%s"' % unit, 'Unit of measure as named in our system.'))
        cuts = []
        for name, number in sorted(self.cut_cells.items()):
            cuts.append(('Cut text: %s' % name, '%d cells were longer than Excel allows: '
                         'their text ends with "%s".' % (number, CUT_MARK.strip())))
        for name, number in sorted(self.cut_rows.items()):
            cuts.append(('Rows not written: %s' % name, '%d rows past Excel\'s limit of %d rows '
                         'per sheet were not written.' % (number, EXCEL_MAX_ROWS)))
        if not cuts:
            cuts.append(('Completeness', 'Nothing was cut: every row and every text is complete.'))
        row = 0
        for row, (term, meaning) in enumerate(entries + cuts, 1):
            self.text(sheet, row, 0, term, self.label)
            self.text(sheet, row, 1, meaning)
        sheet.autofilter(0, 0, row, 1)


def write_recall_workbook(output, summary, events, mass_balance=None, extra_sheets=(),
                          glossary=(), date_format=DEFAULT_DATE_FORMAT):
    """Write the workbook to ``output`` (a path or a binary file object).

    ``summary``: list of (label, value) pairs for the Summary sheet.
    ``events``: {sheet name: iterable of KDE dicts} for Receiving,
    Transformation and Shipping (iterables are consumed once, row by row).
    ``extra_sheets``: (name, columns, rows) for more sheets after the events
    (columns as in KDE_COLUMNS: (key, header, kind, width)); ``glossary``:
    more (term, meaning) pairs for the Glossary sheet, which comes last;
    ``date_format``: the days as the reader writes them (Excel format, see
    :func:`excel_date_format`); numbers use Excel's separators of the reader.
    Returns {sheet name: number of data rows written}."""
    workbook = xlsxwriter.Workbook(output, {
        'constant_memory': True,
        'strings_to_formulas': False,
        'strings_to_numbers': False,
        'strings_to_urls': False,
        'default_date_format': '%s hh:mm' % date_format,
    })
    writer = _Writer(workbook, date_format)
    writer.summary(summary)
    counts = {}
    for name in EVENT_SHEETS:
        counts[name] = writer.events(name, events.get(name) or ())
    if mass_balance is not None:  # (lot rows, total rows): tools/mass_balance.py
        from .mass_balance import write_xlsx_sheet
        counts['Mass balance'] = write_xlsx_sheet(workbook, *mass_balance)
    for name, columns, rows in extra_sheets:
        counts[name] = writer.table(name, columns, rows)
    writer.glossary(glossary)
    workbook.close()
    counts['cut'] = dict(cells=dict(writer.cut_cells), rows=dict(writer.cut_rows))
    return counts
