# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A two-level genealogy built through Odoo's real flows, for the recall tests.

    vendor --PO/receipt--> RM lot (flour, 10) --MO, produce wizard--> SA lot (dough, 10)
        --MO with a work order on "Oven TAG" by an operator--> FG lot (bread, 7)
            --deliveries--> customer A (4), customer B (2); 1 FG stays in stock;
            customer A returns 1 FG.
        --second MO--> FGB lot (bread, 3), all in stock (shares the SA lot with FG).
    An unrelated chain (RM2 -> SA2 -> FG2 -> customer C) must never show up.

``build_scenario(env, tag)`` works in a test transaction and in a committed
database (tag keeps names unique)."""
from types import SimpleNamespace

import factories


def _bom(env, product, component, routing=False):
    return factories.bom(env, product, [(component, 1.0)], product_id=product.id,
                         routing_id=routing)


def receive(env, vendor, product, lot_name, qty):
    """Purchase QTY of PRODUCT from VENDOR and receive it as lot LOT_NAME."""
    order = factories.purchase(env, vendor, product, qty, '2026-01-05 08:00:00')
    picking = order.picking_ids
    picking.action_assign()
    lot = factories.lot(env, product, lot_name)
    for line in picking.move_line_ids:
        line.write({'lot_id': lot.id, 'lot_name': False, 'qty_done': line.product_uom_qty})
    picking.button_validate()
    # another helper may name received lots itself: read back what was stored
    return picking.move_line_ids.mapped('lot_id')[:1], order, picking


def produce_with_wizard(env, product, bom, qty, lot_name):
    production = factories.production(env, product, qty, bom)
    production.action_assign()
    lot = factories.lot(env, product, lot_name)
    wizard = env['mrp.product.produce'].with_context(
        active_id=production.id, active_ids=[production.id]).create({'product_qty': qty,
                                                                     'lot_id': lot.id})
    for line in wizard.produce_line_ids:  # the worker confirms the reserved component lots
        line.qty_done = line.qty_to_consume
    wizard.do_produce()
    production.button_mark_done()
    assert production.state == 'done', production.state
    assert production.move_raw_ids.mapped('move_line_ids.lot_id'), 'no component lot consumed'
    return lot, production


def produce_with_workorder(env, product, bom, qty, lot_name, component_lot, operator):
    production = factories.production(env, product, qty, bom)
    production.action_assign()
    production.button_plan()
    lot = factories.lot(env, product, lot_name)
    workorder = production.workorder_ids[0].sudo(operator)
    workorder.write({'final_lot_id': lot.id, 'qty_producing': qty})
    workorder.button_start()
    for line in workorder.active_move_line_ids:
        line.write({'lot_id': component_lot.id, 'qty_done': qty})
    workorder.record_production()
    production.button_mark_done()
    assert production.state == 'done', production.state
    return lot, production


def deliver(env, customer, product, lot, qty):
    warehouse = env.ref('stock.warehouse0')
    stock, customers = warehouse.lot_stock_id, env.ref('stock.stock_location_customers')
    picking = factories.picking(env, warehouse.out_type_id, stock, customers, [(product, qty)],
                                partner=customer)
    return _validate_with_lot(env, picking, lot, qty)


def return_lot(env, delivery, lot, qty):
    """Customer returns QTY of LOT from DELIVERY (Odoo's return wizard)."""
    wizard = factories.return_wizard(env, delivery)
    wizard.product_return_moves.write({'quantity': qty})
    picking = env['stock.picking'].browse(wizard._create_returns()[0])
    return _validate_with_lot(env, picking, lot, qty)


def _validate_with_lot(env, picking, lot, qty):
    """Validate PICKING (one move) as QTY of LOT: its reservation is replaced by
    one done line, then the user's Validate button."""
    picking.action_assign()
    picking.move_line_ids.unlink()
    factories.done_line(env, picking.move_lines, lot, qty)
    picking.button_validate()
    assert picking.state == 'done', picking.state
    return picking


def build_scenario(env, tag):
    s = SimpleNamespace()
    s.vendor = env['res.partner'].create({'name': 'Mill %s' % tag, 'supplier': True,
                                          'is_company': True, 'email': 'mill@example.com'})
    s.customer_a = env['res.partner'].create({
        'name': 'Bakery A %s' % tag, 'customer': True, 'is_company': True,
        'street': '1 Baker Street', 'city': 'Springfield', 'phone': '+1 555 0101',
        'email': 'a@example.com'})
    s.customer_b = env['res.partner'].create({'name': 'Shop B %s' % tag, 'customer': True,
                                              'phone': '+1 555 0102', 'email': 'b@example.com'})
    s.customer_c = env['res.partner'].create({'name': 'Cafe C %s' % tag, 'customer': True})
    s.operator = factories.user(
        env, 'Olga Operator %s' % tag, 'olga_%s' % tag.lower(),
        ['mrp.group_mrp_user', 'base.group_user', 'stock.group_stock_user'],
        email='olga_%s@example.com' % tag.lower())
    s.flour = factories.product(env, 'Flour %s' % tag)
    s.dough = factories.product(env, 'Dough %s' % tag)
    s.bread = factories.product(env, 'Bread %s' % tag)
    s.workcenter = env['mrp.workcenter'].create({'name': 'Oven %s' % tag})
    routing = env['mrp.routing'].create({
        'name': 'Baking %s' % tag,
        'operation_ids': [(0, 0, {'name': 'Bake', 'workcenter_id': s.workcenter.id,
                                  'time_cycle_manual': 30})]})
    s.bom_dough = _bom(env, s.dough, s.flour)
    s.bom_bread = _bom(env, s.bread, s.dough, routing=routing.id)

    s.rm_lot, s.purchase, s.receipt = receive(env, s.vendor, s.flour, 'RM-%s' % tag, 10.0)
    s.sa_lot, s.mo_dough = produce_with_wizard(env, s.dough, s.bom_dough, 10.0, 'SA-%s' % tag)
    s.fg_lot, s.mo_bread = produce_with_workorder(env, s.bread, s.bom_bread, 7.0,
                                                  'FG-%s' % tag, s.sa_lot, s.operator)
    s.fgb_lot, s.mo_bread_b = produce_with_workorder(env, s.bread, s.bom_bread, 3.0,
                                                     'FGB-%s' % tag, s.sa_lot, s.operator)
    s.delivery_a = deliver(env, s.customer_a, s.bread, s.fg_lot, 4.0)
    s.delivery_b = deliver(env, s.customer_b, s.bread, s.fg_lot, 2.0)
    s.return_a = return_lot(env, s.delivery_a, s.fg_lot, 1.0)

    # an unrelated chain: must never appear in the traces above
    s.rm2_lot, _po2, _r2 = receive(env, s.vendor, s.flour, 'RM2-%s' % tag, 5.0)
    s.sa2_lot, _mo = produce_with_wizard(env, s.dough, s.bom_dough, 5.0, 'SA2-%s' % tag)
    s.fg2_lot, _mo2 = produce_with_workorder(env, s.bread, s.bom_bread, 5.0, 'FG2-%s' % tag,
                                             s.sa2_lot, s.operator)
    s.delivery_c = deliver(env, s.customer_c, s.bread, s.fg2_lot, 5.0)
    return s
