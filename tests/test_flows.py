# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Standard Odoo 11 flows moving a lot-tracked product, one test per flow,
each checking what a quality manager relies on: the recall's customers and
their net quantities, the lot's Customers and Balance tabs, the mass
balance, the FSMA shipping event's ship-to.

Flows that need a module the addon does not depend on (stock_dropshipping,
mrp_byproduct, mrp_repair, stock_picking_batch, point_of_sale)
run in a database cloned from the test template, with that module installed
there only: installing the addon must not install them."""
import datetime
from contextlib import contextmanager
from unittest.mock import patch

import pytest

import odoo
from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase

from odoo.addons.lot_traceability.tools import epcis
from odoo.addons.lot_traceability.tools.fsma_events import (
    RECEIVING,
    SHIPPING,
    EventReader,
    kde_row,
)
from odoo.addons.lot_traceability.tools.move_kind_sql import KIND

import factories
from conftest import cloned_database, registry_env
from recall_common import deliver, produce_with_wizard, receive, return_lot
from scan_data import gs1_code

# a GTIN no other test gives a product
GTIN_FLOW = '09506000139999'


@contextmanager
def _database_with(module_name):
    """A clone of the template with MODULE_NAME installed."""
    with cloned_database('flows_%s' % module_name) as dbname:
        with registry_env(dbname) as env:
            module = env['ir.module.module'].search([('name', '=', module_name)])
            assert module, '%s is not available' % module_name
            # the module's own tests are not ours to run here
            with patch.dict(odoo.tools.config.options, test_enable=False):
                module.button_immediate_install()
        yield dbname


@pytest.fixture(scope='module')
def dropship_db():
    """A clone of the template with stock_dropshipping installed."""
    with _database_with('stock_dropshipping') as dbname:
        yield dbname


@pytest.fixture(scope='module')
def repair_db():
    """A clone of the template with mrp_repair installed."""
    with _database_with('mrp_repair') as dbname:
        yield dbname


@pytest.fixture(scope='module')
def batch_db():
    """A clone of the template with stock_picking_batch installed."""
    with _database_with('stock_picking_batch') as dbname:
        yield dbname


@pytest.fixture(scope='module')
def pos_db():
    """A clone of the template with point_of_sale installed."""
    with _database_with('point_of_sale') as dbname:
        yield dbname


@pytest.fixture(scope='module')
def byproduct_db():
    """A clone of the template with mrp_byproduct installed."""
    with _database_with('mrp_byproduct') as dbname:
        yield dbname


def _recall(env, lot):
    recall = env['lot.recall'].create({'reason': 'Flow check', 'lot_ids': [(6, 0, lot.ids)]})
    recall.action_compute()
    return recall


def _dropship(env, tag, qty):
    """A sale of QTY on the Drop Shipping route, its purchase order confirmed
    and the dropship transfer validated as a new lot: (lot, site, customer,
    vendor, transfer)."""
    vendor = env['res.partner'].create({'name': 'Dropship Vendor %s' % tag, 'supplier': True,
                                        'is_company': True})
    customer = env['res.partner'].create({'name': 'Dropship Customer %s' % tag,
                                          'customer': True, 'is_company': True})
    site = env['res.partner'].create({'name': 'Dropship Site', 'type': 'delivery',
                                      'parent_id': customer.id, 'city': 'Ghent'})
    product = factories.product(
        env, 'Dropshipped Widget %s' % tag,
        route_ids=[(6, 0, env.ref('stock_dropshipping.route_drop_shipping').ids)],
        seller_ids=[(0, 0, {'name': vendor.id, 'price': 2.0})])
    factories.sale(env, customer, product, qty, partner_shipping_id=site.id)
    purchase = env['purchase.order'].search([('order_line.product_id', '=', product.id)])
    assert len(purchase) == 1 and purchase.partner_id == vendor
    assert purchase.dest_address_id == site
    purchase.button_confirm()
    dropship = purchase.picking_ids
    assert dropship.partner_id == vendor
    assert (dropship.location_id.usage, dropship.location_dest_id.usage) == (
        'supplier', 'customer')
    lot = factories.lot(env, product, 'DS-LOT-%s' % tag)
    for line in dropship.move_line_ids:
        line.write({'lot_id': lot.id, 'lot_name': False, 'qty_done': qty})
    dropship.button_validate()
    assert dropship.state == 'done'
    return dropship.move_line_ids.mapped('lot_id'), site, customer, vendor, dropship


def test_dropship_names_the_customer_never_the_vendor(dropship_db):
    """Sale order on the Drop Shipping route: the purchase order it creates
    ships from the vendor straight to the customer's delivery address; the
    transfer's partner is the vendor, the customer is on the move."""
    with registry_env(dropship_db) as env:
        lot, site, customer, vendor, _transfer = _dropship(env, 'A', 5.0)
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
        reader = EventReader(env.cr, lot_ids=[lot_id])
        [shipping] = list(reader.moves(SHIPPING))
        assert (shipping['other']['id'], shipping['other']['name'], shipping['other']['city']) == (
            site_id, 'Dropship Customer A, Dropship Site', 'Ghent')
        assert shipping['qty'] == 5.0
        [receiving] = list(reader.moves(RECEIVING))
        assert receiving['other']['id'] == vendor_id


def test_dropship_returned_by_the_customer(dropship_db):
    """The customer sends 2 of 5 back to the vendor (Odoo's return of the
    dropship transfer: customer -> vendor): a customer return, net 3."""
    with registry_env(dropship_db) as env:
        lot, site, customer, vendor, transfer = _dropship(env, 'B', 5.0)
        wizard = factories.return_wizard(env, transfer)
        wizard.product_return_moves.write({'quantity': 2.0, 'lot_id': lot.id})
        back = env['stock.picking'].browse(wizard._create_returns()[0])
        assert (back.location_id.usage, back.location_dest_id.usage) == ('customer', 'supplier')
        back.move_line_ids.write({'qty_done': 2.0})
        back.button_validate()
        assert back.state == 'done'
        lot_id, site_id, customer_id = lot.id, site.id, customer.id

    with registry_env(dropship_db) as env:
        lot = env['stock.production.lot'].browse(lot_id)
        returns = [row for row in lot.trace_downstream() if row['kind'] == 'return']
        assert [(r['partner_id'], r['move_kind'], r['qty']) for r in returns] == [
            (site_id, 'customer_return', 2.0)]
        recall = _recall(env, lot)
        assert [(c.partner_id.id, c.delivered_qty, c.returned_qty, c.qty)
                for c in recall.customer_ids] == [(site_id, 5.0, 2.0, 3.0)]
        assert recall.reconciliation_pct == 100.0
        assert [(b.partner_id.id, b.delivered_qty, b.returned_qty, b.net_qty)
                for b in lot.customer_balance_ids] == [(customer_id, 5.0, 2.0, 3.0)]
        # in: received 5 + returned 2; out: delivered 5 + back to the vendor 2
        assert (lot.mb_received, lot.mb_returned, lot.mb_delivered, lot.mb_returned_to_vendor,
                lot.mb_on_hand, lot.mb_unexplained) == (5.0, 2.0, 5.0, 2.0, 0.0, 0.0)


