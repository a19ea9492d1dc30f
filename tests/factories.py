# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The builders every test set-up shares: products, lots and stock, users,
purchase and sale orders, bills of materials, routings, manufacturing and
unbuild orders, transfers (receipts, deliveries) and their done move lines,
return wizards, traced recalls.

Plain functions of an environment, so they serve test cases (rolled back)
and data committed for the HTTP server alike. Each creates exactly what its
caller says, nothing more: confirming, reserving or validating stays with the
caller (genealogy_factory.py, customer_flow.py, fefo_common.py,
recall_common.py, scan_data.py)."""
from datetime import datetime, timedelta

from odoo import fields


def utc(delta_days=0, **delta):
    """Now in UTC, moved by DELTA_DAYS (and timedelta's DELTA), as Odoo 11 stores it."""
    return fields.Datetime.to_string(datetime.utcnow() + timedelta(days=delta_days, **delta))


def product(env, name, **vals):
    """A storable product, lot-tracked unless VALS say otherwise."""
    values = {'name': name, 'type': 'product', 'tracking': 'lot'}
    values.update(vals)
    return env['product.product'].create(values)


def lot(env, product, name, **vals):
    values = {'name': name, 'product_id': product.id}
    values.update(vals)
    return env['stock.production.lot'].create(values)


def add_stock(env, product, location, qty, lot=None, in_date=None):
    """QTY of PRODUCT (of LOT) on hand in LOCATION, without a move."""
    env['stock.quant']._update_available_quantity(product, location, qty, lot_id=lot,
                                                  in_date=in_date)


def user(env, name, login, groups=None, company=None, **vals):
    """A user in exactly GROUPS (xml ids or groups; None: Odoo's default
    groups), of COMPANY alone when given."""
    values = {'name': name, 'login': login}
    if groups is not None:
        values['groups_id'] = [(6, 0, [env.ref(group).id if isinstance(group, str) else group.id
                                       for group in groups])]
    if company is not None:
        values.update(company_id=company.id, company_ids=[(6, 0, company.ids)])
    values.update(vals)
    return env['res.users'].create(values)


def login_user(env, login, groups, name=None, **vals):
    """A user who logs in over HTTP with LOGIN as password, LOGIN@example.com
    as email, named after LOGIN unless NAME."""
    values = {'password': login, 'email': '%s@example.com' % login}
    values.update(vals)
    return user(env, name or login.replace('_', ' ').title(), login, groups, **values)


def purchase(env, vendor, product, qty, date_planned):
    """A confirmed purchase order of QTY PRODUCT from VENDOR (its receipt waits)."""
    order = env['purchase.order'].create({
        'partner_id': vendor.id,
        'order_line': [(0, 0, {
            'product_id': product.id, 'name': product.name, 'product_qty': qty,
            'product_uom': product.uom_id.id, 'price_unit': 1.0,
            'date_planned': date_planned,
        })],
    })
    order.button_confirm()
    return order


def bom(env, product, components, qty=1.0, **vals):
    """A bill of materials making QTY PRODUCT of COMPONENTS, [(product, qty)]."""
    values = {
        'product_tmpl_id': product.product_tmpl_id.id, 'product_qty': qty,
        'product_uom_id': product.uom_id.id,
        'bom_line_ids': [(0, 0, {'product_id': component.id, 'product_qty': component_qty,
                                 'product_uom_id': component.uom_id.id})
                         for component, component_qty in components],
    }
    values.update(vals)
    return env['mrp.bom'].create(values)


def routing(env, name, workcenters):
    """A routing of one operation per work centre of WORKCENTERS, in that order."""
    return env['mrp.routing'].create({
        'name': name,
        'operation_ids': [(0, 0, {'name': workcenter.name, 'workcenter_id': workcenter.id,
                                  'sequence': index, 'time_cycle_manual': 10})
                          for index, workcenter in enumerate(workcenters)]})


def production(env, product, qty, bom):
    """A manufacturing order (confirmed, as Odoo 11 creates it) of QTY PRODUCT."""
    return env['mrp.production'].create({
        'product_id': product.id, 'product_qty': qty, 'product_uom_id': product.uom_id.id,
        'bom_id': bom.id})


def unbuild(env, production, lot, qty):
    """QTY of the finished LOT of PRODUCTION unbuilt (Odoo's unbuild order, done)."""
    order = env['mrp.unbuild'].create({
        'product_id': production.product_id.id, 'bom_id': production.bom_id.id,
        'mo_id': production.id, 'lot_id': lot.id, 'product_qty': qty,
        'product_uom_id': production.product_uom_id.id})
    order.action_unbuild()
    return order


def sale(env, customer, product, qty, uom=None, **vals):
    """A confirmed sale order of QTY PRODUCT (in UOM, else its unit) to CUSTOMER."""
    values = {
        'partner_id': customer.id,
        'order_line': [(0, 0, {'product_id': product.id, 'name': product.name,
                               'product_uom_qty': qty,
                               'product_uom': (uom or product.uom_id).id, 'price_unit': 1.0})],
    }
    values.update(vals)
    order = env['sale.order'].create(values)
    order.action_confirm()
    return order


def traced_recall(env, lots, reason, **vals):
    """A recall of LOTS for REASON, traced (customers, lines and balance computed)."""
    values = {'reason': reason, 'lot_ids': [(6, 0, lots.ids)]}
    values.update(vals)
    recall = env['lot.recall'].create(values)
    recall.action_compute()
    return recall


def picking(env, picking_type, source, destination, lines, partner=None, company=None,
            confirm=True):
    """A transfer of LINES, [(product, qty)] or [(product, qty, uom)], one move
    each (in the product's unit unless UOM), of COMPANY (transfer and moves)
    when given; confirmed unless CONFIRM is false."""
    moves = []
    for line in lines:
        line_product, qty = line[0], line[1]
        move = {'name': line_product.name, 'product_id': line_product.id, 'product_uom_qty': qty,
                'product_uom': (line[2] if len(line) > 2 else line_product.uom_id).id,
                'location_id': source.id, 'location_dest_id': destination.id}
        if company is not None:
            move['company_id'] = company.id
        moves.append((0, 0, move))
    values = {
        'picking_type_id': picking_type.id,
        'location_id': source.id, 'location_dest_id': destination.id,
        'move_lines': moves,
    }
    if partner is not None:
        values['partner_id'] = partner.id
    if company is not None:
        values['company_id'] = company.id
    transfer = env['stock.picking'].create(values)
    if confirm:
        transfer.action_confirm()
    return transfer


def receipt(env, lines, partner=None, warehouse=None, **options):
    """A vendor receipt of LINES into the stock of WAREHOUSE (the main one unless
    told); OPTIONS as picking's."""
    warehouse = warehouse or env.ref('stock.warehouse0')
    return picking(env, warehouse.in_type_id, env.ref('stock.stock_location_suppliers'),
                   warehouse.lot_stock_id, lines, partner=partner, **options)


def delivery(env, lines, partner=None, warehouse=None, assign=False, **options):
    """A delivery of LINES from the stock of WAREHOUSE (the main one unless
    told) to the customers, reserved when ASSIGN; OPTIONS as picking's."""
    warehouse = warehouse or env.ref('stock.warehouse0')
    transfer = picking(env, warehouse.out_type_id, warehouse.lot_stock_id,
                       env.ref('stock.stock_location_customers'), lines, partner=partner,
                       **options)
    if assign:
        transfer.action_assign()
    return transfer


def done_line(env, move, lot, qty):
    """A move line of MOVE taking QTY of LOT, done (not yet validated)."""
    return env['stock.move.line'].create({
        'move_id': move.id, 'picking_id': move.picking_id.id, 'product_id': move.product_id.id,
        'product_uom_id': move.product_uom.id, 'lot_id': lot.id, 'qty_done': qty,
        'location_id': move.location_id.id, 'location_dest_id': move.location_dest_id.id,
    })


def return_wizard(env, delivery, **values):
    """Odoo's return wizard on the transfer DELIVERY."""
    return env['stock.return.picking'].with_context(
        active_id=delivery.id, active_ids=delivery.ids).create(values)
