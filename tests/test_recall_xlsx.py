# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The FSMA 204 workbook, opened again with openpyxl (no database)."""
import datetime
import io

import openpyxl

from odoo.addons.lot_traceability.tools import fsma_events, recall_xlsx

import fsma_data

SHEETS = ['Summary', 'Receiving', 'Transformation', 'Shipping', 'Glossary']


def events():
    return {'Receiving': [fsma_events.kde_row(fsma_data.receiving())],
            'Transformation': [fsma_events.kde_row(fsma_data.transformation()),
                               fsma_events.kde_row(fsma_data.transformation(
                                   key='edge2', input_lot='HNY-0001', qty=5.0))],
            'Shipping': [fsma_events.kde_row(fsma_data.shipping())]}


def build(rows=None, summary=None, **kwargs):
    stream = io.BytesIO()
    counts = recall_xlsx.write_recall_workbook(
        stream, summary or [('Recall', 'RC/0001'), ('Opened', datetime.datetime(2026, 1, 5))],
        events() if rows is None else rows, **kwargs)
    stream.seek(0)
    return counts, openpyxl.load_workbook(stream)


def cells(book, sheet, row=2):
    headers = [c.value for c in book[sheet][1]]
    return dict(zip(headers, [c.value for c in book[sheet][row]]))


def test_one_sheet_per_event_type_template_headers_sortable_and_glossary():
    counts, book = build()
    assert book.sheetnames == SHEETS
    assert (counts['Receiving'], counts['Transformation'], counts['Shipping']) == (1, 2, 1)
    headers = [c.value for c in book['Shipping'][1]]
    for title in ('Traceability Lot Code', 'Quantity', 'Unit of Measure', 'Product Description',
                  'Ship-To Location', 'Ship-From Location', 'Ship Date',
                  'Traceability Lot Code Source', 'TLC Source Reference',
                  'Reference Document Type', 'Reference Document Number'):
        assert title in headers
    for name in ('Receiving', 'Transformation', 'Shipping'):
        sheet = book[name]
        last = openpyxl.utils.get_column_letter(len(recall_xlsx.KDE_COLUMNS[name]))
        assert sheet.freeze_panes == 'A2'
        assert sheet.auto_filter.ref == 'A1:%s%d' % (last, sheet.max_row)
    terms = {row[0] for row in book['Glossary'].iter_rows(min_row=2, values_only=True)}
    assert {'CTE', 'KDE', 'GLN', 'Traceability Lot Code Source', 'TLC Source Reference',
            'Reference Document Type', 'Unit "kg"', 'Unit "Unit(s)"', 'Completeness'} <= terms


def test_location_descriptions_lot_code_source_and_documents():
    _counts, book = build()
    receiving = cells(book, 'Receiving')
    assert receiving['Traceability Lot Code'] == 'HZN-0001'
    assert receiving['Quantity'] == 25.0 and receiving['Unit of Measure'] == 'kg'
    assert receiving['Receive Date'] == datetime.datetime(2026, 3, 2, 14, 30)
    ship_from = receiving['Ship-From Location']
    assert ship_from.startswith('NutCo; 3 Main Street, Springfield, Illinois 62701, United States')
    assert 'no phone on file' in ship_from
    assert receiving['Receiving Location'].startswith('Acme Foods, Plant 1; 1 Main Street')
    assert 'Phone +1 555 0100' in receiving['Receiving Location']
    assert 'GLN 0614141000005' in receiving['Receiving Location']
    assert receiving['Traceability Lot Code Source'].startswith('NutCo; ')
    assert receiving['TLC Source Reference'].startswith('none on file')
    assert receiving["Supplier's Lot Code"] == 'same as the Traceability Lot Code'
    assert receiving['Reference Document Type'] == 'Purchase order; Receipt'
    assert receiving['Reference Document Number'] == 'PO00012; WH/IN/00007'
    shipping = cells(book, 'Shipping')
    assert shipping['Ship-To Location'].startswith('FreshMart, Store 12; 4 Main Street')
    assert shipping['Ship-From Location'].startswith('Acme Foods, Plant 1')
    assert shipping['TLC Source Reference'] == '0614141000005'
    assert shipping['Reference Document Type'] == 'Delivery order; Sales order'