def test_byproduct_shares_the_component(byproduct_db):
    """A bill of materials with a byproduct (mrp_byproduct): 2 milk make 1
    cheese and 1 whey, produced in two steps (2, then 3). Each step's cheese
    and whey lots are numbered from the sequence and linked to the order;
    Odoo links each whey line to every milk line, yet the milk lot's edges
    add up to the 10 it gave, and its recall reaches both customers at
    100 %."""
    with registry_env(byproduct_db) as env:
        vendor = env['res.partner'].create({'name': 'Dairy Farm', 'supplier': True})
        cheese_buyer = env['res.partner'].create({'name': 'Cheese Shop', 'customer': True})
        whey_buyer = env['res.partner'].create({'name': 'Pig Farm', 'customer': True})
        milk = factories.product(env, 'Raw Milk BP')
        cheese = factories.product(env, 'Cheese BP')
        whey = factories.product(env, 'Whey BP')
        bom = factories.bom(env, cheese, [(milk, 2.0)], product_id=cheese.id, sub_products=[
            (0, 0, {'product_id': whey.id, 'product_qty': 1.0,
                    'product_uom_id': whey.uom_id.id})])
        milk_lot = receive(env, vendor, milk, 'MILK-BP-1', 20.0)[0]
        production = factories.production(env, cheese, 5.0, bom)
        production.action_assign()
        for qty in (2.0, 3.0):
            wizard = env['mrp.product.produce'].with_context(
                active_id=production.id, active_ids=production.ids).create({'product_qty': qty})
            # the worker consumes 2 milk per cheese of this step from the milk lot
            wizard.produce_line_ids[1:].unlink()
            wizard.produce_line_ids.write({'lot_id': milk_lot.id, 'qty_done': 2.0 * qty})
            wizard.do_produce()
        production.button_mark_done()
        assert production.state == 'done'
        cheese_lines = production.move_finished_ids.filtered(
            lambda m: m.product_id == cheese).move_line_ids
        whey_lines = production.move_finished_ids.filtered(
            lambda m: m.product_id == whey).move_line_ids
        assert sorted(whey_lines.mapped('qty_done')) == [2.0, 3.0]
        whey_lots = whey_lines.mapped('lot_id')
        # numbered and linked like the finished lots
        assert len(whey_lots) == 2 and all(lot.name for lot in whey_lots)
        assert whey_lots.mapped('production_id') == production
        assert len(cheese_lines.mapped('lot_id')) == 2
        assert production.created_lot_ids == cheese_lines.mapped('lot_id') | whey_lots
        # Odoo links every whey line to every milk line
        assert all(len(line.consume_line_ids) == 2 for line in whey_lines)
        edges = env['lot.genealogy.edge'].search([('component_lot_id', '=', milk_lot.id)])
        assert len(edges) == 4
        assert round(sum(edges.mapped('qty')), 4) == 10.0
        big_cheese = cheese_lines.filtered(lambda line: line.qty_done == 3.0).lot_id
        big_whey = whey_lines.filtered(lambda line: line.qty_done == 3.0).lot_id
        deliver(env, cheese_buyer, cheese, big_cheese, 3.0)
        deliver(env, whey_buyer, whey, big_whey, 3.0)
        ids = milk_lot.id, cheese_buyer.id, whey_buyer.id

    with registry_env(byproduct_db) as env:
        milk_lot_id, cheese_buyer_id, whey_buyer_id = ids
        milk_lot = env['stock.production.lot'].browse(milk_lot_id)
        assert (milk_lot.mb_received, milk_lot.mb_consumed, milk_lot.mb_on_hand,
                milk_lot.mb_unexplained) == (20.0, 10.0, 10.0, 0.0)
        recall = _recall(env, milk_lot)
        assert sorted((c.partner_id.id, c.qty) for c in recall.customer_ids) == sorted(
            [(cheese_buyer_id, 3.0), (whey_buyer_id, 3.0)])
        assert all(balance.unexplained == 0.0 for balance in recall.balance_ids)
        assert len(recall.balance_ids) == 5     # milk, two cheese lots, two whey lots
        assert recall.reconciliation_pct == 100.0


def _repair(env, customer, device, device_lot, part, part_lot, address=None):
    """A repair of DEVICE (of DEVICE_LOT, or without a lot) for CUSTOMER
    (its address ADDRESS, else CUSTOMER) fitting one PART of PART_LOT, done."""
    stock = env.ref('stock.warehouse0').lot_stock_id
    production = env['stock.location'].search([('usage', '=', 'production')], limit=1)
    repair = env['mrp.repair'].create({
        'product_id': device.id, 'product_qty': 1.0, 'product_uom': device.uom_id.id,
        'partner_id': customer.id, 'address_id': (address or customer).id,
        'lot_id': device_lot.id if device_lot else False,
        'location_id': stock.id, 'location_dest_id': stock.id, 'invoice_method': 'none',
        'operations': [(0, 0, {
            'type': 'add', 'name': part.name, 'product_id': part.id, 'product_uom_qty': 1.0,
            'product_uom': part.uom_id.id, 'price_unit': 1.0, 'lot_id': part_lot.id,
            'location_id': stock.id, 'location_dest_id': production.id})],
    })
    repair.action_repair_confirm()
    repair.action_repair_start()
    repair.action_repair_end()
    assert repair.state == 'done', repair.state
    return repair


def test_repair_part_reaches_the_device_customer(repair_db):
    """A spare-part lot fitted by a repair (mrp_repair) into a customer's
    device lot, the device then delivered back: the part lot's genealogy
    reaches the device lot when the repair is done, its recall lists the
    customer and reconciles to 100 %."""
    with registry_env(repair_db) as env:
        vendor = env['res.partner'].create({'name': 'Pump Maker', 'supplier': True})
        customer = env['res.partner'].create({'name': 'Cafe Repaired', 'customer': True})
        part = factories.product(env, 'Spare Pump RP')
        device = factories.product(env, 'Espresso Machine RP')
        part_lot = receive(env, vendor, part, 'PUMP-RP-1', 5.0)[0]
        device_lot = receive(env, vendor, device, 'ESP-RP-1', 1.0)[0]
        delivery = deliver(env, customer, device, device_lot, 1.0)
        return_lot(env, delivery, device_lot, 1.0)           # sent in for repair
        repair = _repair(env, customer, device, device_lot, part, part_lot)
        [part_line] = repair.operations.move_id.move_line_ids
        assert _kind_of(env, part_line) == 'repair_consumption'
        # the genealogy, refreshed when the repair was done
        [edge] = env['lot.genealogy.edge'].search([('component_lot_id', '=', part_lot.id)])
        assert (edge.finished_lot_id, edge.qty, edge.production_id.id) == (
            device_lot, 1.0, False)
        deliver(env, customer, device, device_lot, 1.0)       # back to the customer
        ids = part_lot.id, device_lot.id, customer.id

    with registry_env(repair_db) as env:
        part_lot_id, device_lot_id, customer_id = ids
        part_lot = env['stock.production.lot'].browse(part_lot_id)
        assert [row['lot_id'] for row in part_lot.trace_downstream()
                if row['kind'] == 'production'] == [device_lot_id]
        assert (part_lot.mb_received, part_lot.mb_consumed, part_lot.mb_on_hand,
                part_lot.mb_unexplained) == (5.0, 1.0, 4.0, 0.0)
        recall = _recall(env, part_lot)
        assert [(c.partner_id.id, c.delivered_qty, c.returned_qty, c.qty)
                for c in recall.customer_ids] == [(customer_id, 2.0, 1.0, 1.0)]
        assert sorted((b.lot_id.id, b.made_or_received, b.on_hand, b.at_customers,
                       b.consumed_traced, b.unexplained) for b in recall.balance_ids) == [
            (part_lot_id, 5.0, 4.0, 0.0, 1.0, 0.0), (device_lot_id, 1.0, 0.0, 1.0, 0.0, 0.0)]
        assert recall.reconciliation_pct == 100.0


def _kind_of(env, line):
    """The kind tools/move_kind_sql.py gives the move line LINE."""
    env.cr.execute('SELECT %s FROM stock_move_line ml JOIN stock_move m ON m.id = ml.move_id'
                   ' JOIN stock_location ls ON ls.id = ml.location_id'
                   ' JOIN stock_location ld ON ld.id = ml.location_dest_id'
                   ' WHERE ml.id = %%s' % KIND, (line.id,))
    return env.cr.fetchone()[0]


def test_repair_part_into_a_device_without_lot(repair_db):
    """A spare-part lot fitted by a repair into a customer's device that has
    no lot (an untracked product): no lot to link the part to, the part goes
    with the device to the repair's customer (its address). The recall lists
    that address, the lot's tabs the customer, the mass balance counts the
    part delivered and reconciles to 100 %."""
    with registry_env(repair_db) as env:
        vendor = env['res.partner'].create({'name': 'Valve Maker', 'supplier': True})
        customer = env['res.partner'].create({'name': 'Dairy Repaired', 'customer': True,
                                              'is_company': True})
        site = env['res.partner'].create({'name': 'Milking Parlour', 'type': 'delivery',
                                          'parent_id': customer.id, 'city': 'Lier'})
        part = factories.product(env, 'Spare Valve NL')
        device = factories.product(env, 'Milking Machine NL', tracking='none')
        part_lot = receive(env, vendor, part, 'VALVE-NL-1', 5.0)[0]
        repair = _repair(env, customer, device, None, part, part_lot, address=site)
        [part_line] = repair.operations.move_id.move_line_ids
        assert _kind_of(env, part_line) == 'repair_delivery'
        assert not env['lot.genealogy.edge'].search([('component_lot_id', '=', part_lot.id)])
        ids = part_lot.id, customer.id, site.id, repair.name

    with registry_env(repair_db) as env:
        part_lot_id, customer_id, site_id, repair_name = ids
        part_lot = env['stock.production.lot'].browse(part_lot_id)
        [row] = [row for row in part_lot.trace_downstream() if row['kind'] == 'delivery']
        assert (row['partner_id'], row['move_kind'], row['qty'], row['res_model']) == (
            site_id, 'repair_delivery', 1.0, 'stock.move')
        assert env['stock.move'].browse(row['res_id']).origin == repair_name
        recall = _recall(env, part_lot)
        assert [(c.partner_id.id, c.delivered_qty, c.returned_qty, c.qty)
                for c in recall.customer_ids] == [(site_id, 1.0, 0.0, 1.0)]
        [balance] = recall.balance_ids
        assert (balance.made_or_received, balance.on_hand, balance.at_customers,
                balance.consumed_traced, balance.unexplained) == (5.0, 4.0, 1.0, 0.0, 0.0)
        assert recall.reconciliation_pct == 100.0
        # the lot's Customers and Balance tabs
        assert part_lot.customer_ids.ids == [customer_id]
        assert [(line.customer_id.id, line.customer_direction)
                for line in part_lot.customer_move_line_ids] == [(site_id, 'delivery')]
        assert [(b.partner_id.id, b.delivered_qty, b.returned_qty, b.net_qty)
                for b in part_lot.customer_balance_ids] == [(customer_id, 1.0, 0.0, 1.0)]
        assert env['res.partner'].browse(customer_id).lot_received_count == 1
        # delivered, not consumed: nothing unexplained
        assert (part_lot.mb_received, part_lot.mb_consumed, part_lot.mb_delivered,
                part_lot.mb_on_hand, part_lot.mb_unexplained) == (5.0, 0.0, 1.0, 4.0, 0.0)
        # a repair is no shipment: no FSMA shipping event
        assert not list(EventReader(env.cr, lot_ids=[part_lot_id]).moves(SHIPPING))


