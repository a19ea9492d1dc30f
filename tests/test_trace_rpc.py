# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The trace methods and the rebuild action over JSON-RPC, on a real server."""
import pytest

import factories
from conftest import RpcError, registry_env
from genealogy_factory import GenealogyFactory

ROW_KEYS = {'kind', 'level', 'lot_id', 'lot_name', 'product_id', 'product_name', 'qty',
            'uom', 'date', 'partner_id', 'reference', 'res_model', 'res_id'}


def test_trace_over_json_rpc(odoo_server):
    with registry_env(odoo_server.db) as env:
        f = GenealogyFactory(env)
        resin, pellet = f.product('RPC Resin'), f.product('RPC Pellet')
        f.bom(pellet, [(resin, 2.0)])
        resin_lot = f.lot(resin, 'RPC-RESIN-1')
        f.put_in_stock(resin_lot, 10.0)
        _order, pellet_lot = f.produce(pellet, [(resin_lot, 4.0)], qty=2.0,
                                       lot=f.lot(pellet, 'RPC-PELLET-1'))
        customer = f.partner('RPC Customer')
        f.deliver(pellet_lot, 1.0, customer)
        ids = {'resin': resin_lot.id, 'pellet': pellet_lot.id, 'customer': customer.id}
    http = odoo_server.session('admin', 'admin')
    rows = odoo_server.call(http, 'stock.production.lot', 'trace_downstream', [ids['resin']])
    for row in rows:
        assert ROW_KEYS <= set(row)
    assert [(r['kind'], r['lot_name'], r['level']) for r in rows if r['kind'] != 'stock'] == [
        ('production', 'RPC-PELLET-1', 1), ('delivery', 'RPC-PELLET-1', 2)]
    delivery = [r for r in rows if r['kind'] == 'delivery'][0]
    assert delivery['partner_id'] == ids['customer']
    assert isinstance(delivery['date'], str) and delivery['date'].startswith('20')
    rows = odoo_server.call(http, 'stock.production.lot', 'trace_upstream', [ids['pellet']],
                            max_depth=1)
    assert [(r['kind'], r['lot_name']) for r in rows] == [('production', 'RPC-RESIN-1')]
    assert odoo_server.call(http, 'stock.production.lot', 'trace_upstream', []) == []
    # the admin's "Rebuild genealogy"
    assert odoo_server.call(http, 'lot.genealogy.edge', 'action_rebuild_genealogy')[
        'res_model'] == 'lot.genealogy.edge'
    rows = odoo_server.call(http, 'stock.production.lot', 'trace_upstream', [ids['pellet']])
    assert [(r['kind'], r['lot_name']) for r in rows] == [('production', 'RPC-RESIN-1')]


def test_stock_user_cannot_rebuild_the_genealogy_over_json_rpc(odoo_server):
    with registry_env(odoo_server.db) as env:
        f = GenealogyFactory(env)
        flour, bread = f.product('RPC Flour'), f.product('RPC Bread')
        f.bom(bread, [(flour, 1.0)])
        flour_lot = f.lot(flour, 'RPC-FLOUR-1')
        f.put_in_stock(flour_lot, 5.0)
        f.produce(bread, [(flour_lot, 1.0)], qty=1.0, lot=f.lot(bread, 'RPC-BREAD-1'))
        factories.user(env, 'Trace Worker', 'trace_worker', ['stock.group_stock_user'],
                       password='trace_worker')

    def edge_ids():
        with registry_env(odoo_server.db) as env:
            env.cr.execute('SELECT id FROM lot_genealogy_edge ORDER BY id')
            return [row[0] for row in env.cr.fetchall()]

    before = edge_ids()
    assert before
    worker = odoo_server.session('trace_worker', 'trace_worker')
    for method, message in (('action_rebuild_genealogy', 'Only inventory managers'),
                            ('_rebuild_genealogy', 'Private methods'),
                            ('rebuild_genealogy', 'rebuild_genealogy')):
        with pytest.raises(RpcError, match=message):
            odoo_server.call(worker, 'lot.genealogy.edge', method)
    assert edge_ids() == before
    # a rebuild writes every edge again: the refusal above is what kept them
    admin = odoo_server.session('admin', 'admin')
    odoo_server.call(admin, 'lot.genealogy.edge', 'action_rebuild_genealogy')
    assert edge_ids() != before
