# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The trace methods and the rebuild action over JSON-RPC, on a real server."""
from conftest import registry_env
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

    def call(model, method, args, **kwargs):
        return odoo_server.jsonrpc(http, '/web/dataset/call_kw', model=model, method=method,
                                   args=args, kwargs=kwargs)

    rows = call('stock.production.lot', 'trace_downstream', [[ids['resin']]])
    for row in rows:
        assert ROW_KEYS <= set(row)
    assert [(r['kind'], r['lot_name'], r['level']) for r in rows if r['kind'] != 'stock'] == [
        ('production', 'RPC-PELLET-1', 1), ('delivery', 'RPC-PELLET-1', 2)]
    delivery = [r for r in rows if r['kind'] == 'delivery'][0]
    assert delivery['partner_id'] == ids['customer']
    assert isinstance(delivery['date'], str) and delivery['date'].startswith('20')
    rows = call('stock.production.lot', 'trace_upstream', [[ids['pellet']]], max_depth=1)
    assert [(r['kind'], r['lot_name']) for r in rows] == [('production', 'RPC-RESIN-1')]
    assert call('stock.production.lot', 'trace_upstream', [[]]) == []
    # the admin's "Rebuild genealogy"
    assert call('lot.genealogy.edge', 'action_rebuild_genealogy', [])['res_model'] == \
        'lot.genealogy.edge'
    rows = call('stock.production.lot', 'trace_upstream', [[ids['pellet']]])
    assert [(r['kind'], r['lot_name']) for r in rows] == [('production', 'RPC-RESIN-1')]
