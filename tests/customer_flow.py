# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A lot-tracked product with stock, delivered to a customer: shared by the
sales and returns tests."""
from odoo.tests.common import SavepointCase


class CustomerFlowCase(SavepointCase):
    """A lot-tracked product with two lots in stock, delivered to a customer."""

    @classmethod
    def setUpClass(cls):
        super(CustomerFlowCase, cls).setUpClass()
        env = cls.env
        cls.stock = env.ref('stock.stock_location_stock')
        cls.customers = env.ref('stock.stock_location_customers')
        cls.product = env['product.product'].create({
            'name': 'Returnable Jam', 'type': 'product', 'tracking': 'lot'})
        cls.lot_a = env['stock.production.lot'].create({'name': 'JAM-A', 'product_id': cls.product.id})
        cls.lot_b = env['stock.production.lot'].create({'name': 'JAM-B', 'product_id': cls.product.id})
        Quant = env['stock.quant']
        Quant._update_available_quantity(cls.product, cls.stock, 10, lot_id=cls.lot_a)
        Quant._update_available_quantity(cls.product, cls.stock, 10, lot_id=cls.lot_b)
        cls.partner = env['res.partner'].create({'name': 'Jam Lover Shop', 'customer': True})
        cls.contact = env['res.partner'].create({'name': 'Jam Lover Buyer', 'parent_id': cls.partner.id})
        cls.out_type = env.ref('stock.picking_type_out')

    @classmethod
    def deliver(cls, lots_qty, partner=None):
        picking = cls.env['stock.picking'].create({
            'partner_id': (partner or cls.partner).id, 'picking_type_id': cls.out_type.id,
            'location_id': cls.stock.id, 'location_dest_id': cls.customers.id,
            'move_lines': [(0, 0, {
                'name': cls.product.name, 'product_id': cls.product.id,
                'product_uom_qty': sum(q for _lot, q in lots_qty),
                'product_uom': cls.product.uom_id.id,
                'location_id': cls.stock.id, 'location_dest_id': cls.customers.id})],
        })
        picking.action_confirm()
        move = picking.move_lines
        move.move_line_ids.unlink()
        for lot, qty in lots_qty:
            cls.env['stock.move.line'].create(dict(
                move._prepare_move_line_vals(quantity=0), lot_id=lot.id, qty_done=qty))
        picking.button_validate()
        assert picking.state == 'done', picking.state
        return picking

    def return_wizard(self, delivery, **values):
        return self.env['stock.return.picking'].with_context(
            active_id=delivery.id, active_ids=delivery.ids).create(values)

    def validate(self, picking):
        for line in picking.move_line_ids:
            line.qty_done = line.product_uom_qty
        picking.button_validate()
        self.assertEqual(picking.state, 'done')
