# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recall reconciliation from mass balances, and its XLSX sheet (no ORM).

A recall is reconciled when, for every affected lot, the quantity made or
received is accounted for:

    made_or_received = received + produced
    accounted = on_hand + at_customers + consumed_traced + scrapped + returned_to_vendor
    at_customers = delivered - returned - delivered without a known customer
    unexplained = made_or_received - accounted    (negative: more found than made)
    pct = 100 * accounted / made_or_received

``consumed_traced`` is what went into lots the recall traced.  An inventory
loss, stock in transit, consumption into untraced products, deliveries to
nobody known: all of it stays unexplained.  Totals are summed per unit of
measure; a recall is reconciled when every lot is (``unexplained`` zero).
"""
from .mass_balance_sql import _round, digits_of  # noqa: F401  (re-exported)

ACCOUNTED = ('on_hand', 'at_customers', 'consumed_traced', 'scrapped', 'returned_to_vendor')


def reconcile_lot(balance, consumed_traced=0.0, unidentified=0.0, digits=6):
    """The reconciliation figures of one lot from its mass balance dict."""
    made = _round(balance['received'] + balance['produced'], digits)
    at_customers = _round(balance['delivered'] - balance['returned'] - unidentified, digits)
    figures = {
        'lot_id': balance['lot_id'], 'uom': balance['uom'], 'made_or_received': made,
        'on_hand': balance['on_hand'], 'at_customers': at_customers,
        'consumed_traced': _round(consumed_traced, digits), 'scrapped': balance['scrapped'],
        'returned_to_vendor': balance['returned_to_vendor'],
    }
    figures['accounted'] = _round(sum(figures[key] for key in ACCOUNTED), digits)
    figures['unexplained'] = _round(made - figures['accounted'], digits)
    figures['reconciled'] = figures['unexplained'] == 0
    if made:
        figures['pct'] = round(100.0 * figures['accounted'] / made, 2)
    else:
        figures['pct'] = 100.0 if figures['accounted'] == 0 else 0.0
    return figures


def totals(rows):
    """Per unit of measure: {'uom', 'made_or_received', 'accounted',
    'unexplained', 'pct', 'lots', 'reconciled'}, sorted by unit."""
    by_uom = {}
    for row in rows:
        total = by_uom.setdefault(row['uom'], {
            'uom': row['uom'], 'made_or_received': 0.0, 'accounted': 0.0,
            'unexplained': 0.0, 'lots': 0, 'reconciled': True})
        for key in ('made_or_received', 'accounted', 'unexplained'):
            total[key] += row[key]
        total['lots'] += 1
        total['reconciled'] = total['reconciled'] and row['reconciled']
    result = []
    for uom in sorted(by_uom, key=lambda u: u or ''):
        total = by_uom[uom]
        for key in ('made_or_received', 'accounted', 'unexplained'):
            total[key] = _round(total[key], 6)
        made = total['made_or_received']
        total['pct'] = round(100.0 * total['accounted'] / made, 2) if made else (
            100.0 if not total['accounted'] else 0.0)
        result.append(total)
    return result


def headline_pct(rows):
    """The recall's one figure: 100 when every lot is reconciled, else the
    lowest per-unit share of the quantity made or received that is
    explained (100 * (made - |unexplained| per lot) / made), never above 100."""
    if not rows:
        return 100.0
    if all(row['reconciled'] for row in rows):
        return 100.0
    lowest = 100.0
    by_uom = {}
    for row in rows:
        made, missing = by_uom.get(row['uom'], (0.0, 0.0))
        by_uom[row['uom']] = (made + row['made_or_received'], missing + abs(row['unexplained']))
    for made, missing in by_uom.values():
        share = 100.0 * max(made - missing, 0.0) / made if made else 0.0
        lowest = min(lowest, share)
    # not reconciled is never shown as 100 %
    return min(round(lowest, 2), 99.99)


# (key, header, width); the XLSX "Mass balance" sheet
SHEET_COLUMNS = [
    ('lot_name', 'Lot', 22), ('product_name', 'Product', 34), ('uom', 'Unit', 10),
    ('made_or_received', 'Made or received', 14), ('on_hand', 'On hand', 12),
    ('at_customers', 'At identified customers', 14),
    ('consumed_traced', 'Consumed into traced lots', 14), ('scrapped', 'Scrapped', 12),
    ('returned_to_vendor', 'Returned to vendor', 12), ('accounted', 'Accounted for', 14),
    ('unexplained', 'Unexplained', 12), ('pct', 'Reconciled %', 12),
    ('received', 'Received', 12), ('produced', 'Produced', 12),
    ('returned', 'Customer returns', 12), ('adjusted_in', 'Inventory gain', 12),
    ('consumed', 'Consumed', 12), ('delivered', 'Delivered', 12),
    ('adjusted_out', 'Inventory loss', 12), ('balance_unexplained', 'Mass balance unexplained', 14),
]
_TEXT_KEYS = ('lot_name', 'product_name', 'uom')
FORMULA_PREFIXES = ('=', '+', '-', '@')


def write_xlsx_sheet(workbook, rows, total_rows=(), title='Mass balance'):
    """Add the mass balance sheet to an xlsxwriter WORKBOOK: ROWS are dicts
    with the keys of ``SHEET_COLUMNS`` (unexplained lots first), then one
    total row per unit.  Returns the number of lot rows written."""
    sheet = workbook.add_worksheet(title)
    header = workbook.add_format({'bold': True, 'bg_color': '#D9E1F2', 'border': 1,
                                  'text_wrap': True})
    number = workbook.add_format({'num_format': '#,##0.###'})
    warn = workbook.add_format({'num_format': '#,##0.###', 'bg_color': '#F8CBAD'})
    bold = workbook.add_format({'bold': True, 'num_format': '#,##0.###'})
    quoted = workbook.add_format({'quote_prefix': True})
    for col, (_key, text, width) in enumerate(SHEET_COLUMNS):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, text, header)
    sheet.freeze_panes(1, 0)

    def write_row(index, row, fmt=None):
        for col, (key, _text, _width) in enumerate(SHEET_COLUMNS):
            value = row.get(key)
            if key in _TEXT_KEYS:
                text = '' if value in (None, False) else str(value)
                sheet.write_string(index, col, text,
                                   quoted if text[:1] in FORMULA_PREFIXES else None)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cell_fmt = fmt or (warn if key == 'unexplained' and value else number)
                sheet.write_number(index, col, value, cell_fmt)
            else:
                sheet.write_blank(index, col, None)

    count = 0
    for count, row in enumerate(rows, 1):
        write_row(count, row)
    sheet.autofilter(0, 0, max(count, 1), len(SHEET_COLUMNS) - 1)
    index = count + 1
    for total in total_rows:
        index += 1
        write_row(index, dict(total, lot_name='Total', product_name='%d lots' % total['lots']),
                  bold)
    return count
