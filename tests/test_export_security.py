# Copyright 2026 lot_traceability contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exports attacked over XML-RPC and JSON-RPC by a plain stock user of a
real server: no export helper takes a path or a stream over RPC (a file the
server can write stays as it was), an FSMA request refuses days it cannot
cover with a message, and its export figures are written by the export
buttons only."""
import xmlrpc.client

import pytest

import factories
from conftest import RpcError, registry_env

LOGIN = 'exp_worker'
CONTENT = b'ledger: nothing to overwrite here\n'


def xmlrpc_call(server, model, method, *args):
    common = xmlrpc.client.ServerProxy(server.url + '/xmlrpc/2/common')
    uid = common.authenticate(server.db, LOGIN, LOGIN, {})
    assert uid
    models = xmlrpc.client.ServerProxy(server.url + '/xmlrpc/2/object')
    return models.execute_kw(server.db, uid, LOGIN, model, method, list(args))


@pytest.fixture(scope='module')
def exp(odoo_server):
    with registry_env(odoo_server.db) as env:
        factories.login_user(env, LOGIN, ['stock.group_stock_user', 'base.group_user'],
                             name='Export Worker')
        product = env['product.product'].create({
            'name': 'EXP yoghurt', 'type': 'product', 'tracking': 'lot'})
        lot = env['stock.production.lot'].create({'name': 'EXP-1', 'product_id': product.id})
        recall = factories.traced_recall(env, lot, 'EXP alert')
        request = env['lot.fsma.request'].create({
            'requested_by': 'EXP agency', 'product_ids': [(6, 0, product.ids)],
            'date_from': '2026-01-01', 'date_to': '2026-03-31'})
        return {'request': request.id, 'recall': recall.id, 'product': product.id}


@pytest.fixture
def target(tmp_path):
    """A file the server process can write (it runs as the test's user)."""
    path = tmp_path / 'ledger.txt'
    path.write_bytes(CONTENT)
    return path


def request_row(server, http, request_id):
    return server.call(http, 'lot.fsma.request', 'read', [request_id],
                       ['date_from', 'date_to', 'date_exported', 'export_seconds'])[0]


def test_no_export_writes_a_file_given_over_json_rpc(odoo_server, exp, target):
    worker = odoo_server.session(LOGIN, LOGIN)
    attacks = [('lot.fsma.request', exp['request']), ('lot.recall', exp['recall'])]
    for model, record_id in attacks:
        for method in ('export_xlsx', 'export_epcis', 'xlsx_content'):
            # the former public helpers are no RPC entry point any more
            with pytest.raises(RpcError):
                odoo_server.call(worker, model, method, [record_id], str(target))
        for method in ('_export_xlsx', '_export_epcis'):
            with pytest.raises(RpcError, match='Private methods'):
                odoo_server.call(worker, model, method, [record_id], str(target))
        # the buttons take no output
        with pytest.raises(RpcError):
            odoo_server.call(worker, model, 'action_export_xlsx', [record_id], str(target))
    assert target.read_bytes() == CONTENT


def test_no_export_writes_a_file_given_over_xml_rpc(odoo_server, exp, target):
    for method in ('export_xlsx', 'export_epcis'):
        with pytest.raises(xmlrpc.client.Fault):
            xmlrpc_call(odoo_server, 'lot.fsma.request', method, [exp['request']], str(target))
    with pytest.raises(xmlrpc.client.Fault, match='Private methods'):
        xmlrpc_call(odoo_server, 'lot.fsma.request', '_export_xlsx', [exp['request']],
                    str(target))
    with pytest.raises(xmlrpc.client.Fault, match='Private methods'):
        xmlrpc_call(odoo_server, 'lot.recall', '_export_xlsx', [exp['recall']])
    assert target.read_bytes() == CONTENT


def test_export_helper_refuses_a_path_in_process(odoo_server, exp, target):
    """Even called from code, the workbook goes to a file object, never a path."""
    from odoo.exceptions import UserError
    with registry_env(odoo_server.db) as env:
        with pytest.raises(UserError, match='file object'):
            env['lot.fsma.request'].browse(exp['request'])._export_xlsx(str(target))
    assert target.read_bytes() == CONTENT


def test_fsma_request_refuses_days_it_cannot_cover(odoo_server, exp):
    worker = odoo_server.session(LOGIN, LOGIN)
    before = request_row(odoo_server, worker, exp['request'])
    for vals, message in (({'date_to': '9999-12-31'}, 'out of range'),
                          ({'date_from': '0001-01-01'}, 'out of range'),
                          ({'date_to': '2026-02-30'}, 'is not a date'),
                          ({'date_from': 'yesterday'}, 'is not a date')):
        with pytest.raises(RpcError, match=message):
            odoo_server.call(worker, 'lot.fsma.request', 'write', [exp['request']], vals)
        with pytest.raises(RpcError, match=message):
            odoo_server.call(worker, 'lot.fsma.request', 'create', dict(
                {'requested_by': 'EXP out of range', 'product_ids': [(6, 0, [exp['product']])],
                 'date_from': '2026-01-01', 'date_to': '2026-01-31'}, **vals))
    assert request_row(odoo_server, worker, exp['request']) == before
    assert odoo_server.call(worker, 'lot.fsma.request', 'search_count',
                            [('requested_by', '=', 'EXP out of range')]) == 0
    # the last day allowed still exports (no server error past it)
    odoo_server.call(worker, 'lot.fsma.request', 'write', [exp['request']],
                     {'date_to': '2999-12-31'})
    odoo_server.call(worker, 'lot.fsma.request', 'action_export_epcis', [exp['request']])
    odoo_server.call(worker, 'lot.fsma.request', 'write', [exp['request']],
                     {'date_to': before['date_to']})


def test_stock_user_cannot_write_the_export_figures(odoo_server, exp):
    worker = odoo_server.session(LOGIN, LOGIN)
    odoo_server.call(worker, 'lot.fsma.request', 'action_export_xlsx', [exp['request']])
    exported = request_row(odoo_server, worker, exp['request'])
    assert exported['date_exported'] and exported['export_seconds'] > 0
    for vals in ({'date_exported': '2000-01-01 00:00:00'}, {'export_seconds': 0.001},
                 {'date_exported': False, 'export_seconds': 0}):
        with pytest.raises(RpcError, match='recorded by its export buttons'):
            odoo_server.call(worker, 'lot.fsma.request', 'write', [exp['request']], vals)
        with pytest.raises(xmlrpc.client.Fault, match='recorded by its export buttons'):
            xmlrpc_call(odoo_server, 'lot.fsma.request', 'write', [exp['request']], vals)
    with pytest.raises(RpcError, match='recorded by its export buttons'):
        odoo_server.call(worker, 'lot.fsma.request', 'create', {
            'requested_by': 'EXP forged', 'product_ids': [(6, 0, [exp['product']])],
            'date_from': '2026-01-01', 'date_to': '2026-01-31',
            'date_exported': '2000-01-01 00:00:00', 'export_seconds': 0.001})
    assert request_row(odoo_server, worker, exp['request']) == exported
    assert odoo_server.call(worker, 'lot.fsma.request', 'search_count',
                            [('requested_by', '=', 'EXP forged')]) == 0


def test_download_of_a_request_that_cannot_be_answered_says_why(odoo_server, exp):
    """A GET answers 400 with the reason, not a server error (500)."""
    worker = odoo_server.session(LOGIN, LOGIN)
    empty = odoo_server.call(worker, 'lot.fsma.request', 'create', {
        'requested_by': 'EXP nothing asked', 'date_from': '2026-01-01',
        'date_to': '2026-01-31'})
    with registry_env(odoo_server.db) as env:
        # a request stored before its days were checked
        legacy = env['lot.fsma.request'].create({
            'requested_by': 'EXP legacy', 'product_ids': [(6, 0, [exp['product']])],
            'date_from': '2026-01-01', 'date_to': '2026-01-31'})
        env.cr.execute("UPDATE lot_fsma_request SET date_to = '9999-12-31' WHERE id = %s",
                       (legacy.id,))
        legacy = legacy.id
    for request_id, reason in ((empty, 'names no product, category or lot'),
                               (legacy, 'out of range')):
        for kind in ('xlsx', 'epcis'):
            answer = worker.get('%s/lot_traceability/fsma/%d/%s' % (
                odoo_server.url, request_id, kind), timeout=120)
            assert answer.status_code == 400, (kind, answer.status_code)
            assert reason in answer.text
        with pytest.raises(RpcError, match=reason):
            odoo_server.call(worker, 'lot.fsma.request', 'action_export_xlsx', [request_id])
    rows = odoo_server.call(worker, 'lot.fsma.request', 'read', [empty, legacy],
                            ['date_exported'])
    assert [row['date_exported'] for row in rows] == [False, False]
