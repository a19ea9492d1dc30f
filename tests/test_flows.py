# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Standard Odoo 11 flows moving a lot-tracked product, one test per flow,
each checking what a quality manager relies on: the recall's customers and
their net quantities, the lot's Customers and Balance tabs, the mass
balance, the FSMA shipping event's ship-to.

Flows that need a module the addon does not depend on (stock_dropshipping)
run in a database cloned from the test template, with that module installed
there only: installing the addon must not install them."""
from unittest.mock import patch

import pytest

import odoo

from odoo.addons.lot_traceability.tools.fsma_events import SHIPPING, EventReader

import factories
from conftest import cloned_database, registry_env


@pytest.fixture(scope='module')
def dropship_db():
    """A clone of the template with stock_dropshipping installed."""
    with cloned_database('flows_dropship') as dbname:
        with registry_env(dbname) as env:
            module = env['ir.module.module'].search([('name', '=', 'stock_dropshipping')])
            assert module, 'stock_dropshipping is not available'
            # the module's own tests are not ours to run here
            with patch.dict(odoo.tools.config.options, test_enable=False):
                module.button_immediate_install()
        yield dbname


def _recall(env, lot):
    recall = env['lot.recall'].create({'reason': 'Flow check', 'lot_ids': [(6, 0, lot.ids)]})
    recall.action_compute()
    return recall


def test_dropship_names_the_customer_never_the_vendor(dropship_db):
    """Sale order on the Drop Shipping route: the purchase order it creates
    ships from the vendor straight to the customer's delivery address; the
    transfer's partner is the vendor, the customer is on the move."""
    with registry_env(dropship_db) as env:
        vendor = env['res.partner'].create({'name': 'Dropship Vendor', 'supplier': True,
                                            'is_company': True})
        customer = env['res.partner'].create({'name': 'Dropship Customer', 'customer': True,
                                              'is_company': True})
        site = env['res.partner'].create({'name': 'Dropship Site', 'type': 'delivery',
                                          'parent_id': customer.id, 'city': 'Ghent'})
        product = factories.product(
            env, 'Dropshipped Widget',
            route_ids=[(6, 0, env.ref('stock_dropshipping.route_drop_shipping').ids)],
            seller_ids=[(0, 0, {'name': vendor.id, 'price': 2.0})])
        order = env['sale.order'].create({
            'partner_id': customer.id, 'partner_shipping_id': site.id,
            'order_line': [(0, 0, {'product_id': product.id, 'name': product.name,
                                   'product_uom_qty': 5.0, 'product_uom': product.uom_id.id,
                                   'price_unit': 9.0})],
        })
        order.action_confirm()
        purchase = env['purchase.order'].search([('order_line.product_id', '=', product.id)])
        assert len(purchase) == 1 and purchase.partner_id == vendor
        assert purchase.dest_address_id == site
        purchase.button_confirm()
        dropship = purchase.picking_ids
        assert dropship.partner_id == vendor
        assert (dropship.location_id.usage, dropship.location_dest_id.usage) == (
            'supplier', 'customer')
        lot = factories.lot(env, product, 'DS-LOT-1')
        for line in dropship.move_line_ids:
            line.write({'lot_id': lot.id, 'lot_name': False, 'qty_done': 5.0})
        dropship.button_validate()
        assert dropship.state == 'done'
        lot = dropship.move_line_ids.mapped('lot_id')
        lot_id, site_id, customer_id, vendor_id = lot.id, site.id, customer.id, vendor.id

    with registry_env(dropship_db) as env:
        lot = env['stock.production.lot'].browse(lot_id)
        # the trace: a delivery to the customer's site downstream, the vendor upstream
        [delivery] = [row for row in lot.trace_downstream() if row['kind'] == 'delivery']
        assert (delivery['partner_id'], delivery['move_kind'], delivery['qty']) == (
            site_id, 'dropship', 5.0)
        [receipt] = [row for row in lot.trace_upstream() if row['kind'] == 'receipt']
        assert receipt['partner_id'] == vendor_id
        # the recall: one customer, the site, net 5
        recall = _recall(env, lot)
        assert [(c.partner_id.id, c.delivered_qty, c.returned_qty, c.qty)
                for c in recall.customer_ids] == [(site_id, 5.0, 0.0, 5.0)]
        downstream = recall.line_ids.filtered(lambda line: line.direction == 'downstream')
        assert downstream.mapped('partner_id').ids == [site_id]
        # reconciled: received 5 = at identified customers 5
        [balance] = recall.balance_ids
        assert (balance.at_customers, balance.unexplained) == (5.0, 0.0)
        assert recall.reconciliation_pct == 100.0
        # the lot's Customers tab and its balance per customer
        assert lot.customer_ids.ids == [customer_id]
        assert lot.customer_move_line_ids.mapped('customer_id').ids == [site_id]
        assert lot.customer_move_line_ids.mapped('customer_direction') == ['delivery']
        assert [(b.partner_id.id, b.delivered_qty, b.returned_qty, b.net_qty)
                for b in lot.customer_balance_ids] == [(customer_id, 5.0, 0.0, 5.0)]
        # the customer's "Lots received", not the vendor's
        partners = env['res.partner'].browse([customer_id, vendor_id])
        assert partners.mapped('lot_received_count') == [1, 0]
        # the mass balance: received and delivered, nothing unexplained
        assert (lot.mb_received, lot.mb_delivered, lot.mb_unexplained) == (5.0, 5.0, 0.0)
        # FSMA: shipped to the customer's site, received from the vendor
        [shipping] = list(EventReader(env.cr, lot_ids=[lot_id]).moves(SHIPPING))
        assert (shipping['other']['id'], shipping['other']['name'], shipping['other']['city']) == (
            site_id, 'Dropship Customer, Dropship Site', 'Ghent')
        assert shipping['qty'] == 5.0
