# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A lot-tracked product with stock, delivered to a customer: shared by the
sales and returns tests."""
from odoo.tests.common import SavepointCase

import factories


class CustomerFlowCase(SavepointCase):
    """A lot-tracked product with two lots in stock, delivered to a customer."""

    @classmethod
    def setUpClass(cls):
        super(CustomerFlowCase, cls).setUpClass()
        env = cls.env
        cls.stock = env.ref('stock.stock_location_stock')
        cls.customers = env.ref('stock.stock_location_customers')
        cls.product = factories.product(env, 'Returnable Jam')
        cls.lot_a = factories.lot(env, cls.product, 'JAM-A')
        cls.lot_b = factories.lot(env, cls.product, 'JAM-B')
        factories.add_stock(env, cls.product, cls.stock, 10, lot=cls.lot_a)
        factories.add_stock(env, cls.product, cls.stock, 10, lot=cls.lot_b)
        cls.partner = env['res.partner'].create({'name': 'Jam Lover Shop', 'customer': True})
        cls.contact = env['res.partner'].create({'name': 'Jam Lover Buyer',
                                                 'parent_id': cls.partner.id})
        cls.out_type = env.ref('stock.picking_type_out')

    @classmethod
    def deliver(cls, lots_qty, partner=None):
        picking = factories.picking(cls.env, cls.out_type, cls.stock, cls.customers,
                                    [(cls.product, sum(q for _lot, q in lots_qty))],
                                    partner=partner or cls.partner)
        move = picking.move_lines
        move.move_line_ids.unlink()
        for lot, qty in lots_qty:
            cls.env['stock.move.line'].create(dict(
                move._prepare_move_line_vals(quantity=0), lot_id=lot.id, qty_done=qty))
        picking.button_validate()
        assert picking.state == 'done', picking.state
        return picking

    def return_wizard(self, delivery, **values):
        return factories.return_wizard(self.env, delivery, **values)

    def validate(self, picking):
        for line in picking.move_line_ids:
            line.qty_done = line.product_uom_qty
        picking.button_validate()
        self.assertEqual(picking.state, 'done')
