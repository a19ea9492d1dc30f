# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The five walkthrough scenarios (docs/user/walkthrough.rst), played on the demo
database as a user would."""

import factories
from test_demo_story import DemoCase


class TestWalkthrough(DemoCase):

    def test_1_receive_and_label(self):
        order = self.ref('demo_po_oats_2')
        receipt = order.picking_ids
        for line in receipt.move_line_ids:
            line.qty_done = line.product_uom_qty
        receipt.button_validate()
        self.assertEqual(receipt.state, 'done')
        lot = receipt.move_line_ids.mapped('lot_id')
        self.assertEqual(lot.mapped('name'), ['OAT-0002'])
        self.assertEqual(lot.product_qty, 250)
        self.assertEqual(lot.vendor_id, self.ref('demo_vendor_harvest_mills'))
        self.assertEqual(lot.purchase_order_id, order)
        self.assertEqual(lot.receipt_picking_id, receipt)

    def test_2_produce(self):
        production = self.ref('demo_mo_granola_4')
        for workorder in production.workorder_ids.sorted('id'):
            workorder.button_start()
            self.env['lot.traceability.demo']._demo_set_reserved_component_lots(workorder)
            workorder.record_production()
        production.button_mark_done()
        self.assertEqual(production.state, 'done')
        finished = production.move_finished_ids.mapped('move_line_ids')
        self.assertEqual(finished.mapped('lot_id.name'), ['GRN-0004'])
        self.assertEqual(set(finished.mapped('consume_line_ids.lot_id.name')),
                         {'PMX-0002', 'OAT-0001'})
        upstream = {row['lot_name'] for row in finished.lot_id.trace_upstream()}
        self.assertTrue({'PMX-0002', 'OAT-0001', 'HZN-0002', 'HNY-0001'} <= upstream)
        self.assertNotIn('HZN-0001', upstream)

    def test_3_deliver_fefo(self):
        order = self.ref('demo_so_bellevue_2')
        order.action_confirm()
        delivery = order.picking_ids
        self.assertEqual(delivery.state, 'assigned')
        self.assertEqual(delivery.move_line_ids.mapped('lot_id.name'), ['GRN-0002'])
        for line in delivery.move_line_ids:
            line.qty_done = line.product_uom_qty
        delivery.button_validate()
        self.assertEqual(order.order_line.lot_ids.mapped('name'), ['GRN-0002'])
        self.assertEqual(self.ref('demo_customer_bellevue').lot_received_count, 2)

    def test_4_scan(self):
        order = self.ref('demo_so_bellevue_2')
        order.action_confirm()
        delivery = order.picking_ids
        line = delivery.move_line_ids
        self.assertEqual(delivery.lot_scan('GRN-0002')['code'], 'matched')
        self.assertEqual(line.qty_done, 1)
        self.assertEqual(delivery.lot_scan('GRN-0001')['code'], 'quarantined')
        self.assertEqual(delivery.lot_scan('GRN-0003')['code'], 'lot_not_planned')
        self.assertEqual(line.qty_done, 1, 'refused scans write nothing')

    def test_5_recall_the_bad_supplier_lot(self):
        bad = self.lot('HZN-0001')
        rows = bad.trace_downstream()
        delivered_to = self.env['res.partner'].browse(
            {row['partner_id'] for row in rows if row['kind'] == 'delivery'})
        self.assertEqual(delivered_to.mapped('commercial_partner_id'), self.customers(
            'demo_customer_freshmart', 'demo_customer_corner_deli', 'demo_customer_bellevue'))
        made = {row['lot_name'] for row in rows if row['kind'] == 'production'}
        self.assertEqual(made, {'PMX-0001', 'GRN-0001'})
        returns = [row for row in rows if row['kind'] == 'return']
        self.assertEqual([(r['lot_name'], r['qty'], r['partner_id']) for r in returns],
                         [('GRN-0001', 10, self.ref('demo_customer_corner_deli').id)])
        stock = [(r['lot_name'], r['qty']) for r in rows if r['kind'] == 'stock']
        self.assertEqual(stock, [('GRN-0001', 10)])

        recall = factories.traced_recall(self.env, bad, 'NutCo Trading reports lot HZN-0001')
        self.assertEqual(recall.customer_ids.mapped('partner_id.commercial_partner_id'),
                         self.customers('demo_customer_freshmart', 'demo_customer_corner_deli',
                                        'demo_customer_bellevue'))
        self.assertEqual(set(recall._affected_lots().mapped('name')),
                         {'HZN-0001', 'PMX-0001', 'GRN-0001'})
        # containment was already done when Corner Deli's return came in
        self.assertTrue(self.lot('GRN-0001').quarantined)
        notice = recall.action_quarantine_affected()
        self.assertEqual(notice['tag'], 'lot_traceability.notify')
        self.assertIn('GRN-0001', notice['params']['message'])

    def test_5_from_the_customer_return(self):
        returned = self.ref('demo_return_corner_deli')
        action = returned.action_return_root_cause()
        cause = self.env[action['res_model']].browse(action['res_id'])
        self.assertIn('HZN-0001', cause.component_ids.mapped('lot_id.name'))
        action = returned.action_return_open_recall()
        recall = self.env['lot.recall'].browse(action['res_id'])
        self.assertEqual(recall.lot_ids, self.lot('GRN-0001'))
        self.assertIn(returned.name, recall.reason)

    def test_mock_recall_is_closed(self):
        recall = self.ref('demo_recall_drill_honey')
        self.assertTrue(recall.is_drill)
        self.assertEqual(recall.state, 'closed')
        self.assertEqual(recall.lot_ids, self.lot('HNY-0001'))
        self.assertTrue(recall.line_ids)

    def test_quarantined_lot(self):
        lot = self.lot('GRN-0001')
        self.assertTrue(lot.quarantined)
        self.assertIn('rancid', lot.quarantine_reason)
