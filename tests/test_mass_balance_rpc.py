# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mass balance over XML-RPC, called by a plain stock user on a real server."""
import xmlrpc.client

import pytest

import factories
from conftest import registry_env
from genealogy_factory import GenealogyFactory
from test_mass_balance import KEYS


def test_stock_user_reads_the_mass_balance_over_xmlrpc(odoo_server):
    with registry_env(odoo_server.db) as env:
        f = GenealogyFactory(env)
        resin, pellet = f.product('XMLRPC Resin'), f.product('XMLRPC Pellet')
        f.bom(pellet, [(resin, 2.0)])
        resin_lot = f.lot(resin, 'XMLRPC-RESIN-1')
        f.receive(resin_lot, 10.0, f.partner('XMLRPC Vendor'))
        _order, pellet_lot = f.produce(pellet, [(resin_lot, 4.0)], qty=2.0)
        f.scrap(resin_lot, 1.0)
        factories.user(env, 'Balance clerk', 'mb_clerk', ['stock.group_stock_user'],
                       password='mb_clerk')
        other = env['res.company'].create({'name': 'XMLRPC Other Co'})
        foreign_lot = env['stock.production.lot'].create({
            'name': 'XMLRPC-FOREIGN', 'product_id': resin.id, 'company_id': other.id})
        ids = [resin_lot.id, pellet_lot.id, foreign_lot.id]
        stock_name = f.stock.complete_name
    common = xmlrpc.client.ServerProxy(odoo_server.url + '/xmlrpc/2/common')
    uid = common.authenticate(odoo_server.db, 'mb_clerk', 'mb_clerk', {})
    assert uid
    models = xmlrpc.client.ServerProxy(odoo_server.url + '/xmlrpc/2/object', allow_none=True)

    def call(method, *args):
        return models.execute_kw(odoo_server.db, uid, 'mb_clerk', 'stock.production.lot',
                                 method, list(args))

    resin, pellet = call('mass_balance', ids[:2])
    assert set(resin) == KEYS and set(pellet) == KEYS
    assert resin['lot_id'] == ids[0]
    assert (resin['received'], resin['consumed'], resin['scrapped'], resin['on_hand'],
            resin['unexplained']) == (10.0, 4.0, 1.0, 5.0, 0.0)
    assert resin['on_hand_by_location'] == [
        {'location_id': resin['on_hand_by_location'][0]['location_id'],
         'location_name': stock_name, 'usage': 'internal', 'qty': 5.0}]
    assert (pellet['produced'], pellet['on_hand'], pellet['unexplained']) == (2.0, 2.0, 0.0)
    assert call('mass_balance', []) == []
    # the Balance tab's fields and links, as the web client reads them
    [row] = call('read', [ids[0]], ['mb_received', 'mb_on_hand', 'mb_unexplained'])
    assert (row['mb_received'], row['mb_on_hand'], row['mb_unexplained']) == (10.0, 5.0, 0.0)
    with pytest.raises(xmlrpc.client.Fault) as error:
        call('mass_balance', [ids[2]])           # another company's lot: the usual error
    assert 'security restrictions' in error.value.faultString
