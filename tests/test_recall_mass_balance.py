# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recall reconciliation: every unit of the affected lots accounted for, in
the case, its XLSX and its PDF; the demo recall on HZN-0001 reconciles."""
import io

import openpyxl

from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase

import factories
from recall_common import build_scenario
from test_demo_story import DemoCase
from test_mass_balance import inventory


class TestRecallReconciliation(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestRecallReconciliation, cls).setUpClass()
        cls.s = build_scenario(cls.env, 'MB')

    def recall(self, lots):
        return factories.traced_recall(self.env, lots, 'Mass balance')

    def test_scenario_reconciles_every_affected_lot(self):
        s = self.s
        recall = self.recall(s.rm_lot)
        by_lot = {b.lot_id: b for b in recall.balance_ids}
        self.assertEqual(set(by_lot), {s.rm_lot, s.sa_lot, s.fg_lot, s.fgb_lot})
        rm, sa, fg, fgb = by_lot[s.rm_lot], by_lot[s.sa_lot], by_lot[s.fg_lot], by_lot[s.fgb_lot]
        self.assertEqual((rm.made_or_received, rm.consumed_traced, rm.accounted),
                         (10.0, 10.0, 10.0))
        self.assertEqual((sa.made_or_received, sa.consumed_traced), (10.0, 10.0))
        # FG: 7 made, 4 + 2 delivered, 1 returned: 5 at customers, 2 on hand
        self.assertEqual((fg.made_or_received, fg.at_customers, fg.on_hand, fg.pct),
                         (7.0, 5.0, 2.0, 100.0))
        self.assertEqual((fgb.made_or_received, fgb.on_hand), (3.0, 3.0))
        self.assertTrue(all(b.reconciled and b.unexplained == 0 for b in recall.balance_ids))
        self.assertTrue(recall.reconciled)
        self.assertEqual(recall.reconciliation_pct, 100.0)
        self.assertTrue(recall.date_reconciled)
        self.assertGreaterEqual(recall.time_to_reconcile, 0.0)
        self.assertTrue([m for m in recall.message_ids.mapped('body') if 'fully reconciled' in m])

    def test_unexplained_lot_listed_first_until_found_again(self):
        s = self.s
        stock = self.env.ref('stock.stock_location_stock')
        inventory(self.env, s.fgb_lot, stock, 2.0)      # one FGB lost in a count
        recall = self.recall(s.rm_lot)
        first = recall.balance_ids[0]
        self.assertEqual((first.lot_id, first.unexplained, first.reconciled, first.pct),
                         (s.fgb_lot, 1.0, False, 66.67))
        self.assertTrue(all(b.reconciled for b in recall.balance_ids[1:]))
        self.assertFalse(recall.reconciled)
        self.assertFalse(recall.date_reconciled)
        self.assertLess(recall.reconciliation_pct, 100.0)
        # the units are found again: reconciling records when it reached 100 %
        inventory(self.env, s.fgb_lot, stock, 3.0)
        recall.action_reconcile()
        self.assertTrue(recall.reconciled, [
            (b.lot_name, b.made_or_received, b.on_hand, b.adjusted_in, b.adjusted_out,
             b.accounted, b.unexplained) for b in recall.balance_ids])
        self.assertEqual(recall.reconciliation_pct, 100.0)
        reached = recall.date_reconciled
        self.assertTrue(reached)
        recall.action_reconcile()
        self.assertEqual(recall.date_reconciled, reached)

    def test_delivery_to_nobody_known_is_not_accounted_for(self):
        s = self.s
        picking = factories.delivery(self.env, [(s.bread, 1.0)])   # to nobody
        picking.move_line_ids.unlink()
        factories.done_line(self.env, picking.move_lines, s.fgb_lot, 1.0)
        picking.action_done()
        recall = self.recall(s.fgb_lot)
        [fgb] = recall.balance_ids
        self.assertEqual((fgb.delivered, fgb.at_customers, fgb.on_hand, fgb.unexplained),
                         (1.0, 0.0, 2.0, 1.0))

    def test_reconcile_needs_a_traced_open_recall(self):
        recall = self.env['lot.recall'].create(
            {'reason': 'x', 'lot_ids': [(6, 0, self.s.rm_lot.ids)]})
        with self.assertRaises(UserError):
            recall.action_reconcile()

    def test_xlsx_mass_balance_sheet_and_pdf_section(self):
        s = self.s
        inventory(self.env, s.fgb_lot, self.env.ref('stock.stock_location_stock'), 2.0)
        recall = self.recall(s.rm_lot)
        book = openpyxl.load_workbook(io.BytesIO(recall._export_xlsx()))
        self.assertIn('Mass balance', book.sheetnames)
        sheet = book['Mass balance']
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[:4], ['Lot', 'Product', 'Unit', 'Made or received'])
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
        lots = [row for row in rows if row[0] and row[0] != 'Total']
        self.assertEqual(lots[0][0], s.fgb_lot.name)          # unexplained first
        self.assertEqual(lots[0][header.index('Unexplained')], 1.0)
        self.assertEqual(sorted(row[0] for row in lots),
                         sorted([s.rm_lot.name, s.sa_lot.name, s.fg_lot.name, s.fgb_lot.name]))
        totals = [row for row in rows if row[0] == 'Total']
        self.assertEqual(len(totals), 1)                       # one unit in this scenario
        self.assertEqual(totals[0][header.index('Made or received')], 30.0)
        html = self.env.ref('lot_traceability.action_report_lot_recall').render_qweb_html(
            recall.ids)[0].decode()
        self.assertIn('Mass balance', html)
        self.assertIn(s.fgb_lot.name, html)


class TestDemoRecallReconciles(DemoCase):

    def test_recall_on_hzn_0001_reconciles_to_100_percent(self):
        hazelnuts = self.lot('HZN-0001')
        recall = factories.traced_recall(self.env, hazelnuts, 'NutCo reports aflatoxin')
        names = sorted(recall.balance_ids.mapped('lot_name'))
        self.assertEqual(names, ['GRN-0001', 'HZN-0001', 'PMX-0001'])
        by_name = {b.lot_name: b for b in recall.balance_ids}
        self.assertTrue(all(b.reconciled for b in recall.balance_ids), [
            (b.lot_name, b.made_or_received, b.accounted, b.unexplained)
            for b in recall.balance_ids])
        self.assertTrue(recall.reconciled)
        self.assertEqual(recall.reconciliation_pct, 100.0)
        self.assertTrue(recall.date_reconciled)
        # every bucket of the story: received, consumed into PMX, made, at customers, held
        self.assertGreater(by_name['HZN-0001'].received, 0)
        self.assertEqual(by_name['HZN-0001'].consumed_traced + by_name['HZN-0001'].on_hand,
                         by_name['HZN-0001'].received)
        grn = by_name['GRN-0001']
        self.assertEqual((grn.delivered, grn.returned, grn.at_customers), (100.0, 10.0, 90.0))
        self.assertEqual(grn.on_hand + grn.at_customers + grn.consumed_traced, grn.produced)
        balance = self.lot('GRN-0001').mass_balance()[0]
        self.assertEqual(balance['unexplained'], 0.0)
        self.assertIn('Quality Hold', ' '.join(
            loc['location_name'] for loc in balance['on_hand_by_location']))
