# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sales integration: lots delivered on the sale order and its lines, lots received
by a customer, customers of a lot."""

from customer_flow import CustomerFlowCase


class TestSaleLots(CustomerFlowCase):

    @classmethod
    def setUpClass(cls):
        super(TestSaleLots, cls).setUpClass()
        cls.order = cls.env['sale.order'].create({
            'partner_id': cls.partner.id,
            'order_line': [(0, 0, {
                'product_id': cls.product.id, 'name': cls.product.name, 'product_uom_qty': 7,
                'product_uom': cls.product.uom_id.id, 'price_unit': 3})],
        })
        cls.order.action_confirm()
        picking = cls.order.picking_ids
        move = picking.move_lines
        move.move_line_ids.unlink()
        for lot, qty in ((cls.lot_a, 3), (cls.lot_b, 4)):
            cls.env['stock.move.line'].create(dict(
                move._prepare_move_line_vals(quantity=0), lot_id=lot.id, qty_done=qty))
        picking.button_validate()
        cls.delivery = picking

    def test_order_and_line_show_delivered_lots_with_qty_and_date(self):
        line = self.order.order_line
        self.assertEqual(line.lot_ids, self.lot_a | self.lot_b)
        self.assertEqual(self.order.lot_count, 2)
        rows = {(ml.lot_id.name, ml.qty_done, ml.customer_direction)
                for ml in self.order.lot_move_line_ids}
        self.assertEqual(rows, {('JAM-A', 3, 'delivery'), ('JAM-B', 4, 'delivery')})
        self.assertTrue(all(self.order.lot_move_line_ids.mapped('date')))
        self.assertEqual(self.order.lot_move_line_ids.mapped('sale_order_id'), self.order)

    def test_returned_lot_shows_on_the_order(self):
        wizard = self.env['stock.return.picking'].with_context(
            active_id=self.delivery.id, active_ids=self.delivery.ids).create({
                'return_reason_id': self.env.ref('lot_traceability.return_reason_damaged').id})
        wizard.product_return_moves.write({'lot_id': self.lot_b.id, 'quantity': 1})
        returned = self.env['stock.picking'].browse(wizard._create_returns()[0])
        self.validate(returned)
        self.order.invalidate_cache()
        rows = {(ml.lot_id.name, ml.qty_done, ml.customer_direction)
                for ml in self.order.lot_move_line_ids}
        self.assertIn(('JAM-B', 1, 'return'), rows)
        self.assertEqual(self.order.order_line.lot_ids, self.lot_a | self.lot_b)

    def test_customer_form_counts_lots_received_including_contacts(self):
        self.assertEqual(self.partner.lot_received_count, 2)
        self.deliver([(self.lot_a, 1)], partner=self.contact)
        self.partner.invalidate_cache()
        self.assertEqual(self.partner.lot_received_count, 2, 'same lots, via a contact')
        action = self.partner.action_view_lots_received()
        self.assertEqual(action['res_model'], 'lot.customer.balance')
        rows = self.env[action['res_model']].search(action['domain'])
        self.assertEqual(rows.mapped('lot_id'), self.lot_a | self.lot_b)
        self.assertEqual(rows.mapped('partner_id'), self.partner,
                         'one row per lot, contacts merged')
        other = self.env['res.partner'].create({'name': 'Never bought', 'customer': True})
        self.assertEqual(other.lot_received_count, 0)

    def test_lot_lists_its_customers(self):
        other = self.env['res.partner'].create({'name': 'Second Shop', 'customer': True})
        self.deliver([(self.lot_a, 2)], partner=other)
        self.lot_a.invalidate_cache()
        self.assertEqual(self.lot_a.customer_ids, self.partner | other)
        self.assertEqual(self.lot_a.customer_count, 2)
        rows = {(ml.picking_partner_id.name, ml.qty_done)
                for ml in self.lot_a.customer_move_line_ids}
        self.assertEqual(rows, {('Jam Lover Shop', 3), ('Second Shop', 2)})
        action = self.lot_a.action_view_customers()
        self.assertEqual(self.env['res.partner'].search(action['domain']), self.partner | other)

    def test_screens_show_the_lots(self):
        sale_form = self.env['sale.order'].fields_view_get(view_type='form')
        self.assertIn('lot_move_line_ids', sale_form['arch'])
        line_tree = sale_form['fields']['order_line']['views']['tree']['arch']
        self.assertIn('lot_ids', line_tree)
        partner_form = self.env['res.partner'].fields_view_get(view_type='form')['arch']
        self.assertIn('action_view_lots_received', partner_form)
        lot_form = self.env['stock.production.lot'].fields_view_get(
            view_id=self.env.ref('stock.view_production_lot_form').id, view_type='form')['arch']
        self.assertIn('customer_move_line_ids', lot_form)
        # what the web client reads for those screens
        values = self.order.read(['lot_move_line_ids', 'lot_count'])[0]
        self.assertEqual(len(values['lot_move_line_ids']), 2)
        values = self.lot_a.read(['customer_move_line_ids', 'customer_count'])[0]
        self.assertEqual(values['customer_count'], 1)
