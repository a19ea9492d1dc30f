# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reconciliation arithmetic and the XLSX sheet, without a database."""
import io

import openpyxl
import xlsxwriter

from odoo.addons.lot_traceability.tools import mass_balance
from odoo.addons.lot_traceability.tools.mass_balance_sql import digits_of


def balance(**values):
    figures = {'lot_id': 1, 'uom': 'kg', 'received': 0.0, 'produced': 0.0, 'returned': 0.0,
               'adjusted_in': 0.0, 'consumed': 0.0, 'delivered': 0.0, 'returned_to_vendor': 0.0,
               'scrapped': 0.0, 'adjusted_out': 0.0, 'on_hand': 0.0}
    figures.update(values)
    return figures


def test_digits_of_unit_rounding():
    assert [digits_of(r) for r in (1.0, 0.1, 0.01, 0.001, 0.5)] == [0, 1, 2, 3, 1]
    assert digits_of(0) == 6


def test_lot_accounted_for_on_hand_customers_consumed_scrapped_vendor():
    figures = mass_balance.reconcile_lot(
        balance(received=100.0, on_hand=10.0, delivered=50.0, returned=5.0, consumed=30.0,
                scrapped=3.0, returned_to_vendor=2.0, adjusted_out=10.0),
        consumed_traced=30.0, digits=3)
    assert figures['made_or_received'] == 100.0
    assert figures['at_customers'] == 45.0
    assert figures['accounted'] == 90.0          # the inventory loss is not accounted for
    assert (figures['unexplained'], figures['pct'], figures['reconciled']) == (10.0, 90.0, False)


def test_unidentified_deliveries_and_untraced_consumption_stay_unexplained():
    figures = mass_balance.reconcile_lot(
        balance(produced=10.0, delivered=6.0, consumed=4.0), consumed_traced=1.0,
        unidentified=2.0, digits=2)
    assert (figures['at_customers'], figures['consumed_traced'], figures['unexplained']) == (
        4.0, 1.0, 5.0)


def test_surplus_is_unexplained_too_and_above_100_percent():
    figures = mass_balance.reconcile_lot(balance(received=10.0, adjusted_in=2.0, on_hand=12.0))
    assert (figures['unexplained'], figures['pct'], figures['reconciled']) == (-2.0, 120.0, False)


def test_a_lot_with_nothing_made_or_received():
    assert mass_balance.reconcile_lot(balance())['pct'] == 100.0
    assert mass_balance.reconcile_lot(balance(adjusted_in=1.0, on_hand=1.0))['pct'] == 0.0


def rows():
    ok = mass_balance.reconcile_lot(balance(lot_id=1, received=10.0, on_hand=10.0))
    short = mass_balance.reconcile_lot(balance(lot_id=2, received=10.0, on_hand=8.0))
    units = mass_balance.reconcile_lot(balance(lot_id=3, uom='Units', produced=4.0, on_hand=4.0))
    return [ok, short, units]


def test_totals_per_unit_and_headline():
    totals = mass_balance.totals(rows())
    assert [(t['uom'], t['made_or_received'], t['accounted'], t['pct'], t['lots'],
             t['reconciled']) for t in totals] == [
        ('Units', 4.0, 4.0, 100.0, 1, True), ('kg', 20.0, 18.0, 90.0, 2, False)]
    assert mass_balance.headline_pct(rows()) == 90.0
    assert mass_balance.headline_pct(rows()[:1] + rows()[2:]) == 100.0
    # a shortage and a surplus never add up to 100 %
    surplus = mass_balance.reconcile_lot(balance(lot_id=4, received=10.0, on_hand=12.0,
                                                 adjusted_in=2.0))
    assert mass_balance.headline_pct([rows()[1], surplus]) == 80.0


def test_xlsx_sheet_numbers_text_and_totals():
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {'constant_memory': True})
    lot_rows = [dict(row, lot_name='=EVIL()' if row['lot_id'] == 2 else 'LOT-%d' % row['lot_id'],
                     product_name='Product', balance_unexplained=0.0)
                for row in sorted(rows(), key=lambda row: row['reconciled'])]
    assert mass_balance.write_xlsx_sheet(book, lot_rows, mass_balance.totals(lot_rows)) == 3
    book.close()
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))['Mass balance']
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values[0]
    assert values[1][0] == '=EVIL()' and sheet.cell(2, 1).data_type == 's'
    assert values[1][header.index('Unexplained')] == 2.0
    totals = [row for row in values if row[0] == 'Total']
    assert [(row[2], row[header.index('Reconciled %')]) for row in totals] == [
        ('Units', 100.0), ('kg', 90.0)]
