# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Root cause from a lot and from a customer return line; supplier quality."""
from odoo.tests.common import SavepointCase

from recall_common import build_scenario


class TestRootCause(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestRootCause, cls).setUpClass()
        cls.s = build_scenario(cls.env, 'RCA')

    def wizard(self, action):
        self.assertEqual(action['res_model'], 'lot.root.cause')
        return self.env['lot.root.cause'].browse(action['res_id'])

    def test_root_cause_lists_workcenter_operator_components_and_lots_at_risk(self):
        s = self.s
        wizard = self.wizard(s.fg_lot.action_root_cause())
        timeline = wizard.timeline_ids
        bread_steps = timeline.filtered(lambda step: step.production_id == s.mo_bread)
        self.assertTrue(bread_steps)
        self.assertEqual(bread_steps[0].workcenter, s.workcenter.name)
        self.assertIn(s.operator.name, bread_steps[0].operator)
        self.assertTrue(bread_steps[0].date_start and bread_steps[0].date_end)
        self.assertIn(s.mo_dough, timeline.mapped('production_id'))
        components = wizard.component_ids
        self.assertEqual(components.mapped('lot_id') & (s.sa_lot | s.rm_lot), s.sa_lot | s.rm_lot)
        flour = components.filtered(lambda comp: comp.lot_id == s.rm_lot)
        self.assertEqual(flour.partner_id, s.vendor)
        self.assertEqual(flour.purchase_id, s.purchase)
        self.assertTrue(flour.purchase_date)
        at_risk = wizard.at_risk_ids.mapped('lot_id')
        self.assertIn(s.fgb_lot, at_risk)
        self.assertNotIn(s.fg_lot, at_risk)
        self.assertFalse(at_risk & (s.fg2_lot | s.sa2_lot | s.rm2_lot))
        # every line opens its lot or document
        line = wizard.at_risk_ids.filtered(lambda risk: risk.lot_id == s.fgb_lot)[:1]
        self.assertEqual(line.action_open_lot()['res_id'], s.fgb_lot.id)
        self.assertEqual(bread_steps[0].action_open_document()['res_id'], s.mo_bread.id)

    def test_root_cause_from_a_customer_return_line(self):
        s = self.s
        line = s.return_a.move_line_ids.filtered('lot_id')
        self.assertEqual(line.location_id.usage, 'customer')
        wizard = self.wizard(line.action_lot_root_cause())
        self.assertEqual(wizard.lot_id, s.fg_lot)
        self.assertIn(s.rm_lot, wizard.component_ids.mapped('lot_id'))


class TestSupplierQuality(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestSupplierQuality, cls).setUpClass()
        cls.s = build_scenario(cls.env, 'SQ')

    def test_vendor_lots_received_recalled_and_ratio(self):
        s = self.s
        self.assertEqual(s.vendor.supplier_lot_count, 2)
        action = s.vendor.action_supplier_quality()
        Report = self.env['lot.supplier.quality.report']
        rows = Report.search(action['domain'])
        self.assertEqual(rows.mapped('lot_id'), s.rm_lot | s.rm2_lot)
        self.assertFalse(any(rows.mapped('recall_lot_count')))
        recall = self.env['lot.recall'].create({'reason': 'mould', 'direction': 'downstream',
                                                'lot_ids': [(6, 0, s.rm_lot.ids)]})
        recall.action_compute()
        group = Report.read_group(action['domain'],
                                  ['lot_count', 'recall_lot_count', 'returned_lot_count',
                                   'recall_rate', 'partner_id'],
                                  ['partner_id'])[0]
        self.assertEqual(group['lot_count'], 2)
        self.assertEqual(group['recall_lot_count'], 1)
        # customer A returned FG, made from rm_lot: the vendor lot inside came back too
        self.assertEqual(group['returned_lot_count'], 1)
        self.assertAlmostEqual(group['recall_rate'], 50.0)
        by_month = Report.read_group(action['domain'], ['lot_count', 'date'], ['date:month'])
        self.assertEqual(sum(g['lot_count'] for g in by_month), 2)

    def test_lot_returned_by_a_customer_counts_for_its_vendor(self):
        s = self.s
        # the vendor's lot itself comes back from a customer (resold flour)
        from recall_common import deliver, receive, return_lot
        lot, _po, _picking = receive(self.env, s.vendor, s.flour, 'RM3-SQ', 4.0)
        delivery = deliver(self.env, s.customer_a, s.flour, lot, 2.0)
        return_lot(self.env, delivery, lot, 1.0)
        row = self.env['lot.supplier.quality.report'].search([('lot_id', '=', lot.id)])
        self.assertEqual(row.returned_lot_count, 1)
        self.assertEqual(row.return_rate, 100.0)
        self.assertEqual(row.partner_id, s.vendor)