def test_transformation_has_one_row_per_input_lot_with_the_output():
    _counts, book = build()
    rows = [cells(book, 'Transformation', row) for row in (2, 3)]
    assert [r['Input Traceability Lot Code'] for r in rows] == ['HZN-0001', 'HNY-0001']
    assert [r['Input Quantity'] for r in rows] == [10.0, 5.0]
    for row in rows:
        assert row['Input Unit of Measure'] == 'kg'
        assert row['New Traceability Lot Code'] == 'PMX-0001'
        assert row['New Quantity'] == 40.0 and row['New Unit of Measure'] == 'Unit(s)'
        assert row['Date Transformation Completed'] == datetime.datetime(2026, 3, 4, 16, 0)
        assert row['Transformation Location'].startswith('Acme Foods, Plant 1')
        assert row['Reference Document Type'] == 'Manufacturing order'


def test_missing_values_say_why():
    event = fsma_data.receiving(other=None, docs=[], lot=fsma_data.lot('X-1', made_here=True))
    row = fsma_events.kde_row(event)
    assert row['ship_from'] == 'not recorded: the receipt names no vendor'
    assert row['doc_type'].startswith('not recorded') and row['doc_number'].startswith('not ')
    assert 'not recorded on the lot' in row['tlc_source']
    assert row['supplier_lot_code'] == 'not recorded'
    _counts, book = build(rows={'Receiving': [dict(row, date=None)]})
    assert cells(book, 'Receiving')['Receive Date'] == 'not recorded: no date on the record'


def test_formula_like_text_stays_text_including_tab_and_cr():
    row = fsma_events.kde_row(fsma_data.shipping())
    row.update(lot_code='=HYPERLINK("http://x")', product='+Bread', ship_to='@Shop',
               doc_number='-WH/OUT/00001', tlc_source='\t=1+1', tlc_reference='\r=cmd')
    _counts, book = build(rows={'Shipping': [row]})
    headers = [c.value for c in book['Shipping'][1]]
    written = dict(zip(headers, book['Shipping'][2]))
    for title, text in (('Traceability Lot Code', '=HYPERLINK("http://x")'),
                        ('Product Description', '+Bread'), ('Ship-To Location', '@Shop'),
                        ('Reference Document Number', '-WH/OUT/00001'),
                        ('Traceability Lot Code Source', '\t=1+1'),
                        # xlsxwriter stores CR as _x000D_ (Excel reads it back as CR)
                        ('TLC Source Reference', '\r=cmd')):
        cell = written[title]
        assert cell.value.replace('_x000D_', '\r') == text, title
        assert cell.data_type == 's' and cell.quotePrefix, title


def test_text_cut_at_excel_limit_is_marked_and_listed():
    row = fsma_events.kde_row(fsma_data.shipping())
    row['product'] = 'x' * 40000
    counts, book = build(rows={'Shipping': [row]})
    value = cells(book, 'Shipping')['Product Description']
    assert len(value) == recall_xlsx.EXCEL_MAX_CELL_CHARS
    assert value.endswith(recall_xlsx.CUT_MARK)
    assert counts['cut']['cells'] == {'Shipping': 1}
    glossary = {r[0]: r[1] for r in book['Glossary'].iter_rows(min_row=2, values_only=True)}
    assert '1 cells were longer than Excel allows' in glossary['Cut text: Shipping']
    assert 'Completeness' not in glossary


