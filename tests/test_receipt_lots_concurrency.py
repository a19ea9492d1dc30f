# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Eight receipts validated at the same time, each in its own transaction
and thread, never draw the same lot name."""
import threading

import odoo

from conftest import registry_env, run_in_threads


def _make_receipts(env, count):
    product = env['product.product'].create({
        'name': 'Concurrent flour', 'type': 'product', 'tracking': 'lot'})
    serial = env['product.product'].create({
        'name': 'Concurrent scale', 'type': 'product', 'tracking': 'serial'})
    in_type = env.ref('stock.picking_type_in')
    in_type.use_create_lots = True
    vendor = env.ref('base.res_partner_1')
    pickings = env['stock.picking']
    for _i in range(count):
        order = env['purchase.order'].create({
            'partner_id': vendor.id,
            'order_line': [(0, 0, {
                'product_id': p.id, 'name': p.name, 'product_qty': qty,
                'product_uom': p.uom_po_id.id, 'price_unit': 1.0,
                'date_planned': '2026-01-01 00:00:00'})
                for p, qty in ((product, 5), (product, 3), (serial, 2))],
        })
        order.button_confirm()
        pickings |= order.picking_ids
    for line in pickings.mapped('move_line_ids'):
        line.qty_done = line.product_uom_qty
    return product | serial, pickings.ids


def test_eight_parallel_receipts_never_share_a_lot_name(clone_db):
    dbname = clone_db('lots_concurrency')
    with registry_env(dbname) as env:
        products, picking_ids = _make_receipts(env, 8)
        product_ids = products.ids

    barrier = threading.Barrier(len(picking_ids))
    errors = []

    def validate(picking_id):
        try:
            with odoo.api.Environment.manage(), registry_env(dbname) as env:
                picking = env['stock.picking'].browse(picking_id)
                picking.move_line_ids.read(['qty_done'])
                barrier.wait(timeout=60)
                picking.button_validate()
        except Exception as error:  # reported below, with the thread's error
            errors.append(repr(error))

    run_in_threads(validate, picking_ids)
    assert not errors, errors

    with registry_env(dbname) as env:
        pickings = env['stock.picking'].browse(picking_ids)
        assert set(pickings.mapped('state')) == {'done'}
        lots = env['stock.production.lot'].search([('product_id', 'in', product_ids)])
        # 8 receipts x (2 lot lines + 2 serials)
        assert len(lots) == 32
        names = [(lot.product_id.id, lot.name) for lot in lots]
        assert len(set(names)) == len(names)
        assert len(set(lots.mapped('name'))) == 32
        for picking in pickings:
            assert len(picking.move_line_ids.mapped('lot_id')) == 4
