# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the web client gets for the sales and returns screens of the demo story,
over real HTTP as a logged-in user."""


def demo_id(server, http, name):
    return server.call(http, 'ir.model.data', 'xmlid_to_res_id', 'lot_traceability.' + name)


def lot_names(server, http, move_line_ids):
    lines = server.call(http, 'stock.move.line', 'read', move_line_ids,
                        ['lot_id', 'qty_done', 'customer_direction'])
    return sorted((line['lot_id'][1], line['qty_done'], line['customer_direction'])
                  for line in lines)


def test_sale_order_screen_lists_delivered_and_returned_lots(odoo_server):
    http = odoo_server.session('admin', 'admin')
    order_id = demo_id(odoo_server, http, 'demo_so_corner_deli_1')
    view = odoo_server.call(http, 'sale.order', 'fields_view_get', view_type='form')
    assert 'Delivered Lots' in view['arch']
    order = odoo_server.call(http, 'sale.order', 'read', [order_id],
                             ['lot_move_line_ids', 'lot_count', 'order_line'])[0]
    assert order['lot_count'] == 1
    assert lot_names(odoo_server, http, order['lot_move_line_ids']) == [
        ('GRN-0001', 10.0, 'return'), ('GRN-0001', 30.0, 'delivery')]
    line = odoo_server.call(http, 'sale.order.line', 'read', order['order_line'], ['lot_ids'])[0]
    assert [name for _id, name in odoo_server.call(http, 'stock.production.lot', 'name_get',
                                                   line['lot_ids'])] == ['GRN-0001']


def test_customer_and_lot_screens(odoo_server):
    http = odoo_server.session('admin', 'admin')
    partner_id = demo_id(odoo_server, http, 'demo_customer_freshmart')
    partner = odoo_server.call(http, 'res.partner', 'read', [partner_id],
                               ['lot_received_count'])[0]
    assert partner['lot_received_count'] == 2
    action = odoo_server.call(http, 'res.partner', 'action_view_lots_received', [partner_id])
    assert action['res_model'] == 'lot.customer.balance'
    rows = odoo_server.call(http, action['res_model'], 'search_read', action['domain'],
                            ['lot_id', 'delivered_qty', 'returned_qty', 'net_qty', 'uom_id',
                             'last_date'])
    assert sorted(row['lot_id'][1] for row in rows) == ['GRN-0001', 'GRN-0002']
    assert all(row['delivered_qty'] > 0 and row['last_date'] and row['uom_id'] for row in rows)
    lot_id = demo_id(odoo_server, http, 'demo_lot_grn_0001')
    lot = odoo_server.call(http, 'stock.production.lot', 'read', [lot_id],
                           ['customer_ids', 'customer_count'])[0]
    assert lot['customer_count'] == 3


def test_lot_customers_tab_is_net_of_returns(odoo_server):
    """GRN-0001: Corner Deli got 30 kg and sent 10 back: 20 net, and the lot's
    total is delivered minus returned, never delivered plus returned."""
    http = odoo_server.session('admin', 'admin')
    lot_id = demo_id(odoo_server, http, 'demo_lot_grn_0001')
    lot = odoo_server.call(http, 'stock.production.lot', 'read', [lot_id],
                           ['customer_balance_ids'])[0]
    rows = odoo_server.call(http, 'lot.customer.balance', 'read', lot['customer_balance_ids'],
                            ['partner_id', 'delivered_qty', 'returned_qty', 'net_qty', 'uom_id'])
    by_partner = {row['partner_id'][1]: row for row in rows}
    deli = by_partner['Corner Deli']
    assert (deli['delivered_qty'], deli['returned_qty'], deli['net_qty']) == (30.0, 10.0, 20.0)
    assert deli['uom_id'], 'the unit is shown'
    delivered = sum(row['delivered_qty'] for row in rows)
    returned = sum(row['returned_qty'] for row in rows)
    assert returned == 10.0
    assert sum(row['net_qty'] for row in rows) == delivered - returned


def test_return_screen_shows_reason_lot_and_delivery(odoo_server):
    http = odoo_server.session('admin', 'admin')
    return_id = demo_id(odoo_server, http, 'demo_return_corner_deli')
    picking = odoo_server.call(http, 'stock.picking', 'read', [return_id],
                               ['return_reason_id', 'returned_lot_ids', 'return_of_picking_id',
                                'is_customer_return', 'partner_id'])[0]
    assert picking['is_customer_return'] is True
    assert picking['return_reason_id'][1] == 'Defect'
    assert picking['partner_id'][1] == 'Corner Deli'
    assert picking['return_of_picking_id'][1].startswith('WH/OUT/')
    lots = odoo_server.call(http, 'stock.production.lot', 'name_get', picking['returned_lot_ids'])
    assert [name for _id, name in lots] == ['GRN-0001']
    listed = odoo_server.call(http, 'stock.picking', 'search', [('is_customer_return', '=', True)])
    assert return_id in listed