class TestLotsCreatedBeforeValidation(SavepointCase):
    """Lots that exist before their receipt is validated (typed on the line,
    created by a scan of the supplier's GS1 label) learn their vendor,
    purchase order, receipt and received quantity when it is; a lot received
    before keeps its first receipt."""

    def test_scanned_and_typed_lots_learn_their_origin(self):
        env = self.env
        vendor = env['res.partner'].create({'name': 'Label Printing Farm', 'supplier': True})
        other_vendor = env['res.partner'].create({'name': 'Second Farm', 'supplier': True})
        product = factories.product(env, 'Labelled Yoghurt', barcode=GTIN_FLOW[1:])
        # typed on the line before validation (recall_common.receive)
        typed, first_order, first_receipt = receive(env, vendor, product, 'TYPED-ORIGIN-1', 10.0)
        self.assertEqual((typed.vendor_id, typed.purchase_order_id, typed.receipt_picking_id,
                          typed.received_qty), (vendor, first_order, first_receipt, 10.0))
        self.assertEqual(typed.receipt_date, first_receipt.date_done)
        # scanned on a second receipt: a new lot from the label, and the typed lot again
        order = factories.purchase(env, other_vendor, product, 10.0, factories.utc())
        receipt = order.picking_ids
        receipt.action_assign()
        expiry = datetime.date.today() + datetime.timedelta(days=30)
        answer = receipt.lot_scan(gs1_code(GTIN_FLOW, lot='SCAN-ORIGIN-1', expiry=expiry,
                                           count=6))
        self.assertEqual(answer['status'], 'ok', answer['message'])
        answer = receipt.lot_scan(gs1_code(GTIN_FLOW, lot='TYPED-ORIGIN-1', count=4))
        self.assertEqual(answer['status'], 'ok', answer['message'])
        scanned = env['stock.production.lot'].search([('name', '=', 'SCAN-ORIGIN-1')])
        self.assertFalse(scanned.receipt_picking_id)
        receipt.button_validate()
        self.assertEqual(receipt.state, 'done')
        self.assertEqual((scanned.vendor_id, scanned.purchase_order_id,
                          scanned.receipt_picking_id, scanned.received_qty),
                         (other_vendor, order, receipt, 6.0))
        self.assertEqual(scanned.receipt_date, receipt.date_done)
        self.assertEqual(scanned.life_date[:10], str(expiry))
        self.assertEqual(scanned.tlc_source_partner_id, other_vendor)
        # the lot received before keeps its first receipt and quantity
        self.assertEqual((typed.vendor_id, typed.receipt_picking_id, typed.received_qty),
                         (vendor, first_receipt, 10.0))
        rows = [(row['partner_id'], row['qty'])
                for row in scanned.trace_upstream() if row['kind'] == 'receipt']
        self.assertEqual(rows, [(other_vendor.id, 6.0)])


def test_batch_of_deliveries(batch_db):
    """Two deliveries of one lot validated together in a batch transfer
    (stock_picking_batch): each customer gets their own quantity."""
    with registry_env(batch_db) as env:
        vendor = env['res.partner'].create({'name': 'Batch Vendor', 'supplier': True})
        first = env['res.partner'].create({'name': 'Batch Customer One', 'customer': True})
        second = env['res.partner'].create({'name': 'Batch Customer Two', 'customer': True})
        product = factories.product(env, 'Batched Honey')
        lot = receive(env, vendor, product, 'HONEY-BATCH-1', 10.0)[0]
        warehouse = env.ref('stock.warehouse0')
        customers = env.ref('stock.stock_location_customers')
        pickings = env['stock.picking']
        for customer, qty in ((first, 3.0), (second, 4.0)):
            picking = factories.picking(env, warehouse.out_type_id, warehouse.lot_stock_id,
                                        customers, [(product, qty)], partner=customer)
            picking.action_assign()
            assert picking.state == 'assigned' and picking.move_line_ids.lot_id == lot
            picking.move_line_ids.write({'qty_done': qty})
            pickings |= picking
        batch = env['stock.picking.batch'].create({'picking_ids': [(6, 0, pickings.ids)]})
        batch.confirm_picking()
        batch.done()
        assert set(pickings.mapped('state')) == {'done'}
        ids = lot.id, first.id, second.id

    with registry_env(batch_db) as env:
        lot_id, first_id, second_id = ids
        lot = env['stock.production.lot'].browse(lot_id)
        recall = _recall(env, lot)
        assert sorted((c.partner_id.id, c.delivered_qty, c.qty) for c in recall.customer_ids) == [
            (first_id, 3.0, 3.0), (second_id, 4.0, 4.0)]
        assert recall.reconciliation_pct == 100.0
        assert sorted((b.partner_id.id, b.net_qty) for b in lot.customer_balance_ids) == [
            (first_id, 3.0), (second_id, 4.0)]
        assert (lot.mb_received, lot.mb_delivered, lot.mb_on_hand, lot.mb_unexplained) == (
            10.0, 7.0, 3.0, 0.0)
        shipped = sorted((event['other']['id'], event['qty'])
                         for event in EventReader(env.cr, lot_ids=[lot_id]).moves(SHIPPING))
        assert shipped == [(first_id, 3.0), (second_id, 4.0)]


class TestConsignedStock(SavepointCase):
    """Stock received on consignment (the vendor stays its owner, Odoo's
    ``owner_id``) and delivered from: ownership changes nothing of who
    received the lot from whom and who got it."""

    def test_consigned_lot_delivered(self):
        env = self.env
        warehouse = env.ref('stock.warehouse0')
        vendor = env['res.partner'].create({'name': 'Consigning Vendor', 'supplier': True})
        customer = env['res.partner'].create({'name': 'Consignment Buyer', 'customer': True})
        product = factories.product(env, 'Consigned Saffron')
        lot = factories.lot(env, product, 'SAFFRON-OWNED-1')
        receipt = factories.picking(env, warehouse.in_type_id,
                                    env.ref('stock.stock_location_suppliers'),
                                    warehouse.lot_stock_id, [(product, 8.0)], partner=vendor)
        receipt.owner_id = vendor
        receipt.move_line_ids.unlink()
        factories.done_line(env, receipt.move_lines, lot, 8.0).owner_id = vendor
        receipt.button_validate()
        self.assertEqual(receipt.state, 'done')
        quant = env['stock.quant'].search([('lot_id', '=', lot.id),
                                           ('location_id', '=', warehouse.lot_stock_id.id)])
        self.assertEqual((quant.owner_id, quant.quantity), (vendor, 8.0))
        delivery = factories.picking(env, warehouse.out_type_id, warehouse.lot_stock_id,
                                     env.ref('stock.stock_location_customers'),
                                     [(product, 5.0)], partner=customer)
        delivery.action_assign()
        self.assertEqual((delivery.move_line_ids.lot_id, delivery.move_line_ids.owner_id),
                         (lot, vendor))
        delivery.move_line_ids.qty_done = 5.0
        delivery.button_validate()
        self.assertEqual(delivery.state, 'done')
        self.assertEqual((lot.vendor_id, lot.receipt_picking_id, lot.received_qty),
                         (vendor, receipt, 8.0))
        self.assertEqual((lot.mb_received, lot.mb_delivered, lot.mb_on_hand, lot.mb_unexplained),
                         (8.0, 5.0, 3.0, 0.0))
        recall = env['lot.recall'].create({'reason': 'Flow check', 'lot_ids': [(6, 0, lot.ids)]})
        recall.action_compute()
        self.assertEqual([(c.partner_id, c.qty) for c in recall.customer_ids], [(customer, 5.0)])
        self.assertEqual(recall.reconciliation_pct, 100.0)
        receipts = [(row['partner_id'], row['qty'])
                    for row in lot.trace_upstream() if row['kind'] == 'receipt']
        self.assertEqual(receipts, [(vendor.id, 8.0)])


