# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Refusals of the lot rules reach the web client as user errors of the
addon's own classes (lot_traceability/exceptions.py), which it shows under a
plain title ("Lot refused", "Reason required"; static/src/js/lot_refusals.js),
and write nothing. Over the real JSON-RPC API, as a stock user."""
import pytest

import factories
from conftest import registry_env
from test_scan_override import _delivery_with_shelf

REFUSED = 'odoo.addons.lot_traceability.exceptions.LotRefused'
REASON = 'odoo.addons.lot_traceability.exceptions.LotReasonRequired'


@pytest.fixture(scope='module')
def refusal(odoo_server):
    with registry_env(odoo_server.db) as env:
        ids = _delivery_with_shelf(env, 'MSG')
        factories.user(env, 'Refusal Worker', 'refusal_worker', [
            'stock.group_stock_user', 'stock.group_production_lot', 'base.group_user'],
            password='refusal_worker', email='refusal_worker@example.com')
        other = factories.product(env, 'Refusal Other')
        ids['foreign_lot'] = factories.lot(env, other, 'MSG-FOREIGN').id
        ids['line'] = env['stock.picking'].browse(ids['picking']).move_line_ids.id
    ids['http'] = odoo_server.session('refusal_worker', 'refusal_worker')
    return ids


def rpc_error(server, http, model, method, *args):
    """The JSON-RPC error of a call that must fail, as the web client gets it."""
    answer = http.post(server.url + '/web/dataset/call_kw', timeout=120, json={
        'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': {
            'model': model, 'method': method, 'args': list(args), 'kwargs': {}}})
    body = answer.json()
    assert 'error' in body, body
    return body['error']['data']


def state(env, ids):
    picking = env['stock.picking'].browse(ids['picking'])
    return (sorted((line.id, line.lot_id.id, line.qty_done, line.product_uom_qty)
                   for line in picking.move_line_ids),
            picking.state, env['lot.override.log'].search_count(
                [('move_line_id.picking_id', '=', picking.id)]))


def test_missing_reason_is_a_reason_required_error(odoo_server, refusal):
    with registry_env(odoo_server.db) as env:
        before = state(env, refusal)
    error = rpc_error(odoo_server, refusal['http'], 'stock.move.line', 'write',
                      [refusal['line']], {'lot_id': refusal['lot_b']})
    assert (error['name'], error['exception_type']) == (REASON, 'user_error')
    assert 'give a reason' in error['message'] and 'OVR-A-MSG' in error['message']
    error = rpc_error(odoo_server, refusal['http'], 'stock.move.line', 'action_override_lot',
                      [refusal['line']], refusal['lot_b'], '   ')
    assert (error['name'], error['arguments'][0]) == (REASON, 'Give a reason for the lot change.')
    with registry_env(odoo_server.db) as env:
        assert state(env, refusal) == before


def test_wrong_and_blocked_lots_are_lot_refused_errors(odoo_server, refusal):
    with registry_env(odoo_server.db) as env:
        before = state(env, refusal)
    error = rpc_error(odoo_server, refusal['http'], 'stock.move.line', 'action_override_lot',
                      [refusal['line']], refusal['foreign_lot'], 'at hand')
    assert (error['name'], error['exception_type']) == (REFUSED, 'user_error')
    assert 'MSG-FOREIGN is not a lot of' in error['message']
    with registry_env(odoo_server.db) as env:
        assert state(env, refusal) == before
        # counted, then held by quality: validation is refused
        env['stock.move.line'].browse(refusal['line']).qty_done = 5
        env['stock.production.lot'].browse(refusal['lot_a']).action_quarantine('mould')
        before = state(env, refusal)
    error = rpc_error(odoo_server, refusal['http'], 'stock.picking', 'action_done',
                      [refusal['picking']])
    assert (error['name'], error['exception_type']) == (REFUSED, 'user_error')
    assert 'quarantined' in error['message'] and 'OVR-A-MSG' in error['message']
    with registry_env(odoo_server.db) as env:
        assert state(env, refusal) == before
