# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared set-up for the FEFO / quarantine / override tests: a lot-tracked
product, lots with dates, stock in WH/Stock, deliveries and MOs."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests.common import SavepointCase


def utc(delta_days=0, **delta):
    return fields.Datetime.to_string(datetime.utcnow() + timedelta(days=delta_days, **delta))


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
        cls.manager = env['res.users'].create({
            'name': 'Stock Manager FEFO', 'login': 'fefo_manager', 'email': 'manager@example.com',
            'groups_id': [(6, 0, [env.ref('stock.group_stock_manager').id,
                                  env.ref('base.group_user').id])]})
        cls.worker = env['res.users'].create({
            'name': 'Stock Worker FEFO', 'login': 'fefo_worker', 'email': 'worker@example.com',
            'groups_id': [(6, 0, [env.ref('stock.group_stock_user').id,
                                  env.ref('base.group_user').id])]})

    @classmethod
    def make_product(cls, name, **vals):
        values = {'name': name, 'type': 'product', 'tracking': 'lot',
                  'categ_id': cls.category.id}
        values.update(vals)
        return cls.env['product.product'].create(values)

    def make_lot(self, name, life_date=False, product=None, qty=10.0, in_date=None, location=None):
        product = product or self.product
        lot = self.env['stock.production.lot'].create({
            'name': name, 'product_id': product.id, 'life_date': life_date})
        if qty:
            self.env['stock.quant']._update_available_quantity(
                product, location or self.stock, qty, lot_id=lot,
                in_date=in_date and fields.Datetime.from_string(in_date))
        return lot

    def delivery(self, qty, partner=None, product=None):
        product = product or self.product
        picking_type = self.warehouse.out_type_id
        picking = self.env['stock.picking'].create({
            'picking_type_id': picking_type.id,
            'partner_id': (partner or self.customer).id,
            'location_id': self.stock.id,
            'location_dest_id': self.customers.id,
            'move_lines': [(0, 0, {
                'name': product.name, 'product_id': product.id,
                'product_uom_qty': qty, 'product_uom': product.uom_id.id,
                'location_id': self.stock.id, 'location_dest_id': self.customers.id,
            })],
        })
        picking.action_confirm()
        picking.action_assign()
        return picking

    def reserved(self, picking_or_moves):
        """[(lot name, reserved qty)] in reservation order."""
        lines = picking_or_moves.move_line_ids.sorted('id')
        return [(line.lot_id.name, line.product_uom_qty) for line in lines]