class TestUnitsOfMeasure(SavepointCase):
    """A product kept in Units, sold and delivered in Dozens to one customer
    and in Units to another, part of the dozen returned: every figure in the
    product's unit."""

    @classmethod
    def setUpClass(cls):
        super(TestUnitsOfMeasure, cls).setUpClass()
        env = cls.env
        # deliveries keep the unit the order was sold in (Odoo's own setting)
        env['ir.config_parameter'].set_param('stock.propagate_uom', '1')
        cls.unit = env.ref('product.product_uom_unit')
        cls.dozen = env.ref('product.product_uom_dozen')
        vendor = env['res.partner'].create({'name': 'Egg Farm', 'supplier': True})
        cls.dozens_buyer = env['res.partner'].create({'name': 'Bakery By The Dozen',
                                                      'customer': True})
        cls.units_buyer = env['res.partner'].create({'name': 'Corner Shop In Units',
                                                     'customer': True})
        cls.product = factories.product(env, 'Free Range Egg', uom_id=cls.unit.id,
                                        uom_po_id=cls.unit.id)
        cls.lot = receive(env, vendor, cls.product, 'EGG-UOM-1', 24.0)[0]
        cls.in_dozens = cls.sell(cls.dozens_buyer, 1.0, cls.dozen)
        cls.in_units = cls.sell(cls.units_buyer, 12.0, cls.unit)

    @classmethod
    def sell(cls, customer, qty, uom):
        picking = factories.sale(cls.env, customer, cls.product, qty, uom).picking_ids
        assert picking.move_lines.product_uom == uom
        picking.move_line_ids.unlink()
        factories.done_line(cls.env, picking.move_lines, cls.lot, qty)
        picking.button_validate()
        assert picking.state == 'done', picking.state
        return picking

    def return_six(self):
        """The bakery returns 6 eggs of its dozen (the wizard counts in Units)."""
        wizard = factories.return_wizard(self.env, self.in_dozens)
        self.assertEqual(wizard.product_return_moves.quantity, 12.0)
        wizard.product_return_moves.write({'quantity': 6.0, 'lot_id': self.lot.id})
        picking = self.env['stock.picking'].browse(wizard._create_returns()[0])
        picking.move_line_ids.write({'qty_done': 6.0})
        picking.button_validate()
        self.assertEqual(picking.state, 'done')

    def test_purchase_in_dozens(self):
        """Bought and received in Dozens: the receipt row and the mass balance
        count Units."""
        vendor = self.env['res.partner'].create({'name': 'Egg Wholesaler', 'supplier': True})
        order = self.env['purchase.order'].create({
            'partner_id': vendor.id,
            'order_line': [(0, 0, {'product_id': self.product.id, 'name': self.product.name,
                                   'product_qty': 2.0, 'product_uom': self.dozen.id,
                                   'price_unit': 3.0, 'date_planned': factories.utc()})],
        })
        order.button_confirm()
        receipt = order.picking_ids
        self.assertEqual(receipt.move_lines.product_uom, self.dozen)
        lot = factories.lot(self.env, self.product, 'EGG-UOM-2')
        receipt.move_line_ids.unlink()
        factories.done_line(self.env, receipt.move_lines, lot, 2.0)
        receipt.button_validate()
        self.assertEqual(receipt.state, 'done')
        lot = receipt.move_line_ids.mapped('lot_id')
        [row] = [row for row in lot.trace_upstream() if row['kind'] == 'receipt']
        self.assertEqual((row['partner_id'], row['qty'], row['uom'], row['line_qty'],
                          row['line_uom']), (vendor.id, 24.0, self.unit.name, 2.0,
                                             self.dozen.name))
        self.assertEqual((lot.mb_received, lot.mb_on_hand, lot.mb_unexplained),
                         (24.0, 24.0, 0.0))
        # the lot's origin counts Units too
        self.assertEqual((lot.vendor_id, lot.purchase_order_id, lot.received_qty),
                         (vendor, order, 24.0))
        [event] = EventReader(self.env.cr, lot_ids=lot.ids).moves(RECEIVING)
        self.assertEqual((event['other']['id'], event['qty'], event['uom']),
                         (vendor.id, 2.0, self.dozen.name))

    def test_units_and_dozens_add_up_in_the_product_unit(self):
        self.return_six()
        # the return wizard still refuses more than was delivered (in Units)
        wizard = factories.return_wizard(self.env, self.in_dozens)
        wizard.product_return_moves.write({'quantity': 13.0, 'lot_id': self.lot.id})
        with self.assertRaises(UserError):
            wizard._create_returns()
        # trace rows in the product's unit, the line's own unit beside it
        rows = [row for row in self.lot.trace_downstream() if row['kind'] == 'delivery']
        found = sorted((row['partner_id'], row['qty'], row['uom'], row['line_qty'],
                        row['line_uom']) for row in rows)
        self.assertEqual(found, sorted([
            (self.dozens_buyer.id, 12.0, self.unit.name, 1.0, self.dozen.name),
            (self.units_buyer.id, 12.0, self.unit.name, 12.0, self.unit.name)]))
        # the recall: customers and header in Units
        recall = self.env['lot.recall'].create({'reason': 'Units',
                                                'lot_ids': [(6, 0, self.lot.ids)]})
        recall.action_compute()
        customers = {c.partner_id: (c.delivered_qty, c.returned_qty, c.qty, c.uom_name)
                     for c in recall.customer_ids}
        self.assertEqual(customers, {
            self.dozens_buyer: (12.0, 6.0, 6.0, self.unit.name),
            self.units_buyer: (12.0, 0.0, 12.0, self.unit.name)})
        self.assertEqual((recall.delivered_qty, recall.returned_qty), (24.0, 6.0))
        self.assertEqual(recall.reconciliation_pct, 100.0)
        # the lot's Balance tab
        self.assertEqual(
            {b.partner_id: (b.delivered_qty, b.returned_qty, b.net_qty)
             for b in self.lot.customer_balance_ids},
            {self.dozens_buyer: (12.0, 6.0, 6.0), self.units_buyer: (12.0, 0.0, 12.0)})
        # FSMA shipping events: as shipped, in the line's unit
        shipped = sorted((event['other']['id'], event['qty'], event['uom'])
                         for event in EventReader(self.env.cr, lot_ids=self.lot.ids).moves(
                             SHIPPING))
        self.assertEqual(shipped, sorted([(self.dozens_buyer.id, 1.0, self.dozen.name),
                                          (self.units_buyer.id, 12.0, self.unit.name)]))
        # mass balance: 24 in, 24 out, 6 back on hand
        self.assertEqual((self.lot.mb_received, self.lot.mb_delivered, self.lot.mb_returned,
                          self.lot.mb_on_hand, self.lot.mb_unexplained),
                         (24.0, 24.0, 6.0, 6.0, 0.0))


class TestReturnsBothWays(SavepointCase):
    """Flows that already worked and must keep working: part of a receipt
    back to the vendor, and a delivery returned and delivered again."""

    @classmethod
    def setUpClass(cls):
        super(TestReturnsBothWays, cls).setUpClass()
        env = cls.env
        cls.vendor = env['res.partner'].create({'name': 'Flour Mill', 'supplier': True})
        cls.shop = env['res.partner'].create({'name': 'Village Shop', 'customer': True})
        cls.product = factories.product(env, 'Rye Flour')
        cls.lot, _order, cls.receipt = receive(env, cls.vendor, cls.product, 'RYE-1', 10.0)

    def recall(self):
        recall = self.env['lot.recall'].create({'reason': 'Flow check',
                                                'lot_ids': [(6, 0, self.lot.ids)]})
        recall.action_compute()
        return recall

    def test_return_to_vendor(self):
        back = return_lot(self.env, self.receipt, self.lot, 4.0)
        self.assertEqual((back.location_id.usage, back.location_dest_id.usage),
                         ('internal', 'supplier'))
        self.assertEqual((self.lot.mb_received, self.lot.mb_returned_to_vendor,
                          self.lot.mb_on_hand, self.lot.mb_unexplained), (10.0, 4.0, 6.0, 0.0))
        receipts = [row for row in self.lot.trace_upstream() if row['kind'] == 'receipt']
        self.assertEqual([(r['partner_id'], r['move_kind'], r['qty']) for r in receipts],
                         [(self.vendor.id, 'receipt', 10.0)])
        self.assertFalse(self.lot.customer_ids)
        recall = self.recall()
        self.assertFalse(recall.customer_ids)
        self.assertEqual(recall.reconciliation_pct, 100.0)

    def test_delivery_returned_and_delivered_again(self):
        first = deliver(self.env, self.shop, self.product, self.lot, 5.0)
        return_lot(self.env, first, self.lot, 2.0)
        deliver(self.env, self.shop, self.product, self.lot, 2.0)
        rows = [(row['kind'], row['move_kind'], row['partner_id'], row['qty'])
                for row in self.lot.trace_downstream() if row['kind'] in ('delivery', 'return')]
        self.assertEqual(sorted(rows), sorted([
            ('delivery', 'delivery', self.shop.id, 5.0),
            ('return', 'customer_return', self.shop.id, 2.0),
            ('delivery', 'delivery', self.shop.id, 2.0)]))
        recall = self.recall()
        self.assertEqual([(c.partner_id, c.delivered_qty, c.returned_qty, c.qty)
                          for c in recall.customer_ids], [(self.shop, 7.0, 2.0, 5.0)])
        self.assertEqual(recall.reconciliation_pct, 100.0)
        self.assertEqual([(b.partner_id, b.delivered_qty, b.returned_qty, b.net_qty)
                          for b in self.lot.customer_balance_ids], [(self.shop, 7.0, 2.0, 5.0)])
        self.assertEqual((self.lot.mb_delivered, self.lot.mb_returned, self.lot.mb_on_hand,
                          self.lot.mb_unexplained), (7.0, 2.0, 5.0, 0.0))


