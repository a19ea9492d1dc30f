# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared set-up for the FEFO / quarantine / override tests: a lot-tracked
product, lots with dates, stock in WH/Stock, deliveries and MOs."""
from odoo import fields
from odoo.tests.common import SavepointCase

import factories
from factories import utc  # noqa: F401 (the FEFO tests' dates)


class FefoCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(FefoCase, cls).setUpClass()
        env = cls.env
        cls.warehouse = env.ref('stock.warehouse0')
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers = env.ref('stock.stock_location_customers')
        cls.category = env['product.category'].create({'name': 'FEFO test category'})
        cls.product = cls.make_product('Yoghurt FEFO')
        cls.customer = env['res.partner'].create({'name': 'Fresh Foods Ltd', 'is_company': True})
        cls.manager = factories.user(env, 'Stock Manager FEFO', 'fefo_manager',
                                     ['stock.group_stock_manager', 'base.group_user'],
                                     email='manager@example.com')
        cls.worker = factories.user(env, 'Stock Worker FEFO', 'fefo_worker',
                                    ['stock.group_stock_user', 'base.group_user'],
                                    email='worker@example.com')

    @classmethod
    def make_product(cls, name, **vals):
        return factories.product(cls.env, name, **dict({'categ_id': cls.category.id}, **vals))

    def make_lot(self, name, life_date=False, product=None, qty=10.0, in_date=None, location=None):
        product = product or self.product
        lot = factories.lot(self.env, product, name, life_date=life_date)
        if qty:
            factories.add_stock(self.env, product, location or self.stock, qty, lot=lot,
                                in_date=in_date and fields.Datetime.from_string(in_date))
        return lot

    def delivery(self, qty, partner=None, product=None):
        product = product or self.product
        picking = factories.picking(self.env, self.warehouse.out_type_id, self.stock,
                                    self.customers, [(product, qty)],
                                    partner=partner or self.customer)
        picking.action_assign()
        return picking

    def reserved(self, picking_or_moves):
        """[(lot name, reserved qty)] in reservation order."""
        lines = picking_or_moves.move_line_ids.sorted('id')
        return [(line.lot_id.name, line.product_uom_qty) for line in lines]
