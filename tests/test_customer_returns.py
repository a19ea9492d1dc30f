# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer returns (RMA): reason, returned lot, link to the delivery, lot actions."""
from odoo.exceptions import UserError

import factories
from customer_flow import CustomerFlowCase


class TestCustomerReturns(CustomerFlowCase):

    def setUp(self):
        super(TestCustomerReturns, self).setUp()
        self.defect = self.env.ref('lot_traceability.return_reason_defect')

    def test_reason_list_is_configurable(self):
        codes = self.env['lot.return.reason'].search([]).mapped('code')
        for code in ('DEFECT', 'DAMAGED', 'EXPIRED', 'WRONG_ITEM'):
            self.assertIn(code, codes)
        mould = self.env['lot.return.reason'].create({'name': 'Mould', 'code': 'MOULD'})
        self.assertIn(mould, self.env['lot.return.reason'].search([]))

    def test_return_records_reason_lot_and_delivery(self):
        delivery = self.deliver([(self.lot_a, 4)])
        wizard = self.return_wizard(delivery, return_reason_id=self.defect.id,
                                    return_note='Mould under the lid')
        self.assertEqual(wizard.product_return_moves.lot_id, self.lot_a,
                         'the only delivered lot is proposed')
        wizard.product_return_moves.quantity = 3
        returned = self.env['stock.picking'].browse(wizard._create_returns()[0])
        self.assertEqual(returned.return_of_picking_id, delivery)
        self.assertEqual(returned.return_reason_id, self.defect)
        self.assertEqual(returned.return_note, 'Mould under the lid')
        self.assertTrue(returned.is_customer_return)
        self.assertEqual(returned.move_line_ids.lot_id, self.lot_a)
        self.assertEqual(returned.returned_lot_ids, self.lot_a)
        self.validate(returned)
        self.assertEqual(self.lot_a.product_qty, 6 + 3)
        self.assertEqual(delivery.return_count, 1)
        self.assertEqual(self.env['stock.picking'].search(
            [('is_customer_return', '=', True), ('id', '=', returned.id)]), returned)

    def test_customer_return_form_asks_for_a_reason(self):
        delivery = self.deliver([(self.lot_a, 2)])
        wizard = self.return_wizard(delivery)
        self.assertTrue(wizard.is_delivery)
        arch = self.env['stock.return.picking'].fields_view_get(view_type='form')['arch']
        self.assertIn('&quot;required&quot;: [[&quot;is_delivery&quot;, &quot;=&quot;, true]]',
                      arch)
        # a return made by code without a reason still goes through
        returned = self.env['stock.picking'].browse(wizard._create_returns()[0])
        self.assertTrue(returned.is_customer_return)
        self.assertFalse(returned.return_reason_id)

    def test_cannot_return_more_of_a_lot_than_delivered(self):
        delivery = self.deliver([(self.lot_a, 2), (self.lot_b, 5)])
        wizard = self.return_wizard(delivery, return_reason_id=self.defect.id)
        line = wizard.product_return_moves
        self.assertFalse(line.lot_id, 'two lots delivered: the user chooses')
        self.assertEqual(line.delivered_lot_ids, self.lot_a | self.lot_b)
        line.write({'lot_id': self.lot_a.id, 'quantity': 3})
        with self.assertRaises(UserError):
            wizard._create_returns()
        line.quantity = 2
        returned = self.env['stock.picking'].browse(wizard._create_returns()[0])
        self.assertEqual(returned.move_line_ids.lot_id, self.lot_a)

    def test_return_to_vendor_needs_no_reason(self):
        receipt = factories.picking(self.env, self.env.ref('stock.picking_type_in'),
                                    self.env.ref('stock.stock_location_suppliers'), self.stock,
                                    [(self.product, 1)])
        receipt.move_line_ids.write({'lot_id': self.lot_b.id, 'qty_done': 1})
        receipt.button_validate()
        wizard = self.return_wizard(receipt)
        self.assertFalse(wizard.is_delivery)
        returned = self.env['stock.picking'].browse(wizard._create_returns()[0])
        self.assertFalse(returned.is_customer_return)
        self.assertEqual(returned.return_of_picking_id, receipt)

    def test_lot_actions_need_the_returned_lot(self):
        delivery = self.deliver([(self.lot_a, 2)])
        wizard = self.return_wizard(delivery, return_reason_id=self.defect.id)
        wizard.product_return_moves.lot_id = False
        returned = self.env['stock.picking'].browse(wizard._create_returns()[0])
        self.assertFalse(returned.returned_lot_ids)
        with self.assertRaises(UserError):
            returned.action_return_open_recall()

    def test_return_form_and_wizard_show_reason_and_lot(self):
        form = self.env['stock.picking'].fields_view_get(view_type='form')['arch']
        for name in ('return_reason_id', 'return_note', 'return_of_picking_id',
                     'returned_lot_ids', 'action_return_root_cause', 'action_return_open_recall',
                     'action_return_trace'):
            self.assertIn(name, form)
        wizard_form = self.env['stock.return.picking'].fields_view_get(view_type='form')
        self.assertIn('return_reason_id', wizard_form['arch'])
        lines = wizard_form['fields']['product_return_moves']['views']['tree']['arch']
        self.assertIn('name="lot_id"', lines)