class TestPickPackShip(SavepointCase):
    """Delivery in three steps (pick into a package, pack, ship): one
    delivery to the customer, the internal steps nowhere in the recall."""

    def test_pick_pack_ship_with_a_package(self):
        env = self.env
        warehouse = env.ref('stock.warehouse0')
        warehouse.delivery_steps = 'pick_pack_ship'
        vendor = env['res.partner'].create({'name': 'Honey Farm', 'supplier': True})
        customer = env['res.partner'].create({'name': 'Tea Room', 'customer': True})
        product = factories.product(env, 'Acacia Honey')
        lot = receive(env, vendor, product, 'ACACIA-1', 8.0)[0]
        order = factories.sale(env, customer, product, 5.0, warehouse_id=warehouse.id)
        steps = [warehouse.pick_type_id, warehouse.pack_type_id, warehouse.out_type_id]
        for step in steps:
            picking = order.picking_ids.filtered(lambda p, t=step: p.picking_type_id == t)
            self.assertEqual(len(picking), 1, step.name)
            picking.action_assign()
            self.assertEqual(picking.move_line_ids.mapped('lot_id'), lot, step.name)
            for line in picking.move_line_ids:
                line.qty_done = line.product_uom_qty
            if step == warehouse.pick_type_id:
                picking.put_in_pack()
            picking.button_validate()
            self.assertEqual(picking.state, 'done', step.name)
        rows = [(row['kind'], row['move_kind'], row['partner_id'], row['qty'])
                for row in lot.trace_downstream() if row['kind'] != 'stock']
        self.assertEqual(rows, [('delivery', 'delivery', customer.id, 5.0)])
        recall = env['lot.recall'].create({'reason': 'Flow check', 'lot_ids': [(6, 0, lot.ids)]})
        recall.action_compute()
        self.assertEqual([(c.partner_id, c.delivered_qty, c.returned_qty, c.qty)
                          for c in recall.customer_ids], [(customer, 5.0, 0.0, 5.0)])
        self.assertEqual(recall.reconciliation_pct, 100.0)
        self.assertEqual(lot.customer_ids, customer)
        self.assertEqual((lot.mb_received, lot.mb_delivered, lot.mb_on_hand, lot.mb_unexplained),
                         (8.0, 5.0, 3.0, 0.0))


class TestScrapAndInventory(SavepointCase):
    """Scrap and an inventory loss: each in its own bucket, the loss the only
    unexplained quantity of the recall (as documented)."""

    def test_scrap_and_inventory_loss(self):
        env = self.env
        stock = env.ref('stock.stock_location_stock')
        vendor = env['res.partner'].create({'name': 'Oat Farm', 'supplier': True})
        product = factories.product(env, 'Rolled Oats')
        lot = receive(env, vendor, product, 'OATS-1', 10.0)[0]
        scrap = env['stock.scrap'].create({
            'product_id': product.id, 'lot_id': lot.id, 'scrap_qty': 2.0,
            'product_uom_id': product.uom_id.id, 'location_id': stock.id})
        scrap.do_scrap()
        inventory = env['stock.inventory'].create({
            'name': 'Oats count', 'filter': 'partial', 'location_id': stock.id})
        inventory.action_start()
        inventory.write({'line_ids': [(0, 0, {
            'product_id': product.id, 'prod_lot_id': lot.id, 'location_id': stock.id,
            'product_qty': 7.0})]})
        inventory.action_done()
        kinds = sorted((row['kind'], row['move_kind'], row['qty'])
                       for row in lot.trace_downstream() if row['kind'] != 'stock')
        self.assertEqual(kinds, [('scrap', 'scrap', 2.0)])
        self.assertEqual((lot.mb_received, lot.mb_scrapped, lot.mb_adjusted_out, lot.mb_on_hand,
                          lot.mb_unexplained), (10.0, 2.0, 1.0, 7.0, 0.0))
        recall = env['lot.recall'].create({'reason': 'Flow check', 'lot_ids': [(6, 0, lot.ids)]})
        recall.action_compute()
        self.assertFalse(recall.customer_ids)
        [balance] = recall.balance_ids
        self.assertEqual((balance.on_hand, balance.scrapped, balance.unexplained), (7.0, 2.0, 1.0))


class TestSerialsAndBackorders(SavepointCase):
    """Serial numbers received and delivered one by one; a delivery done in
    two parts through Odoo's backorder."""

    @classmethod
    def setUpClass(cls):
        super(TestSerialsAndBackorders, cls).setUpClass()
        env = cls.env
        cls.stock = env.ref('stock.stock_location_stock')
        cls.customers = env.ref('stock.stock_location_customers')
        cls.out_type = env.ref('stock.picking_type_out')
        cls.customer = env['res.partner'].create({'name': 'Clinic', 'customer': True})

    def validate(self, picking, lots_qty):
        picking.move_line_ids.unlink()
        for lot, qty in lots_qty:
            factories.done_line(self.env, picking.move_lines, lot, qty)
        return picking.button_validate()

    def recall_customers(self, lot):
        recall = self.env['lot.recall'].create({'reason': 'Flow check',
                                                'lot_ids': [(6, 0, lot.ids)]})
        recall.action_compute()
        self.assertEqual(recall.reconciliation_pct, 100.0)
        return [(c.partner_id, c.delivered_qty, c.returned_qty, c.qty)
                for c in recall.customer_ids]

    def test_serial_numbers(self):
        env = self.env
        product = factories.product(env, 'Infusion Pump', tracking='serial')
        vendor = env['res.partner'].create({'name': 'Pump Maker', 'supplier': True})
        receipt = factories.purchase(env, vendor, product, 3.0, factories.utc()).picking_ids
        self.validate(receipt, [(factories.lot(env, product, 'PUMP-%d' % i), 1.0)
                                for i in range(3)])
        self.assertEqual(receipt.state, 'done')
        serials = receipt.move_line_ids.mapped('lot_id').sorted('name')
        self.assertEqual(len(serials), 3)
        picking = factories.picking(env, self.out_type, self.stock, self.customers,
                                    [(product, 2.0)], partner=self.customer)
        self.validate(picking, [(serials[0], 1.0), (serials[1], 1.0)])
        self.assertEqual(picking.state, 'done')
        self.assertEqual(self.recall_customers(serials[0]), [(self.customer, 1.0, 0.0, 1.0)])
        self.assertEqual(serials[0].customer_ids, self.customer)
        self.assertFalse(serials[2].customer_ids)
        self.assertEqual((serials[1].mb_received, serials[1].mb_delivered,
                          serials[1].mb_on_hand, serials[1].mb_unexplained), (1.0, 1.0, 0.0, 0.0))
        self.assertEqual((serials[2].mb_received, serials[2].mb_on_hand), (1.0, 1.0))

    def test_delivery_with_a_backorder(self):
        env = self.env
        product = factories.product(env, 'Saline Bag')
        lot = receive(env, env['res.partner'].create({'name': 'Lab', 'supplier': True}),
                      product, 'SALINE-1', 10.0)[0]
        picking = factories.picking(env, self.out_type, self.stock, self.customers,
                                    [(product, 5.0)], partner=self.customer)
        self.validate(picking, [(lot, 3.0)])
        env['stock.backorder.confirmation'].create({'pick_ids': [(4, picking.id)]}).process()
        self.assertEqual(picking.state, 'done')
        backorder = env['stock.picking'].search([('backorder_id', '=', picking.id)])
        self.assertEqual(len(backorder), 1)
        self.validate(backorder, [(lot, 2.0)])
        self.assertEqual(backorder.state, 'done')
        self.assertEqual(self.recall_customers(lot), [(self.customer, 5.0, 0.0, 5.0)])
        self.assertEqual([(b.partner_id, b.delivered_qty, b.net_qty)
                          for b in lot.customer_balance_ids], [(self.customer, 5.0, 5.0)])
        self.assertEqual((lot.mb_received, lot.mb_delivered, lot.mb_on_hand, lot.mb_unexplained),
                         (10.0, 5.0, 5.0, 0.0))


