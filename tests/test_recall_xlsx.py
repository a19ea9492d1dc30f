"""The FSMA-204 recall workbook, opened again with openpyxl (no database)."""
import datetime
import io

import openpyxl

from odoo.addons.lot_traceability.tools import recall_xlsx


def trace_rows():
    return [
        {'kind': 'receipt', 'level': 1, 'lot_id': 1, 'lot_name': 'RM-1', 'product_id': 1,
         'product_name': 'Flour', 'qty': 100.0, 'uom': 'kg', 'date': '2026-01-02 08:00:00',
         'partner_id': 7, 'partner_name': 'Mill Ltd', 'reference': 'WH/IN/00001',
         'location_name': 'WH/Stock', 'res_model': 'stock.picking', 'res_id': 1},
        {'kind': 'production', 'level': 1, 'lot_id': 2, 'lot_name': 'FG-1', 'product_id': 2,
         'product_name': 'Bread', 'qty': 40.0, 'uom': 'Unit(s)', 'date': '2026-01-03 09:30:00',
         'partner_id': False, 'reference': 'MO/00001', 'workcenter': 'Oven 1',
         'origin_lot_name': 'RM-1', 'res_model': 'mrp.production', 'res_id': 1},
        {'kind': 'delivery', 'level': 2, 'lot_id': 2, 'lot_name': '=HYPERLINK("http://x")',
         'product_name': '+Bread', 'qty': 10.0, 'uom': 'Unit(s)',
         'date': datetime.datetime(2026, 1, 4, 10, 0), 'partner_id': 9,
         'partner_name': '@Shop', 'reference': '-WH/OUT/00001', 'location_name': 'WH/Stock',
         'res_model': 'stock.picking', 'res_id': 2},
        {'kind': 'stock', 'level': 2, 'lot_id': 2, 'lot_name': 'FG-1', 'qty': 30.0},
    ]


def build(rows=None, summary=None):
    stream = io.BytesIO()
    events = recall_xlsx.event_rows(trace_rows() if rows is None else rows, lot_code_source='My Co, Main St')
    counts = recall_xlsx.write_recall_workbook(
        stream, summary or [('Recall', 'RC/0001'), ('Opened', datetime.datetime(2026, 1, 5))],
        events)
    stream.seek(0)
    return counts, openpyxl.load_workbook(stream)


def test_sheets_and_headers_follow_fsma_204():
    counts, book = build()
    assert book.sheetnames == ['Summary', 'Receiving', 'Transformation', 'Shipping']
    assert counts == {'Receiving': 1, 'Transformation': 1, 'Shipping': 1}
    shipping = book['Shipping']
    header = [cell.value for cell in shipping[1]]
    assert header == [title for _k, title, _t, _w in recall_xlsx.KDE_COLUMNS['Shipping']]
    for name in ('Receiving', 'Transformation', 'Shipping'):
        sheet = book[name]
        assert sheet.freeze_panes == 'A2'
        assert sheet.auto_filter.ref == 'A1:J2'
        assert sheet.max_row == 2


def test_formula_like_text_stays_text():
    _counts, book = build()
    row = [cell for cell in book['Shipping'][2]]
    assert row[0].value == '=HYPERLINK("http://x")'
    assert row[0].data_type == 's'
    assert row[1].value == '+Bread' and row[1].data_type == 's'
    assert row[5].value == '@Shop' and row[5].data_type == 's'
    assert row[8].value == '-WH/OUT/00001' and row[8].data_type == 's'
    assert row[0].quotePrefix


def test_dates_and_numbers_are_real_cells():
    _counts, book = build()
    receiving = book['Receiving']
    cells = {title: cell for (_k, title, _t, _w), cell in
             zip(recall_xlsx.KDE_COLUMNS['Receiving'], receiving[2])}
    assert cells['Receive date'].value == datetime.datetime(2026, 1, 2, 8, 0)
    assert cells['Receive date'].is_date
    assert cells['Quantity'].value == 100.0
    assert cells['Ship-from location (supplier)'].value == 'Mill Ltd'
    assert cells['Traceability lot code source'].value == 'My Co, Main St'
    assert cells['Reference document type'].value == 'Receipt (purchase)'
    transformation = book['Transformation']
    values = [cell.value for cell in transformation[2]]
    assert values[0] == 'FG-1' and values[4] == 'RM-1' and values[5] == 'Oven 1'
    assert book['Shipping'].cell(row=2, column=7).value == datetime.datetime(2026, 1, 4, 10, 0)


def test_summary_sheet_lists_label_value_pairs():
    _counts, book = build(summary=[('Recall', '=1+1'), ('Affected lots', 3),
                                   ('Opened', datetime.datetime(2026, 1, 5, 7, 0))])
    summary = book['Summary']
    assert [c.value for c in summary['A']] == ['Recall', 'Affected lots', 'Opened']
    assert summary['B1'].value == '=1+1' and summary['B1'].data_type == 's'
    assert summary['B2'].value == 3
    assert summary['B3'].value == datetime.datetime(2026, 1, 5, 7, 0)


def test_empty_recall_still_has_every_sheet_with_header():
    counts, book = build(rows=[])
    assert counts == {'Receiving': 0, 'Transformation': 0, 'Shipping': 0}
    assert book['Shipping'].max_row == 1
    assert book['Shipping']['A1'].value == 'Traceability lot code'


def test_generator_rows_are_streamed_once():
    produced = []

    def rows():
        for i in range(500):
            produced.append(i)
            yield {'lot_code': 'L%d' % i, 'qty': i, 'date': '2026-02-01'}
    stream = io.BytesIO()
    counts = recall_xlsx.write_recall_workbook(stream, [], {'Shipping': rows()})
    assert counts['Shipping'] == 500 and len(produced) == 500
    stream.seek(0)
    sheet = openpyxl.load_workbook(stream)['Shipping']
    assert sheet.max_row == 501
    assert sheet['A501'].value == 'L499'
    assert sheet['G2'].value == datetime.datetime(2026, 2, 1)


def test_as_datetime_accepts_odoo_strings_and_rejects_garbage():
    assert recall_xlsx.as_datetime('2026-03-04 05:06:07') == datetime.datetime(2026, 3, 4, 5, 6, 7)
    assert recall_xlsx.as_datetime(datetime.date(2026, 3, 4)) == datetime.datetime(2026, 3, 4)
    assert recall_xlsx.as_datetime('not a date') is None
    assert recall_xlsx.as_datetime(False) is None
