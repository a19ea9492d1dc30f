# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Through the real web server, as a warehouse worker: validate a receipt,
get the label action of the new lots, download the label PDF."""


def _xmlid(server, http, xmlid):
    module, name = xmlid.split('.')
    rows = server.call(http, 'ir.model.data', 'search_read',
                       [('module', '=', module), ('name', '=', name)], fields=['res_id'])
    return rows[0]['res_id']


def test_warehouse_worker_receives_and_prints_labels(odoo_server):
    server = odoo_server
    admin = server.session('admin', 'admin')
    groups = [_xmlid(server, admin, 'stock.group_stock_user'),
              _xmlid(server, admin, 'stock.group_production_lot')]
    server.call(admin, 'res.users', 'create', {
        'name': 'Receiving clerk', 'login': 'lot_clerk', 'password': 'lot_clerk',
        'email': 'clerk@example.com',
        'groups_id': [(6, 0, groups)]})
    in_type = _xmlid(server, admin, 'stock.picking_type_in')
    server.call(admin, 'stock.picking.type', 'write', [in_type],
                {'use_create_lots': True, 'print_lot_labels': True})
    product = server.call(admin, 'product.product', 'create', {
        'name': 'HTTP flour', 'type': 'product', 'tracking': 'lot', 'barcode': '4006381333931'})
    uom = server.call(admin, 'product.product', 'read', [product], ['uom_po_id'])[0]['uom_po_id'][0]
    order = server.call(admin, 'purchase.order', 'create', {
        'partner_id': _xmlid(server, admin, 'base.res_partner_1'),
        'order_line': [(0, 0, {'product_id': product, 'name': 'HTTP flour', 'product_qty': q,
                               'product_uom': uom, 'price_unit': 1,
                               'date_planned': '2026-01-01 00:00:00'}) for q in (8, 2)]})
    server.call(admin, 'purchase.order', 'button_confirm', [order])
    picking = server.call(admin, 'purchase.order', 'read', [order],
                          ['picking_ids'])[0]['picking_ids'][0]

    clerk = server.session('lot_clerk', 'lot_clerk')
    action = server.jsonrpc(clerk, '/web/dataset/call_button', model='stock.picking',
                            method='button_validate', args=[[picking]])
    assert action['res_model'] == 'stock.immediate.transfer'
    action = server.jsonrpc(clerk, '/web/dataset/call_button', model='stock.immediate.transfer',
                            method='process', args=[[action['res_id']]])
    assert action['type'] == 'ir.actions.report'
    lot_ids = sorted(action['context']['active_ids'])
    lots = server.call(clerk, 'stock.production.lot', 'read', lot_ids,
                       ['name', 'received_qty', 'purchase_order_id', 'receipt_picking_id'])
    assert sorted(lot['received_qty'] for lot in lots) == [2.0, 8.0]
    assert {lot['purchase_order_id'][0] for lot in lots} == {order}
    assert len({lot['name'] for lot in lots}) == 2

    pdf = clerk.get('%s/report/pdf/%s/%s' % (server.url, action['report_name'],
                                             ','.join(map(str, lot_ids))), timeout=180)
    assert pdf.status_code == 200
    assert pdf.headers['Content-Type'] == 'application/pdf'
    assert pdf.content.startswith(b'%PDF')