class TestKit(SavepointCase):
    """A kit (phantom bill of materials) sold: its delivery carries the
    component lot, which reaches the customer."""

    def test_kit_component_lot_reaches_the_customer(self):
        env = self.env
        vendor = env['res.partner'].create({'name': 'Jar Supplier', 'supplier': True})
        customer = env['res.partner'].create({'name': 'Gift Shop', 'customer': True})
        component = factories.product(env, 'Jam Jar')
        kit = factories.product(env, 'Gift Box', tracking='none')
        factories.bom(env, kit, [(component, 2.0)], type='phantom')
        lot = receive(env, vendor, component, 'JAR-1', 10.0)[0]
        order = factories.sale(env, customer, kit, 3.0)
        picking = order.picking_ids
        self.assertEqual(picking.move_lines.mapped('product_id'), component)
        picking.move_line_ids.unlink()
        factories.done_line(env, picking.move_lines, lot, 6.0)
        picking.button_validate()
        self.assertEqual(picking.state, 'done')
        [row] = [row for row in lot.trace_downstream() if row['kind'] == 'delivery']
        self.assertEqual((row['partner_id'], row['qty'], row['sale_id']),
                         (customer.id, 6.0, order.id))
        recall = env['lot.recall'].create({'reason': 'Flow check', 'lot_ids': [(6, 0, lot.ids)]})
        recall.action_compute()
        self.assertEqual([(c.partner_id, c.delivered_qty, c.qty) for c in recall.customer_ids],
                         [(customer, 6.0, 6.0)])
        self.assertEqual(recall.reconciliation_pct, 100.0)
        self.assertEqual(lot.customer_ids, customer)


class TestThreeStepReception(SavepointCase):
    """Reception in three steps (input, quality control, stock): one receipt
    from the vendor, the internal steps counted nowhere."""

    def test_three_step_reception(self):
        env = self.env
        warehouse = env.ref('stock.warehouse0')
        warehouse.reception_steps = 'three_steps'
        vendor = env['res.partner'].create({'name': 'Cocoa Importer', 'supplier': True})
        product = factories.product(env, 'Cocoa Beans')
        order = factories.purchase(env, vendor, product, 10.0, factories.utc())
        lot = factories.lot(env, product, 'COCOA-1')
        steps = [warehouse.in_type_id, warehouse.int_type_id, warehouse.int_type_id]
        for index, step in enumerate(steps):
            pickings = env['stock.picking'].search([
                ('product_id', '=', product.id), ('picking_type_id', '=', step.id),
                ('state', 'not in', ('done', 'cancel'))])
            picking = pickings.filtered(lambda p: p.state == 'assigned') or pickings
            self.assertEqual(len(picking), 1, index)
            picking.action_assign()
            picking.move_line_ids.unlink()
            factories.done_line(env, picking.move_lines, lot, 10.0)
            picking.button_validate()
            self.assertEqual(picking.state, 'done', index)
        lot = order.picking_ids.move_line_ids.mapped('lot_id')
        receipts = [(row['partner_id'], row['move_kind'], row['qty'])
                    for row in lot.trace_upstream() if row['kind'] == 'receipt']
        self.assertEqual(receipts, [(vendor.id, 'receipt', 10.0)])
        stock_rows = [(row['location_id'], row['qty'])
                      for row in lot.trace_downstream() if row['kind'] == 'stock']
        self.assertEqual(stock_rows, [(warehouse.lot_stock_id.id, 10.0)])
        self.assertEqual((lot.mb_received, lot.mb_on_hand, lot.mb_unexplained), (10.0, 10.0, 0.0))
        events = list(EventReader(env.cr, lot_ids=lot.ids).moves(RECEIVING))
        self.assertEqual([(e['other']['id'], e['qty']) for e in events], [(vendor.id, 10.0)])


def _customers(recall):
    """The recall's customers: [(partner, delivered, returned, net)]."""
    return sorted(((c.partner_id, c.delivered_qty, c.returned_qty, c.qty)
                   for c in recall.customer_ids), key=lambda row: row[0].id)


class TestWorkOrdersInSteps(SavepointCase):
    """A manufacturing order with two work orders (mix, then bake) produced
    in two steps, each step its own finished lot: each lot is linked to what
    its step consumed of the component lot, and the component lot's recall
    reaches the customers of both."""

    def test_two_steps_two_finished_lots(self):
        env = self.env
        vendor = env['res.partner'].create({'name': 'Oat Mill WO', 'supplier': True})
        first = env['res.partner'].create({'name': 'Health Shop WO', 'customer': True})
        second = env['res.partner'].create({'name': 'School Canteen WO', 'customer': True})
        oats = factories.product(env, 'Oat Flakes WO')
        bar = factories.product(env, 'Granola Bar WO')
        routing = factories.routing(env, 'Bar line WO', [
            env['mrp.workcenter'].create({'name': 'Mixer WO'}),
            env['mrp.workcenter'].create({'name': 'Oven WO'})])
        bom = factories.bom(env, bar, [(oats, 2.0)], product_id=bar.id, routing_id=routing.id)
        oats_lot = receive(env, vendor, oats, 'OATS-WO-1', 20.0)[0]
        production = factories.production(env, bar, 5.0, bom)
        production.action_assign()
        production.button_plan()
        mix, bake = production.workorder_ids.sorted('id')
        self.assertEqual((mix.workcenter_id.name, bake.workcenter_id.name),
                         ('Mixer WO', 'Oven WO'))
        bar_lots = env['stock.production.lot']
        for qty, name in ((2.0, 'BAR-WO-1'), (3.0, 'BAR-WO-2')):
            lot = factories.lot(env, bar, name)
            for workorder in (mix, bake):
                workorder.write({'final_lot_id': lot.id, 'qty_producing': qty})
                if workorder.state != 'progress':
                    workorder.button_start()
                for line in workorder.active_move_line_ids:
                    line.write({'lot_id': oats_lot.id, 'qty_done': 2.0 * qty})
                workorder.record_production()
            bar_lots |= lot
        production.button_mark_done()
        self.assertEqual(production.state, 'done')
        finished = production.move_finished_ids.move_line_ids
        self.assertEqual(sorted((line.lot_id.name, line.qty_done) for line in finished),
                         [('BAR-WO-1', 2.0), ('BAR-WO-2', 3.0)])
        # the genealogy: each lot what its step consumed
        edges = env['lot.genealogy.edge'].search([('component_lot_id', '=', oats_lot.id)])
        self.assertEqual(sorted((e.finished_lot_id.name, e.qty, e.finished_qty, e.production_id.id)
                                for e in edges),
                         [('BAR-WO-1', 4.0, 2.0, production.id),
                          ('BAR-WO-2', 6.0, 3.0, production.id)])
        [row] = [row for row in bar_lots[1].trace_upstream() if row['kind'] == 'production']
        self.assertEqual((row['lot_id'], row['qty'], row['production_id']),
                         (oats_lot.id, 6.0, production.id))
        self.assertEqual(set(row['workcenter'].split(', ')), {'Mixer WO', 'Oven WO'})
        deliver(env, first, bar, bar_lots[0], 2.0)
        deliver(env, second, bar, bar_lots[1], 1.0)
        recall = _recall(env, oats_lot)
        self.assertEqual(_customers(recall), [(first, 2.0, 0.0, 2.0), (second, 1.0, 0.0, 1.0)])
        self.assertEqual(sorted((b.lot_id.name, b.made_or_received, b.on_hand, b.at_customers,
                                 b.consumed_traced, b.unexplained) for b in recall.balance_ids),
                         [('BAR-WO-1', 2.0, 0.0, 2.0, 0.0, 0.0),
                          ('BAR-WO-2', 3.0, 2.0, 1.0, 0.0, 0.0),
                          ('OATS-WO-1', 20.0, 10.0, 0.0, 10.0, 0.0)])
        self.assertEqual(recall.reconciliation_pct, 100.0)
        self.assertEqual((oats_lot.mb_received, oats_lot.mb_consumed, oats_lot.mb_on_hand,
                          oats_lot.mb_unexplained), (20.0, 10.0, 10.0, 0.0))
        # the finished lots' tabs and their shipping events
        self.assertEqual(bar_lots.mapped('customer_ids'), first | second)
        self.assertEqual([(b.partner_id, b.net_qty) for b in bar_lots[1].customer_balance_ids],
                         [(second, 1.0)])
        self.assertEqual((bar_lots[1].mb_produced, bar_lots[1].mb_delivered,
                          bar_lots[1].mb_on_hand, bar_lots[1].mb_unexplained),
                         (3.0, 1.0, 2.0, 0.0))
        shipped = sorted((event['lot']['name'], event['other']['id'], event['qty'])
                         for event in EventReader(env.cr, lot_ids=bar_lots.ids).moves(SHIPPING))
        self.assertEqual(shipped, [('BAR-WO-1', first.id, 2.0), ('BAR-WO-2', second.id, 1.0)])


