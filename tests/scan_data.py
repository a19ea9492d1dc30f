# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Documents to scan on: a delivery, a receipt and a manufacturing order.

Used by the scanning tests (in a rolled-back transaction) and the endpoint
tests (committed in the HTTP server's database)."""
import datetime

import pytest

from odoo import fields

from odoo.addons.lot_traceability.tools import gs1

GTIN_MILK = '09506000134352'       # stored as its GTIN-13 on the product
GTIN_CUP = '04006381333931'        # an untracked product
GTIN_STRANGER = '00000096385074'   # a product in none of the documents


def days(n):
    return fields.Datetime.to_string(datetime.datetime.utcnow() + datetime.timedelta(days=n))


def gs1_code(gtin, lot=None, expiry=None, best_before=None, count=None):
    elements = [('01', gtin)]
    for ai, value in (('17', expiry), ('15', best_before), ('10', lot), ('30', count)):
        if value is not None:
            elements.append((ai, value))
    return gs1.encode(elements, prefix=']C1')


class ScanData(object):
    """Products, lots with stock, and the three documents (once per database:
    product barcodes are unique)."""

    def __init__(self, env, tag='S'):
        self.env = env
        ref = env.ref
        Product = env['product.product']
        self.milk = Product.create({
            'name': 'Scan Milk %s' % tag, 'type': 'product', 'tracking': 'lot',
            'barcode': GTIN_MILK[1:]})
        self.cup = Product.create({'name': 'Scan Cup %s' % tag, 'type': 'product',
                                   'barcode': GTIN_CUP})
        self.stranger = Product.create({'name': 'Scan Stranger %s' % tag, 'type': 'product',
                                        'barcode': GTIN_STRANGER[6:]})
        self.cake = Product.create({'name': 'Scan Cake %s' % tag, 'type': 'product'})
        Lot = env['stock.production.lot']
        self.lot_a = Lot.create({'name': 'MILK-A', 'product_id': self.milk.id,
                                 'life_date': days(30)})
        self.lot_b = Lot.create({'name': 'MILK-B', 'product_id': self.milk.id,
                                 'life_date': days(60)})
        self.lot_old = Lot.create({'name': 'MILK-OLD', 'product_id': self.milk.id,
                                   'life_date': days(-2)})
        self.stock = ref('stock.stock_location_stock')
        Quant = env['stock.quant']
        Quant._update_available_quantity(self.milk, self.stock, 20, lot_id=self.lot_a)
        Quant._update_available_quantity(self.cup, self.stock, 50)
        self.delivery = self._picking('stock.picking_type_out', self.stock,
                                      ref('stock.stock_location_customers'),
                                      [(self.milk, 5), (self.cup, 4)])
        self.receipt = self._picking('stock.picking_type_in', ref('stock.stock_location_suppliers'),
                                     self.stock, [(self.milk, 10)])
        bom = env['mrp.bom'].create({
            'product_tmpl_id': self.cake.product_tmpl_id.id, 'product_qty': 1,
            'bom_line_ids': [(0, 0, {'product_id': self.milk.id, 'product_qty': 2}),
                             (0, 0, {'product_id': self.cup.id, 'product_qty': 1})]})
        self.production = env['mrp.production'].create({
            'product_id': self.cake.id, 'product_uom_id': self.cake.uom_id.id,
            'product_qty': 3, 'bom_id': bom.id})
        self.production.action_assign()

    def _picking(self, type_xmlid, source, destination, lines):
        picking = self.env['stock.picking'].create({
            'picking_type_id': self.env.ref(type_xmlid).id,
            'location_id': source.id, 'location_dest_id': destination.id,
            'move_lines': [(0, 0, {
                'name': product.name, 'product_id': product.id, 'product_uom_qty': qty,
                'product_uom': product.uom_id.id, 'location_id': source.id,
                'location_dest_id': destination.id}) for product, qty in lines]})
        picking.action_confirm()
        picking.action_assign()
        return picking

    def lines(self, document, product):
        moves = document.move_lines if document._name == 'stock.picking' else document.move_raw_ids
        return moves.mapped('move_line_ids').filtered(lambda l: l.product_id == product)


@pytest.fixture(scope='session')
def server_docs(odoo_server):
    """ScanData committed once in the HTTP server's database: ids by name.

    Several test modules import this fixture (each import is its own fixture
    definition): the data is kept on the server object so it is made once."""
    from conftest import registry_env
    if getattr(odoo_server, 'scan_docs', None):
        return odoo_server.scan_docs
    with registry_env(odoo_server.db) as env:
        data = ScanData(env, tag='HTTP')
        env['res.users'].create({
            'name': 'Scan Reader', 'login': 'scan_reader', 'password': 'scan_reader',
            'groups_id': [(6, 0, [env.ref('base.group_user').id])]})
        odoo_server.scan_docs = {
            'delivery': data.delivery.id, 'production': data.production.id,
            'receipt': data.receipt.id, 'milk': data.milk.id,
            'delivery_line': data.lines(data.delivery, data.milk).id,
            'production_line': data.lines(data.production, data.milk).id,
        }
    return odoo_server.scan_docs
