# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quarantine and lot override through JSON-RPC on a real Odoo server, as
scanners and the web client call them."""
import pytest

import factories
from conftest import RpcError, registry_env
from fefo_common import utc


@pytest.fixture(scope='module')
def fefo_data(odoo_server):
    with registry_env(odoo_server.db) as env:
        warehouse = env.ref('stock.warehouse0')
        stock = warehouse.lot_stock_id
        product = factories.product(env, 'RPC cheese')
        lots = {}
        for name, days in (('RPC-SOON', 4), ('RPC-LATE', 40)):
            lot = factories.lot(env, product, name, life_date=utc(days))
            factories.add_stock(env, product, stock, 10, lot=lot)
            lots[name] = lot.id
        factories.login_user(env, 'rpc_worker', ['stock.group_stock_user', 'base.group_user'],
                             name='RPC worker')
        picking = factories.delivery(env, [(product, 3)], env.ref('base.res_partner_2'),
                                     assign=True)
        line = picking.move_line_ids
        assert line.lot_id.name == 'RPC-SOON'
        return {'lots': lots, 'line': line.id, 'picking': picking.id}


def test_worker_overrides_lot_by_rpc_and_cannot_quarantine(odoo_server, fefo_data):
    worker = odoo_server.session('rpc_worker', 'rpc_worker')
    lots = fefo_data['lots']
    with pytest.raises(RpcError, match='Inventory Manager'):
        odoo_server.call(worker, 'stock.production.lot', 'action_quarantine',
                         [lots['RPC-SOON']], 'looks odd')
    with pytest.raises(RpcError, match='reason'):
        odoo_server.call(worker, 'stock.move.line', 'action_override_lot',
                         [fefo_data['line']], lots['RPC-LATE'], '')
    result = odoo_server.call(worker, 'stock.move.line', 'action_override_lot',
                              [fefo_data['line']], lots['RPC-LATE'], 'Front pallet')
    assert result['override_log_id']
    assert 'FEFO' in result['warning']
    log = odoo_server.call(worker, 'lot.override.log', 'read', [result['override_log_id']],
                           ['planned_lot_id', 'actual_lot_id', 'reason'])[0]
    assert log['planned_lot_id'][0] == lots['RPC-SOON']
    assert log['actual_lot_id'][0] == lots['RPC-LATE']
    assert log['reason'] == 'Front pallet'


def test_manager_quarantines_by_rpc_and_reservation_moves(odoo_server, fefo_data):
    admin = odoo_server.session('admin', 'admin')
    lots = fefo_data['lots']
    assert odoo_server.call(admin, 'stock.production.lot', 'action_quarantine',
                            [lots['RPC-LATE']], 'Recall drill') is True
    lot = odoo_server.call(admin, 'stock.production.lot', 'read', [lots['RPC-LATE']],
                           ['quarantined', 'quarantine_reason'])[0]
    assert lot['quarantined'] and lot['quarantine_reason'] == 'Recall drill'
    lines = odoo_server.call(admin, 'stock.move.line', 'search_read',
                             [('picking_id', '=', fefo_data['picking'])],
                             ['lot_id', 'product_uom_qty'])
    assert [(line['lot_id'][1], line['product_uom_qty']) for line in lines] == [('RPC-SOON', 3.0)]
