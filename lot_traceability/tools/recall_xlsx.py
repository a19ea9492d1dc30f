# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""FSMA-204 style recall workbook, written with xlsxwriter (no ORM here).

One Summary sheet, then one sheet per Critical Tracking Event (Receiving,
Transformation, Shipping) whose columns are the Key Data Elements. Rows are
streamed (xlsxwriter's constant-memory mode): the writer keeps one row in
memory, so 100k rows cost seconds, not gigabytes.

Input rows are plain dicts (see ``KDE_COLUMNS`` for the keys); the Odoo side
turns trace rows into them (``event_rows``).
"""
import datetime

import xlsxwriter

# Characters that make a spreadsheet read a typed value as a formula.
FORMULA_PREFIXES = ('=', '+', '-', '@')

# (key, header, kind, width); kind is 'text', 'number' or 'date'.
KDE_COLUMNS = {
    'Receiving': [
        ('lot_code', 'Traceability lot code', 'text', 24),
        ('product', 'Product description', 'text', 36),
        ('qty', 'Quantity', 'number', 12),
        ('uom', 'Unit of measure', 'text', 10),
        ('ship_from', 'Ship-from location (supplier)', 'text', 30),
        ('location', 'Receiving location', 'text', 26),
        ('date', 'Receive date', 'date', 18),
        ('doc_type', 'Reference document type', 'text', 20),
        ('doc_number', 'Reference document number', 'text', 22),
        ('lot_code_source', 'Traceability lot code source', 'text', 30),
    ],
    'Transformation': [
        ('lot_code', 'Traceability lot code (new)', 'text', 24),
        ('product', 'Product description', 'text', 36),
        ('qty', 'Quantity', 'number', 12),
        ('uom', 'Unit of measure', 'text', 10),
        ('input_lot_code', 'Input traceability lot code', 'text', 24),
        ('location', 'Transformation location', 'text', 26),
        ('date', 'Transformation date', 'date', 18),
        ('doc_type', 'Reference document type', 'text', 20),
        ('doc_number', 'Reference document number', 'text', 22),
        ('lot_code_source', 'Traceability lot code source', 'text', 30),
    ],
    'Shipping': [
        ('lot_code', 'Traceability lot code', 'text', 24),
        ('product', 'Product description', 'text', 36),
        ('qty', 'Quantity', 'number', 12),
        ('uom', 'Unit of measure', 'text', 10),
        ('ship_from', 'Ship-from location', 'text', 26),
        ('ship_to', 'Ship-to location (customer)', 'text', 30),
        ('date', 'Ship date', 'date', 18),
        ('doc_type', 'Reference document type', 'text', 20),
        ('doc_number', 'Reference document number', 'text', 22),
        ('lot_code_source', 'Traceability lot code source', 'text', 30),
    ],
}
EVENT_SHEETS = ('Receiving', 'Transformation', 'Shipping')

# Trace row kind -> Critical Tracking Event sheet
KIND_TO_SHEET = {
    'receipt': 'Receiving',
    'production': 'Transformation',
    'delivery': 'Shipping',
}
DOC_TYPES = {
    'receipt': 'Receipt (purchase)',
    'production': 'Manufacturing order',
    'delivery': 'Delivery order',
}
DATE_FORMATS = ('%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%d')


def as_datetime(value):
    """A datetime for a date cell, or None (Odoo 11 gives 'YYYY-MM-DD HH:MM:SS')."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(str(value), fmt)
        except ValueError:
            continue
    return None


def is_formula_like(text):
    return isinstance(text, str) and text.startswith(FORMULA_PREFIXES)


def event_rows(trace_rows, lot_code_source=''):
    """Split trace rows into {sheet: [KDE dict, ...]} (rows of other kinds are left out).

    ``lot_code_source`` names who assigned the lot codes (the company and its address)."""
    events = {sheet: [] for sheet in EVENT_SHEETS}
    for row in trace_rows:
        sheet = KIND_TO_SHEET.get(row.get('kind'))
        if not sheet:
            continue
        kde = {
            'lot_code': row.get('lot_name') or '',
            'product': row.get('product_name') or '',
            'qty': row.get('qty') or 0.0,
            'uom': row.get('uom') or '',
            'date': row.get('date'),
            'doc_type': DOC_TYPES[row['kind']],
            'doc_number': row.get('reference') or '',
            'lot_code_source': row.get('lot_code_source') or lot_code_source,
        }
        partner = row.get('partner_name') or ''
        location = row.get('location_name') or ''
        if sheet == 'Receiving':
            kde.update(ship_from=partner, location=location)
        elif sheet == 'Transformation':
            kde.update(location=row.get('workcenter') or location,
                       input_lot_code=row.get('origin_lot_name') or '')
        else:
            kde.update(ship_from=location, ship_to=partner)
        events[sheet].append(kde)
    return events


class _Writer(object):
    def __init__(self, workbook):
        self.book = workbook
        self.header = workbook.add_format({'bold': True, 'bg_color': '#D9E1F2',
                                           'border': 1, 'text_wrap': True})
        self.date_format = workbook.add_format({'num_format': 'yyyy-mm-dd hh:mm'})
        self.number_format = workbook.add_format({'num_format': '#,##0.###'})
        # quote_prefix: Excel keeps the cell text even when it is edited again
        self.quoted = workbook.add_format({'quote_prefix': True})
        self.label = workbook.add_format({'bold': True})

    def text(self, sheet, row, col, value, fmt=None):
        if value.__class__ is not str:
            value = '' if value is None or value is False else str(value)
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
            sheet.write_blank(row, col, None)
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

    def events(self, name, rows):
        columns = KDE_COLUMNS[name]
        sheet = self.book.add_worksheet(name)
        for col, (_key, title, _kind, width) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, title, self.header)
        sheet.freeze_panes(1, 0)
        cells = [(col, key, getattr(self, kind)) for col, (key, _t, kind, _w)
                 in enumerate(columns)]
        count = 0
        for count, row in enumerate(rows, 1):
            get = row.get
            for col, key, write in cells:
                write(sheet, count, col, get(key))
        sheet.autofilter(0, 0, count, len(columns) - 1)
        return count


def write_recall_workbook(output, summary, events, mass_balance=None):
    """Write the workbook to ``output`` (a path or a binary file object).

    ``summary``: list of (label, value) pairs for the Summary sheet.
    ``events``: {sheet name: iterable of KDE dicts} for Receiving,
    Transformation and Shipping (iterables are consumed once, row by row).
    Returns {sheet name: number of data rows written}."""
    workbook = xlsxwriter.Workbook(output, {
        'constant_memory': True,
        'strings_to_formulas': False,
        'strings_to_numbers': False,
        'strings_to_urls': False,
        'default_date_format': 'yyyy-mm-dd hh:mm',
    })
    writer = _Writer(workbook)
    writer.summary(summary)
    counts = {}
    for name in EVENT_SHEETS:
        counts[name] = writer.events(name, events.get(name) or ())
    if mass_balance is not None:  # (lot rows, total rows): tools/mass_balance.py
        from .mass_balance import write_xlsx_sheet
        counts['Mass balance'] = write_xlsx_sheet(workbook, *mass_balance)
    workbook.close()
    return counts