def test_rows_past_excel_limit_are_counted_and_said(monkeypatch):
    monkeypatch.setattr(recall_xlsx, 'EXCEL_MAX_ROWS', 12)
    rows = ({'lot_code': 'L%d' % i, 'qty': i, 'date': '2026-02-01'} for i in range(25))
    counts, book = build(rows={'Shipping': rows})
    assert counts['Shipping'] == 10 and counts['cut']['rows'] == {'Shipping': 15}
    sheet = book['Shipping']
    assert sheet.max_row == 12
    assert sheet['A12'].value.startswith('15 more rows not written')
    glossary = {r[0]: r[1] for r in book['Glossary'].iter_rows(min_row=2, values_only=True)}
    assert '15 rows' in glossary['Rows not written: Shipping']


def test_extra_sheets_go_between_events_and_glossary():
    columns = [('lot', 'Lot', 'text', 20), ('qty', 'Quantity', 'number', 10)]
    counts, book = build(extra_sheets=[('Mass balance', columns, [{'lot': 'L1', 'qty': 3.0}])],
                         glossary=[('Mass balance', 'In = out + stock + loss.')])
    assert book.sheetnames == SHEETS[:-1] + ['Mass balance', 'Glossary']
    assert counts['Mass balance'] == 1
    assert book['Mass balance']['B2'].value == 3.0
    terms = {r[0] for r in book['Glossary'].iter_rows(min_row=2, values_only=True)}
    assert 'Mass balance' in terms


def test_summary_sheet_lists_label_value_pairs():
    _counts, book = build(summary=[('Recall', '=1+1'), ('Affected lots', 3),
                                   ('Opened', datetime.datetime(2026, 1, 5, 7, 0))])
    summary = book['Summary']
    assert [c.value for c in summary['A']] == ['Recall', 'Affected lots', 'Opened']
    assert summary['B1'].value == '=1+1' and summary['B1'].data_type == 's'
    assert summary['B2'].value == 3
    assert summary['B3'].value == datetime.datetime(2026, 1, 5, 7, 0)


def test_empty_request_still_has_every_sheet_with_header():
    counts, book = build(rows={})
    assert (counts['Receiving'], counts['Transformation'], counts['Shipping']) == (0, 0, 0)
    assert book['Shipping'].max_row == 1
    assert book['Shipping']['A1'].value == 'Traceability Lot Code'


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
    assert recall_xlsx.as_datetime('2026-03-04T05:06:07') == datetime.datetime(2026, 3, 4, 5, 6, 7)
    assert recall_xlsx.as_datetime(datetime.date(2026, 3, 4)) == datetime.datetime(2026, 3, 4)
    assert recall_xlsx.as_datetime('not a date') is None
    assert recall_xlsx.as_datetime(False) is None


def test_days_follow_the_readers_language():
    """Date cells stay dates (sortable); their format is the reader's language's."""
    assert recall_xlsx.excel_date_format('%d.%m.%Y') == 'dd.mm.yyyy'
    assert recall_xlsx.excel_date_format('%m/%d/%Y') == 'mm/dd/yyyy'
    assert recall_xlsx.excel_date_format('%Y-%m-%d') == 'yyyy-mm-dd'
    assert recall_xlsx.excel_date_format('%d %B %Y') == 'dd mmmm yyyy'
    assert recall_xlsx.excel_date_format('') == 'yyyy-mm-dd'
    _counts, book = build(date_format=recall_xlsx.excel_date_format('%d.%m.%Y'))
    cell = book['Summary']['B2']
    assert cell.is_date and cell.number_format == 'dd.mm.yyyy hh:mm'
    dated = [c for c in book['Receiving'][2] if c.is_date]
    assert dated and {c.number_format for c in dated} == {'dd.mm.yyyy hh:mm'}
    glossary = {row[0].value: row[1].value for row in book['Glossary'].iter_rows(min_row=2)}
    assert 'dd.mm.yyyy hh:mm' in glossary['Dates']
    # numbers keep Excel's grouping format: Excel shows them with the reader's separators
    assert {c.number_format for c in book['Receiving'][2]
            if isinstance(c.value, float)} <= {'#,##0.###'}