class TestUnbuild(SavepointCase):
    """A finished lot partly unbuilt (mrp.unbuild): the components it gives
    back are on hand again, the genealogy keeps what stays in the finished
    lot, and the recall still reconciles."""

    def test_unbuild_gives_the_components_back(self):
        env = self.env
        vendor = env['res.partner'].create({'name': 'Nut Farm UB', 'supplier': True})
        customer = env['res.partner'].create({'name': 'Deli UB', 'customer': True})
        nuts = factories.product(env, 'Hazelnuts UB')
        paste = factories.product(env, 'Hazelnut Paste UB')
        bom = factories.bom(env, paste, [(nuts, 2.0)], product_id=paste.id)
        nut_lot = receive(env, vendor, nuts, 'NUTS-UB-1', 20.0)[0]
        paste_lot, production = produce_with_wizard(env, paste, bom, 5.0, 'PASTE-UB-1')
        deliver(env, customer, paste, paste_lot, 2.0)
        unbuild = factories.unbuild(env, production, paste_lot, 3.0)
        self.assertEqual(unbuild.state, 'done')
        self.assertEqual([(line.lot_id, line.qty_done)
                          for line in unbuild.produce_line_ids.mapped('move_line_ids')
                          if line.product_id == nuts], [(nut_lot, 6.0)])
        [edge] = env['lot.genealogy.edge'].search([('component_lot_id', '=', nut_lot.id)])
        self.assertEqual((edge.finished_lot_id, edge.qty), (paste_lot, 4.0))
        # downstream: the paste lot as made net of the unbuild (2, from 4 nuts), delivered
        downstream = [(row['kind'], row['lot_id'], row['qty'], row.get('component_qty'))
                      for row in nut_lot.trace_downstream()
                      if row['kind'] in ('production', 'delivery')]
        self.assertEqual(sorted(downstream), [('delivery', paste_lot.id, 2.0, None),
                                              ('production', paste_lot.id, 2.0, 4.0)])
        # net of the unbuild: 4 nuts consumed, 16 on hand; 2 paste made, 2 delivered
        self.assertEqual((nut_lot.mb_received, nut_lot.mb_consumed, nut_lot.mb_on_hand,
                          nut_lot.mb_unexplained), (20.0, 4.0, 16.0, 0.0))
        self.assertEqual((paste_lot.mb_produced, paste_lot.mb_delivered, paste_lot.mb_on_hand,
                          paste_lot.mb_unexplained), (2.0, 2.0, 0.0, 0.0))
        recall = _recall(env, nut_lot)
        self.assertEqual(_customers(recall), [(customer, 2.0, 0.0, 2.0)])
        self.assertEqual(sorted((b.lot_id, b.made_or_received, b.on_hand, b.at_customers,
                                 b.consumed_traced, b.unexplained) for b in recall.balance_ids),
                         sorted([(nut_lot, 20.0, 16.0, 0.0, 4.0, 0.0),
                                 (paste_lot, 2.0, 0.0, 2.0, 0.0, 0.0)]))
        self.assertEqual(recall.reconciliation_pct, 100.0)
        self.assertEqual(paste_lot.customer_ids, customer)
        self.assertEqual([(b.partner_id, b.net_qty) for b in paste_lot.customer_balance_ids],
                         [(customer, 2.0)])


class TestInterWarehouseResupply(SavepointCase):
    """A second warehouse resupplied from the first through the transit
    location (Odoo's resupply route): the transfer between the warehouses
    names no customer; the lot in transit is the one figure of its mass
    balance left unexplained until the second warehouse receives it. FSMA 204
    reads the transfer as a shipping event at the first warehouse naming the
    second and a receiving event at the second naming the first; a move
    inside one warehouse is neither."""

    def test_second_warehouse_resupplied_through_transit(self):
        env = self.env
        main = env.ref('stock.warehouse0')
        branch_address = env['res.partner'].create({
            'name': 'Branch Resupplied Site', 'street': '1 Quai RS', 'city': 'Namur',
            'phone': '+32 81 000 000'})
        branch = env['stock.warehouse'].create({
            'name': 'Branch Resupplied', 'code': 'BRRS', 'partner_id': branch_address.id,
            'resupply_wh_ids': [(6, 0, main.ids)]})
        route = branch.resupply_route_ids
        self.assertEqual(len(route), 1)
        vendor = env['res.partner'].create({'name': 'Tea Estate RS', 'supplier': True})
        customer = env['res.partner'].create({'name': 'Branch Customer RS', 'customer': True,
                                              'city': 'Mons'})
        product = factories.product(env, 'Green Tea RS', route_ids=[(6, 0, route.ids)])
        lot = receive(env, vendor, product, 'TEA-RS-1', 10.0)[0]
        env['procurement.group'].run(product, 6.0, product.uom_id, branch.lot_stock_id,
                                     'Resupply', 'RS-1', {'warehouse_id': branch})
        moves = env['stock.move'].search([('product_id', '=', product.id),
                                          ('state', 'not in', ('done', 'cancel'))])
        ship = moves.filtered(lambda m: m.location_id == main.lot_stock_id).picking_id
        arrive = moves.filtered(lambda m: m.location_dest_id == branch.lot_stock_id).picking_id
        self.assertEqual(len(ship), 1)
        self.assertEqual(len(arrive), 1)
        self.assertEqual((ship.location_dest_id.usage, arrive.location_id.usage),
                         ('transit', 'transit'))
        for step in (ship, arrive):
            step.action_assign()
            step.move_line_ids.unlink()
            factories.done_line(env, step.move_lines, lot, 6.0)
            step.button_validate()
            self.assertEqual(step.state, 'done')
            if step == ship:
                # in transit: on hand 4 in the first warehouse, 6 unexplained
                lot.invalidate_cache()
                self.assertEqual((lot.mb_received, lot.mb_on_hand, lot.mb_unexplained),
                                 (10.0, 4.0, 6.0))
        lot.invalidate_cache()
        self.assertEqual((lot.mb_received, lot.mb_on_hand, lot.mb_unexplained), (10.0, 10.0, 0.0))
        self.assertFalse(lot.customer_ids)
        stock = sorted((row['location_id'], row['qty'])
                       for row in lot.trace_downstream() if row['kind'] == 'stock')
        self.assertEqual(stock, sorted([(main.lot_stock_id.id, 4.0),
                                        (branch.lot_stock_id.id, 6.0)]))
        # the branch delivers 5 of them
        delivery = factories.picking(env, branch.out_type_id, branch.lot_stock_id,
                                     env.ref('stock.stock_location_customers'),
                                     [(product, 5.0)], partner=customer)
        delivery.action_assign()
        self.assertEqual(delivery.move_line_ids.lot_id, lot)
        delivery.move_line_ids.qty_done = 5.0
        delivery.button_validate()
        self.assertEqual(delivery.state, 'done')
        rows = [(row['kind'], row['partner_id'], row['qty'])
                for row in lot.trace_downstream() if row['kind'] != 'stock']
        self.assertEqual(rows, [('delivery', customer.id, 5.0)])
        recall = _recall(env, lot)
        self.assertEqual(_customers(recall), [(customer, 5.0, 0.0, 5.0)])
        self.assertEqual(recall.reconciliation_pct, 100.0)
        self.assertEqual([(b.partner_id, b.net_qty) for b in lot.customer_balance_ids],
                         [(customer, 5.0)])
        self.assertEqual((lot.mb_received, lot.mb_delivered, lot.mb_on_hand, lot.mb_unexplained),
                         (10.0, 5.0, 5.0, 0.0))
        self._check_fsma_events(lot, main, branch, customer, vendor, ship, arrive)
        # a transfer inside the branch is no FSMA event; one from the main
        # warehouse's stock straight into the branch's (no transit) is both
        shelf = env['stock.location'].create({'name': 'Shelf RS', 'usage': 'internal',
                                              'location_id': branch.lot_stock_id.id})
        before = self._events(lot)
        for source, destination, qty in ((branch.lot_stock_id, shelf, 2.0),
                                         (main.lot_stock_id, branch.lot_stock_id, 1.0)):
            transfer = factories.picking(env, main.int_type_id, source, destination,
                                         [(product, qty)])
            transfer.action_assign()
            transfer.move_line_ids.unlink()
            factories.done_line(env, transfer.move_lines, lot, qty)
            transfer.button_validate()
            self.assertEqual(transfer.state, 'done')
            if destination == shelf:
                self.assertEqual(self._events(lot), before)
        direct = transfer.move_line_ids
        self.assertEqual(self._events(lot)[SHIPPING][-1],
                         (direct.id, main.name, branch.name, branch_address.id, 1.0,
                          main.lot_stock_id.id))
        self.assertEqual(self._events(lot)[RECEIVING][-1],
                         (direct.id, branch.name, main.name, main.partner_id.id, 1.0,
                          branch.lot_stock_id.id))
        lot.invalidate_cache()
        self.assertEqual((lot.mb_received, lot.mb_delivered, lot.mb_on_hand, lot.mb_unexplained),
                         (10.0, 5.0, 5.0, 0.0))
        self.assertEqual(_recall(env, lot).reconciliation_pct, 100.0)

    @staticmethod
    def _events(lot):
        """{event: [(line, site's warehouse, other warehouse, other partner, qty, location)]}"""
        reader = EventReader(lot.env.cr, lot_ids=lot.ids)
        return {kind: [(int(e['key'][2:]), e['site'].get('warehouse'),
                        e['other'] and e['other'].get('warehouse'),
                        e['other'] and e['other']['id'], e['qty'], e['location_id'])
                       for e in reader.moves(kind)]
                for kind in (RECEIVING, SHIPPING)}

    def _check_fsma_events(self, lot, main, branch, customer, vendor, ship, arrive):
        """The shipment through transit: shipped from the main warehouse to the
        branch, received by the branch from the main warehouse (workbook rows
        and EPCIS events naming each other's warehouse)."""
        events = self._events(lot)
        receipt = lot.env['stock.move.line'].search([('lot_id', '=', lot.id),
                                                     ('location_id.usage', '=', 'supplier')])
        delivery = lot.env['stock.move.line'].search([('lot_id', '=', lot.id),
                                                      ('location_dest_id.usage', '=', 'customer')])
        self.assertEqual(events, {
            RECEIVING: [(receipt.id, None, None, vendor.id, 10.0, main.lot_stock_id.id),
                        (arrive.move_line_ids.id, branch.name, main.name, main.partner_id.id,
                         6.0, branch.lot_stock_id.id)],
            SHIPPING: [(ship.move_line_ids.id, main.name, branch.name, branch.partner_id.id, 6.0,
                        main.lot_stock_id.id),
                       (delivery.id, None, None, customer.id, 5.0, branch.lot_stock_id.id)]})
        reader = EventReader(lot.env.cr, lot_ids=lot.ids)
        shipped = [e for e in reader.moves(SHIPPING) if e['key'] == 'ml%d' % ship.move_line_ids.id]
        received = [e for e in reader.moves(RECEIVING)
                    if e['key'] == 'ml%d' % arrive.move_line_ids.id]
        shipped_row, received_row = kde_row(shipped[0]), kde_row(received[0])
        self.assertIn('Branch Resupplied Site, warehouse Branch Resupplied; 1 Quai RS, Namur',
                      shipped_row['ship_to'])
        self.assertIn('warehouse %s' % main.name, shipped_row['ship_from'])
        self.assertIn('warehouse %s' % main.name, received_row['ship_from'])
        self.assertIn('warehouse Branch Resupplied', received_row['location'])
        self.assertEqual((shipped_row['doc_type'], shipped_row['doc_number']),
                         ('Delivery order', ship.name))
        self.assertEqual((received_row['doc_type'], received_row['doc_number']),
                         ('Receipt', arrive.name))
        ids = epcis.Identifiers('https://acme.example')
        out, into = epcis.object_event(ids, shipped[0]), epcis.object_event(ids, received[0])
        branch_uri = 'https://acme.example/lot_traceability/warehouse/%d' % branch.id
        main_uri = 'https://acme.example/lot_traceability/warehouse/%d' % main.id
        self.assertEqual((out['bizStep'], out['bizLocation']['id'],
                          out['destinationList'][1]['destination']),
                         ('shipping', main_uri, branch_uri))
        self.assertEqual((into['bizStep'], into['bizLocation']['id'],
                          into['sourceList'][1]['source']), ('receiving', branch_uri, main_uri))


