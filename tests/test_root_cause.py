# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Root cause from a lot and from a customer return line; supplier quality."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests.common import SavepointCase

import factories
from recall_common import build_scenario

QUALITY_GROUPS = ['lot_traceability.group_lot_quality_manager', 'base.group_user']


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

    def test_root_cause_shows_component_release_state_and_last_decision(self):
        s = self.s
        quality = factories.user(self.env, 'Quality Manager RCA', 'rca_quality', QUALITY_GROUPS)
        s.rm_lot.sudo(quality)._release_decide('reject', 'Moisture too high')
        s.rm_lot.sudo(quality)._release_decide('release', 'Re-tested: moisture 11 %')
        last = s.rm_lot.release_decision_ids[0]
        wizard = self.wizard(s.fg_lot.action_root_cause())
        # the Quality of components tab lists the component lots again
        self.assertEqual(wizard.component_quality_ids, wizard.component_ids)
        flour = wizard.component_ids.filtered(lambda comp: comp.lot_id == s.rm_lot)
        self.assertEqual(flour.release_state, 'released')
        # the last decision: who, when, note (not the earlier rejection)
        self.assertEqual((flour.decision, flour.decision_note, flour.decision_user_id),
                         ('release', 'Re-tested: moisture 11 %', quality))
        self.assertEqual(flour.decision_date, last.date)
        # a component lot nobody decided on: its status, no decision
        dough = wizard.component_ids.filtered(lambda comp: comp.lot_id == s.sa_lot)
        self.assertEqual(dough.release_state, 'released')
        self.assertFalse(dough.decision or dough.decision_user_id or dough.decision_note)
        # a rejected component shows as rejected, with the reason
        s.sa_lot.sudo(quality)._release_decide('reject', 'Dough left out overnight')
        wizard = self.wizard(s.fg_lot.action_root_cause())
        dough = wizard.component_ids.filtered(lambda comp: comp.lot_id == s.sa_lot)
        self.assertEqual((dough.release_state, dough.decision, dough.decision_note),
                         ('rejected', 'reject', 'Dough left out overnight'))

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
        factories.traced_recall(self.env, s.rm_lot, 'mould', direction='downstream')
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

    def test_vendor_rejected_lots_and_shelf_life_refusals(self):
        s = self.s
        self.assertEqual((s.vendor.supplier_rejected_lot_count,
                          s.vendor.supplier_shelf_life_refusal_count), (0, 0))
        quality = factories.user(self.env, 'Quality Manager SQ', 'sq_quality', QUALITY_GROUPS)
        # a quality manager rejects one lot, then another that is released again
        s.rm_lot.sudo(quality)._release_decide('reject', 'Insects found')
        s.rm2_lot.sudo(quality)._release_decide('reject', 'Label unreadable')
        s.rm2_lot.sudo(quality)._release_decide('release', 'Relabelled')
        # the company rejects short lots: a delivery with 20 days left of 60 asked
        self.env.user.company_id.lot_receipt_shelf_life_policy = 'reject'
        nuts = factories.product(self.env, 'Hazelnuts SQ', receipt_min_shelf_life_days=60)
        order = factories.purchase(self.env, s.vendor, nuts, 3.0, '2026-01-05 08:00:00')
        receipt = order.picking_ids
        receipt.action_assign()
        short = factories.lot(self.env, nuts, 'HZ-SQ', life_date=fields.Datetime.to_string(
            datetime.now() + timedelta(days=20)))
        receipt.move_line_ids.write({'lot_id': short.id, 'lot_name': False, 'qty_done': 3.0})
        receipt.button_validate()
        self.assertEqual(receipt.state, 'done')
        self.assertEqual(short.release_state, 'rejected')
        self.assertEqual(short.release_decision_ids.origin, 'shelf_life')
        s.vendor.invalidate_cache()
        self.assertEqual((s.vendor.supplier_lot_count, s.vendor.supplier_rejected_lot_count,
                          s.vendor.supplier_shelf_life_refusal_count), (3, 2, 1))
        Report = self.env['lot.supplier.quality.report']
        rows = {row.lot_id: row for row in Report.search([('partner_id', '=', s.vendor.id)])}
        self.assertEqual({lot: (row.rejected_lot_count, row.shelf_life_refusal_count)
                          for lot, row in rows.items()},
                         {s.rm_lot: (1, 0), s.rm2_lot: (0, 0), short: (1, 1)})
        group = Report.read_group([('partner_id', '=', s.vendor.id)],
                                  ['partner_id', 'reject_rate'], ['partner_id'])[0]
        self.assertAlmostEqual(group['reject_rate'], 200.0 / 3)
        # the buttons open the report filtered on those lots
        action = s.vendor.with_context(lot_quality_filter='rejected').action_supplier_quality()
        self.assertEqual(action['context'].get('search_default_rejected'), 1)
        action = s.vendor.with_context(
            lot_quality_filter='shelf_life_refused').action_supplier_quality()
        self.assertEqual(action['context'].get('search_default_shelf_life_refused'), 1)

    def test_vendor_counts_follow_the_readers_company(self):
        s = self.s
        quality = factories.user(self.env, 'Quality Manager SQC', 'sqc_quality', QUALITY_GROUPS)
        s.rm_lot.sudo(quality)._release_decide('reject', 'Insects found')
        other_company = self.env['res.company'].create({'name': 'Other Mill SQ'})
        buyer = factories.user(self.env, 'Buyer SQ', 'sq_buyer',
                               ['purchase.group_purchase_user', 'base.group_user'],
                               company_id=other_company.id,
                               company_ids=[(6, 0, other_company.ids)])
        # the vendor is shared (no company): each reader counts its own company's lots
        s.vendor.company_id = False
        vendor = s.vendor.sudo(buyer)
        self.assertEqual((vendor.supplier_lot_count, vendor.supplier_rejected_lot_count),
                         (0, 0))
        worker = factories.user(self.env, 'Stock User SQ', 'sq_worker',
                                ['stock.group_stock_user', 'base.group_user'])
        vendor = s.vendor.sudo(worker)
        self.assertEqual((vendor.supplier_lot_count, vendor.supplier_rejected_lot_count),
                         (2, 1))