def _pos_order(env, session, reference, product, qty, lot_name, customer=None):
    """An order paid at the point of sale as its screen sends it (create_from_ui),
    QTY of PRODUCT with the lot LOT_NAME typed on the line."""
    now = odoo.fields.Datetime.now()
    amount = float(qty)
    env['pos.order'].create_from_ui([{'id': reference, 'to_invoice': False, 'data': {
        'name': 'Order %s' % reference, 'uid': reference, 'sequence_number': 1,
        'pos_session_id': session.id, 'user_id': env.uid, 'creation_date': now,
        'partner_id': customer.id if customer else False, 'fiscal_position_id': False,
        'pricelist_id': session.config_id.available_pricelist_ids[0].id,
        'amount_paid': amount, 'amount_total': amount, 'amount_tax': 0, 'amount_return': 0,
        'lines': [[0, 0, {'product_id': product.id, 'qty': qty, 'price_unit': 1.0,
                          'discount': 0, 'tax_ids': [(6, 0, [])],
                          'pack_lot_ids': [[0, 0, {'lot_name': lot_name}]]}]],
        'statement_ids': [[0, 0, {
            'account_id': env.user.partner_id.property_account_receivable_id.id,
            'amount': amount, 'journal_id': session.config_id.journal_ids[0].id,
            'name': now, 'statement_id': session.statement_ids[0].id}]],
    }}])
    return env['pos.order'].search([('pos_reference', '=', 'Order %s' % reference)])


def test_point_of_sale_order_with_a_lot(pos_db):
    """Orders paid at the point of sale (point_of_sale) for a lot-tracked
    product, the lot typed on the order line: the order's customer is the
    recall's customer; an order without a customer leaves its quantity
    delivered to nobody known (unexplained, as documented)."""
    with registry_env(pos_db) as env:
        vendor = env['res.partner'].create({'name': 'Cheese Dairy POS', 'supplier': True})
        customer = env['res.partner'].create({'name': 'Shop Customer POS', 'customer': True,
                                              'city': 'Namur'})
        product = factories.product(env, 'Farm Cheese POS', available_in_pos=True)
        lot = receive(env, vendor, product, 'CHEESE-POS-1', 10.0)[0]
        config = env.ref('point_of_sale.pos_config_main')
        config.open_session_cb()
        session = config.current_session_id
        known = _pos_order(env, session, '00077-001-0001', product, 3.0, lot.name, customer)
        anonymous = _pos_order(env, session, '00077-001-0002', product, 1.0, lot.name)
        for order in (known, anonymous):
            assert order.picking_id.state == 'done', order.picking_id.state
            lines = order.picking_id.move_lines.mapped('move_line_ids')
            assert lines.mapped('lot_id') == lot
            # Odoo 11 writes them without their transfer
            assert not lines.mapped('picking_id')
        assert known.picking_id.partner_id == customer
        assert not anonymous.picking_id.partner_id
        ids = lot.id, customer.id

    with registry_env(pos_db) as env:
        lot_id, customer_id = ids
        lot = env['stock.production.lot'].browse(lot_id)
        rows = sorted((row['partner_id'], row['qty'])
                      for row in lot.trace_downstream() if row['kind'] == 'delivery')
        assert rows == [(False, 1.0), (customer_id, 3.0)]
        recall = _recall(env, lot)
        assert [(c.partner_id.id, c.delivered_qty, c.returned_qty, c.qty)
                for c in recall.customer_ids] == [(customer_id, 3.0, 0.0, 3.0)]
        [balance] = recall.balance_ids
        assert (balance.on_hand, balance.at_customers, balance.unexplained) == (6.0, 3.0, 1.0)
        assert recall.reconciliation_pct == 90.0
        assert lot.customer_ids.ids == [customer_id]
        assert [(b.partner_id.id, b.delivered_qty, b.net_qty)
                for b in lot.customer_balance_ids] == [(customer_id, 3.0, 3.0)]
        assert (lot.mb_received, lot.mb_delivered, lot.mb_on_hand, lot.mb_unexplained) == (
            10.0, 4.0, 6.0, 0.0)
        shipped = sorted((event['other']['id'] if event['other'] else False, event['qty'])
                         for event in EventReader(env.cr, lot_ids=[lot_id]).moves(SHIPPING))
        assert shipped == [(False, 1.0), (customer_id, 3.0)]
